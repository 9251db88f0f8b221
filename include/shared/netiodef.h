/*
 * netiodef.h - the network I/O subsystem's wire formats: the Ethernet, SNAP and VLAN headers, the
 * IPv4 and IPv6 headers with their option and extension headers, the ICMP header and message,
 * and the TCP header (Microsoft's names, constants and x64 layouts).
 *
 * Where the facts come from: netiodef.h has no folder in the DDI reference and no guide page
 * describes these structures, so every name, member, bit-field order and value below is from
 * Microsoft's Win32 metadata (microsoft/win32metadata,
 * generation/WinSDK/RecompiledIdlHeaders/shared/netiodef.h), the source issue 16 accepts for
 * what no page gives; the wire formats themselves are those of the RFCs the members are named
 * after (791 for IPv4, 8200 for IPv6, 792 for ICMP, 793 for TCP). Multi-byte members hold
 * network byte order, as on Windows (a driver swaps them with RtlUshortByteSwap/RtlUlongByteSwap).
 *
 * drvhost subset: the headers a packet-inspecting driver reads (what WFPSampler uses, and the
 * structures around it). Left out: the neighbour-discovery, MLD, IGMP and ARP messages, the
 * datalink EUI-64 address, the NAT64 inline helpers and the RFC 3542 alias macros (ip6_hdr, ...).
 * In the WDK a callout driver gets these definitions through the kernel network headers it
 * includes; here ndis.h includes this header (which of the WDK's headers does is not documented).
 */
#ifndef _NETIODEF_
#define _NETIODEF_

#include <ntdef.h>
#include <ws2def.h>
#include <ws2ipdef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Datalink (Ethernet) ------------------------------------------------------------------- */

/* An IEEE 48-bit MAC address: a 3-byte organizationally unique identifier (its first byte's low
 * bit the group bit, the next the locally administered bit) and a 3-byte extension. */
typedef union _DL_OUI {
    UINT8 Byte[3];
    struct {
        UINT8 Group : 1;
        UINT8 Local : 1;
    };
} DL_OUI, *PDL_OUI;

typedef union _DL_EI48 {
    UINT8 Byte[3];
} DL_EI48, *PDL_EI48;

typedef union _DL_EUI48 {
    UINT8 Byte[6];
    struct {
        DL_OUI Oui;
        DL_EI48 Ei48;
    };
} DL_EUI48, *PDL_EUI48;

/* The IEEE 802.2 SNAP header that follows an 802.3 (length-typed) Ethernet header. */
typedef struct _SNAP_HEADER {
    UINT8 Dsap;
    UINT8 Ssap;
    UINT8 Control;
    UINT8 Oui[3];
    UINT16 Type;
} SNAP_HEADER, *PSNAP_HEADER;

#define SNAP_DSAP    0xaa
#define SNAP_SSAP    0xaa
#define SNAP_CONTROL 0x03
#define SNAP_OUI     0x00

/* An Ethernet II header (Type) or an IEEE 802.3 one (Length, a SNAP header next). */
typedef struct _ETHERNET_HEADER {
    DL_EUI48 Destination;
    DL_EUI48 Source;
    union {
        UINT16 Type;
        UINT16 Length;
    };
} ETHERNET_HEADER, *PETHERNET_HEADER;

#define ETH_LENGTH_OF_HEADER      14
#define ETH_LENGTH_OF_VLAN_HEADER 4
#define ETH_LENGTH_OF_SNAP_HEADER 8

/* EtherType values, in host order (the header holds them in network order). */
#define ETHERNET_TYPE_MINIMUM 0x0600
#define ETHERNET_TYPE_IPV4    0x0800
#define ETHERNET_TYPE_ARP     0x0806
#define ETHERNET_TYPE_IPV6    0x86dd
#define ETHERNET_TYPE_802_1Q  0x8100
#define ETHERNET_TYPE_802_1AD 0x88a8
#define SNAP_TYPE_ARP         ETHERNET_TYPE_ARP
#define SNAP_TYPE_IPV4        ETHERNET_TYPE_IPV4
#define SNAP_TYPE_IPV6        ETHERNET_TYPE_IPV6

/* An IEEE 802.1Q tag: VID in the low 12 bits of Tag, then CFI, then the 3-bit priority. */
typedef struct _VLAN_TAG {
    union {
        UINT16 Tag;
        struct {
            UINT16 VID : 12;
            UINT16 CFI : 1;
            UINT16 User_Priority : 3;
        };
    };
    UINT16 Type;
} VLAN_TAG;

/* ---- ICMP ---------------------------------------------------------------------------------- */

typedef struct _ICMP_HEADER {
    UINT8 Type;
    UINT8 Code;
    UINT16 Checksum;
} ICMP_HEADER, *PICMP_HEADER;

/* The header and the message's first 4 type-specific bytes. */
typedef struct _ICMP_MESSAGE {
    ICMP_HEADER Header;
    union {
        UINT32 Data32[1];
        UINT16 Data16[2];
        UINT8 Data8[4];
    } Data;
} ICMP_MESSAGE, *PICMP_MESSAGE;

