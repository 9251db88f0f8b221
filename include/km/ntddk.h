/* ntddk.h - wdm.h plus the routines the WDK reserves for non-WDM (legacy) drivers: here the
 * process, thread and image notifications (PsSetCreateProcessNotifyRoutine and friends; what
 * drvhost sends is in docs/notify.md). */
#ifndef _NTDDK_
#define _NTDDK_

#include <wdm.h>

/* ==== process, thread and image notifications ============================================= */

typedef VOID NTAPI CREATE_PROCESS_NOTIFY_ROUTINE(HANDLE ParentId, HANDLE ProcessId, BOOLEAN Create);
typedef CREATE_PROCESS_NOTIFY_ROUTINE *PCREATE_PROCESS_NOTIFY_ROUTINE;

typedef struct _PS_CREATE_NOTIFY_INFO {
    SIZE_T Size;
    union {
        ULONG Flags;
        struct {
            ULONG FileOpenNameAvailable : 1;
            ULONG IsSubsystemProcess : 1;
            ULONG Reserved : 30;
        };
    };
    HANDLE ParentProcessId;
    CLIENT_ID CreatingThreadId;
    struct _FILE_OBJECT *FileObject;
    PCUNICODE_STRING ImageFileName;
    PCUNICODE_STRING CommandLine;
    NTSTATUS CreationStatus;
} PS_CREATE_NOTIFY_INFO, *PPS_CREATE_NOTIFY_INFO;

typedef VOID NTAPI CREATE_PROCESS_NOTIFY_ROUTINE_EX(PEPROCESS Process, HANDLE ProcessId,
                                                    PPS_CREATE_NOTIFY_INFO CreateInfo);
typedef CREATE_PROCESS_NOTIFY_ROUTINE_EX *PCREATE_PROCESS_NOTIFY_ROUTINE_EX;

typedef enum _PSCREATEPROCESSNOTIFYTYPE {
    PsCreateProcessNotifySubsystems = 0
} PSCREATEPROCESSNOTIFYTYPE;

typedef VOID NTAPI CREATE_THREAD_NOTIFY_ROUTINE(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create);
typedef CREATE_THREAD_NOTIFY_ROUTINE *PCREATE_THREAD_NOTIFY_ROUTINE;

typedef enum _PSCREATETHREADNOTIFYTYPE {
    PsCreateThreadNotifyNonSystem = 0,
    PsCreateThreadNotifySubsystems = 1
} PSCREATETHREADNOTIFYTYPE;

#define IMAGE_ADDRESSING_MODE_32BIT 3

typedef struct _IMAGE_INFO {
    union {
        ULONG Properties;
        struct {
            ULONG ImageAddressingMode : 8;
            ULONG SystemModeImage : 1;
            ULONG ImageMappedToAllPids : 1;
            ULONG ExtendedInfoPresent : 1;
            ULONG MachineTypeMismatch : 1;
            ULONG ImageSignatureLevel : 4;
            ULONG ImageSignatureType : 3;
            ULONG ImagePartialMap : 1;
            ULONG Reserved : 12;
        };
    };
    PVOID ImageBase;
    ULONG ImageSelector;
    SIZE_T ImageSize;
    ULONG ImageSectionNumber;
} IMAGE_INFO, *PIMAGE_INFO;

typedef struct _IMAGE_INFO_EX {
    SIZE_T Size;
    IMAGE_INFO ImageInfo;
    struct _FILE_OBJECT *FileObject;
} IMAGE_INFO_EX, *PIMAGE_INFO_EX;

typedef VOID NTAPI LOAD_IMAGE_NOTIFY_ROUTINE(PUNICODE_STRING FullImageName, HANDLE ProcessId,
                                             PIMAGE_INFO ImageInfo);
typedef LOAD_IMAGE_NOTIFY_ROUTINE *PLOAD_IMAGE_NOTIFY_ROUTINE;

#define PS_IMAGE_NOTIFY_CONFLICTING_ARCHITECTURE 0x1

