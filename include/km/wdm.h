/*
 * wdm.h - the Windows Driver Model interface as drvhost provides it: kernel, executive, I/O
 * manager, object manager and memory-manager types and routines, with Microsoft's names,
 * signatures, constants and x64 layouts (pinned by the static assertions in wdm_asserts.h).
 *
 * Every routine declared here is exported by libdrvhost.so, or is an inline function, or is
 * marked DRVHOST_NOT_PROVIDED (ntdef.h): a call is then a compiler warning naming it, and the
 * loader refuses the module, naming it (as Windows refuses a driver importing a routine its
 * kernel lacks). The decls_exported test (scripts/check-decls.sh) enforces this;
 * docs/coverage.md says which routines are implemented.
 */
#ifndef _WDMDDK_
#define _WDMDDK_
#define _NTDDK_WDM_ 1

#include <ntdef.h>
#include <ntstatus.h>
#include <devioctl.h>
#include <stdarg.h>
#include <string.h>

#ifdef __cplusplus
extern "C" { /* C++ drivers: the DDIs have C linkage */
#endif

#ifndef DBG
#define DBG 1 /* drvhost builds are checked builds: KdPrint and ASSERT are active */
#endif

#include <drvhost_rtl.h>

/* A GUID pointer by its wdm.h name (guiddef.h has the LP forms); session 12, sysvad. */
typedef GUID *PGUID;

/* ==== forward declarations of objects drivers only see through pointers ================== */

typedef struct _KTHREAD *PKTHREAD, *PRKTHREAD;
typedef struct _ETHREAD *PETHREAD;
typedef struct _KPROCESS *PEPROCESS, *PKPROCESS, *PRKPROCESS;
typedef struct _OBJECT_TYPE *POBJECT_TYPE;
typedef struct _IO_TIMER *PIO_TIMER;
typedef struct _VPB *PVPB;
typedef struct _DEVOBJ_EXTENSION *PDEVOBJ_EXTENSION;
typedef struct _SECTION_OBJECT_POINTERS *PSECTION_OBJECT_POINTERS;
typedef struct _IO_COMPLETION_CONTEXT *PIO_COMPLETION_CONTEXT;
typedef struct _IO_WORKITEM *PIO_WORKITEM;
typedef struct _FAST_IO_DISPATCH *PFAST_IO_DISPATCH;
typedef struct _IO_SECURITY_CONTEXT *PIO_SECURITY_CONTEXT;
typedef struct _CM_RESOURCE_LIST *PCM_RESOURCE_LIST;
typedef struct _IO_RESOURCE_REQUIREMENTS_LIST *PIO_RESOURCE_REQUIREMENTS_LIST;
typedef struct _INTERFACE *PINTERFACE;
typedef struct _DEVICE_CAPABILITIES *PDEVICE_CAPABILITIES;
typedef struct _POWER_SEQUENCE *PPOWER_SEQUENCE;
typedef struct _ACCESS_STATE *PACCESS_STATE;
typedef struct _GENERIC_MAPPING *PGENERIC_MAPPING;
typedef struct _KINTERRUPT *PKINTERRUPT;
typedef struct _ADAPTER_OBJECT *PADAPTER_OBJECT;
typedef struct _CALLBACK_OBJECT *PCALLBACK_OBJECT;
typedef struct _KEVENT *PKEVENT, *PRKEVENT;
typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;
typedef struct _DEVICE_OBJECT *PDEVICE_OBJECT;
typedef struct _FILE_OBJECT *PFILE_OBJECT;
typedef struct _IRP *PIRP;
typedef struct _MDL *PMDL;
typedef struct _KDPC *PKDPC, *PRKDPC;
typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;
typedef ULONG SECURITY_INFORMATION, *PSECURITY_INFORMATION;
typedef ULONG_PTR PFN_NUMBER, *PPFN_NUMBER;

#define PAGE_SIZE            0x1000
#define PAGE_SHIFT           12L
#define BYTE_OFFSET(Va)      ((ULONG)((LONG_PTR)(Va) & (PAGE_SIZE - 1)))
#define PAGE_ALIGN(Va)       ((PVOID)((ULONG_PTR)(Va) & ~(PAGE_SIZE - 1)))
#define ROUND_TO_PAGES(Size) (((ULONG_PTR)(Size) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define BYTES_TO_PAGES(Size) (((Size) >> PAGE_SHIFT) + (((Size) & (PAGE_SIZE - 1)) != 0))
#define ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size)                                                   \
    ((BYTE_OFFSET(Va) + ((SIZE_T)(Size)) + (PAGE_SIZE - 1)) >> PAGE_SHIFT)
#define COMPUTE_PAGES_SPANNED(Va, Size) ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size)

/* ==== memory and lists =================================================================== */

#define RtlEqualMemory(Destination, Source, Length) (!memcmp((Destination), (Source), (Length)))
#define RtlMoveMemory(Destination, Source, Length)  memmove((Destination), (Source), (Length))
#define RtlCopyMemory(Destination, Source, Length)  memcpy((Destination), (Source), (Length))
#define RtlFillMemory(Destination, Length, Fill)    memset((Destination), (Fill), (Length))
#define RtlZeroMemory(Destination, Length)          memset((Destination), 0, (Length))
#define RtlCopyBytes                                RtlCopyMemory
#define RtlZeroBytes                                RtlZeroMemory
#define RtlFillBytes                                RtlFillMemory
#define RtlCopyMemoryNonTemporal                    RtlCopyMemory

FORCEINLINE PVOID RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
    volatile char *vptr = (volatile char *)ptr;
    while (cnt) {
        *vptr++ = 0;
        cnt--;
    }
    return ptr;
}

