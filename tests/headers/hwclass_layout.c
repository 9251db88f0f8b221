/* hwclass_layout.c - the hardware-class headers (poclass.h, batclass.h, spb.h, gpio.h,
 * reshub.h, usbiodef.h, prminterface.h, intsafe.h, and wdm.h's power and connection parts) as a
 * driver includes them: the documented IOCTL codes and constants, and the x64 sizes and offsets
 * of the structures, pinned at compile time (this module failing to build is the test failing).
 * Sizes follow from the documented member lists with natural x64 alignment (packed where the
 * header packs: the ACPI descriptors). */
#include <ntddk.h>
#include <initguid.h>
#include <batclass.h>
#include <poclass.h> /* again, after batclass.h included it: defines nothing twice */
#include <spb.h>
#include <gpio.h>
#define RESHUB_USE_HELPER_ROUTINES
#include <reshub.h>
#include <usbiodef.h>
#include <prminterface.h>
#include <intsafe.h>

/* ---- poclass.h: battery ---------------------------------------------------------------- */
C_ASSERT(IOCTL_BATTERY_QUERY_TAG == 0x294040);
C_ASSERT(IOCTL_BATTERY_QUERY_INFORMATION == 0x294044);
C_ASSERT(IOCTL_BATTERY_SET_INFORMATION == 0x298048);
C_ASSERT(IOCTL_BATTERY_QUERY_STATUS == 0x29404c);
C_ASSERT(BATTERY_TAG_INVALID == 0);
C_ASSERT(BATTERY_UNKNOWN_RATE == 0x80000000);
C_ASSERT(BATTERY_SYSTEM_BATTERY == 0x80000000 && BATTERY_CAPACITY_RELATIVE == 0x40000000);
C_ASSERT(BATTERY_POWER_ON_LINE == 1 && BATTERY_DISCHARGING == 2 && BATTERY_CHARGING == 4 &&
         BATTERY_CRITICAL == 8);
C_ASSERT(BatterySerialNumber == 8 && BatteryChargerStatus == 5);
C_ASSERT(sizeof(BATTERY_INFORMATION) == 36);
C_ASSERT(FIELD_OFFSET(BATTERY_INFORMATION, Chemistry) == 8);
C_ASSERT(FIELD_OFFSET(BATTERY_INFORMATION, CycleCount) == 32);
C_ASSERT(sizeof(BATTERY_QUERY_INFORMATION) == 12);
C_ASSERT(sizeof(BATTERY_WAIT_STATUS) == 20);
C_ASSERT(sizeof(BATTERY_STATUS) == 16);
C_ASSERT(sizeof(BATTERY_MANUFACTURE_DATE) == 4);
C_ASSERT(FIELD_OFFSET(BATTERY_MANUFACTURE_DATE, Year) == 2);
C_ASSERT(FIELD_OFFSET(BATTERY_SET_INFORMATION, Buffer) == 8);
C_ASSERT(sizeof(BATTERY_REPORTING_SCALE) == 8);
C_ASSERT(sizeof(BATTERY_CHARGING_SOURCE) == 8 && BatteryChargingSourceType_AC == 1);
C_ASSERT(FIELD_OFFSET(BATTERY_USB_CHARGER_STATUS, PortId) == 24);
C_ASSERT(FIELD_OFFSET(BATTERY_USB_CHARGER_STATUS, OemCharger) == 40);

