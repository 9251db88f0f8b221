/*
 * acxcircuit.h - ACX circuits (a set of pins and elements forming part of an audio path,
 * exposed as a KS filter) and circuit factories (which make circuits on demand): the
 * initialisation blocks, PnP/power and composite callbacks, and the circuit routines. Types are
 * inferred from the reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXCIRCUIT_H_
#define _ACXCIRCUIT_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_CIRCUIT_TYPE {
    AcxCircuitTypeOther,
    AcxCircuitTypeRender,
    AcxCircuitTypeCapture,
    AcxCircuitTypeMaximum
} ACX_CIRCUIT_TYPE;

/* The reference spells these "Circit". */
typedef enum _ACX_FACTORY_CIRCUIT_ADD_CIRCUIT_FLAGS {
    AcxFactoryCircitAddCircuitConfigNoFlags = 0x0000,
    AcxFactoryCircitAddCircuitConfigValidFlags = 0x0000
} ACX_FACTORY_CIRCUIT_ADD_CIRCUIT_FLAGS;

typedef enum _ACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT_FLAGS {
    AcxFactoryCircitRemoveCircuitConfigNoFlags = 0x0000,
    AcxFactoryCircitRemoveCircuitConfigValidFlags = 0x0000
} ACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT_FLAGS;

typedef enum _ACX_STOP_IO_FLAGS {
    AcxStopIoNoFlags = 0x0000,
    AcxStopIoValidFlags = 0x0000
} ACX_STOP_IO_FLAGS;

/* What a factory is asked to make (EVT_ACX_FACTORY_CIRCUIT_CREATE_CIRCUIT[DEVICE]). */
typedef struct _ACX_FACTORY_CIRCUIT_ADD_CIRCUIT {
    ULONG Size;
    ULONG Flags;
    GUID CircuitUniqueId;
    ACXOBJECTBAG CompositeProperties;
    ACXOBJECTBAG FactoryProperties;
    ACXOBJECTBAG CircuitProperties;
    PCUNICODE_STRING TargetSymbolicLinkName;
} ACX_FACTORY_CIRCUIT_ADD_CIRCUIT, *PACX_FACTORY_CIRCUIT_ADD_CIRCUIT;

typedef struct _ACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT {
    ULONG Size;
    ULONG Flags;
    GUID CircuitUniqueId;
} ACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT, *PACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT;

typedef NTSTATUS EVT_ACX_CIRCUIT_PREPARE_HARDWARE(WDFDEVICE Device, ACXCIRCUIT Circuit,
                                                  WDFCMRESLIST ResourcesRaw,
                                                  WDFCMRESLIST ResourcesTranslated);
typedef EVT_ACX_CIRCUIT_PREPARE_HARDWARE *PFN_ACX_CIRCUIT_PREPARE_HARDWARE;
typedef NTSTATUS EVT_ACX_CIRCUIT_RELEASE_HARDWARE(WDFDEVICE Device, ACXCIRCUIT Circuit,
                                                  WDFCMRESLIST ResourcesTranslated);
typedef EVT_ACX_CIRCUIT_RELEASE_HARDWARE *PFN_ACX_CIRCUIT_RELEASE_HARDWARE;
typedef NTSTATUS EVT_ACX_CIRCUIT_POWER_UP(WDFDEVICE Device, ACXCIRCUIT Circuit,
                                          WDF_POWER_DEVICE_STATE PreviousState);
typedef EVT_ACX_CIRCUIT_POWER_UP *PFN_ACX_CIRCUIT_POWER_UP;
typedef NTSTATUS EVT_ACX_CIRCUIT_POWER_DOWN(WDFDEVICE Device, ACXCIRCUIT Circuit,
                                            WDF_POWER_DEVICE_STATE TargetState);
typedef EVT_ACX_CIRCUIT_POWER_DOWN *PFN_ACX_CIRCUIT_POWER_DOWN;
typedef NTSTATUS EVT_ACX_CIRCUIT_CREATE_STREAM(WDFDEVICE Device, ACXCIRCUIT Circuit, ACXPIN Pin,
                                               PACXSTREAM_INIT StreamInit,
                                               ACXDATAFORMAT StreamFormat,
                                               const GUID *SignalProcessingMode,
                                               ACXOBJECTBAG VarArguments);
