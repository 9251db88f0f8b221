/* netio_layout.c - the network wire headers (netiodef.h), the Native 802.11 operation modes
 * (windot11.h), the NDIS EtherTypes (ntddndis.h) and the discard reasons of fwpsk.h, included as
 * a WFP callout driver includes them (ndis.h brings netiodef.h and windot11.h): sizes, offsets,
 * bit-field positions and values pinned at compile time (this module failing to build is the
 * test failing). The layouts are Microsoft's Win32 metadata's (netiodef.h has no reference page):
 * each header's size is its RFC's, and the bit-fields put each field where its RFC puts it on
 * the wire (checked through a byte image, as a callout reads a packet). */
#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>

#define SAME_TYPE(a, b) __builtin_types_compatible_p(a, b)

/* ---- netiodef.h: sizes and offsets */
C_ASSERT(sizeof(DL_EUI48) == 6 && sizeof(DL_OUI) == 3 && sizeof(DL_EI48) == 3);
C_ASSERT(sizeof(ETHERNET_HEADER) == ETH_LENGTH_OF_HEADER && ETH_LENGTH_OF_HEADER == 14);
C_ASSERT(FIELD_OFFSET(ETHERNET_HEADER, Source) == 6 && FIELD_OFFSET(ETHERNET_HEADER, Type) == 12);
C_ASSERT(FIELD_OFFSET(ETHERNET_HEADER, Length) == 12);
C_ASSERT(sizeof(SNAP_HEADER) == ETH_LENGTH_OF_SNAP_HEADER && ETH_LENGTH_OF_SNAP_HEADER == 8);
C_ASSERT(FIELD_OFFSET(SNAP_HEADER, Oui) == 3 && FIELD_OFFSET(SNAP_HEADER, Type) == 6);
C_ASSERT(sizeof(VLAN_TAG) == ETH_LENGTH_OF_VLAN_HEADER && FIELD_OFFSET(VLAN_TAG, Type) == 2);
C_ASSERT(sizeof(ICMP_HEADER) == 4 && FIELD_OFFSET(ICMP_HEADER, Checksum) == 2);
C_ASSERT(sizeof(ICMP_MESSAGE) == 8 && FIELD_OFFSET(ICMP_MESSAGE, Data) == 4);
C_ASSERT(sizeof(ICMPV4_MESSAGE) == 8 && sizeof(ICMPV6_HEADER) == 4);
C_ASSERT(sizeof(IPV4_HEADER) == 20 && FIELD_OFFSET(IPV4_HEADER, TotalLength) == 2);
C_ASSERT(FIELD_OFFSET(IPV4_HEADER, Identification) == 4);
C_ASSERT(FIELD_OFFSET(IPV4_HEADER, FlagsAndOffset) == 6);
C_ASSERT(FIELD_OFFSET(IPV4_HEADER, TimeToLive) == 8 && FIELD_OFFSET(IPV4_HEADER, Protocol) == 9);
C_ASSERT(FIELD_OFFSET(IPV4_HEADER, HeaderChecksum) == 10);
C_ASSERT(FIELD_OFFSET(IPV4_HEADER, SourceAddress) == 12);
C_ASSERT(FIELD_OFFSET(IPV4_HEADER, DestinationAddress) == 16);
C_ASSERT(sizeof(IPV4_OPTION_HEADER) == 2 && IP_OPT_ROUTER_ALERT == 0x94 && IP_OPT_TS == 0x44);
C_ASSERT(sizeof(IPV6_HEADER) == 40 && FIELD_OFFSET(IPV6_HEADER, PayloadLength) == 4);
C_ASSERT(FIELD_OFFSET(IPV6_HEADER, NextHeader) == 6 && FIELD_OFFSET(IPV6_HEADER, HopLimit) == 7);
C_ASSERT(FIELD_OFFSET(IPV6_HEADER, SourceAddress) == 8);
C_ASSERT(FIELD_OFFSET(IPV6_HEADER, DestinationAddress) == 24);
C_ASSERT(sizeof(IPV6_FRAGMENT_HEADER) == 8 && FIELD_OFFSET(IPV6_FRAGMENT_HEADER, Id) == 4);
C_ASSERT(FIELD_OFFSET(IPV6_FRAGMENT_HEADER, OffsetAndFlags) == 2);
C_ASSERT(sizeof(IPV6_EXTENSION_HEADER) == 2 && sizeof(IPV6_OPTION_HEADER) == 2);
C_ASSERT(sizeof(IPV6_ROUTING_HEADER) == 8);
C_ASSERT(sizeof(TCP_HDR) == 20 && FIELD_OFFSET(TCP_HDR, th_seq) == 4);
C_ASSERT(FIELD_OFFSET(TCP_HDR, th_ack) == 8 && FIELD_OFFSET(TCP_HDR, th_flags) == 13);
C_ASSERT(FIELD_OFFSET(TCP_HDR, th_win) == 14 && FIELD_OFFSET(TCP_HDR, th_urp) == 18);

