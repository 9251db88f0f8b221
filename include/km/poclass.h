/*
 * poclass.h - the power policy device classes: battery, thermal zone and cooling, power limit,
 * lid and system buttons, processor objects (Microsoft's names, values and layouts).
 *
 * Definitions only: the IOCTLs are sent by the Windows battery, thermal and button class drivers
 * (or by test applications) to the driver that implements the class; drvhost forwards them to
 * the driver like any IRP_MJ_DEVICE_CONTROL and implements none of those class drivers itself.
 * The GUIDs are outside the include guard, as in the WDK, so that <initguid.h> followed by this
 * header instantiates them.
 */
#include <guiddef.h>

/* Each inclusion declares the GUIDs, or defines them once after <initguid.h>: a second
 * inclusion in the same state (batclass.h includes poclass.h) adds nothing. */
#ifdef INITGUID
#ifndef DRVHOST_POCLASS_GUIDS_DEFINED_
#define DRVHOST_POCLASS_GUIDS_DEFINED_
#define DRVHOST_POCLASS_GUIDS_
#endif
#elif !defined(DRVHOST_POCLASS_GUIDS_DECLARED_)
#define DRVHOST_POCLASS_GUIDS_DECLARED_
#define DRVHOST_POCLASS_GUIDS_
#endif
#ifdef DRVHOST_POCLASS_GUIDS_
#undef DRVHOST_POCLASS_GUIDS_
/* Device classes of the power policy devices (device interface GUIDs). */
DEFINE_GUID(GUID_DEVICE_BATTERY, 0x72631e54, 0x78a4, 0x11d0, 0xbc, 0xf7, 0x00, 0xaa, 0x00, 0xb7,
            0xb3, 0x2a);
DEFINE_GUID(GUID_DEVICE_APPLICATIONLAUNCH_BUTTON, 0x629758ee, 0x986e, 0x4d9e, 0x8e, 0x47, 0xde,
            0x27, 0xf8, 0xab, 0x05, 0x4d);
DEFINE_GUID(GUID_DEVICE_SYS_BUTTON, 0x4afa3d53, 0x74a7, 0x11d0, 0xbe, 0x5e, 0x00, 0xa0, 0xc9, 0x06,
            0x28, 0x57);
DEFINE_GUID(GUID_DEVICE_LID, 0x4afa3d52, 0x74a7, 0x11d0, 0xbe, 0x5e, 0x00, 0xa0, 0xc9, 0x06, 0x28,
            0x57);
DEFINE_GUID(GUID_DEVICE_THERMAL_ZONE, 0x4afa3d51, 0x74a7, 0x11d0, 0xbe, 0x5e, 0x00, 0xa0, 0xc9,
            0x06, 0x28, 0x57);
DEFINE_GUID(GUID_DEVICE_FAN, 0x05ecd13d, 0x81da, 0x4a2a, 0x8a, 0x4c, 0x52, 0x4f, 0x23, 0xdd, 0x4d,
            0xc9);
DEFINE_GUID(GUID_DEVICE_PROCESSOR, 0x97fadb10, 0x4e33, 0x40ae, 0x35, 0x9c, 0x8b, 0xef, 0x02, 0x9d,
            0xbd, 0xd0);
DEFINE_GUID(GUID_DEVICE_MEMORY, 0x3fd0f03d, 0x92e0, 0x45fb, 0xb7, 0x5c, 0x5e, 0xd8, 0xff, 0xb0,
            0x10, 0x21);
DEFINE_GUID(GUID_DEVICE_ACPI_TIME, 0x97f99bf6, 0x4497, 0x4f18, 0xbb, 0x22, 0x4b, 0x9f, 0xb2, 0xfb,
            0xef, 0x9c);
DEFINE_GUID(GUID_DEVICE_MESSAGE_INDICATOR, 0xcd48a365, 0xfa94, 0x4ce2, 0xa2, 0x32, 0xa1, 0xb7, 0x64,
            0xe5, 0xd8, 0xb4);
DEFINE_GUID(GUID_DEVICE_POWER_ADAPTER, 0xf76c6c62, 0x7dea, 0x43cd, 0x86, 0x89, 0xd9, 0xa4, 0xaf,
            0x3d, 0x85, 0x57);
