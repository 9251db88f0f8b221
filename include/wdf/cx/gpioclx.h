/*
 * gpioclx.h - the GPIO framework extension (GpioClx) client interface: what a GPIO controller
 * driver (a KMDF driver) registers with GpioClx and the callbacks GpioClx calls (Microsoft's
 * names, types, layouts and enum values, as the gpioclx reference documents them).
 *
 * In the WDK the GPIO_CLX_* routines reach GpioClx through its function table (bound by
 * WdfVersionBindClass); drvhost has no class-extension binding: its GpioClx, part of the
 * framework (src/wdf/gpioclx.c, docs/gpio.md), exports them by name.
 *
 * Where the values come from: the reference pages give the names, the member lists and the
 * callback signatures; the integer types BANK_ID and PIN_NUMBER (both USHORT), the flag unions'
 * layouts, the bit position of CONTROLLER_ATTRIBUTE_FLAGS.IndependentIoHwSupported and the
 * version numbers (GPIO_CLIENT_VERSION 3: the packet through the version-3 function-config-pin
 * callbacks) are Microsoft's published constants, checked against the public WDK header, as
 * docs/compatibility.md says for the other headers whose values the reference omits.
 */
#ifndef _GPIOCLX_H_
#define _GPIOCLX_H_

#include <wdf.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A bank's number (0 to the bank count - 1) and a pin's number within its bank. */
typedef USHORT BANK_ID, *PBANK_ID;
typedef USHORT PIN_NUMBER, *PPIN_NUMBER;

#define GPIO_CLIENT_VERSION                                    0x3
#define GPIO_CONTROLLER_BASIC_INFORMATION_VERSION              0x1
#define GPIO_BANK_POWER_INFORMATION_OUTPUT_VERSION             0x1
#define GPIO_BANK_INTERRUPT_BINDING_INFORMATION_OUTPUT_VERSION 0x1
#define GPIO_IOCTL_BANK_MAPPING_INFORMATION_OUTPUT_VERSION     0x1
#define GPIO_CLIENT_REGISTRATION_FLAGS_NONE                    0x0
#define INVALID_PIN_NUMBER                                     ((PIN_NUMBER)-1)
#define MAXIMUM_PIN_NUMBER                                     ((PIN_NUMBER)-1)
#define INVALID_BANK_ID                                        ((BANK_ID)-1)

/* The pull configurations of the ACPI GPIO descriptor (PullConfiguration members). */
#define GPIO_PIN_PULL_CONFIGURATION_DEFAULT  0x0
#define GPIO_PIN_PULL_CONFIGURATION_PULLUP   0x1
#define GPIO_PIN_PULL_CONFIGURATION_PULLDOWN 0x2
#define GPIO_PIN_PULL_CONFIGURATION_NONE     0x3

typedef enum _GPIO_CONNECT_IO_PINS_MODE {
    ConnectModeInvalid,
    ConnectModeInput,
    ConnectModeOutput,
    ConnectModeMaximum = ConnectModeOutput
} GPIO_CONNECT_IO_PINS_MODE, *PGPIO_CONNECT_IO_PINS_MODE;

typedef enum _CLIENT_CONTROLLER_QUERY_SET_REQUEST_TYPE {
    QueryBankPowerInformation,
    QueryBankInterruptBindingInformation,
    QueryControllerFunctionBankMappingInformation,
    QuerySetRequestMaximumType
} CLIENT_CONTROLLER_QUERY_SET_REQUEST_TYPE, *PCLIENT_CONTROLLER_QUERY_SET_REQUEST_TYPE;

/* The controller's attributes, reported by CLIENT_QueryControllerBasicInformation: bit 0 is
 * MemoryMappedController (GpioClx's ISR then runs at DIRQL, else at PASSIVE_LEVEL). */
