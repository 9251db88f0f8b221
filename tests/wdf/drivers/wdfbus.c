/*
 * wdfbus.c - a framework bus driver (the toaster bus pattern): its FDO (root-enumerated,
 * WDFBUS\ROOT) has a default child list whose children (identification: a serial number;
 * address: a slot) the host plugs, unplugs and ejects through device controls, and one static
 * child (WDFBUS\STATIC) created in EvtDriverDeviceAdd. Each child PDO has a default queue
 * answering IOCTL_CHILD_WHO with "pdo N". Callbacks print "wdfbus: Callback(argument)" so
 * scenarios pin the orders; IOCTL_BUS_CHECKS runs the driver's own checks of the child list
 * and PDO routines (expected values: Microsoft's reference pages).
 * Built as wdfbusbad1 / wdfbusbad2 (WDFBUS_BAD 1, 2): misuse that is WDF_VIOLATION (a PDO
 * routine given an FDO's init, WdfPdoGetParent of an FDO).
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfbus.h"

#define LOG(fmt, ...)                                                                              \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "wdfbus: " fmt "\n", ##__VA_ARGS__)

typedef struct _PDO_CONTEXT {
    ULONG Serial;     /* 0: the static child */
    ULONG D0Entries;  /* IOCTL_BUS_D0_ENTRIES */
    ULONG LastD0Exit; /* IOCTL_BUS_LAST_D0_EXIT */
} PDO_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(PDO_CONTEXT, PdoContext)

static WDFDEVICE BusDevice;
static LONG IdCleanups;
static LONG IdDuplicates; /* IOCTL_BUS_ID_DUPLICATES */

/* ---- the child PDOs ------------------------------------------------------------------------ */

/* IOCTL_CHILD_PARENT_MISUSE: a forward the page of WdfRequestForwardToParentDeviceIoQueue
 * refuses; the request stays ours and completes with the status in its output. */
static LONG MisuseForwarded;

static VOID ForwardMisuse(WDFQUEUE Queue, WDFREQUEST Request)
{
    WDF_REQUEST_FORWARD_OPTIONS options;
    WDFQUEUE to = WdfDeviceGetDefaultQueue(BusDevice);
    ULONG *in, *out;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), (PVOID *)&in, NULL);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(ULONG), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    if (InterlockedExchange(&MisuseForwarded, 0)) { /* mode 0 forwarded it to us again */
        *out = 0xFFFFFFFF;
        WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(ULONG));
        return;
    }
    WDF_REQUEST_FORWARD_OPTIONS_INIT(&options);
    if (*in == 0)
        to = Queue; /* the PDO's own queue, not the parent's */
    else if (*in == 1)
        options.Size = sizeof(options) - 1;
    else
        options.Flags = 0;
    InterlockedExchange(&MisuseForwarded, *in == 0);
    status = WdfRequestForwardToParentDeviceIoQueue(Request, to, &options);
    if (NT_SUCCESS(status))
        return; /* requeued: the bus queue or, mode 0, this one answers */
    InterlockedExchange(&MisuseForwarded, 0);
    *out = (ULONG)status;
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(ULONG));
}

static VOID ChildIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength,
                                 size_t InputLength, ULONG IoControlCode)
{
    PDO_CONTEXT *ctx = PdoContext(WdfIoQueueGetDevice(Queue));
    char *out;
    size_t size;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(OutputLength);
    UNREFERENCED_PARAMETER(InputLength);
    if (IoControlCode == IOCTL_CHILD_PARENT) { /* the bus FDO's queue answers */
        WDF_REQUEST_FORWARD_OPTIONS options;
        WDF_REQUEST_FORWARD_OPTIONS_INIT(&options);
        status = WdfRequestForwardToParentDeviceIoQueue(
            Request, WdfDeviceGetDefaultQueue(BusDevice), &options);
        if (!NT_SUCCESS(status))
            WdfRequestComplete(Request, status);
        return;
    }
    if (IoControlCode == IOCTL_CHILD_PARENT_MISUSE) {
        ForwardMisuse(Queue, Request);
        return;
    }
    if (IoControlCode != IOCTL_CHILD_WHO) {
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    status = WdfRequestRetrieveOutputBuffer(Request, 5, (PVOID *)&out, &size);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    out[0] = 'p';
    out[1] = 'd';
    out[2] = 'o';
    out[3] = ' ';
    out[4] = (char)('0' + ctx->Serial % 10);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, 5);
}