typedef ICMP_HEADER ICMPV4_HEADER, *PICMPV4_HEADER;
typedef ICMP_MESSAGE ICMPV4_MESSAGE, *PICMPV4_MESSAGE;
typedef ICMP_HEADER ICMPV6_HEADER, *PICMPV6_HEADER;
typedef ICMP_MESSAGE ICMPV6_MESSAGE, *PICMPV6_MESSAGE;

/* Codes of the ICMPv4 destination-unreachable (type 3) and time-exceeded (type 11) messages. */
typedef enum {
    ICMP4_UNREACH_NET = 0,
    ICMP4_UNREACH_HOST = 1,
    ICMP4_UNREACH_PROTOCOL = 2,
    ICMP4_UNREACH_PORT = 3,
    ICMP4_UNREACH_FRAG_NEEDED = 4,
    ICMP4_UNREACH_SOURCEROUTE_FAILED = 5,
    ICMP4_UNREACH_NET_UNKNOWN = 6,
    ICMP4_UNREACH_HOST_UNKNOWN = 7,
    ICMP4_UNREACH_ISOLATED = 8,
    ICMP4_UNREACH_NET_ADMIN = 9,
    ICMP4_UNREACH_HOST_ADMIN = 10,
    ICMP4_UNREACH_NET_TOS = 11,
    ICMP4_UNREACH_HOST_TOS = 12,
    ICMP4_UNREACH_ADMIN = 13,
} ICMP4_UNREACH_CODE, *PICMP4_UNREACH_CODE;

typedef enum {
    ICMP4_TIME_EXCEED_TRANSIT = 0,
    ICMP4_TIME_EXCEED_REASSEMBLY = 1,
} ICMP4_TIME_EXCEED_CODE, *PICMP4_TIME_EXCEED_CODE;

/* ---- IPv4 ---------------------------------------------------------------------------------- */

/* RFC 791's header. Bit-fields are allocated from the low bit (x64), so within the first byte
 * HeaderLength (the low nibble on the wire) comes before Version; the type-of-service byte is
 * split as RFC 3168 does (2 ECN bits, then the 6-bit DSCP Windows names TypeOfService); the
 * flags sit in the first byte of the (network-order) FlagsAndOffset. */
typedef struct _IPV4_HEADER {
    union {
        UINT8 VersionAndHeaderLength;
        struct {
            UINT8 HeaderLength : 4;
            UINT8 Version : 4;
        };
    };
    union {
        UINT8 TypeOfServiceAndEcnField;
        struct {
            UINT8 EcnField : 2;
            UINT8 TypeOfService : 6;
        };
    };
    UINT16 TotalLength;
    UINT16 Identification;
    union {
        UINT16 FlagsAndOffset;
        struct {
            UINT16 DontUse1 : 5;
            UINT16 MoreFragments : 1;
            UINT16 DontFragment : 1;
            UINT16 Reserved : 1;
            UINT16 DontUse2 : 8;
        };
    };
    UINT8 TimeToLive;
    UINT8 Protocol;
    UINT16 HeaderChecksum;
    IN_ADDR SourceAddress;
    IN_ADDR DestinationAddress;
} IPV4_HEADER, *PIPV4_HEADER;

#define IP_VER_MASK           0xF0 /* the version nibble of the first byte */
#define IPV4_VERSION          4
#define IPV4_VERSION_BYTE     (IPV4_VERSION << 4)
#define IPV4_DEFAULT_VERHLEN  ((IPV4_VERSION_BYTE) | (sizeof(IPV4_HEADER) / sizeof(UINT32)))
#define MAX_IPV4_PACKET       65535
#define MAX_IPV4_PAYLOAD      (MAX_IPV4_PACKET - sizeof(IPV4_HEADER))
#define MAX_IPV4_HLEN         60
#define IPV4_MINIMUM_MTU      576
#define IPV4_MINIMUM_ULMTU    (IPV4_MINIMUM_MTU - sizeof(IPV4_HEADER))
#define MAX_IP_OPTIONS_LENGTH ((0xF * sizeof(UINT32)) - sizeof(IPV4_HEADER))
#define IP4_OFF_MASK          0xff1f /* FlagsAndOffset without the flags (network order) */

/* An option's type byte (number, class, copied flag from the low bit) and its length. */
typedef struct _IPV4_OPTION_HEADER {
    union {
        UINT8 OptionType;
        struct {
            UINT8 OptionNumber : 5;
            UINT8 OptionClass : 2;
            UINT8 CopiedFlag : 1;
        };
    };
    UINT8 OptionLength;
} IPV4_OPTION_HEADER, *PIPV4_OPTION_HEADER;

typedef enum {
    IP_OPT_EOL = 0x00,
    IP_OPT_NOP = 0x01,
    IP_OPT_SECURITY = 0x82,
    IP_OPT_LSRR = 0x83,
    IP_OPT_TS = 0x44,
    IP_OPT_RR = 0x07,
    IP_OPT_SSRR = 0x89,
    IP_OPT_SID = 0x88,
    IP_OPT_ROUTER_ALERT = 0x94,
    IP_OPT_MULTIDEST = 0x95,
} IPV4_OPTION_TYPE;

