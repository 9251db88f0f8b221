/*
 * bthxddi.h - the Bluetooth extensible transport interface: the internal requests the Bluetooth
 * stack sends a transport (bus) driver to negotiate the interface version, query its
 * capabilities and move HCI packets (commands, ACL data, events), with the structures they
 * carry. Names, values and x64 layouts as documented (wdk-ddi-src/content/bthxddi/); pinned by
 * tests/headers (bth_layout.c). Definitions only: drvhost has no Bluetooth stack to send them.
 */
#ifndef __BTHXDDI_H__
#define __BTHXDDI_H__

#include <devioctl.h>
#include <ntdef.h>

/* The only interface version; a transport reports the versions it supports as a bit mask. */
#define BTHX_DDI_VERSION_1 0x00000001

typedef enum _BTHX_HCI_PACKET_TYPE {
    HciPacketCommand = 0x01,
    HciPacketAclData = 0x02,
    HciPacketEvent = 0x04
} BTHX_HCI_PACKET_TYPE;

#define BTHX_IOCTL_BASE 0
#define BTHX_CTL(id)    CTL_CODE(FILE_DEVICE_BLUETOOTH, (id), METHOD_NEITHER, FILE_ANY_ACCESS)

#define IOCTL_BTHX_GET_VERSION        BTHX_CTL(BTHX_IOCTL_BASE + 0x100)
#define IOCTL_BTHX_SET_VERSION        BTHX_CTL(BTHX_IOCTL_BASE + 0x101)
#define IOCTL_BTHX_QUERY_CAPABILITIES BTHX_CTL(BTHX_IOCTL_BASE + 0x102)
#define IOCTL_BTHX_WRITE_HCI          BTHX_CTL(BTHX_IOCTL_BASE + 0x103)
#define IOCTL_BTHX_READ_HCI           BTHX_CTL(BTHX_IOCTL_BASE + 0x104)

typedef struct _BTHX_VERSION {
    ULONG Version; /* a mask of BTHX_DDI_VERSION_* */
} BTHX_VERSION, *PBTHX_VERSION;

/* The version a transport answers IOCTL_BTHX_GET_VERSION with. One object per module, as the
 * WDK's selectany definition (here a weak definition: every source file of the module may
 * include this header). */
__declspec(selectany) BTHX_VERSION Microsoft_BTHX_DDI_Version = {BTHX_DDI_VERSION_1};

typedef enum _BTHX_SCO_SUPPORT {
    ScoSupportNone = 0,
    ScoSupportHCI = 1,
    ScoSupportHCIBypass = 2
} BTHX_SCO_SUPPORT, *PBTHX_SCO_SUPPORT;

typedef struct _BTHX_CAPABILITIES {
    ULONG MaxAclTransferInSize;
    BTHX_SCO_SUPPORT ScoSupport;
    ULONG MaxScoChannels;
    BOOLEAN IsDeviceIdleCapable;
    BOOLEAN IsDeviceWakeCapable;
} BTHX_CAPABILITIES, *PBTHX_CAPABILITIES;

#include <pshpack1.h>
/* One HCI packet: Type a BTHX_HCI_PACKET_TYPE, DataLen bytes of Data. Byte-packed (Data at 5). */
typedef struct _BTHX_HCI_READ_WRITE_CONTEXT {
    ULONG DataLen;
    UCHAR Type;
    UCHAR Data[1];
} BTHX_HCI_READ_WRITE_CONTEXT, *PBTHX_HCI_READ_WRITE_CONTEXT;
#include <poppack.h>

#endif /* __BTHXDDI_H__ */
