/*
 * ndis.h - the NDIS subset a Windows Filtering Platform callout driver uses: the network data
 * structures the filter engine hands to callouts (NET_BUFFER_LIST, NET_BUFFER and their MDL
 * chains), their accessor macros, the NET_BUFFER_LIST pools and the data-start routines
 * (Microsoft's names, values, signatures and x64 layouts, as the nbl, nblaccessors, nblapi and
 * nblinfo references describe them).
 *
 * NOT the NDIS of miniport, protocol and filter drivers: no NDIS_MINIPORT_*, NDIS_PROTOCOL_*,
 * NDIS_FILTER_* characteristics, no OID requests, no NdisMRegister..., so a driver of those
 * classes still fails to compile (docs/compatibility.md, "What drvhost deliberately does not
 * support"). drvhost has no NDIS: every routine here is declared DRVHOST_NOT_PROVIDED (a call is
 * a compiler warning naming it, and the loader refuses the module naming it).
 * Deviation: NDIS_NET_BUFFER_LIST_INFO (the reference lists the members, not their values) is
 * numbered in the reference's order, with its aliases, up to TcpReceiveBytesTransferred; the later
 * members are left out, so MaxNetBufferListInfo, the size of NetBufferListInfo[], is smaller than
 * Windows' (drvhost never allocates a NET_BUFFER_LIST: nothing depends on its size).
 */
#ifndef _NDIS_
#define _NDIS_

#include <ntddk.h>
#include <ntddndis.h>
#include <windot11.h> /* the windot11 pages name ndis.h as the header to include */
#include <netiodef.h> /* the wire headers a callout reads (netiodef.h: why here) */