DEFINE_GUID(GUID_CLASS_INPUT, 0x4d1e55b2, 0xf16f, 0x11cf, 0x88, 0xcb, 0x00, 0x11, 0x11, 0x00, 0x00,
            0x30);
DEFINE_GUID(GUID_DEVINTERFACE_THERMAL_COOLING, 0xdbe4373d, 0x3c81, 0x40cb, 0xac, 0xe4, 0xe0, 0xe5,
            0xd0, 0x5f, 0x0c, 0x9f);
DEFINE_GUID(GUID_DEVINTERFACE_THERMAL_MANAGER, 0x927ec093, 0x69a4, 0x4bc0, 0xbd, 0x02, 0x71, 0x16,
            0x64, 0x71, 0x44, 0x63);
DEFINE_GUID(GUID_DEVINTERFACE_POWER_LIMIT, 0x8f366301, 0x091e, 0x4056, 0xb9, 0x2f, 0x95, 0x8b, 0x27,
            0x62, 0x5f, 0xce);
DEFINE_GUID(GUID_DEVINTERFACE_TEMPERATURE_SENSOR, 0x2a6c8538, 0x7895, 0x4d56, 0x85, 0x67, 0x79,
            0x5d, 0x38, 0x44, 0x85, 0x8a);
DEFINE_GUID(GUID_DEVINTERFACE_CUSTOMIZED_IO, 0x2ed8544a, 0x8eef, 0x4033, 0xb2, 0xa0, 0x04, 0xaa,
            0xa5, 0x07, 0xce, 0xcb);
/* Query-interface GUIDs (IRP_MN_QUERY_INTERFACE) of the cooling and power-limit clients. */
DEFINE_GUID(GUID_THERMAL_COOLING_INTERFACE, 0xecbe47a8, 0xc498, 0x4bb9, 0xbd, 0x70, 0xe8, 0x67,
            0xe0, 0x94, 0x0d, 0x22);
DEFINE_GUID(GUID_POWER_LIMIT_INTERFACE, 0x3b96f4f2, 0xce49, 0x44d1, 0x91, 0xf8, 0x65, 0x2b, 0x81,
            0x21, 0xe9, 0x3a);

#endif

#ifndef _POCLASS_
#define _POCLASS_

#include <ntdef.h>
#include <devioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- battery (GUID_DEVICE_BATTERY) -------------------------------------------------------- */

typedef enum {
    BatteryInformation,
    BatteryGranularityInformation,
    BatteryTemperature,
    BatteryEstimatedTime,
    BatteryDeviceName,
    BatteryManufactureDate,
    BatteryManufactureName,
    BatteryUniqueID,
    BatterySerialNumber
} BATTERY_QUERY_INFORMATION_LEVEL;

/* Input of IOCTL_BATTERY_QUERY_INFORMATION. */
typedef struct _BATTERY_QUERY_INFORMATION {
    ULONG BatteryTag;
    BATTERY_QUERY_INFORMATION_LEVEL InformationLevel;
    ULONG AtRate;
} BATTERY_QUERY_INFORMATION, *PBATTERY_QUERY_INFORMATION;

/* Output of BatteryInformation (36 bytes). */
typedef struct _BATTERY_INFORMATION {
    ULONG Capabilities;
    UCHAR Technology; /* 0 primary (not rechargeable), 1 rechargeable */
    UCHAR Reserved[3];
    UCHAR Chemistry[4];
    ULONG DesignedCapacity;
    ULONG FullChargedCapacity;
    ULONG DefaultAlert1;
    ULONG DefaultAlert2;
    ULONG CriticalBias;
    ULONG CycleCount;
} BATTERY_INFORMATION, *PBATTERY_INFORMATION;

#define BATTERY_UNKNOWN_CAPACITY 0xFFFFFFFF
#define UNKNOWN_CAPACITY         BATTERY_UNKNOWN_CAPACITY