typedef EVT_ACX_CIRCUIT_CREATE_STREAM *PFN_ACX_CIRCUIT_CREATE_STREAM;
typedef NTSTATUS EVT_ACX_CIRCUIT_COMPOSITE_CIRCUIT_INITIALIZE(WDFDEVICE Device, ACXCIRCUIT Circuit,
                                                              ACXOBJECTBAG CircuitProperties);
typedef EVT_ACX_CIRCUIT_COMPOSITE_CIRCUIT_INITIALIZE *PFN_ACX_CIRCUIT_COMPOSITE_CIRCUIT_INITIALIZE;
typedef NTSTATUS EVT_ACX_CIRCUIT_COMPOSITE_INITIALIZE(WDFDEVICE Device, ACXCIRCUIT Circuit,
                                                      ACXOBJECTBAG CompositeProperties);
typedef EVT_ACX_CIRCUIT_COMPOSITE_INITIALIZE *PFN_ACX_CIRCUIT_COMPOSITE_INITIALIZE;
typedef VOID EVT_ACX_CIRCUIT_COMPOSITE_DEINITIALIZE(WDFDEVICE Device, ACXCIRCUIT Circuit,
                                                    ACXOBJECTBAG CompositeProperties);
typedef EVT_ACX_CIRCUIT_COMPOSITE_DEINITIALIZE *PFN_ACX_CIRCUIT_COMPOSITE_DEINITIALIZE;

typedef NTSTATUS EVT_ACX_FACTORY_CIRCUIT_CREATE_CIRCUITDEVICE(
    WDFDEVICE Parent, ACXFACTORYCIRCUIT Factory, PACX_FACTORY_CIRCUIT_ADD_CIRCUIT Config,
    WDFDEVICE *Device);
typedef EVT_ACX_FACTORY_CIRCUIT_CREATE_CIRCUITDEVICE *PFN_ACX_FACTORY_CIRCUIT_CREATE_CIRCUITDEVICE;
typedef NTSTATUS EVT_ACX_FACTORY_CIRCUIT_DELETE_CIRCUITDEVICE(WDFDEVICE Parent,
                                                              ACXFACTORYCIRCUIT Factory,
                                                              WDFDEVICE Device);
typedef EVT_ACX_FACTORY_CIRCUIT_DELETE_CIRCUITDEVICE *PFN_ACX_FACTORY_CIRCUIT_DELETE_CIRCUITDEVICE;
typedef NTSTATUS EVT_ACX_FACTORY_CIRCUIT_CREATE_CIRCUIT(WDFDEVICE Parent, WDFDEVICE Device,
                                                        ACXFACTORYCIRCUIT Factory,
                                                        PACX_FACTORY_CIRCUIT_ADD_CIRCUIT Config,
                                                        PACXCIRCUIT_INIT CircuitInit);
typedef EVT_ACX_FACTORY_CIRCUIT_CREATE_CIRCUIT *PFN_ACX_FACTORY_CIRCUIT_CREATE_CIRCUIT;
typedef NTSTATUS EVT_ACX_FACTORY_CIRCUIT_PREPARE_HARDWARE(WDFDEVICE Device,
                                                          ACXFACTORYCIRCUIT Factory,
                                                          WDFCMRESLIST ResourcesRaw,
                                                          WDFCMRESLIST ResourcesTranslated);
typedef EVT_ACX_FACTORY_CIRCUIT_PREPARE_HARDWARE *PFN_ACX_FACTORY_CIRCUIT_PREPARE_HARDWARE;
typedef NTSTATUS EVT_ACX_FACTORY_CIRCUIT_RELEASE_HARDWARE(WDFDEVICE Device,
                                                          ACXFACTORYCIRCUIT Factory,
                                                          WDFCMRESLIST ResourcesTranslated);
typedef EVT_ACX_FACTORY_CIRCUIT_RELEASE_HARDWARE *PFN_ACX_FACTORY_CIRCUIT_RELEASE_HARDWARE;
typedef NTSTATUS EVT_ACX_FACTORY_CIRCUIT_POWER_UP(WDFDEVICE Device, ACXFACTORYCIRCUIT Factory,
                                                  WDF_POWER_DEVICE_STATE PreviousState);