#ifdef __cplusplus
extern "C" {
#endif

#define NDIS_API NTAPI
#define EXPORT

typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;
typedef ULONG NDIS_SWITCH_PORT_ID, *PNDIS_SWITCH_PORT_ID;
typedef USHORT NDIS_SWITCH_NIC_INDEX, *PNDIS_SWITCH_NIC_INDEX;
/* The NDIS port a frame came in on (a MAC_FRAME layer's NDIS_PORT field). */
typedef ULONG NDIS_PORT_NUMBER, *PNDIS_PORT_NUMBER;

/* NDIS 5's per-packet checksum offload flags (the NDIS_TCP_IP_CHECKSUM_PACKET_INFO page of the
 * previous-versions network reference), which callouts still read from a NET_BUFFER_LIST's
 * TcpIpChecksumNetBufferListInfo entry: one-bit flags from bit 0 up, in the page's order, over
 * one ULONG. */
typedef struct _NDIS_TCP_IP_CHECKSUM_PACKET_INFO {
    union {
        struct {
            ULONG NdisPacketChecksumV4 : 1;
            ULONG NdisPacketChecksumV6 : 1;
            ULONG NdisPacketTcpChecksum : 1;
            ULONG NdisPacketUdpChecksum : 1;
            ULONG NdisPacketIpChecksum : 1;
        } Transmit;
        struct {
            ULONG NdisPacketTcpChecksumFailed : 1;
            ULONG NdisPacketUdpChecksumFailed : 1;
            ULONG NdisPacketIpChecksumFailed : 1;
            ULONG NdisPacketTcpChecksumSucceeded : 1;
            ULONG NdisPacketUdpChecksumSucceeded : 1;
            ULONG NdisPacketIpChecksumSucceeded : 1;
            ULONG NdisPacketLoopback : 1;
        } Receive;
        ULONG Value;
    };
} NDIS_TCP_IP_CHECKSUM_PACKET_INFO, *PNDIS_TCP_IP_CHECKSUM_PACKET_INFO;

/* NDIS status values are NTSTATUS values: the general ones, and STATUS_NDIS_* for NDIS's own. */
#define NDIS_STATUS_SUCCESS           ((NDIS_STATUS)STATUS_SUCCESS)
#define NDIS_STATUS_PENDING           ((NDIS_STATUS)STATUS_PENDING)
#define NDIS_STATUS_FAILURE           ((NDIS_STATUS)STATUS_UNSUCCESSFUL)
#define NDIS_STATUS_RESOURCES         ((NDIS_STATUS)STATUS_INSUFFICIENT_RESOURCES)
#define NDIS_STATUS_NOT_SUPPORTED     ((NDIS_STATUS)STATUS_NOT_SUPPORTED)
#define NDIS_STATUS_INVALID_PARAMETER ((NDIS_STATUS)STATUS_INVALID_PARAMETER)
#define NDIS_STATUS_RESET_IN_PROGRESS ((NDIS_STATUS)0xC023000DL)
#define NDIS_STATUS_PAUSED            ((NDIS_STATUS)0xC023002AL)

/* The header every versioned NDIS structure begins with. */
typedef struct _NDIS_OBJECT_HEADER {
    UCHAR Type;
    UCHAR Revision;
    USHORT Size;
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

#define NDIS_OBJECT_TYPE_DEFAULT 0x80

/* ---- NET_BUFFER: one packet's data, described by an MDL chain */
typedef struct _NET_BUFFER NET_BUFFER, *PNET_BUFFER;
typedef struct _NET_BUFFER_LIST NET_BUFFER_LIST, *PNET_BUFFER_LIST;
typedef struct _NET_BUFFER_LIST_CONTEXT NET_BUFFER_LIST_CONTEXT, *PNET_BUFFER_LIST_CONTEXT;

typedef union _NET_BUFFER_DATA_LENGTH {
    ULONG DataLength;
    SIZE_T stDataLength;
} NET_BUFFER_DATA_LENGTH, *PNET_BUFFER_DATA_LENGTH;

/* NET_BUFFER_DATA's members, which NET_BUFFER also has by name (in a union with Link). */
#define DRVHOST_NET_BUFFER_DATA_MEMBERS                                                            \
    PNET_BUFFER Next;                                                                              \
    PMDL CurrentMdl;                                                                               \
    ULONG CurrentMdlOffset;                                                                        \
    union {                                                                                        \
        ULONG DataLength;                                                                          \
        SIZE_T stDataLength;                                                                       \
    };                                                                                             \
    PMDL MdlChain;                                                                                 \
    ULONG DataOffset

typedef struct _NET_BUFFER_DATA {
    DRVHOST_NET_BUFFER_DATA_MEMBERS;
} NET_BUFFER_DATA, *PNET_BUFFER_DATA;

typedef union _NET_BUFFER_HEADER {
    NET_BUFFER_DATA NetBufferData;
    SLIST_HEADER Link;
} NET_BUFFER_HEADER, *PNET_BUFFER_HEADER;

typedef struct _NET_BUFFER_SHARED_MEMORY NET_BUFFER_SHARED_MEMORY, *PNET_BUFFER_SHARED_MEMORY;
struct _NET_BUFFER_SHARED_MEMORY {
    PNET_BUFFER_SHARED_MEMORY NextSharedMemorySegment;
    ULONG SharedMemoryFlags;
    NDIS_HANDLE SharedMemoryHandle;
    ULONG SharedMemoryOffset;
    ULONG SharedMemoryLength;
};

struct _NET_BUFFER {
    union {
        struct {
            DRVHOST_NET_BUFFER_DATA_MEMBERS;
        };
        SLIST_HEADER Link;
        NET_BUFFER_HEADER NetBufferHeader;
    };
    USHORT ChecksumBias;
    USHORT Reserved;
    NDIS_HANDLE NdisPoolHandle;
    PVOID NdisReserved[2];
    PVOID ProtocolReserved[6];
    PVOID MiniportReserved[4];
    PHYSICAL_ADDRESS DataPhysicalAddress;
    union {
        PNET_BUFFER_SHARED_MEMORY SharedMemoryInfo;
        PSCATTER_GATHER_LIST ScatterGatherList;
    };
};

/* ---- NET_BUFFER_LIST: a list of NET_BUFFERs that share out-of-band data */
struct _NET_BUFFER_LIST_CONTEXT {
    PNET_BUFFER_LIST_CONTEXT Next;
    USHORT Size;
    USHORT Offset;
    UCHAR ContextData[];
};

typedef struct _NET_BUFFER_LIST_DATA {
    PNET_BUFFER_LIST Next;
    PNET_BUFFER FirstNetBuffer;
} NET_BUFFER_LIST_DATA, *PNET_BUFFER_LIST_DATA;

typedef union _NET_BUFFER_LIST_HEADER {
    NET_BUFFER_LIST_DATA NetBufferListData;
    SLIST_HEADER Link;
} NET_BUFFER_LIST_HEADER, *PNET_BUFFER_LIST_HEADER;

typedef enum _NDIS_NET_BUFFER_LIST_INFO {
    TcpIpChecksumNetBufferListInfo = 0,
    TcpOffloadBytesTransferred = TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
    IPsecOffloadV2NetBufferListInfo = IPsecOffloadV1NetBufferListInfo,
    TcpLargeSendNetBufferListInfo,
    TcpReceiveNoPush = TcpLargeSendNetBufferListInfo,
    ClassificationHandleNetBufferListInfo,
    Ieee8021QNetBufferListInfo,
    NetBufferListCancelId,
    MediaSpecificInformation,
    NetBufferListFrameType,
    NetBufferListProtocolId = NetBufferListFrameType,
    NetBufferListHashValue,
    NetBufferListHashInfo,
    WfpNetBufferListInfo,
    IPsecOffloadV2TunnelNetBufferListInfo,
    IPsecOffloadV2HeaderNetBufferListInfo,
    NetBufferListCorrelationId,
    NetBufferListFilteringInfo,
    MediaSpecificInformationEx,
    NblOriginalInterfaceIfIndex,
    NblReAuthWfpFlowContext = NblOriginalInterfaceIfIndex,
    TcpReceiveBytesTransferred,
    MaxNetBufferListInfo
} NDIS_NET_BUFFER_LIST_INFO, *PNDIS_NET_BUFFER_LIST_INFO;

/* NblFlags */
#define NDIS_NBL_FLAGS_SEND_READ_ONLY                        0x00000001
#define NDIS_NBL_FLAGS_RECV_READ_ONLY                        0x00000002
#define NDIS_NBL_FLAGS_HD_SPLIT                              0x00000100
#define NDIS_NBL_FLAGS_IS_IPV4                               0x00000200
#define NDIS_NBL_FLAGS_IS_IPV6                               0x00000400
#define NDIS_NBL_FLAGS_IS_TCP                                0x00000800
#define NDIS_NBL_FLAGS_IS_UDP                                0x00001000
#define NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_HEADER  0x00002000
#define NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_PAYLOAD 0x00004000
#define NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET                    0x00008000

/* Flags: the bits each owner may use */
#define NBL_FLAGS_PROTOCOL_RESERVED 0xFFF00000
#define NBL_FLAGS_MINIPORT_RESERVED 0x0000F000
#define NBL_FLAGS_SCRATCH           0x000F0000
#define NBL_FLAGS_NDIS_RESERVED     0x00000FFF

struct _NET_BUFFER_LIST {
    union {
        struct {
            PNET_BUFFER_LIST Next;
            PNET_BUFFER FirstNetBuffer;
        };
        SLIST_HEADER Link;
        NET_BUFFER_LIST_HEADER NetBufferListHeader;
    };
    PNET_BUFFER_LIST_CONTEXT Context;
    PNET_BUFFER_LIST ParentNetBufferList;
    NDIS_HANDLE NdisPoolHandle;
    PVOID NdisReserved[2];
    PVOID ProtocolReserved[4];
    PVOID MiniportReserved[2];
    PVOID Scratch;
    NDIS_HANDLE SourceHandle;
    ULONG NblFlags;
    LONG ChildRefCount;
    ULONG Flags;
    union {
        NDIS_STATUS Status;
        ULONG NdisReserved2;
    };
    PVOID NetBufferListInfo[MaxNetBufferListInfo];
};

/* ---- accessors (nblaccessors) */
#define NET_BUFFER_NEXT_NB(_NB)               ((_NB)->Next)
#define NET_BUFFER_FIRST_MDL(_NB)             ((_NB)->MdlChain)
#define NET_BUFFER_DATA_LENGTH(_NB)           ((_NB)->DataLength)
#define NET_BUFFER_DATA_OFFSET(_NB)           ((_NB)->DataOffset)
#define NET_BUFFER_CURRENT_MDL(_NB)           ((_NB)->CurrentMdl)
#define NET_BUFFER_CURRENT_MDL_OFFSET(_NB)    ((_NB)->CurrentMdlOffset)
#define NET_BUFFER_CHECKSUM_BIAS(_NB)         ((_NB)->ChecksumBias)
#define NET_BUFFER_PROTOCOL_RESERVED(_NB)     ((_NB)->ProtocolReserved)
#define NET_BUFFER_MINIPORT_RESERVED(_NB)     ((_NB)->MiniportReserved)
#define NET_BUFFER_DATA_PHYSICAL_ADDRESS(_NB) ((_NB)->DataPhysicalAddress)

#define NET_BUFFER_LIST_NEXT_NBL(_NBL)          ((_NBL)->Next)
#define NET_BUFFER_LIST_FIRST_NB(_NBL)          ((_NBL)->FirstNetBuffer)
#define NET_BUFFER_LIST_FLAGS(_NBL)             ((_NBL)->Flags)
#define NET_BUFFER_LIST_NBL_FLAGS(_NBL)         ((_NBL)->NblFlags)
#define NET_BUFFER_LIST_PROTOCOL_RESERVED(_NBL) ((_NBL)->ProtocolReserved)
#define NET_BUFFER_LIST_MINIPORT_RESERVED(_NBL) ((_NBL)->MiniportReserved)
#define NET_BUFFER_LIST_STATUS(_NBL)            ((_NBL)->Status)
#define NET_BUFFER_LIST_INFO(_NBL, _Id)         ((_NBL)->NetBufferListInfo[(_Id)])
/* The context data is the part of the context block past Offset. */
#define NET_BUFFER_LIST_CONTEXT_DATA_START(_NBL)                                                   \
    ((PUCHAR)(((_NBL)->Context) + 1) + (_NBL)->Context->Offset)
#define NET_BUFFER_LIST_CONTEXT_DATA_SIZE(_NBL)                                                    \
    (((_NBL)->Context->Size) - ((_NBL)->Context->Offset))

#define NdisSetNblFlag(_NBL, _F)   ((_NBL)->NblFlags |= (_F))
#define NdisClearNblFlag(_NBL, _F) ((_NBL)->NblFlags &= ~(_F))
#define NdisTestNblFlag(_NBL, _F)  (((_NBL)->NblFlags & (_F)) != 0)
#define NdisTestNblFlags(_NBL, _F) (((_NBL)->NblFlags & (_F)) == (_F))

/* ---- pools (nblapi) */
#define NDIS_PROTOCOL_ID_DEFAULT 0x00
#define NDIS_PROTOCOL_ID_TCP_IP  0x02
#define NDIS_PROTOCOL_ID_IPX     0x06
#define NDIS_PROTOCOL_ID_NBF     0x07

#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 1
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 2
#define NET_BUFFER_LIST_POOL_FLAG_VERIFY           0x00000001

typedef struct _NET_BUFFER_LIST_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR ProtocolId;
    BOOLEAN fAllocateNetBuffer;
    USHORT ContextSize;
    ULONG PoolTag;
    ULONG DataSize;
    ULONG Flags; /* revision 2 */
} NET_BUFFER_LIST_POOL_PARAMETERS, *PNET_BUFFER_LIST_POOL_PARAMETERS;

#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1                                     \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize)
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2                                     \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, Flags)

