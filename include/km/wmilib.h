/*
 * wmilib.h - the WMI library: a driver describes its data and event blocks in a WMILIB_CONTEXT
 * and hands every IRP_MJ_SYSTEM_CONTROL request to WmiSystemControl, which checks it, builds
 * the registration information and calls the driver's DpWmiXxx callbacks; the driver ends a
 * request with WmiCompleteRequest and raises events with WmiFireEvent. Exported by
 * libdrvhost.so (Windows: wmilib.sys). Names and signatures as documented.
 */
#ifndef _WMILIB_
#define _WMILIB_

#include <wdm.h>
#include <wmistr.h>

/* One data or event block the driver registers. */
typedef struct _WMIGUIDREGINFO {
    LPCGUID Guid;        /* nonpaged if also passed to WmiFireEvent */
    ULONG InstanceCount; /* static instance names: 0..InstanceCount-1 */
    ULONG Flags;         /* WMIREG_FLAG_*, OR-ed with the RegFlags of DpWmiQueryReginfo */
} WMIGUIDREGINFO, *PWMIGUIDREGINFO;

typedef enum {
    WmiEventControl,     /* IRP_MN_ENABLE_EVENTS / IRP_MN_DISABLE_EVENTS */
    WmiDataBlockControl, /* IRP_MN_ENABLE_COLLECTION / IRP_MN_DISABLE_COLLECTION */
} WMIENABLEDISABLECONTROL, *PWMIENABLEDISABLECONTROL;

typedef NTSTATUS WMI_QUERY_REGINFO_CALLBACK(PDEVICE_OBJECT DeviceObject, PULONG RegFlags,
                                            PUNICODE_STRING InstanceName,
                                            PUNICODE_STRING *RegistryPath,
                                            PUNICODE_STRING MofResourceName, PDEVICE_OBJECT *Pdo);
typedef WMI_QUERY_REGINFO_CALLBACK *PWMI_QUERY_REGINFO;

typedef NTSTATUS WMI_QUERY_DATABLOCK_CALLBACK(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                              ULONG GuidIndex, ULONG InstanceIndex,
                                              ULONG InstanceCount, PULONG InstanceLengthArray,
                                              ULONG BufferAvail, PUCHAR Buffer);
typedef WMI_QUERY_DATABLOCK_CALLBACK *PWMI_QUERY_DATABLOCK;

typedef NTSTATUS WMI_SET_DATABLOCK_CALLBACK(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                                            ULONG InstanceIndex, ULONG BufferSize, PUCHAR Buffer);
typedef WMI_SET_DATABLOCK_CALLBACK *PWMI_SET_DATABLOCK;

typedef NTSTATUS WMI_SET_DATAITEM_CALLBACK(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                                           ULONG InstanceIndex, ULONG DataItemId, ULONG BufferSize,
                                           PUCHAR Buffer);
typedef WMI_SET_DATAITEM_CALLBACK *PWMI_SET_DATAITEM;

typedef NTSTATUS WMI_EXECUTE_METHOD_CALLBACK(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                                             ULONG InstanceIndex, ULONG MethodId,
                                             ULONG InBufferSize, ULONG OutBufferSize,
                                             PUCHAR Buffer);
typedef WMI_EXECUTE_METHOD_CALLBACK *PWMI_EXECUTE_METHOD;

typedef NTSTATUS WMI_FUNCTION_CONTROL_CALLBACK(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                               ULONG GuidIndex, WMIENABLEDISABLECONTROL Function,
                                               BOOLEAN Enable);
typedef WMI_FUNCTION_CONTROL_CALLBACK *PWMI_FUNCTION_CONTROL;

typedef struct _WMILIB_CONTEXT {
    ULONG GuidCount;
    PWMIGUIDREGINFO GuidList;
    PWMI_QUERY_REGINFO QueryWmiRegInfo;       /* required */
    PWMI_QUERY_DATABLOCK QueryWmiDataBlock;   /* required */
    PWMI_SET_DATABLOCK SetWmiDataBlock;       /* NULL: STATUS_WMI_READ_ONLY */
    PWMI_SET_DATAITEM SetWmiDataItem;         /* NULL: STATUS_WMI_READ_ONLY */
    PWMI_EXECUTE_METHOD ExecuteWmiMethod;     /* NULL: STATUS_INVALID_DEVICE_REQUEST */
    PWMI_FUNCTION_CONTROL WmiFunctionControl; /* NULL: STATUS_SUCCESS */
} WMILIB_CONTEXT, *PWMILIB_CONTEXT;

/* What WmiSystemControl did with the IRP (it always sets it). */
typedef enum {
    IrpProcessed,    /* a DpWmiXxx routine ran: it (or later WmiCompleteRequest) completes it */
    IrpNotCompleted, /* registration answered, or an error set: the driver calls
                        IoCompleteRequest */
    IrpNotWmi,       /* not a WMI minor code: the driver handles or forwards it */
    IrpForward       /* ProviderId names another device object: forward it */
} SYSCTL_IRP_DISPOSITION, *PSYSCTL_IRP_DISPOSITION;

NTKERNELAPI NTSTATUS NTAPI WmiSystemControl(PWMILIB_CONTEXT WmiLibInfo, PDEVICE_OBJECT DeviceObject,
                                            PIRP Irp, PSYSCTL_IRP_DISPOSITION IrpDisposition);
NTKERNELAPI NTSTATUS NTAPI WmiCompleteRequest(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                              NTSTATUS Status, ULONG BufferUsed,
                                              CCHAR PriorityBoost);
NTKERNELAPI NTSTATUS NTAPI WmiFireEvent(PDEVICE_OBJECT DeviceObject, LPCGUID Guid,
                                        ULONG InstanceIndex, ULONG EventDataSize, PVOID EventData);

#endif