/* Corrupted list links are a bug check on Windows (FAST_FAIL_CORRUPT_LIST_ENTRY through
 * KERNEL_SECURITY_CHECK_FAILURE, 0x139); the list inlines call this on such links. */
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI RtlFailFast(ULONG Code);
#define FAST_FAIL_CORRUPT_LIST_ENTRY 3

FORCEINLINE VOID InitializeListHead(PLIST_ENTRY ListHead)
{
    ListHead->Flink = ListHead->Blink = ListHead;
}

FORCEINLINE BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead)
{
    return (BOOLEAN)(ListHead->Flink == ListHead);
}

FORCEINLINE VOID RtlpCheckListEntry_(PLIST_ENTRY Entry)
{
    if (Entry->Flink->Blink != Entry || Entry->Blink->Flink != Entry)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
}

FORCEINLINE BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
    PLIST_ENTRY Flink = Entry->Flink, Blink = Entry->Blink;
    if (Flink->Blink != Entry || Blink->Flink != Entry)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    Blink->Flink = Flink;
    Flink->Blink = Blink;
    return (BOOLEAN)(Flink == Blink);
}

FORCEINLINE PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead)
{
    PLIST_ENTRY Entry = ListHead->Flink, Flink = Entry->Flink;
    if (Entry->Blink != ListHead || Flink->Blink != Entry)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    ListHead->Flink = Flink;
    Flink->Blink = ListHead;
    return Entry;
}

FORCEINLINE PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead)
{
    PLIST_ENTRY Entry = ListHead->Blink, Blink = Entry->Blink;
    if (Entry->Flink != ListHead || Blink->Flink != Entry)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    ListHead->Blink = Blink;
    Blink->Flink = ListHead;
    return Entry;
}

FORCEINLINE VOID InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
    PLIST_ENTRY Blink = ListHead->Blink;
    if (Blink->Flink != ListHead)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    Entry->Flink = ListHead;
    Entry->Blink = Blink;
    Blink->Flink = Entry;
    ListHead->Blink = Entry;
}

FORCEINLINE VOID InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
    PLIST_ENTRY Flink = ListHead->Flink;
    if (Flink->Blink != ListHead)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    Entry->Flink = Flink;
    Entry->Blink = ListHead;
    Flink->Blink = Entry;
    ListHead->Flink = Entry;
}

FORCEINLINE VOID AppendTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListToAppend)
{
    PLIST_ENTRY ListEnd = ListHead->Blink;
    ListHead->Blink->Flink = ListToAppend;
    ListHead->Blink = ListToAppend->Blink;
    ListToAppend->Blink->Flink = ListHead;
    ListToAppend->Blink = ListEnd;
}

FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(PSINGLE_LIST_ENTRY ListHead)
{
    PSINGLE_LIST_ENTRY FirstEntry = ListHead->Next;
    if (FirstEntry != NULL)
        ListHead->Next = FirstEntry->Next;
    return FirstEntry;
}

FORCEINLINE VOID PushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY Entry)
{
    Entry->Next = ListHead->Next;
    ListHead->Next = Entry;
}

/* ==== interlocked operations (compiler intrinsics on Windows, inline here) ================ */

#define InterlockedIncrement(a)   __atomic_add_fetch((LONG volatile *)(a), 1, __ATOMIC_SEQ_CST)
#define InterlockedDecrement(a)   __atomic_sub_fetch((LONG volatile *)(a), 1, __ATOMIC_SEQ_CST)
#define InterlockedIncrement64(a) __atomic_add_fetch((LONG64 volatile *)(a), 1, __ATOMIC_SEQ_CST)
#define InterlockedDecrement64(a) __atomic_sub_fetch((LONG64 volatile *)(a), 1, __ATOMIC_SEQ_CST)
#define InterlockedIncrement16(a) __atomic_add_fetch((SHORT volatile *)(a), 1, __ATOMIC_SEQ_CST)
#define InterlockedDecrement16(a) __atomic_sub_fetch((SHORT volatile *)(a), 1, __ATOMIC_SEQ_CST)
#define InterlockedExchange(t, v)                                                                  \
    __atomic_exchange_n((LONG volatile *)(t), (LONG)(v), __ATOMIC_SEQ_CST)
#define InterlockedExchange64(t, v)                                                                \
    __atomic_exchange_n((LONG64 volatile *)(t), (LONG64)(v), __ATOMIC_SEQ_CST)