#define NET_BUFFER_POOL_PARAMETERS_REVISION_1 1
typedef struct _NET_BUFFER_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG PoolTag;
    ULONG DataSize;
} NET_BUFFER_POOL_PARAMETERS, *PNET_BUFFER_POOL_PARAMETERS;
#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1                                          \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, DataSize)

/* A generic object: the handle a non-NDIS driver passes where NDIS wants one of its own. */
typedef struct _NDIS_GENERIC_OBJECT {
    NDIS_OBJECT_HEADER Header;
    PVOID Caller;
    PVOID CallersCaller;
    PDRIVER_OBJECT DriverObject;
} NDIS_GENERIC_OBJECT, *PNDIS_GENERIC_OBJECT;

typedef PMDL NET_BUFFER_ALLOCATE_MDL(PULONG BufferSize);
typedef NET_BUFFER_ALLOCATE_MDL *NET_BUFFER_ALLOCATE_MDL_HANDLER;
typedef VOID NET_BUFFER_FREE_MDL(PMDL Mdl);
typedef NET_BUFFER_FREE_MDL *NET_BUFFER_FREE_MDL_HANDLER;

PNDIS_GENERIC_OBJECT NDIS_API NdisAllocateGenericObject(PDRIVER_OBJECT DriverObject, ULONG Tag,
                                                        USHORT Size) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeGenericObject(PNDIS_GENERIC_OBJECT NdisObject) DRVHOST_NOT_PROVIDED;