/* BATTERY_INFORMATION.Capabilities */
#define BATTERY_SYSTEM_BATTERY               0x80000000
#define BATTERY_CAPACITY_RELATIVE            0x40000000
#define BATTERY_IS_SHORT_TERM                0x20000000
#define BATTERY_SEALED                       0x10000000
#define BATTERY_SET_CHARGE_SUPPORTED         0x00000001
#define BATTERY_SET_DISCHARGE_SUPPORTED      0x00000002
#define BATTERY_SET_CHARGINGSOURCE_SUPPORTED 0x00000004
#define BATTERY_SET_CHARGER_ID_SUPPORTED     0x00000008

#define BATTERY_UNKNOWN_TIME    0xFFFFFFFF
#define BATTERY_UNKNOWN_CURRENT 0xFFFFFFFF
#define UNKNOWN_CURRENT         BATTERY_UNKNOWN_CURRENT

typedef enum _BATTERY_CHARGING_SOURCE_TYPE {
    BatteryChargingSourceType_AC = 1,
    BatteryChargingSourceType_USB,
    BatteryChargingSourceType_Wireless,
    BatteryChargingSourceType_Max
} BATTERY_CHARGING_SOURCE_TYPE, *PBATTERY_CHARGING_SOURCE_TYPE;

typedef struct _BATTERY_CHARGING_SOURCE {
    BATTERY_CHARGING_SOURCE_TYPE Type;
    ULONG MaxCurrent;
} BATTERY_CHARGING_SOURCE, *PBATTERY_CHARGING_SOURCE;

typedef GUID BATTERY_CHARGER_ID, *PBATTERY_CHARGER_ID;

typedef struct _BATTERY_CHARGING_SOURCE_INFORMATION {
    BATTERY_CHARGING_SOURCE_TYPE Type;
    BOOLEAN SourceOnline;
} BATTERY_CHARGING_SOURCE_INFORMATION, *PBATTERY_CHARGING_SOURCE_INFORMATION;

typedef enum _USB_CHARGER_PORT {
    UsbChargerPort_Legacy,
    UsbChargerPort_TypeC,
    UsbChargerPort_Max
} USB_CHARGER_PORT, *PUSB_CHARGER_PORT;

/* Information levels of IOCTL_BATTERY_SET_INFORMATION. */
typedef enum {
    BatteryCriticalBias,
    BatteryCharge,
    BatteryDischarge,
    BatteryChargingSource,
    BatteryChargerId,
    BatteryChargerStatus
} BATTERY_SET_INFORMATION_LEVEL;

typedef struct _BATTERY_SET_INFORMATION {
    ULONG BatteryTag;
    BATTERY_SET_INFORMATION_LEVEL InformationLevel;
    UCHAR Buffer[1]; /* level-specific data follows */
} BATTERY_SET_INFORMATION, *PBATTERY_SET_INFORMATION;

typedef struct _BATTERY_CHARGER_STATUS {
    BATTERY_CHARGING_SOURCE_TYPE Type;
    ULONG VaData[1]; /* Type-specific data follows */
} BATTERY_CHARGER_STATUS, *PBATTERY_CHARGER_STATUS;

typedef struct _BATTERY_USB_CHARGER_STATUS {
    BATTERY_CHARGING_SOURCE_TYPE Type;
    ULONG Reserved;
    ULONG Flags;
    ULONG MaxCurrent; /* mA */
    ULONG Voltage;    /* mV */
    USB_CHARGER_PORT PortType;
    ULONGLONG PortId;
    PVOID PowerSourceInformation;
    BATTERY_CHARGER_ID OemCharger;
} BATTERY_USB_CHARGER_STATUS, *PBATTERY_USB_CHARGER_STATUS;

#define BATTERY_USB_CHARGER_STATUS_FN_DEFAULT_USB 0x00000001
#define BATTERY_USB_CHARGER_STATUS_UCM_PD         0x00000002

/* Input of IOCTL_BATTERY_QUERY_STATUS. */
typedef struct _BATTERY_WAIT_STATUS {
    ULONG BatteryTag;
    ULONG Timeout;
    ULONG PowerState;
    ULONG LowCapacity;
    ULONG HighCapacity;
} BATTERY_WAIT_STATUS, *PBATTERY_WAIT_STATUS;

