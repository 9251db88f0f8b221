/*
 * ntddndis.h - the network driver definitions shared by NDIS, miniport drivers and the
 * applications and drivers that query them: object identifiers (OID_*), the packet filter
 * bits, the medium and media-state enumerations, and the power management structures
 * (Microsoft's names, values and x64 layouts). A plain-definitions header: unlike ndis.h, it
 * declares no NDIS routine. A non-NDIS driver (the PCI sample pcidrv) uses it to answer OIDs that
 * an NDIS edge driver forwards to it.
 *
 * drvhost subset: the OIDs the general, Ethernet and power-management classes define that such
 * drivers answer, not the whole list (wireless, WAN, offload and NDIS 6 structures are absent, so
 * a driver naming one fails to compile naming it). drvhost has no NDIS.
 */
#ifndef _NTDDNDIS_
#define _NTDDNDIS_

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The WDK's ntddndis.h brings these two from <ndis/oidtypes.h> and <ndis/types.h>.
 * An OID names the object a query or set request reads or writes. */
typedef ULONG NDIS_OID, *PNDIS_OID;
/* NDIS status codes have the NTSTATUS representation (NDIS_STATUS_SUCCESS is STATUS_SUCCESS). */
typedef int NDIS_STATUS, *PNDIS_STATUS;

/* ---- OIDs: General, operational characteristics */
#define OID_GEN_SUPPORTED_LIST          0x00010101
#define OID_GEN_HARDWARE_STATUS         0x00010102
#define OID_GEN_MEDIA_SUPPORTED         0x00010103
#define OID_GEN_MEDIA_IN_USE            0x00010104
#define OID_GEN_MAXIMUM_LOOKAHEAD       0x00010105
#define OID_GEN_MAXIMUM_FRAME_SIZE      0x00010106
#define OID_GEN_LINK_SPEED              0x00010107
#define OID_GEN_TRANSMIT_BUFFER_SPACE   0x00010108
#define OID_GEN_RECEIVE_BUFFER_SPACE    0x00010109
#define OID_GEN_TRANSMIT_BLOCK_SIZE     0x0001010A
#define OID_GEN_RECEIVE_BLOCK_SIZE      0x0001010B
#define OID_GEN_VENDOR_ID               0x0001010C
#define OID_GEN_VENDOR_DESCRIPTION      0x0001010D
#define OID_GEN_CURRENT_PACKET_FILTER   0x0001010E
#define OID_GEN_CURRENT_LOOKAHEAD       0x0001010F
#define OID_GEN_DRIVER_VERSION          0x00010110
#define OID_GEN_MAXIMUM_TOTAL_SIZE      0x00010111
#define OID_GEN_PROTOCOL_OPTIONS        0x00010112
#define OID_GEN_MAC_OPTIONS             0x00010113
#define OID_GEN_MEDIA_CONNECT_STATUS    0x00010114
#define OID_GEN_MAXIMUM_SEND_PACKETS    0x00010115
#define OID_GEN_VENDOR_DRIVER_VERSION   0x00010116
#define OID_GEN_SUPPORTED_GUIDS         0x00010117
#define OID_GEN_NETWORK_LAYER_ADDRESSES 0x00010118
#define OID_GEN_TRANSPORT_HEADER_OFFSET 0x00010119
#define OID_GEN_MEDIA_CAPABILITIES      0x00010201
#define OID_GEN_PHYSICAL_MEDIUM         0x00010202