NDIS_HANDLE NDIS_API NdisAllocateNetBufferListPool(
    NDIS_HANDLE NdisHandle, PNET_BUFFER_LIST_POOL_PARAMETERS Parameters) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle) DRVHOST_NOT_PROVIDED;
NDIS_HANDLE NDIS_API NdisAllocateNetBufferPool(
    NDIS_HANDLE NdisHandle, PNET_BUFFER_POOL_PARAMETERS Parameters) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeNetBufferPool(NDIS_HANDLE PoolHandle) DRVHOST_NOT_PROVIDED;

PNET_BUFFER_LIST NDIS_API NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize,
                                                    USHORT ContextBackFill) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeNetBufferList(PNET_BUFFER_LIST NetBufferList) DRVHOST_NOT_PROVIDED;
/* Copy a NET_BUFFER_LIST's information (NetBufferListInfo and NDIS' private data) to a clone on
 * the send or the receive path (nblapi pages: VOID, their syntax blocks). */
VOID NDIS_API NdisCopySendNetBufferListInfo(PNET_BUFFER_LIST DestNetBufferList,
                                            PNET_BUFFER_LIST SrcNetBufferList) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisCopyReceiveNetBufferListInfo(
    PNET_BUFFER_LIST DestNetBufferList, PNET_BUFFER_LIST SrcNetBufferList) DRVHOST_NOT_PROVIDED;
