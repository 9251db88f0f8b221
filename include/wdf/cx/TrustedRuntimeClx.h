/*
 * TrustedRuntimeClx.h - the Trusted Runtime class extension (TrEE) client interface: what a TrEE
 * miniport (a KMDF driver that fronts a trusted execution environment) registers, and the
 * callbacks the extension calls for its master device and for each secure service device
 * (Microsoft's names, types and x64 layouts, from the trustedruntimeclx reference pages).
 *
 * drvhost has no Trusted Runtime class extension: in the WDK the TrSecureDevice* routines reach
 * it through its function table (TRFUNCENUM indices, bound by WdfVersionBindClass); here they
 * are plain declarations marked DRVHOST_NOT_PROVIDED, so a miniport compiles (each call is a
 * compiler warning naming the routine) and the loader refuses the module, naming each one.
 *
 * The reference names the callback-table flags and TR_SECURE_SERVICE_EXTENSION_VERSION,
 * TR_SERVICE_REQUEST_FROM_USERMODE and the TRUSTED_RUNTIME_* versions without values: those are
 * Microsoft's published constants, checked against the public WDK header (docs/compatibility.md).
 */
#ifndef _DRVHOST_TRUSTEDRUNTIMECLX_H_
#define _DRVHOST_TRUSTEDRUNTIMECLX_H_

#include <wdf.h>
#include <TrustedRT.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRUSTED_RUNTIME_VERSION_V1         1
#define TRUSTED_RUNTIME_V1_MINOR_VERSION_0 0
#define TRUSTED_RUNTIME_V1_MINOR_VERSION   TRUSTED_RUNTIME_V1_MINOR_VERSION_0
#define TRUSTED_RUNTIME_VERSION            TRUSTED_RUNTIME_VERSION_V1
#define TRUSTED_RUNTIME_MINOR_VERSION      TRUSTED_RUNTIME_V1_MINOR_VERSION

typedef VOID (*TRFUNC)(VOID);

typedef struct _TR_SECURE_DEVICE_CALLBACKS_V1 TR_SECURE_DEVICE_CALLBACKS_V1,
    *PTR_SECURE_DEVICE_CALLBACKS_V1;
typedef TR_SECURE_DEVICE_CALLBACKS_V1 TR_SECURE_DEVICE_CALLBACKS, *PTR_SECURE_DEVICE_CALLBACKS;
typedef struct _TR_SECURE_SERVICE_CALLBACKS_V1 TR_SECURE_SERVICE_CALLBACKS_V1,
    *PTR_SECURE_SERVICE_CALLBACKS_V1;
typedef TR_SECURE_SERVICE_CALLBACKS_V1 TR_SECURE_SERVICE_CALLBACKS, *PTR_SECURE_SERVICE_CALLBACKS;

/* The positions of the extension's routines in its function table. */
typedef enum _TRFUNCENUM {
    TrSecureDeviceHandoffMasterDeviceControlTableIndex,
    TrSecureDeviceHandoffServiceDeviceControlTableIndex,
    TrSecureDeviceLogMessageTableIndex,
    TrSecureDeviceQueryOSServiceTableIndex,
    TrSecureDeviceCallOSServiceTableIndex,
    TrSecureDeviceCompleteAsyncRequestTableIndex,
    TrFunctionTableNumEntries
} TRFUNCENUM;

/* The table entries' types: each takes the binding context the extension gave the driver. */
typedef NTSTATUS (*PFN_TRSECUREDEVICEHANDOFFMASTERDEVICECONTROL)(
    WDFOBJECT BindContextObject, PWDFDEVICE_INIT DeviceInit, PTR_SECURE_DEVICE_CALLBACKS Callbacks,
    WDFDEVICE *MasterDevice);
typedef NTSTATUS (*PFN_TRSECUREDEVICEHANDOFFSERVICEDEVICECONTROL)(
    WDFOBJECT BindContextObject, PWDFDEVICE_INIT DeviceInit, LPGUID ServiceGuid,
    PTR_SECURE_SERVICE_CALLBACKS Callbacks, WDFDEVICE *ServiceDevice);
typedef NTSTATUS (*PFN_TRSECUREDEVICELOGMESSAGE)(WDFOBJECT BindContext, WDFDEVICE Device,
                                                 ULONG Severity, PCSTR Message, va_list Arguments);
typedef NTSTATUS (*PFN_TRSECUREDEVICEQUERYOSSERVICE)(WDFOBJECT BindContext, WDFDEVICE Device,
                                                     LPCGUID OSServiceGuid,
                                                     PTR_SERVICE_INFORMATION Information);
typedef NTSTATUS (*PFN_TRSECUREDEVICECALLOSSSERVICE)(WDFOBJECT BindContext, WDFDEVICE Device,
                                                     LPCGUID OSServiceGuid,
                                                     PTR_SERVICE_REQUEST CallData,
                                                     ULONG_PTR *BytesWritten);
