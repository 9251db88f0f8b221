/* audio_com.cpp - the kernel COM pieces of the audio headers at run time, in a C++ driver that
 * loads (check_audio_com.sh): DECLARE_STD_UNKNOWN forwarding QueryInterface, AddRef and Release to
 * the outer unknown (the object's own non-delegating unknown, or an aggregating outer object),
 * the IMP_ macros declaring the methods the portcls.h interfaces call through their vtables,
 * QueryInterface on C++ GUID references, and stdunk.h's pool operators new and delete (every
 * object is freed before unload: the leak report would name it).
 *
 * The test supplies what stdunk.lib would (drvhost provides no stdunk.lib): CUnknown's members,
 * written here after COM's aggregation rules: the reference count starts at 0, a NULL outer
 * unknown means the object's own non-delegating unknown, and the last Release deletes the
 * object. It also defines its own __cxa_pure_virtual, which g++ references from the vtables of
 * the abstract interfaces (drvhost exports one too; a driver's own definition is the one its
 * module uses, -Bsymbolic). DriverEntry
 * returns STATUS_SUCCESS only when every check holds, after printing the first one that failed. */
#include <initguid.h>
#include <portcls.h>
#include <stdunk.h>

extern "C" void __cxa_pure_virtual(void)
{
    KeBugCheckEx(0xDEADDEAD, 0, 0, 0, 0); /* a pure virtual call: never in this test */
}

CUnknown::CUnknown(PUNKNOWN pUnknownOuter) : m_lRefCount(0)
{
    m_pUnknownOuter = pUnknownOuter != NULL
                          ? pUnknownOuter
                          : reinterpret_cast<PUNKNOWN>(static_cast<PNONDELEGATINGUNKNOWN>(this));
}
CUnknown::~CUnknown()
{}
STDMETHODIMP_(ULONG) CUnknown::NonDelegatingAddRef()
{
    return (ULONG)InterlockedIncrement(&m_lRefCount);
}
STDMETHODIMP_(ULONG) CUnknown::NonDelegatingRelease()
{
    LONG count = InterlockedDecrement(&m_lRefCount);
    if (count == 0)
        delete this;
    return (ULONG)count;
}
STDMETHODIMP_(NTSTATUS) CUnknown::NonDelegatingQueryInterface(REFIID rIID, PVOID *ppVoid)
{
    if (IsEqualGUIDAligned(rIID, IID_IUnknown)) {
        *ppVoid = PVOID(PNONDELEGATINGUNKNOWN(this));
        NonDelegatingAddRef();
        return STATUS_SUCCESS;
    }
    *ppVoid = NULL;
    return STATUS_INVALID_PARAMETER;
}

static LONG g_Destroyed;

/* A topology miniport with IMiniportTopology and IPowerNotify. */
class CTopo : public IMiniportTopology, public IPowerNotify, public CUnknown {
  public:
    DECLARE_STD_UNKNOWN();
    DEFINE_STD_CONSTRUCTOR(CTopo);
    ~CTopo()
    {
        InterlockedIncrement(&g_Destroyed);
    }
    IMP_IMiniportTopology;
    IMP_IPowerNotify;
    PRESOURCELIST m_Resources;
    DEVICE_POWER_STATE m_Power;
};

STDMETHODIMP_(NTSTATUS) CTopo::NonDelegatingQueryInterface(REFIID Interface, PVOID *Object)
{
    if (Interface == IID_IMiniportTopology || IsEqualGUID(Interface, IID_IMiniport))
        *Object = PVOID(PMINIPORTTOPOLOGY(this));
    else if (IsEqualGUIDAligned(Interface, IID_IPowerNotify))
        *Object = PVOID(PPOWERNOTIFY(this));
    else
        return CUnknown::NonDelegatingQueryInterface(Interface, Object);
    PUNKNOWN(*Object)->AddRef();
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CTopo::GetDescription(PPCFILTER_DESCRIPTOR *Description)
{
    *Description = NULL;
    return STATUS_NOT_SUPPORTED;
}
STDMETHODIMP_(NTSTATUS)
CTopo::DataRangeIntersection(ULONG PinId, PKSDATARANGE DataRange, PKSDATARANGE MatchingDataRange,
                             ULONG OutputBufferLength, PVOID ResultantFormat,
                             PULONG ResultantFormatLength)
{
    UNREFERENCED_PARAMETER(DataRange);
    UNREFERENCED_PARAMETER(MatchingDataRange);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(ResultantFormat);
    *ResultantFormatLength = PinId;
    return STATUS_NO_MATCH;
}
STDMETHODIMP_(NTSTATUS)
CTopo::Init(PUNKNOWN UnknownAdapter, PRESOURCELIST ResourceList, PPORTTOPOLOGY Port)
{
    UNREFERENCED_PARAMETER(UnknownAdapter);
    UNREFERENCED_PARAMETER(Port);
    m_Resources = ResourceList;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(void) CTopo::PowerChangeNotify(POWER_STATE PowerState)
{
    m_Power = PowerState.DeviceState;
}

/* An aggregating outer object: counts the calls the inner object forwards to it. */
class COuter : public IUnknown {
  public:
    LONG m_QueryCount, m_AddRefCount, m_ReleaseCount;
    COuter() : m_QueryCount(0), m_AddRefCount(0), m_ReleaseCount(0)
    {}
    STDMETHODIMP_(NTSTATUS) QueryInterface(REFIID InterfaceId, PVOID *Interface)
    {
        m_QueryCount++;
        *Interface = IsEqualGUID(InterfaceId, IID_IUnknown) ? PVOID(this) : NULL;
        return *Interface != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    }
    STDMETHODIMP_(ULONG) AddRef()
    {
        return (ULONG)++m_AddRefCount;
    }
    STDMETHODIMP_(ULONG) Release()
    {
        return (ULONG)++m_ReleaseCount;
    }
};

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "audio_com: line %d: %s\n",        \
                       __LINE__, #cond);                                                           \
            return STATUS_UNSUCCESSFUL;                                                            \
        }                                                                                          \
    } while (0)

