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
#include <TrustedRuntimeClx.h>
#include <TrEEVariableService.h>
#include <ufxclient.h>
#include <usbfnioctl.h>

/* gpioclx.h: GPIO_CONNECT_IO_PINS_MODE and CLIENT_CONTROLLER_QUERY_SET_REQUEST_TYPE. */
C_ASSERT(ConnectModeInvalid == 0 && ConnectModeInput == 1 && ConnectModeOutput == 2);
C_ASSERT(ConnectModeMaximum == ConnectModeOutput);
C_ASSERT(QueryBankPowerInformation == 0 && QueryBankInterruptBindingInformation == 1);
C_ASSERT(QueryControllerFunctionBankMappingInformation == 2 && QuerySetRequestMaximumType == 3);

/* The registration packet: two USHORTs, two ULONGs, a ULONG64, then 24 callback pointers (two
 * of them unions of the pin and mask forms), the last two GpioClx version 3's. */
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
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_ConnectFunctionConfigPins) == 200);
C_ASSERT(FIELD_OFFSET(GPIO_CLIENT_REGISTRATION_PACKET, CLIENT_DisconnectFunctionConfigPins) == 208);
C_ASSERT(sizeof(GPIO_CLIENT_REGISTRATION_PACKET) == 216);
C_ASSERT(GPIO_CLIENT_VERSION == 3 && GPIO_CONTROLLER_BASIC_INFORMATION_VERSION == 1);
C_ASSERT(GPIO_BANK_POWER_INFORMATION_OUTPUT_VERSION == 1);

/* Bank and pin numbers are USHORTs; the invalid values are all ones. */
C_ASSERT(sizeof(BANK_ID) == 2 && sizeof(PIN_NUMBER) == 2);
C_ASSERT(INVALID_PIN_NUMBER == 0xFFFF && INVALID_BANK_ID == 0xFFFF);
C_ASSERT(GPIO_PIN_PULL_CONFIGURATION_PULLUP == 1 && GPIO_PIN_PULL_CONFIGURATION_NONE == 3);