#define InterlockedExchangePointer(t, v)                                                           \
    __atomic_exchange_n((PVOID volatile *)(t), (PVOID)(v), __ATOMIC_SEQ_CST)
#define InterlockedExchangeAdd(a, v)                                                               \
    __atomic_fetch_add((LONG volatile *)(a), (LONG)(v), __ATOMIC_SEQ_CST)
#define InterlockedExchangeAdd64(a, v)                                                             \
    __atomic_fetch_add((LONG64 volatile *)(a), (LONG64)(v), __ATOMIC_SEQ_CST)
#define InterlockedAdd(a, v) __atomic_add_fetch((LONG volatile *)(a), (LONG)(v), __ATOMIC_SEQ_CST)
#define InterlockedAdd64(a, v)                                                                     \
    __atomic_add_fetch((LONG64 volatile *)(a), (LONG64)(v), __ATOMIC_SEQ_CST)
#define InterlockedAnd(a, v) __atomic_fetch_and((LONG volatile *)(a), (LONG)(v), __ATOMIC_SEQ_CST)
#define InterlockedOr(a, v)  __atomic_fetch_or((LONG volatile *)(a), (LONG)(v), __ATOMIC_SEQ_CST)
#define InterlockedXor(a, v) __atomic_fetch_xor((LONG volatile *)(a), (LONG)(v), __ATOMIC_SEQ_CST)
#define InterlockedAnd64(a, v)                                                                     \
    __atomic_fetch_and((LONG64 volatile *)(a), (LONG64)(v), __ATOMIC_SEQ_CST)
#define InterlockedOr64(a, v)                                                                      \
    __atomic_fetch_or((LONG64 volatile *)(a), (LONG64)(v), __ATOMIC_SEQ_CST)
#define InterlockedXor64(a, v)                                                                     \
    __atomic_fetch_xor((LONG64 volatile *)(a), (LONG64)(v), __ATOMIC_SEQ_CST)
/* The 8- and 16-bit forms (MSVC's _Interlocked...8/16 intrinsics): the previous value. */
#define InterlockedExchange8(t, v)                                                                 \
    __atomic_exchange_n((CHAR volatile *)(t), (CHAR)(v), __ATOMIC_SEQ_CST)
#define InterlockedExchange16(t, v)                                                                \
    __atomic_exchange_n((SHORT volatile *)(t), (SHORT)(v), __ATOMIC_SEQ_CST)
#define InterlockedExchangeAdd8(a, v)                                                              \
    __atomic_fetch_add((CHAR volatile *)(a), (CHAR)(v), __ATOMIC_SEQ_CST)
#define InterlockedExchangeAdd16(a, v)                                                             \
    __atomic_fetch_add((SHORT volatile *)(a), (SHORT)(v), __ATOMIC_SEQ_CST)
#define InterlockedAnd8(a, v) __atomic_fetch_and((CHAR volatile *)(a), (CHAR)(v), __ATOMIC_SEQ_CST)
#define InterlockedOr8(a, v)  __atomic_fetch_or((CHAR volatile *)(a), (CHAR)(v), __ATOMIC_SEQ_CST)
#define InterlockedXor8(a, v) __atomic_fetch_xor((CHAR volatile *)(a), (CHAR)(v), __ATOMIC_SEQ_CST)
#define InterlockedAnd16(a, v)                                                                     \
    __atomic_fetch_and((SHORT volatile *)(a), (SHORT)(v), __ATOMIC_SEQ_CST)
#define InterlockedOr16(a, v) __atomic_fetch_or((SHORT volatile *)(a), (SHORT)(v), __ATOMIC_SEQ_CST)
#define InterlockedXor16(a, v)                                                                     \
    __atomic_fetch_xor((SHORT volatile *)(a), (SHORT)(v), __ATOMIC_SEQ_CST)

FORCEINLINE LONG InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange,
                                            LONG Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    return Comperand;
}

FORCEINLINE SHORT InterlockedCompareExchange16(SHORT volatile *Destination, SHORT Exchange,
                                               SHORT Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    return Comperand;
}

FORCEINLINE LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination, LONG64 Exchange,
                                                LONG64 Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    return Comperand;
}

FORCEINLINE PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination, PVOID Exchange,
                                                    PVOID Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    return Comperand;
}

#define InterlockedIncrementAcquire       InterlockedIncrement
#define InterlockedDecrementRelease       InterlockedDecrement
#define InterlockedCompareExchangeAcquire InterlockedCompareExchange
#define InterlockedCompareExchangeRelease InterlockedCompareExchange
#define InterlockedExchangeAddSizeT(a, b) InterlockedExchangeAdd64((LONG64 *)(a), b)
#define InterlockedIncrementSizeT(a)      InterlockedIncrement64((LONG64 *)(a))
#define InterlockedDecrementSizeT(a)      InterlockedDecrement64((LONG64 *)(a))
#define ReadNoFence(p)                    __atomic_load_n((p), __ATOMIC_RELAXED)
#define WriteNoFence(p, v)                __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define ReadAcquire(p)                    __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define WriteRelease(p, v)                __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define ReadPointerAcquire(p)             __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define WritePointerRelease(p, v)         __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define KeMemoryBarrier()                 __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define KeMemoryBarrierWithoutFence()     __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define MemoryBarrier()                   __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define YieldProcessor()                  __builtin_ia32_pause()
#define _ReadWriteBarrier()               __atomic_signal_fence(__ATOMIC_SEQ_CST)