typedef union _CONTROLLER_ATTRIBUTE_FLAGS {
    struct {
        ULONG MemoryMappedController : 1;
        ULONG ActiveInterruptsAutoClearOnRead : 1;
        ULONG FormatIoRequestsAsMasks : 1; /* the *UsingMask read/write callbacks are used */
        ULONG DeviceIdlePowerMgmtSupported : 1;
        ULONG BankIdlePowerMgmtSupported : 1;
        ULONG EmulateDebouncing : 1;
        ULONG EmulateActiveBoth : 1;
        ULONG IndependentIoHwSupported : 1;
        ULONG Reserved : 24;
    };
    ULONG AsULONG;
} CONTROLLER_ATTRIBUTE_FLAGS, *PCONTROLLER_ATTRIBUTE_FLAGS;

typedef struct _CLIENT_CONTROLLER_BASIC_INFORMATION {
    USHORT Version;
    USHORT Size;
    USHORT TotalPins;
    UCHAR NumberOfPinsPerBank; /* at most 64; the last bank may have fewer */
    ULONG DeviceIdleTimeout;   /* milliseconds; 0 for the default */
    CONTROLLER_ATTRIBUTE_FLAGS Flags;
} CLIENT_CONTROLLER_BASIC_INFORMATION, *PCLIENT_CONTROLLER_BASIC_INFORMATION;

/* What CLIENT_QuerySetControllerInformation is asked; the union member follows RequestType. */
typedef struct _CLIENT_CONTROLLER_QUERY_SET_INFORMATION_INPUT {
    CLIENT_CONTROLLER_QUERY_SET_REQUEST_TYPE RequestType;
    USHORT Size;
    ULONG Flags;
    union {
        struct {
            BANK_ID BankId;
        } BankPowerInformation;
        struct {
            WDFCMRESLIST ResourcesTranslated;
            WDFCMRESLIST ResourcesRaw;
            USHORT TotalBanks;
        } BankInterruptBinding;
        struct {
            PVOID InputBuffer;
            SIZE_T InputBufferSize;
            SIZE_T OutputBufferSize;
            USHORT TotalBanks;
        } ControllerFunctionBankMapping;
    };
} CLIENT_CONTROLLER_QUERY_SET_INFORMATION_INPUT, *PCLIENT_CONTROLLER_QUERY_SET_INFORMATION_INPUT;

typedef struct _CLIENT_QUERY_BANK_POWER_INFORMATION_OUTPUT {
    struct {
        USHORT F1StateSupported : 1;
        USHORT Reserved : 15;
    };
    PO_FX_COMPONENT_IDLE_STATE F1IdleStateParameters;
} CLIENT_QUERY_BANK_POWER_INFORMATION_OUTPUT, *PCLIENT_QUERY_BANK_POWER_INFORMATION_OUTPUT;

/* The output of CLIENT_QuerySetControllerInformation; the arrays run past the structure, as
 * many entries as the request's bank count. */
typedef struct _CLIENT_CONTROLLER_QUERY_SET_INFORMATION_OUTPUT {
    USHORT Version;
    USHORT Size;
    union {
        CLIENT_QUERY_BANK_POWER_INFORMATION_OUTPUT BankPowerInformation;
        struct {
            ULONG ResourceMapping[ANYSIZE_ARRAY];
        } BankInterruptBinding;
        struct {
            BOOLEAN Mapping[ANYSIZE_ARRAY];
        } ControllerFunctionBankMapping;
    };
} CLIENT_CONTROLLER_QUERY_SET_INFORMATION_OUTPUT, *PCLIENT_CONTROLLER_QUERY_SET_INFORMATION_OUTPUT;

typedef struct _GPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION_PARAMETERS {
    PVOID InputBuffer;
    SIZE_T InputBufferLength;
    PVOID OutputBuffer;
    SIZE_T OutputBufferLength;
    ULONG BytesWritten;
} GPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION_PARAMETERS,
    *PGPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION_PARAMETERS;