/* ---- netiodef.h: constants */
C_ASSERT(ETHERNET_TYPE_IPV4 == 0x0800 && ETHERNET_TYPE_ARP == 0x0806);
C_ASSERT(ETHERNET_TYPE_IPV6 == 0x86dd && ETHERNET_TYPE_802_1Q == 0x8100);
C_ASSERT(ETHERNET_TYPE_802_1AD == 0x88a8 && ETHERNET_TYPE_MINIMUM == 0x0600);
C_ASSERT(SNAP_DSAP == 0xaa && SNAP_SSAP == 0xaa && SNAP_CONTROL == 3 && SNAP_OUI == 0);
C_ASSERT(IPV4_VERSION == 4 && IPV4_DEFAULT_VERHLEN == 0x45 && IP_VER_MASK == 0xF0);
C_ASSERT(MAX_IPV4_PACKET == 65535 && MAX_IPV4_PAYLOAD == 65515 && MAX_IPV4_HLEN == 60);
C_ASSERT(IPV4_MINIMUM_MTU == 576 && IPV4_MINIMUM_ULMTU == 556 && MAX_IP_OPTIONS_LENGTH == 40);
C_ASSERT(IP4_OFF_MASK == 0xff1f);
C_ASSERT(IPV6_VERSION == 0x60 && IPV6_MINIMUM_MTU == 1280 && IPV6_MINIMUM_ULMTU == 1240);
C_ASSERT(MAX_IPV6_PACKET == 65575 && IPV6_FLOW_LABEL_MASK == 0xFFFF0F00);
C_ASSERT(IPV6_TRAFFIC_CLASS_MASK == 0x0000C00F && IPV6_ECN_MASK == 0x00003000);
C_ASSERT(IP6F_OFF_MASK == 0xf8ff && IP6F_MORE_FRAG == 0x0100);
C_ASSERT(IPV6_EXTENSION_HEADER_LENGTH(0) == 8 && MAX_IPV6_EXTENSION_HEADER_LENGTH == 2048);
C_ASSERT(ICMP4_UNREACH_PORT == 3 && ICMP4_UNREACH_FRAG_NEEDED == 4 && ICMP4_UNREACH_ADMIN == 13);
C_ASSERT(ICMP4_TIME_EXCEED_REASSEMBLY == 1);
C_ASSERT(TH_FIN == 1 && TH_SYN == 2 && TH_RST == 4 && TH_ACK == 0x10 && TH_CWR == 0x80);
C_ASSERT(TH_ALL == 0xff && TH_SYN_ALL == 0x17 && TH_MAX_LEN == 60 && TH_OPT_MSS == 2);

/* ---- windot11.h, ntddndis.h */
C_ASSERT(DOT11_OPERATION_MODE_EXTENSIBLE_STATION == 0x4 && DOT11_OPERATION_MODE_AP == 0x2);
C_ASSERT(DOT11_OPERATION_MODE_EXTENSIBLE_AP == 0x8 && DOT11_OPERATION_MODE_WFD_DEVICE == 0x10);
C_ASSERT(DOT11_OPERATION_MODE_WFD_GROUP_OWNER == 0x20 && DOT11_OPERATION_MODE_WFD_CLIENT == 0x40);
C_ASSERT(DOT11_OPERATION_MODE_NETWORK_MONITOR == 0x80000000);
C_ASSERT(DOT11_OPERATION_MODE_MANUFACTURING == 0x40000000);
C_ASSERT(sizeof(DOT11_CURRENT_OPERATION_MODE) == 8);
C_ASSERT(FIELD_OFFSET(DOT11_CURRENT_OPERATION_MODE, uCurrentOpMode) == 4);
C_ASSERT(NDIS_ETH_TYPE_IPV4 == 0x0800 && NDIS_ETH_TYPE_ARP == 0x0806);
C_ASSERT(NDIS_ETH_TYPE_IPV6 == 0x86dd && NDIS_ETH_TYPE_802_1X == 0x888e);
C_ASSERT(NDIS_ETH_TYPE_802_1Q == 0x8100 && NDIS_ETH_TYPE_SLOW_PROTOCOL == 0x8809);