typedef EVT_ACX_FACTORY_CIRCUIT_POWER_UP *PFN_ACX_FACTORY_CIRCUIT_POWER_UP;
typedef NTSTATUS EVT_ACX_FACTORY_CIRCUIT_POWER_DOWN(WDFDEVICE Device, ACXFACTORYCIRCUIT Factory,
                                                    WDF_POWER_DEVICE_STATE TargetState);
typedef EVT_ACX_FACTORY_CIRCUIT_POWER_DOWN *PFN_ACX_FACTORY_CIRCUIT_POWER_DOWN;

typedef struct _ACX_CIRCUIT_PNPPOWER_CALLBACKS {
    ULONG Size;
    PFN_ACX_CIRCUIT_PREPARE_HARDWARE EvtAcxCircuitPrepareHardware;
    PFN_ACX_CIRCUIT_RELEASE_HARDWARE EvtAcxCircuitReleaseHardware;
    PFN_ACX_CIRCUIT_POWER_UP EvtAcxCircuitPowerUp;
    PFN_ACX_CIRCUIT_POWER_DOWN EvtAcxCircuitPowerDown;
} ACX_CIRCUIT_PNPPOWER_CALLBACKS, *PACX_CIRCUIT_PNPPOWER_CALLBACKS;

typedef struct _ACX_CIRCUIT_COMPOSITE_CALLBACKS {
    ULONG Size;
    PFN_ACX_CIRCUIT_COMPOSITE_CIRCUIT_INITIALIZE EvtAcxCircuitCompositeCircuitInitialize;
    PFN_ACX_CIRCUIT_COMPOSITE_INITIALIZE EvtAcxCircuitCompositeInitialize;
    PFN_ACX_CIRCUIT_COMPOSITE_DEINITIALIZE EvtAcxCircuitCompositeDeinitialize;
} ACX_CIRCUIT_COMPOSITE_CALLBACKS, *PACX_CIRCUIT_COMPOSITE_CALLBACKS;

typedef struct _ACX_FACTORY_CIRCUIT_OPERATION_CALLBACKS {
    ULONG Size;
    PFN_ACX_FACTORY_CIRCUIT_CREATE_CIRCUITDEVICE EvtAcxFactoryCircuitCreateCircuitDevice;
    PFN_ACX_FACTORY_CIRCUIT_DELETE_CIRCUITDEVICE EvtAcxFactoryCircuitDeleteCircuitDevice;
    PFN_ACX_FACTORY_CIRCUIT_CREATE_CIRCUIT EvtAcxFactoryCircuitCreateCircuit;
} ACX_FACTORY_CIRCUIT_OPERATION_CALLBACKS, *PACX_FACTORY_CIRCUIT_OPERATION_CALLBACKS;

typedef struct _ACX_FACTORY_CIRCUIT_PNPPOWER_CALLBACKS {
    ULONG Size;
    PFN_ACX_FACTORY_CIRCUIT_PREPARE_HARDWARE EvtAcxFactoryCircuitPrepareHardware;
    PFN_ACX_FACTORY_CIRCUIT_RELEASE_HARDWARE EvtAcxFactoryCircuitReleaseHardware;
    PFN_ACX_FACTORY_CIRCUIT_POWER_UP EvtAcxFactoryCircuitPowerUp;
    PFN_ACX_FACTORY_CIRCUIT_POWER_DOWN EvtAcxFactoryCircuitPowerDown;
} ACX_FACTORY_CIRCUIT_PNPPOWER_CALLBACKS, *PACX_FACTORY_CIRCUIT_PNPPOWER_CALLBACKS;

_ACX_SIZED_INIT(ACX_CIRCUIT_PNPPOWER_CALLBACKS, PnpPowerCallbacks)
_ACX_SIZED_INIT(ACX_CIRCUIT_COMPOSITE_CALLBACKS, CompositeCallbacks)
_ACX_SIZED_INIT(ACX_FACTORY_CIRCUIT_OPERATION_CALLBACKS, Config)
_ACX_SIZED_INIT(ACX_FACTORY_CIRCUIT_PNPPOWER_CALLBACKS, PnpPowerCallbacks)
_ACX_SIZED_INIT(ACX_FACTORY_CIRCUIT_ADD_CIRCUIT, Parameters)
_ACX_SIZED_INIT(ACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT, Parameters)