/* Sequenced singly linked lists. The x64 header is 16 bytes; drvhost serialises the operations
 * on a header with a lock bit, bit 0 of Region (see src/ex/slist.c), instead of a 128-bit
 * compare-exchange; the bit is set only while an operation runs. */
typedef struct DECLSPEC_ALIGN(16) _SLIST_ENTRY {
    struct _SLIST_ENTRY *Next;
} SLIST_ENTRY, *PSLIST_ENTRY;

typedef union DECLSPEC_ALIGN(16) _SLIST_HEADER {
    struct {
        ULONGLONG Alignment;
        ULONGLONG Region;
    } DUMMYSTRUCTNAME;
    struct {
        ULONGLONG Depth : 16;
        ULONGLONG Sequence : 48;
        ULONGLONG Reserved : 4;
        ULONGLONG NextEntry : 60;
    } HeaderX64;
} SLIST_HEADER, *PSLIST_HEADER;

NTKERNELAPI VOID NTAPI InitializeSListHead(PSLIST_HEADER SListHead);
NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPushEntrySList(PSLIST_HEADER ListHead,
                                                         PSLIST_ENTRY ListEntry);
NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPopEntrySList(PSLIST_HEADER ListHead);
NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedFlushSList(PSLIST_HEADER ListHead);
NTKERNELAPI USHORT NTAPI QueryDepthSList(PSLIST_HEADER ListHead);
#define ExInitializeSListHead                          InitializeSListHead
#define ExInterlockedPushEntrySList(Head, Entry, Lock) InterlockedPushEntrySList(Head, Entry)
#define ExInterlockedPopEntrySList(Head, Lock)         InterlockedPopEntrySList(Head)
#define ExInterlockedFlushSList(Head)                  InterlockedFlushSList(Head)
#define ExQueryDepthSList(Head)                        QueryDepthSList(Head)

/* ==== access rights, file constants ====================================================== */

#define DELETE                   0x00010000L
#define READ_CONTROL             0x00020000L
#define WRITE_DAC                0x00040000L
#define WRITE_OWNER              0x00080000L
#define SYNCHRONIZE              0x00100000L
#define STANDARD_RIGHTS_REQUIRED 0x000F0000L
#define STANDARD_RIGHTS_READ     READ_CONTROL
#define STANDARD_RIGHTS_WRITE    READ_CONTROL
#define STANDARD_RIGHTS_EXECUTE  READ_CONTROL
#define STANDARD_RIGHTS_ALL      0x001F0000L
#define SPECIFIC_RIGHTS_ALL      0x0000FFFFL
#define ACCESS_SYSTEM_SECURITY   0x01000000L
#define MAXIMUM_ALLOWED          0x02000000L
#define GENERIC_READ             0x80000000L
#define GENERIC_WRITE            0x40000000L
#define GENERIC_EXECUTE          0x20000000L
#define GENERIC_ALL              0x10000000L

#define FILE_READ_DATA            0x0001
#define FILE_LIST_DIRECTORY       0x0001
#define FILE_WRITE_DATA           0x0002
#define FILE_ADD_FILE             0x0002
#define FILE_APPEND_DATA          0x0004
#define FILE_ADD_SUBDIRECTORY     0x0004
#define FILE_CREATE_PIPE_INSTANCE 0x0004
#define FILE_READ_EA              0x0008
#define FILE_WRITE_EA             0x0010
#define FILE_EXECUTE              0x0020
#define FILE_TRAVERSE             0x0020
#define FILE_DELETE_CHILD         0x0040
#define FILE_READ_ATTRIBUTES      0x0080
#define FILE_WRITE_ATTRIBUTES     0x0100
#define FILE_ALL_ACCESS           (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF)
#define FILE_GENERIC_READ                                                                          \
    (STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE)
#define FILE_GENERIC_WRITE                                                                         \
    (STANDARD_RIGHTS_WRITE | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA |             \
     FILE_APPEND_DATA | SYNCHRONIZE)
#define FILE_GENERIC_EXECUTE                                                                       \
    (STANDARD_RIGHTS_EXECUTE | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE)

#define FILE_SHARE_READ        0x00000001
#define FILE_SHARE_WRITE       0x00000002
#define FILE_SHARE_DELETE      0x00000004
#define FILE_SHARE_VALID_FLAGS 0x00000007

#define FILE_ATTRIBUTE_READONLY  0x00000001
#define FILE_ATTRIBUTE_HIDDEN    0x00000002
#define FILE_ATTRIBUTE_SYSTEM    0x00000004
#define FILE_ATTRIBUTE_DIRECTORY 0x00000010
#define FILE_ATTRIBUTE_ARCHIVE   0x00000020
#define FILE_ATTRIBUTE_DEVICE    0x00000040
#define FILE_ATTRIBUTE_NORMAL    0x00000080