static NTSTATUS ChildEject(WDFDEVICE Device)
{
    LOG("Eject(%lu)", (unsigned long)PdoContext(Device)->Serial);
    return STATUS_SUCCESS;
}

static VOID ChildCleanup(WDFOBJECT Object)
{
    LOG("PdoCleanup(%lu)", (unsigned long)PdoContext(Object)->Serial);
}

static NTSTATUS ChildD0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE Previous)
{
    LOG("PdoD0Entry(%lu,%d)", (unsigned long)PdoContext(Device)->Serial, (int)Previous);
    PdoContext(Device)->D0Entries++;
    return STATUS_SUCCESS;
}

static NTSTATUS ChildD0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE Target)
{
    LOG("PdoD0Exit(%lu,%d)", (unsigned long)PdoContext(Device)->Serial, (int)Target);
    PdoContext(Device)->LastD0Exit = (ULONG)Target;
    return STATUS_SUCCESS;
}

#define CHECK_INIT(call)                                                                           \
    do {                                                                                           \
        NTSTATUS s_ = (call);                                                                      \
        if (!NT_SUCCESS(s_)) {                                                                     \
            LOG("%s failed 0x%08X", #call, (unsigned)s_);                                          \
            return s_;                                                                             \
        }                                                                                          \
    } while (0)

/* The IDs, texts, callbacks and capabilities of a child, then its device and queue. */
static NTSTATUS ChildCreate(PWDFDEVICE_INIT *InitP, ULONG Serial)
{
    WDF_QUERY_INTERFACE_CONFIG qi;
    DECLARE_CONST_UNICODE_STRING(dynamicId, L"WDFBUS\\CHILD");
    DECLARE_CONST_UNICODE_STRING(staticId, L"WDFBUS\\STATIC");
    DECLARE_CONST_UNICODE_STRING(compatible, L"WDFBUS\\ANYCHILD");
    DECLARE_CONST_UNICODE_STRING(text, L"Framework bus child");
    DECLARE_CONST_UNICODE_STRING(textDe, L"Kind des Busses");
    DECLARE_CONST_UNICODE_STRING(location, L"Slot");
    DECLARE_CONST_UNICODE_STRING(container, L"{5b0d7e2f-3c4a-4f18-9e62-0a7b1c2d3e41}");
    WCHAR instanceBuffer[2] = {(WCHAR)(L'0' + Serial % 10), 0};
    UNICODE_STRING instance = {sizeof(WCHAR), sizeof(instanceBuffer), instanceBuffer};
    WDF_PDO_EVENT_CALLBACKS pdoCallbacks;
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_DEVICE_PNP_CAPABILITIES caps;
    WDF_IO_QUEUE_CONFIG queue;
    WDFDEVICE child;
    DECLARE_CONST_UNICODE_STRING(rawId, L"WDFBUS\\RAW");
    DECLARE_CONST_UNICODE_STRING(aloneId, L"WDFBUS\\RAWALONE");
    WDF_DEVICE_POWER_CAPABILITIES power;
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idle;
    BOOLEAN raw = Serial == 9 || Serial == 6;
    PCUNICODE_STRING id = Serial == 9   ? &rawId
                          : Serial == 6 ? &aloneId
                          : Serial != 0 ? &dynamicId
                                        : &staticId;
    PWDFDEVICE_INIT Init = *InitP;
    CHECK_INIT(WdfPdoInitAssignDeviceID(Init, id));
    CHECK_INIT(WdfPdoInitAssignInstanceID(Init, &instance));
    CHECK_INIT(WdfPdoInitAddHardwareID(Init, id));
    if (Serial != 6) /* 6: no package matches any of its IDs */
        CHECK_INIT(WdfPdoInitAddCompatibleID(Init, &compatible));
    CHECK_INIT(WdfPdoInitAssignContainerID(Init, &container));
    CHECK_INIT(WdfPdoInitAddDeviceText(Init, &text, &location, 0x409));
    CHECK_INIT(WdfPdoInitAddDeviceText(Init, &textDe, &location, 0x407));
    WdfPdoInitSetDefaultLocale(Init, 0x409);
    WdfPdoInitAllowForwardingRequestToParent(Init);
    /* raw children: the INF installs WDFBUS\RAW without a service; no INF matches
     * WDFBUS\RAWALONE. Both run without a function driver (DEVICE_CAPABILITIES.RawDeviceOK). */
    if (raw)
        CHECK_INIT(WdfPdoInitAssignRawDevice(Init, &GUID_WDFBUS_CHILD_INTERFACE));
    WDF_PDO_EVENT_CALLBACKS_INIT(&pdoCallbacks);
    pdoCallbacks.EvtDeviceEject = ChildEject;
    WdfPdoInitSetEventCallbacks(Init, &pdoCallbacks);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDeviceD0Entry = ChildD0Entry;
    pnp.EvtDeviceD0Exit = ChildD0Exit;
    WdfDeviceInitSetPnpPowerEventCallbacks(Init, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, PDO_CONTEXT);
    attributes.EvtCleanupCallback = ChildCleanup;
    CHECK_INIT(WdfDeviceCreate(InitP, &attributes, &child)); /* *InitP is NULL now */
    PdoContext(child)->Serial = Serial;
    if (raw) { /* Microsoft: a raw PDO's driver is the power policy owner, idle settings its own */
        WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, IdleCannotWakeFromS0);
        idle.IdleTimeout = 60000;
        CHECK_INIT(WdfDeviceAssignS0IdleSettings(child, &idle));
    }
    WDF_QUERY_INTERFACE_CONFIG_INIT(&qi, NULL, &GUID_WDFBUS_QI, NULL);
    qi.SendQueryToParentStack = TRUE; /* the bus FDO's stack answers */
    CHECK_INIT(WdfDeviceAddQueryInterface(child, &qi));
    WDF_DEVICE_PNP_CAPABILITIES_INIT(&caps);
    caps.Removable = WdfTrue;
    caps.EjectSupported = WdfTrue;
    caps.SurpriseRemovalOK = WdfTrue;
    caps.UniqueID = WdfFalse;
    caps.Address = Serial;
    caps.UINumber = Serial;
    WdfDeviceSetPnpCapabilities(child, &caps);
    WDF_DEVICE_POWER_CAPABILITIES_INIT(&power);
    power.DeviceD1 = WdfFalse;
    power.DeviceD2 = WdfTrue;
    power.D1Latency = 150; /* 100-nanosecond units: in the PDO's capabilities */
    power.DeviceState[PowerSystemWorking] = PowerDeviceD0;
    /* D2 in S3: the function driver, which sets no capabilities, follows the PDO's */
    power.DeviceState[PowerSystemSleeping3] = PowerDeviceD2;
    WdfDeviceSetPowerCapabilities(child, &power);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchParallel);
    queue.EvtIoDeviceControl = ChildIoDeviceControl;
    CHECK_INIT(WdfIoQueueCreate(child, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE));
    if (Serial == 0)
        return WdfFdoAddStaticChild(BusDevice, child);
    return STATUS_SUCCESS;
}

