/*
 * acxdevice.h - making a WDFDEVICE an ACX device (AcxDeviceInitInitialize on the
 * WDFDEVICE_INIT, AcxDeviceInitialize on the device) and attaching circuits, circuit devices and
 * circuit factories to it. Types are inferred from the reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXDEVICE_H_
#define _ACXDEVICE_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_DEVICEINIT_CONFIG_FLAGS {
    AcxDeviceInitConfigNoFlags = 0x0000,
    AcxDeviceInitConfigRawDevice = 0x0001, /* a raw audio device to PnP */
    AcxDeviceInitConfigValidFlags = 0x0001
} ACX_DEVICEINIT_CONFIG_FLAGS;

typedef enum _ACX_DEVICE_CONFIG_FLAGS {
    AcxDeviceConfigNoFlags = 0x0000,
    AcxDeviceConfigValidFlags = 0x0000
} ACX_DEVICE_CONFIG_FLAGS;

/* How long the device may take to come back from Dx (AcxDeviceGetCurrentDxExitLatency). */
typedef enum _ACX_DX_EXIT_LATENCY {
    AcxDxExitLatencyInstant,
    AcxDxExitLatencyFast,
    AcxDxExitLatencyResponsive
} ACX_DX_EXIT_LATENCY;

typedef struct _ACX_DEVICEINIT_CONFIG {
    ULONG Size;
    ULONG Flags;
    WDF_SYNCHRONIZATION_SCOPE SynchronizationScope;
    WDF_EXECUTION_LEVEL ExecutionLevel;
    PVOID Context;
} ACX_DEVICEINIT_CONFIG, *PACX_DEVICEINIT_CONFIG;

typedef struct _ACX_DEVICE_CONFIG {
    ULONG Size;
    ULONG Flags;
    PVOID Context;
} ACX_DEVICE_CONFIG, *PACX_DEVICE_CONFIG;

/* SynchronizationScope and ExecutionLevel are "internal only, do not change the default"; the
 * default is not documented. drvhost uses the framework's object default (inherit from the
 * parent, as WDF_OBJECT_ATTRIBUTES_INIT sets). */
FORCEINLINE VOID ACX_DEVICEINIT_CONFIG_INIT(PACX_DEVICEINIT_CONFIG Config)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
    Config->ExecutionLevel = WdfExecutionLevelInheritFromParent;
}

_ACX_SIZED_INIT(ACX_DEVICE_CONFIG, Config)

NTSTATUS AcxDeviceInitInitialize(PWDFDEVICE_INIT DeviceInit,
                                 PACX_DEVICEINIT_CONFIG Config) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceInitialize(WDFDEVICE Device,
                             PACX_DEVICE_CONFIG DeviceConfig) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceAddCircuit(WDFDEVICE Device, ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceRemoveCircuit(WDFDEVICE Device, ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceDetachCircuit(WDFDEVICE Device, ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceAddCircuitDevice(WDFDEVICE ParentDevice, WDFDEVICE Device) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceRemoveCircuitDevice(WDFDEVICE ParentDevice,
                                      WDFDEVICE Device) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceAddFactoryCircuit(WDFDEVICE Device,
                                    ACXFACTORYCIRCUIT Factory) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDeviceRemoveFactoryCircuit(WDFDEVICE Device,
                                       ACXFACTORYCIRCUIT Factory) DRVHOST_NOT_PROVIDED;
ACX_DX_EXIT_LATENCY AcxDeviceGetCurrentDxExitLatency(
    WDFDEVICE Device, POWER_ACTION SystemPowerAction,
    WDF_POWER_DEVICE_STATE DeviceState) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXDEVICE_H_ */
