/* cxx_profile.cpp - the kernel C++ profile's gaps that the C++ samples hit, in a C++ driver
 * (check_cxx_profile.sh builds it twice):
 *  - the 64-bit integer types are one type, as on Windows x64 where size_t, SIZE_T, ULONG_PTR,
 *    ULONG64 and ULONGLONG are all unsigned __int64: a size_t * passes where a PSIZE_T is
 *    expected and the reverse (compile time), with the x64 sizes;
 *  - MSVC's limits.h and math.h names: _I8_MIN ... _UI64_MAX (the documented values) and labs;
 *  - `new (args) T[n]` where the driver declares only a scalar placement operator new: MSVC
 *    calls that operator new for the array (its documented fallback); a driver's own placement
 *    operator new[] is still preferred when it declares one; constructors and destructors of the
 *    elements run;
 *  - built with -DCXX_PROFILE_PURE_CALL, DriverEntry calls a pure virtual function (through a
 *    base class constructor): g++ puts __cxa_pure_virtual in the vtable slot, which drvhost
 *    provides; the scenario expects the bug check (KERNEL_SECURITY_CHECK_FAILURE, parameter 1
 *    FAST_FAIL_FATAL_APP_EXIT = 7: drvhost's choice, no bug check is documented).
 *  - FORCEINLINE and __forceinline carry no storage class in C++ (MSVC's are plain inline): an
 *    explicit template specialization may be declared with them (usb/UcmCxUcsi), and a member
 *    function declared with them is not static (it reads its object's members);
 * DriverEntry returns STATUS_SUCCESS only when every check holds, after printing the first one
 * that failed; every allocation is freed before unload (the leak report would name it). */
#include <ntddk.h>
#include <ntstrsafe.h>
#include <limits.h>
#include <math.h>

/* bool, not an enumerator: clang warns at an enumerator as an operand of && (a constant that
 * is not a truth value). */
template <class T, class U> struct SameType {
    static const bool value = false;
};
template <class T> struct SameType<T, T> {
    static const bool value = true;
};

/* One unsigned 64-bit type, one signed, as Windows x64 has them. */
static_assert(SameType<SIZE_T, size_t>::value, "SIZE_T is size_t");
static_assert(SameType<ULONG_PTR, size_t>::value, "ULONG_PTR is size_t");
static_assert(SameType<ULONG64, ULONGLONG>::value && SameType<ULONGLONG, SIZE_T>::value,
              "ULONG64, ULONGLONG and SIZE_T");
static_assert(SameType<UINT64, DWORD64>::value && SameType<DWORD64, DWORD_PTR>::value &&
                  SameType<DWORD_PTR, UINT_PTR>::value && SameType<UINT_PTR, SIZE_T>::value,
              "UINT64, DWORD64, DWORD_PTR, UINT_PTR");
static_assert(SameType<unsigned __int64, SIZE_T>::value && SameType<KAFFINITY, SIZE_T>::value,
              "unsigned __int64, KAFFINITY");
static_assert(SameType<SSIZE_T, ptrdiff_t>::value && SameType<LONG_PTR, SSIZE_T>::value &&
                  SameType<INT_PTR, SSIZE_T>::value,
              "SSIZE_T, LONG_PTR, INT_PTR are ptrdiff_t");
static_assert(SameType<LONG64, LONGLONG>::value && SameType<INT64, LONGLONG>::value &&
                  SameType<__int64, LONGLONG>::value && SameType<LONGLONG, SSIZE_T>::value,
              "LONG64, INT64, __int64, LONGLONG");
/* x64 sizes and alignments are kept; LONG and ULONG stay 32 bits (LLP64). */
static_assert(sizeof(SIZE_T) == 8 && alignof(SIZE_T) == 8 && sizeof(LONGLONG) == 8 &&
                  alignof(LONGLONG) == 8 && sizeof(LARGE_INTEGER) == 8 &&
                  alignof(LARGE_INTEGER) == 8,
              "64-bit sizes");
