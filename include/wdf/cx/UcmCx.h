/*
 * UcmCx.h - the USB connector manager class extension (UcmCx) client interface: the types of
 * ucmtypes.h (Type-C and Power Delivery enums, the power and request data objects) and the
 * manager's connector configuration, callbacks and routines of ucmmanager.h (Microsoft's names,
 * types, layouts, enum values and *_INIT helpers, as the ucmtypes and ucmmanager references
 * document them).
 *
 * drvhost's UcmCx is part of its framework (src/wdf/ucmcx.c, docs/usb.md "UcmCx"): in the WDK the
 * Ucm* routines reach UcmCx through its function table (bound by WdfVersionBindClass); here
 * libdrvhost.so exports them under their names (UCMCXAPI), so the driver source is the same.
 *
 * Left out because the reference does not give them (never guessed): UCM_CONNECTOR_ID_FROM_ACPI_PLD
 * (the UcmCxUcsi sample defines its own), UCM_VERSION_MAJOR/UCM_VERSION_MINOR.
 *
 * Deviation from the reference pages: UCM_DATA_ROLE has no page, and the pages of
 * EVT_UCM_CONNECTOR_SET_DATA_ROLE and UcmConnectorDataDirectionChanged type the role as
 * UCM_TYPEC_PARTNER (their remarks and example use a third type, UCM_TYPE_C_PORT_STATE).
 * Microsoft's UcmCxUcsi sample, which builds with the WDK as C++, passes a UCM_DATA_ROLE to both
 * and assigns a function taking one to EvtSetDataRole: C++ converts no enum to another, so both
 * take UCM_DATA_ROLE here. Its names (UcmDataRoleDfp, UcmDataRoleUfp) are the sample's; the
 * values (Invalid 0, Dfp 1, Ufp 2) are those of USBC_DATA_ROLE (usbctypes.h, documented), the
 * same roles' enum for UcmUcsiCx: an inference (see docs/compatibility.md). drvhost's UcmCx only
 * records the value and passes the host's to the driver, so no other component depends on it.
 */
#ifndef _UCMCX_H_
#define _UCMCX_H_

#include <wdf.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ucmtypes.h */

typedef enum _UCM_CHARGING_STATE {
    UcmChargingStateInvalid = 0x0,
    UcmChargingStateNotCharging,
    UcmChargingStateNominalCharging,
    UcmChargingStateSlowCharging,
    UcmChargingStateTrickleCharging
} UCM_CHARGING_STATE;

typedef enum _UCM_PD_CONN_STATE {
    UcmPdConnStateInvalid = 0x0,
    UcmPdConnStateNotSupported,
    UcmPdConnStateNegotiationFailed,
    UcmPdConnStateNegotiationSucceeded
} UCM_PD_CONN_STATE;

typedef enum _UCM_PD_POWER_DATA_OBJECT_TYPE {
    UcmPdPdoTypeFixedSupply = 0,
    UcmPdPdoTypeBatterySupply = 1,
    UcmPdPdoTypeVariableSupplyNonBattery = 2
} UCM_PD_POWER_DATA_OBJECT_TYPE;

/* Bit flags: a connector's SupportedPowerRoles is an OR of them. */
typedef enum _UCM_POWER_ROLE {
    UcmPowerRoleInvalid = 0x0,
    UcmPowerRoleSink = 0x1,
    UcmPowerRoleSource = 0x2
} UCM_POWER_ROLE;

typedef enum _UCM_TYPE_C_CURRENT {
    UcmTypeCCurrentInvalid = 0x0,
    UcmTypeCCurrentDefaultUsb = 0x1,
    UcmTypeCCurrent1500mA = 0x2,
    UcmTypeCCurrent3000mA = 0x4
} UCM_TYPEC_CURRENT;

typedef enum _UCM_TYPEC_OPERATING_MODE {
    UcmTypeCOperatingModeInvalid = 0x0,
    UcmTypeCOperatingModeDfp = 0x1,
    UcmTypeCOperatingModeUfp = 0x2,
    UcmTypeCOperatingModeDrp = 0x4
} UCM_TYPEC_OPERATING_MODE;

typedef enum _UCM_TYPEC_PARTNER {
    UcmTypeCPartnerInvalid = 0,
    UcmTypeCPartnerUfp,
    UcmTypeCPartnerDfp,
    UcmTypeCPartnerPoweredCableNoUfp,
    UcmTypeCPartnerPoweredCableWithUfp,
    UcmTypeCPartnerAudioAccessory,
    UcmTypeCPartnerDebugAccessory
} UCM_TYPEC_PARTNER;