#define FILE_SUPERSEDE           0x00000000
#define FILE_OPEN                0x00000001
#define FILE_CREATE              0x00000002
#define FILE_OPEN_IF             0x00000003
#define FILE_OVERWRITE           0x00000004
#define FILE_OVERWRITE_IF        0x00000005
#define FILE_MAXIMUM_DISPOSITION 0x00000005

#define FILE_DIRECTORY_FILE            0x00000001
#define FILE_WRITE_THROUGH             0x00000002
#define FILE_SEQUENTIAL_ONLY           0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING 0x00000008
#define FILE_SYNCHRONOUS_IO_ALERT      0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT   0x00000020
#define FILE_NON_DIRECTORY_FILE        0x00000040
#define FILE_CREATE_TREE_CONNECTION    0x00000080
#define FILE_COMPLETE_IF_OPLOCKED      0x00000100
#define FILE_NO_EA_KNOWLEDGE           0x00000200
#define FILE_OPEN_REMOTE_INSTANCE      0x00000400
#define FILE_RANDOM_ACCESS             0x00000800
#define FILE_DELETE_ON_CLOSE           0x00001000
#define FILE_OPEN_BY_FILE_ID           0x00002000
#define FILE_OPEN_FOR_BACKUP_INTENT    0x00004000
#define FILE_NO_COMPRESSION            0x00008000

#define FILE_SUPERSEDED     0x00000000
#define FILE_OPENED         0x00000001
#define FILE_CREATED        0x00000002
#define FILE_OVERWRITTEN    0x00000003
#define FILE_EXISTS         0x00000004
#define FILE_DOES_NOT_EXIST 0x00000005

#define FILE_USE_FILE_POINTER_POSITION 0xfffffffe
#define FILE_WRITE_TO_END_OF_FILE      0xffffffff

/* ==== kernel: dispatcher objects, spin locks, DPCs, timers =============================== */

