/*
 * ntdef.h - the basic NT types: integers (LLP64), strings, lists, LARGE_INTEGER, NTSTATUS
 * helpers, OBJECT_ATTRIBUTES, and the macros every driver uses (CONTAINING_RECORD, C_ASSERT...).
 * Layouts are the x64 ones and are pinned by static assertions at the end.
 */
#ifndef _NTDEF_
#define _NTDEF_

#include <msvc.h>
#include <sal.h>
#include <basetsd.h>
#include <guiddef.h>

#ifdef __cplusplus
extern "C" { /* C++ drivers: the DDIs have C linkage */
#endif

#ifndef VOID
#define VOID void
typedef char CHAR;
typedef short SHORT;
typedef int LONG;
#endif
typedef void *PVOID, *LPVOID;
typedef void *PVOID64; /* a 64-bit pointer: every pointer on x64 */
typedef const void *PCVOID, *LPCVOID;
typedef unsigned char UCHAR, *PUCHAR;
typedef unsigned short USHORT, *PUSHORT;
typedef unsigned int ULONG, *PULONG;
/* Pointers to constant unsigned data (ntdef.h's PCUCHAR, PCUSHORT, PCULONG). */
typedef const UCHAR *PCUCHAR;
typedef const USHORT *PCUSHORT;
typedef const ULONG *PCULONG;
typedef CHAR *PCHAR, *LPCH, *PCH, *PSTR, *LPSTR, *NPSTR;
typedef const CHAR *LPCCH, *PCCH, *PCSTR, *LPCSTR, *PCSZ;
typedef CHAR *PSZ;
typedef SHORT *PSHORT;
typedef LONG *PLONG;
typedef int INT, *PINT;
typedef unsigned int UINT, *PUINT;
typedef double DOUBLE;
typedef wchar_t WCHAR, *PWCHAR, *PWCH, *LPWCH, *PWSTR, *LPWSTR, *NWPSTR;
typedef const WCHAR *PCWCH, *LPCWCH, *PCWSTR, *LPCWSTR;
typedef WCHAR *PZZWSTR;
typedef const WCHAR *PCZZWSTR;
typedef CHAR *PZZSTR;
typedef const CHAR *PCZZSTR;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef unsigned int DWORD, *PDWORD, *LPDWORD;
typedef float FLOAT, *PFLOAT;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef int BOOL, *PBOOL;
typedef BYTE FCHAR;
typedef WORD FSHORT;
typedef DWORD FLONG;
typedef __int64 LONGLONG, *PLONGLONG;
typedef unsigned __int64 ULONGLONG, *PULONGLONG;
typedef ULONGLONG DWORDLONG, *PDWORDLONG;
typedef LONGLONG USN;
typedef char CCHAR, *PCCHAR;
typedef short CSHORT, *PCSHORT;
typedef ULONG CLONG, *PCLONG;
typedef ULONG LOGICAL, *PLOGICAL;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef void *HANDLE, **PHANDLE;
/* DECLARE_HANDLE: without STRICT (the WDK's kernel-mode builds do not define it) a handle type is
 * HANDLE itself, so a routine declared with PVOID and defined with WDFDEVICE is one type (the
 * toaster bus sample does this); with STRICT each handle is a distinct pointer type. */
#ifndef DECLARE_HANDLE
#ifdef STRICT
#define DECLARE_HANDLE(name)                                                                       \
    struct name##__ {                                                                              \
        int unused;                                                                                \
    };                                                                                             \
    typedef struct name##__ *name
#else
#define DECLARE_HANDLE(name) typedef HANDLE name
#endif
#endif
typedef UCHAR KIRQL, *PKIRQL;
typedef CCHAR KPROCESSOR_MODE;
typedef LONG KPRIORITY;
typedef ULONG ACCESS_MASK, *PACCESS_MASK;
typedef ULONG EXECUTION_STATE;
typedef PVOID PSECURITY_DESCRIPTOR;
typedef PVOID PSID;
typedef ULONG LCID;
typedef USHORT LANGID;
typedef LONG HRESULT;