/* The parameter blocks' x64 layouts. */
C_ASSERT(FIELD_OFFSET(GPIO_ENABLE_INTERRUPT_PARAMETERS, PinNumber) == 2);
C_ASSERT(FIELD_OFFSET(GPIO_ENABLE_INTERRUPT_PARAMETERS, Flags) == 4);
C_ASSERT(FIELD_OFFSET(GPIO_ENABLE_INTERRUPT_PARAMETERS, InterruptMode) == 8);
C_ASSERT(FIELD_OFFSET(GPIO_ENABLE_INTERRUPT_PARAMETERS, Polarity) == 12);
C_ASSERT(FIELD_OFFSET(GPIO_ENABLE_INTERRUPT_PARAMETERS, PullConfiguration) == 16);
C_ASSERT(FIELD_OFFSET(GPIO_ENABLE_INTERRUPT_PARAMETERS, DebounceTimeout) == 18);
C_ASSERT(FIELD_OFFSET(GPIO_ENABLE_INTERRUPT_PARAMETERS, VendorData) == 24);
C_ASSERT(sizeof(GPIO_ENABLE_INTERRUPT_PARAMETERS) == 40);
C_ASSERT(sizeof(GPIO_DISABLE_INTERRUPT_PARAMETERS) == 8);
C_ASSERT(FIELD_OFFSET(GPIO_MASK_INTERRUPT_PARAMETERS, PinMask) == 8);
C_ASSERT(sizeof(GPIO_MASK_INTERRUPT_PARAMETERS) == 24);
C_ASSERT(FIELD_OFFSET(GPIO_QUERY_ACTIVE_INTERRUPTS_PARAMETERS, ActiveMask) == 16);
C_ASSERT(FIELD_OFFSET(GPIO_CLEAR_ACTIVE_INTERRUPTS_PARAMETERS, FailedClearMask) == 16);
C_ASSERT(sizeof(GPIO_QUERY_ENABLED_INTERRUPTS_PARAMETERS) == 16);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, PinNumberTable) == 8);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, PinCount) == 16);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, ConnectMode) == 20);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, PullConfiguration) == 24);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, DebounceTimeout) == 26);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, DriveStrength) == 28);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, VendorData) == 32);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_IO_PINS_PARAMETERS, ConnectFlags) == 44);
C_ASSERT(sizeof(GPIO_CONNECT_IO_PINS_PARAMETERS) == 48);
C_ASSERT(FIELD_OFFSET(GPIO_DISCONNECT_IO_PINS_PARAMETERS, DisconnectFlags) == 24);
C_ASSERT(sizeof(GPIO_DISCONNECT_IO_PINS_PARAMETERS) == 32);
C_ASSERT(FIELD_OFFSET(GPIO_READ_PINS_PARAMETERS, Buffer) == 24);
C_ASSERT(sizeof(GPIO_READ_PINS_PARAMETERS) == 48);
C_ASSERT(FIELD_OFFSET(GPIO_READ_PINS_MASK_PARAMETERS, PinValues) == 8);
C_ASSERT(FIELD_OFFSET(GPIO_READ_PINS_MASK_PARAMETERS, Reserved) == 24);
C_ASSERT(FIELD_OFFSET(GPIO_WRITE_PINS_MASK_PARAMETERS, ClearMask) == 16);
C_ASSERT(sizeof(GPIO_WRITE_PINS_MASK_PARAMETERS) == 40);
C_ASSERT(FIELD_OFFSET(GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS, State) == 4);
C_ASSERT(sizeof(GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS) == 12);
C_ASSERT(FIELD_OFFSET(GPIO_RECONFIGURE_INTERRUPTS_PARAMETERS, Flags) == 12);
C_ASSERT(FIELD_OFFSET(GPIO_CONNECT_FUNCTION_CONFIG_PINS_PARAMETERS, FunctionNumber) == 20);
C_ASSERT(sizeof(GPIO_CONNECT_FUNCTION_CONFIG_PINS_PARAMETERS) == 48);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_QUERY_SET_INFORMATION_INPUT, BankPowerInformation.BankId) ==
         16);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_QUERY_SET_INFORMATION_INPUT,
                      BankInterruptBinding.TotalBanks) == 32);
C_ASSERT(sizeof(CLIENT_CONTROLLER_QUERY_SET_INFORMATION_INPUT) == 48);

C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_BASIC_INFORMATION, TotalPins) == 4);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_BASIC_INFORMATION, DeviceIdleTimeout) == 8);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_BASIC_INFORMATION, Flags) == 12);
C_ASSERT(sizeof(CLIENT_CONTROLLER_BASIC_INFORMATION) == 16);
C_ASSERT(FIELD_OFFSET(CLIENT_CONTROLLER_BASIC_INFORMATION, NumberOfPinsPerBank) == 6);
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
                                      NTSTATUS (*)(PVOID, BANK_ID, ULONG64)));
C_ASSERT(__builtin_types_compatible_p(
    PGPIO_CLIENT_SAVE_BANK_HARDWARE_CONTEXT,
    VOID (*)(PVOID, PGPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS)));
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
C_ASSERT(FIELD_OFFSET(UCM_CONNECTOR_CONFIG, PdConfig) == 24 && sizeof(UCM_CONNECTOR_CONFIG) == 32);
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
                                      NTSTATUS (*)(UCMCONNECTOR, UCM_DATA_ROLE)));
/* UCM_DATA_ROLE: the UcmCxUcsi sample's names, USBC_DATA_ROLE's values (UcmCx.h's deviation). */
C_ASSERT(UcmDataRoleInvalid == 0 && UcmDataRoleDfp == 1 && UcmDataRoleUfp == 2);
C_ASSERT(__builtin_types_compatible_p(__typeof__(&UcmConnectorDataDirectionChanged),
                                      NTSTATUS (*)(UCMCONNECTOR, BOOLEAN, UCM_DATA_ROLE)));
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

/* TrustedRuntimeClx.h and TrustedRT.h: the documented x64 layouts, the function-table indices,
 * the callback tables' flag values; TrEEVariableService.h's request layouts. */
