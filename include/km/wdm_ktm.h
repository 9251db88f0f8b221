/*
 * wdm_ktm.h - the kernel transaction manager (KTM) part of wdm.h: its object types, access
 * rights, creation options, the resource manager's notification callback and mask, and the
 * Zw/Tm routines that create transaction managers, resource managers, transactions and
 * enlistments (Microsoft's names, values and signatures). Included by <wdm.h>.
 *
 * drvhost does not model transactions: every routine here is declared DRVHOST_NOT_PROVIDED (a
 * call is a compiler warning naming it and the loader refuses the module, naming it), and the
 * Tm*ObjectType data exports are declared but not exported by libdrvhost, so a module that
 * refers to one is refused at load too. A driver that only names the types (a registry filter
 * sample's notification callback) compiles.
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef DRVHOST_WDM_KTM_H
#define DRVHOST_WDM_KTM_H

/* The KTM objects: opaque, reached through handles and ObReferenceObjectByHandle. */
typedef struct _KTRANSACTION KTRANSACTION, *PKTRANSACTION, *PRKTRANSACTION;
typedef struct _KENLISTMENT KENLISTMENT, *PKENLISTMENT, *PRKENLISTMENT;
typedef struct _KRESOURCEMANAGER KRESOURCEMANAGER, *PKRESOURCEMANAGER, *PRKRESOURCEMANAGER;
typedef struct _KTM KTM, *PKTM, *PRKTM;

extern NTKERNELAPI POBJECT_TYPE *TmTransactionManagerObjectType;
extern NTKERNELAPI POBJECT_TYPE *TmResourceManagerObjectType;
extern NTKERNELAPI POBJECT_TYPE *TmTransactionObjectType;
extern NTKERNELAPI POBJECT_TYPE *TmEnlistmentObjectType;

/* ---- Notifications: what an enlistment asks to be told (NOTIFICATION_MASK) ----------------- */

typedef ULONG NOTIFICATION_MASK;
#define TRANSACTION_NOTIFY_MASK                0x3FFFFFFF
#define TRANSACTION_NOTIFY_PREPREPARE          0x00000001
#define TRANSACTION_NOTIFY_PREPARE             0x00000002
#define TRANSACTION_NOTIFY_COMMIT              0x00000004
#define TRANSACTION_NOTIFY_ROLLBACK            0x00000008
#define TRANSACTION_NOTIFY_PREPREPARE_COMPLETE 0x00000010
#define TRANSACTION_NOTIFY_PREPARE_COMPLETE    0x00000020
#define TRANSACTION_NOTIFY_COMMIT_COMPLETE     0x00000040
#define TRANSACTION_NOTIFY_ROLLBACK_COMPLETE   0x00000080
#define TRANSACTION_NOTIFY_RECOVER             0x00000100
#define TRANSACTION_NOTIFY_SINGLE_PHASE_COMMIT 0x00000200
#define TRANSACTION_NOTIFY_DELEGATE_COMMIT     0x00000400
#define TRANSACTION_NOTIFY_RECOVER_QUERY       0x00000800
#define TRANSACTION_NOTIFY_ENLIST_PREPREPARE   0x00001000
#define TRANSACTION_NOTIFY_LAST_RECOVER        0x00002000
#define TRANSACTION_NOTIFY_INDOUBT             0x00004000
#define TRANSACTION_NOTIFY_PROPAGATE_PULL      0x00008000
#define TRANSACTION_NOTIFY_PROPAGATE_PUSH      0x00010000
#define TRANSACTION_NOTIFY_MARSHAL             0x00020000
#define TRANSACTION_NOTIFY_ENLIST_MASK         0x00040000
#define TRANSACTION_NOTIFY_RM_DISCONNECTED     0x01000000
#define TRANSACTION_NOTIFY_TM_ONLINE           0x02000000
#define TRANSACTION_NOTIFY_COMMIT_REQUEST      0x04000000
#define TRANSACTION_NOTIFY_PROMOTE             0x08000000
#define TRANSACTION_NOTIFY_PROMOTE_NEW         0x10000000
#define TRANSACTION_NOTIFY_REQUEST_OUTCOME     0x20000000

/* A resource manager's callback (TmEnableCallbacks): one TRANSACTION_NOTIFY_* per call. */
typedef NTSTATUS(NTAPI *PTM_RM_NOTIFICATION)(PKENLISTMENT EnlistmentObject, PVOID RMContext,
                                             PVOID TransactionContext,
                                             ULONG TransactionNotification,
                                             PLARGE_INTEGER TmVirtualClock, ULONG ArgumentLength,
                                             PVOID Argument);

/* ---- Creation options --------------------------------------------------------------------- */