static_assert(sizeof(LONG) == 4 && sizeof(ULONG) == 4 && sizeof(ULONG32) == 4, "LLP64");
static_assert(sizeof(IO_STATUS_BLOCK) == 16, "IO_STATUS_BLOCK layout");
static_assert((ULONG64)-1 == 0xFFFFFFFFFFFFFFFFULL && (LONGLONG)-1 < 0, "signedness");

/* MSVC's limits.h names (Microsoft's "Integer Limits"); usable in #if as in MSVC. */
#if _I32_MAX != 2147483647 || _UI32_MAX != 0xFFFFFFFF || _I16_MAX != 32767
#error "MSVC integer limits"
#endif
static_assert(_I8_MIN == -128 && _I8_MAX == 127 && _UI8_MAX == 0xFF, "8-bit limits");
static_assert(_I16_MIN == -32768 && _I16_MAX == 32767 && _UI16_MAX == 0xFFFF, "16-bit limits");
static_assert(_I32_MIN == -2147483647 - 1 && _I32_MAX == 2147483647 && _UI32_MAX == 0xFFFFFFFFu,
              "32-bit limits");
static_assert(_I64_MIN == -9223372036854775807LL - 1 && _I64_MAX == 9223372036854775807LL &&
                  _UI64_MAX == 0xFFFFFFFFFFFFFFFFULL,
              "64-bit limits");
static_assert(_I32_MIN < 0 && _I64_MIN < 0 && _UI32_MAX > 0 && _UI64_MAX > 0, "signedness");

/* Pointers of the one type pass both ways (C++ refuses distinct types at compile time). */
static SIZE_T ReadSizeT(PSIZE_T Value)
{
    return *Value;
}
static size_t ReadStdSize(size_t *Value)
{
    return *Value;
}

static ULONG g_LastTag, g_ScalarCalls, g_ArrayCalls, g_Constructed, g_Destroyed;
static POOL_FLAGS g_LastFlags;
static size_t g_LastSize;

/* The driver's placement forms, as the WDK samples declare them: only scalar ones for
 * POOL_FLAGS, an array one for POOL_TYPE. */
void *__cdecl operator new(size_t Size, POOL_FLAGS Flags, ULONG Tag)
{
    g_ScalarCalls++;
    g_LastSize = Size;
    g_LastFlags = Flags;
    g_LastTag = Tag;
    return ExAllocatePool2(Flags, Size, Tag);
}
void *__cdecl operator new[](size_t Size, POOL_TYPE Type, ULONG Tag)
{
    g_ArrayCalls++;
    g_LastSize = Size;
    g_LastTag = Tag;
    return ExAllocatePoolWithTag(Type, Size, Tag);
}
void __cdecl operator delete(void *P)
{
    if (P != NULL)
        ExFreePool(P);
}
void __cdecl operator delete(void *P, size_t Size)
{
    UNREFERENCED_PARAMETER(Size);
    if (P != NULL)
        ExFreePool(P);
}
void __cdecl operator delete[](void *P)
{
    if (P != NULL)
        ExFreePool(P);
}
void __cdecl operator delete[](void *P, size_t Size)
{
    UNREFERENCED_PARAMETER(Size);
    if (P != NULL)
        ExFreePool(P);
}

class Counted {
  public:
    Counted() : m_Value(0x5A)
    {
        g_Constructed++;
    }
    ~Counted()
    {
        g_Destroyed++;
    }
    ULONG m_Value;
};

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "cxx_profile: line %d: %s\n",      \
                       __LINE__, #cond);                                                           \
            return STATUS_UNSUCCESSFUL;                                                            \
        }                                                                                          \
    } while (0)

static NTSTATUS CheckTypes(void)
{
    size_t stdSize = 40;
    SIZE_T size = 41;
    ULONG_PTR information = 0;
    CHECK(ReadSizeT(&stdSize) == 40 && ReadStdSize(&size) == 41);
    /* ntstrsafe takes size_t *; drivers pass &Irp->IoStatus.Information (ULONG_PTR). */
    CHECK(NT_SUCCESS(RtlStringCbLengthA("abcd", 16, &information)) && information == 4);
    CHECK(NT_SUCCESS(RtlStringCbLengthW(L"abc", 16, &size)) && size == 6);
    return STATUS_SUCCESS;
}