/* ---- fwpsk.h: discard reasons */
C_ASSERT(IpDiscardBadSourceAddress == 1 && IpDiscardNotLocallyDestined == 2);
C_ASSERT(IpDiscardInspectionDrop == 9 && IpDiscardHeaderNotAligned == 15);
C_ASSERT(IpDiscardReceivePathMax == 127 && IpDiscardHopLimitExceeded == 128);
C_ASSERT(IpDiscardRscPacket == 130 && IpDiscardSourceViolation == 131);
C_ASSERT(IpDiscardForwardPathMax == 255 && IpDiscardArbitrationUnhandled == 256);
C_ASSERT(IpDiscardInspectionAbsorb == 257 && IpDiscardAllocationFailure == 264);
C_ASSERT(IpDiscardIpsnpiClientDrop == 265 && IpDiscardIpsnpiAllocationFailure == 271);
C_ASSERT(IpDiscardIpsnpiInvalidUsoInfo == 283 && IpDiscardInternalError == 284);
C_ASSERT(IpDiscardNlClientDiscard == 291 && IpDiscardSwUsoFailure == 293);
C_ASSERT(IpDiscardMax == 294 && sizeof(IP_DISCARD_REASON) == 4);
C_ASSERT(FWPS_DISCARD_FIREWALL_POLICY == 0 && FWPS_DISCARD_IPSEC == 1);
C_ASSERT(FWPS_GENERAL_DISCARD_REASON_MAX == 2);
C_ASSERT(FWPS_L2_METADATA_FIELD_RESERVED == 0x80000000);
C_ASSERT(STATUS_FWP_CALLOUT_NOT_FOUND == (NTSTATUS)0xC0220001 &&
         STATUS_FWP_INCOMPATIBLE_LAYER == (NTSTATUS)0xC0220014);
/* The redirect layers' writable data (their pages' syntax blocks, natural x64 alignment). */
C_ASSERT(FIELD_OFFSET(FWPS_CONNECT_REQUEST0, remoteAddressAndPort) == 128);
C_ASSERT(FIELD_OFFSET(FWPS_CONNECT_REQUEST0, portReservationToken) == 256);
C_ASSERT(FIELD_OFFSET(FWPS_CONNECT_REQUEST0, localRedirectTargetPID) == 264);
C_ASSERT(FIELD_OFFSET(FWPS_CONNECT_REQUEST0, previousVersion) == 272);
C_ASSERT(FIELD_OFFSET(FWPS_CONNECT_REQUEST0, modifierFilterId) == 280);
C_ASSERT(FIELD_OFFSET(FWPS_CONNECT_REQUEST0, localRedirectHandle) == 288);
C_ASSERT(FIELD_OFFSET(FWPS_CONNECT_REQUEST0, localRedirectContextSize) == 304);
C_ASSERT(sizeof(FWPS_CONNECT_REQUEST0) == 312 && sizeof(FWPS_BIND_REQUEST0) == 152);
C_ASSERT(FIELD_OFFSET(FWPS_BIND_REQUEST0, portReservationToken) == 128);
C_ASSERT(FIELD_OFFSET(FWPS_BIND_REQUEST0, previousVersion) == 136);
C_ASSERT(FIELD_OFFSET(FWPS_BIND_REQUEST0, modifierFilterId) == 144);
/* ipsectypes.h's keying policy and DoS protection options (Win32 metadata, natural alignment). */
C_ASSERT(sizeof(IPSEC_KEYING_POLICY0) == 16 && FIELD_OFFSET(IPSEC_KEYING_POLICY0, keyModKeys) == 8);
C_ASSERT(sizeof(IPSEC_KEYING_POLICY1) == 24 && FIELD_OFFSET(IPSEC_KEYING_POLICY1, flags) == 16);
C_ASSERT(SAME_TYPE(IPSEC_KEYING_POLICY, IPSEC_KEYING_POLICY1));
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, ipV6IPsecUnauthDscp) == 8);
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, ipV6IPsecUnauthRateLimitBytesPerSec) == 12);
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, defBlockExemptRateLimitBytesPerSec) == 48);
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, flags) == 60);
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, publicIFLuids) == 72);
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, internalIFLuids) == 88);
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, publicV6AddrMask) == 96);
C_ASSERT(FIELD_OFFSET(IPSEC_DOSP_OPTIONS0, internalV6AddrMask) == 113);
C_ASSERT(sizeof(IPSEC_DOSP_OPTIONS0) == 136);
C_ASSERT(IPSEC_DOSP_FLAG_FILTER_EXEMPT == 0x20 && IPSEC_DOSP_DSCP_DISABLE_VALUE == 0xff);
C_ASSERT(IPSEC_KEYING_POLICY_FLAG_TERMINATING_MATCH == 1);
/* notifyFn may write the filter's context: a non-const filter pointer in every version. */
C_ASSERT(SAME_TYPE(FWPS_CALLOUT_NOTIFY_FN3,
                   NTSTATUS NTAPI(FWPS_CALLOUT_NOTIFY_TYPE, const GUID *, FWPS_FILTER3 *)));