typedef struct _DISPATCHER_HEADER {
    union {
        struct {
            UCHAR Type;
            union {
                UCHAR Signalling;
                UCHAR Absolute;
                UCHAR Abandoned;
            };
            UCHAR Size;
            union {
                UCHAR DpcActive;
                UCHAR Inserted;
                UCHAR Hand;
            };
        };
        volatile LONG Lock;
    };
    LONG SignalState;
    LIST_ENTRY WaitListHead;
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;

/* Dispatcher object types as stored in DISPATCHER_HEADER.Type. */
typedef enum _KOBJECTS {
    EventNotificationObject = 0,
    EventSynchronizationObject = 1,
    MutantObject = 2,
    ProcessObject = 3,
    QueueObject = 4,
    SemaphoreObject = 5,
    ThreadObject = 6,
    GateObject = 7,
    TimerNotificationObject = 8,
    TimerSynchronizationObject = 9,
    Spare2Object = 10,
    Spare3Object = 11,
    Spare4Object = 12,
    Spare5Object = 13,
    Spare6Object = 14,
    Spare7Object = 15,
    Spare8Object = 16,
    ProfileCallbackObject = 17,
    ApcObject = 18,
    DpcObject = 19,
    DeviceQueueObject = 20,
    PriQueueObject = 21,
    InterruptObject = 22,
    ProfileObject = 23,
    Timer2NotificationObject = 24,
    Timer2SynchronizationObject = 25,
    ThreadedDpcObject = 26,
    MaximumKernelObject = 27
} KOBJECTS;

typedef struct _KEVENT {
    DISPATCHER_HEADER Header;
} KEVENT;

typedef struct _KSEMAPHORE {
    DISPATCHER_HEADER Header;
    LONG Limit;
} KSEMAPHORE, *PKSEMAPHORE, *PRKSEMAPHORE;

typedef struct _KMUTANT {
    DISPATCHER_HEADER Header;
    LIST_ENTRY MutantListEntry;
    struct _KTHREAD *OwnerThread;
    BOOLEAN Abandoned;
    UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;

typedef enum _KDPC_IMPORTANCE {
    LowImportance,
    MediumImportance,
    HighImportance,
    MediumHighImportance
} KDPC_IMPORTANCE;

typedef VOID KDEFERRED_ROUTINE(struct _KDPC *Dpc, PVOID DeferredContext, PVOID SystemArgument1,
                               PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

typedef struct _KDPC {
    union {
        ULONG TargetInfoAsUlong;
        struct {
            UCHAR Type;
            UCHAR Importance;
            volatile USHORT Number;
        };
    };
    SINGLE_LIST_ENTRY DpcListEntry;
    KAFFINITY ProcessorHistory;
    PKDEFERRED_ROUTINE DeferredRoutine;
    PVOID DeferredContext;
    PVOID SystemArgument1;
    PVOID SystemArgument2;
    volatile PVOID DpcData;
} KDPC;

typedef struct _KTIMER {
    DISPATCHER_HEADER Header;
    ULARGE_INTEGER DueTime;
    LIST_ENTRY TimerListEntry;
    struct _KDPC *Dpc;
    ULONG Processor;
    ULONG Period;
} KTIMER, *PKTIMER, *PRKTIMER;

typedef struct _KDEVICE_QUEUE_ENTRY {
    LIST_ENTRY DeviceListEntry;
    ULONG SortKey;
    BOOLEAN Inserted;
} KDEVICE_QUEUE_ENTRY, *PKDEVICE_QUEUE_ENTRY, *PRKDEVICE_QUEUE_ENTRY;

typedef struct _KDEVICE_QUEUE {
    CSHORT Type;
    CSHORT Size;
    LIST_ENTRY DeviceListHead;
    KSPIN_LOCK Lock;
    union {
        BOOLEAN Busy;
        struct {
            LONG64 Reserved : 8;
            LONG64 Hint : 56;
        };
    };
} KDEVICE_QUEUE, *PKDEVICE_QUEUE, *PRKDEVICE_QUEUE;

typedef struct _KAPC {
    UCHAR Type;
    UCHAR SpareByte0;
    UCHAR Size;
    UCHAR SpareByte1;
    ULONG SpareLong0;
    struct _KTHREAD *Thread;
    LIST_ENTRY ApcListEntry;
    PVOID Reserved[3];
    PVOID NormalContext;
    PVOID SystemArgument1;
    PVOID SystemArgument2;
    CCHAR ApcStateIndex;
    KPROCESSOR_MODE ApcMode;
    BOOLEAN Inserted;
} KAPC, *PKAPC, *PRKAPC;

typedef struct _KLOCK_QUEUE_HANDLE {
    struct {
        struct _KSPIN_LOCK_QUEUE_ *Next;
        PKSPIN_LOCK Lock;
    } LockQueue;
    KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;

typedef enum _KWAIT_REASON {
    Executive,
    FreePage,
    PageIn,
    PoolAllocation,
    DelayExecution,
    Suspended,
    UserRequest,
    WrExecutive,
    WrFreePage,
    WrPageIn,
    WrPoolAllocation,
    WrDelayExecution,
    WrSuspended,
    WrUserRequest,
    WrSpare0,
    WrQueue,
    WrLpcReceive,
    WrLpcReply,
    WrVirtualMemory,
    WrPageOut,
    WrRendezvous,
    WrKeyedEvent,
    WrTerminated,
    WrProcessInSwap,
    WrCpuRateControl,
    WrCalloutStack,
    WrKernel,
    WrResource,
    WrPushLock,
    WrMutex,
    WrQuantumEnd,
    WrDispatchInt,
    WrPreempted,
    WrYieldExecution,
    WrFastMutex,
    WrGuardedMutex,
    WrRundown,
    WrAlertByThreadId,
    WrDeferredPreempt,
    MaximumWaitReason
} KWAIT_REASON;

typedef struct _KWAIT_BLOCK {
    LIST_ENTRY WaitListEntry;
    UCHAR WaitType;
    volatile UCHAR BlockState;
    USHORT WaitKey;
    LONG SpareLong;
    union {
        struct _KTHREAD *Thread;
        struct _KQUEUE *NotificationQueue;
    };
    PVOID Object;
    PVOID SparePtr;
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;

#define THREAD_WAIT_OBJECTS     3
#define MAXIMUM_WAIT_OBJECTS    64
#define EVENT_INCREMENT         1
#define IO_NO_INCREMENT         0
#define IO_CD_ROM_INCREMENT     1
#define IO_DISK_INCREMENT       1
#define IO_KEYBOARD_INCREMENT   6
#define IO_MAILSLOT_INCREMENT   2
#define IO_MOUSE_INCREMENT      6
#define IO_NAMED_PIPE_INCREMENT 2
#define IO_NETWORK_INCREMENT    2
#define IO_PARALLEL_INCREMENT   1
#define IO_SERIAL_INCREMENT     2
#define IO_SOUND_INCREMENT      8
#define IO_VIDEO_INCREMENT      1
#define SEMAPHORE_INCREMENT     1
#define LOW_PRIORITY            0
#define LOW_REALTIME_PRIORITY   16
#define HIGH_PRIORITY           31
#define MAXIMUM_PRIORITY        32

#define TIMER_TOLERABLE_DELAY_BITS 6
#define TIMER_EXPIRED_INDEX_BITS   6
#define TIMER_PROCESSOR_INDEX_BITS 5

/* IRQL and processors */
NTKERNELAPI KIRQL NTAPI KeGetCurrentIrql(VOID);
NTKERNELAPI VOID NTAPI KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql);
NTKERNELAPI VOID NTAPI KeLowerIrql(KIRQL NewIrql);
NTKERNELAPI KIRQL NTAPI KeRaiseIrqlToDpcLevel(VOID);
NTKERNELAPI KIRQL NTAPI KfRaiseIrql(KIRQL NewIrql);
NTKERNELAPI VOID NTAPI KfLowerIrql(KIRQL NewIrql);
NTKERNELAPI ULONG NTAPI KeGetCurrentProcessorNumber(VOID);
NTKERNELAPI ULONG NTAPI KeGetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber);
NTKERNELAPI ULONG NTAPI KeGetCurrentProcessorIndex(VOID);
NTKERNELAPI ULONG NTAPI KeQueryActiveProcessorCount(PKAFFINITY ActiveProcessors);
NTKERNELAPI ULONG NTAPI KeQueryActiveProcessorCountEx(USHORT GroupNumber);
NTKERNELAPI KAFFINITY NTAPI KeQueryActiveProcessors(VOID);
#define ALL_PROCESSOR_GROUPS 0xffff

/* Spin locks */
NTKERNELAPI VOID NTAPI KeInitializeSpinLock(PKSPIN_LOCK SpinLock);
NTKERNELAPI KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);
NTKERNELAPI VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);
NTKERNELAPI BOOLEAN NTAPI KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
NTKERNELAPI BOOLEAN NTAPI KeTestSpinLock(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock,
                                                      PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID NTAPI KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID NTAPI KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock,
                                                                PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID NTAPI KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle);
#define KeAcquireSpinLock(SpinLock, OldIrql) *(OldIrql) = KeAcquireSpinLockRaiseToDpc(SpinLock)
NTKERNELAPI VOID NTAPI KeEnterCriticalRegion(VOID);
NTKERNELAPI VOID NTAPI KeLeaveCriticalRegion(VOID);
NTKERNELAPI BOOLEAN NTAPI KeAreApcsDisabled(VOID);
NTKERNELAPI BOOLEAN NTAPI KeAreAllApcsDisabled(VOID);

/* Events, semaphores, mutexes, waits */
NTKERNELAPI VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
NTKERNELAPI LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KeResetEvent(PRKEVENT Event);
NTKERNELAPI VOID NTAPI KeClearEvent(PRKEVENT Event);
NTKERNELAPI LONG NTAPI KeReadStateEvent(PRKEVENT Event);
NTKERNELAPI LONG NTAPI KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
NTKERNELAPI VOID NTAPI KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit);
NTKERNELAPI LONG NTAPI KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment,
                                          LONG Adjustment, BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KeReadStateSemaphore(PRKSEMAPHORE Semaphore);