C_ASSERT(TrSecureDeviceHandoffMasterDeviceControlTableIndex == 0);
C_ASSERT(TrSecureDeviceCompleteAsyncRequestTableIndex == 5 && TrFunctionTableNumEntries == 6);
C_ASSERT(TRSecureOSDependency == 0 && TRSecureResourceDependency == 1);
C_ASSERT(sizeof(TR_SECURE_DEPENDENCY_V1) == 24 && FIELD_OFFSET(TR_SECURE_DEPENDENCY_V1, Id) == 8);
C_ASSERT(FIELD_OFFSET(TR_SECURE_SERVICE, ServiceGuid) == 4);
C_ASSERT(FIELD_OFFSET(TR_SECURE_SERVICE, ExtensionOffset) == 28);
C_ASSERT(FIELD_OFFSET(TR_SECURE_SERVICE, Dependencies) == 36);
C_ASSERT(sizeof(TR_SECURE_SERVICE_EXTENSION) == 8 && TR_SECURE_SERVICE_EXTENSION_VERSION == 1);
C_ASSERT(FIELD_OFFSET(TR_SECURE_DEVICE_CALLBACKS, EvtTrCreateSecureDeviceContext) == 8);
C_ASSERT(FIELD_OFFSET(TR_SECURE_DEVICE_CALLBACKS, EvtTrQueryServiceCallbacks) == 72);
C_ASSERT(sizeof(TR_SECURE_DEVICE_CALLBACKS) == 80);
C_ASSERT(FIELD_OFFSET(TR_SECURE_SERVICE_CALLBACKS, EvtTrProcessSecureServiceRequest) == 56);
C_ASSERT(sizeof(TR_SECURE_SERVICE_CALLBACKS) == 80);
C_ASSERT(TR_DEVICE_SERIALIZE_ALL_REQUESTS == 3 && TR_DEVICE_STACK_RESERVE_8K == 0xC);
C_ASSERT(TR_SERVICE_REQUEST_FROM_USERMODE == 1);
C_ASSERT(FIELD_OFFSET(TR_SERVICE_REQUEST, InputBuffer) == 16);
C_ASSERT(FIELD_OFFSET(TR_SERVICE_REQUEST, OutputBufferSize) == 40);
C_ASSERT(sizeof(TR_SERVICE_REQUEST) == 48);
C_ASSERT(FIELD_OFFSET(TR_SERVICE_REQUEST_RESPONSE, BytesWritten) == 8);
C_ASSERT(sizeof(TR_SERVICE_INFORMATION) == 12);
C_ASSERT(__builtin_types_compatible_p(PFN_TR_PROCESS_SECURE_SERVICE_REQUEST,
                                      NTSTATUS (*)(WDFDEVICE, WDFOBJECT, PVOID, KPRIORITY,
                                                   PTR_SERVICE_REQUEST, ULONG, PULONG_PTR,
                                                   PVOID *)));
C_ASSERT(__builtin_types_compatible_p(PFN_TR_QUERY_SERVICE_CALLBACKS,
                                      PTR_SECURE_SERVICE_CALLBACKS (*)(WDFDEVICE, LPGUID)));
C_ASSERT(EFI_VARIABLE_FUNCTION_QUERY_VARIABLE_INFO == 3 && EFI_VARIABLE_APPEND_WRITE == 0x40);
C_ASSERT(FIELD_OFFSET(EFI_GET_VARIABLE_OUT, DataSize) == 16);
C_ASSERT(FIELD_OFFSET(EFI_GET_VARIABLE_OUT, Data) == 24);
C_ASSERT(FIELD_OFFSET(EFI_GET_NEXT_VARIABLE_NAME_OUT, NameLength) == 24);
C_ASSERT(FIELD_OFFSET(EFI_SET_VARIABLE_IN, DataSize) == 24);
C_ASSERT(FIELD_OFFSET(EFI_SET_VARIABLE_IN, DataOffset) == 32);
C_ASSERT(FIELD_OFFSET(EFI_SET_VARIABLE_IN, Buffer) == 36);
C_ASSERT(sizeof(EFI_QUERY_VARIABLE_INFO_OUT) == 32);