/* The request flags: each a ULONG; those without named bits have only AsULONG. */
typedef union _GPIO_ENABLE_INTERRUPT_FLAGS {
    ULONG AsULONG;
} GPIO_ENABLE_INTERRUPT_FLAGS, *PGPIO_ENABLE_INTERRUPT_FLAGS;
typedef union _GPIO_DISABLE_INTERRUPT_FLAGS {
    struct {
        ULONG RetryDisableOnFailure : 1;
        ULONG Reserved : 31;
    };
    ULONG AsULONG;
} GPIO_DISABLE_INTERRUPT_FLAGS, *PGPIO_DISABLE_INTERRUPT_FLAGS;
typedef union _GPIO_RECONFIGURE_INTERRUPT_FLAGS {
    ULONG AsULONG;
} GPIO_RECONFIGURE_INTERRUPT_FLAGS, *PGPIO_RECONFIGURE_INTERRUPT_FLAGS;
typedef union _GPIO_CONNECT_IO_PINS_FLAGS {
    ULONG AsULONG;
} GPIO_CONNECT_IO_PINS_FLAGS, *PGPIO_CONNECT_IO_PINS_FLAGS;
typedef union _GPIO_DISCONNECT_IO_PINS_FLAGS {
    struct {
        ULONG PreserveConfiguration : 1;
        ULONG Reserved : 31;
    };
    ULONG AsULONG;
} GPIO_DISCONNECT_IO_PINS_FLAGS, *PGPIO_DISCONNECT_IO_PINS_FLAGS;
typedef union _GPIO_CONNECT_FUNCTION_CONFIG_PINS_FLAGS {
    ULONG AsULONG;
} GPIO_CONNECT_FUNCTION_CONFIG_PINS_FLAGS, *PGPIO_CONNECT_FUNCTION_CONFIG_PINS_FLAGS;
typedef union _GPIO_DISCONNECT_FUNCTION_CONFIG_PINS_FLAGS {
    ULONG AsULONG;
} GPIO_DISCONNECT_FUNCTION_CONFIG_PINS_FLAGS, *PGPIO_DISCONNECT_FUNCTION_CONFIG_PINS_FLAGS;
typedef union _GPIO_READ_PINS_FLAGS {
    struct {
        ULONG WriteConfiguredPins : 1;
        ULONG Reserved0 : 31;
    };
    ULONG AsULONG;
} GPIO_READ_PINS_FLAGS, *PGPIO_READ_PINS_FLAGS;
typedef union _GPIO_WRITE_PINS_FLAGS {
    ULONG AsULONG;
} GPIO_WRITE_PINS_FLAGS, *PGPIO_WRITE_PINS_FLAGS;
typedef union _GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_FLAGS {
    struct {
        ULONG CriticalTransition : 1;
        ULONG Reserved0 : 31;
    };
    ULONG AsULONG;
} GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_FLAGS, *PGPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_FLAGS;

/* The callbacks' parameter blocks (GpioClx owns them; valid for the call only). PinNumber and
 * PinNumberTable are relative to the bank. */
typedef struct _GPIO_ENABLE_INTERRUPT_PARAMETERS {
    BANK_ID BankId;
    PIN_NUMBER PinNumber;
    GPIO_ENABLE_INTERRUPT_FLAGS Flags;
    KINTERRUPT_MODE InterruptMode;
    KINTERRUPT_POLARITY Polarity;
    UCHAR PullConfiguration;
    USHORT DebounceTimeout; /* hundredths of a millisecond */
    PVOID VendorData;
    ULONG VendorDataLength;
} GPIO_ENABLE_INTERRUPT_PARAMETERS, *PGPIO_ENABLE_INTERRUPT_PARAMETERS;

typedef struct _GPIO_DISABLE_INTERRUPT_PARAMETERS {
    BANK_ID BankId;
    PIN_NUMBER PinNumber;
    GPIO_DISABLE_INTERRUPT_FLAGS Flags;
} GPIO_DISABLE_INTERRUPT_PARAMETERS, *PGPIO_DISABLE_INTERRUPT_PARAMETERS;

typedef struct _GPIO_QUERY_ENABLED_INTERRUPTS_PARAMETERS {
    BANK_ID BankId;
    ULONG64 EnabledMask;
} GPIO_QUERY_ENABLED_INTERRUPTS_PARAMETERS, *PGPIO_QUERY_ENABLED_INTERRUPTS_PARAMETERS;