PNET_BUFFER_LIST NDIS_API NdisAllocateNetBufferAndNetBufferList(
    NDIS_HANDLE PoolHandle, USHORT ContextSize, USHORT ContextBackFill, PMDL MdlChain,
    ULONG DataOffset, SIZE_T DataLength) DRVHOST_NOT_PROVIDED;
PNET_BUFFER NDIS_API NdisAllocateNetBuffer(NDIS_HANDLE PoolHandle, PMDL MdlChain, ULONG DataOffset,
                                           SIZE_T DataLength) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeNetBuffer(PNET_BUFFER NetBuffer) DRVHOST_NOT_PROVIDED;
PNET_BUFFER_LIST NDIS_API NdisAllocateCloneNetBufferList(
    PNET_BUFFER_LIST OriginalNetBufferList, NDIS_HANDLE NetBufferListPoolHandle,
    NDIS_HANDLE NetBufferPoolHandle, ULONG AllocateCloneFlags) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeCloneNetBufferList(PNET_BUFFER_LIST CloneNetBufferList,
                                         ULONG FreeCloneFlags) DRVHOST_NOT_PROVIDED;
NDIS_STATUS NDIS_API NdisAllocateNetBufferListContext(PNET_BUFFER_LIST NetBufferList,
                                                      USHORT ContextSize, USHORT ContextBackFill,
                                                      ULONG PoolTag) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeNetBufferListContext(PNET_BUFFER_LIST NetBufferList,
                                           USHORT ContextSize) DRVHOST_NOT_PROVIDED;

PVOID NDIS_API NdisGetDataBuffer(PNET_BUFFER NetBuffer, ULONG BytesNeeded, PVOID Storage,
                                 UINT AlignMultiple, UINT AlignOffset) DRVHOST_NOT_PROVIDED;
NDIS_STATUS NDIS_API NdisRetreatNetBufferDataStart(
    PNET_BUFFER NetBuffer, ULONG DataOffsetDelta, ULONG DataBackFill,
    NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler) DRVHOST_NOT_PROVIDED;
VOID NDIS_API
NdisAdvanceNetBufferDataStart(PNET_BUFFER NetBuffer, ULONG DataOffsetDelta, BOOLEAN FreeMdl,
                              NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler) DRVHOST_NOT_PROVIDED;
NDIS_STATUS NDIS_API NdisRetreatNetBufferListDataStart(
    PNET_BUFFER_LIST NetBufferList, ULONG DataOffsetDelta, ULONG DataBackFill,
    NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler,
    NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisAdvanceNetBufferListDataStart(
    PNET_BUFFER_LIST NetBufferList, ULONG DataOffsetDelta, BOOLEAN FreeMdl,
    NET_BUFFER_FREE_MDL_HANDLER FreeMdlMdlHandler) DRVHOST_NOT_PROVIDED;
NDIS_STATUS NDIS_API NdisCopyFromNetBufferToNetBuffer(PNET_BUFFER Destination,
                                                      ULONG DestinationOffset, ULONG BytesToCopy,
                                                      PNET_BUFFER Source, ULONG SourceOffset,
                                                      PULONG BytesCopied) DRVHOST_NOT_PROVIDED;

PMDL NDIS_API NdisAllocateMdl(NDIS_HANDLE NdisHandle, PVOID VirtualAddress,
                              UINT Length) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeMdl(PMDL Mdl) DRVHOST_NOT_PROVIDED;
PVOID NDIS_API NdisAllocateMemoryWithTagPriority(NDIS_HANDLE NdisHandle, UINT Length, ULONG Tag,
                                                 EX_POOL_PRIORITY Priority) DRVHOST_NOT_PROVIDED;
VOID NDIS_API NdisFreeMemory(PVOID VirtualAddress, UINT Length,
                             UINT MemoryFlags) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _NDIS_ */