typedef NTSTATUS (*PFN_TRSECUREDEVICECOMPLETEASYNCREQUEST)(WDFOBJECT BindContext,
                                                           PVOID RequestHandle, NTSTATUS Result,
                                                           ULONG_PTR BytesWritten);

/* ---- the master device's callbacks (the miniport's own device) ------------------------- */

typedef NTSTATUS EVT_TR_CREATE_SECURE_DEVICE_CONTEXT(WDFDEVICE ServiceDevice);
typedef EVT_TR_CREATE_SECURE_DEVICE_CONTEXT *PFN_TR_CREATE_SECURE_DEVICE_CONTEXT;
typedef NTSTATUS EVT_TR_DESTROY_SECURE_DEVICE_CONTEXT(WDFDEVICE ServiceDevice);
typedef EVT_TR_DESTROY_SECURE_DEVICE_CONTEXT *PFN_TR_DESTROY_SECURE_DEVICE_CONTEXT;
typedef NTSTATUS EVT_TR_PREPARE_HARDWARE_SECURE_ENVIRONMENT(WDFDEVICE MasterDevice,
                                                            WDFCMRESLIST RawResources,
                                                            WDFCMRESLIST TranslatedResources);
typedef EVT_TR_PREPARE_HARDWARE_SECURE_ENVIRONMENT *PFN_TR_PREPARE_HARDWARE_SECURE_ENVIRONMENT;
typedef NTSTATUS EVT_TR_RELEASE_HARDWARE_SECURE_ENVIRONMENT(WDFDEVICE MasterDevice,
                                                            WDFCMRESLIST TranslatedResources);
typedef EVT_TR_RELEASE_HARDWARE_SECURE_ENVIRONMENT *PFN_TR_RELEASE_HARDWARE_SECURE_ENVIRONMENT;
typedef NTSTATUS EVT_TR_CONNECT_SECURE_ENVIRONMENT(WDFDEVICE MasterDevice);
typedef EVT_TR_CONNECT_SECURE_ENVIRONMENT *PFN_TR_CONNECT_SECURE_ENVIRONMENT;
typedef NTSTATUS EVT_TR_DISCONNECT_SECURE_ENVIRONMENT(WDFDEVICE MasterDevice);
typedef EVT_TR_DISCONNECT_SECURE_ENVIRONMENT *PFN_TR_DISCONNECT_SECURE_ENVIRONMENT;

/* A secure service's description, as EvtTrEnumerateSecureServices writes it: the dependencies
 * follow the fixed part, then (at ExtensionOffset, 0 for none) a TR_SECURE_SERVICE_EXTENSION
 * whose SecurityDescriptorStringOffset locates an SDDL string, both offsets from the start of
 * the description. */
typedef enum _TR_SECURE_DEPENDENCY_TYPE {
    TRSecureOSDependency,
    TRSecureResourceDependency
} TR_SECURE_DEPENDENCY_TYPE;

typedef struct _TR_SECURE_DEPENDENCY_V1 {
    TR_SECURE_DEPENDENCY_TYPE Type;
    ULONG MaxRequired;
    GUID Id;
} TR_SECURE_DEPENDENCY_V1, *PTR_SECURE_DEPENDENCY_V1;
typedef TR_SECURE_DEPENDENCY_V1 TR_SECURE_DEPENDENCY, *PTR_SECURE_DEPENDENCY;

typedef struct _TR_SECURE_SERVICE_V1 {
    ULONG DescriptionSize;
    GUID ServiceGuid;
    ULONG MajorVersion;
    ULONG MinorVersion;
    ULONG ExtensionOffset;
    ULONG CountDependencies;
    TR_SECURE_DEPENDENCY_V1 Dependencies[ANYSIZE_ARRAY];
} TR_SECURE_SERVICE_V1, *PTR_SECURE_SERVICE_V1;
typedef TR_SECURE_SERVICE_V1 TR_SECURE_SERVICE, *PTR_SECURE_SERVICE;

#define TR_SECURE_SERVICE_EXTENSION_VERSION_1 1
#define TR_SECURE_SERVICE_EXTENSION_VERSION   TR_SECURE_SERVICE_EXTENSION_VERSION_1

typedef struct _TR_SECURE_SERVICE_EXTENSION_V1 {
    ULONG ExtensionVersion;
    ULONG SecurityDescriptorStringOffset;
} TR_SECURE_SERVICE_EXTENSION_V1, *PTR_SECURE_SERVICE_EXTENSION_V1;
typedef TR_SECURE_SERVICE_EXTENSION_V1 TR_SECURE_SERVICE_EXTENSION, *PTR_SECURE_SERVICE_EXTENSION;

