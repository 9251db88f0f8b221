/*
 * test_wfp_inlines.c - the macros of the WFP callout headers that a callout driver compiles into
 * itself: the NET_BUFFER and NET_BUFFER_LIST accessors and NBL flag tests (nblaccessors
 * reference), the NET_BUFFER_LIST context data start and size, and
 * FWPS_IS_METADATA_FIELD_PRESENT and FWPS_IS_L2_METADATA_FIELD_PRESENT (every requested bit
 * present, as the fwpsk reference says).
 */
#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>

#include "harness.h"

#include <string.h>

TEST(net_buffer_accessors)
{
    static MDL mdl1, mdl2;
    NET_BUFFER nb2, nb;
    memset(&nb, 0, sizeof(nb));
    memset(&nb2, 0, sizeof(nb2));
    nb.Next = &nb2;
    nb.MdlChain = &mdl1;
    nb.CurrentMdl = &mdl2;
    nb.CurrentMdlOffset = 12;
    nb.DataLength = 1500;
    nb.DataOffset = 34;
    nb.ChecksumBias = 7;
    ok(NET_BUFFER_NEXT_NB(&nb) == &nb2 && NET_BUFFER_NEXT_NB(&nb2) == NULL, "next\n");
    ok(NET_BUFFER_FIRST_MDL(&nb) == &mdl1 && NET_BUFFER_CURRENT_MDL(&nb) == &mdl2, "mdls\n");
    ok(NET_BUFFER_CURRENT_MDL_OFFSET(&nb) == 12, "mdl offset %lu\n",
       (unsigned long)NET_BUFFER_CURRENT_MDL_OFFSET(&nb));
    ok(NET_BUFFER_DATA_LENGTH(&nb) == 1500 && NET_BUFFER_DATA_OFFSET(&nb) == 34, "data\n");
    ok(NET_BUFFER_CHECKSUM_BIAS(&nb) == 7, "bias\n");
    ok(NET_BUFFER_PROTOCOL_RESERVED(&nb) == nb.ProtocolReserved, "protocol reserved\n");
    ok(NET_BUFFER_MINIPORT_RESERVED(&nb) == nb.MiniportReserved, "miniport reserved\n");
    nb.DataPhysicalAddress.QuadPart = 0x1000;
    ok(NET_BUFFER_DATA_PHYSICAL_ADDRESS(&nb).QuadPart == 0x1000, "physical address\n");
    /* DataLength and stDataLength share their storage (the low half on x64). */
    nb.stDataLength = 0x1234;
    ok(NET_BUFFER_DATA_LENGTH(&nb) == 0x1234, "stDataLength %lu\n",
       (unsigned long)NET_BUFFER_DATA_LENGTH(&nb));
}

TEST(net_buffer_list_accessors)
{
    NET_BUFFER nb;
    NET_BUFFER_LIST nbl2, nbl;
    memset(&nbl, 0, sizeof(nbl));
    memset(&nbl2, 0, sizeof(nbl2));
    nbl.Next = &nbl2;
    nbl.FirstNetBuffer = &nb;
    nbl.Status = NDIS_STATUS_PAUSED;
    ok(NET_BUFFER_LIST_NEXT_NBL(&nbl) == &nbl2 && NET_BUFFER_LIST_FIRST_NB(&nbl) == &nb, "links\n");
    ok(NET_BUFFER_LIST_STATUS(&nbl) == NDIS_STATUS_PAUSED, "status\n");
    ok(NET_BUFFER_LIST_PROTOCOL_RESERVED(&nbl) == nbl.ProtocolReserved, "protocol reserved\n");
    ok(NET_BUFFER_LIST_MINIPORT_RESERVED(&nbl) == nbl.MiniportReserved, "miniport reserved\n");
    NET_BUFFER_LIST_INFO(&nbl, WfpNetBufferListInfo) = (PVOID)&nb;
    ok(nbl.NetBufferListInfo[WfpNetBufferListInfo] == &nb, "info\n");
    NET_BUFFER_LIST_FLAGS(&nbl) = NBL_FLAGS_PROTOCOL_RESERVED;
    ok(nbl.Flags == 0xFFF00000, "flags %lx\n", (unsigned long)nbl.Flags);
}

TEST(nbl_flag_tests)
{
    NET_BUFFER_LIST nbl;
    memset(&nbl, 0, sizeof(nbl));
    NdisSetNblFlag(&nbl, NDIS_NBL_FLAGS_IS_IPV4);
    NdisSetNblFlag(&nbl, NDIS_NBL_FLAGS_IS_TCP);
    ok(NET_BUFFER_LIST_NBL_FLAGS(&nbl) == (NDIS_NBL_FLAGS_IS_IPV4 | NDIS_NBL_FLAGS_IS_TCP),
       "set\n");
    ok(NdisTestNblFlag(&nbl, NDIS_NBL_FLAGS_IS_TCP), "test one\n");
    ok(!NdisTestNblFlag(&nbl, NDIS_NBL_FLAGS_IS_UDP), "test absent\n");
    /* NdisTestNblFlags: all of them; NdisTestNblFlag: any of them. */
    ok(!NdisTestNblFlags(&nbl, NDIS_NBL_FLAGS_IS_TCP | NDIS_NBL_FLAGS_IS_UDP), "all\n");
    ok(NdisTestNblFlag(&nbl, NDIS_NBL_FLAGS_IS_TCP | NDIS_NBL_FLAGS_IS_UDP), "any\n");
    NdisClearNblFlag(&nbl, NDIS_NBL_FLAGS_IS_IPV4);
    ok(nbl.NblFlags == NDIS_NBL_FLAGS_IS_TCP, "clear %lx\n", (unsigned long)nbl.NblFlags);
}