/* ---- poclass.h: thermal, buttons, cooling and power-limit interfaces ------------------- */
C_ASSERT(IOCTL_THERMAL_QUERY_INFORMATION == 0x294080);
C_ASSERT(IOCTL_THERMAL_SET_COOLING_POLICY == 0x298084);
C_ASSERT(IOCTL_THERMAL_READ_TEMPERATURE == 0x294090);
C_ASSERT(IOCTL_THERMAL_READ_POLICY == 0x294094);
C_ASSERT(IOCTL_GET_SYS_BUTTON_CAPS == 0x294140 && IOCTL_GET_SYS_BUTTON_EVENT == 0x294144);
C_ASSERT(sizeof(THERMAL_WAIT_READ) == 12);
C_ASSERT(THERMAL_WAIT_READ_TIMEOUT_NONE == 0xFFFFFFFF);
C_ASSERT(FIELD_OFFSET(THERMAL_INFORMATION, Processors) == 16);
C_ASSERT(FIELD_OFFSET(THERMAL_INFORMATION, ActiveTripPointCount) == 40);
C_ASSERT(FIELD_OFFSET(THERMAL_INFORMATION, ActiveTripPoint) == 44);
C_ASSERT(sizeof(THERMAL_INFORMATION) == 88);
C_ASSERT(sizeof(THERMAL_POLICY) == 24 && FIELD_OFFSET(THERMAL_POLICY, ActivationReasons) == 8);
C_ASSERT(sizeof(THERMAL_COOLING_INTERFACE) == 56);
C_ASSERT(FIELD_OFFSET(THERMAL_COOLING_INTERFACE, Flags) == 32);
C_ASSERT(FIELD_OFFSET(THERMAL_COOLING_INTERFACE, PassiveCooling) == 48);
C_ASSERT(sizeof(THERMAL_DEVICE_INTERFACE) == sizeof(THERMAL_COOLING_INTERFACE));
C_ASSERT(ThermalDeviceFlagActiveCooling == 1 && ThermalDeviceFlagPassiveCooling == 2);
C_ASSERT(sizeof(POWER_LIMIT_INTERFACE) == 64); /* the size the power manager asks for */
C_ASSERT(FIELD_OFFSET(POWER_LIMIT_INTERFACE, DomainCount) == 32);
C_ASSERT(FIELD_OFFSET(POWER_LIMIT_INTERFACE, QueryPowerLimit) == 56);
C_ASSERT(sizeof(ACPI_REAL_TIME) == 16);

/* ---- wdm.h: power limits, reason context, PoFx --------------------------------------- */
C_ASSERT(sizeof(POWER_LIMIT_ATTRIBUTES) == 36 && FIELD_OFFSET(POWER_LIMIT_ATTRIBUTES, Flags) == 32);
C_ASSERT(sizeof(POWER_LIMIT_VALUE) == 16 && FIELD_OFFSET(POWER_LIMIT_VALUE, TimeParameter) == 12);
C_ASSERT(POWER_LIMIT_VALUE_NO_CONTROL == 0xFFFFFFFF);
C_ASSERT(PowerLimitBurst == 1 && PowerLimitTypeMax == 5);
C_ASSERT(sizeof(COUNTED_REASON_CONTEXT) == 40);
C_ASSERT(FIELD_OFFSET(COUNTED_REASON_CONTEXT, SimpleString) == 8);
C_ASSERT(FIELD_OFFSET(COUNTED_REASON_CONTEXT, ReasonStrings) == 32);
C_ASSERT(PO_FX_VERSION_V1 == 1 && PO_FX_VERSION == PO_FX_VERSION_V1);
C_ASSERT(sizeof(PO_FX_COMPONENT_IDLE_STATE) == 24);
C_ASSERT(sizeof(PO_FX_COMPONENT_V1) == 32 && FIELD_OFFSET(PO_FX_COMPONENT_V1, IdleStates) == 24);
C_ASSERT(FIELD_OFFSET(PO_FX_COMPONENT_V2, Flags) == 16 &&
         FIELD_OFFSET(PO_FX_COMPONENT_V2, Providers) == 48);
