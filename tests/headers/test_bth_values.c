/*
 * test_bth_values.c - what the Bluetooth and smart card headers compile into a driver at run
 * time: the GUID values of bthdef.h, bthguid.h, winsmcrd.h and smclib.h against their
 * registry-format strings, the address macros of bthdef.h on run-time values (the NAP is the top
 * 16 of the 48 address bits, the SAP the low 32), and bthxddi.h's one-per-module version object.
 */
#include <wdm.h>
#include <initguid.h>
#include <bthdef.h>
#include <bthguid.h>
#include <bthxddi.h>
#include <smclib.h>

#include "harness.h"

#include <string.h>

/* A GUID against its registry-format string {d1-d2-d3-d4[0]d4[1]-d4[2..7]}. */
static int guid_is(const GUID *g, unsigned long d1, unsigned d2, unsigned d3, const UCHAR d4[8])
{
    return g->Data1 == d1 && g->Data2 == d2 && g->Data3 == d3 && memcmp(g->Data4, d4, 8) == 0;
}

TEST(bthddi_interface_guids)
{
    static const UCHAR node[8] = {0xa8, 0xc8, 0x2a, 0x6d, 0x18, 0x8b, 0x41, 0x77};
    static const UCHAR parse[8] = {0xac, 0x1d, 0x32, 0x79, 0x86, 0x57, 0x43, 0xd2};
    static const UCHAR profile[8] = {0xaa, 0x4f, 0x34, 0xa1, 0x60, 0xf4, 0x00, 0x04};
    static const UCHAR device[8] = {0x98, 0x90, 0x87, 0xc3, 0xab, 0xb2, 0x11, 0xf4};
    ok(guid_is(&GUID_BTHDDI_SDP_NODE_INTERFACE, 0x81a7fdf3, 0x86c1, 0x4be8, node), "sdp node\n");
    ok(guid_is(&GUID_BTHDDI_SDP_PARSE_INTERFACE, 0x4e719439, 0x9cf1, 0x4bab, parse), "sdp parse\n");
    ok(guid_is(&GUID_BTHDDI_PROFILE_DRIVER_INTERFACE, 0x94a59aa8, 0x4383, 0x4286, profile),
       "profile driver interface\n");
    ok(guid_is(&GUID_BTH_DEVICE_INTERFACE, 0x00f40965, 0xe89d, 0x4487, device), "device\n");
}

TEST(bthdef_guids)
{
    static const UCHAR port[8] = {0x9b, 0xe9, 0x90, 0x57, 0x6b, 0x8d, 0x46, 0xf0};
    static const UCHAR rfcomm[8] = {0x8a, 0xbc, 0x07, 0x2b, 0x62, 0x8b, 0x3c, 0x70};
    static const UCHAR l2cap[8] = {0xac, 0x55, 0xe9, 0x53, 0x82, 0x9c, 0x9d, 0xaa};
    static const UCHAR hci[8] = {0xb4, 0x63, 0x84, 0xc4, 0xdc, 0xd7, 0xbf, 0x7f};
    static const UCHAR in_range[8] = {0xb0, 0xd8, 0xd2, 0x6f, 0xe3, 0x0a, 0x38, 0x69};
    ok(guid_is(&GUID_BTHPORT_DEVICE_INTERFACE, 0x0850302a, 0xb344, 0x4fda, port), "bthport\n");
    ok(guid_is(&GUID_BTH_RFCOMM_SERVICE_DEVICE_INTERFACE, 0xb142fc3e, 0xfa4e, 0x460b, rfcomm),
       "rfcomm\n");
    ok(guid_is(&GUID_BLUETOOTH_L2CAP_EVENT, 0x7eae4030, 0xb709, 0x4aa8, l2cap), "l2cap event\n");
    ok(guid_is(&GUID_BLUETOOTH_HCI_EVENT, 0xfc240062, 0x1541, 0x49be, hci), "hci event\n");
    ok(guid_is(&GUID_BLUETOOTH_RADIO_IN_RANGE, 0xea3b5b82, 0x26ee, 0x450e, in_range), "in range\n");
}