typedef struct _GPIO_MASK_INTERRUPT_PARAMETERS {
    BANK_ID BankId;
    ULONG64 PinMask;
    ULONG64 FailedMask;
} GPIO_MASK_INTERRUPT_PARAMETERS, *PGPIO_MASK_INTERRUPT_PARAMETERS;

typedef struct _GPIO_QUERY_ACTIVE_INTERRUPTS_PARAMETERS {
    BANK_ID BankId;
    ULONG64 EnabledMask;
    ULONG64 ActiveMask;
} GPIO_QUERY_ACTIVE_INTERRUPTS_PARAMETERS, *PGPIO_QUERY_ACTIVE_INTERRUPTS_PARAMETERS;

typedef struct _GPIO_CLEAR_ACTIVE_INTERRUPTS_PARAMETERS {
    BANK_ID BankId;
    ULONG64 ClearActiveMask;
    ULONG64 FailedClearMask;
} GPIO_CLEAR_ACTIVE_INTERRUPTS_PARAMETERS, *PGPIO_CLEAR_ACTIVE_INTERRUPTS_PARAMETERS;

typedef struct _GPIO_RECONFIGURE_INTERRUPTS_PARAMETERS {
    BANK_ID BankId;
    PIN_NUMBER PinNumber;
    KINTERRUPT_MODE InterruptMode;
    KINTERRUPT_POLARITY Polarity;
    GPIO_RECONFIGURE_INTERRUPT_FLAGS Flags;
} GPIO_RECONFIGURE_INTERRUPTS_PARAMETERS, *PGPIO_RECONFIGURE_INTERRUPTS_PARAMETERS;

typedef struct _GPIO_CONNECT_FUNCTION_CONFIG_PINS_PARAMETERS {
    BANK_ID BankId;
    PPIN_NUMBER PinNumberTable;
    USHORT PinCount;
    ULONG FunctionNumber;
    UCHAR PullConfiguration;
    PVOID VendorData;
    ULONG VendorDataLength;
    GPIO_CONNECT_FUNCTION_CONFIG_PINS_FLAGS ConnectFlags;
} GPIO_CONNECT_FUNCTION_CONFIG_PINS_PARAMETERS, *PGPIO_CONNECT_FUNCTION_CONFIG_PINS_PARAMETERS;

typedef struct _GPIO_DISCONNECT_FUNCTION_CONFIG_PINS_PARAMETERS {
    BANK_ID BankId;
    PPIN_NUMBER PinNumberTable;
    ULONG PinCount;
    GPIO_DISCONNECT_FUNCTION_CONFIG_PINS_FLAGS DisconnectFlags;
} GPIO_DISCONNECT_FUNCTION_CONFIG_PINS_PARAMETERS,
    *PGPIO_DISCONNECT_FUNCTION_CONFIG_PINS_PARAMETERS;

typedef struct _GPIO_CONNECT_IO_PINS_PARAMETERS {
    BANK_ID BankId;
    PPIN_NUMBER PinNumberTable;
    USHORT PinCount;
    GPIO_CONNECT_IO_PINS_MODE ConnectMode;
    UCHAR PullConfiguration;
    USHORT DebounceTimeout;
    USHORT DriveStrength;
    PVOID VendorData;
    ULONG VendorDataLength;
    GPIO_CONNECT_IO_PINS_FLAGS ConnectFlags;
} GPIO_CONNECT_IO_PINS_PARAMETERS, *PGPIO_CONNECT_IO_PINS_PARAMETERS;

typedef struct _GPIO_DISCONNECT_IO_PINS_PARAMETERS {
    BANK_ID BankId;
    PPIN_NUMBER PinNumberTable;
    ULONG PinCount;
    GPIO_CONNECT_IO_PINS_MODE DisconnectMode;
    GPIO_DISCONNECT_IO_PINS_FLAGS DisconnectFlags;
} GPIO_DISCONNECT_IO_PINS_PARAMETERS, *PGPIO_DISCONNECT_IO_PINS_PARAMETERS;

typedef struct _GPIO_READ_PINS_PARAMETERS {
    BANK_ID BankId;
    PPIN_NUMBER PinNumberTable;
    ULONG PinCount;
    PVOID Buffer;
    GPIO_READ_PINS_FLAGS Flags;
    PVOID Reserved;
} GPIO_READ_PINS_PARAMETERS, *PGPIO_READ_PINS_PARAMETERS;

