/*
 * ntifs_decl.h - part of ntifs.h (not a WDK header name): the routines filesys/cdfs and
 * filesys/fastfat call (issue 16), with the types and codes they take. Included at the end of
 * ntifs_fs.h, whose types the declarations use, so that it follows them whichever of ntifs.h
 * and ntifs_fs.h a source includes first.
 */
#ifndef _NTIFS_DECL_
#define _NTIFS_DECL_

#include <ntifs.h> /* included alone: ntifs.h first (its include of this file is then empty) */

/* ---- session 9, issue 16: the rest of what filesys/cdfs and filesys/fastfat call ---------
 * Declared with the documented prototypes so that a file system's source compiles unmodified;
 * none is provided (DRVHOST_NOT_PROVIDED: a call warns naming the routine and the loader
 * refuses the module). The macros are the ones the WDK documents as macros and that expand
 * to routines drvhost provides or to nothing. */

/* Security types the routines below take (ntifs.h / wdm.h). */
typedef enum _SECURITY_IMPERSONATION_LEVEL {
    SecurityAnonymous,
    SecurityIdentification,
    SecurityImpersonation,
    SecurityDelegation
} SECURITY_IMPERSONATION_LEVEL, *PSECURITY_IMPERSONATION_LEVEL;

typedef struct _SECURITY_SUBJECT_CONTEXT {
    PACCESS_TOKEN ClientToken;
    SECURITY_IMPERSONATION_LEVEL ImpersonationLevel;
    PACCESS_TOKEN PrimaryToken;
    PVOID ProcessAuditId;
} SECURITY_SUBJECT_CONTEXT, *PSECURITY_SUBJECT_CONTEXT;

#define INITIAL_PRIVILEGE_COUNT 3
typedef struct _INITIAL_PRIVILEGE_SET {
    ULONG PrivilegeCount;
    ULONG Control;
    LUID_AND_ATTRIBUTES Privilege[INITIAL_PRIVILEGE_COUNT];
} INITIAL_PRIVILEGE_SET, *PINITIAL_PRIVILEGE_SET;

/* drvhost creates no ACCESS_STATE (IO_SECURITY_CONTEXT.AccessState is NULL in its creates):
 * the layout is here for file systems that read one. */
struct _ACCESS_STATE {
    LUID OperationID;
    BOOLEAN SecurityEvaluated;
    BOOLEAN GenerateAudit;
    BOOLEAN GenerateOnClose;
    BOOLEAN PrivilegesAllocated;
    ULONG Flags;
    ACCESS_MASK RemainingDesiredAccess;
    ACCESS_MASK PreviouslyGrantedAccess;
    ACCESS_MASK OriginalDesiredAccess;
    SECURITY_SUBJECT_CONTEXT SubjectSecurityContext;
    PSECURITY_DESCRIPTOR SecurityDescriptor;
    PVOID AuxData;
    union {
        INITIAL_PRIVILEGE_SET InitialPrivilegeSet;
        PRIVILEGE_SET PrivilegeSet;
    } Privileges;
    BOOLEAN AuditPrivileges;
    UNICODE_STRING ObjectName;
    UNICODE_STRING ObjectTypeName;
};
typedef struct _ACCESS_STATE ACCESS_STATE;

/* The security identifier (ns-ntifs-_sid, ns-ntifs-_sid_identifier_authority): revision,
 * sub-authority count, the six-byte authority, then SubAuthorityCount relative identifiers.
 * PSID stays PVOID (ntdef.h), as in the WDK: routines take a SID by untyped pointer. Session 12
 * (WFPSampler's service SID, `static const SID x = {SID_REVISION, 1, SECURITY_NT_AUTHORITY,
 * {SECURITY_LOCAL_SERVICE_RID}}`). */
typedef struct _SID_IDENTIFIER_AUTHORITY {
    UCHAR Value[6];
} SID_IDENTIFIER_AUTHORITY, *PSID_IDENTIFIER_AUTHORITY;

typedef struct _SID {
    UCHAR Revision;
    UCHAR SubAuthorityCount;
    SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
    ULONG SubAuthority[ANYSIZE_ARRAY];
} SID, *PISID;

/* The revision every SID has (the "1" of S-1-...). */
#define SID_REVISION (1)
/* The predefined authorities (the identifier-authority page's table: the value is the sixth,
 * least significant, byte), as initializers of SID_IDENTIFIER_AUTHORITY. */
#define DRVHOST_SID_AUTHORITY_(n)                                                                  \
    {                                                                                              \
        0, 0, 0, 0, 0, n                                                                           \
    }
#define SECURITY_NULL_SID_AUTHORITY    DRVHOST_SID_AUTHORITY_(0)
#define SECURITY_WORLD_SID_AUTHORITY   DRVHOST_SID_AUTHORITY_(1)
#define SECURITY_LOCAL_SID_AUTHORITY   DRVHOST_SID_AUTHORITY_(2)
#define SECURITY_CREATOR_SID_AUTHORITY DRVHOST_SID_AUTHORITY_(3)
#define SECURITY_NON_UNIQUE_AUTHORITY  DRVHOST_SID_AUTHORITY_(4)
#define SECURITY_NT_AUTHORITY          DRVHOST_SID_AUTHORITY_(5)
/* Relative identifiers of the NT authority's service accounts (the Win32 well-known SIDs:
 * LocalSystem S-1-5-18, LocalService S-1-5-19, NetworkService S-1-5-20). */
#define SECURITY_LOCAL_SYSTEM_RID    (0x00000012L)
#define SECURITY_LOCAL_SERVICE_RID   (0x00000013L)
#define SECURITY_NETWORK_SERVICE_RID (0x00000014L)
/* The most relative identifiers a SID holds (winnt.h's value, from Microsoft's Win32 metadata:
 * the kernel reference does not state it). */
