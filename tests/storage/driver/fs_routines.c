/* fs_routines.c - the routines, types and constants ntifs.h declares for file systems
 * (filesys/cdfs and filesys/fastfat, issue 16), checked at compile time by a driver module that
 * calls none of them (this module failing to build is the test failing; fs_routines_cxx.cpp
 * compiles it as kernel C++):
 *   - each routine's type is the documented prototype (the DDI reference pages): the table
 *     below spells each as a function-pointer type and the check needs the declaration's type
 *     to be that type exactly; nothing takes an address, so the module imports none of them;
 *   - the routines the WDK defines as macros or inline functions, used;
 *   - __pragma (msvc.h): pack takes effect, warning controls compile inside an expression;
 *   - the constants' documented values and the new types' x64 layouts.
 */
#include <ntifs.h>

#ifdef __cplusplus
template <class T, class U> struct FsSame {
    static const bool value = false;
};
template <class T> struct FsSame<T, T> {
    static const bool value = true;
};
#define FS_ROUTINE(ret, name, params)                                                              \
    static_assert(FsSame<decltype(&name), ret(NTAPI *) params>::value,                             \
                  #name " is not the documented type");
#define FS_ASSERT(e) static_assert(e, #e)
#else
#define FS_ROUTINE(ret, name, params)                                                              \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), ret(NTAPI *) params),           \
                   #name " is not the documented type");
#define FS_ASSERT(e) _Static_assert(e, #e)
#endif

/* The documented prototypes (wdk-ddi-src/content/ntifs, wdm, ntddk). */
#define FS_ROUTINES                                                                                \
    FS_ROUTINE(BOOLEAN, CcMapData,                                                                 \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, ULONG Flags,     \
                PVOID * Bcb, PVOID * Buffer))                                                      \
    FS_ROUTINE(BOOLEAN, CcPinRead,                                                                 \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, ULONG Flags,     \
                PVOID * Bcb, PVOID * Buffer))                                                      \
    FS_ROUTINE(BOOLEAN, CcPinMappedData,                                                           \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, ULONG Flags,     \
                PVOID * Bcb))                                                                      \
    FS_ROUTINE(BOOLEAN, CcPreparePinWrite,                                                         \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Zero,    \
                ULONG Flags, PVOID * Bcb, PVOID * Buffer))                                         \
    FS_ROUTINE(VOID, CcUnpinData, (PVOID Bcb))                                                     \
    FS_ROUTINE(VOID, CcRepinBcb, (PVOID Bcb))                                                      \
    FS_ROUTINE(VOID, CcUnpinRepinnedBcb,                                                           \
               (PVOID Bcb, BOOLEAN WriteThrough, PIO_STATUS_BLOCK IoStatus))                       \
    FS_ROUTINE(VOID, CcSetDirtyPinnedData, (PVOID BcbVoid, PLARGE_INTEGER Lsn))                    \
    FS_ROUTINE(PFILE_OBJECT, CcGetFileObjectFromBcb, (PVOID Bcb))                                  \
    FS_ROUTINE(VOID, CcMdlRead,                                                                    \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, PMDL * MdlChain, \
                PIO_STATUS_BLOCK IoStatus))                                                        \
    FS_ROUTINE(VOID, CcMdlReadComplete, (PFILE_OBJECT FileObject, PMDL MdlChain))                  \
    FS_ROUTINE(VOID, CcPrepareMdlWrite,                                                            \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, PMDL * MdlChain, \
                PIO_STATUS_BLOCK IoStatus))                                                        \
    FS_ROUTINE(VOID, CcMdlWriteComplete,                                                           \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, PMDL MdlChain))                \
    FS_ROUTINE(VOID, CcSetReadAheadGranularity, (PFILE_OBJECT FileObject, ULONG Granularity))      \
    FS_ROUTINE(NTSTATUS, CcWaitForCurrentLazyWriterActivity, (VOID))                               \
    FS_ROUTINE(VOID, CcSetAdditionalCacheAttributes,                                               \
               (PFILE_OBJECT FileObject, BOOLEAN DisableReadAhead, BOOLEAN DisableWriteBehind))    \
    FS_ROUTINE(VOID, CcSetAdditionalCacheAttributesEx, (PFILE_OBJECT FileObject, ULONG Flags))     \
    FS_ROUTINE(BOOLEAN, CcZeroData,                                                                \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER StartOffset, PLARGE_INTEGER EndOffset,     \
                BOOLEAN Wait))                                                                     \
    FS_ROUTINE(BOOLEAN, CcCanIWrite,                                                               \
               (PFILE_OBJECT FileObject, ULONG BytesToWrite, BOOLEAN Wait, UCHAR Retrying))        \
    FS_ROUTINE(VOID, CcDeferWrite,                                                                 \
               (PFILE_OBJECT FileObject, PCC_POST_DEFERRED_WRITE PostRoutine, PVOID Context1,      \
                PVOID Context2, ULONG BytesToWrite, BOOLEAN Retrying))                             \
    FS_ROUTINE(LARGE_INTEGER, CcGetFlushedValidData,                                               \
               (PSECTION_OBJECT_POINTERS SectionObjectPointer, BOOLEAN BcbListHeld))               \
    FS_ROUTINE(PVOID, FsRtlAllocatePool, (POOL_TYPE PoolType, ULONG NumberOfBytes))                \
    FS_ROUTINE(PVOID, FsRtlAllocatePoolWithTag,                                                    \
               (POOL_TYPE PoolType, ULONG NumberOfBytes, ULONG Tag))                               \
    FS_ROUTINE(BOOLEAN, FsRtlCopyRead,                                                             \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Wait,    \
                ULONG LockKey, PVOID Buffer, PIO_STATUS_BLOCK IoStatus,                            \
                PDEVICE_OBJECT DeviceObject))                                                      \
    FS_ROUTINE(BOOLEAN, FsRtlCopyWrite,                                                            \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Wait,    \
                ULONG LockKey, PVOID Buffer, PIO_STATUS_BLOCK IoStatus,                            \
                PDEVICE_OBJECT DeviceObject))                                                      \
    FS_ROUTINE(BOOLEAN, FsRtlMdlReadDev,                                                           \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, ULONG LockKey,   \
                PMDL * MdlChain, PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject))          \
    FS_ROUTINE(BOOLEAN, FsRtlMdlReadCompleteDev,                                                   \
               (PFILE_OBJECT FileObject, PMDL MdlChain, PDEVICE_OBJECT DeviceObject))              \
    FS_ROUTINE(BOOLEAN, FsRtlPrepareMdlWriteDev,                                                   \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, ULONG LockKey,   \
                PMDL * MdlChain, PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject))          \
    FS_ROUTINE(BOOLEAN, FsRtlMdlWriteCompleteDev,                                                  \
               (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, PMDL MdlChain,                 \
                PDEVICE_OBJECT DeviceObject))                                                      \
    FS_ROUTINE(PFILE_LOCK, FsRtlAllocateFileLock,                                                  \
               (PCOMPLETE_LOCK_IRP_ROUTINE CompleteLockIrpRoutine, PUNLOCK_ROUTINE UnlockRoutine)) \
    FS_ROUTINE(VOID, FsRtlFreeFileLock, (PFILE_LOCK FileLock))                                     \
    FS_ROUTINE(VOID, FsRtlUninitializeFileLock, (PFILE_LOCK FileLock))                             \
    FS_ROUTINE(BOOLEAN, FsRtlAreThereCurrentFileLocks, (PFILE_LOCK FileLock))                      \
    FS_ROUTINE(BOOLEAN, FsRtlAreThereCurrentOrInProgressFileLocks, (PFILE_LOCK FileLock))          \
    FS_ROUTINE(BOOLEAN, FsRtlCheckLockForReadAccess, (PFILE_LOCK FileLock, PIRP Irp))              \
    FS_ROUTINE(BOOLEAN, FsRtlCheckLockForWriteAccess, (PFILE_LOCK FileLock, PIRP Irp))             \
    FS_ROUTINE(BOOLEAN, FsRtlFastCheckLockForRead,                                                 \
               (PFILE_LOCK FileLock, PLARGE_INTEGER StartingByte, PLARGE_INTEGER Length,           \
                ULONG Key, PFILE_OBJECT FileObject, PVOID ProcessId))                              \
    FS_ROUTINE(BOOLEAN, FsRtlFastCheckLockForWrite,                                                \
               (PFILE_LOCK FileLock, PLARGE_INTEGER StartingByte, PLARGE_INTEGER Length,           \
                ULONG Key, PVOID FileObject, PVOID ProcessId))                                     \
    FS_ROUTINE(BOOLEAN, FsRtlFastLock,                                                             \
               (PFILE_LOCK FileLock, PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,           \
                PLARGE_INTEGER Length, PEPROCESS ProcessId, ULONG Key, BOOLEAN FailImmediately,    \
                BOOLEAN ExclusiveLock, PIO_STATUS_BLOCK Iosb, PVOID Context,                       \
                BOOLEAN AlreadySynchronized))                                                      \
    FS_ROUTINE(NTSTATUS, FsRtlFastUnlockSingle,                                                    \
               (PFILE_LOCK FileLock, PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,           \
                PLARGE_INTEGER Length, PEPROCESS ProcessId, ULONG Key, PVOID Context,              \
                BOOLEAN AlreadySynchronized))                                                      \
    FS_ROUTINE(NTSTATUS, FsRtlFastUnlockAll,                                                       \
               (PFILE_LOCK FileLock, PFILE_OBJECT FileObject, PEPROCESS ProcessId, PVOID Context)) \
    FS_ROUTINE(NTSTATUS, FsRtlFastUnlockAllByKey,                                                  \
               (PFILE_LOCK FileLock, PFILE_OBJECT FileObject, PEPROCESS ProcessId, ULONG Key,      \
                PVOID Context))                                                                    \
    FS_ROUTINE(NTSTATUS, FsRtlProcessFileLock, (PFILE_LOCK FileLock, PIRP Irp, PVOID Context))     \
    FS_ROUTINE(BOOLEAN, FsRtlCurrentBatchOplock, (POPLOCK Oplock))                                 \
    FS_ROUTINE(BOOLEAN, FsRtlOplockIsFastIoPossible, (POPLOCK Oplock))                             \
    FS_ROUTINE(BOOLEAN, FsRtlDoesNameContainWildCards, (PUNICODE_STRING Name))                     \
    FS_ROUTINE(BOOLEAN, FsRtlIsFatDbcsLegal,                                                       \
               (ANSI_STRING DbcsName, BOOLEAN WildCardsPermissible, BOOLEAN PathNamePermissible,   \
                BOOLEAN LeadingBackslashPermissible))                                              \
    FS_ROUTINE(BOOLEAN, FsRtlIsHpfsDbcsLegal,                                                      \
               (ANSI_STRING DbcsName, BOOLEAN WildCardsPermissible, BOOLEAN PathNamePermissible,   \
                BOOLEAN LeadingBackslashPermissible))                                              \
    FS_ROUTINE(BOOLEAN, FsRtlIsDbcsInExpression, (PANSI_STRING Expression, PANSI_STRING Name))     \
    FS_ROUTINE(VOID, FsRtlDissectDbcs,                                                             \
               (ANSI_STRING Path, PANSI_STRING FirstName, PANSI_STRING RemainingName))             \
    FS_ROUTINE(VOID, FsRtlDissectName,                                                             \
               (UNICODE_STRING Path, PUNICODE_STRING FirstName, PUNICODE_STRING RemainingName))    \
    FS_ROUTINE(BOOLEAN, FsRtlIsAnsiCharacterLegalHpfs,                                             \
               (ULONG Character, ULONG WildCardsPermissible))                                      \
    FS_ROUTINE(BOOLEAN, FsRtlIsAnsiCharacterLegalFat,                                              \
               (ULONG Character, ULONG WildCardsPermissible))                                      \
    FS_ROUTINE(BOOLEAN, FsRtlIsLeadDbcsCharacter, (UCHAR DbcsChar))                                \
    FS_ROUTINE(BOOLEAN, FsRtlIsNtstatusExpected, (NTSTATUS Ntstatus))                              \
    FS_ROUTINE(NTSTATUS, FsRtlNormalizeNtstatus, (NTSTATUS Exception, NTSTATUS GenericException))  \
    FS_ROUTINE(VOID, FsRtlNotifyInitializeSync, (PNOTIFY_SYNC * NotifySync))                       \
    FS_ROUTINE(VOID, FsRtlNotifyUninitializeSync, (PNOTIFY_SYNC * NotifySync))                     \
    FS_ROUTINE(VOID, FsRtlNotifyCleanup,                                                           \
               (PNOTIFY_SYNC NotifySync, PLIST_ENTRY NotifyList, PVOID FsContext))                 \
    FS_ROUTINE(VOID, FsRtlNotifyFullChangeDirectory,                                               \
               (PNOTIFY_SYNC NotifySync, PLIST_ENTRY NotifyList, PVOID FsContext,                  \
                PSTRING FullDirectoryName, BOOLEAN WatchTree, BOOLEAN IgnoreBuffer,                \
                ULONG CompletionFilter, PIRP NotifyIrp,                                            \
                PCHECK_FOR_TRAVERSE_ACCESS TraverseCallback,                                       \
                PSECURITY_SUBJECT_CONTEXT SubjectContext))                                         \
    FS_ROUTINE(VOID, FsRtlNotifyFullReportChange,                                                  \
               (PNOTIFY_SYNC NotifySync, PLIST_ENTRY NotifyList, PSTRING FullTargetName,           \
                USHORT TargetNameOffset, PSTRING StreamName, PSTRING NormalizedParentName,         \
                ULONG FilterMatch, ULONG Action, PVOID TargetContext))                             \
    FS_ROUTINE(NTSTATUS, FsRtlNotifyVolumeEvent, (PFILE_OBJECT FileObject, ULONG EventCode))       \
    FS_ROUTINE(NTSTATUS, FsRtlDismountComplete,                                                    \
               (PDEVICE_OBJECT DeviceObject, NTSTATUS DismountStatus))                             \
    FS_ROUTINE(NTSTATUS, FsRtlGetSectorSizeInformation,                                            \
               (PDEVICE_OBJECT DeviceObject, PFILE_FS_SECTOR_SIZE_INFORMATION SectorSizeInfo))     \
    FS_ROUTINE(NTSTATUS, FsRtlRegisterFileSystemFilterCallbacks,                                   \
               (PDRIVER_OBJECT FilterDriverObject, PFS_FILTER_CALLBACKS Callbacks))                \
    FS_ROUTINE(VOID, FsRtlSetupAdvancedHeader, (PVOID AdvHdr, PFAST_MUTEX FMutex))                 \
    FS_ROUTINE(VOID, FsRtlTeardownPerStreamContexts, (PFSRTL_ADVANCED_FCB_HEADER AdvancedHeader))  \
    FS_ROUTINE(VOID, FsRtlPostStackOverflow,                                                       \
               (PVOID Context, PKEVENT Event, PFSRTL_STACK_OVERFLOW_ROUTINE StackOverflowRoutine)) \
    FS_ROUTINE(VOID, FsRtlPostPagingFileStackOverflow,                                             \
               (PVOID Context, PKEVENT Event, PFSRTL_STACK_OVERFLOW_ROUTINE StackOverflowRoutine)) \
    FS_ROUTINE(VOID, FsRtlInitializeLargeMcb, (PLARGE_MCB Mcb, POOL_TYPE PoolType))                \
    FS_ROUTINE(VOID, FsRtlUninitializeLargeMcb, (PLARGE_MCB Mcb))                                  \
    FS_ROUTINE(VOID, FsRtlResetLargeMcb, (PLARGE_MCB Mcb, BOOLEAN SelfSynchronized))               \
    FS_ROUTINE(VOID, FsRtlTruncateLargeMcb, (PLARGE_MCB Mcb, LONGLONG Vbn))                        \
    FS_ROUTINE(ULONG, FsRtlNumberOfRunsInLargeMcb, (PLARGE_MCB Mcb))                               \
    FS_ROUTINE(BOOLEAN, FsRtlAddLargeMcbEntry,                                                     \
               (PLARGE_MCB Mcb, LONGLONG Vbn, LONGLONG Lbn, LONGLONG SectorCount))                 \
    FS_ROUTINE(VOID, FsRtlRemoveLargeMcbEntry,                                                     \
               (PLARGE_MCB Mcb, LONGLONG Vbn, LONGLONG SectorCount))                               \
    FS_ROUTINE(BOOLEAN, FsRtlLookupLargeMcbEntry,                                                  \
               (PLARGE_MCB Mcb, LONGLONG Vbn, PLONGLONG Lbn, PLONGLONG SectorCountFromLbn,         \
                PLONGLONG StartingLbn, PLONGLONG SectorCountFromStartingLbn, PULONG Index))        \
    FS_ROUTINE(BOOLEAN, FsRtlLookupLastLargeMcbEntry,                                              \
               (PLARGE_MCB Mcb, PLONGLONG Vbn, PLONGLONG Lbn))                                     \
    FS_ROUTINE(BOOLEAN, FsRtlLookupLastLargeMcbEntryAndIndex,                                      \
               (PLARGE_MCB OpaqueMcb, PLONGLONG LargeVbn, PLONGLONG LargeLbn, PULONG Index))       \
    FS_ROUTINE(                                                                                    \
        BOOLEAN, FsRtlGetNextLargeMcbEntry,                                                        \
        (PLARGE_MCB Mcb, ULONG RunIndex, PLONGLONG Vbn, PLONGLONG Lbn, PLONGLONG SectorCount))     \
    FS_ROUTINE(BOOLEAN, FsRtlSplitLargeMcb, (PLARGE_MCB Mcb, LONGLONG Vbn, LONGLONG Amount))       \
    FS_ROUTINE(VOID, FsRtlInitializeTunnelCache, (TUNNEL * Cache))                                 \
    FS_ROUTINE(VOID, FsRtlDeleteTunnelCache, (TUNNEL * Cache))                                     \
    FS_ROUTINE(VOID, FsRtlAddToTunnelCache,                                                        \
               (TUNNEL * Cache, ULONGLONG DirectoryKey, UNICODE_STRING * ShortName,                \
                UNICODE_STRING * LongName, BOOLEAN KeyByShortName, ULONG DataLength, VOID * Data)) \
    FS_ROUTINE(BOOLEAN, FsRtlFindInTunnelCache,                                                    \
               (TUNNEL * Cache, ULONGLONG DirectoryKey, UNICODE_STRING * Name,                     \
                UNICODE_STRING * ShortName, UNICODE_STRING * LongName, ULONG * DataLength,         \
                VOID * Data))                                                                      \
    FS_ROUTINE(VOID, FsRtlDeleteKeyFromTunnelCache, (TUNNEL * Cache, ULONGLONG DirectoryKey))      \
    FS_ROUTINE(VOID, IoAcquireVpbSpinLock, (PKIRQL Irql))                                          \
    FS_ROUTINE(VOID, IoReleaseVpbSpinLock, (KIRQL Irql))                                           \
    FS_ROUTINE(NTSTATUS, IoCheckShareAccess,                                                       \
               (ACCESS_MASK DesiredAccess, ULONG DesiredShareAccess, PFILE_OBJECT FileObject,      \
                PSHARE_ACCESS ShareAccess, BOOLEAN Update))                                        \
    FS_ROUTINE(VOID, IoSetShareAccess,                                                             \
               (ACCESS_MASK DesiredAccess, ULONG DesiredShareAccess, PFILE_OBJECT FileObject,      \
                PSHARE_ACCESS ShareAccess))                                                        \
    FS_ROUTINE(VOID, IoUpdateShareAccess, (PFILE_OBJECT FileObject, PSHARE_ACCESS ShareAccess))    \
    FS_ROUTINE(VOID, IoRemoveShareAccess, (PFILE_OBJECT FileObject, PSHARE_ACCESS ShareAccess))    \
    FS_ROUTINE(PFILE_OBJECT, IoCreateStreamFileObject,                                             \
               (PFILE_OBJECT FileObject, PDEVICE_OBJECT DeviceObject))                             \
    FS_ROUTINE(PFILE_OBJECT, IoCreateStreamFileObjectLite,                                         \
               (PFILE_OBJECT FileObject, PDEVICE_OBJECT DeviceObject))                             \
    FS_ROUTINE(PDEVICE_OBJECT, IoGetDeviceToVerify, (PETHREAD Thread))                             \
    FS_ROUTINE(VOID, IoSetDeviceToVerify, (PETHREAD Thread, PDEVICE_OBJECT DeviceObject))          \
    FS_ROUTINE(VOID, IoSetHardErrorOrVerifyDevice, (PIRP Irp, PDEVICE_OBJECT DeviceObject))        \
    FS_ROUTINE(VOID, IoRaiseHardError, (PIRP Irp, PVPB Vpb, PDEVICE_OBJECT RealDeviceObject))      \
    FS_ROUTINE(NTSTATUS, IoVerifyVolume, (PDEVICE_OBJECT DeviceObject, BOOLEAN AllowRawMount))     \
    FS_ROUTINE(PIRP, IoGetTopLevelIrp, (VOID))                                                     \
    FS_ROUTINE(VOID, IoSetTopLevelIrp, (PIRP Irp))                                                 \
    FS_ROUTINE(BOOLEAN, IoIsOperationSynchronous, (PIRP Irp))                                      \
    FS_ROUTINE(PIRP, IoMakeAssociatedIrp, (PIRP Irp, CCHAR StackSize))                             \
    FS_ROUTINE(LOGICAL, IoWithinStackLimits, (ULONG_PTR RegionStart, SIZE_T RegionSize))           \
    FS_ROUTINE(PGENERIC_MAPPING, IoGetFileObjectGenericMapping, (VOID))                            \
    FS_ROUTINE(MM_SYSTEMSIZE, MmQuerySystemSize, (VOID))                                           \
    FS_ROUTINE(BOOLEAN, MmFlushImageSection,                                                       \
               (PSECTION_OBJECT_POINTERS SectionObjectPointer, MMFLUSH_TYPE FlushType))            \
    FS_ROUTINE(BOOLEAN, MmCanFileBeTruncated,                                                      \
               (PSECTION_OBJECT_POINTERS SectionPointer, PLARGE_INTEGER NewFileSize))              \
    FS_ROUTINE(VOID, ExSetResourceOwnerPointer, (PERESOURCE Resource, PVOID OwnerPointer))         \
    FS_ROUTINE(VOID, RtlInitializeGenericTable,                                                    \
               (PRTL_GENERIC_TABLE Table, PRTL_GENERIC_COMPARE_ROUTINE CompareRoutine,             \
                PRTL_GENERIC_ALLOCATE_ROUTINE AllocateRoutine,                                     \
                PRTL_GENERIC_FREE_ROUTINE FreeRoutine, PVOID TableContext))                        \
    FS_ROUTINE(PVOID, RtlInsertElementGenericTable,                                                \
               (PRTL_GENERIC_TABLE Table, PVOID Buffer, CLONG BufferSize, PBOOLEAN NewElement))    \
    FS_ROUTINE(BOOLEAN, RtlDeleteElementGenericTable, (PRTL_GENERIC_TABLE Table, PVOID Buffer))    \
    FS_ROUTINE(PVOID, RtlLookupElementGenericTable, (PRTL_GENERIC_TABLE Table, PVOID Buffer))      \
    FS_ROUTINE(PVOID, RtlEnumerateGenericTableWithoutSplaying,                                     \
               (PRTL_GENERIC_TABLE Table, PVOID * RestartKey))                                     \
    FS_ROUTINE(PRTL_SPLAY_LINKS, RtlSplay, (PRTL_SPLAY_LINKS Links))                               \
    FS_ROUTINE(PRTL_SPLAY_LINKS, RtlDelete, (PRTL_SPLAY_LINKS Links))                              \
    FS_ROUTINE(VOID, RtlFreeOemString, (POEM_STRING OemString))                                    \
    FS_ROUTINE(NTSTATUS, RtlGenerate8dot3Name,                                                     \
               (PCUNICODE_STRING Name, BOOLEAN AllowExtendedCharacters,                            \
                PGENERATE_NAME_CONTEXT Context, PUNICODE_STRING Name8dot3))                        \
    FS_ROUTINE(NTSTATUS, RtlOemStringToCountedUnicodeString,                                       \
               (PUNICODE_STRING DestinationString, PCOEM_STRING SourceString,                      \
                BOOLEAN AllocateDestinationString))                                                \
    FS_ROUTINE(NTSTATUS, RtlOemToUnicodeN,                                                         \
               (PWCH UnicodeString, ULONG MaxBytesInUnicodeString, PULONG BytesInUnicodeString,    \
                PCCH OemString, ULONG BytesInOemString))                                           \
    FS_ROUTINE(NTSTATUS, RtlUnicodeStringToOemString,                                              \
               (POEM_STRING DestinationString, PCUNICODE_STRING SourceString,                      \
                BOOLEAN AllocateDestinationString))                                                \
    FS_ROUTINE(NTSTATUS, RtlUnicodeStringToCountedOemString,                                       \
               (POEM_STRING DestinationString, PCUNICODE_STRING SourceString,                      \
                BOOLEAN AllocateDestinationString))                                                \
    FS_ROUTINE(NTSTATUS, RtlUpcaseUnicodeStringToCountedOemString,                                 \
               (POEM_STRING DestinationString, PCUNICODE_STRING SourceString,                      \
                BOOLEAN AllocateDestinationString))                                                \
    FS_ROUTINE(BOOLEAN, SeSinglePrivilegeCheck,                                                    \
               (LUID PrivilegeValue, KPROCESSOR_MODE PreviousMode))                                \
    FS_ROUTINE(BOOLEAN, SePrivilegeCheck,                                                          \
               (PPRIVILEGE_SET RequiredPrivileges,                                                 \
                PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext, KPROCESSOR_MODE AccessMode))     \
    FS_ROUTINE(BOOLEAN, SeAccessCheck,                                                             \
               (PSECURITY_DESCRIPTOR SecurityDescriptor,                                           \
                PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext, BOOLEAN SubjectContextLocked,    \
                ACCESS_MASK DesiredAccess, ACCESS_MASK PreviouslyGrantedAccess,                    \
                PPRIVILEGE_SET * Privileges, PGENERIC_MAPPING GenericMapping,                      \
                KPROCESSOR_MODE AccessMode, PACCESS_MASK GrantedAccess, PNTSTATUS AccessStatus))   \
    FS_ROUTINE(NTSTATUS, SeFilterToken,                                                            \
               (PACCESS_TOKEN ExistingToken, ULONG Flags, PTOKEN_GROUPS SidsToDisable,             \
                PTOKEN_PRIVILEGES PrivilegesToDelete, PTOKEN_GROUPS RestrictedSids,                \
                PACCESS_TOKEN * FilteredToken))                                                    \
    FS_ROUTINE(VOID, SeLockSubjectContext, (PSECURITY_SUBJECT_CONTEXT SubjectContext))             \
    FS_ROUTINE(VOID, SeUnlockSubjectContext, (PSECURITY_SUBJECT_CONTEXT SubjectContext))           \
    FS_ROUTINE(VOID, SeReleaseSubjectContext, (PSECURITY_SUBJECT_CONTEXT SubjectContext))          \
    FS_ROUTINE(                                                                                    \
        NTSTATUS, IoRetrievePriorityInfo,                                                          \
        (PIRP Irp, PFILE_OBJECT FileObject, PETHREAD Thread, PIO_PRIORITY_INFO PriorityInfo))      \
    FS_ROUTINE(NTSTATUS, MmPrefetchPages, (ULONG NumberOfLists, PREAD_LIST * ReadLists))