#define FALSE 0
#define TRUE  1
#ifndef NULL
#define NULL ((void *)0)
#endif
#define CONST const
#define IN
#define OUT
#define OPTIONAL
#define NTAPI
#define NTAPI_INLINE
#define WINAPI
#define CALLBACK
#define APIENTRY
#define FASTCALL
#define STDMETHODCALLTYPE
#define RESTRICTED_POINTER
#define UNALIGNED
/* What UNALIGNED (MSVC's __unaligned) means for a pointer: GCC and clang take it from the
 * pointed-to type, so a header declares `typedef T DRVHOST_ALIGNED1 T_unaligned;` and points to
 * that (acpiioct.h's packed arguments): accesses then assume no alignment. */
#define DRVHOST_ALIGNED1 __attribute__((aligned(1)))
#define UNALIGNED64
#define POINTER_64
#define POINTER_32
#define FIRMWARE_PTR
#ifdef __cplusplus
#define EXTERN_C       extern "C" /* C linkage from C++ sources, as ntdef.h's */
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END   }
#else
#define EXTERN_C       extern
#define EXTERN_C_START /* a block of C declarations: nothing to open in C */
#define EXTERN_C_END
#endif
#define NTSYSAPI     __attribute__((visibility("default")))
#define NTSYSCALLAPI __attribute__((visibility("default")))
#define NTKERNELAPI  __attribute__((visibility("default")))
#define NTHALAPI     __attribute__((visibility("default")))
#define DECLSPEC_IMPORT
/* A routine declared so that driver source names the real WDK routine, but which drvhost does
 * not provide. Written after the declarator: `VOID NTAPI IoStartPacket(...) DRVHOST_NOT_PROVIDED;`.
 * The driver compiles (a call is a compiler warning naming the routine) and the loader refuses
 * the module, naming every such routine it imports: what Windows does with a driver that
 * imports a routine its kernel does not export (the load fails, STATUS_PROCEDURE_NOT_FOUND).
 * The decls_exported test (scripts/check-decls.sh) requires every declared routine to be
 * exported by libdrvhost.so, inline, or marked with this; it compiles the headers with
 * DRVHOST_CHECK_DECLS, where the mark is an error it can list. */
#if defined(DRVHOST_CHECK_DECLS)
#define DRVHOST_NOT_PROVIDED __attribute__((unavailable("drvhost does not provide this routine")))
#elif defined(__has_attribute)
#if __has_attribute(warning)
#define DRVHOST_NOT_PROVIDED                                                                       \
    __attribute__((warning("drvhost does not provide this routine: the loader refuses a module "   \
                           "that imports it")))
#endif
#endif
#ifndef DRVHOST_NOT_PROVIDED
#define DRVHOST_NOT_PROVIDED
#endif
#define DECLSPEC_EXPORT     __attribute__((visibility("default")))
#define DECLSPEC_NORETURN   __attribute__((noreturn))
#define DECLSPEC_NOINLINE   __attribute__((noinline))
#define DECLSPEC_ALIGN(x)   __attribute__((aligned(x)))
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(64)
#define DECLSPEC_SELECTANY  __attribute__((weak))
#define DECLSPEC_DEPRECATED
#define DECLSPEC_DEPRECATED_DDK
#define DECLSPEC_DEPRECATED_DDK_WINXP
#define DECLSPEC_NOTHROW
#define DECLSPEC_GUARDNOCF
#define DECLSPEC_NOSANITIZE_ADDRESS
#define DECLSPEC_RESTRICT
#define DECLSPEC_ADDRSAFE
#define DECLSPEC_NOVTABLE
#define DECLSPEC_UUID(x)
/* C: a private copy per object (see docs/building.md). C++: plain inline (one COMDAT copy, as
 * MSVC's __forceinline links), because a storage class is an error on an explicit template
 * specialization and makes a member function static. */
#ifdef __cplusplus
#define FORCEINLINE inline
#else
#define FORCEINLINE static inline
#endif
#define NTAPI_FORCEINLINE FORCEINLINE
#define CFORCEINLINE      FORCEINLINE
#define PRAGMA_DEPRECATED_DDK
#define ANYSIZE_ARRAY               1
#define MEMORY_ALLOCATION_ALIGNMENT 16
#define SYSTEM_CACHE_ALIGNMENT_SIZE 64
#define POINTER_ALIGNMENT           DECLSPEC_ALIGN(8)
#define DUMMYUNIONNAME
#define DUMMYUNIONNAME2
#define DUMMYUNIONNAME3
#define DUMMYUNIONNAME4
#define DUMMYUNIONNAME5
#define DUMMYSTRUCTNAME
#define DUMMYSTRUCTNAME2
#define DUMMYSTRUCTNAME3
#define DUMMYSTRUCTNAME4
#define DUMMYSTRUCTNAME5