static NTSTATUS ChildListCreateDevice(WDFCHILDLIST List,
                                      PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Id,
                                      PWDFDEVICE_INIT ChildInit)
{
    ULONG serial = CONTAINING_RECORD(Id, WDFBUS_ID, Header)->Serial;
    LOG("CreateDevice(%lu)", (unsigned long)serial);
    if (serial == 7)
        return STATUS_UNSUCCESSFUL; /* the failure case: the child is not reported */
    if (serial == 8) { /* gone from the bus while its PDO is being made: it must not be reported */
        NTSTATUS status = WdfChildListUpdateChildDescriptionAsMissing(List, Id);
        if (status != STATUS_SUCCESS) {
            LOG("UpdateChildDescriptionAsMissing(8) in CreateDevice: 0x%08X", (unsigned)status);
            return status;
        }
    }
    return ChildCreate(&ChildInit, serial);
}

static BOOLEAN IdCompare(WDFCHILDLIST List, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER First,
                         PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Second)
{
    UNREFERENCED_PARAMETER(List);
    return CONTAINING_RECORD(First, WDFBUS_ID, Header)->Serial ==
           CONTAINING_RECORD(Second, WDFBUS_ID, Header)->Serial;
}

static NTSTATUS IdDuplicate(WDFCHILDLIST List, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Source,
                            PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Destination)
{
    UNREFERENCED_PARAMETER(List);
    InterlockedIncrement(&IdDuplicates);
    CONTAINING_RECORD(Destination, WDFBUS_ID, Header)->Serial =
        CONTAINING_RECORD(Source, WDFBUS_ID, Header)->Serial;
    return STATUS_SUCCESS;
}