#define SID_MAX_SUB_AUTHORITIES (15)

/* A SID's checks, size and copy (nf-ntifs-rtlvalidsid, -rtllengthsid, -rtlcopysid). */
NTSYSAPI BOOLEAN NTAPI RtlValidSid(PSID Sid);
NTSYSAPI ULONG NTAPI RtlLengthSid(PSID Sid);
NTSYSAPI NTSTATUS NTAPI RtlCopySid(ULONG DestinationSidLength, PSID DestinationSid, PSID SourceSid);

typedef struct _SID_AND_ATTRIBUTES {
    PSID Sid;
    ULONG Attributes;
} SID_AND_ATTRIBUTES, *PSID_AND_ATTRIBUTES;

typedef struct _TOKEN_GROUPS {
    ULONG GroupCount;
    SID_AND_ATTRIBUTES Groups[ANYSIZE_ARRAY];
} TOKEN_GROUPS, *PTOKEN_GROUPS;

typedef struct _TOKEN_PRIVILEGES {
    ULONG PrivilegeCount;
    LUID_AND_ATTRIBUTES Privileges[ANYSIZE_ARRAY];
} TOKEN_PRIVILEGES, *PTOKEN_PRIVILEGES;

typedef BOOLEAN NTAPI CHECK_FOR_TRAVERSE_ACCESS(PVOID NotifyContext, PVOID TargetContext,
                                                PSECURITY_SUBJECT_CONTEXT SubjectContext);
typedef CHECK_FOR_TRAVERSE_ACCESS *PCHECK_FOR_TRAVERSE_ACCESS;
typedef VOID NTAPI FSRTL_STACK_OVERFLOW_ROUTINE(PVOID Context, PKEVENT Event);
typedef FSRTL_STACK_OVERFLOW_ROUTINE *PFSRTL_STACK_OVERFLOW_ROUTINE;

/* ---- macros over routines drvhost provides (or nothing) --------------------------------- */
#define FsRtlEnterFileSystem() KeEnterCriticalRegion()
#define FsRtlExitFileSystem()  KeLeaveCriticalRegion()
/* x64: the processor keeps caches coherent with DMA; the routine is an empty macro there. */
#define KeFlushIoBuffers(Mdl, ReadOperation, DmaOperation) ((void)0)
#define Int64ShllMod32(a, b)                               ((ULONGLONG)(a) << (b))
#define Int64ShraMod32(a, b)                               ((LONGLONG)(a) >> (b))
#define Int64ShrlMod32(a, b)                               ((ULONGLONG)(a) >> (b))

static inline LUID RtlConvertLongToLuid(LONG Long)
{
    LUID Luid;
    LARGE_INTEGER Temp;
    Temp.QuadPart = Long;
    Luid.LowPart = Temp.LowPart;
    Luid.HighPart = Temp.HighPart;
    return Luid;
}