/* ---- IPv6 ---------------------------------------------------------------------------------- */

/* RFC 8200's header. VersionClassFlow stays in network order; the anonymous structure reaches
 * the version nibble alone (bits 4-7 of the first byte). */
typedef struct _IPV6_HEADER {
    union {
        UINT32 VersionClassFlow;
        struct {
            UINT32 : 4;
            UINT32 Version : 4;
            UINT32 : 24;
        };
    };
    UINT16 PayloadLength;
    UINT8 NextHeader;
    UINT8 HopLimit;
    IN6_ADDR SourceAddress;
    IN6_ADDR DestinationAddress;
} IPV6_HEADER, *PIPV6_HEADER;

#define IPV6_VERSION                 0x60 /* 6 << 4, the first byte's version nibble */
#define IPV6_TRAFFIC_CLASS_MASK      0x0000C00F
#define IPV6_FULL_TRAFFIC_CLASS_MASK 0x0000F00F
#define IPV6_ECN_MASK                0x00003000
#define IPV6_FLOW_LABEL_MASK         0xFFFF0F00
#define IPV6_ECN_SHIFT               12
#define MAX_IPV6_PAYLOAD             65535
#define MAX_IPV6_PACKET              (MAX_IPV6_PAYLOAD + sizeof(IPV6_HEADER))
#define IPV6_MINIMUM_MTU             1280
#define IPV6_MINIMUM_ULMTU           (IPV6_MINIMUM_MTU - sizeof(IPV6_HEADER))

typedef struct _IPV6_FRAGMENT_HEADER {
    UINT8 NextHeader;
    UINT8 Reserved;
    union {
        struct {
            UINT16 DontUse1 : 8;
            UINT16 MoreFragments : 1;
            UINT16 ReservedBits : 2;
            UINT16 DontUse2 : 5;
        };
        UINT16 OffsetAndFlags;
    };
    UINT32 Id;
} IPV6_FRAGMENT_HEADER, *PIPV6_FRAGMENT_HEADER;

#define IP6F_OFF_MASK      0xf8ff
#define IP6F_RESERVED_MASK 0x0600
#define IP6F_MORE_FRAG     0x0100

/* A hop-by-hop or destination options header: Length counts 8-byte units after the first 8. */
typedef struct _IPV6_EXTENSION_HEADER {
    UINT8 NextHeader;
    UINT8 Length;
} IPV6_EXTENSION_HEADER, *PIPV6_EXTENSION_HEADER;

#define EXT_LEN_UNIT                         8
#define IPV6_EXTENSION_HEADER_LENGTH(Blocks) (((Blocks) + 1) * EXT_LEN_UNIT)
#define MAX_IPV6_EXTENSION_HEADER_LENGTH     IPV6_EXTENSION_HEADER_LENGTH(0xFF)

typedef struct _IPV6_OPTION_HEADER {
    UINT8 Type;
    UINT8 DataLength;
} IPV6_OPTION_HEADER, *PIPV6_OPTION_HEADER;

typedef struct _IPV6_ROUTING_HEADER {
    UCHAR NextHeader;
    UCHAR Length;
    UCHAR RoutingType;
    UCHAR SegmentsLeft;
    UCHAR Reserved[4];
} IPV6_ROUTING_HEADER, *PIPV6_ROUTING_HEADER;

#define ICMP6_INFOMSG_MASK 0x80

/* ---- TCP ----------------------------------------------------------------------------------- */

typedef UINT32 SEQ_NUM, *PSEQ_NUM;

/* RFC 793's header, byte-packed as Windows declares it; th_len is the data offset (in 32-bit
 * words), the high nibble of byte 12. */
#pragma pack(push, 1)
typedef struct tcp_hdr {
    UINT16 th_sport;
    UINT16 th_dport;
    SEQ_NUM th_seq;
    SEQ_NUM th_ack;
    UINT8 th_x2 : 4;
    UINT8 th_len : 4;
    UINT8 th_flags;
    UINT16 th_win;
    UINT16 th_sum;
    UINT16 th_urp;
} TCP_HDR, *PTCP_HDR;
#pragma pack(pop)

#define TH_MAX_LEN (0x0F << 2)
#define TH_FIN     0x01
#define TH_SYN     0x02
#define TH_RST     0x04
#define TH_PSH     0x08
#define TH_ACK     0x10
#define TH_URG     0x20
#define TH_ECE     0x40
#define TH_CWR     0x80
#define TH_ALL     (TH_FIN | TH_SYN | TH_RST | TH_PSH | TH_ACK | TH_URG | TH_ECE | TH_CWR)
#define TH_SYN_ALL (TH_FIN | TH_SYN | TH_RST | TH_ACK)

#define TH_OPT_EOL            0x00
#define TH_OPT_NOP            0x01
#define TH_OPT_MSS            0x02
#define TH_OPT_WS             0x03
#define TH_OPT_SACK_PERMITTED 0x04
#define TH_OPT_SACK           0x05
#define TH_OPT_TS             0x08
#define TH_OPT_FASTOPEN       0x22

#ifdef __cplusplus
}
#endif

#endif /* _NETIODEF_ */