/* ufxclient.h, ufxbase.h, usbfnbase.h, usbfnioctl.h: x64 layouts, enum values, the IOCTL codes
 * (FILE_DEVICE_BUS_EXTENDER 0x2a, read | write access). */
C_ASSERT(FIELD_OFFSET(UFX_DEVICE_CAPABILITIES, MaxSpeed) == 4);
C_ASSERT(FIELD_OFFSET(UFX_DEVICE_CAPABILITIES, PdcpSupported) == 12);
C_ASSERT(FIELD_OFFSET(UFX_DEVICE_CAPABILITIES, InEndpointBitmap) == 14);
C_ASSERT(sizeof(UFX_DEVICE_CAPABILITIES) == 20);
C_ASSERT(FIELD_OFFSET(UFX_HARDWARE_FAILURE_CONTEXT, Data) == 8);
C_ASSERT(FIELD_OFFSET(UFX_DEVICE_CALLBACKS, EvtDeviceHostConnect) == 8);
C_ASSERT(FIELD_OFFSET(UFX_DEVICE_CALLBACKS, EvtDeviceControllerReset) == 80);
C_ASSERT(FIELD_OFFSET(UFX_DEVICE_CALLBACKS, EvtDeviceProprietaryChargerReset) == 128);
C_ASSERT(sizeof(UFX_DEVICE_CALLBACKS) == 136);
C_ASSERT(UsbSuperSpeed == 3 && UsbfnActionDetectProprietaryCharger == 2);
C_ASSERT(UsbfnProprietaryDedicatedChargingPort == 5 && UsbfnDeviceStateSuspended == 6);
C_ASSERT(UsbfnEventSetInterface == 11 && UsbfnDirectionRx == UsbfnDirectionOut);
C_ASSERT(MAX_NUM_USBFN_PIPES == 16 && MAX_INTERFACE_GUID_LENGTH == 39);
C_ASSERT(sizeof(USBFNPIPEID) == 4 && sizeof(USBFN_PIPE_INFORMATION) == 12);
C_ASSERT(sizeof(USBFN_CLASS_INTERFACE) == 196);
C_ASSERT(FIELD_OFFSET(USBFN_CLASS_INFORMATION_PACKET, InterfaceName) == 392);
C_ASSERT(FIELD_OFFSET(USBFN_CLASS_INFORMATION_PACKET, SuperSpeedClassInterface) == 552);
C_ASSERT(FIELD_OFFSET(USBFN_NOTIFICATION, u) == 4 && sizeof(USBFN_NOTIFICATION) == 12);
C_ASSERT(sizeof(USBFN_POWER_FILTER_STATE) == 8);
C_ASSERT(IOCTL_INTERNAL_USBFN_TRANSFER_IN == 0x2ac00d);
C_ASSERT(IOCTL_INTERNAL_USBFN_TRANSFER_OUT == 0x2ac016);
C_ASSERT(IOCTL_INTERNAL_USBFN_CONTROL_STATUS_HANDSHAKE_IN == 0x2ac018);
C_ASSERT(IOCTL_INTERNAL_USBFN_SET_PIPE_STATE == 0x2ac029);
C_ASSERT(IOCTL_INTERNAL_USBFN_SIGNAL_REMOTE_WAKEUP == 0x2ac10c);
C_ASSERT(IOCTL_INTERNAL_USBFN_DESCRIPTOR_UPDATE == 0x2ac401);
C_ASSERT(sizeof(UFX_PROPRIETARY_CHARGER) == 20);
C_ASSERT(__builtin_types_compatible_p(PFN_UFX_DEVICE_ENDPOINT_ADD,
                                      NTSTATUS (*)(UFXDEVICE, const PUSB_ENDPOINT_DESCRIPTOR,
                                                   PUFXENDPOINT_INIT)));
C_ASSERT(__builtin_types_compatible_p(PFN_UFX_DEVICE_USB_STATE_CHANGE,
                                      VOID (*)(UFXDEVICE, USBFN_DEVICE_STATE)));

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
