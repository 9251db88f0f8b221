/*
 * wdm_obcb.h - the object-manager callbacks of wdm.h: ObRegisterCallbacks,
 * ObUnRegisterCallbacks, ObGetFilterVersion and their structures. When drvhost calls them is in
 * docs/notify.md (thread handles: yes; process handles: drvhost creates none). Included by
 * wdm.h.
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef _DRVHOST_WDM_OBCB_H_
#define _DRVHOST_WDM_OBCB_H_

typedef ULONG OB_OPERATION;

#define OB_OPERATION_HANDLE_CREATE    0x00000001
#define OB_OPERATION_HANDLE_DUPLICATE 0x00000002

#define OB_FLT_REGISTRATION_VERSION_0100 0x0100
#define OB_FLT_REGISTRATION_VERSION      OB_FLT_REGISTRATION_VERSION_0100

typedef struct _OB_PRE_CREATE_HANDLE_INFORMATION {
    ACCESS_MASK DesiredAccess;
    ACCESS_MASK OriginalDesiredAccess;
} OB_PRE_CREATE_HANDLE_INFORMATION, *POB_PRE_CREATE_HANDLE_INFORMATION;

typedef struct _OB_PRE_DUPLICATE_HANDLE_INFORMATION {
    ACCESS_MASK DesiredAccess;
    ACCESS_MASK OriginalDesiredAccess;
    PVOID SourceProcess;
    PVOID TargetProcess;
} OB_PRE_DUPLICATE_HANDLE_INFORMATION, *POB_PRE_DUPLICATE_HANDLE_INFORMATION;

typedef union _OB_PRE_OPERATION_PARAMETERS {
    OB_PRE_CREATE_HANDLE_INFORMATION CreateHandleInformation;
    OB_PRE_DUPLICATE_HANDLE_INFORMATION DuplicateHandleInformation;
} OB_PRE_OPERATION_PARAMETERS, *POB_PRE_OPERATION_PARAMETERS;

typedef struct _OB_PRE_OPERATION_INFORMATION {
    OB_OPERATION Operation;
    union {
        ULONG Flags;
        struct {
            ULONG KernelHandle : 1;
            ULONG Reserved : 31;
        };
    };
    PVOID Object;
    POBJECT_TYPE ObjectType;
    PVOID CallContext;
    POB_PRE_OPERATION_PARAMETERS Parameters;
} OB_PRE_OPERATION_INFORMATION, *POB_PRE_OPERATION_INFORMATION;

typedef struct _OB_POST_CREATE_HANDLE_INFORMATION {
    ACCESS_MASK GrantedAccess;
} OB_POST_CREATE_HANDLE_INFORMATION, *POB_POST_CREATE_HANDLE_INFORMATION;

typedef struct _OB_POST_DUPLICATE_HANDLE_INFORMATION {
    ACCESS_MASK GrantedAccess;
} OB_POST_DUPLICATE_HANDLE_INFORMATION, *POB_POST_DUPLICATE_HANDLE_INFORMATION;

typedef union _OB_POST_OPERATION_PARAMETERS {
    OB_POST_CREATE_HANDLE_INFORMATION CreateHandleInformation;
    OB_POST_DUPLICATE_HANDLE_INFORMATION DuplicateHandleInformation;
} OB_POST_OPERATION_PARAMETERS, *POB_POST_OPERATION_PARAMETERS;

typedef struct _OB_POST_OPERATION_INFORMATION {
    OB_OPERATION Operation;
    union {
        ULONG Flags;
        struct {
            ULONG KernelHandle : 1;
            ULONG Reserved : 31;
        };
    };
    PVOID Object;
    POBJECT_TYPE ObjectType;
    PVOID CallContext;
    NTSTATUS ReturnStatus;
    POB_POST_OPERATION_PARAMETERS Parameters;
} OB_POST_OPERATION_INFORMATION, *POB_POST_OPERATION_INFORMATION;

typedef enum _OB_PREOP_CALLBACK_STATUS {
    OB_PREOP_SUCCESS
} OB_PREOP_CALLBACK_STATUS, *POB_PREOP_CALLBACK_STATUS;

typedef OB_PREOP_CALLBACK_STATUS NTAPI OB_PRE_OPERATION_CALLBACK(
    PVOID RegistrationContext, POB_PRE_OPERATION_INFORMATION OperationInformation);
typedef OB_PRE_OPERATION_CALLBACK *POB_PRE_OPERATION_CALLBACK;
typedef VOID NTAPI OB_POST_OPERATION_CALLBACK(PVOID RegistrationContext,
                                              POB_POST_OPERATION_INFORMATION OperationInformation);
typedef OB_POST_OPERATION_CALLBACK *POB_POST_OPERATION_CALLBACK;

typedef struct _OB_OPERATION_REGISTRATION {
    POBJECT_TYPE *ObjectType;
    OB_OPERATION Operations;
    POB_PRE_OPERATION_CALLBACK PreOperation;
    POB_POST_OPERATION_CALLBACK PostOperation;
} OB_OPERATION_REGISTRATION, *POB_OPERATION_REGISTRATION;

typedef struct _OB_CALLBACK_REGISTRATION {
    USHORT Version;
    USHORT OperationRegistrationCount;
    UNICODE_STRING Altitude;
    PVOID RegistrationContext;
    OB_OPERATION_REGISTRATION *OperationRegistration;
} OB_CALLBACK_REGISTRATION, *POB_CALLBACK_REGISTRATION;

extern NTKERNELAPI POBJECT_TYPE *ExDesktopObjectType;

NTKERNELAPI NTSTATUS NTAPI ObRegisterCallbacks(POB_CALLBACK_REGISTRATION CallbackRegistration,
                                               PVOID *RegistrationHandle);
NTKERNELAPI VOID NTAPI ObUnRegisterCallbacks(PVOID RegistrationHandle);
NTKERNELAPI USHORT NTAPI ObGetFilterVersion(VOID);

C_ASSERT(sizeof(OB_PRE_OPERATION_INFORMATION) == 40);
C_ASSERT(FIELD_OFFSET(OB_POST_OPERATION_INFORMATION, Parameters) == 40);
C_ASSERT(sizeof(OB_OPERATION_REGISTRATION) == 32);
C_ASSERT(sizeof(OB_CALLBACK_REGISTRATION) == 40);
C_ASSERT(FIELD_OFFSET(OB_CALLBACK_REGISTRATION, RegistrationContext) == 24);

#endif
#endif