FS_ROUTINES
FS_ROUTINE(NTSTATUS, FsRtlBalanceReads, (PDEVICE_OBJECT TargetDevice))
FS_ROUTINE(VOID, IoGetStackLimits, (PULONG_PTR LowLimit, PULONG_PTR HighLimit))
FS_ROUTINE(NTSTATUS, KeExpandKernelStackAndCalloutEx,
           (PEXPAND_STACK_CALLOUT Callout, PVOID Parameter, SIZE_T Size, BOOLEAN Wait,
            PVOID Context))
FS_ROUTINE(PEPROCESS, PsGetThreadProcess, (PETHREAD Thread))
FS_ROUTINE(BOOLEAN, IoIsSystemThread, (PETHREAD Thread))
FS_ROUTINE(ULONG, MmDoesFileHaveUserWritableReferences, (PSECTION_OBJECT_POINTERS SectionPointer))
FS_ROUTINE(ULONG, ExInterlockedAddUlong, (PULONG Addend, ULONG Increment, PKSPIN_LOCK Lock))
FS_ROUTINE(BOOLEAN, CcIsThereDirtyData, (PVPB Vpb))
FS_ROUTINE(VOID, FsRtlUpdateDiskCounters, (ULONG64 BytesRead, ULONG64 BytesWritten))
FS_ROUTINE(NTSTATUS, FsRtlOplockBreakH,
           (POPLOCK Oplock, PIRP Irp, ULONG Flags, PVOID Context,
            POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine, POPLOCK_FS_PREPOST_IRP PostIrpRoutine))