static VOID IdCleanup(WDFCHILDLIST List, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Id)
{
    UNREFERENCED_PARAMETER(List);
    InterlockedIncrement(&IdCleanups);
    LOG("IdCleanup(%lu)", (unsigned long)CONTAINING_RECORD(Id, WDFBUS_ID, Header)->Serial);
}

/* ---- the bus FDO's device controls --------------------------------------------------------- */

static WDFBUS_ID Id(ULONG Serial)
{
    WDFBUS_ID id;
    WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER_INIT(&id.Header, sizeof(id));
    id.Serial = Serial;
    return id;
}

static WDFBUS_ADDRESS Address(ULONG Slot)
{
    WDFBUS_ADDRESS a;
    WDF_CHILD_ADDRESS_DESCRIPTION_HEADER_INIT(&a.Header, sizeof(a));
    a.Slot = Slot;
    return a;
}

static NTSTATUS Plug(ULONG Serial, ULONG Slot)
{
    WDFBUS_ID id = Id(Serial);
    WDFBUS_ADDRESS a = Address(Slot);
    return WdfChildListAddOrUpdateChildDescriptionAsPresent(WdfFdoGetDefaultChildList(BusDevice),
                                                            &id.Header, &a.Header);
}

static NTSTATUS StaticMissing(void)
{
    WDFDEVICE child, found = NULL;
    NTSTATUS status = STATUS_NOT_FOUND;
    WdfFdoLockStaticChildListForIteration(BusDevice);
    for (child = WdfFdoRetrieveNextStaticChild(BusDevice, NULL, WdfRetrieveAddedChildren);
         child != NULL;
         child = WdfFdoRetrieveNextStaticChild(BusDevice, child, WdfRetrieveAddedChildren))
        if (PdoContext(child)->Serial == 0)
            found = child;
    if (found != NULL)
        status = WdfPdoMarkMissing(found); /* told to the PnP manager at the unlock */
    WdfFdoUnlockStaticChildListFromIteration(BusDevice);
    return status;
}

static WDFDEVICE PdoOf(ULONG Serial)
{
    WDFBUS_ID id = Id(Serial);
    WDF_CHILD_RETRIEVE_INFO info;
    WDF_CHILD_RETRIEVE_INFO_INIT(&info, &id.Header);
    return WdfChildListRetrievePdo(WdfFdoGetDefaultChildList(BusDevice), &info);
}

