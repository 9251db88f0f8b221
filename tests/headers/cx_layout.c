/* cx_layout.c - the class-extension client headers (include/wdf/cx) as a KMDF client driver
 * uses them: the x64 layouts of the documented structures, the documented enum values, and
 * callbacks defined with the documented signatures, which must have the callback types' types
 * (this module failing to build is the test failing). The routines themselves are not provided
 * (tests/headers/check_cx_not_provided.sh). */
#include <ntddk.h>
#include <wdf.h>
#include <gpioclx.h>
#include <UcmCx.h>
#include <SPBCx.h>

/* gpioclx.h: GPIO_CONNECT_IO_PINS_MODE and CLIENT_CONTROLLER_QUERY_SET_REQUEST_TYPE. */
C_ASSERT(ConnectModeInvalid == 0 && ConnectModeInput == 1 && ConnectModeOutput == 2);
C_ASSERT(ConnectModeMaximum == ConnectModeOutput);
C_ASSERT(QueryBankPowerInformation == 0 && QueryBankInterruptBindingInformation == 1);
C_ASSERT(QueryControllerFunctionBankMappingInformation == 2 && QuerySetRequestMaximumType == 3);

/* The registration packet: two USHORTs, two ULONGs, a ULONG64, then 22 callback pointers (two
 * of them unions of the pin and mask forms). */
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, Size) == 2);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, Flags) == 4);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, ControllerContextSize) == 8);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, Reserved) == 16);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_PrepareController) == 24);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_DisconnectIoPins) == 128);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_ReadGpioPins) == 136);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_ReadGpioPinsUsingMask) == 136);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_WriteGpioPins) == 144);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_WriteGpioPinsUsingMask) == 144);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_SaveBankHardwareContext) == 152);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_QueryEnabledInterrupts) == 192);
C_ASSERT(sizeof(GPIO_CLIENT_REGISTRATION_PACKET) == 200);

C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_BASIC_INFORMATION, TotalPins) == 4);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_BASIC_INFORMATION, DeviceIdleTimeout) == 8);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_BASIC_INFORMATION, Flags) == 12);
C_ASSERT(sizeof(CLIENT_CONTROLLER_BASIC_INFORMATION) == 16);
C_ASSERT(sizeof(CONTROLLER_ATTRIBUTE_FLAGS) == sizeof(ULONG));
C_ASSERT(FIELD_OFFSET(CLIENT_QUERY_BANK_POWER_INFORMATION_OUTPUT, F1IdleStateParameters) == 8);
C_ASSERT(sizeof(CLIENT_QUERY_BANK_POWER_INFORMATION_OUTPUT) == 32);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_QUERY_SET_INFORMATION_OUTPUT, BankPowerInformation) == 8);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_QUERY_SET_INFORMATION_OUTPUT,
                      BankInterruptBinding.ResourceMapping) == 8);
C_ASSERT(sizeof(CLIENT_CONTROLLER_QUERY_SET_INFORMATION_OUTPUT) == 40);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION_PARAMETERS, BytesWritten) == 32);
C_ASSERT(sizeof(GPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION_PARAMETERS) == 40);

/* Callbacks with the documented signatures. */
GPIO_CLIENT_PREPARE_CONTROLLER SamplePrepareController;
GPIO_CLIENT_START_CONTROLLER SampleStartController;
GPIO_CLIENT_QUERY_CONTROLLER_BASIC_INFORMATION SampleQueryBasicInformation;
GPIO_CLIENT_READ_PINS_MASK SampleReadPinsUsingMask;

NTSTATUS SamplePrepareController(WDFDEVICE Device, PVOID Context, WDFCMRESLIST ResourcesRaw,
                                 WDFCMRESLIST ResourcesTranslated)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(ResourcesRaw);
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    return STATUS_SUCCESS;
}

NTSTATUS SampleStartController(PVOID Context, BOOLEAN RestoreContext,
                               WDF_POWER_DEVICE_STATE PreviousPowerState)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(RestoreContext);
    UNREFERENCED_PARAMETER(PreviousPowerState);
    return STATUS_SUCCESS;
}

NTSTATUS SampleQueryBasicInformation(PVOID Context,
                                     PCLIENT_CONTROLLER_BASIC_INFORMATION ControllerInformation)
{
    UNREFERENCED_PARAMETER(Context);
    ControllerInformation->Size = sizeof(*ControllerInformation);
    ControllerInformation->Flags.FormatIoRequestsAsMasks = 1;
    return STATUS_SUCCESS;
}

NTSTATUS SampleReadPinsUsingMask(PVOID Context, PGPIO_READ_PINS_MASK_PARAMETERS ReadParameters)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(ReadParameters);
    return STATUS_SUCCESS;
}

C_ASSERT(__builtin_types_compatible_p(PGPIO_CLIENT_STOP_CONTROLLER,
                                      NTSTATUS (*)(PVOID, BOOLEAN, WDF_POWER_DEVICE_STATE)));
C_ASSERT(__builtin_types_compatible_p(PGPIO_CLIENT_RELEASE_CONTROLLER,
                                      NTSTATUS (*)(WDFDEVICE, PVOID)));
C_ASSERT(__builtin_types_compatible_p(PGPIO_CLIENT_PRE_PROCESS_CONTROLLER_INTERRUPT,
                                      NTSTATUS (*)(PVOID)));
C_ASSERT(__builtin_types_compatible_p(PGPIO_CLIENT_UNMASK_INTERRUPT,
                                      NTSTATUS (*)(PVOID, PGPIO_ENABLE_INTERRUPT_PARAMETERS)));
C_ASSERT(__builtin_types_compatible_p(PGPIO_CLIENT_WRITE_PINS,
                                      NTSTATUS (*)(PVOID, PGPIO_WRITE_PINS_PARAMETERS)));