NTKERNELAPI VOID NTAPI KeInitializeMutex(PRKMUTEX Mutex, ULONG Level);
NTKERNELAPI LONG NTAPI KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KeReadStateMutex(PRKMUTEX Mutex);
NTKERNELAPI NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason,
                                                 KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                                                 PLARGE_INTEGER Timeout);
NTKERNELAPI NTSTATUS NTAPI KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType,
                                                    KWAIT_REASON WaitReason,
                                                    KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                                                    PLARGE_INTEGER Timeout,
                                                    PKWAIT_BLOCK WaitBlockArray);
#define KeWaitForMutexObject KeWaitForSingleObject
NTKERNELAPI NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                                                  PLARGE_INTEGER Interval);

/* DPCs and timers */
NTKERNELAPI VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
                                       PVOID DeferredContext);
NTKERNELAPI VOID NTAPI KeInitializeThreadedDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
                                               PVOID DeferredContext);
NTKERNELAPI BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1,
                                           PVOID SystemArgument2);
NTKERNELAPI BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc);
NTKERNELAPI VOID NTAPI KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance);
NTKERNELAPI VOID NTAPI KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number);
NTKERNELAPI VOID NTAPI KeFlushQueuedDpcs(VOID);
NTKERNELAPI VOID NTAPI KeInitializeTimer(PKTIMER Timer);
NTKERNELAPI VOID NTAPI KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type);
NTKERNELAPI BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc);
NTKERNELAPI BOOLEAN NTAPI KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period,
                                       PKDPC Dpc);
NTKERNELAPI BOOLEAN NTAPI KeCancelTimer(PKTIMER Timer);
NTKERNELAPI BOOLEAN NTAPI KeReadStateTimer(PKTIMER Timer);

/* Time */
NTKERNELAPI VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime);
NTKERNELAPI VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);
NTKERNELAPI ULONGLONG NTAPI KeQueryInterruptTime(VOID);
NTKERNELAPI ULONGLONG NTAPI KeQueryInterruptTimePrecise(PULONG64 QpcTimeStamp);
NTKERNELAPI VOID NTAPI KeQueryTickCount(PLARGE_INTEGER TickCount);
NTKERNELAPI ULONG NTAPI KeQueryTimeIncrement(VOID);
NTKERNELAPI LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency);
NTKERNELAPI VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds);

/* Floating point in a driver: the nonvolatile floating-point state saved before and restored
 * after the driver's own floating-point code (x64: the SSE control/status register, MXCSR; the
 * buffer is opaque to the caller). drvhost: inline (nothing imported); each host thread keeps
 * its own floating-point state, so the save records MXCSR and the restore loads it back, and
 * both return STATUS_SUCCESS. Deviations: the caller continues with the thread's current MXCSR
 * rather than a fresh one, and the IRQL rule (at most DISPATCH_LEVEL) is not checked. */