FS_ROUTINE(BOOLEAN, FsRtlIsTotalDeviceFailure, (NTSTATUS Status))
FS_ROUTINE(BOOLEAN, FsRtlAreVolumeStartupApplicationsComplete, (VOID))
FS_ROUTINE(BOOLEAN, FsRtlAreNamesEqual,
           (PCUNICODE_STRING ConstantNameA, PCUNICODE_STRING ConstantNameB, BOOLEAN IgnoreCase,
            PCWCH UpcaseTable))
FS_ROUTINE(PVOID, FsRtlAllocatePoolWithQuotaTag,
           (POOL_TYPE PoolType, ULONG NumberOfBytes, ULONG Tag))
FS_ROUTINE(VOID, RtlUpperString, (PSTRING DestinationString, const STRING *SourceString))
FS_ROUTINE(BOOLEAN, PsIsDiskCountersEnabled, (VOID))
FS_ROUTINE(NTSTATUS, IoVolumeDeviceToGuid, (PVOID VolumeDeviceObject, GUID *Guid))
FS_ROUTINE(NTSTATUS, IoVolumeDeviceToGuidPath, (PVOID VolumeDeviceObject, PUNICODE_STRING GuidPath))
FS_ROUTINE(BOOLEAN, IoRaiseInformationalHardError,
           (NTSTATUS ErrorStatus, PUNICODE_STRING String, PKTHREAD Thread))