typedef struct _GPIO_READ_PINS_MASK_PARAMETERS {
    BANK_ID BankId;
    PULONG64 PinValues; /* bit n receives pin n */
    GPIO_READ_PINS_FLAGS Flags;
    PVOID Reserved;
} GPIO_READ_PINS_MASK_PARAMETERS, *PGPIO_READ_PINS_MASK_PARAMETERS;

typedef struct _GPIO_WRITE_PINS_PARAMETERS {
    BANK_ID BankId;
    PPIN_NUMBER PinNumberTable;
    ULONG PinCount;
    PVOID Buffer;
    GPIO_WRITE_PINS_FLAGS Flags;
    PVOID Reserved;
} GPIO_WRITE_PINS_PARAMETERS, *PGPIO_WRITE_PINS_PARAMETERS;

typedef struct _GPIO_WRITE_PINS_MASK_PARAMETERS {
    BANK_ID BankId;
    ULONG64 SetMask;
    ULONG64 ClearMask;
    GPIO_WRITE_PINS_FLAGS Flags;
    PVOID Reserved;
} GPIO_WRITE_PINS_MASK_PARAMETERS, *PGPIO_WRITE_PINS_MASK_PARAMETERS;

typedef struct _GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS {
    BANK_ID BankId;
    ULONG State; /* the target (save) or previous (restore) F-state */
    GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_FLAGS Flags;
} GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS,
    *PGPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS;

/* The controller driver's callbacks. Context is the device context GpioClx allocated
 * (ControllerContextSize bytes). Each returns NTSTATUS but the two bank-context ones, whose
 * pages have no Return value section (VOID). */
typedef NTSTATUS GPIO_CLIENT_PREPARE_CONTROLLER(WDFDEVICE Device, PVOID Context,
                                                WDFCMRESLIST ResourcesRaw,
                                                WDFCMRESLIST ResourcesTranslated);
typedef GPIO_CLIENT_PREPARE_CONTROLLER *PGPIO_CLIENT_PREPARE_CONTROLLER;
typedef NTSTATUS GPIO_CLIENT_RELEASE_CONTROLLER(WDFDEVICE Device, PVOID Context);
typedef GPIO_CLIENT_RELEASE_CONTROLLER *PGPIO_CLIENT_RELEASE_CONTROLLER;
typedef NTSTATUS GPIO_CLIENT_START_CONTROLLER(PVOID Context, BOOLEAN RestoreContext,
                                              WDF_POWER_DEVICE_STATE PreviousPowerState);
typedef GPIO_CLIENT_START_CONTROLLER *PGPIO_CLIENT_START_CONTROLLER;
typedef NTSTATUS GPIO_CLIENT_STOP_CONTROLLER(PVOID Context, BOOLEAN SaveContext,
                                             WDF_POWER_DEVICE_STATE TargetState);
typedef GPIO_CLIENT_STOP_CONTROLLER *PGPIO_CLIENT_STOP_CONTROLLER;
typedef NTSTATUS GPIO_CLIENT_QUERY_CONTROLLER_BASIC_INFORMATION(
    PVOID Context, PCLIENT_CONTROLLER_BASIC_INFORMATION ControllerInformation);
typedef GPIO_CLIENT_QUERY_CONTROLLER_BASIC_INFORMATION
    *PGPIO_CLIENT_QUERY_CONTROLLER_BASIC_INFORMATION;
typedef NTSTATUS GPIO_CLIENT_QUERY_SET_CONTROLLER_INFORMATION(
    PVOID Context, PCLIENT_CONTROLLER_QUERY_SET_INFORMATION_INPUT InputBuffer,
    PCLIENT_CONTROLLER_QUERY_SET_INFORMATION_OUTPUT OutputBuffer);