/* Output of IOCTL_BATTERY_QUERY_STATUS. */
typedef struct _BATTERY_STATUS {
    ULONG PowerState;
    ULONG Capacity;
    ULONG Voltage;
    LONG Rate;
} BATTERY_STATUS, *PBATTERY_STATUS;

typedef union _POWER_ADAPTER_POWER_STATES {
    struct {
        ULONG Online : 1;
        ULONG RecState : 2;
        ULONG Reserved : 29;
    } States;
    ULONG AsUlong;
} POWER_ADAPTER_POWER_STATES, *PPOWER_ADAPTER_POWER_STATES;

typedef struct _POWER_ADAPTER_STATUS {
    UCHAR Version;
    UCHAR Reserved[3];
    POWER_ADAPTER_POWER_STATES PowerState;
    ULONG PeakPower; /* mW, as the other power members */
    ULONG MaxOutputPower;
    ULONG MaxInputPower;
    ULONG64 RecStartTime;
    ULONG64 RecEndTime;
} POWER_ADAPTER_STATUS, *PPOWER_ADAPTER_STATUS;

#define POWER_ADAPTER_REC_TIME_NOT_AVAILABLE 0xFFFFFFFFFFFFFFFFULL

typedef struct _POWER_ADAPTER_SET_STATUS_BUFFER {
    UCHAR Version;
    BOOLEAN RecOverride;
    UCHAR Reserved[2];
} POWER_ADAPTER_SET_STATUS_BUFFER, *PPOWER_ADAPTER_SET_STATUS_BUFFER;

typedef struct _POWER_ADAPTER_CHARGE_REQUIREMENT {
    ULONG AcAdapterType;
    ULONG MinimumPower;
    ULONG NominalPower;
    ULONG MaximumPower;
} POWER_ADAPTER_CHARGE_REQUIREMENT, *PPOWER_ADAPTER_CHARGE_REQUIREMENT;

#define BATTERY_UNKNOWN_VOLTAGE 0xFFFFFFFF
#define BATTERY_UNKNOWN_RATE    0x80000000
#define UNKNOWN_RATE            BATTERY_UNKNOWN_RATE
#define UNKNOWN_VOLTAGE         BATTERY_UNKNOWN_VOLTAGE

/* BATTERY_STATUS.PowerState, BATTERY_WAIT_STATUS.PowerState */
#define BATTERY_POWER_ON_LINE 0x00000001
#define BATTERY_DISCHARGING   0x00000002
#define BATTERY_CHARGING      0x00000004
#define BATTERY_CRITICAL      0x00000008

/* Largest string a BATTERY_QUERY_INFORMATION_LEVEL returns, in bytes. */
#define MAX_BATTERY_STRING_SIZE 128

/* The packed date of BatteryManufactureDate. */
typedef struct _BATTERY_MANUFACTURE_DATE {
    UCHAR Day;
    UCHAR Month;
    USHORT Year;
} BATTERY_MANUFACTURE_DATE, *PBATTERY_MANUFACTURE_DATE;

#define IOCTL_BATTERY_QUERY_TAG                                                                    \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x10, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_BATTERY_QUERY_INFORMATION                                                            \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x11, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_BATTERY_SET_INFORMATION                                                              \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x12, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_BATTERY_QUERY_STATUS                                                                 \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x13, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_BATTERY_CHARGING_SOURCE_CHANGE                                                       \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x14, METHOD_BUFFERED, FILE_READ_ACCESS)

#define BATTERY_TAG_INVALID 0

/* ---- customized I/O ----------------------------------------------------------------------- */

