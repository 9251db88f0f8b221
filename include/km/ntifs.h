/*
 * ntifs.h - the installable-file-system kit's header, as far as drivers that are not file
 * systems use it: it includes ntddk.h (and so wdm.h, with the registry callbacks, the
 * object-manager callbacks and the process, thread and image notifications).
 *
 * The file-system-only routines are not provided: the file-system run-time library (FsRtl*), the
 * cache manager (Cc*), opportunistic locks and file-system registration. The types and codes
 * file systems use are (ntifs_fs.h, included below), so a file system's sources compile as far
 * as those routines. drvhost has no file
 * system to run them in (docs/compatibility.md, "Not supported"). The routines below are
 * declared so that a driver calling one fails to build with a message naming it; the kernel
 * transaction manager (KTM) routines, which drvhost does not model either, likewise.
 */
#ifndef _NTIFS_
#define _NTIFS_

#include <ntddk.h>

/* Opaque here: only pointers to them appear in the declarations below. */
typedef struct _CC_FILE_SIZES *PCC_FILE_SIZES;
typedef struct _CACHE_MANAGER_CALLBACKS *PCACHE_MANAGER_CALLBACKS;
typedef PVOID OPLOCK, *POPLOCK;
typedef struct _FILE_LOCK *PFILE_LOCK;

/* The types and codes of file systems (session 9, issue 16: filesys/cdfs and fastfat), and at
 * its end the routines they call (ntifs_decl.h, not provided). */
#include <ntifs_fs.h>

/* ---- the cache manager (not provided) --------------------------------------------------- */
NTKERNELAPI VOID NTAPI CcInitializeCacheMap(PFILE_OBJECT FileObject, PCC_FILE_SIZES FileSizes,
                                            BOOLEAN PinAccess, PCACHE_MANAGER_CALLBACKS Callbacks,
                                            PVOID LazyWriteContext) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcUninitializeCacheMap(PFILE_OBJECT FileObject,
                                                 PLARGE_INTEGER TruncateSize,
                                                 PVOID UninitializeEvent) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcCopyRead(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                     ULONG Length, BOOLEAN Wait, PVOID Buffer,
                                     PIO_STATUS_BLOCK IoStatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcCopyWrite(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                      ULONG Length, BOOLEAN Wait,
                                      PVOID Buffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcFlushCache(PVOID SectionObjectPointer, PLARGE_INTEGER FileOffset,
                                    ULONG Length, PIO_STATUS_BLOCK IoStatus) DRVHOST_NOT_PROVIDED;
NTKERNELAPI BOOLEAN NTAPI CcPurgeCacheSection(PVOID SectionObjectPointer, PLARGE_INTEGER FileOffset,
                                              ULONG Length, ULONG Flags) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI CcSetFileSizes(PFILE_OBJECT FileObject,
                                      PCC_FILE_SIZES FileSizes) DRVHOST_NOT_PROVIDED;

/* ---- the file-system run-time library and oplocks (not provided) ------------------------ */
NTKERNELAPI BOOLEAN NTAPI FsRtlIsNameInExpression(PUNICODE_STRING Expression, PUNICODE_STRING Name,
                                                  BOOLEAN IgnoreCase,
                                                  PWCH UpcaseTable) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI
FsRtlRegisterUncProvider(PHANDLE MupHandle, PCUNICODE_STRING RedirectorDeviceName,
                         BOOLEAN MailslotsSupported) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlInitializeOplock(POPLOCK Oplock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlUninitializeOplock(POPLOCK Oplock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlCheckOplock(POPLOCK Oplock, PIRP Irp, PVOID Context,
                                            PVOID CompletionRoutine,
                                            PVOID PostIrpRoutine) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI FsRtlOplockFsctrl(POPLOCK Oplock, PIRP Irp,
                                             ULONG OpenCount) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI FsRtlInitializeFileLock(PFILE_LOCK FileLock, PVOID CompleteLockIrpRoutine,
                                               PVOID UnlockRoutine) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoRegisterFileSystem(PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI IoUnregisterFileSystem(PDEVICE_OBJECT DeviceObject) DRVHOST_NOT_PROVIDED;
/* A handle to an object the caller holds a pointer to: drvhost's object manager has no entry
 * point that opens a handle from a pointer yet. */
NTKERNELAPI NTSTATUS NTAPI ObOpenObjectByPointer(PVOID Object, ULONG HandleAttributes,
                                                 PACCESS_STATE PassedAccessState,
                                                 ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType,
                                                 KPROCESSOR_MODE AccessMode,
                                                 PHANDLE Handle) DRVHOST_NOT_PROVIDED;

/* ---- the kernel transaction manager (not provided) -------------------------------------- */
/* ZwCreateTransaction, ZwCommitTransaction, ZwRollbackTransaction: wdm.h (wdm_ktm.h). */
NTSYSAPI NTSTATUS NTAPI ZwCreateKeyTransacted(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                                              POBJECT_ATTRIBUTES ObjectAttributes, ULONG TitleIndex,
                                              PUNICODE_STRING Class, ULONG CreateOptions,
                                              HANDLE TransactionHandle,
                                              PULONG Disposition) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI ZwOpenKeyTransacted(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                                            POBJECT_ATTRIBUTES ObjectAttributes,
                                            HANDLE TransactionHandle) DRVHOST_NOT_PROVIDED;
NTKERNELAPI PVOID NTAPI CmGetBoundTransaction(PLARGE_INTEGER Cookie,
                                              PVOID Object) DRVHOST_NOT_PROVIDED;

#endif