/* ---- OIDs: General, statistics */
#define OID_GEN_XMIT_OK               0x00020101
#define OID_GEN_RCV_OK                0x00020102
#define OID_GEN_XMIT_ERROR            0x00020103
#define OID_GEN_RCV_ERROR             0x00020104
#define OID_GEN_RCV_NO_BUFFER         0x00020105
#define OID_GEN_DIRECTED_BYTES_XMIT   0x00020201
#define OID_GEN_DIRECTED_FRAMES_XMIT  0x00020202
#define OID_GEN_MULTICAST_BYTES_XMIT  0x00020203
#define OID_GEN_MULTICAST_FRAMES_XMIT 0x00020204
#define OID_GEN_BROADCAST_BYTES_XMIT  0x00020205
#define OID_GEN_BROADCAST_FRAMES_XMIT 0x00020206
#define OID_GEN_DIRECTED_BYTES_RCV    0x00020207
#define OID_GEN_DIRECTED_FRAMES_RCV   0x00020208
#define OID_GEN_MULTICAST_BYTES_RCV   0x00020209
#define OID_GEN_MULTICAST_FRAMES_RCV  0x0002020A
#define OID_GEN_BROADCAST_BYTES_RCV   0x0002020B
#define OID_GEN_BROADCAST_FRAMES_RCV  0x0002020C
#define OID_GEN_RCV_CRC_ERROR         0x0002020D
#define OID_GEN_TRANSMIT_QUEUE_LENGTH 0x0002020E
#define OID_GEN_GET_TIME_CAPS         0x0002020F
#define OID_GEN_GET_NETCARD_TIME      0x00020210
#define OID_GEN_NETCARD_LOAD          0x00020211
#define OID_GEN_DEVICE_PROFILE        0x00020212
#define OID_GEN_INIT_TIME_MS          0x00020213
#define OID_GEN_RESET_COUNTS          0x00020214
#define OID_GEN_MEDIA_SENSE_COUNTS    0x00020215

/* ---- OIDs: Ethernet (802.3), operational characteristics */
#define OID_802_3_PERMANENT_ADDRESS 0x01010101
#define OID_802_3_CURRENT_ADDRESS   0x01010102
#define OID_802_3_MULTICAST_LIST    0x01010103
#define OID_802_3_MAXIMUM_LIST_SIZE 0x01010104
#define OID_802_3_MAC_OPTIONS       0x01010105

/* ---- OIDs: Ethernet (802.3), statistics */
#define OID_802_3_RCV_ERROR_ALIGNMENT    0x01020101
#define OID_802_3_XMIT_ONE_COLLISION     0x01020102
#define OID_802_3_XMIT_MORE_COLLISIONS   0x01020103
#define OID_802_3_XMIT_DEFERRED          0x01020201
#define OID_802_3_XMIT_MAX_COLLISIONS    0x01020202
#define OID_802_3_RCV_OVERRUN            0x01020203
#define OID_802_3_XMIT_UNDERRUN          0x01020204
#define OID_802_3_XMIT_HEARTBEAT_FAILURE 0x01020205
#define OID_802_3_XMIT_TIMES_CRS_LOST    0x01020206
#define OID_802_3_XMIT_LATE_COLLISIONS   0x01020207

/* ---- OIDs: Power management (PnP) */
#define OID_PNP_CAPABILITIES           0xFD010100
#define OID_PNP_SET_POWER              0xFD010101
#define OID_PNP_QUERY_POWER            0xFD010102
#define OID_PNP_ADD_WAKE_UP_PATTERN    0xFD010103
#define OID_PNP_REMOVE_WAKE_UP_PATTERN 0xFD010104
#define OID_PNP_ENABLE_WAKE_UP         0xFD010106

/* ---- OID_GEN_CURRENT_PACKET_FILTER: which frames the adapter delivers ---- */
#define NDIS_PACKET_TYPE_DIRECTED      0x00000001
#define NDIS_PACKET_TYPE_MULTICAST     0x00000002
#define NDIS_PACKET_TYPE_ALL_MULTICAST 0x00000004
#define NDIS_PACKET_TYPE_BROADCAST     0x00000008
#define NDIS_PACKET_TYPE_PROMISCUOUS   0x00000020

/* ---- OID_GEN_MEDIA_SUPPORTED / OID_GEN_MEDIA_IN_USE ---- */
typedef enum _NDIS_MEDIUM {
    NdisMedium802_3,
    NdisMedium802_5,
    NdisMediumFddi,
    NdisMediumWan,
    NdisMediumLocalTalk,
    NdisMediumDix,
    NdisMediumArcnetRaw,
    NdisMediumArcnet878_2,
    NdisMediumAtm,
    NdisMediumWirelessWan,
    NdisMediumIrda,
    NdisMediumBpc,
    NdisMediumCoWan,
    NdisMedium1394,
    NdisMediumInfiniBand,
    NdisMediumTunnel,
    NdisMediumNative802_11,
    NdisMediumLoopback,
    NdisMediumWiMAX,
    NdisMediumIP,
    NdisMediumMax /* an upper bound, not a medium */
} NDIS_MEDIUM, *PNDIS_MEDIUM;