typedef struct _KFLOATING_SAVE {
    ULONG MxCsr;
} KFLOATING_SAVE, *PKFLOATING_SAVE;
FORCEINLINE NTSTATUS KeSaveFloatingPointState(PKFLOATING_SAVE FloatSave)
{
    FloatSave->MxCsr = __builtin_ia32_stmxcsr();
    return STATUS_SUCCESS;
}
FORCEINLINE NTSTATUS KeRestoreFloatingPointState(PKFLOATING_SAVE FloatSave)
{
    __builtin_ia32_ldmxcsr(FloatSave->MxCsr);
    return STATUS_SUCCESS;
}

/* Threads and bug checks */
NTKERNELAPI PKTHREAD NTAPI KeGetCurrentThread(VOID);
NTKERNELAPI KPRIORITY NTAPI KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority);
NTKERNELAPI KPRIORITY NTAPI KeQueryPriorityThread(PKTHREAD Thread);
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI KeBugCheckEx(ULONG BugCheckCode,
                                                      ULONG_PTR BugCheckParameter1,
                                                      ULONG_PTR BugCheckParameter2,
                                                      ULONG_PTR BugCheckParameter3,
                                                      ULONG_PTR BugCheckParameter4);
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI KeBugCheck(ULONG BugCheckCode);
/* Bug check codes a driver raises itself (the WDK's bugcodes.h names; the debugger reference
 * gives each value). Only the ones samples have needed so far. */
#define DRIVER_VIOLATION 0x00000121L

#define PAGED_CODE()                                                                               \
    do {                                                                                           \
        if (KeGetCurrentIrql() > APC_LEVEL)                                                        \
            drvhost_paged_code_violation(__FILE__, __LINE__);                                      \
    } while (0)
#define PAGED_CODE_LOCKED() ((void)0)
#define NON_PAGED_CODE()    ((void)0)
/* PAGED_CODE() at DISPATCH_LEVEL or above is bug check 0xA IRQL_NOT_LESS_OR_EQUAL on Windows
 * (the page fault that it asserts against); drvhost raises it at once. */
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI drvhost_paged_code_violation(const char *File, int Line);

#if DBG
#define ASSERT(exp)                                                                                \
    ((!(exp)) ? (RtlAssert((PVOID) #exp, (PVOID)__FILE__, __LINE__, NULL), FALSE) : TRUE)
#define ASSERTMSG(msg, exp)                                                                        \
    ((!(exp)) ? (RtlAssert((PVOID) #exp, (PVOID)__FILE__, __LINE__, (PCHAR)(msg)), FALSE) : TRUE)
#define RTL_SOFT_ASSERT(exp)   ASSERT(exp)
#define NT_ASSERT(exp)         ASSERT(exp)
#define NT_ASSERTMSG(msg, exp) ASSERTMSG(msg, exp)
#define NT_VERIFY(exp)         ASSERT(exp)
#else
#define ASSERT(exp)            ((void)0)
#define ASSERTMSG(msg, exp)    ((void)0)
#define RTL_SOFT_ASSERT(exp)   ((void)0)
#define NT_ASSERT(exp)         ((void)0)
#define NT_ASSERTMSG(msg, exp) ((void)0)
#define NT_VERIFY(exp)         ((exp) ? TRUE : FALSE)
#endif
#define NT_ANALYSIS_ASSUME(exp) ((void)0)
/* NT_ASSERT that also tells the code analyzer to assume the expression (no reference page; 27
 * uses in the driver samples). drvhost has no analyzer: the assertion alone. */
#define NT_ASSERT_ASSUME(exp) NT_ASSERT(exp)
#define NT_FRE_ASSERT(exp)    ASSERT(exp)
NTSYSAPI VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber,
                              PCHAR MutableMessage);
NTSYSAPI VOID NTAPI DbgBreakPoint(VOID);
NTSYSAPI VOID NTAPI DbgBreakPointWithStatus(ULONG Status);
#define KdBreakPoint() DbgBreakPoint()
/* DbgRaiseAssertionFailure(): the WDK's intrinsic (int 2c), STATUS_ASSERTION_FAILURE raised
 * where it stands. drvhost raises it to the caller's __try frames; unhandled it is bug check
 * 0x1E with that status. As for RtlAssert, drvhost_debugger GO does not resume it. */
NTKERNELAPI VOID NTAPI drvhost_assertion_failure(VOID);
#define DbgRaiseAssertionFailure() drvhost_assertion_failure()

#include <wdm_ex.h>
#include <wdm_cm.h>
#include <wdm_obcb.h>
#include <wdm_wmic.h>
#include <wdm_ktm.h> /* the kernel transaction manager (not provided) */
#include <wdm_io.h>
#include <wdm_pnp.h>
#include <wdm_pci.h> /* PCI configuration space */
#include <wdm_po.h>  /* power settings, power limits, PoFx (hwhdr) */
#include <wdm_interrupt.h>
#include <wdm_dma.h> /* DMA adapters (IoGetDmaAdapter, DMA_OPERATIONS) */
#include <wdm_etw.h>
#include <wdm_pcw.h> /* performance counter providers (PcwRegister ...) */
#include <drvhost_seh.h>

#ifdef __cplusplus
}
#endif

#endif