/* A connector's data role (the deviation above: names from the sample, values inferred). */
typedef enum _UCM_DATA_ROLE {
    UcmDataRoleInvalid = 0,
    UcmDataRoleDfp = 1,
    UcmDataRoleUfp = 2
} UCM_DATA_ROLE;

/* A Power Delivery power data object: 32 bits, little-endian, as the hardware reports it (so an
 * array of them can be copied from the device). The top two bits are the type. */
typedef union _UCM_PD_POWER_DATA_OBJECT {
    ULONG Ul;
    struct {
        unsigned Reserved : 30;
        unsigned Type : 2;
    } Common;
    struct {
        unsigned MaximumCurrentIn10mA : 10;
        unsigned VoltageIn50mV : 10;
        unsigned PeakCurrent : 2;
        unsigned Reserved : 3;
        unsigned DataRoleSwap : 1;
        unsigned UsbCommunicationCapable : 1;
        unsigned ExternallyPowered : 1;
        unsigned UsbSuspendSupported : 1;
        unsigned DualRolePower : 1;
        unsigned FixedSupply : 2;
    } FixedSupplyPdo;
    struct {
        unsigned MaximumCurrentIn10mA : 10;
        unsigned MinimumVoltageIn50mV : 10;
        unsigned MaximumVoltageIn50mV : 10;
        unsigned VariableSupportNonBattery : 2;
    } VariableSupplyNonBatteryPdo;
    struct {
        unsigned MaximumAllowablePowerIn250mW : 10;
        unsigned MinimumVoltageIn50mV : 10;
        unsigned MaximumVoltageIn50mV : 10;
        unsigned Battery : 2;
    } BatterySupplyPdo;
} UCM_PD_POWER_DATA_OBJECT, *PUCM_PD_POWER_DATA_OBJECT;

/* A Power Delivery request data object (32 bits, little-endian); ObjectPosition names the power
 * data object requested, whose type says which view applies. */
typedef union _UCM_PD_REQUEST_DATA_OBJECT {
    ULONG Ul;
    struct {
        unsigned Reserved1 : 28;
        unsigned ObjectPosition : 3;
        unsigned Reserved2 : 1;
    } Common;
    struct {
        unsigned MaximumOperatingCurrentIn10mA : 10;
        unsigned OperatingCurrentIn10mA : 10;
        unsigned Reserved1 : 4;
        unsigned NoUsbSuspend : 1;
        unsigned UsbCommunicationCapable : 1;
        unsigned CapabilityMismatch : 1;
        unsigned GiveBackFlag : 1;
        unsigned ObjectPosition : 3;
        unsigned Reserved2 : 1;
    } FixedAndVariableRdo;
    struct {
        unsigned MaximumOperatingPowerIn250mW : 10;
        unsigned OperatingPowerIn250mW : 10;
        unsigned Reserved1 : 4;
        unsigned NoUsbSuspend : 1;
        unsigned UsbCommunicationCapable : 1;
        unsigned CapabilityMismatch : 1;
        unsigned GiveBackFlag : 1;
        unsigned ObjectPosition : 3;
        unsigned Reserved2 : 1;
    } BatteryRdo;
} UCM_PD_REQUEST_DATA_OBJECT, *PUCM_PD_REQUEST_DATA_OBJECT;

/* Each initializer clears the object, then sets what its page names. */
FORCEINLINE VOID UCM_PD_POWER_DATA_OBJECT_INIT_FIXED(PUCM_PD_POWER_DATA_OBJECT Pdo)
{
    RtlZeroMemory(Pdo, sizeof(*Pdo));
    Pdo->FixedSupplyPdo.FixedSupply = UcmPdPdoTypeFixedSupply;
}

FORCEINLINE VOID UCM_PD_POWER_DATA_OBJECT_INIT_BATTERY(PUCM_PD_POWER_DATA_OBJECT Pdo)
{
    RtlZeroMemory(Pdo, sizeof(*Pdo));
    Pdo->BatterySupplyPdo.Battery = UcmPdPdoTypeBatterySupply;
}