NTKERNELAPI NTSTATUS NTAPI
PsSetCreateProcessNotifyRoutine(PCREATE_PROCESS_NOTIFY_ROUTINE NotifyRoutine, BOOLEAN Remove);
NTKERNELAPI NTSTATUS NTAPI
PsSetCreateProcessNotifyRoutineEx(PCREATE_PROCESS_NOTIFY_ROUTINE_EX NotifyRoutine, BOOLEAN Remove);
NTKERNELAPI NTSTATUS NTAPI PsSetCreateProcessNotifyRoutineEx2(PSCREATEPROCESSNOTIFYTYPE NotifyType,
                                                              PVOID NotifyInformation,
                                                              BOOLEAN Remove);
NTKERNELAPI NTSTATUS NTAPI
PsSetCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine);
NTKERNELAPI NTSTATUS NTAPI PsSetCreateThreadNotifyRoutineEx(PSCREATETHREADNOTIFYTYPE NotifyType,
                                                            PVOID NotifyInformation);
NTKERNELAPI NTSTATUS NTAPI
PsRemoveCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine);
NTKERNELAPI NTSTATUS NTAPI PsSetLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine);
NTKERNELAPI NTSTATUS NTAPI PsSetLoadImageNotifyRoutineEx(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine,
                                                         ULONG_PTR Flags);
NTKERNELAPI NTSTATUS NTAPI PsRemoveLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine);

NTKERNELAPI HANDLE NTAPI PsGetProcessId(PEPROCESS Process);
NTKERNELAPI HANDLE NTAPI PsGetThreadProcessId(PETHREAD Thread);

C_ASSERT(sizeof(IMAGE_INFO) == 40);
C_ASSERT(FIELD_OFFSET(IMAGE_INFO, ImageSize) == 24);
C_ASSERT(sizeof(IMAGE_INFO_EX) == 56);
C_ASSERT(sizeof(PS_CREATE_NOTIFY_INFO) == 72);
C_ASSERT(FIELD_OFFSET(PS_CREATE_NOTIFY_INFO, CreationStatus) == 64);

/* NEC PC-98 machines were x86 only: on x64 the test is a constant, as ntddk.h gives it. */
#define IsNEC_98    (FALSE)
#define IsNotNEC_98 (TRUE)
#define SetNEC_98
#define SetNotNEC_98

/* ==== the I/O manager's configuration counts (IoGetConfigurationInformation) ============== */
/* How many devices of each kind drivers have created device objects for (one-based counts);
 * a driver increments its kind's count as it creates a device object for a physical device. */
typedef struct _CONFIGURATION_INFORMATION {
    ULONG DiskCount;
    ULONG FloppyCount;
    ULONG CdRomCount;
    ULONG TapeCount;
    ULONG ScsiPortCount;
    ULONG SerialCount;
    ULONG ParallelCount;
    BOOLEAN AtDiskPrimaryAddressClaimed;   /* 0x1F0 - 0x1FF */
    BOOLEAN AtDiskSecondaryAddressClaimed; /* 0x170 - 0x17F */
    ULONG Version;                         /* the structure's size */
    ULONG MediumChangerCount;
} CONFIGURATION_INFORMATION, *PCONFIGURATION_INFORMATION;
C_ASSERT(sizeof(CONFIGURATION_INFORMATION) == 40);
C_ASSERT(FIELD_OFFSET(CONFIGURATION_INFORMATION, Version) == 32);

NTKERNELAPI PCONFIGURATION_INFORMATION NTAPI IoGetConfigurationInformation(VOID);

/* A new UUID (GUID); STATUS_SUCCESS, RPC_NT_UUID_LOCAL_ONLY (unique to this computer) or
 * STATUS_RETRY. */
#ifndef UUID_DEFINED
#define UUID_DEFINED
typedef GUID UUID;
#endif
NTKERNELAPI NTSTATUS NTAPI ExUuidCreate(UUID *Uuid);

/* ==== boot driver callbacks (ELAM) ====================================================== */
#include <ntddk_bdcb.h>

#endif