#define TRANSACTION_MANAGER_VOLATILE             0x00000001
#define TRANSACTION_MANAGER_COMMIT_DEFAULT       0x00000000
#define TRANSACTION_MANAGER_COMMIT_SYSTEM_VOLUME 0x00000002
#define TRANSACTION_MANAGER_COMMIT_SYSTEM_HIVES  0x00000004
#define TRANSACTION_MANAGER_COMMIT_LOWEST        0x00000008
#define TRANSACTION_MANAGER_CORRUPT_FOR_RECOVERY 0x00000010
#define TRANSACTION_MANAGER_CORRUPT_FOR_PROGRESS 0x00000020
#define TRANSACTION_MANAGER_MAXIMUM_OPTION       0x0000003F
#define RESOURCE_MANAGER_VOLATILE                0x00000001
#define RESOURCE_MANAGER_COMMUNICATION           0x00000002
#define RESOURCE_MANAGER_MAXIMUM_OPTION          0x00000003

/* ---- Access rights, with their generic mappings ------------------------------------------- */

#define TRANSACTIONMANAGER_QUERY_INFORMATION 0x0001
#define TRANSACTIONMANAGER_SET_INFORMATION   0x0002
#define TRANSACTIONMANAGER_RECOVER           0x0004
#define TRANSACTIONMANAGER_RENAME            0x0008
#define TRANSACTIONMANAGER_CREATE_RM         0x0010
#define TRANSACTIONMANAGER_BIND_TRANSACTION  0x0020
#define TRANSACTIONMANAGER_GENERIC_READ                                                            \
    (STANDARD_RIGHTS_READ | TRANSACTIONMANAGER_QUERY_INFORMATION)
#define TRANSACTIONMANAGER_GENERIC_WRITE                                                           \
    (STANDARD_RIGHTS_WRITE | TRANSACTIONMANAGER_SET_INFORMATION | TRANSACTIONMANAGER_RECOVER |     \
     TRANSACTIONMANAGER_RENAME | TRANSACTIONMANAGER_CREATE_RM)
#define TRANSACTIONMANAGER_GENERIC_EXECUTE (STANDARD_RIGHTS_EXECUTE)
#define TRANSACTIONMANAGER_ALL_ACCESS                                                              \
    (STANDARD_RIGHTS_REQUIRED | TRANSACTIONMANAGER_GENERIC_READ |                                  \
     TRANSACTIONMANAGER_GENERIC_WRITE | TRANSACTIONMANAGER_GENERIC_EXECUTE |                       \
     TRANSACTIONMANAGER_BIND_TRANSACTION)

#define TRANSACTION_QUERY_INFORMATION 0x0001
#define TRANSACTION_SET_INFORMATION   0x0002
#define TRANSACTION_ENLIST            0x0004
#define TRANSACTION_COMMIT            0x0008
#define TRANSACTION_ROLLBACK          0x0010
#define TRANSACTION_PROPAGATE         0x0020
#define TRANSACTION_RIGHT_RESERVED1   0x0040
#define TRANSACTION_GENERIC_READ                                                                   \
    (STANDARD_RIGHTS_READ | TRANSACTION_QUERY_INFORMATION | SYNCHRONIZE)
#define TRANSACTION_GENERIC_WRITE                                                                  \
    (STANDARD_RIGHTS_WRITE | TRANSACTION_SET_INFORMATION | TRANSACTION_COMMIT |                    \
     TRANSACTION_ENLIST | TRANSACTION_ROLLBACK | TRANSACTION_PROPAGATE | SYNCHRONIZE)
#define TRANSACTION_GENERIC_EXECUTE                                                                \
    (STANDARD_RIGHTS_EXECUTE | TRANSACTION_COMMIT | TRANSACTION_ROLLBACK | SYNCHRONIZE)
#define TRANSACTION_ALL_ACCESS                                                                     \
    (STANDARD_RIGHTS_REQUIRED | TRANSACTION_GENERIC_READ | TRANSACTION_GENERIC_WRITE |             \
     TRANSACTION_GENERIC_EXECUTE)

#define RESOURCEMANAGER_QUERY_INFORMATION    0x0001
#define RESOURCEMANAGER_SET_INFORMATION      0x0002
#define RESOURCEMANAGER_RECOVER              0x0004
#define RESOURCEMANAGER_ENLIST               0x0008
#define RESOURCEMANAGER_GET_NOTIFICATION     0x0010
#define RESOURCEMANAGER_REGISTER_PROTOCOL    0x0020
#define RESOURCEMANAGER_COMPLETE_PROPAGATION 0x0040
#define RESOURCEMANAGER_GENERIC_READ                                                               \
    (STANDARD_RIGHTS_READ | RESOURCEMANAGER_QUERY_INFORMATION | SYNCHRONIZE)
#define RESOURCEMANAGER_GENERIC_WRITE                                                              \
    (STANDARD_RIGHTS_WRITE | RESOURCEMANAGER_SET_INFORMATION | RESOURCEMANAGER_RECOVER |           \
     RESOURCEMANAGER_ENLIST | RESOURCEMANAGER_GET_NOTIFICATION |                                   \
     RESOURCEMANAGER_REGISTER_PROTOCOL | RESOURCEMANAGER_COMPLETE_PROPAGATION | SYNCHRONIZE)