FORCEINLINE VOID UCM_PD_POWER_DATA_OBJECT_INIT_VARIABLE_NON_BATTERY(PUCM_PD_POWER_DATA_OBJECT Pdo)
{
    RtlZeroMemory(Pdo, sizeof(*Pdo));
    Pdo->VariableSupplyNonBatteryPdo.VariableSupportNonBattery =
        UcmPdPdoTypeVariableSupplyNonBattery;
}

/* The value is the object as the wire carries it (little-endian): on x64 the ULONG as is. */
FORCEINLINE VOID UCM_PD_POWER_DATA_OBJECT_INIT_ULONG(PUCM_PD_POWER_DATA_OBJECT Pdo,
                                                     ULONG UlongInLittleEndian)
{
    Pdo->Ul = UlongInLittleEndian;
}

FORCEINLINE VOID UCM_PD_REQUEST_DATA_OBJECT_INIT_ULONG(PUCM_PD_REQUEST_DATA_OBJECT Rdo,
                                                       ULONG UlongInLittleEndian)
{
    Rdo->Ul = UlongInLittleEndian;
}

/* Common.Type. The page's syntax gives no return type; the type's own enumeration is used. */
FORCEINLINE UCM_PD_POWER_DATA_OBJECT_TYPE
UCM_PD_POWER_DATA_OBJECT_GET_TYPE(PUCM_PD_POWER_DATA_OBJECT Pdo)
{
    return (UCM_PD_POWER_DATA_OBJECT_TYPE)Pdo->Common.Type;
}

/* ucmmanager.h */

/* The connector object UcmConnectorCreate makes (a framework object: its attributes give it a
 * context). */
DECLARE_HANDLE(UCMCONNECTOR);

typedef NTSTATUS EVT_UCM_CONNECTOR_SET_DATA_ROLE(UCMCONNECTOR Connector, UCM_DATA_ROLE DataRole);
typedef EVT_UCM_CONNECTOR_SET_DATA_ROLE *PFN_UCM_CONNECTOR_SET_DATA_ROLE;
typedef NTSTATUS EVT_UCM_CONNECTOR_SET_POWER_ROLE(UCMCONNECTOR Connector, UCM_POWER_ROLE PowerRole);
typedef EVT_UCM_CONNECTOR_SET_POWER_ROLE *PFN_UCM_CONNECTOR_SET_POWER_ROLE;

typedef struct _UCM_MANAGER_CONFIG {
    ULONG Size;
} UCM_MANAGER_CONFIG, *PUCM_MANAGER_CONFIG;

typedef struct _UCM_CONNECTOR_TYPEC_CONFIG {
    ULONG Size;
    BOOLEAN IsSupported;
    ULONG SupportedOperatingModes;            /* UCM_TYPEC_OPERATING_MODE flags */
    ULONG SupportedPowerSourcingCapabilities; /* UCM_TYPEC_CURRENT flags */
    BOOLEAN AudioAccessoryCapable;
    PFN_UCM_CONNECTOR_SET_DATA_ROLE EvtSetDataRole;
} UCM_CONNECTOR_TYPEC_CONFIG, *PUCM_CONNECTOR_TYPEC_CONFIG;

typedef struct _UCM_CONNECTOR_PD_CONFIG {
    ULONG Size;
    BOOLEAN IsSupported;
    ULONG SupportedPowerRoles; /* UCM_POWER_ROLE flags */
    PFN_UCM_CONNECTOR_SET_POWER_ROLE EvtSetPowerRole;
} UCM_CONNECTOR_PD_CONFIG, *PUCM_CONNECTOR_PD_CONFIG;

typedef struct _UCM_CONNECTOR_CONFIG {
    ULONG Size;
    ULONGLONG ConnectorId;
    PUCM_CONNECTOR_TYPEC_CONFIG TypeCConfig;
    PUCM_CONNECTOR_PD_CONFIG PdConfig; /* the current page's spelling (2018's: PDConfig) */
} UCM_CONNECTOR_CONFIG, *PUCM_CONNECTOR_CONFIG;

typedef struct _UCM_CONNECTOR_TYPEC_ATTACH_PARAMS {
    ULONG Size;
    UCM_TYPEC_PARTNER PortPartnerType;
    UCM_TYPEC_CURRENT CurrentAdvertisement;
    UCM_CHARGING_STATE ChargingState;
} UCM_CONNECTOR_TYPEC_ATTACH_PARAMS, *PUCM_CONNECTOR_TYPEC_ATTACH_PARAMS;