TEST(smart_card_reader_guids)
{
    static const UCHAR reader[8] = {0xbf, 0x5d, 0x00, 0x00, 0xf8, 0x05, 0xf5, 0x30};
    ok(guid_is(&GUID_DEVINTERFACE_SMARTCARD_READER, 0x50dd5230, 0xba8a, 0x11d1, reader),
       "GUID_DEVINTERFACE_SMARTCARD_READER\n");
    ok(IsEqualGUID(&SmartCardReaderGuid, &GUID_DEVINTERFACE_SMARTCARD_READER),
       "SmartCardReaderGuid is the same class\n");
}

TEST(bth_address_macros)
{
    volatile BTH_ADDR addr = 0x001122334455ULL; /* run-time value: no constant folding */
    volatile USHORT nap = 0xabcd;
    volatile ULONG sap = 0x01020304;
    ok(GET_NAP(addr) == 0x0011 && GET_SAP(addr) == 0x22334455, "nap %#x sap %#lx\n", GET_NAP(addr),
       (unsigned long)GET_SAP(addr));
    ok(SET_NAP_SAP(nap, sap) == 0xabcd01020304ULL, "nap:sap %#llx\n",
       (unsigned long long)SET_NAP_SAP(nap, sap));
    /* Bits above the 48 address bits are not part of either. */
    addr = 0xffff000000000001ULL;
    ok(GET_NAP(addr) == 0 && GET_SAP(addr) == 1, "high bits ignored: nap %#x sap %#lx\n",
       GET_NAP(addr), (unsigned long)GET_SAP(addr));
}

TEST(bthx_version_object)
{
    ok(Microsoft_BTHX_DDI_Version.Version == BTHX_DDI_VERSION_1, "version %#lx\n",
       (unsigned long)Microsoft_BTHX_DDI_Version.Version);
}

TEST(device_reset_bits)
{
    DEVICE_BUS_SPECIFIC_RESET_TYPE type = {0};
    DEVICE_RESET_STATUS_FLAGS status = {0};
    BUS_SPECIFIC_RESET_FLAGS flags = {0};
    type.Pci.SecondaryBusReset = 1;
    ok(type.AsULONGLONG == 4, "Pci.SecondaryBusReset is bit 2: %#llx\n",
       (unsigned long long)type.AsULONGLONG);
    type.AsULONGLONG = 0;
    type.Acpi.PlatformLevelDeviceReset = 1;
    ok(type.AsULONGLONG == 2 && type.Pci.PlatformLevelDeviceReset == 1,
       "Acpi and Pci share bit 1 for the platform-level reset: %#llx\n",
       (unsigned long long)type.AsULONGLONG);
    status.u.RecoveringFromBusError = 1;
    flags.u.KeepStackReset = 1;
    ok(status.AsUlonglong == 2 && flags.AsUlonglong == 1, "status %#llx flags %#llx\n",
       (unsigned long long)status.AsUlonglong, (unsigned long long)flags.AsUlonglong);
}

TEST(smclib_macros)
{
    SMARTCARD_EXTENSION extension_storage = {0};
    OS_DEP_DATA os_data = {0};
    PSMARTCARD_EXTENSION SmartcardExtension = &extension_storage; /* the macros' implicit name */
    KIRQL irql = PASSIVE_LEVEL;
    KeInitializeSpinLock(&os_data.SpinLock);
    SmartcardExtension->OsData = &os_data;
    AccessUnsafeData(&irql);
    ok(KeGetCurrentIrql() == DISPATCH_LEVEL && irql == PASSIVE_LEVEL,
       "AccessUnsafeData: at DISPATCH_LEVEL (%u), the old IRQL saved (%u)\n", KeGetCurrentIrql(),
       irql);
    EndAccessUnsafeData(irql);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "EndAccessUnsafeData: back to %u\n",
       KeGetCurrentIrql());
}