#define IOCTL_QUERY_CUSTOMIZED_IO_CAPABILITIES                                                     \
    CTL_CODE(FILE_DEVICE_BATTERY, 0xA0, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_QUERY_CUSTOMIZED_INPUT_FROM_PLATFORM                                                 \
    CTL_CODE(FILE_DEVICE_BATTERY, 0xA1, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_SEND_CUSTOMIZED_OUTPUT_TO_PLATFORM                                                   \
    CTL_CODE(FILE_DEVICE_BATTERY, 0xA2, METHOD_BUFFERED, FILE_WRITE_ACCESS)

typedef struct _CUSTOMIZED_IO_CAPABILITIES {
    ULONG SupportedInputs;
    ULONG SupportedOutputs;
} CUSTOMIZED_IO_CAPABILITIES, *PCUSTOMIZED_IO_CAPABILITIES;

typedef struct _CUSTOMIZED_IO_QUERY_INPUT_RETURN {
    ULONG FunctionId;
    ULONG ErrorCode;
    ULONG Value;
} CUSTOMIZED_IO_QUERY_INPUT_RETURN, *PCUSTOMIZED_IO_QUERY_INPUT_RETURN;

typedef struct _CUSTOMIZED_IO_SEND_OUTPUT_BUFFER {
    ULONG FunctionId;
    ULONG Value;
} CUSTOMIZED_IO_SEND_OUTPUT_BUFFER, *PCUSTOMIZED_IO_SEND_OUTPUT_BUFFER;

/* ---- thermal zone (GUID_DEVICE_THERMAL_ZONE) ---------------------------------------------- */

#define MAX_ACTIVE_COOLING_LEVELS 10

/* Deprecated in favour of THERMAL_INFORMATION_EX; kept for the thermal WMI interface. */
typedef struct _THERMAL_INFORMATION {
    ULONG ThermalStamp;
    ULONG ThermalConstant1;
    ULONG ThermalConstant2;
    KAFFINITY Processors;
    ULONG SamplingPeriod;
    ULONG CurrentTemperature; /* tenths of a kelvin, as every temperature here */
    ULONG PassiveTripPoint;
    ULONG CriticalTripPoint;
    UCHAR ActiveTripPointCount;
    ULONG ActiveTripPoint[MAX_ACTIVE_COOLING_LEVELS];
} THERMAL_INFORMATION, *PTHERMAL_INFORMATION;

#define ACTIVE_COOLING  0x0
#define PASSIVE_COOLING 0x1

/* Input of IOCTL_THERMAL_READ_TEMPERATURE; the output is a ULONG (tenths of a kelvin). */
typedef struct _THERMAL_WAIT_READ {
    ULONG Timeout; /* ms; 0: read now; THERMAL_WAIT_READ_TIMEOUT_NONE: never expires */
    ULONG LowTemperature;
    ULONG HighTemperature;
} THERMAL_WAIT_READ, *PTHERMAL_WAIT_READ;

#define THERMAL_WAIT_READ_TIMEOUT_IMMEDIATE 0
#define THERMAL_WAIT_READ_TIMEOUT_NONE      0xFFFFFFFFul

#define TZ_ACTIVATION_REASON_THERMAL 0x00000001
#define TZ_ACTIVATION_REASON_CURRENT 0x00000002

typedef struct _THERMAL_POLICY {
    ULONG Version;
    BOOLEAN WaitForUpdate;
    BOOLEAN Hibernate;
    BOOLEAN Critical;
    BOOLEAN ThermalStandby;
    ULONG ActivationReasons;
    ULONG PassiveLimit;
    ULONG ActiveLevel;
    BOOLEAN OverThrottled;
} THERMAL_POLICY, *PTHERMAL_POLICY;

#define THERMAL_POLICY_VERSION_1 1
#define THERMAL_POLICY_VERSION_2 2

#define IOCTL_THERMAL_QUERY_INFORMATION                                                            \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x20, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_THERMAL_SET_COOLING_POLICY                                                           \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x21, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_RUN_ACTIVE_COOLING_METHOD                                                            \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x22, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_THERMAL_SET_PASSIVE_LIMIT                                                            \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x23, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_THERMAL_READ_TEMPERATURE                                                             \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x24, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_THERMAL_READ_POLICY                                                                  \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x25, METHOD_BUFFERED, FILE_READ_ACCESS)

/* ---- lid, switches, system buttons -------------------------------------------------------- */

#define IOCTL_QUERY_LID CTL_CODE(FILE_DEVICE_BATTERY, 0x30, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_NOTIFY_SWITCH_EVENT                                                                  \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x40, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_GET_SYS_BUTTON_CAPS                                                                  \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x50, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_GET_SYS_BUTTON_EVENT                                                                 \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x51, METHOD_BUFFERED, FILE_READ_ACCESS)

#define SYS_BUTTON_POWER 0x00000001
#define SYS_BUTTON_SLEEP 0x00000002
#define SYS_BUTTON_LID   0x00000004
#define SYS_BUTTON_WAKE  0x80000000

#define SYS_BUTTON_LID_STATE_MASK 0x00030000
#define SYS_BUTTON_LID_OPEN       0x00010000
#define SYS_BUTTON_LID_CLOSED     0x00020000
#define SYS_BUTTON_LID_INITIAL    0x00040000
#define SYS_BUTTON_LID_CHANGED    0x00080000

/* ---- processor objects -------------------------------------------------------------------- */

typedef struct {
    ULONG PhysicalID;
    ULONG PBlkAddress;
    UCHAR PBlkLength;
} PROCESSOR_OBJECT_INFO, *PPROCESSOR_OBJECT_INFO;

typedef struct {
    ULONG PhysicalID;
    ULONG PBlkAddress;
    UCHAR PBlkLength;
    ULONG InitialApicId;
} PROCESSOR_OBJECT_INFO_EX, *PPROCESSOR_OBJECT_INFO_EX;

#define IOCTL_GET_PROCESSOR_OBJ_INFO                                                               \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x60, METHOD_BUFFERED, FILE_READ_ACCESS)

/* ---- cooling and power-limit client interfaces (kernel mode) ------------------------------ */

#ifndef _WINDOWS_

#include <wdm.h> /* INTERFACE_REFERENCE */

typedef VOID DEVICE_ACTIVE_COOLING(PVOID Context, BOOLEAN Engaged);
typedef DEVICE_ACTIVE_COOLING *PDEVICE_ACTIVE_COOLING;
typedef VOID DEVICE_PASSIVE_COOLING(PVOID Context, ULONG Percentage);
typedef DEVICE_PASSIVE_COOLING *PDEVICE_PASSIVE_COOLING;

/* Returned for GUID_THERMAL_COOLING_INTERFACE; begins with the INTERFACE header. */
typedef struct _THERMAL_COOLING_INTERFACE {
    USHORT Size;
    USHORT Version;
    PVOID Context;
    PINTERFACE_REFERENCE InterfaceReference;
    PINTERFACE_DEREFERENCE InterfaceDereference;
    ULONG Flags; /* THERMAL_DEVICE_INTERFACE_FLAGS */
    PDEVICE_ACTIVE_COOLING ActiveCooling;
    PDEVICE_PASSIVE_COOLING PassiveCooling;
} THERMAL_COOLING_INTERFACE, *PTHERMAL_COOLING_INTERFACE;

#define THERMAL_COOLING_INTERFACE_VERSION 1

/* The former names (deprecated). */
#define THERMAL_DEVICE_INTERFACE_VERSION 1
typedef THERMAL_COOLING_INTERFACE THERMAL_DEVICE_INTERFACE;
typedef THERMAL_COOLING_INTERFACE *PTHERMAL_DEVICE_INTERFACE;

typedef enum _THERMAL_DEVICE_INTERFACE_FLAGS {
    ThermalDeviceFlagActiveCooling = 1,
    ThermalDeviceFlagPassiveCooling = 2
} THERMAL_DEVICE_INTERFACE_FLAGS, *PTHERMAL_DEVICE_INTERFACE_FLAGS;

/* Buffers are POWER_LIMIT_ATTRIBUTES / POWER_LIMIT_VALUE arrays (wdm.h). */
typedef NTSTATUS QUERY_POWER_LIMIT_ATTRIBUTES(PVOID Context, ULONG BufferCount, PVOID Buffer,
                                              PULONG AttributeCount);
typedef QUERY_POWER_LIMIT_ATTRIBUTES *PQUERY_POWER_LIMIT_ATTRIBUTES;
typedef NTSTATUS SET_POWER_LIMIT(PVOID Context, ULONG ValueCount, PVOID Values);
typedef SET_POWER_LIMIT *PSET_POWER_LIMIT;
typedef NTSTATUS QUERY_POWER_LIMIT(PVOID Context, ULONG ValueCount, PVOID Values);
typedef QUERY_POWER_LIMIT *PQUERY_POWER_LIMIT;

/* Returned for GUID_POWER_LIMIT_INTERFACE; begins with the INTERFACE header. */
typedef struct _POWER_LIMIT_INTERFACE {
    USHORT Size;
    USHORT Version;
    PVOID Context;
    PINTERFACE_REFERENCE InterfaceReference;
    PINTERFACE_DEREFERENCE InterfaceDereference;
    ULONG DomainCount;
    PQUERY_POWER_LIMIT_ATTRIBUTES QueryAttributes;
    PSET_POWER_LIMIT SetPowerLimit;
    PQUERY_POWER_LIMIT QueryPowerLimit;
} POWER_LIMIT_INTERFACE, *PPOWER_LIMIT_INTERFACE;

#define POWER_LIMIT_INTERFACE_VERSION 1

#endif /* _WINDOWS_ */

/* ---- message indicator, ACPI time and alarm ----------------------------------------------- */

#define IOCTL_SET_SYS_MESSAGE_INDICATOR                                                            \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x70, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_SET_WAKE_ALARM_VALUE                                                                 \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x80, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_SET_WAKE_ALARM_POLICY                                                                \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x81, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_GET_WAKE_ALARM_VALUE                                                                 \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x82, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_GET_WAKE_ALARM_POLICY                                                                \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x83, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)

typedef struct _WAKE_ALARM_INFORMATION {
    ULONG TimerIdentifier; /* 0 AC timer, 1 DC timer */
    ULONG Timeout;         /* seconds; 0xffffffff disabled / expired */
} WAKE_ALARM_INFORMATION, *PWAKE_ALARM_INFORMATION;

#define ACPI_TIME_ADJUST_DAYLIGHT 0x01
#define ACPI_TIME_IN_DAYLIGHT     0x02
#define ACPI_TIME_ZONE_UNKNOWN    0x7FF

#define IOCTL_ACPI_GET_REAL_TIME                                                                   \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x84, METHOD_BUFFERED, FILE_READ_DATA)
#define IOCTL_ACPI_SET_REAL_TIME                                                                   \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x85, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_GET_WAKE_ALARM_SYSTEM_POWERSTATE                                                     \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x86, METHOD_BUFFERED, FILE_READ_DATA)

typedef struct _ACPI_REAL_TIME {
    UINT16 Year;
    UINT8 Month;
    UINT8 Day;
    UINT8 Hour;
    UINT8 Minute;
    UINT8 Second;
    UINT8 Valid;
    UINT16 Milliseconds;
    INT16 TimeZone;
    UINT8 DayLight;
    UINT8 Reserved1[3];
} ACPI_REAL_TIME, *PACPI_REAL_TIME;

#define IOCTL_GET_ACPI_TIME_AND_ALARM_CAPABILITIES                                                 \
    CTL_CODE(FILE_DEVICE_BATTERY, 0x87, METHOD_BUFFERED, FILE_READ_ACCESS)

typedef enum _ACPI_TIME_RESOLUTION {
    AcpiTimeResolutionMilliseconds = 0,
    AcpiTimeResolutionSeconds,
    AcpiTimeResolutionMax
} ACPI_TIME_RESOLUTION, *PACPI_TIME_RESOLUTION;

typedef struct _ACPI_TIME_AND_ALARM_CAPABILITIES {
    BOOLEAN AcWakeSupported;
    BOOLEAN DcWakeSupported;
    BOOLEAN S4AcWakeSupported;
    BOOLEAN S4DcWakeSupported;
    BOOLEAN S5AcWakeSupported;
    BOOLEAN S5DcWakeSupported;
    BOOLEAN S4S5WakeStatusSupported;
    ULONG DeepestWakeSystemState;
    BOOLEAN RealTimeFeaturesSupported;
    ACPI_TIME_RESOLUTION RealTimeResolution;
} ACPI_TIME_AND_ALARM_CAPABILITIES, *PACPI_TIME_AND_ALARM_CAPABILITIES;

#ifdef __cplusplus
}
#endif

#endif /* _POCLASS_ */