C_ASSERT(FIELD_OFFSET(PO_FX_DEVICE_V1, ComponentActiveConditionCallback) == 8);
C_ASSERT(FIELD_OFFSET(PO_FX_DEVICE_V1, DeviceContext) == 56);
C_ASSERT(FIELD_OFFSET(PO_FX_DEVICE_V1, Components) == 64 && sizeof(PO_FX_DEVICE) == 96);
C_ASSERT(FIELD_OFFSET(PO_FX_DEVICE_V2, Flags) == 8 &&
         FIELD_OFFSET(PO_FX_DEVICE_V2, ComponentCount) == 72);

/* ---- ntddk.h: boot driver callbacks --------------------------------------------------- */
C_ASSERT(BdCbStatusUpdate == 0 && BdCbInitializeImage == 1);
C_ASSERT(BdCbClassificationKnownBadImageBootCritical == 3);
C_ASSERT(BdCbStatusPrepareForUnload == 2);
C_ASSERT(BDCB_IMAGEFLAGS_FAILED_CODE_INTEGRITY == 2);
C_ASSERT(FIELD_OFFSET(BDCB_IMAGE_INFORMATION, ImageName) == 8);
C_ASSERT(FIELD_OFFSET(BDCB_IMAGE_INFORMATION, ImageHash) == 72);
C_ASSERT(sizeof(BDCB_IMAGE_INFORMATION) == 104);

/* ---- batclass.h ----------------------------------------------------------------------- */
C_ASSERT(BATTERY_CLASS_MAJOR_VERSION == 1 && BATTERY_CLASS_MINOR_VERSION_2 == 2);
C_ASSERT(sizeof(BATTERY_NOTIFY) == 12);
C_ASSERT(FIELD_OFFSET(BATTERY_MINIPORT_INFO, QueryTag) == 16);
C_ASSERT(FIELD_OFFSET(BATTERY_MINIPORT_INFO, Pdo) == 64 && sizeof(BATTERY_MINIPORT_INFO) == 80);
C_ASSERT(sizeof(BATTERY_MINIPORT_INFO_V1_1) == 88);
C_ASSERT(FIELD_OFFSET(BATTERY_MINIPORT_INFO_V1_2, ClassDriverCapabilities) == 88);
C_ASSERT(sizeof(BATTERY_MINIPORT_INFO_V1_2) == 120);
C_ASSERT(sizeof(BATTERY_WMI_STATUS) == 24);

/* ---- spb.h, gpio.h ------------------------------------------------------------------- */
C_ASSERT(IOCTL_SPB_LOCK_CONTROLLER == 0x41800 && IOCTL_SPB_EXECUTE_SEQUENCE == 0x41808);
C_ASSERT(IOCTL_SPB_FULL_DUPLEX == 0x41814);
C_ASSERT(SpbTransferDirectionFromDevice == 1 && SpbTransferDirectionToDevice == 2);
C_ASSERT(SpbTransferBufferFormatMdl == 4);
C_ASSERT(sizeof(SPB_TRANSFER_BUFFER_LIST_ENTRY) == 16);
C_ASSERT(sizeof(SPB_TRANSFER_BUFFER) == 24 && FIELD_OFFSET(SPB_TRANSFER_BUFFER, Simple) == 8);
C_ASSERT(sizeof(SPB_TRANSFER_LIST_ENTRY) == 32 &&
         FIELD_OFFSET(SPB_TRANSFER_LIST_ENTRY, Buffer) == 8);
C_ASSERT(FIELD_OFFSET(SPB_TRANSFER_LIST, Transfers) == 16 && sizeof(SPB_TRANSFER_LIST) == 48);
C_ASSERT(sizeof(SPB_TRANSFER_LIST_AND_ENTRIES(3)) == 48 + 2 * 32);
C_ASSERT(IOCTL_GPIO_READ_PINS == 0x480000 && IOCTL_GPIO_WRITE_PINS == 0x480004);