typedef NTSTATUS EVT_TR_ENUMERATE_SECURE_SERVICES(WDFDEVICE MasterDevice, ULONG Index,
                                                  PUCHAR SecureServiceDescription,
                                                  ULONG *DescriptionSize);
typedef EVT_TR_ENUMERATE_SECURE_SERVICES *PFN_TR_ENUMERATE_SECURE_SERVICES;
typedef VOID EVT_TR_PROCESS_OTHER_DEVICE_IO(WDFDEVICE MasterDevice, WDFREQUEST Request);
typedef EVT_TR_PROCESS_OTHER_DEVICE_IO *PFN_TR_PROCESS_OTHER_DEVICE_IO;
typedef PTR_SECURE_SERVICE_CALLBACKS EVT_TR_QUERY_SERVICE_CALLBACKS(WDFDEVICE MasterDevice,
                                                                    LPGUID ServiceGuid);
typedef EVT_TR_QUERY_SERVICE_CALLBACKS *PFN_TR_QUERY_SERVICE_CALLBACKS;

/* ---- each secure service device's callbacks ---------------------------------------------- */

typedef NTSTATUS EVT_TR_CREATE_SECURE_SERVICE_CONTEXT(WDFDEVICE MasterDevice, LPCGUID ServiceGuid,
                                                      WDFDEVICE ServiceDevice);
typedef EVT_TR_CREATE_SECURE_SERVICE_CONTEXT *PFN_TR_CREATE_SECURE_SERVICE_CONTEXT;
typedef NTSTATUS EVT_TR_DESTROY_SECURE_SERVICE_CONTEXT(WDFDEVICE ServiceDevice);
typedef EVT_TR_DESTROY_SECURE_SERVICE_CONTEXT *PFN_TR_DESTROY_SECURE_SERVICE_CONTEXT;
typedef NTSTATUS EVT_TR_CONNECT_SECURE_SERVICE(WDFDEVICE ServiceDevice);
typedef EVT_TR_CONNECT_SECURE_SERVICE *PFN_TR_CONNECT_SECURE_SERVICE;
typedef NTSTATUS EVT_TR_DISCONNECT_SECURE_SERVICE(WDFDEVICE ServiceDevice);
typedef EVT_TR_DISCONNECT_SECURE_SERVICE *PFN_TR_DISCONNECT_SECURE_SERVICE;
typedef NTSTATUS EVT_TR_CREATE_SECURE_SERVICE_SESSION_CONTEXT(WDFDEVICE ServiceDevice,
                                                              WDFOBJECT *SessionContextObject);
typedef EVT_TR_CREATE_SECURE_SERVICE_SESSION_CONTEXT *PFN_TR_CREATE_SECURE_SERVICE_SESSION_CONTEXT;
typedef NTSTATUS EVT_TR_DESTROY_SECURE_SERVICE_SESSION_CONTEXT(WDFDEVICE ServiceDevice,
                                                               WDFOBJECT *SessionContextObject);
typedef EVT_TR_DESTROY_SECURE_SERVICE_SESSION_CONTEXT
    *PFN_TR_DESTROY_SECURE_SERVICE_SESSION_CONTEXT;

/* EvtTrProcessSecureServiceRequest's Flags: the request came from a user-mode caller. */
#define TR_SERVICE_REQUEST_FROM_USERMODE 1

typedef NTSTATUS EVT_TR_PROCESS_SECURE_SERVICE_REQUEST(
    WDFDEVICE ServiceDevice, WDFOBJECT SessionContext, PVOID RequestHandle, KPRIORITY Priority,
    PTR_SERVICE_REQUEST Request, ULONG Flags, PULONG_PTR BytesWritten, PVOID *RequestContext);
typedef EVT_TR_PROCESS_SECURE_SERVICE_REQUEST *PFN_TR_PROCESS_SECURE_SERVICE_REQUEST;
typedef VOID EVT_TR_CANCEL_SECURE_SERVICE_REQUEST(WDFDEVICE ServiceDevice, WDFOBJECT SessionContext,
                                                  PVOID RequestHandle, PVOID *RequestContext);
typedef EVT_TR_CANCEL_SECURE_SERVICE_REQUEST *PFN_TR_CANCEL_SECURE_SERVICE_REQUEST;
typedef VOID EVT_TR_PROCESS_OTHER_SECURE_SERVICE_IO(WDFDEVICE ServiceDevice,
                                                    WDFOBJECT SessionContext, WDFREQUEST Request);
typedef EVT_TR_PROCESS_OTHER_SECURE_SERVICE_IO *PFN_TR_PROCESS_OTHER_SECURE_SERVICE_IO;

/* The callback tables' Flags: how the extension serialises requests (bits 0-1) and how much
 * stack it keeps free for the callbacks (bits 2-3). */
