/*
 * wdm_wmic.h - the WMI consumer routines of wdm.h (IoWMIOpenBlock, IoWMIQueryAllData, ...): a
 * driver opening another driver's WMI data block (src/io/wmi_consumer.c). IoWMIOpenBlock,
 * IoWMIQueryAllData and IoWMISetNotificationCallback are provided;
 * the others are DRVHOST_NOT_PROVIDED (a call compiles with a warning naming the routine and
 * the loader refuses the module; docs/compatibility.md). The access rights and the callback
 * type are Microsoft's. Included by wdm.h.
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef _DRVHOST_WDM_WMIC_H_
#define _DRVHOST_WDM_WMIC_H_

#define WMIGUID_QUERY            0x0001
#define WMIGUID_SET              0x0002
#define WMIGUID_NOTIFICATION     0x0004
#define WMIGUID_READ_DESCRIPTION 0x0008
#define WMIGUID_EXECUTE          0x0010

typedef VOID NTAPI FWMI_NOTIFICATION_CALLBACK(PVOID Wnode, PVOID Context);
typedef FWMI_NOTIFICATION_CALLBACK *WMI_NOTIFICATION_CALLBACK;

NTKERNELAPI NTSTATUS NTAPI IoWMIOpenBlock(LPCGUID Guid, ULONG DesiredAccess,
                                          PVOID *DataBlockObject);
NTKERNELAPI NTSTATUS NTAPI IoWMIQueryAllData(PVOID DataBlockObject, PULONG InOutBufferSize,
                                             PVOID OutBuffer);
NTKERNELAPI NTSTATUS NTAPI IoWMIQueryAllDataMultiple(PVOID *DataBlockObjectList, ULONG ObjectCount,
                                                     PULONG InOutBufferSize,
                                                     PVOID OutBuffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoWMIQuerySingleInstance(PVOID DataBlockObject,
                                                    PUNICODE_STRING InstanceName,
                                                    PULONG InOutBufferSize,
                                                    PVOID OutBuffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoWMISetSingleInstance(PVOID DataBlockObject,
                                                  PUNICODE_STRING InstanceName, ULONG Version,
                                                  ULONG ValueBufferSize,
                                                  PVOID ValueBuffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoWMISetSingleItem(PVOID DataBlockObject, PUNICODE_STRING InstanceName,
                                              ULONG DataItemId, ULONG Version,
                                              ULONG ValueBufferSize,
                                              PVOID ValueBuffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoWMIExecuteMethod(PVOID DataBlockObject, PUNICODE_STRING InstanceName,
                                              ULONG MethodId, ULONG InBufferSize,
                                              PULONG OutBufferSize,
                                              PUCHAR InOutBuffer) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI IoWMISetNotificationCallback(PVOID Object,
                                                        WMI_NOTIFICATION_CALLBACK Callback,
                                                        PVOID Context);

#endif
#endif