/* ---- the cache manager (not provided) --------------------------------------------------- */
NTKERNELAPI BOOLEAN NTAPI CcMapData(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                    ULONG Length, ULONG Flags, PVOID *Bcb,
                                    PVOID *Buffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcPinRead(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                    ULONG Length, ULONG Flags, PVOID *Bcb,
                                    PVOID *Buffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcPinMappedData(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                          ULONG Length, ULONG Flags,
                                          PVOID *Bcb) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcPreparePinWrite(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                            ULONG Length, BOOLEAN Zero, ULONG Flags, PVOID *Bcb,
                                            PVOID *Buffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcUnpinData(PVOID Bcb) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcRepinBcb(PVOID Bcb) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcUnpinRepinnedBcb(PVOID Bcb, BOOLEAN WriteThrough,
                                          PIO_STATUS_BLOCK IoStatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcSetDirtyPinnedData(PVOID BcbVoid, PLARGE_INTEGER Lsn) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PFILE_OBJECT NTAPI CcGetFileObjectFromBcb(PVOID Bcb) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcMdlRead(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length,
                                 PMDL *MdlChain, PIO_STATUS_BLOCK IoStatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcMdlReadComplete(PFILE_OBJECT FileObject,
                                         PMDL MdlChain) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcPrepareMdlWrite(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                         ULONG Length, PMDL *MdlChain,
                                         PIO_STATUS_BLOCK IoStatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcMdlWriteComplete(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                          PMDL MdlChain) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcSetReadAheadGranularity(PFILE_OBJECT FileObject,
                                                 ULONG Granularity) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI CcWaitForCurrentLazyWriterActivity(VOID) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI
CcSetAdditionalCacheAttributes(PFILE_OBJECT FileObject, BOOLEAN DisableReadAhead,
                               BOOLEAN DisableWriteBehind) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcSetAdditionalCacheAttributesEx(PFILE_OBJECT FileObject,
                                                        ULONG Flags) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcZeroData(PFILE_OBJECT FileObject, PLARGE_INTEGER StartOffset,
                                     PLARGE_INTEGER EndOffset, BOOLEAN Wait) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcCanIWrite(PFILE_OBJECT FileObject, ULONG BytesToWrite, BOOLEAN Wait,
                                      UCHAR Retrying) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcDeferWrite(PFILE_OBJECT FileObject, PCC_POST_DEFERRED_WRITE PostRoutine,
                                    PVOID Context1, PVOID Context2, ULONG BytesToWrite,
                                    BOOLEAN Retrying) DRVHOST_NOT_PROVIDED;
NTKERNELAPI LARGE_INTEGER NTAPI CcGetFlushedValidData(PSECTION_OBJECT_POINTERS SectionObjectPointer,
                                                      BOOLEAN BcbListHeld) DRVHOST_NOT_PROVIDED;
/* A macro in ntifs.h: the file has a shared cache map. */
#define CcIsFileCached(FO)                                                                         \
    ((FO)->SectionObjectPointer != NULL &&                                                         \
     ((PSECTION_OBJECT_POINTERS)(FO)->SectionObjectPointer)->SharedCacheMap != NULL)

/* ---- the file-system run-time library (not provided) ------------------------------------ */
NTKERNELAPI PVOID NTAPI FsRtlAllocatePool(POOL_TYPE PoolType,
                                          ULONG NumberOfBytes) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PVOID NTAPI FsRtlAllocatePoolWithTag(POOL_TYPE PoolType, ULONG NumberOfBytes,
                                                 ULONG Tag) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlCopyRead(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                        ULONG Length, BOOLEAN Wait, ULONG LockKey, PVOID Buffer,
                                        PIO_STATUS_BLOCK IoStatus,
                                        PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlCopyWrite(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                         ULONG Length, BOOLEAN Wait, ULONG LockKey, PVOID Buffer,
                                         PIO_STATUS_BLOCK IoStatus,
                                         PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlReadDev(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                          ULONG Length, ULONG LockKey, PMDL *MdlChain,
                                          PIO_STATUS_BLOCK IoStatus,
                                          PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlReadCompleteDev(PFILE_OBJECT FileObject, PMDL MdlChain,
                                                  PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlPrepareMdlWriteDev(PFILE_OBJECT FileObject,
                                                  PLARGE_INTEGER FileOffset, ULONG Length,
                                                  ULONG LockKey, PMDL *MdlChain,
                                                  PIO_STATUS_BLOCK IoStatus,
                                                  PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI
FsRtlMdlWriteCompleteDev(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, PMDL MdlChain,
                         PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
/* File locks. */
NTKERNELAPI PFILE_LOCK NTAPI
FsRtlAllocateFileLock(PCOMPLETE_LOCK_IRP_ROUTINE CompleteLockIrpRoutine,
                      PUNLOCK_ROUTINE UnlockRoutine) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlFreeFileLock(PFILE_LOCK FileLock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlUninitializeFileLock(PFILE_LOCK FileLock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlAreThereCurrentFileLocks(PFILE_LOCK FileLock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlAreThereCurrentOrInProgressFileLocks(PFILE_LOCK FileLock)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlCheckLockForReadAccess(PFILE_LOCK FileLock,
                                                      PIRP Irp) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlCheckLockForWriteAccess(PFILE_LOCK FileLock,
                                                       PIRP Irp) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlFastCheckLockForRead(PFILE_LOCK FileLock,
                                                    PLARGE_INTEGER StartingByte,
                                                    PLARGE_INTEGER Length, ULONG Key,
                                                    PFILE_OBJECT FileObject,
                                                    PVOID ProcessId) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlFastCheckLockForWrite(PFILE_LOCK FileLock,
                                                     PLARGE_INTEGER StartingByte,
                                                     PLARGE_INTEGER Length, ULONG Key,
                                                     PVOID FileObject,
                                                     PVOID ProcessId) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlFastLock(PFILE_LOCK FileLock, PFILE_OBJECT FileObject,
                                        PLARGE_INTEGER FileOffset, PLARGE_INTEGER Length,
                                        PEPROCESS ProcessId, ULONG Key, BOOLEAN FailImmediately,
                                        BOOLEAN ExclusiveLock, PIO_STATUS_BLOCK Iosb, PVOID Context,
                                        BOOLEAN AlreadySynchronized) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlFastUnlockSingle(PFILE_LOCK FileLock, PFILE_OBJECT FileObject,
                                                 PLARGE_INTEGER FileOffset, PLARGE_INTEGER Length,
                                                 PEPROCESS ProcessId, ULONG Key, PVOID Context,
                                                 BOOLEAN AlreadySynchronized) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlFastUnlockAll(PFILE_LOCK FileLock, PFILE_OBJECT FileObject,
                                              PEPROCESS ProcessId,
                                              PVOID Context) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlFastUnlockAllByKey(PFILE_LOCK FileLock, PFILE_OBJECT FileObject,
                                                   PEPROCESS ProcessId, ULONG Key,
                                                   PVOID Context) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlProcessFileLock(PFILE_LOCK FileLock, PIRP Irp,
                                                PVOID Context) DRVHOST_NOT_PROVIDED;
/* Oplocks. */
NTKERNELAPI BOOLEAN NTAPI FsRtlCurrentBatchOplock(POPLOCK Oplock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlOplockIsFastIoPossible(POPLOCK Oplock) DRVHOST_NOT_PROVIDED;
/* Names. */
NTKERNELAPI BOOLEAN NTAPI FsRtlDoesNameContainWildCards(PUNICODE_STRING Name) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI
FsRtlIsFatDbcsLegal(ANSI_STRING DbcsName, BOOLEAN WildCardsPermissible, BOOLEAN PathNamePermissible,
                    BOOLEAN LeadingBackslashPermissible) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlIsHpfsDbcsLegal(
    ANSI_STRING DbcsName, BOOLEAN WildCardsPermissible, BOOLEAN PathNamePermissible,
    BOOLEAN LeadingBackslashPermissible) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlIsDbcsInExpression(PANSI_STRING Expression,
                                                  PANSI_STRING Name) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlDissectDbcs(ANSI_STRING Path, PANSI_STRING FirstName,
                                        PANSI_STRING RemainingName) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlDissectName(UNICODE_STRING Path, PUNICODE_STRING FirstName,
                                        PUNICODE_STRING RemainingName) DRVHOST_NOT_PROVIDED;
/* Macros in ntifs.h over the exported character tables, which drvhost does not have. */
NTKERNELAPI BOOLEAN NTAPI FsRtlIsAnsiCharacterLegalHpfs(ULONG Character, ULONG WildCardsPermissible)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlIsAnsiCharacterLegalFat(ULONG Character, ULONG WildCardsPermissible)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlIsLeadDbcsCharacter(UCHAR DbcsChar) DRVHOST_NOT_PROVIDED;
/* Status codes. */
NTKERNELAPI BOOLEAN NTAPI FsRtlIsNtstatusExpected(NTSTATUS Ntstatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlNormalizeNtstatus(NTSTATUS Exception,
                                                  NTSTATUS GenericException) DRVHOST_NOT_PROVIDED;
/* Change notification. */
NTKERNELAPI VOID NTAPI FsRtlNotifyInitializeSync(PNOTIFY_SYNC *NotifySync) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlNotifyUninitializeSync(PNOTIFY_SYNC *NotifySync) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlNotifyCleanup(PNOTIFY_SYNC NotifySync, PLIST_ENTRY NotifyList,
                                          PVOID FsContext) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlNotifyFullChangeDirectory(
    PNOTIFY_SYNC NotifySync, PLIST_ENTRY NotifyList, PVOID FsContext, PSTRING FullDirectoryName,
    BOOLEAN WatchTree, BOOLEAN IgnoreBuffer, ULONG CompletionFilter, PIRP NotifyIrp,
    PCHECK_FOR_TRAVERSE_ACCESS TraverseCallback,
    PSECURITY_SUBJECT_CONTEXT SubjectContext) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlNotifyFullReportChange(PNOTIFY_SYNC NotifySync, PLIST_ENTRY NotifyList,
                                                   PSTRING FullTargetName, USHORT TargetNameOffset,
                                                   PSTRING StreamName, PSTRING NormalizedParentName,
                                                   ULONG FilterMatch, ULONG Action,
                                                   PVOID TargetContext) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlNotifyVolumeEvent(PFILE_OBJECT FileObject,
                                                  ULONG EventCode) DRVHOST_NOT_PROVIDED;
/* Volumes, headers, filters, stack overflow. */
NTKERNELAPI NTSTATUS NTAPI FsRtlDismountComplete(PDEVICE_OBJECT DeviceObject,
                                                 NTSTATUS DismountStatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI
FsRtlGetSectorSizeInformation(PDEVICE_OBJECT DeviceObject,
                              PFILE_FS_SECTOR_SIZE_INFORMATION SectorSizeInfo) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlRegisterFileSystemFilterCallbacks(
    PDRIVER_OBJECT FilterDriverObject, PFS_FILTER_CALLBACKS Callbacks) DRVHOST_NOT_PROVIDED;
/* A macro in ntifs.h (it fills in the advanced header's fields); a routine here. */
NTKERNELAPI VOID NTAPI FsRtlSetupAdvancedHeader(PVOID AdvHdr,
                                                PFAST_MUTEX FMutex) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlTeardownPerStreamContexts(PFSRTL_ADVANCED_FCB_HEADER AdvancedHeader)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlPostStackOverflow(PVOID Context, PKEVENT Event,
                                              PFSRTL_STACK_OVERFLOW_ROUTINE StackOverflowRoutine)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlPostPagingFileStackOverflow(
    PVOID Context, PKEVENT Event,
    PFSRTL_STACK_OVERFLOW_ROUTINE StackOverflowRoutine) DRVHOST_NOT_PROVIDED;
/* Large MCBs (fastfat's allocation maps). */
NTKERNELAPI VOID NTAPI FsRtlInitializeLargeMcb(PLARGE_MCB Mcb,
                                               POOL_TYPE PoolType) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlUninitializeLargeMcb(PLARGE_MCB Mcb) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlResetLargeMcb(PLARGE_MCB Mcb,
                                          BOOLEAN SelfSynchronized) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlTruncateLargeMcb(PLARGE_MCB Mcb, LONGLONG Vbn) DRVHOST_NOT_PROVIDED;
NTKERNELAPI ULONG NTAPI FsRtlNumberOfRunsInLargeMcb(PLARGE_MCB Mcb) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlAddLargeMcbEntry(PLARGE_MCB Mcb, LONGLONG Vbn, LONGLONG Lbn,
                                                LONGLONG SectorCount) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlRemoveLargeMcbEntry(PLARGE_MCB Mcb, LONGLONG Vbn,
                                                LONGLONG SectorCount) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlLookupLargeMcbEntry(PLARGE_MCB Mcb, LONGLONG Vbn, PLONGLONG Lbn,
                                                   PLONGLONG SectorCountFromLbn,
                                                   PLONGLONG StartingLbn,
                                                   PLONGLONG SectorCountFromStartingLbn,
                                                   PULONG Index) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlLookupLastLargeMcbEntry(PLARGE_MCB Mcb, PLONGLONG Vbn,
                                                       PLONGLONG Lbn) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlLookupLastLargeMcbEntryAndIndex(PLARGE_MCB OpaqueMcb,
                                                               PLONGLONG LargeVbn,
                                                               PLONGLONG LargeLbn,
                                                               PULONG Index) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlGetNextLargeMcbEntry(PLARGE_MCB Mcb, ULONG RunIndex, PLONGLONG Vbn,
                                                    PLONGLONG Lbn,
                                                    PLONGLONG SectorCount) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlSplitLargeMcb(PLARGE_MCB Mcb, LONGLONG Vbn,
                                             LONGLONG Amount) DRVHOST_NOT_PROVIDED;
/* Tunnelling (fastfat's short/long name cache). */
NTKERNELAPI VOID NTAPI FsRtlInitializeTunnelCache(TUNNEL *Cache) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlDeleteTunnelCache(TUNNEL *Cache) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlAddToTunnelCache(TUNNEL *Cache, ULONGLONG DirectoryKey,
                                             UNICODE_STRING *ShortName, UNICODE_STRING *LongName,
                                             BOOLEAN KeyByShortName, ULONG DataLength,
                                             VOID *Data) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlFindInTunnelCache(TUNNEL *Cache, ULONGLONG DirectoryKey,
                                                 UNICODE_STRING *Name, UNICODE_STRING *ShortName,
                                                 UNICODE_STRING *LongName, ULONG *DataLength,
                                                 VOID *Data) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlDeleteKeyFromTunnelCache(TUNNEL *Cache,
                                                     ULONGLONG DirectoryKey) DRVHOST_NOT_PROVIDED;

/* ---- I/O manager, memory manager, executive (not provided) ------------------------------ */
NTKERNELAPI VOID NTAPI IoAcquireVpbSpinLock(PKIRQL Irql) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoReleaseVpbSpinLock(KIRQL Irql) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoCheckShareAccess(ACCESS_MASK DesiredAccess, ULONG DesiredShareAccess,
                                              PFILE_OBJECT FileObject, PSHARE_ACCESS ShareAccess,
                                              BOOLEAN Update) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoSetShareAccess(ACCESS_MASK DesiredAccess, ULONG DesiredShareAccess,
                                        PFILE_OBJECT FileObject,
                                        PSHARE_ACCESS ShareAccess) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoUpdateShareAccess(PFILE_OBJECT FileObject,
                                           PSHARE_ACCESS ShareAccess) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoRemoveShareAccess(PFILE_OBJECT FileObject,
                                           PSHARE_ACCESS ShareAccess) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PFILE_OBJECT NTAPI
IoCreateStreamFileObject(PFILE_OBJECT FileObject, PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PFILE_OBJECT NTAPI IoCreateStreamFileObjectLite(
    PFILE_OBJECT FileObject, PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetDeviceToVerify(PETHREAD Thread) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoSetDeviceToVerify(PETHREAD Thread,
                                           PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoSetHardErrorOrVerifyDevice(PIRP Irp, PDEVICE_OBJECT DeviceObject)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoRaiseHardError(PIRP Irp, PVPB Vpb,
                                        PDEVICE_OBJECT RealDeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoVerifyVolume(PDEVICE_OBJECT DeviceObject,
                                          BOOLEAN AllowRawMount) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PIRP NTAPI IoGetTopLevelIrp(VOID) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoSetTopLevelIrp(PIRP Irp) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI IoIsOperationSynchronous(PIRP Irp) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PIRP NTAPI IoMakeAssociatedIrp(PIRP Irp, CCHAR StackSize) DRVHOST_NOT_PROVIDED;
NTKERNELAPI LOGICAL NTAPI IoWithinStackLimits(ULONG_PTR RegionStart,
                                              SIZE_T RegionSize) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PGENERIC_MAPPING NTAPI IoGetFileObjectGenericMapping(VOID) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI MmFlushImageSection(PSECTION_OBJECT_POINTERS SectionObjectPointer,
                                              MMFLUSH_TYPE FlushType) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI MmCanFileBeTruncated(PSECTION_OBJECT_POINTERS SectionPointer,
                                               PLARGE_INTEGER NewFileSize) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI ExSetResourceOwnerPointer(PERESOURCE Resource,
                                                 PVOID OwnerPointer) DRVHOST_NOT_PROVIDED;

/* ---- code page conversions (src/rtl/convert.c): the system ANSI code page, Latin-1 here --- */
NTSYSAPI NTSTATUS NTAPI RtlUnicodeToMultiByteN(PCHAR MultiByteString,
                                               ULONG MaxBytesInMultiByteString,
                                               PULONG BytesInMultiByteString, PCWCH UnicodeString,
                                               ULONG BytesInUnicodeString);
NTSYSAPI NTSTATUS NTAPI RtlMultiByteToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString,
                                               PULONG BytesInUnicodeString,
                                               const CHAR *MultiByteString,
                                               ULONG BytesInMultiByteString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeToMultiByteSize(PULONG BytesInMultiByteString,
                                                  PCWCH UnicodeString, ULONG BytesInUnicodeString);
NTSYSAPI NTSTATUS NTAPI RtlMultiByteToUnicodeSize(PULONG BytesInUnicodeString,
                                                  const CHAR *MultiByteString,
                                                  ULONG BytesInMultiByteString);

/* ---- run-time library (not provided) ---------------------------------------------------- */
NTSYSAPI VOID NTAPI RtlInitializeGenericTable(PRTL_GENERIC_TABLE Table,
                                              PRTL_GENERIC_COMPARE_ROUTINE CompareRoutine,
                                              PRTL_GENERIC_ALLOCATE_ROUTINE AllocateRoutine,
                                              PRTL_GENERIC_FREE_ROUTINE FreeRoutine,
                                              PVOID TableContext) DRVHOST_NOT_PROVIDED;
NTSYSAPI PVOID NTAPI RtlInsertElementGenericTable(PRTL_GENERIC_TABLE Table, PVOID Buffer,
                                                  CLONG BufferSize,
                                                  PBOOLEAN NewElement) DRVHOST_NOT_PROVIDED;
NTSYSAPI BOOLEAN NTAPI RtlDeleteElementGenericTable(PRTL_GENERIC_TABLE Table,
                                                    PVOID Buffer) DRVHOST_NOT_PROVIDED;
NTSYSAPI PVOID NTAPI RtlLookupElementGenericTable(PRTL_GENERIC_TABLE Table,
                                                  PVOID Buffer) DRVHOST_NOT_PROVIDED;
NTSYSAPI PVOID NTAPI RtlEnumerateGenericTableWithoutSplaying(
    PRTL_GENERIC_TABLE Table, PVOID *RestartKey) DRVHOST_NOT_PROVIDED;
NTSYSAPI PRTL_SPLAY_LINKS NTAPI RtlSplay(PRTL_SPLAY_LINKS Links) DRVHOST_NOT_PROVIDED;
NTSYSAPI PRTL_SPLAY_LINKS NTAPI RtlDelete(PRTL_SPLAY_LINKS Links) DRVHOST_NOT_PROVIDED;
NTSYSAPI VOID NTAPI RtlFreeOemString(POEM_STRING OemString) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI RtlGenerate8dot3Name(PCUNICODE_STRING Name, BOOLEAN AllowExtendedCharacters,
                                             PGENERATE_NAME_CONTEXT Context,
                                             PUNICODE_STRING Name8dot3) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI
RtlOemStringToCountedUnicodeString(PUNICODE_STRING DestinationString, PCOEM_STRING SourceString,
                                   BOOLEAN AllocateDestinationString) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI RtlOemToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString,
                                         PULONG BytesInUnicodeString, PCCH OemString,
                                         ULONG BytesInOemString) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI
RtlUnicodeStringToOemString(POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
                            BOOLEAN AllocateDestinationString) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI
RtlUnicodeStringToCountedOemString(POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
                                   BOOLEAN AllocateDestinationString) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeStringToCountedOemString(
    POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
    BOOLEAN AllocateDestinationString) DRVHOST_NOT_PROVIDED;

/* ---- security reference monitor (not provided) ------------------------------------------ */
NTKERNELAPI BOOLEAN NTAPI SeSinglePrivilegeCheck(LUID PrivilegeValue,
                                                 KPROCESSOR_MODE PreviousMode) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI SePrivilegeCheck(PPRIVILEGE_SET RequiredPrivileges,
                                           PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext,
                                           KPROCESSOR_MODE AccessMode) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI SeAccessCheck(PSECURITY_DESCRIPTOR SecurityDescriptor,
                                        PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext,
                                        BOOLEAN SubjectContextLocked, ACCESS_MASK DesiredAccess,
                                        ACCESS_MASK PreviouslyGrantedAccess,
                                        PPRIVILEGE_SET *Privileges, PGENERIC_MAPPING GenericMapping,
                                        KPROCESSOR_MODE AccessMode, PACCESS_MASK GrantedAccess,
                                        PNTSTATUS AccessStatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI SeFilterToken(PACCESS_TOKEN ExistingToken, ULONG Flags,
                                         PTOKEN_GROUPS SidsToDisable,
                                         PTOKEN_PRIVILEGES PrivilegesToDelete,
                                         PTOKEN_GROUPS RestrictedSids,
                                         PACCESS_TOKEN *FilteredToken) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI SeLockSubjectContext(PSECURITY_SUBJECT_CONTEXT SubjectContext)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI SeUnlockSubjectContext(PSECURITY_SUBJECT_CONTEXT SubjectContext)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI SeReleaseSubjectContext(PSECURITY_SUBJECT_CONTEXT SubjectContext)
    DRVHOST_NOT_PROVIDED;

/* ---- constants and types of the same sources ------------------------------------------- */
/* IO_STATUS_BLOCK.Information of a create that the file system asks the I/O manager to redo. */
#define IO_REPARSE 0x0
#define IO_REMOUNT 0x1
/* Bug-check codes (bugcodes.h) the two file systems raise. */
#define FAT_FILE_SYSTEM  0x00000023
#define CDFS_FILE_SYSTEM 0x00000026
/* CcSetAdditionalCacheAttributesEx flags. */
#define CC_ENABLE_DISK_IO_ACCOUNTING 0x00000010

typedef enum _IO_PRIORITY_HINT {
    IoPriorityVeryLow = 0,
    IoPriorityLow,
    IoPriorityNormal,
    IoPriorityHigh,
    IoPriorityCritical,
    MaxIoPriorityTypes
} IO_PRIORITY_HINT;

typedef struct _IO_PRIORITY_INFO {
    ULONG Size;
    ULONG ThreadPriority;
    ULONG PagePriority;
    IO_PRIORITY_HINT IoPriority;
} IO_PRIORITY_INFO, *PIO_PRIORITY_INFO;

/* An inline function in the WDK: the defaults IoRetrievePriorityInfo starts from. */
static inline VOID IoInitializePriorityInfo(PIO_PRIORITY_INFO PriorityInfo)
{
    PriorityInfo->Size = sizeof(IO_PRIORITY_INFO);
    PriorityInfo->ThreadPriority = 0xffff;
    PriorityInfo->IoPriority = IoPriorityNormal;
    PriorityInfo->PagePriority = 0;
}
NTKERNELAPI NTSTATUS NTAPI IoRetrievePriorityInfo(PIRP Irp, PFILE_OBJECT FileObject,
                                                  PETHREAD Thread, PIO_PRIORITY_INFO PriorityInfo)
    DRVHOST_NOT_PROVIDED;

#define SYSTEM_PAGE_PRIORITY_BITS   3
#define SYSTEM_PAGE_PRIORITY_LEVELS (1 << SYSTEM_PAGE_PRIORITY_BITS)

typedef union _MM_PREFETCH_FLAGS {
    struct {
        ULONG Priority : SYSTEM_PAGE_PRIORITY_BITS;
        ULONG RepurposePriority : SYSTEM_PAGE_PRIORITY_BITS;
        ULONG PriorityProtection : 1;
    } Flags;
    ULONG AllFlags;
} MM_PREFETCH_FLAGS, *PMM_PREFETCH_FLAGS;

NTKERNELAPI NTSTATUS NTAPI MmPrefetchPages(ULONG NumberOfLists,
                                           PREAD_LIST *ReadLists) DRVHOST_NOT_PROVIDED;

/* x64's kernel stack (ntddk.h). */
#define KERNEL_STACK_SIZE 0x6000
/* The DOS wildcards FsRtlIsNameInExpression matches (ntifs.h). */
#define DOS_STAR (L'<')
#define DOS_QM   (L'>')
#define DOS_DOT  (L'"')
/* The volume snapshot driver's request to flush and hold writes (ntifs.h). */
#define VOLSNAPCONTROLTYPE 0x00000053
#define IOCTL_VOLSNAP_FLUSH_AND_HOLD_WRITES                                                        \
    CTL_CODE(VOLSNAPCONTROLTYPE, 0, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)

typedef VOID NTAPI OPLOCK_WAIT_COMPLETE_ROUTINE(PVOID Context, PIRP Irp);
typedef OPLOCK_WAIT_COMPLETE_ROUTINE *POPLOCK_WAIT_COMPLETE_ROUTINE;
typedef VOID NTAPI OPLOCK_FS_PREPOST_IRP(PVOID Context, PIRP Irp);
typedef OPLOCK_FS_PREPOST_IRP *POPLOCK_FS_PREPOST_IRP;
NTKERNELAPI NTSTATUS NTAPI FsRtlCheckOplockEx(POPLOCK Oplock, PIRP Irp, ULONG Flags, PVOID Context,
                                              POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine,
                                              POPLOCK_FS_PREPOST_IRP PostIrpRoutine)
    DRVHOST_NOT_PROVIDED;
/* A macro in ntifs.h over the code page's tables; a routine here. */
NTSYSAPI ULONG NTAPI RtlOemStringToCountedUnicodeSize(PCOEM_STRING OemString) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI PsUpdateDiskCounters(PEPROCESS Process, ULONG64 BytesRead,
                                            ULONG64 BytesWritten, ULONG ReadOperationCount,
                                            ULONG WriteOperationCount,
                                            ULONG FlushOperationCount) DRVHOST_NOT_PROVIDED;

typedef VOID NTAPI EXPAND_STACK_CALLOUT(PVOID Parameter);
typedef EXPAND_STACK_CALLOUT *PEXPAND_STACK_CALLOUT;
NTKERNELAPI NTSTATUS NTAPI KeExpandKernelStackAndCalloutEx(PEXPAND_STACK_CALLOUT Callout,
                                                           PVOID Parameter, SIZE_T Size,
                                                           BOOLEAN Wait,
                                                           PVOID Context) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PEPROCESS NTAPI PsGetThreadProcess(PETHREAD Thread) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI IoIsSystemThread(PETHREAD Thread) DRVHOST_NOT_PROVIDED;
NTKERNELAPI ULONG NTAPI
MmDoesFileHaveUserWritableReferences(PSECTION_OBJECT_POINTERS SectionPointer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI ULONG NTAPI ExInterlockedAddUlong(PULONG Addend, ULONG Increment,
                                              PKSPIN_LOCK Lock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcIsThereDirtyData(PVPB Vpb) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlUpdateDiskCounters(ULONG64 BytesRead,
                                               ULONG64 BytesWritten) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlOplockBreakH(POPLOCK Oplock, PIRP Irp, ULONG Flags, PVOID Context,
                                             POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine,
                                             POPLOCK_FS_PREPOST_IRP PostIrpRoutine)
    DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlIsTotalDeviceFailure(NTSTATUS Status) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlAreVolumeStartupApplicationsComplete(VOID) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlAreNamesEqual(PCUNICODE_STRING ConstantNameA,
                                             PCUNICODE_STRING ConstantNameB, BOOLEAN IgnoreCase,
                                             PCWCH UpcaseTable) DRVHOST_NOT_PROVIDED;
/* A macro in ntifs.h (ExAllocatePoolWithQuotaTag, raising on failure); a routine here. */
NTKERNELAPI PVOID NTAPI FsRtlAllocatePoolWithQuotaTag(POOL_TYPE PoolType, ULONG NumberOfBytes,
                                                      ULONG Tag) DRVHOST_NOT_PROVIDED;
NTSYSAPI VOID NTAPI RtlUpperString(PSTRING DestinationString,
                                   const STRING *SourceString) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI PsIsDiskCountersEnabled(VOID) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoVolumeDeviceToGuid(PVOID VolumeDeviceObject,
                                                GUID *Guid) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoVolumeDeviceToGuidPath(PVOID VolumeDeviceObject,
                                                    PUNICODE_STRING GuidPath) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI IoRaiseInformationalHardError(NTSTATUS ErrorStatus,
                                                        PUNICODE_STRING String,
                                                        PKTHREAD Thread) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlOplockIsSharedRequest(PIRP Irp) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlCurrentOplockH(POPLOCK Oplock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlCheckLockForOplockRequest(
    PFILE_LOCK FileLock, PLARGE_INTEGER AllocationSize) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI FsRtlAreThereWaitingFileLocks(PFILE_LOCK FileLock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcMdlWriteAbort(PFILE_OBJECT FileObject, PMDL MdlChain) DRVHOST_NOT_PROVIDED;
/* A macro in ntifs.h over the shared cache map's layout; a routine here. */
NTKERNELAPI PLARGE_INTEGER NTAPI CcGetFileSizePointer(PFILE_OBJECT FileObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcCopyReadEx(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                       ULONG Length, BOOLEAN Wait, PVOID Buffer,
                                       PIO_STATUS_BLOCK IoStatus,
                                       PETHREAD IoIssuerThread) DRVHOST_NOT_PROVIDED;
/* Session 12 (fastfat's write path). The CC_FLUSH_AND_PURGE_* flags are left out: their page
 * names them without values. */
NTKERNELAPI BOOLEAN NTAPI CcCopyWriteEx(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                        ULONG Length, BOOLEAN Wait, PVOID Buffer,
                                        PETHREAD IoIssuerThread) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcCoherencyFlushAndPurgeCache(PSECTION_OBJECT_POINTERS SectionObjectPointer,
                                                     PLARGE_INTEGER FileOffset, ULONG Length,
                                                     PIO_STATUS_BLOCK IoStatus,
                                                     ULONG Flags) DRVHOST_NOT_PROVIDED;
/* ntdef.h's byte-offset helper. */
#ifndef RtlOffsetToPointer
#define RtlOffsetToPointer(B, O) ((PCHAR)(((PCHAR)(B)) + ((ULONG_PTR)(O))))
#endif

NTKERNELAPI NTSTATUS NTAPI FsRtlBalanceReads(PDEVICE_OBJECT TargetDevice) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoGetStackLimits(PULONG_PTR LowLimit,
                                        PULONG_PTR HighLimit) DRVHOST_NOT_PROVIDED;

/* ---- session 12, issue 16: SeExports (filesys/fastfat) -----------------------------------
 * SE_EXPORTS, members in the order of its reference page (ns-ntifs-_se_exports): the privilege
 * values are LUIDs, the well-known SIDs are PSIDs (the page links LUID and SID). Windows' own
 * structure may go on past the last member the page lists; a driver only reads it through
 * SeExports, so the missing tail changes no offset a driver uses. drvhost has no security
 * reference monitor: SeExports is declared but not exported, so the loader refuses a module
 * that reads it, naming SeExports. */
typedef struct _SE_EXPORTS {
    LUID SeCreateTokenPrivilege;
    LUID SeAssignPrimaryTokenPrivilege;
    LUID SeLockMemoryPrivilege;
    LUID SeIncreaseQuotaPrivilege;
    LUID SeUnsolicitedInputPrivilege;
    LUID SeTcbPrivilege;
    LUID SeSecurityPrivilege;
    LUID SeTakeOwnershipPrivilege;
    LUID SeLoadDriverPrivilege;
    LUID SeCreatePagefilePrivilege;
    LUID SeIncreaseBasePriorityPrivilege;
    LUID SeSystemProfilePrivilege;
    LUID SeSystemtimePrivilege;
    LUID SeProfileSingleProcessPrivilege;
    LUID SeCreatePermanentPrivilege;
    LUID SeBackupPrivilege;
    LUID SeRestorePrivilege;
    LUID SeShutdownPrivilege;
    LUID SeDebugPrivilege;
    LUID SeAuditPrivilege;
    LUID SeSystemEnvironmentPrivilege;
    LUID SeChangeNotifyPrivilege;
    LUID SeRemoteShutdownPrivilege;
    PSID SeNullSid;
    PSID SeWorldSid;
    PSID SeLocalSid;
    PSID SeCreatorOwnerSid;
    PSID SeCreatorGroupSid;
    PSID SeNtAuthoritySid;
    PSID SeDialupSid;
    PSID SeNetworkSid;
    PSID SeBatchSid;
    PSID SeInteractiveSid;
    PSID SeLocalSystemSid;
    PSID SeAliasAdminsSid;
    PSID SeAliasUsersSid;
    PSID SeAliasGuestsSid;
    PSID SeAliasPowerUsersSid;
    PSID SeAliasAccountOpsSid;
    PSID SeAliasSystemOpsSid;
    PSID SeAliasPrintOpsSid;
    PSID SeAliasBackupOpsSid;
    PSID SeAuthenticatedUsersSid;
    PSID SeRestrictedSid;
    PSID SeAnonymousLogonSid;
    LUID SeUndockPrivilege;
    LUID SeSyncAgentPrivilege;
    LUID SeEnableDelegationPrivilege;
    PSID SeLocalServiceSid;
    PSID SeNetworkServiceSid;
    LUID SeManageVolumePrivilege;
    LUID SeImpersonatePrivilege;
    LUID SeCreateGlobalPrivilege;
    LUID SeTrustedCredManAccessPrivilege;
    LUID SeRelabelPrivilege;
    LUID SeIncreaseWorkingSetPrivilege;
    LUID SeTimeZonePrivilege;
    LUID SeCreateSymbolicLinkPrivilege;
    PSID SeIUserSid;
    PSID SeUntrustedMandatorySid;
    PSID SeLowMandatorySid;
    PSID SeMediumMandatorySid;
    PSID SeHighMandatorySid;
    PSID SeSystemMandatorySid;
    PSID SeOwnerRightsSid;
    PSID SeAllAppPackagesSid;
    PSID SeUserModeDriversSid;
    PSID SeTrustedInstallerSid;
    LUID SeDelegateSessionUserImpersonatePrivilege;
} SE_EXPORTS, *PSE_EXPORTS;

extern NTKERNELAPI PSE_EXPORTS SeExports;

#endif