/* wdeva: a child PDO's ejection relations (IOCTL_BUS_EJECT_REL). */
static NTSTATUS EjectionRelation(const ULONG *in)
{
    WDFDEVICE a = PdoOf(in[0]), b = in[1] != 0xFFFFFFFF ? PdoOf(in[1]) : NULL;
    PDEVICE_OBJECT other = b != NULL ? WdfDeviceWdmGetDeviceObject(b) : NULL;
    if (a == NULL || (b == NULL && in[1] != 0xFFFFFFFF))
        return STATUS_NOT_FOUND;
    if (in[2] == 0)
        return WdfPdoAddEjectionRelationsPhysicalDevice(a, other);
    if (in[2] == 3)
        return WdfDeviceAddRemovalRelationsPhysicalDevice(a, other);
    if (in[2] == 1)
        WdfPdoRemoveEjectionRelationsPhysicalDevice(a, other);
    else
        WdfPdoClearEjectionRelationsDevices(a);
    return STATUS_SUCCESS;
}

static ULONG CountChildren(void)
{
    WDFCHILDLIST list = WdfFdoGetDefaultChildList(BusDevice);
    WDF_CHILD_LIST_ITERATOR it;
    WDFDEVICE dev;
    ULONG n = 0;
    WDF_CHILD_LIST_ITERATOR_INIT(&it, WdfRetrieveAllChildren);
    WdfChildListBeginIteration(list, &it);
    while (NT_SUCCESS(WdfChildListRetrieveNextDevice(list, &it, &dev, NULL)))
        n++;
    WdfChildListEndIteration(list, &it);
    return n;
}

static ULONG CheckLine, Checks;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        Checks++;                                                                                  \
        if (!(cond) && CheckLine == 0)                                                             \
            CheckLine = __LINE__;                                                                  \
    } while (0)