FS_ROUTINE(BOOLEAN, FsRtlOplockIsSharedRequest, (PIRP Irp))
FS_ROUTINE(BOOLEAN, FsRtlCurrentOplockH, (POPLOCK Oplock))
FS_ROUTINE(BOOLEAN, FsRtlCheckLockForOplockRequest,
           (PFILE_LOCK FileLock, PLARGE_INTEGER AllocationSize))
FS_ROUTINE(BOOLEAN, FsRtlAreThereWaitingFileLocks, (PFILE_LOCK FileLock))
FS_ROUTINE(VOID, CcMdlWriteAbort, (PFILE_OBJECT FileObject, PMDL MdlChain))
FS_ROUTINE(PLARGE_INTEGER, CcGetFileSizePointer, (PFILE_OBJECT FileObject))
FS_ROUTINE(BOOLEAN, CcCopyReadEx,
           (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Wait,
            PVOID Buffer, PIO_STATUS_BLOCK IoStatus, PETHREAD IoIssuerThread))
/* Session 12 (fastfat's write path). */
FS_ROUTINE(BOOLEAN, CcCopyWriteEx,
           (PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length, BOOLEAN Wait,
            PVOID Buffer, PETHREAD IoIssuerThread))
FS_ROUTINE(VOID, CcCoherencyFlushAndPurgeCache,
           (PSECTION_OBJECT_POINTERS SectionObjectPointer, PLARGE_INTEGER FileOffset, ULONG Length,
            PIO_STATUS_BLOCK IoStatus, ULONG Flags))