/* ---- reshub.h, CM connection resources ---------------------------------------------- */
C_ASSERT(RESOURCE_HUB_FILE_SIZE == 34);          /* 16 digits and a NUL */
C_ASSERT(RESOURCE_HUB_PATH_SIZE == 44 + 34 - 2); /* "\Device\RESOURCE_HUB\" + file name */
C_ASSERT(RESOURCE_HUB_PATH_CHARS == 38 && RESOURCE_HUB_FILE_CHARS == 17);
C_ASSERT(IOCTL_RH_QUERY_CONNECTION_PROPERTIES == 0x2ac000);
C_ASSERT(sizeof(PNP_SERIAL_BUS_DESCRIPTOR) == 12);
C_ASSERT(FIELD_OFFSET(PNP_SERIAL_BUS_DESCRIPTOR, TypeDataLength) == 10);
C_ASSERT(sizeof(PNP_GPIO_INTERRUPT_IO_DESCRIPTOR) == 23);
C_ASSERT(FIELD_OFFSET(RH_QUERY_CONNECTION_PROPERTIES_INPUT_BUFFER, u) == 8);
C_ASSERT(CM_RESOURCE_CONNECTION_CLASS_GPIO == 1 && CM_RESOURCE_CONNECTION_CLASS_SERIAL == 2);
C_ASSERT(CM_RESOURCE_CONNECTION_TYPE_GPIO_IO == 2 && CM_RESOURCE_CONNECTION_TYPE_SERIAL_I2C == 1);
C_ASSERT(sizeof(CM_PARTIAL_RESOURCE_DESCRIPTOR) == 0x14);
C_ASSERT(FIELD_OFFSET(CM_PARTIAL_RESOURCE_DESCRIPTOR, u.Connection.Type) == 5);
C_ASSERT(FIELD_OFFSET(CM_PARTIAL_RESOURCE_DESCRIPTOR, u.Connection.IdLowPart) == 8);
C_ASSERT(FIELD_OFFSET(CM_PARTIAL_RESOURCE_DESCRIPTOR, u.Connection.IdHighPart) == 12);

/* ---- prminterface.h, intsafe.h, DPFLTR ------------------------------------------------ */
C_ASSERT(sizeof(PRM_INTERFACE) == 40 && FIELD_OFFSET(PRM_INTERFACE, QueryHandler) == 32);
C_ASSERT(INTSAFE_E_ARITHMETIC_OVERFLOW == (HRESULT)0x80070216L && S_OK == 0);
C_ASSERT(DPFLTR_POWER_ID == 146 && DPFLTR_GPIO_ID == 148);

/* The GUIDs are defined here (after <initguid.h>): their values are checked at run time by
 * headers_hwclass_inlines; this module only needs them to link. */
static const GUID *const guids[] = {&GUID_DEVICE_BATTERY, &GUID_DEVINTERFACE_THERMAL_COOLING,
                                    &GUID_POWER_LIMIT_INTERFACE, &BATTERY_STATUS_WMI_GUID,
                                    &GUID_DEVINTERFACE_USB_DEVICE};

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return guids[0] != NULL ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

/* ---- acpitabl.h: the ACPI specification's layouts ----------------------------------------- */
#include <acpitabl.h>
C_ASSERT(sizeof(DESCRIPTION_HEADER) == 36);
C_ASSERT(FIELD_OFFSET(DESCRIPTION_HEADER, OEMTableID) == 16);
C_ASSERT(FIELD_OFFSET(DESCRIPTION_HEADER, CreatorRev) == 32);
C_ASSERT(sizeof(GEN_ADDR) == 12 && FIELD_OFFSET(GEN_ADDR, Address) == 4);
C_ASSERT(sizeof(RSDP) == 36 && FIELD_OFFSET(RSDP, XsdtAddress) == 24);
C_ASSERT(FIELD_OFFSET(XSDT, Tables) == 36);
C_ASSERT(FADT_SIGNATURE == ('F' | 'A' << 8 | 'C' << 16 | 'P' << 24));
C_ASSERT(DBG2_SIGNATURE == ('D' | 'B' << 8 | 'G' << 16 | (ULONG)'2' << 24));