#define RESOURCEMANAGER_GENERIC_EXECUTE                                                            \
    (STANDARD_RIGHTS_EXECUTE | RESOURCEMANAGER_RECOVER | RESOURCEMANAGER_ENLIST |                  \
     RESOURCEMANAGER_GET_NOTIFICATION | RESOURCEMANAGER_COMPLETE_PROPAGATION | SYNCHRONIZE)
#define RESOURCEMANAGER_ALL_ACCESS                                                                 \
    (STANDARD_RIGHTS_REQUIRED | RESOURCEMANAGER_GENERIC_READ | RESOURCEMANAGER_GENERIC_WRITE |     \
     RESOURCEMANAGER_GENERIC_EXECUTE)

#define ENLISTMENT_QUERY_INFORMATION  0x0001
#define ENLISTMENT_SET_INFORMATION    0x0002
#define ENLISTMENT_RECOVER            0x0004
#define ENLISTMENT_SUBORDINATE_RIGHTS 0x0008
#define ENLISTMENT_SUPERIOR_RIGHTS    0x0010
#define ENLISTMENT_GENERIC_READ       (STANDARD_RIGHTS_READ | ENLISTMENT_QUERY_INFORMATION)
#define ENLISTMENT_GENERIC_WRITE                                                                   \
    (STANDARD_RIGHTS_WRITE | ENLISTMENT_SET_INFORMATION | ENLISTMENT_RECOVER |                     \
     ENLISTMENT_SUBORDINATE_RIGHTS | ENLISTMENT_SUPERIOR_RIGHTS)
#define ENLISTMENT_GENERIC_EXECUTE                                                                 \
    (STANDARD_RIGHTS_EXECUTE | ENLISTMENT_RECOVER | ENLISTMENT_SUBORDINATE_RIGHTS |                \
     ENLISTMENT_SUPERIOR_RIGHTS)
#define ENLISTMENT_ALL_ACCESS                                                                      \
    (STANDARD_RIGHTS_REQUIRED | ENLISTMENT_GENERIC_READ | ENLISTMENT_GENERIC_WRITE |               \
     ENLISTMENT_GENERIC_EXECUTE)

/* ---- Routines (not provided) -------------------------------------------------------------- */

NTSYSAPI NTSTATUS NTAPI ZwCreateTransactionManager(PHANDLE TmHandle, ACCESS_MASK DesiredAccess,
                                                   POBJECT_ATTRIBUTES ObjectAttributes,
                                                   PUNICODE_STRING LogFileName, ULONG CreateOptions,
                                                   ULONG CommitStrength) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI ZwCreateResourceManager(PHANDLE ResourceManagerHandle,
                                                ACCESS_MASK DesiredAccess, HANDLE TmHandle,
                                                LPGUID ResourceManagerGuid,
                                                POBJECT_ATTRIBUTES ObjectAttributes,
                                                ULONG CreateOptions,
                                                PUNICODE_STRING Description) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI ZwCreateTransaction(PHANDLE TransactionHandle, ACCESS_MASK DesiredAccess,
                                            POBJECT_ATTRIBUTES ObjectAttributes, LPGUID Uow,
                                            HANDLE TmHandle, ULONG CreateOptions,
                                            ULONG IsolationLevel, ULONG IsolationFlags,
                                            PLARGE_INTEGER Timeout,
                                            PUNICODE_STRING Description) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI ZwCommitTransaction(HANDLE TransactionHandle,
                                            BOOLEAN Wait) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI ZwRollbackTransaction(HANDLE TransactionHandle,
                                              BOOLEAN Wait) DRVHOST_NOT_PROVIDED;
NTSYSAPI NTSTATUS NTAPI ZwCreateEnlistment(PHANDLE EnlistmentHandle, ACCESS_MASK DesiredAccess,
                                           HANDLE ResourceManagerHandle, HANDLE TransactionHandle,
                                           POBJECT_ATTRIBUTES ObjectAttributes, ULONG CreateOptions,
                                           NOTIFICATION_MASK NotificationMask,
                                           PVOID EnlistmentKey) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI TmEnableCallbacks(PKRESOURCEMANAGER ResourceManager,
                                             PTM_RM_NOTIFICATION CallbackRoutine,
                                             PVOID RMKey) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI TmCommitComplete(PKENLISTMENT Enlistment,
                                            PLARGE_INTEGER TmVirtualClock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI TmRollbackComplete(PKENLISTMENT Enlistment,
                                              PLARGE_INTEGER TmVirtualClock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI TmPrepareComplete(PKENLISTMENT Enlistment,
                                             PLARGE_INTEGER TmVirtualClock) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI TmPrePrepareComplete(PKENLISTMENT Enlistment,
                                                PLARGE_INTEGER TmVirtualClock) DRVHOST_NOT_PROVIDED;

#endif
#endif