typedef struct _UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS {
    ULONG Size;
    UCM_PD_CONN_STATE PdConnState;
    UCM_PD_REQUEST_DATA_OBJECT Rdo;
    UCM_CHARGING_STATE ChargingState;
} UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS, *PUCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS;

FORCEINLINE VOID UCM_MANAGER_CONFIG_INIT(PUCM_MANAGER_CONFIG Config)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
}

FORCEINLINE VOID UCM_CONNECTOR_CONFIG_INIT(PUCM_CONNECTOR_CONFIG Config, ULONGLONG ConnectorId)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->ConnectorId = ConnectorId;
}

/* Sets what the page names. IsSupported is left FALSE: unlike the PD configuration's (below),
 * the reference gives no default for it, so a client sets it (possible deviation). */
FORCEINLINE VOID UCM_CONNECTOR_TYPEC_CONFIG_INIT(PUCM_CONNECTOR_TYPEC_CONFIG Config,
                                                 ULONG SupportedOperatingModes,
                                                 ULONG SupportedPowerSourcingCapabilities)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->SupportedOperatingModes = SupportedOperatingModes;
    Config->SupportedPowerSourcingCapabilities = SupportedPowerSourcingCapabilities;
}

/* IsSupported is TRUE by default (documented). */
FORCEINLINE VOID UCM_CONNECTOR_PD_CONFIG_INIT(PUCM_CONNECTOR_PD_CONFIG Config,
                                              ULONG SupportedPowerRoles)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->IsSupported = TRUE;
    Config->SupportedPowerRoles = SupportedPowerRoles;
}

FORCEINLINE VOID UCM_CONNECTOR_TYPEC_ATTACH_PARAMS_INIT(PUCM_CONNECTOR_TYPEC_ATTACH_PARAMS Params,
                                                        UCM_TYPEC_PARTNER PortPartnerType)
{
    RtlZeroMemory(Params, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->PortPartnerType = PortPartnerType;
}

FORCEINLINE VOID UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS_INIT(
    PUCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS Params, UCM_PD_CONN_STATE PdConnState)
{
    RtlZeroMemory(Params, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->PdConnState = PdConnState;
}

/* UcmCx's routines (see the top of this file). */
#define UCMCXAPI __attribute__((visibility("default")))
UCMCXAPI NTSTATUS UcmInitializeDevice(WDFDEVICE WdfDevice, PUCM_MANAGER_CONFIG Config);
UCMCXAPI NTSTATUS UcmConnectorCreate(WDFDEVICE WdfDevice, PUCM_CONNECTOR_CONFIG Config,
                                     PWDF_OBJECT_ATTRIBUTES Attributes, UCMCONNECTOR *Connector);
UCMCXAPI NTSTATUS UcmConnectorTypeCAttach(UCMCONNECTOR Connector,
                                          PUCM_CONNECTOR_TYPEC_ATTACH_PARAMS Params);
UCMCXAPI NTSTATUS UcmConnectorTypeCDetach(UCMCONNECTOR Connector);
UCMCXAPI NTSTATUS UcmConnectorTypeCCurrentAdChanged(UCMCONNECTOR Connector,
                                                    UCM_TYPEC_CURRENT CurrentAdvertisement);
UCMCXAPI NTSTATUS UcmConnectorPdSourceCaps(UCMCONNECTOR Connector, UCM_PD_POWER_DATA_OBJECT Pdos[],
                                           UCHAR PdoCount);
UCMCXAPI NTSTATUS UcmConnectorPdPartnerSourceCaps(UCMCONNECTOR Connector,
                                                  UCM_PD_POWER_DATA_OBJECT Pdos[], UCHAR PdoCount);
UCMCXAPI NTSTATUS UcmConnectorPdConnectionStateChanged(
    UCMCONNECTOR Connector, PUCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS Params);
UCMCXAPI NTSTATUS UcmConnectorChargingStateChanged(UCMCONNECTOR Connector,
                                                   UCM_CHARGING_STATE ChargingState);
UCMCXAPI NTSTATUS UcmConnectorDataDirectionChanged(UCMCONNECTOR Connector, BOOLEAN Success,
                                                   UCM_DATA_ROLE CurrentDataRole);
UCMCXAPI NTSTATUS UcmConnectorPowerDirectionChanged(UCMCONNECTOR Connector, BOOLEAN Success,
                                                    UCM_POWER_ROLE CurrentPowerRole);

#ifdef __cplusplus
}
#endif

#endif /* _UCMCX_H_ */
