/*
 * sdpnode.h - the tree form of an SDP record that the SDP node and parse interfaces
 * (<bthsdpddi.h>) build and walk: a node header linking a node into its container's list, the
 * typed value union, the node, and the tree root. Names and x64 layouts as documented
 * (wdk-ddi-src/content/sdpnode/); pinned by tests/headers (bth_layout.c).
 */
#ifndef __SDPNODE_H__
#define __SDPNODE_H__

#include <bthsdpdef.h>
#include <ntdef.h>

typedef UCHAR SDP_BOOLEAN;

/* The container interface of the user-mode SDP API; kernel-mode trees never use it (opaque). */
typedef struct ISdpNodeContainer ISdpNodeContainer;

/* Link: the entry in the parent container's list (or the tree root's). Type is an SDP_TYPE,
 * SpecificType an SDP_SPECIFICTYPE. */
typedef struct _SDP_NODE_HEADER {
    LIST_ENTRY Link;
    USHORT Type;
    USHORT SpecificType;
} SDP_NODE_HEADER, *PSDP_NODE_HEADER;

/* The value, by Type: a sequence or alternative is the head of its children's list. */
typedef union _SDP_NODE_DATA {
    SDP_LARGE_INTEGER_16 int128;
    SDP_ULARGE_INTEGER_16 uint128;
    GUID uuid128;
    ULONG uuid32;
    USHORT uuid16;
    LONGLONG int64;
    ULONGLONG uint64;
    LONG int32;
    ULONG uint32;
    SHORT int16;
    USHORT uint16;
    CHAR int8;
    UCHAR uint8;
    SDP_BOOLEAN boolean;
    PCHAR string;
    PCHAR url;
    SDP_NODE_HEADER sequence;
    SDP_NODE_HEADER alternative;
    ISdpNodeContainer *container;
    struct {
        PUCHAR stream;
        ULONG streamLength;
    };
} SDP_NODE_DATA, *PSDP_NODE_DATA;

/* DataSize: the byte length of a string or URL value. */
typedef struct _SDP_NODE {
    SDP_NODE_HEADER hdr;
    ULONG DataSize;
    SDP_NODE_DATA u;
    PVOID Reserved;
} SDP_NODE, *PSDP_NODE;

/* The record: RootNode is a sequence of (attribute id, value) pairs. */
typedef struct _SDP_TREE_ROOT_NODE {
    SDP_NODE RootNode;
} SDP_TREE_ROOT_NODE, *PSDP_TREE_ROOT_NODE;

#endif /* __SDPNODE_H__ */