C_ASSERT(SAME_TYPE(FWPS_CALLOUT_NOTIFY_FN0,
                   NTSTATUS NTAPI(FWPS_CALLOUT_NOTIFY_TYPE, const GUID *, FWPS_FILTER0 *)));
C_ASSERT(SAME_TYPE(FWPS_CALLOUT_NOTIFY_FN1,
                   NTSTATUS NTAPI(FWPS_CALLOUT_NOTIFY_TYPE, const GUID *, FWPS_FILTER1 *)));
C_ASSERT(SAME_TYPE(FWPS_CALLOUT_NOTIFY_FN2,
                   NTSTATUS NTAPI(FWPS_CALLOUT_NOTIFY_TYPE, const GUID *, FWPS_FILTER2 *)));

/* The bit-fields over a byte image of real headers: each field where its RFC puts it. */
static const UCHAR ipv4_image[20] = {0x45, 0xB9, 0x00, 0x54, 0x12, 0x34, 0x40, 0x00, 64, 6};
static const UCHAR ipv6_image[40] = {0x6A, 0xB1, 0x23, 0x45, 0x00, 0x10, 17, 255};
static const UCHAR frag_image[8] = {6, 0, 0x05, 0x39, 0, 0, 0, 1};
static const UCHAR vlan_image[4] = {0xA0, 0x64, 0x08, 0x00};
static const UCHAR tcp_image[20] = {0, 80, 0x1F, 0x90, 0, 0, 0, 1, 0, 0, 0, 2, 0x50, 0x12};
static const UCHAR option_image[2] = {0x94, 4};

static NTSTATUS CheckBitFields(void)
{
    const IPV4_HEADER *v4 = (const IPV4_HEADER *)ipv4_image;
    const IPV6_HEADER *v6 = (const IPV6_HEADER *)ipv6_image;
    const IPV6_FRAGMENT_HEADER *frag = (const IPV6_FRAGMENT_HEADER *)frag_image;
    const VLAN_TAG *vlan = (const VLAN_TAG *)vlan_image;
    const TCP_HDR *tcp = (const TCP_HDR *)tcp_image;
    const IPV4_OPTION_HEADER *option = (const IPV4_OPTION_HEADER *)option_image;

    /* 0x45: version 4, 5 words; 0xB9: DSCP 46 (EF), ECN 1; 0x40 0x00: don't fragment. */
    if (v4->Version != 4 || v4->HeaderLength != 5 || v4->TypeOfService != 46 || v4->EcnField != 1 ||
        v4->DontFragment != 1 || v4->MoreFragments != 0 || v4->Reserved != 0 ||
        v4->TimeToLive != 64 || v4->Protocol != 6 || RtlUshortByteSwap(v4->TotalLength) != 0x54) {
        return STATUS_UNSUCCESSFUL;
    }
    /* 0x6A...: version 6. Fragment 0x05 0x39: offset 167, more fragments (network order). */
    if (v6->Version != 6 || v6->NextHeader != 17 || v6->HopLimit != 255 ||
        RtlUshortByteSwap(v6->PayloadLength) != 16) {
        return STATUS_UNSUCCESSFUL;
    }
    if (frag->MoreFragments != 1 || (RtlUshortByteSwap(frag->OffsetAndFlags) >> 3) != 167) {
        return STATUS_UNSUCCESSFUL;
    }
    /* 0xA0 0x64 on the wire: priority 5, CFI 0, VID 100; the bit-fields name them once Tag
     * is in host order. */
    VLAN_TAG host;
    host.Tag = RtlUshortByteSwap(vlan->Tag);
    if (host.User_Priority != 5 || host.CFI != 0 || host.VID != 100 ||
        RtlUshortByteSwap(vlan->Type) != NDIS_ETH_TYPE_IPV4) {
        return STATUS_UNSUCCESSFUL;
    }
    /* Byte 12 0x50: a 5-word header; 0x12: SYN and ACK. */
    if (tcp->th_len != 5 || tcp->th_x2 != 0 || tcp->th_flags != (TH_SYN | TH_ACK) ||
        RtlUshortByteSwap(tcp->th_dport) != 8080) {
        return STATUS_UNSUCCESSFUL;
    }
    /* 0x94: copied, class 0, number 20 (router alert). */
    if (option->CopiedFlag != 1 || option->OptionClass != 0 || option->OptionNumber != 20) {
        return STATUS_UNSUCCESSFUL;
    }
    return STATUS_SUCCESS;
}

DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return CheckBitFields();
}