FS_ROUTINE(NTSTATUS, FsRtlCheckOplockEx,
           (POPLOCK Oplock, PIRP Irp, ULONG Flags, PVOID Context,
            POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine, POPLOCK_FS_PREPOST_IRP PostIrpRoutine))
FS_ROUTINE(ULONG, RtlOemStringToCountedUnicodeSize, (PCOEM_STRING OemString))
FS_ROUTINE(VOID, PsUpdateDiskCounters,
           (PEPROCESS Process, ULONG64 BytesRead, ULONG64 BytesWritten, ULONG ReadOperationCount,
            ULONG WriteOperationCount, ULONG FlushOperationCount))

/* ---- SeExports (ns-ntifs-_se_exports): the members in the page's order, privileges LUIDs
 * (8 bytes, 4-aligned), SIDs PSIDs; the offsets follow from that order on x64 ---- */
FS_ASSERT(sizeof(LUID) == 8 && sizeof(PSID) == 8);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeCreateTokenPrivilege) == 0);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeRemoteShutdownPrivilege) == 176);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeNullSid) == 184);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeWorldSid) == 192);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeAnonymousLogonSid) == 352);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeUndockPrivilege) == 360);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeLocalServiceSid) == 384);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeManageVolumePrivilege) == 400);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeCreateSymbolicLinkPrivilege) == 456);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeIUserSid) == 464);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeTrustedInstallerSid) == 536);
FS_ASSERT(FIELD_OFFSET(SE_EXPORTS, SeDelegateSessionUserImpersonatePrivilege) == 544);
#ifdef __cplusplus
FS_ASSERT((FsSame<decltype(SeExports), PSE_EXPORTS>::value));
FS_ASSERT((FsSame<decltype(SeExports->SeWorldSid), PSID>::value));
#else
FS_ASSERT(__builtin_types_compatible_p(__typeof__(SeExports), PSE_EXPORTS));
FS_ASSERT(__builtin_types_compatible_p(__typeof__(SeExports->SeWorldSid), PSID));
#endif

