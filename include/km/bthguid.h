/*
 * bthguid.h - the GUIDs of the interfaces the Bluetooth stack offers profile drivers through
 * IRP_MN_QUERY_INTERFACE (WdfFdoQueryForInterface): the profile driver interface (BRB
 * allocation, <bthddi.h>), the SDP node and parse interfaces (<bthsdpddi.h>), and the device
 * interface class of Bluetooth devices. Values as Windows defines them; pinned by tests/headers
 * (test_bth_guids.c). drvhost has no Bluetooth stack: nothing answers these queries.
 */
#ifndef __BTHGUID_H__
#define __BTHGUID_H__

#include <guiddef.h>

DEFINE_GUID(GUID_BTHDDI_SDP_NODE_INTERFACE, 0x81a7fdf3, 0x86c1, 0x4be8, 0xa8, 0xc8, 0x2a, 0x6d,
            0x18, 0x8b, 0x41, 0x77);
DEFINE_GUID(GUID_BTHDDI_SDP_PARSE_INTERFACE, 0x4e719439, 0x9cf1, 0x4bab, 0xac, 0x1d, 0x32, 0x79,
            0x86, 0x57, 0x43, 0xd2);
DEFINE_GUID(GUID_BTHDDI_PROFILE_DRIVER_INTERFACE, 0x94a59aa8, 0x4383, 0x4286, 0xaa, 0x4f, 0x34,
            0xa1, 0x60, 0xf4, 0x00, 0x04);
DEFINE_GUID(GUID_BTH_DEVICE_INTERFACE, 0x00f40965, 0xe89d, 0x4487, 0x98, 0x90, 0x87, 0xc3, 0xab,
            0xb2, 0x11, 0xf4);

#endif /* __BTHGUID_H__ */