/* Child 1 present with its PDO (slot 11), 99 never plugged. */
static VOID RunChecks(void)
{
    WDFCHILDLIST list = WdfFdoGetDefaultChildList(BusDevice);
    WDFBUS_ID id1 = Id(1), id99 = Id(99), out = Id(0);
    WDFBUS_ADDRESS a = Address(12), got = Address(0);
    WDF_CHILD_RETRIEVE_INFO info;
    WDF_CHILD_LIST_ITERATOR it;
    WDF_CHILD_LIST_CONFIG bad;
    WDFCHILDLIST second = NULL;
    WDFDEVICE pdo, dev;
    ULONG n = 0;
    NTSTATUS status;
    CheckLine = Checks = 0;
    CHECK(list != NULL && WdfChildListGetDevice(list) == BusDevice);
    /* a known child: STATUS_OBJECT_NAME_EXISTS, its address description replaced */
    CHECK(WdfChildListAddOrUpdateChildDescriptionAsPresent(list, &id1.Header, &a.Header) ==
          STATUS_OBJECT_NAME_EXISTS);
    CHECK(WdfChildListRetrieveAddressDescription(list, &id1.Header, &got.Header) ==
              STATUS_SUCCESS &&
          got.Slot == 12);
    CHECK(WdfChildListRetrieveAddressDescription(list, &id99.Header, &got.Header) ==
          STATUS_NO_SUCH_DEVICE);
    /* a description of the wrong size: STATUS_INVALID_DEVICE_REQUEST */
    id99.Header.IdentificationDescriptionSize = sizeof(id99) + 4;
    CHECK(WdfChildListAddOrUpdateChildDescriptionAsPresent(list, &id99.Header, NULL) ==
          STATUS_INVALID_DEVICE_REQUEST);
    CHECK(WdfChildListUpdateChildDescriptionAsMissing(list, &id99.Header) ==
          STATUS_INVALID_DEVICE_REQUEST);
    id99.Header.IdentificationDescriptionSize = sizeof(id99);
    CHECK(WdfChildListUpdateChildDescriptionAsMissing(list, &id99.Header) == STATUS_NO_SUCH_DEVICE);
    /* retrieval: the PDO, its parent and descriptions */
    WDF_CHILD_RETRIEVE_INFO_INIT(&info, &id1.Header);
    info.AddressDescription = &got.Header;
    got.Slot = 0;
    pdo = WdfChildListRetrievePdo(list, &info);
    CHECK(pdo != NULL && info.Status == WdfChildListRetrieveDeviceSuccess && got.Slot == 12);
    if (pdo != NULL) {
        CHECK(WdfPdoGetParent(pdo) == BusDevice);
        CHECK(NT_SUCCESS(WdfPdoRetrieveIdentificationDescription(pdo, &out.Header)) &&
              out.Serial == 1);
        a.Slot = 13;
        CHECK(NT_SUCCESS(WdfPdoUpdateAddressDescription(pdo, &a.Header)));
        got.Slot = 0;
        CHECK(NT_SUCCESS(WdfPdoRetrieveAddressDescription(pdo, &got.Header)) && got.Slot == 13);
        CHECK(PdoContext(pdo)->Serial == 1);
    }
    WDF_CHILD_RETRIEVE_INFO_INIT(&info, &id99.Header);
    CHECK(WdfChildListRetrievePdo(list, &info) == NULL &&
          info.Status == WdfChildListRetrieveDeviceNoSuchDevice);
    /* iteration: every child, then STATUS_NO_MORE_ENTRIES */
    WDF_CHILD_LIST_ITERATOR_INIT(&it, WdfRetrieveAllChildren);
    WdfChildListBeginIteration(list, &it);
    while ((status = WdfChildListRetrieveNextDevice(list, &it, &dev, NULL)) == STATUS_SUCCESS)
        n++;
    WdfChildListEndIteration(list, &it);
    CHECK(status == STATUS_NO_MORE_ENTRIES && n >= 1);
    /* iteration selecting by identification (the retrieve info's compare callback) */
    WDF_CHILD_LIST_ITERATOR_INIT(&it, WdfRetrievePresentChildren);
    WDF_CHILD_RETRIEVE_INFO_INIT(&info, &id1.Header);
    info.EvtChildListIdentificationDescriptionCompare = IdCompare;
    WdfChildListBeginIteration(list, &it);
    status = WdfChildListRetrieveNextDevice(list, &it, &dev, &info);
    CHECK(status == STATUS_SUCCESS && dev == pdo &&
          info.Status == WdfChildListRetrieveDeviceSuccess);
    CHECK(WdfChildListRetrieveNextDevice(list, &it, &dev, &info) == STATUS_NO_MORE_ENTRIES);
    WdfChildListEndIteration(list, &it);
    /* pending children are those without a PDO yet: none here */
    WDF_CHILD_LIST_ITERATOR_INIT(&it, WdfRetrievePendingChildren);
    WdfChildListBeginIteration(list, &it);
    CHECK(WdfChildListRetrieveNextDevice(list, &it, &dev, NULL) == STATUS_NO_MORE_ENTRIES);
    WdfChildListEndIteration(list, &it);
    /* the static list holds the static child */
    WdfFdoLockStaticChildListForIteration(BusDevice);
    dev = WdfFdoRetrieveNextStaticChild(BusDevice, NULL, WdfRetrieveAllChildren);
    CHECK(dev != NULL && PdoContext(dev)->Serial == 0 && WdfPdoGetParent(dev) == BusDevice);
    CHECK(dev == NULL ||
          WdfFdoRetrieveNextStaticChild(BusDevice, dev, WdfRetrieveAllChildren) == NULL);
    CHECK(dev == NULL || WdfPdoRetrieveIdentificationDescription(dev, &out.Header) ==
                             STATUS_INVALID_DEVICE_REQUEST);
    WdfFdoUnlockStaticChildListFromIteration(BusDevice);
    /* WdfChildListCreate: a config without EvtChildListCreateDevice is refused */
    WDF_CHILD_LIST_CONFIG_INIT(&bad, sizeof(WDFBUS_ID), NULL);
    CHECK(WdfChildListCreate(BusDevice, &bad, WDF_NO_OBJECT_ATTRIBUTES, &second) ==
              STATUS_INVALID_PARAMETER &&
          second == NULL);
    WDF_CHILD_LIST_CONFIG_INIT(&bad, sizeof(WDFBUS_ID), ChildListCreateDevice);
    CHECK(NT_SUCCESS(WdfChildListCreate(BusDevice, &bad, WDF_NO_OBJECT_ATTRIBUTES, &second)) &&
          second != list && WdfChildListGetDevice(second) == BusDevice);
    if (second != NULL)
        WdfObjectDelete(second);
}