/* --- circuit initialisation --- */
PACXCIRCUIT_INIT AcxCircuitInitAllocate(WDFDEVICE Device) DRVHOST_NOT_PROVIDED;
VOID AcxCircuitInitFree(PACXCIRCUIT_INIT CircuitInit) DRVHOST_NOT_PROVIDED;
VOID AcxCircuitInitSetComponentId(PACXCIRCUIT_INIT CircuitInit,
                                  const GUID *ComponentId) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitInitAssignComponentUri(PACXCIRCUIT_INIT CircuitInit,
                                          PCUNICODE_STRING ComponentUri) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitInitAssignName(PACXCIRCUIT_INIT CircuitInit,
                                  PCUNICODE_STRING CircuitName) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitInitAssignCategories(PACXCIRCUIT_INIT CircuitInit, const GUID *Categories,
                                        ULONG CategoriesCount) DRVHOST_NOT_PROVIDED;
VOID AcxCircuitInitSetCircuitType(PACXCIRCUIT_INIT CircuitInit,
                                  ACX_CIRCUIT_TYPE CircuitType) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitInitAssignProperties(PACXCIRCUIT_INIT CircuitInit, PACX_PROPERTY_ITEM Properties,
                                        ULONG PropertiesCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitInitAssignMethods(PACXCIRCUIT_INIT CircuitInit, PACX_METHOD_ITEM Methods,
                                     ULONG MethodsCount) DRVHOST_NOT_PROVIDED;
VOID AcxCircuitInitSetAcxCircuitPnpPowerCallbacks(
    PACXCIRCUIT_INIT CircuitInit,
    PACX_CIRCUIT_PNPPOWER_CALLBACKS EvtPnpPowerCallbacks) DRVHOST_NOT_PROVIDED;
VOID AcxCircuitInitSetAcxCircuitCompositeCallbacks(
    PACXCIRCUIT_INIT CircuitInit,
    PACX_CIRCUIT_COMPOSITE_CALLBACKS EvtCompositeCallbacks) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitInitAssignAcxRequestPreprocessCallback(
    PACXCIRCUIT_INIT CircuitInit, PFN_ACX_OBJECT_PREPROCESS_REQUEST EvtObjectAcxRequestPreprocess,
    ACXCONTEXT DriverContext, ACX_REQUEST_TYPE RequestType, const GUID *Set,
    ULONG Id) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitInitAssignAcxCreateStreamCallback(
    PACXCIRCUIT_INIT CircuitInit,
    PFN_ACX_CIRCUIT_CREATE_STREAM EvtCircuitCreateStream) DRVHOST_NOT_PROVIDED;
VOID AcxCircuitInitDisableDefaultStreamBridgeHandling(PACXCIRCUIT_INIT CircuitInit)
    DRVHOST_NOT_PROVIDED;

/* --- circuits --- */
NTSTATUS AcxCircuitCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes,
                          PACXCIRCUIT_INIT *Config, ACXCIRCUIT *Circuit) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitAddEvents(ACXCIRCUIT Circuit, ACXEVENT *Events,
                             ULONG EventsCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitAddElements(ACXCIRCUIT Circuit, ACXELEMENT *Elements,
                               ULONG ElementsCount) DRVHOST_NOT_PROVIDED;
ACXELEMENT AcxCircuitGetElementById(ACXCIRCUIT Circuit, ULONG ElementId) DRVHOST_NOT_PROVIDED;
ULONG AcxCircuitGetElementsCount(ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitAddConnections(ACXCIRCUIT Circuit, PACX_CONNECTION Connections,
                                  ULONG ConnectionsCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitAddPhysicalConnections(ACXCIRCUIT Circuit, PACX_PHYSICAL_CONNECTION Connections,
                                          ULONG ConnectionsCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitAddPins(ACXCIRCUIT Circuit, ACXPIN *Pins, ULONG PinsCount) DRVHOST_NOT_PROVIDED;
ACXPIN AcxCircuitGetPinById(ACXCIRCUIT Circuit, ULONG PinId) DRVHOST_NOT_PROVIDED;
ULONG AcxCircuitGetPinsCount(ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
WDFDEVICE AcxCircuitGetWdfDevice(ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
PCUNICODE_STRING AcxCircuitGetSymbolicLinkName(ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
GUID AcxCircuitGetNotificationId(ACXCIRCUIT Circuit) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitDispatchAcxRequest(ACXCIRCUIT Circuit, WDFREQUEST Request) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitStopIoActual(ACXCIRCUIT Circuit, ULONG Flags, PVOID ObjectTag, LONG Line,
                                PCCH File) DRVHOST_NOT_PROVIDED;
VOID AcxCircuitResumeIoActual(ACXCIRCUIT Circuit, PVOID ObjectTag, LONG Line,
                              PCCH File) DRVHOST_NOT_PROVIDED;
#define AcxCircuitStopIo(Circuit, Flags)                                                           \
    AcxCircuitStopIoActual(Circuit, Flags, NULL, __LINE__, __FILE__)
#define AcxCircuitStopIoWithTag(Circuit, Flags, Tag)                                               \
    AcxCircuitStopIoActual(Circuit, Flags, Tag, __LINE__, __FILE__)
#define AcxCircuitResumeIo(Circuit) AcxCircuitResumeIoActual(Circuit, NULL, __LINE__, __FILE__)
#define AcxCircuitResumeIoWithTag(Circuit, Tag)                                                    \
    AcxCircuitResumeIoActual(Circuit, Tag, __LINE__, __FILE__)

/* --- circuit factories --- */
PACXFACTORYCIRCUIT_INIT AcxFactoryCircuitInitAllocate(WDFDEVICE Device) DRVHOST_NOT_PROVIDED;
VOID AcxFactoryCircuitInitFree(PACXFACTORYCIRCUIT_INIT FactoryInit) DRVHOST_NOT_PROVIDED;
VOID AcxFactoryCircuitInitSetComponentId(PACXFACTORYCIRCUIT_INIT FactoryInit,
                                         const GUID *ComponentId) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitInitAssignComponentUri(
    PACXFACTORYCIRCUIT_INIT FactoryInit, PCUNICODE_STRING ComponentUri) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitInitAssignName(PACXFACTORYCIRCUIT_INIT FactoryInit,
                                         PCUNICODE_STRING FactoryName) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitInitAssignCategories(PACXFACTORYCIRCUIT_INIT FactoryInit,
                                               const GUID *Categories,
                                               ULONG CategoriesCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitInitAssignProperties(PACXFACTORYCIRCUIT_INIT FactoryInit,
                                               PACX_PROPERTY_ITEM Properties,
                                               ULONG PropertiesCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitInitAssignMethods(PACXFACTORYCIRCUIT_INIT FactoryInit,
                                            PACX_METHOD_ITEM Methods,
                                            ULONG MethodsCount) DRVHOST_NOT_PROVIDED;
VOID AcxFactoryCircuitInitSetOperationCallbacks(
    PACXFACTORYCIRCUIT_INIT FactoryInit,
    PACX_FACTORY_CIRCUIT_OPERATION_CALLBACKS EvtOperationCallbacks) DRVHOST_NOT_PROVIDED;
VOID AcxFactoryCircuitInitSetAcxCircuitPnpPowerCallbacks(
    PACXFACTORYCIRCUIT_INIT FactoryInit,
    PACX_FACTORY_CIRCUIT_PNPPOWER_CALLBACKS EvtPnpPowerCallbacks) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitInitAssignAcxRequestPreprocessCallback(
    PACXFACTORYCIRCUIT_INIT FactoryInit,
    PFN_ACX_OBJECT_PREPROCESS_REQUEST EvtObjectAcxRequestPreprocess, ACXCONTEXT DriverContext,
    ACX_REQUEST_TYPE RequestType, const GUID *Set, ULONG Id) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes,
                                 PACXFACTORYCIRCUIT_INIT *Config,
                                 ACXFACTORYCIRCUIT *Factory) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxFactoryCircuitAddElements(ACXFACTORYCIRCUIT Factory, ACXELEMENT *Elements,
                                      ULONG ElementsCount) DRVHOST_NOT_PROVIDED;
PCUNICODE_STRING AcxFactoryCircuitGetSymbolicLinkName(ACXFACTORYCIRCUIT Factory)
    DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXCIRCUIT_H_ */