/* An empty statement body, as ntdef.h spells it (`if (x) NOTHING;`). */
#ifndef NOTHING
#define NOTHING
#endif
#define C_ASSERT(e)                        _Static_assert(e, #e)
#define UNREFERENCED_PARAMETER(P)          ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P)      ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define UNREFERENCED_LOCAL_VARIABLE(V)     ((void)(V))
#define ARGUMENT_PRESENT(p)                ((CHAR *)((ULONG_PTR)(p)) != (CHAR *)NULL)
#define FIELD_OFFSET(type, field)          ((LONG)offsetof(type, field))
#define UFIELD_OFFSET(type, field)         ((ULONG)offsetof(type, field))
#define RTL_FIELD_SIZE(type, field)        (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field)                                                      \
    (FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_CONTAINS_FIELD(Struct, Size, Field)                                                    \
    ((((PCHAR)(&(Struct)->Field)) + sizeof((Struct)->Field)) <= (((PCHAR)(Struct)) + (Size)))
#define RTL_NUMBER_OF(A)                 (sizeof(A) / sizeof((A)[0]))
#define RTL_NUMBER_OF_V1(A)              RTL_NUMBER_OF(A)
#define RTL_NUMBER_OF_V2(A)              RTL_NUMBER_OF(A)
#define ARRAYSIZE(A)                     RTL_NUMBER_OF(A)
#define RTL_NUMBER_OF_FIELD(type, field) (RTL_NUMBER_OF(RTL_FIELD_TYPE(type, field)))
#define RTL_FIELD_TYPE(type, field)      (((type *)0)->field)
#define RTL_PADDING_BETWEEN_FIELDS(T, F1, F2)                                                      \
    ((FIELD_OFFSET(T, F2) > FIELD_OFFSET(T, F1))                                                   \
         ? (FIELD_OFFSET(T, F2) - FIELD_OFFSET(T, F1) - RTL_FIELD_SIZE(T, F1))                     \
         : (FIELD_OFFSET(T, F1) - FIELD_OFFSET(T, F2) - RTL_FIELD_SIZE(T, F2)))
/* C: offsetof, not the address of the field of a null pointer, which is undefined behaviour
 * that clang's UndefinedBehaviorSanitizer reports at every use ("member access within null
 * pointer"; GCC's does not). C++ keeps the WDK's form: offsetof of a class that is not
 * standard-layout (one with virtual functions) is a warning of both compilers there. */
#ifdef __cplusplus
#define CONTAINING_RECORD(address, type, field)                                                    \
    ((type *)((PCHAR)(address) - (ULONG_PTR)(&((type *)0)->field)))
#else
#define CONTAINING_RECORD(address, type, field) ((type *)((PCHAR)(address)-offsetof(type, field)))
#endif
#define ALIGN_DOWN_BY(length, alignment) ((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment)-1))
#define ALIGN_UP_BY(length, alignment)                                                             \
    (ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment)-1), alignment))
#define ALIGN_DOWN_POINTER_BY(address, alignment) ((PVOID)ALIGN_DOWN_BY(address, alignment))
#define ALIGN_UP_POINTER_BY(address, alignment)   ((PVOID)ALIGN_UP_BY(address, alignment))
#define ALIGN_DOWN(length, type)                  ALIGN_DOWN_BY(length, sizeof(type))
#define ALIGN_UP(length, type)                    ALIGN_UP_BY(length, sizeof(type))
#define ALIGN_DOWN_POINTER(address, type)         ALIGN_DOWN_POINTER_BY(address, sizeof(type))
#define ALIGN_UP_POINTER(address, type)           ALIGN_UP_POINTER_BY(address, sizeof(type))
#define MAKELONG(a, b)                            ((LONG)(((WORD)(a)) | ((DWORD)((WORD)(b))) << 16))
#define MAKEWORD(a, b)                            ((WORD)(((BYTE)(a)) | ((WORD)((BYTE)(b))) << 8))
#define LOWORD(l)                                 ((WORD)((DWORD_PTR)(l)&0xffff))
#define HIWORD(l)                                 ((WORD)((DWORD_PTR)(l) >> 16))
#define LOBYTE(w)                                 ((BYTE)((DWORD_PTR)(w)&0xff))
#define HIBYTE(w)                                 ((BYTE)((DWORD_PTR)(w) >> 8))
#define MAXCHAR                                   0x7f
#define MINCHAR                                   0x80
#define MAXSHORT                                  0x7fff
#define MINSHORT                                  0x8000
#define MAXLONG                                   0x7fffffff
#define MINLONG                                   0x80000000
#define MAXUCHAR                                  0xff
#define MAXUSHORT                                 0xffff
#define MAXULONG                                  0xffffffff
#define MAXLONGLONG                               (0x7fffffffffffffffLL)
#define MAXULONGLONG                              ((ULONGLONG) ~((ULONGLONG)0))
#define MAXDWORD                                  0xffffffff
#define MAXWORD                                   0xffff
#define MAXBYTE                                   0xff