typedef GPIO_CLIENT_QUERY_SET_CONTROLLER_INFORMATION *PGPIO_CLIENT_QUERY_SET_CONTROLLER_INFORMATION;
typedef NTSTATUS GPIO_CLIENT_ENABLE_INTERRUPT(PVOID Context,
                                              PGPIO_ENABLE_INTERRUPT_PARAMETERS EnableParameters);
typedef GPIO_CLIENT_ENABLE_INTERRUPT *PGPIO_CLIENT_ENABLE_INTERRUPT;
typedef NTSTATUS GPIO_CLIENT_DISABLE_INTERRUPT(
    PVOID Context, PGPIO_DISABLE_INTERRUPT_PARAMETERS DisableParameters);
typedef GPIO_CLIENT_DISABLE_INTERRUPT *PGPIO_CLIENT_DISABLE_INTERRUPT;
typedef NTSTATUS GPIO_CLIENT_UNMASK_INTERRUPT(PVOID Context,
                                              PGPIO_ENABLE_INTERRUPT_PARAMETERS UnmaskParameters);
typedef GPIO_CLIENT_UNMASK_INTERRUPT *PGPIO_CLIENT_UNMASK_INTERRUPT;
typedef NTSTATUS GPIO_CLIENT_MASK_INTERRUPTS(PVOID Context,
                                             PGPIO_MASK_INTERRUPT_PARAMETERS MaskParameters);
typedef GPIO_CLIENT_MASK_INTERRUPTS *PGPIO_CLIENT_MASK_INTERRUPTS;
typedef NTSTATUS GPIO_CLIENT_QUERY_ACTIVE_INTERRUPTS(
    PVOID Context, PGPIO_QUERY_ACTIVE_INTERRUPTS_PARAMETERS QueryActiveParameters);
typedef GPIO_CLIENT_QUERY_ACTIVE_INTERRUPTS *PGPIO_CLIENT_QUERY_ACTIVE_INTERRUPTS;
typedef NTSTATUS GPIO_CLIENT_QUERY_ENABLED_INTERRUPTS(
    PVOID Context, PGPIO_QUERY_ENABLED_INTERRUPTS_PARAMETERS QueryEnabledParameters);
typedef GPIO_CLIENT_QUERY_ENABLED_INTERRUPTS *PGPIO_CLIENT_QUERY_ENABLED_INTERRUPTS;
typedef NTSTATUS GPIO_CLIENT_CLEAR_ACTIVE_INTERRUPTS(
    PVOID Context, PGPIO_CLEAR_ACTIVE_INTERRUPTS_PARAMETERS ClearParameters);
typedef GPIO_CLIENT_CLEAR_ACTIVE_INTERRUPTS *PGPIO_CLIENT_CLEAR_ACTIVE_INTERRUPTS;
typedef NTSTATUS GPIO_CLIENT_CONNECT_IO_PINS(PVOID Context,
                                             PGPIO_CONNECT_IO_PINS_PARAMETERS ConnectParameters);
typedef GPIO_CLIENT_CONNECT_IO_PINS *PGPIO_CLIENT_CONNECT_IO_PINS;
typedef NTSTATUS GPIO_CLIENT_DISCONNECT_IO_PINS(
    PVOID Context, PGPIO_DISCONNECT_IO_PINS_PARAMETERS DisconnectParameters);
typedef GPIO_CLIENT_DISCONNECT_IO_PINS *PGPIO_CLIENT_DISCONNECT_IO_PINS;
typedef NTSTATUS GPIO_CLIENT_READ_PINS(PVOID Context, PGPIO_READ_PINS_PARAMETERS ReadParameters);
typedef GPIO_CLIENT_READ_PINS *PGPIO_CLIENT_READ_PINS;
typedef NTSTATUS GPIO_CLIENT_READ_PINS_MASK(PVOID Context,
                                            PGPIO_READ_PINS_MASK_PARAMETERS ReadParameters);
typedef GPIO_CLIENT_READ_PINS_MASK *PGPIO_CLIENT_READ_PINS_MASK;
typedef NTSTATUS GPIO_CLIENT_WRITE_PINS(PVOID Context, PGPIO_WRITE_PINS_PARAMETERS WriteParameters);
typedef GPIO_CLIENT_WRITE_PINS *PGPIO_CLIENT_WRITE_PINS;
typedef NTSTATUS GPIO_CLIENT_WRITE_PINS_MASK(PVOID Context,
                                             PGPIO_WRITE_PINS_MASK_PARAMETERS WriteParameters);