/* ---- SID (ns-ntifs-_sid, ns-ntifs-_sid_identifier_authority): bytes, the six-byte authority,
 * then ULONG sub-authorities; a service SID built as WFPSampler builds one (S-1-5-19) ---- */
FS_ASSERT(sizeof(SID_IDENTIFIER_AUTHORITY) == 6);
FS_ASSERT(sizeof(SID) == 12 && FIELD_OFFSET(SID, SubAuthorityCount) == 1 &&
          FIELD_OFFSET(SID, IdentifierAuthority) == 2 && FIELD_OFFSET(SID, SubAuthority) == 8);
FS_ASSERT(SID_REVISION == 1 && SECURITY_LOCAL_SYSTEM_RID == 18 &&
          SECURITY_LOCAL_SERVICE_RID == 19 && SECURITY_NETWORK_SERVICE_RID == 20);
static const SID FsLocalServiceSid = {
    SID_REVISION, 1, SECURITY_NT_AUTHORITY, {SECURITY_LOCAL_SERVICE_RID}};
static const SID_IDENTIFIER_AUTHORITY FsAuthorities[] = {
    SECURITY_NULL_SID_AUTHORITY,    SECURITY_WORLD_SID_AUTHORITY,  SECURITY_LOCAL_SID_AUTHORITY,
    SECURITY_CREATOR_SID_AUTHORITY, SECURITY_NON_UNIQUE_AUTHORITY, SECURITY_NT_AUTHORITY};