#define TR_DEVICE_NO_SERIALIZATION       0x00000000
#define TR_DEVICE_SERIALIZE_PER_SESSION  0x00000001
#define TR_DEVICE_SERIALIZE_PER_SERVICE  0x00000002
#define TR_DEVICE_SERIALIZE_ALL_REQUESTS 0x00000003
#define TR_DEVICE_SERIALIZE_MASK         0x00000003
#define TR_DEVICE_STACK_RESERVE_NONE     0x00000000
#define TR_DEVICE_STACK_RESERVE_2K       0x00000004
#define TR_DEVICE_STACK_RESERVE_4K       0x00000008
#define TR_DEVICE_STACK_RESERVE_8K       0x0000000C
#define TR_DEVICE_STACK_RESERVE_MASK     0x0000000C

struct _TR_SECURE_DEVICE_CALLBACKS_V1 {
    ULONG Flags;
    PFN_TR_CREATE_SECURE_DEVICE_CONTEXT EvtTrCreateSecureDeviceContext;
    PFN_TR_DESTROY_SECURE_DEVICE_CONTEXT EvtTrDestroySecureDeviceContext;
    PFN_TR_PREPARE_HARDWARE_SECURE_ENVIRONMENT EvtTrPrepareHardwareSecureEnvironment;
    PFN_TR_RELEASE_HARDWARE_SECURE_ENVIRONMENT EvtTrReleaseHardwareSecureEnvironment;
    PFN_TR_CONNECT_SECURE_ENVIRONMENT EvtTrConnectSecureEnvironment;
    PFN_TR_DISCONNECT_SECURE_ENVIRONMENT EvtTrDisconnectSecureEnvironment;
    PFN_TR_ENUMERATE_SECURE_SERVICES EvtTrEnumerateSecureServices;
    PFN_TR_PROCESS_OTHER_DEVICE_IO EvtTrProcessOtherDeviceIo;
    PFN_TR_QUERY_SERVICE_CALLBACKS EvtTrQueryServiceCallbacks;
};

struct _TR_SECURE_SERVICE_CALLBACKS_V1 {
    ULONG Flags;
    PFN_TR_CREATE_SECURE_SERVICE_CONTEXT EvtTrCreateSecureServiceContext;
    PFN_TR_DESTROY_SECURE_SERVICE_CONTEXT EvtTrDestroySecureServiceContext;
    PFN_TR_CONNECT_SECURE_SERVICE EvtTrConnectSecureService;
    PFN_TR_DISCONNECT_SECURE_SERVICE EvtTrDisconnectSecureService;
    PFN_TR_CREATE_SECURE_SERVICE_SESSION_CONTEXT EvtTrCreateSecureSessionContext;
    PFN_TR_DESTROY_SECURE_SERVICE_SESSION_CONTEXT EvtTrDestroySecureSessionContext;
    PFN_TR_PROCESS_SECURE_SERVICE_REQUEST EvtTrProcessSecureServiceRequest;
    PFN_TR_CANCEL_SECURE_SERVICE_REQUEST EvtTrCancelSecureServiceRequest;
    PFN_TR_PROCESS_OTHER_SECURE_SERVICE_IO EvtTrProcessOtherSecureServiceIo;
};

/* The extension's routines (not provided: see the top of this file). */
NTSTATUS TrSecureDeviceHandoffMasterDeviceControl(PWDFDEVICE_INIT DeviceInit,
                                                  PTR_SECURE_DEVICE_CALLBACKS Callbacks,
                                                  WDFDEVICE *MasterDevice) DRVHOST_NOT_PROVIDED;
NTSTATUS TrSecureDeviceHandoffServiceDeviceControl(PWDFDEVICE_INIT DeviceInit, LPGUID ServiceGuid,
                                                   PTR_SECURE_SERVICE_CALLBACKS Callbacks,
                                                   WDFDEVICE *ServiceDevice) DRVHOST_NOT_PROVIDED;
NTSTATUS TrSecureDeviceLogMessage(WDFDEVICE Device, ULONG Severity, PCSTR Message,
                                  ...) DRVHOST_NOT_PROVIDED;
NTSTATUS TrSecureDeviceQueryOSService(WDFDEVICE Device, LPCGUID OSServiceGuid,
                                      PTR_SERVICE_INFORMATION Information) DRVHOST_NOT_PROVIDED;
NTSTATUS TrSecureDeviceCallOSService(WDFDEVICE Device, LPCGUID OSServiceGuid,
                                     PTR_SERVICE_REQUEST CallData,
                                     ULONG_PTR *BytesWritten) DRVHOST_NOT_PROVIDED;
NTSTATUS TrSecureDeviceCompleteAsyncRequest(PVOID RequestHandle, NTSTATUS Result,
                                            ULONG_PTR BytesWritten) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _DRVHOST_TRUSTEDRUNTIMECLX_H_ */