static VOID BusIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength,
                               size_t InputLength, ULONG IoControlCode)
{
    ULONG *in = NULL, *out = NULL, result = 0;
    size_t inSize = 0, outSize = 0;
    NTSTATUS status;
    WDFBUS_ID id;
    WDFDEVICE pdo;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputLength);
    if (InputLength != 0)
        WdfRequestRetrieveInputBuffer(Request, 0, (PVOID *)&in, &inSize);
    status = WdfRequestRetrieveOutputBuffer(Request, sizeof(ULONG), (PVOID *)&out, &outSize);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    switch (IoControlCode) {
    case IOCTL_CHILD_PARENT: /* forwarded by a child's PDO */
        out[0] = 's' << 16 | 'u' << 8 | 'b';
        WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, 3);
        return;
    case IOCTL_BUS_PLUG:
        result = (ULONG)Plug(in[0], in[1]);
        break;
    case IOCTL_BUS_UNPLUG:
        id = Id(in[0]);
        result = (ULONG)WdfChildListUpdateChildDescriptionAsMissing(
            WdfFdoGetDefaultChildList(BusDevice), &id.Header);
        break;
    case IOCTL_BUS_EJECT:
        id = Id(in[0]);
        result = WdfChildListRequestChildEject(WdfFdoGetDefaultChildList(BusDevice), &id.Header);
        break;
    case IOCTL_BUS_SCAN:
        WdfChildListBeginScan(WdfFdoGetDefaultChildList(BusDevice));
        for (size_t i = 0; i < inSize / sizeof(ULONG); i++)
            Plug(in[i], 20 + in[i]);
        WdfChildListEndScan(WdfFdoGetDefaultChildList(BusDevice));
        break;
    case IOCTL_BUS_SCAN_ALL:
        WdfChildListBeginScan(WdfFdoGetDefaultChildList(BusDevice));
        WdfChildListUpdateAllChildDescriptionsAsPresent(WdfFdoGetDefaultChildList(BusDevice));
        WdfChildListEndScan(WdfFdoGetDefaultChildList(BusDevice));
        break;
    case IOCTL_BUS_STATIC_MISSING:
        result = (ULONG)StaticMissing();
        break;
    case IOCTL_BUS_PDO_EJECT:
        pdo = PdoOf(in[0]);
        if (pdo != NULL)
            WdfPdoRequestEject(pdo);
        result = pdo != NULL;
        break;
    case IOCTL_BUS_EJECT_REL:
        result = inSize >= 3 * sizeof(ULONG) ? (ULONG)EjectionRelation(in)
                                             : (ULONG)STATUS_INVALID_PARAMETER;
        break;
    case IOCTL_BUS_D0_ENTRIES:
        pdo = PdoOf(in[0]);
        result = pdo != NULL ? PdoContext(pdo)->D0Entries : 0;
        break;
    case IOCTL_BUS_COUNT:
        result = CountChildren();
        break;
    case IOCTL_BUS_LAST_D0_EXIT:
        pdo = PdoOf(in[0]);
        result = pdo != NULL ? PdoContext(pdo)->LastD0Exit : 0;
        break;
    case IOCTL_BUS_ID_DUPLICATES:
        result = (ULONG)IdDuplicates;
        break;
    case IOCTL_BUS_CHECKS:
        RunChecks();
        out[0] = CheckLine;
        if (outSize >= 2 * sizeof(ULONG))
            out[1] = Checks;
        WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, 2 * sizeof(ULONG));
        return;
    default:
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    out[0] = result;
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(ULONG));
}