/* 32 x 32 -> 64-bit products: each operand is taken as a 32-bit (LONG / ULONG) value first. */
#define Int32x32To64(a, b)  ((LONGLONG)(LONG)(a) * (LONGLONG)(LONG)(b))
#define UInt32x32To64(a, b) ((ULONGLONG)(ULONG)(a) * (ULONGLONG)(ULONG)(b))
#define min(a, b)           (((a) < (b)) ? (a) : (b))
#define max(a, b)           (((a) > (b)) ? (a) : (b))

/* NTSTATUS */
#define NT_SUCCESS(Status)           (((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status)       ((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status)           ((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status)             ((((ULONG)(Status)) >> 30) == 3)
#define NT_FACILITY(Status)          ((((ULONG)(Status)) >> 16) & 0xFFF)
#define NT_CUSTOMER(Status)          ((((ULONG)(Status)) >> 29) & 1)
#define APPLICATION_ERROR_MASK       0x20000000
#define ERROR_SEVERITY_SUCCESS       0x00000000
#define ERROR_SEVERITY_INFORMATIONAL 0x40000000
#define ERROR_SEVERITY_WARNING       0x80000000
#define ERROR_SEVERITY_ERROR         0xC0000000

/* Processor modes and IRQLs (x64) */
#define PASSIVE_LEVEL  0
#define LOW_LEVEL      0
#define APC_LEVEL      1
#define DISPATCH_LEVEL 2
#define CMCI_LEVEL     5
#define CLOCK_LEVEL    13
#define IPI_LEVEL      14
#define DRS_LEVEL      14
#define POWER_LEVEL    14
#define PROFILE_LEVEL  15
#define HIGH_LEVEL     15

typedef enum _MODE {
    KernelMode,
    UserMode,
    MaximumMode
} MODE;