/* UcmCx.h: the documented enum values and x64 layouts. */
C_ASSERT(UcmChargingStateTrickleCharging == 4 && UcmPdConnStateNegotiationSucceeded == 3);
C_ASSERT(UcmPdPdoTypeVariableSupplyNonBattery == 2 && UcmPowerRoleSource == 2);
C_ASSERT(UcmTypeCCurrent3000mA == 4 && UcmTypeCOperatingModeDrp == 4);
C_ASSERT(UcmTypeCPartnerDfp == 2 && UcmTypeCPartnerDebugAccessory == 6);
C_ASSERT(sizeof(UCM_PD_POWER_DATA_OBJECT) == 4 && sizeof(UCM_PD_REQUEST_DATA_OBJECT) == 4);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_CONFIG, ConnectorId) == 8);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_CONFIG, PDConfig) == 24 && sizeof(UCM_CONNECTOR_CONFIG) == 32);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_TYPEC_CONFIG, SupportedOperatingModes) == 8);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_TYPEC_CONFIG, AudioAccessoryCapable) == 16);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_TYPEC_CONFIG, EvtSetDataRole) == 24);
C_ASSERT(sizeof(UCM_CONNECTOR_TYPEC_CONFIG) == 32);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_PD_CONFIG, SupportedPowerRoles) == 8);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_PD_CONFIG, EvtSetPowerRole) == 16);
C_ASSERT(sizeof(UCM_CONNECTOR_PD_CONFIG) == 24);
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS, Rdo) == 8);
C_ASSERT(sizeof(UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS) == 16);
C_ASSERT(sizeof(UCM_CONNECTOR_TYPEC_ATTACH_PARAMS) == 16 && sizeof(UCM_MANAGER_CONFIG) == 4);
C_ASSERT(__builtin_types_compatible_p(PFN_UCM_CONNECTOR_SET_DATA_ROLE,
                                      NTSTATUS (*)(UCMCONNECTOR, UCM_TYPEC_PARTNER)));
C_ASSERT(__builtin_types_compatible_p(PFN_UCM_CONNECTOR_SET_POWER_ROLE,
                                      NTSTATUS (*)(UCMCONNECTOR, UCM_POWER_ROLE)));

/* SPBCx.h: the documented enum values and x64 layouts; the callback types. */
C_ASSERT(SpbRequestTypeOther == 8 && SpbRequestTypeMax == 9);
C_ASSERT(SpbRequestSequencePositionLast == 4 && SpbRequestSequencePositionMax == 5);
C_ASSERT(FIELD_OFFSET(SPB_CONTROLLER_CONFIG, PowerManaged) == 8);
C_ASSERT(FIELD_OFFSET(SPB_CONTROLLER_CONFIG, EvtSpbTargetConnect) == 16);
C_ASSERT(FIELD_OFFSET(SPB_CONTROLLER_CONFIG, EvtSpbIoSequence) == 64);
C_ASSERT(sizeof(SPB_CONTROLLER_CONFIG) == 72);
C_ASSERT(FIELD_OFFSET(SPB_CONNECTION_PARAMETERS, ConnectionTag) == 8);
C_ASSERT(sizeof(SPB_CONNECTION_PARAMETERS) == 24);
C_ASSERT(FIELD_OFFSET(SPB_TRANSFER_DESCRIPTOR, Direction) == 4);
C_ASSERT(FIELD_OFFSET(SPB_TRANSFER_DESCRIPTOR, TransferLength) == 8);
C_ASSERT(sizeof(SPB_TRANSFER_DESCRIPTOR) == 24);
C_ASSERT(FIELD_OFFSET(SPB_REQUEST_PARAMETERS, Type) == 4);
C_ASSERT(FIELD_OFFSET(SPB_REQUEST_PARAMETERS, Position) == 8);
C_ASSERT(FIELD_OFFSET(SPB_REQUEST_PARAMETERS, PreviousTransferDirection) == 12);
C_ASSERT(FIELD_OFFSET(SPB_REQUEST_PARAMETERS, Length) == 16);
C_ASSERT(FIELD_OFFSET(SPB_REQUEST_PARAMETERS, SequenceTransferCount) == 24);
C_ASSERT(sizeof(SPB_REQUEST_PARAMETERS) == 32);
C_ASSERT(__builtin_types_compatible_p(PFN_SPB_TARGET_CONNECT, NTSTATUS (*)(WDFDEVICE, SPBTARGET)));
C_ASSERT(__builtin_types_compatible_p(PFN_SPB_CONTROLLER_READ,
                                      VOID (*)(WDFDEVICE, SPBTARGET, SPBREQUEST, size_t)));
C_ASSERT(__builtin_types_compatible_p(PFN_SPB_CONTROLLER_SEQUENCE,
                                      VOID (*)(WDFDEVICE, SPBTARGET, SPBREQUEST, ULONG)));
C_ASSERT(__builtin_types_compatible_p(PFN_SPB_CONTROLLER_OTHER,
                                      VOID (*)(WDFDEVICE, SPBTARGET, SPBREQUEST, size_t, size_t,
                                               ULONG)));

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    GPIO_CLIENT_REGISTRATION_PACKET packet = {0};
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    packet.Size = sizeof(packet);
    packet.CLIENT_PrepareController = SamplePrepareController;
    packet.CLIENT_StartController = SampleStartController;
    packet.CLIENT_QueryControllerBasicInformation = SampleQueryBasicInformation;
    packet.CLIENT_ReadGpioPinsUsingMask = SampleReadPinsUsingMask;
    return packet.CLIENT_ReadGpioPins != NULL ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