static NTSTATUS CheckCrtNames(void)
{
    volatile LONG negative = -5, minimum = _I32_MIN + 1;
    CHECK(labs(negative) == 5 && labs(5) == 5 && labs(minimum) == _I32_MAX);
    CHECK((LONG)(2.0 * _I16_MAX) == 65534 && (LONG)(0.5 * _I32_MAX) == 1073741823);
    return STATUS_SUCCESS;
}

template <typename A, typename B> bool FORCEINLINE Convert(A From, B &To);
template <> bool FORCEINLINE Convert<int, USHORT>(int From, USHORT &To)
{
    To = (USHORT)(From + 1);
    return true;
}
template <> __forceinline bool Convert<USHORT, int>(USHORT From, int &To)
{
    To = (int)From - 1;
    return true;
}

struct Counter {
    ULONG Count;
    FORCEINLINE ULONG Next()
    {
        return ++Count;
    }
    __forceinline ULONG Twice()
    {
        return Count * 2;
    }
};

static NTSTATUS CheckForceInline(void)
{
    USHORT u = 0;
    int i = 0;
    Counter counter = {4};
    CHECK(Convert(41, u) && u == 42 && Convert(u, i) && i == 41);
    CHECK(counter.Next() == 5 && counter.Twice() == 10);
    return STATUS_SUCCESS;
}

static NTSTATUS CheckArrayNew(void)
{
    /* Scalar placement operator new only: MSVC calls it for the array, with the array's size. */
    ULONG count = 7;
    ULONG *ids = new (POOL_FLAG_NON_PAGED, 'xPCT') ULONG[count];
    CHECK(ids != NULL && g_ScalarCalls == 1 && g_ArrayCalls == 0);
    CHECK(g_LastSize == 7 * sizeof(ULONG) && g_LastFlags == POOL_FLAG_NON_PAGED &&
          g_LastTag == 'xPCT');
    ids[6] = 6;
    delete[] ids;
    /* A class with a constructor and a destructor: each element constructed and destroyed. */
    Counted *objects = new (POOL_FLAG_NON_PAGED, 'cPCT') Counted[3];
    CHECK(objects != NULL && g_ScalarCalls == 2 && g_Constructed == 3);
    CHECK(g_LastSize >= 3 * sizeof(Counted) && g_LastTag == 'cPCT');
    CHECK(objects[0].m_Value == 0x5A && objects[2].m_Value == 0x5A);
    delete[] objects;
    CHECK(g_Destroyed == 3);
    /* The driver's own placement operator new[] (the tag an int literal, converted to ULONG) is
     * chosen over the scalar fallback. */
    UCHAR *bytes = new (NonPagedPoolNx, 'aPCT') UCHAR[5];
    CHECK(bytes != NULL && g_ArrayCalls == 1 && g_ScalarCalls == 2);
    CHECK(g_LastSize == 5 && g_LastTag == 'aPCT');
    delete[] bytes;
    return STATUS_SUCCESS;
}

#ifdef CXX_PROFILE_PURE_CALL
/* A pure virtual call: the base class constructor calls Hook() while the object is still a
 * Base, whose vtable slot for Hook is __cxa_pure_virtual. The call goes through a volatile
 * pointer so that the compiler cannot resolve it at compile time. */
class Base {
  public:
    Base()
    {
        Early();
    }
    virtual ~Base()
    {}
    virtual void Hook() = 0;
    __attribute__((noinline)) void Early()
    {
        Base *volatile self = this;
        self->Hook();
    }
};
class Derived : public Base {
  public:
    void Hook() override
    {}
};
#endif

static VOID NTAPI DriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

extern "C" DRIVER_INITIALIZE DriverEntry;
extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = DriverUnload;
#ifdef CXX_PROFILE_PURE_CALL
    Derived *object = new (POOL_FLAG_NON_PAGED, 'vPCT') Derived; /* bug-checks */
    delete object;
    return STATUS_UNSUCCESSFUL; /* not reached */
#endif
    status = CheckTypes();
    if (NT_SUCCESS(status))
        status = CheckCrtNames();
    if (NT_SUCCESS(status))
        status = CheckArrayNew();
    if (NT_SUCCESS(status))
        status = CheckForceInline();
    return status;
}