/* Integers */
typedef union _LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    } DUMMYSTRUCTNAME;
    struct {
        ULONG LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct {
        ULONG LowPart;
        ULONG HighPart;
    } DUMMYSTRUCTNAME;
    struct {
        ULONG LowPart;
        ULONG HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

typedef struct _LUID {
    ULONG LowPart;
    LONG HighPart;
} LUID, *PLUID;

typedef struct DECLSPEC_ALIGN(16) _M128A {
    ULONGLONG Low;
    LONGLONG High;
} M128A, *PM128A;

/* Lists */
typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *PRLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

typedef struct LIST_ENTRY32 {
    ULONG Flink;
    ULONG Blink;
} LIST_ENTRY32, *PLIST_ENTRY32;

typedef struct LIST_ENTRY64 {
    ULONGLONG Flink;
    ULONGLONG Blink;
} LIST_ENTRY64, *PLIST_ENTRY64;

/* Strings */
typedef struct _STRING {
    USHORT Length;
    USHORT MaximumLength;
    PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;

typedef struct _CSTRING {
    USHORT Length;
    USHORT MaximumLength;
    CONST char *Buffer;
} CSTRING, *PCSTRING_;

typedef struct _UNICODE_STRING {
    USHORT Length;
    USHORT MaximumLength;
    PWCH Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

#define UNICODE_NULL             ((WCHAR)0)
#define UNICODE_STRING_MAX_BYTES ((USHORT)65534)
#define UNICODE_STRING_MAX_CHARS (32767)
#define ANSI_NULL                ((CHAR)0)

#define RTL_CONSTANT_STRING(s)                                                                     \
    {                                                                                              \
        sizeof(s) - sizeof((s)[0]), sizeof(s), (void *)(s)                                         \
    }

#define DECLARE_CONST_UNICODE_STRING(_var, _string)                                                \
    const WCHAR _var##_buffer[] = _string;                                                         \
    const UNICODE_STRING _var = {sizeof(_string) - sizeof(WCHAR), sizeof(_string),                 \
                                 (PWCH)_var##_buffer}

/* No "extern" with the initializer as the WDK writes it: GCC warns about that form (an error under
 * -Werror); a file-scope const definition is external here anyway (C, not C++). */
#define DECLARE_GLOBAL_CONST_UNICODE_STRING(_var, _str)                                            \
    const __declspec(selectany) UNICODE_STRING _var = RTL_CONSTANT_STRING(_str)

#define DECLARE_UNICODE_STRING_SIZE(_var, _size)                                                   \
    WCHAR _var##_buffer[_size];                                                                    \
    UNICODE_STRING _var = {0, (_size) * sizeof(WCHAR), _var##_buffer}

/* Object attributes */
#define OBJ_INHERIT                       0x00000002L
#define OBJ_PERMANENT                     0x00000010L
#define OBJ_EXCLUSIVE                     0x00000020L
#define OBJ_CASE_INSENSITIVE              0x00000040L
#define OBJ_OPENIF                        0x00000080L
#define OBJ_OPENLINK                      0x00000100L
#define OBJ_KERNEL_HANDLE                 0x00000200L
#define OBJ_FORCE_ACCESS_CHECK            0x00000400L
#define OBJ_IGNORE_IMPERSONATED_DEVICEMAP 0x00000800L
#define OBJ_DONT_REPARSE                  0x00001000L
#define OBJ_VALID_ATTRIBUTES              0x00001FF2L

typedef struct _OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    PUNICODE_STRING ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef CONST OBJECT_ATTRIBUTES *PCOBJECT_ATTRIBUTES;

#define InitializeObjectAttributes(p, n, a, r, s)                                                  \
    do {                                                                                           \
        (p)->Length = sizeof(OBJECT_ATTRIBUTES);                                                   \
        (p)->RootDirectory = r;                                                                    \
        (p)->Attributes = a;                                                                       \
        (p)->ObjectName = n;                                                                       \
        (p)->SecurityDescriptor = s;                                                               \
        (p)->SecurityQualityOfService = NULL;                                                      \
    } while (0)

#define RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a)                                                       \
    {                                                                                              \
        sizeof(OBJECT_ATTRIBUTES), NULL, RTL_CONST_CAST(PUNICODE_STRING)(n), a, NULL, NULL         \
    }
#define RTL_CONST_CAST(type)             (type)
#define RTL_INIT_OBJECT_ATTRIBUTES(n, a) RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a)

typedef enum _EVENT_TYPE {
    NotificationEvent,
    SynchronizationEvent
} EVENT_TYPE;
typedef enum _TIMER_TYPE {
    NotificationTimer,
    SynchronizationTimer
} TIMER_TYPE;
typedef enum _WAIT_TYPE {
    WaitAll,
    WaitAny,
    WaitNotification,
    WaitDequeue,
    WaitDpc
} WAIT_TYPE;
typedef enum _NT_PRODUCT_TYPE {
    NtProductWinNt = 1,
    NtProductLanManNt,
    NtProductServer
} NT_PRODUCT_TYPE;

typedef struct _QUAD {
    union {
        LONGLONG UseThisFieldToCopy;
        double DoNotUseThisField;
    };
} QUAD, *PQUAD, UQUAD, *PUQUAD;

typedef struct _PROCESSOR_NUMBER {
    USHORT Group;
    UCHAR Number;
    UCHAR Reserved;
} PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;

typedef struct _GROUP_AFFINITY {
    KAFFINITY Mask;
    USHORT Group;
    USHORT Reserved[3];
} GROUP_AFFINITY, *PGROUP_AFFINITY;

C_ASSERT(sizeof(LONG) == 4 && sizeof(ULONG) == 4);
C_ASSERT(sizeof(LARGE_INTEGER) == 8);
C_ASSERT(sizeof(LIST_ENTRY) == 16);
C_ASSERT(sizeof(UNICODE_STRING) == 16);
C_ASSERT(FIELD_OFFSET(UNICODE_STRING, Buffer) == 8);
C_ASSERT(sizeof(STRING) == 16);
C_ASSERT(sizeof(OBJECT_ATTRIBUTES) == 48);
C_ASSERT(FIELD_OFFSET(OBJECT_ATTRIBUTES, ObjectName) == 16);

#ifdef __cplusplus
}
#endif

#endif