/* ---- OID_GEN_MEDIA_CONNECT_STATUS ---- */
typedef enum _NDIS_MEDIA_STATE {
    NdisMediaStateConnected,
    NdisMediaStateDisconnected
} NDIS_MEDIA_STATE, *PNDIS_MEDIA_STATE;

/* ---- Power management: OID_PNP_CAPABILITIES, OID_PNP_ENABLE_WAKE_UP, wake-up patterns ---- */

/* OID_PNP_ENABLE_WAKE_UP / NDIS_PNP_CAPABILITIES.Flags */
#define NDIS_PNP_WAKE_UP_MAGIC_PACKET            0x00000001
#define NDIS_PNP_WAKE_UP_PATTERN_MATCH           0x00000002
#define NDIS_PNP_WAKE_UP_LINK_CHANGE             0x00000004
#define NDIS_DEVICE_WAKE_UP_ENABLE               0x00000001
#define NDIS_DEVICE_WAKE_ON_PATTERN_MATCH_ENABLE 0x00000002
#define NDIS_DEVICE_WAKE_ON_MAGIC_PACKET_ENABLE  0x00000004

/* A wake-up pattern (OID_PNP_ADD_WAKE_UP_PATTERN): MaskSize bytes of mask follow the structure,
 * the PatternSize bytes of the pattern are at PatternOffset from its start. */
typedef struct _NDIS_PM_PACKET_PATTERN {
    ULONG Priority;
    ULONG Reserved;
    ULONG MaskSize;
    ULONG PatternOffset;
    ULONG PatternSize;
    ULONG PatternFlags;
} NDIS_PM_PACKET_PATTERN, *PNDIS_PM_PACKET_PATTERN;

typedef enum _NDIS_DEVICE_POWER_STATE {
    NdisDeviceStateUnspecified = 0,
    NdisDeviceStateD0,
    NdisDeviceStateD1,
    NdisDeviceStateD2,
    NdisDeviceStateD3,
    NdisDeviceStateMaximum
} NDIS_DEVICE_POWER_STATE, *PNDIS_DEVICE_POWER_STATE;

/* The lowest-power state from which each kind of wake-up still works. */
typedef struct _NDIS_PM_WAKE_UP_CAPABILITIES {
    NDIS_DEVICE_POWER_STATE MinMagicPacketWakeUp;
    NDIS_DEVICE_POWER_STATE MinPatternWakeUp;
    NDIS_DEVICE_POWER_STATE MinLinkChangeWakeUp;
} NDIS_PM_WAKE_UP_CAPABILITIES, *PNDIS_PM_WAKE_UP_CAPABILITIES;

typedef struct _NDIS_PNP_CAPABILITIES {
    ULONG Flags; /* NDIS_DEVICE_WAKE_* */
    NDIS_PM_WAKE_UP_CAPABILITIES WakeUpCapabilities;
} NDIS_PNP_CAPABILITIES, *PNDIS_PNP_CAPABILITIES;

/* EtherTypes in host byte order, as NDIS receive filters and WFP's MAC layers compare them. No
 * reference page gives them: values from Microsoft's Win32 metadata (microsoft/win32metadata,
 * generation/WinSDK/RecompiledIdlHeaders/shared/ntddndis.h); they are the IEEE-assigned
 * EtherTypes (the same as netiodef.h's ETHERNET_TYPE_*). */
#define NDIS_ETH_TYPE_IPV4          0x0800
#define NDIS_ETH_TYPE_ARP           0x0806
#define NDIS_ETH_TYPE_IPV6          0x86dd
#define NDIS_ETH_TYPE_802_1X        0x888e
#define NDIS_ETH_TYPE_802_1Q        0x8100
#define NDIS_ETH_TYPE_SLOW_PROTOCOL 0x8809

#ifdef __cplusplus
}
#endif

#endif /* _NTDDNDIS_ */