typedef GPIO_CLIENT_WRITE_PINS_MASK *PGPIO_CLIENT_WRITE_PINS_MASK;
typedef VOID GPIO_CLIENT_SAVE_BANK_HARDWARE_CONTEXT(
    PVOID Context, PGPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS Parameters);
typedef GPIO_CLIENT_SAVE_BANK_HARDWARE_CONTEXT *PGPIO_CLIENT_SAVE_BANK_HARDWARE_CONTEXT;
typedef VOID GPIO_CLIENT_RESTORE_BANK_HARDWARE_CONTEXT(
    PVOID Context, PGPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_PARAMETERS Parameters);
typedef GPIO_CLIENT_RESTORE_BANK_HARDWARE_CONTEXT *PGPIO_CLIENT_RESTORE_BANK_HARDWARE_CONTEXT;
typedef NTSTATUS GPIO_CLIENT_PRE_PROCESS_CONTROLLER_INTERRUPT(PVOID Context, BANK_ID BankId,
                                                              ULONG64 EnabledMask);
typedef GPIO_CLIENT_PRE_PROCESS_CONTROLLER_INTERRUPT *PGPIO_CLIENT_PRE_PROCESS_CONTROLLER_INTERRUPT;
typedef NTSTATUS GPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION(
    PVOID Context, PGPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION_PARAMETERS Parameters);
typedef GPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION *PGPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION;
typedef NTSTATUS GPIO_CLIENT_RECONFIGURE_INTERRUPT(
    PVOID Context, PGPIO_RECONFIGURE_INTERRUPTS_PARAMETERS ReconfigureParameters);
typedef GPIO_CLIENT_RECONFIGURE_INTERRUPT *PGPIO_CLIENT_RECONFIGURE_INTERRUPT;

typedef NTSTATUS GPIO_CLIENT_CONNECT_FUNCTION_CONFIG_PINS(
    PVOID Context, PGPIO_CONNECT_FUNCTION_CONFIG_PINS_PARAMETERS ConnectParameters);
typedef GPIO_CLIENT_CONNECT_FUNCTION_CONFIG_PINS *PGPIO_CLIENT_CONNECT_FUNCTION_CONFIG_PINS;
typedef NTSTATUS GPIO_CLIENT_DISCONNECT_FUNCTION_CONFIG_PINS(
    PVOID Context, PGPIO_DISCONNECT_FUNCTION_CONFIG_PINS_PARAMETERS DisconnectParameters);
typedef GPIO_CLIENT_DISCONNECT_FUNCTION_CONFIG_PINS *PGPIO_CLIENT_DISCONNECT_FUNCTION_CONFIG_PINS;

/* What the controller driver passes to GPIO_CLX_RegisterClient (Size = sizeof the structure,
 * Flags and Reserved zero). Each union holds the pin or the mask form of a callback, as the
 * controller's FormatIoRequestsAsMasks attribute says. */