/* ---- the bus FDO ---------------------------------------------------------------------------- */

static ULONG BusAnswer(PVOID Context)
{
    return (ULONG)(ULONG_PTR)Context;
}

/* wdeva: the interface the children's query reaches through their PDOs (a temporary copy: the
 * framework keeps its own). */
static NTSTATUS AddBusInterface(void)
{
    WDFBUS_QI_INTERFACE iface;
    WDF_QUERY_INTERFACE_CONFIG qi;
    RtlZeroMemory(&iface, sizeof(iface));
    iface.Header.Size = sizeof(iface);
    iface.Header.Version = 1;
    iface.Header.Context = (PVOID)(ULONG_PTR)0xB05;
    iface.Header.InterfaceReference = WdfDeviceInterfaceReferenceNoOp;
    iface.Header.InterfaceDereference = WdfDeviceInterfaceDereferenceNoOp;
    iface.Answer = BusAnswer;
    WDF_QUERY_INTERFACE_CONFIG_INIT(&qi, &iface.Header, &GUID_WDFBUS_QI, NULL);
    return WdfDeviceAddQueryInterface(BusDevice, &qi);
}

static NTSTATUS BusDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_CHILD_LIST_CONFIG config;
    WDF_IO_QUEUE_CONFIG queue;
    PNP_BUS_INFORMATION busInfo;
    PWDFDEVICE_INIT child;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    LOG("DeviceAdd");
#if defined(WDFBUS_BAD) && WDFBUS_BAD == 1
    WdfPdoInitSetDefaultLocale(DeviceInit, 0x409); /* an FDO's init: WDF_VIOLATION 0x5 */
#endif
    WDF_CHILD_LIST_CONFIG_INIT(&config, sizeof(WDFBUS_ID), ChildListCreateDevice);
    config.AddressDescriptionSize = sizeof(WDFBUS_ADDRESS);
    config.EvtChildListIdentificationDescriptionCompare = IdCompare;
    config.EvtChildListIdentificationDescriptionDuplicate = IdDuplicate;
    config.EvtChildListIdentificationDescriptionCleanup = IdCleanup;
    WdfFdoInitSetDefaultChildListConfig(DeviceInit, &config, WDF_NO_OBJECT_ATTRIBUTES);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &BusDevice);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(&busInfo, sizeof(busInfo));
    busInfo.BusTypeGuid = GUID_WDFBUS_INTERFACE;
    busInfo.LegacyBusType = PNPBus;
    busInfo.BusNumber = 7;
    WdfDeviceSetBusInformationForChildren(BusDevice, &busInfo);
#if defined(WDFBUS_BAD) && WDFBUS_BAD == 2
    WdfPdoGetParent(BusDevice); /* not a PDO: WDF_VIOLATION 0x5 */
#endif
    status = WdfDeviceCreateDeviceInterface(BusDevice, &GUID_WDFBUS_INTERFACE, NULL);
    if (!NT_SUCCESS(status))
        return status;
    status = AddBusInterface();
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchSequential);
    queue.EvtIoDeviceControl = BusIoDeviceControl;
    status = WdfIoQueueCreate(BusDevice, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    child = WdfPdoInitAllocate(BusDevice);
    if (child == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = ChildCreate(&child, 0);
    if (child != NULL)
        WdfDeviceInitFree(child); /* Microsoft: the driver frees an init WdfDeviceCreate refused */
    return status;
}

static VOID BusUnload(WDFDRIVER Driver)
{
    UNREFERENCED_PARAMETER(Driver);
    LOG("EvtDriverUnload(IdCleanups %ld)", IdCleanups);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, BusDeviceAdd);
    config.EvtDriverUnload = BusUnload;
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