/* Not aggregated: IUnknown through any interface is the object's own non-delegating one. */
static NTSTATUS CheckStandalone(void)
{
    CTopo *topo = new (POOL_FLAG_NON_PAGED, 'oTAT') CTopo(NULL);
    PMINIPORTTOPOLOGY miniport;
    PPOWERNOTIFY notify = NULL;
    PUNKNOWN unknown = NULL;
    PPCFILTER_DESCRIPTOR description = (PPCFILTER_DESCRIPTOR)1;
    ULONG length = 0;
    POWER_STATE state;
    CHECK(topo != NULL);
    miniport = PMINIPORTTOPOLOGY(topo);
    CHECK(miniport->AddRef() == 1);
    CHECK(NT_SUCCESS(miniport->QueryInterface(IID_IPowerNotify, (PVOID *)&notify)));
    CHECK(notify == PPOWERNOTIFY(topo));
    CHECK(miniport->QueryInterface(IID_IPortWaveRT, (PVOID *)&unknown) ==
              STATUS_INVALID_PARAMETER &&
          unknown == NULL);
    CHECK(NT_SUCCESS(notify->QueryInterface(IID_IUnknown, (PVOID *)&unknown)));
    CHECK(unknown == PUNKNOWN(PNONDELEGATINGUNKNOWN(topo)));
    /* Calls through the interfaces' vtables reach the IMP_ declared methods. */
    CHECK(miniport->Init(NULL, (PRESOURCELIST)0x1000, NULL) == STATUS_SUCCESS &&
          topo->m_Resources == (PRESOURCELIST)0x1000);
    CHECK(miniport->GetDescription(&description) == STATUS_NOT_SUPPORTED && description == NULL);
    CHECK(miniport->DataRangeIntersection(7, NULL, NULL, 0, NULL, &length) == STATUS_NO_MATCH &&
          length == 7);
    state.DeviceState = PowerDeviceD3;
    notify->PowerChangeNotify(state);
    CHECK(topo->m_Power == PowerDeviceD3);
    /* Four references: AddRef, two successful QueryInterface calls, and the IUnknown one. */
    CHECK(unknown->Release() == 2);
    CHECK(notify->Release() == 1);
    CHECK(g_Destroyed == 0);
    CHECK(miniport->Release() == 0);
    CHECK(g_Destroyed == 1); /* the last Release deleted it (operator delete: pool freed) */
    return STATUS_SUCCESS;
}

/* Aggregated: the inner object's IUnknown methods are the outer object's. */
static NTSTATUS CheckAggregated(void)
{
    COuter outer;
    CTopo *topo = new (POOL_FLAG_NON_PAGED, 'oTAT') CTopo(&outer);
    PMINIPORTTOPOLOGY miniport;
    PVOID object = NULL;
    CHECK(topo != NULL);
    miniport = PMINIPORTTOPOLOGY(topo);
    CHECK(topo->GetOuterUnknown() == &outer);
    CHECK(miniport->AddRef() == 1 && outer.m_AddRefCount == 1);
    CHECK(miniport->Release() == 1 && outer.m_ReleaseCount == 1);
    CHECK(NT_SUCCESS(miniport->QueryInterface(IID_IUnknown, &object)) && object == &outer &&
          outer.m_QueryCount == 1);
    /* The outer object owns the inner one's lifetime: it releases the non-delegating unknown. */
    CHECK(PNONDELEGATINGUNKNOWN(topo)->NonDelegatingAddRef() == 1);
    CHECK(PNONDELEGATINGUNKNOWN(topo)->NonDelegatingRelease() == 0);
    CHECK(g_Destroyed == 2);
    return STATUS_SUCCESS;
}

static VOID NTAPI DriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

extern "C" DRIVER_INITIALIZE DriverEntry;
extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = DriverUnload; /* unload: the leak report checks the pool */
    status = CheckStandalone();
    if (NT_SUCCESS(status))
        status = CheckAggregated();
    return status;
}