typedef struct _GPIO_CLIENT_REGISTRATION_PACKET {
    USHORT Version;
    USHORT Size;
    ULONG Flags;
    ULONG ControllerContextSize;
    ULONG64 Reserved;
    PGPIO_CLIENT_PREPARE_CONTROLLER CLIENT_PrepareController;
    PGPIO_CLIENT_RELEASE_CONTROLLER CLIENT_ReleaseController;
    PGPIO_CLIENT_START_CONTROLLER CLIENT_StartController;
    PGPIO_CLIENT_STOP_CONTROLLER CLIENT_StopController;
    PGPIO_CLIENT_QUERY_CONTROLLER_BASIC_INFORMATION CLIENT_QueryControllerBasicInformation;
    PGPIO_CLIENT_QUERY_SET_CONTROLLER_INFORMATION CLIENT_QuerySetControllerInformation;
    PGPIO_CLIENT_ENABLE_INTERRUPT CLIENT_EnableInterrupt;
    PGPIO_CLIENT_DISABLE_INTERRUPT CLIENT_DisableInterrupt;
    PGPIO_CLIENT_UNMASK_INTERRUPT CLIENT_UnmaskInterrupt;
    PGPIO_CLIENT_MASK_INTERRUPTS CLIENT_MaskInterrupts;
    PGPIO_CLIENT_QUERY_ACTIVE_INTERRUPTS CLIENT_QueryActiveInterrupts;
    PGPIO_CLIENT_CLEAR_ACTIVE_INTERRUPTS CLIENT_ClearActiveInterrupts;
    PGPIO_CLIENT_CONNECT_IO_PINS CLIENT_ConnectIoPins;
    PGPIO_CLIENT_DISCONNECT_IO_PINS CLIENT_DisconnectIoPins;
    union {
        PGPIO_CLIENT_READ_PINS CLIENT_ReadGpioPins;
        PGPIO_CLIENT_READ_PINS_MASK CLIENT_ReadGpioPinsUsingMask;
    };
    union {
        PGPIO_CLIENT_WRITE_PINS CLIENT_WriteGpioPins;
        PGPIO_CLIENT_WRITE_PINS_MASK CLIENT_WriteGpioPinsUsingMask;
    };
    PGPIO_CLIENT_SAVE_BANK_HARDWARE_CONTEXT CLIENT_SaveBankHardwareContext;
    PGPIO_CLIENT_RESTORE_BANK_HARDWARE_CONTEXT CLIENT_RestoreBankHardwareContext;
    PGPIO_CLIENT_PRE_PROCESS_CONTROLLER_INTERRUPT CLIENT_PreProcessControllerInterrupt;
    PGPIO_CLIENT_CONTROLLER_SPECIFIC_FUNCTION CLIENT_ControllerSpecificFunction;
    PGPIO_CLIENT_RECONFIGURE_INTERRUPT CLIENT_ReconfigureInterrupt;
    PGPIO_CLIENT_QUERY_ENABLED_INTERRUPTS CLIENT_QueryEnabledInterrupts;
    PGPIO_CLIENT_CONNECT_FUNCTION_CONFIG_PINS CLIENT_ConnectFunctionConfigPins;
    PGPIO_CLIENT_DISCONNECT_FUNCTION_CONFIG_PINS CLIENT_DisconnectFunctionConfigPins;
} GPIO_CLIENT_REGISTRATION_PACKET, *PGPIO_CLIENT_REGISTRATION_PACKET;

/* GpioClx's routines: drvhost's GpioClx (src/wdf/gpioclx.c, docs/gpio.md) exports them by
 * name, where the WDK reaches them through Msgpioclxstub.lib's class-extension binding. */
NTKERNELAPI NTSTATUS GPIO_CLX_RegisterClient(WDFDRIVER Driver,
                                             PGPIO_CLIENT_REGISTRATION_PACKET RegistrationPacket,
                                             PUNICODE_STRING RegistryPath);
NTKERNELAPI NTSTATUS GPIO_CLX_UnregisterClient(WDFDRIVER Driver);
NTKERNELAPI NTSTATUS GPIO_CLX_ProcessAddDevicePreDeviceCreate(WDFDRIVER Driver,
                                                              PWDFDEVICE_INIT DeviceInit,
                                                              PWDF_OBJECT_ATTRIBUTES FdoAttributes);
NTKERNELAPI NTSTATUS GPIO_CLX_ProcessAddDevicePostDeviceCreate(WDFDRIVER Driver, WDFDEVICE Device);
/* A bank's interrupt lock: drvhost connects no GPIO interrupt, so it is a spin lock (the
 * caller runs at DISPATCH_LEVEL while holding it; docs/gpio.md). */
NTKERNELAPI VOID GPIO_CLX_AcquireInterruptLock(PVOID Context, BANK_ID BankId);
NTKERNELAPI VOID GPIO_CLX_ReleaseInterruptLock(PVOID Context, BANK_ID BankId);

#ifdef __cplusplus
}
#endif

#endif /* _GPIOCLX_H_ */