/* The context data is the part of the block after Offset: what a driver allocated with
 * ContextBackFill in front of it. */
TEST(net_buffer_list_context_data)
{
    static union {
        NET_BUFFER_LIST_CONTEXT ctx;
        UCHAR bytes[sizeof(NET_BUFFER_LIST_CONTEXT) + 64];
    } block;
    NET_BUFFER_LIST nbl;
    memset(&nbl, 0, sizeof(nbl));
    block.ctx.Size = 64;
    block.ctx.Offset = 16;
    nbl.Context = &block.ctx;
    ok(NET_BUFFER_LIST_CONTEXT_DATA_START(&nbl) ==
           block.bytes + sizeof(NET_BUFFER_LIST_CONTEXT) + 16,
       "start\n");
    ok(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(&nbl) == 48, "size %u\n",
       (unsigned)NET_BUFFER_LIST_CONTEXT_DATA_SIZE(&nbl));
}

TEST(metadata_field_present)
{
    FWPS_INCOMING_METADATA_VALUES0 meta;
    memset(&meta, 0, sizeof(meta));
    meta.currentMetadataValues = FWPS_METADATA_FIELD_FLOW_HANDLE | FWPS_METADATA_FIELD_PROCESS_ID;
    ok(FWPS_IS_METADATA_FIELD_PRESENT(&meta, FWPS_METADATA_FIELD_FLOW_HANDLE), "flow handle\n");
    ok(!FWPS_IS_METADATA_FIELD_PRESENT(&meta, FWPS_METADATA_FIELD_COMPLETION_HANDLE), "absent\n");
    ok(!FWPS_IS_METADATA_FIELD_PRESENT(&meta, FWPS_METADATA_FIELD_FLOW_HANDLE |
                                                  FWPS_METADATA_FIELD_COMPLETION_HANDLE),
       "one of two\n");
    ok(FWPS_IS_METADATA_FIELD_PRESENT(&meta, FWPS_METADATA_FIELD_FLOW_HANDLE |
                                                 FWPS_METADATA_FIELD_PROCESS_ID),
       "both\n");
}

/* The layer 2 fields: currentL2MetadataValues, not the layer 3 mask. */
TEST(l2_metadata_field_present)
{
    FWPS_INCOMING_METADATA_VALUES0 meta;
    memset(&meta, 0, sizeof(meta));
    meta.currentMetadataValues = FWPS_L2_METADATA_FIELD_VSWITCH_SOURCE_PORT_ID;
    meta.currentL2MetadataValues = FWPS_L2_METADATA_FIELD_ETHERNET_MAC_HEADER_SIZE |
                                   FWPS_L2_METADATA_FIELD_VSWITCH_SOURCE_NIC_INDEX;
    ok(FWPS_IS_L2_METADATA_FIELD_PRESENT(&meta, FWPS_L2_METADATA_FIELD_ETHERNET_MAC_HEADER_SIZE),
       "MAC header size\n");
    ok(!FWPS_IS_L2_METADATA_FIELD_PRESENT(&meta, FWPS_L2_METADATA_FIELD_VSWITCH_SOURCE_PORT_ID),
       "the layer 3 mask was read\n");
    ok(!FWPS_IS_L2_METADATA_FIELD_PRESENT(&meta, FWPS_L2_METADATA_FIELD_ETHERNET_MAC_HEADER_SIZE |
                                                     FWPS_L2_METADATA_FIELD_VSWITCH_PACKET_CONTEXT),
       "one of two\n");
}

/* NDIS_TCP_IP_CHECKSUM_PACKET_INFO: the flags are bits of Value from bit 0, in the page's order. */
TEST(checksum_packet_info_bits)
{
    NDIS_TCP_IP_CHECKSUM_PACKET_INFO info;
    memset(&info, 0, sizeof(info));
    info.Value = 0x20; /* bit 5 */
    ok(sizeof(info) == sizeof(ULONG), "size %u\n", (unsigned)sizeof(info));
    ok(info.Receive.NdisPacketIpChecksumSucceeded && !info.Receive.NdisPacketUdpChecksumSucceeded,
       "receive bit 5\n");
    info.Value = 0;
    info.Transmit.NdisPacketTcpChecksum = 1;
    ok(info.Value == 0x4, "transmit TCP checksum is 0x%lx\n", (unsigned long)info.Value);
}
