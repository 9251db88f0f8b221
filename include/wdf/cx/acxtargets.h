/*
 * acxtargets.h - ACX targets: another driver's circuit, factory circuit, stream, pin or element
 * seen from this driver (a WDF I/O target plus what ACX learned about it), and formatting KS
 * requests to it. Types are inferred from the reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXTARGETS_H_
#define _ACXTARGETS_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_TARGET_CIRCUIT_CONFIG_FLAGS {
    AcxTargetCircuitConfigNoFlags = 0x0000,
    AcxTargetCircuitConfigLazyDataLoad = 0x0001,
    AcxTargetCircuitConfigValidFlags = 0x0001
} ACX_TARGET_CIRCUIT_CONFIG_FLAGS;

typedef enum _ACX_TARGET_FACTORY_CIRCUIT_CONFIG_FLAGS {
    AcxTargetFactoryCircuitConfigNoFlags = 0x0000,
    AcxTargetFactoryCircuitConfigValidFlags = 0x0000
} ACX_TARGET_FACTORY_CIRCUIT_CONFIG_FLAGS;

typedef enum _ACX_TARGET_STREAM_CONFIG_FLAGS {
    AcxTargetStreamConfigNoFlags = 0x0000,
    AcxTargetStreamConfigValidFlags = 0x0000
} ACX_TARGET_STREAM_CONFIG_FLAGS;

typedef struct _ACX_TARGET_CIRCUIT_CONFIG {
    ULONG Size;
    ULONG Flags;
    PCUNICODE_STRING SymbolicLinkName;
} ACX_TARGET_CIRCUIT_CONFIG, *PACX_TARGET_CIRCUIT_CONFIG;

typedef struct _ACX_TARGET_FACTORY_CIRCUIT_CONFIG {
    ULONG Size;
    ULONG Flags;
    WDFIOTARGET IoTarget;
    PCUNICODE_STRING SymbolicLinkName;
} ACX_TARGET_FACTORY_CIRCUIT_CONFIG, *PACX_TARGET_FACTORY_CIRCUIT_CONFIG;

typedef struct _ACX_TARGET_STREAM_CONFIG {
    ULONG Size;
    ULONG Flags;
    ACXTARGETCIRCUIT TargetCircuit;
    ULONG PinId;
    ACXDATAFORMAT DataFormat;
    GUID SignalProcessingMode;
    ACXOBJECTBAG OptionalParameters;
} ACX_TARGET_STREAM_CONFIG, *PACX_TARGET_STREAM_CONFIG;

_ACX_SIZED_INIT(ACX_TARGET_CIRCUIT_CONFIG, Config)

_ACX_SIZED_INIT(ACX_TARGET_FACTORY_CIRCUIT_CONFIG, Config)

_ACX_SIZED_INIT(ACX_TARGET_STREAM_CONFIG, Config)

NTSTATUS AcxTargetCircuitCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes,
                                PACX_TARGET_CIRCUIT_CONFIG Config,
                                ACXTARGETCIRCUIT *TargetCircuit) DRVHOST_NOT_PROVIDED;
WDFIOTARGET AcxTargetCircuitGetWdfIoTarget(ACXTARGETCIRCUIT TargetCircuit) DRVHOST_NOT_PROVIDED;
ULONG AcxTargetCircuitGetPinsCount(ACXTARGETCIRCUIT TargetCircuit) DRVHOST_NOT_PROVIDED;
ACXTARGETPIN AcxTargetCircuitGetTargetPin(ACXTARGETCIRCUIT TargetCircuit,
                                          ULONG PinIndex) DRVHOST_NOT_PROVIDED;
ULONG AcxTargetCircuitGetElementsCount(ACXTARGETCIRCUIT TargetCircuit) DRVHOST_NOT_PROVIDED;
ACXTARGETELEMENT AcxTargetCircuitGetTargetElement(ACXTARGETCIRCUIT TargetCircuit,
                                                  ULONG ElementIndex) DRVHOST_NOT_PROVIDED;
PCUNICODE_STRING AcxTargetCircuitGetSymbolicLinkName(ACXTARGETCIRCUIT TargetCircuit)
    DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetCircuitFormatRequestForProperty(
    ACXTARGETCIRCUIT TargetCircuit, WDFREQUEST Request,
    PACX_REQUEST_PARAMETERS Params) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetCircuitFormatRequestForMethod(ACXTARGETCIRCUIT TargetCircuit, WDFREQUEST Request,
                                                PACX_REQUEST_PARAMETERS Params)
    DRVHOST_NOT_PROVIDED;

ULONG AcxTargetPinGetId(ACXTARGETPIN TargetPin) DRVHOST_NOT_PROVIDED;
WDFIOTARGET AcxTargetPinGetWdfIoTarget(ACXTARGETPIN TargetPin) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetPinRetrieveModeDataFormatList(
    ACXTARGETPIN TargetPin, const GUID *SignalProcessingMode,
    ACXDATAFORMATLIST *DataFormatList) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetPinFlushModeDataFormatListCache(
    ACXTARGETPIN TargetPin, const GUID *SignalProcessingMode) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetPinFormatRequestForProperty(ACXTARGETPIN TargetPin, WDFREQUEST Request,
                                              PACX_REQUEST_PARAMETERS Params) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetPinFormatRequestForMethod(ACXTARGETPIN TargetPin, WDFREQUEST Request,
                                            PACX_REQUEST_PARAMETERS Params) DRVHOST_NOT_PROVIDED;

ULONG AcxTargetElementGetId(ACXTARGETELEMENT TargetElement) DRVHOST_NOT_PROVIDED;
GUID AcxTargetElementGetType(ACXTARGETELEMENT TargetElement) DRVHOST_NOT_PROVIDED;
GUID AcxTargetElementGetNameTag(ACXTARGETELEMENT TargetElement) DRVHOST_NOT_PROVIDED;
WDFIOTARGET AcxTargetElementGetWdfIoTarget(ACXTARGETELEMENT TargetElement) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetElementFormatRequestForProperty(
    ACXTARGETELEMENT TargetElement, WDFREQUEST Request,
    PACX_REQUEST_PARAMETERS Params) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetElementFormatRequestForMethod(ACXTARGETELEMENT TargetElement, WDFREQUEST Request,
                                                PACX_REQUEST_PARAMETERS Params)
    DRVHOST_NOT_PROVIDED;

NTSTATUS AcxTargetStreamCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes,
                               PACX_TARGET_STREAM_CONFIG Config,
                               ACXTARGETSTREAM *TargetStream) DRVHOST_NOT_PROVIDED;
WDFIOTARGET AcxTargetStreamGetWdfIoTarget(ACXTARGETSTREAM TargetStream) DRVHOST_NOT_PROVIDED;
ULONG AcxTargetStreamGetElementsCount(ACXTARGETSTREAM TargetStream) DRVHOST_NOT_PROVIDED;
ACXTARGETELEMENT AcxTargetStreamGetTargetElement(ACXTARGETSTREAM TargetStream,
                                                 ULONG ElementIndex) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetStreamAssignDrmContentId(ACXTARGETSTREAM TargetStream, ULONG ContentId,
                                           PACXDRMRIGHTS DrmRights) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetStreamFormatRequestForProperty(ACXTARGETSTREAM TargetStream, WDFREQUEST Request,
                                                 PACX_REQUEST_PARAMETERS Params)
    DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetStreamFormatRequestForMethod(ACXTARGETSTREAM TargetStream, WDFREQUEST Request,
                                               PACX_REQUEST_PARAMETERS Params) DRVHOST_NOT_PROVIDED;

NTSTATUS AcxTargetFactoryCircuitCreate(
    WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes, PACX_TARGET_FACTORY_CIRCUIT_CONFIG Config,
    ACXTARGETFACTORYCIRCUIT *TargetFactoryCircuit) DRVHOST_NOT_PROVIDED;
WDFIOTARGET AcxTargetFactoryCircuitGetWdfIoTarget(ACXTARGETFACTORYCIRCUIT TargetFactoryCircuit)
    DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetFactoryCircuitFormatRequestForProperty(
    ACXTARGETFACTORYCIRCUIT TargetFactoryCircuit, WDFREQUEST Request,
    PACX_REQUEST_PARAMETERS Params) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxTargetFactoryCircuitFormatRequestForMethod(
    ACXTARGETFACTORYCIRCUIT TargetFactoryCircuit, WDFREQUEST Request,
    PACX_REQUEST_PARAMETERS Params) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXTARGETS_H_ */