/* ---- SAL: an analyser-only assertion compiles to nothing ---- */
static inline void FsAnalysisAssert(void)
{
    __analysis_assert(1 == 1);
}

/* ---- __pragma: a real pragma, so pack applies; MSVC's warning controls are ignored ---- */
__pragma(pack(push, 1)) typedef struct {
    UCHAR a;
    ULONG b;
} FS_PACKED;
__pragma(pack(pop)) typedef struct {
    UCHAR a;
    ULONG b;
} FS_NATURAL;
FS_ASSERT(sizeof(FS_PACKED) == 5);
FS_ASSERT(sizeof(FS_NATURAL) == 8);
/* As fastfat's macros use it: inside a statement, around a constant condition. */
#define FS_LOOP_ONCE(x)                                                                            \
    __pragma(warning(push)) __pragma(warning(disable : 4127)) do                                   \
    {                                                                                              \
        (x)++;                                                                                     \
    }                                                                                              \
    while (0)                                                                                      \
    __pragma(warning(pop))

/* ---- constants (ntstatus.h, bugcodes.h, wdm.h, ntifs.h) ---- */
FS_ASSERT(STATUS_UNRECOGNIZED_VOLUME == (NTSTATUS)0xC000014FL);
FS_ASSERT(FAT_FILE_SYSTEM == 0x23);
FS_ASSERT(CDFS_FILE_SYSTEM == 0x26);
FS_ASSERT(IO_REMOUNT == 1 && IO_REPARSE == 0);
FS_ASSERT(CC_ENABLE_DISK_IO_ACCOUNTING == 0x10);
FS_ASSERT(SYSTEM_PAGE_PRIORITY_LEVELS == 8);
FS_ASSERT(IoPriorityNormal == 2 && MaxIoPriorityTypes == 5);
FS_ASSERT(SecurityImpersonation == 2);
FS_ASSERT(KERNEL_STACK_SIZE == 0x6000);
FS_ASSERT(FileNormalizedNameInformation == 48);
FS_ASSERT(DOS_STAR == L'<' && DOS_QM == L'>' && DOS_DOT == L'"');
FS_ASSERT(IOCTL_VOLSNAP_FLUSH_AND_HOLD_WRITES == 0x53C000);

/* ---- x64 layouts ---- */
FS_ASSERT(sizeof(IO_PRIORITY_INFO) == 16);
FS_ASSERT(sizeof(SECURITY_SUBJECT_CONTEXT) == 32);
FS_ASSERT(sizeof(TOKEN_GROUPS) == 24 && offsetof(TOKEN_GROUPS, Groups) == 8);
FS_ASSERT(sizeof(TOKEN_PRIVILEGES) == 16);
FS_ASSERT(sizeof(MM_PREFETCH_FLAGS) == 4);
static inline ULONG FsPrefetchFlags(void)
{
    MM_PREFETCH_FLAGS f;
    f.AllFlags = 0;
    f.Flags.PriorityProtection = 1; /* bit 6, after two 3-bit priorities */
    return f.AllFlags;
}
FS_ASSERT(offsetof(ACCESS_STATE, SubjectSecurityContext) == 32);
FS_ASSERT(offsetof(ACCESS_STATE, Privileges) == 80);
FS_ASSERT(offsetof(ACCESS_STATE, ObjectName) == 128);
FS_ASSERT(sizeof(ACCESS_STATE) == 160);

/* ---- the macros and inline routines, used (never run: DriverEntry does not call it) ---- */
static ULONG FsUseMacros(PFILE_OBJECT FileObject)
{
    IO_PRIORITY_INFO info;
    LUID luid;
    ULONG n = 0;
    FsRtlEnterFileSystem();
    FsRtlExitFileSystem();
    KeFlushIoBuffers(NULL, TRUE, FALSE);
    IoInitializePriorityInfo(&info);
    luid = RtlConvertLongToLuid(-2);
    FS_LOOP_ONCE(n);
    n += (ULONG)Int64ShllMod32(1, 4) + (ULONG)Int64ShraMod32(-32, 4);
    return n + (ULONG)luid.LowPart + (CcIsFileCached(FileObject) ? 1 : 0) + info.Size;
}

#ifdef __cplusplus
extern "C"
#endif
    NTSTATUS
    DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    (void)DriverObject;
    (void)RegistryPath;
    (void)FsUseMacros;
    (void)FsAnalysisAssert;
    (void)FsPrefetchFlags;
    /* The authorities' value is their last byte (S-1-<n>); the service SID is S-1-5-19. */
    for (ULONG i = 0; i < sizeof(FsAuthorities) / sizeof(FsAuthorities[0]); i++) {
        if (FsAuthorities[i].Value[5] != i || FsAuthorities[i].Value[0] != 0) {
            return STATUS_UNSUCCESSFUL;
        }
    }
    if (FsLocalServiceSid.Revision != 1 || FsLocalServiceSid.SubAuthorityCount != 1 ||
        FsLocalServiceSid.IdentifierAuthority.Value[5] != 5 ||
        FsLocalServiceSid.SubAuthority[0] != 19) {
        return STATUS_UNSUCCESSFUL;
    }
    return STATUS_SUCCESS;
}
