/*
 * bthsdpddi.h - the SDP interfaces the Bluetooth stack hands a profile driver through
 * IRP_MN_QUERY_INTERFACE: GUID_BTHDDI_SDP_NODE_INTERFACE (build an SDP record as a tree,
 * <sdpnode.h>) and GUID_BTHDDI_SDP_PARSE_INTERFACE (validate, convert and walk SDP streams).
 * Routine types and member order as documented (wdk-ddi-src/content/bthsdpddi/); pinned by
 * tests/headers (bth_layout.c). drvhost has no Bluetooth stack, so nothing fills these tables.
 *
 * SdpConvertStreamToTree and SdpConvertTreeToStream return their result through the pointer
 * they are given (the tree root and the stream: PSDP_TREE_ROOT_NODE * and PUCHAR *), as the
 * parameter descriptions say and the WDK's samples call them; the reference pages' syntax
 * blocks print one level of indirection less.
 */
#ifndef __BTHSDPDDI_H__
#define __BTHSDPDDI_H__

#include <bthsdpdef.h>
#include <sdpnode.h>
#include <wdm.h>

#define BTHDDI_SDP_PARSE_INTERFACE_VERSION_FOR_QI (0x0100)
#define BTHDDI_SDP_NODE_INTERFACE_VERSION_FOR_QI  (0x0100)

/* ---- building a record ------------------------------------------------------------------- */
typedef PSDP_TREE_ROOT_NODE (*PCREATENODETREEROOT)(_In_ ULONG tag);
typedef NTSTATUS (*PFREETREE)(_In_ PSDP_TREE_ROOT_NODE Tree);
typedef NTSTATUS (*PAPPENDNODETOCONTAINERNODE)(_In_ PSDP_NODE Container, _In_ PSDP_NODE Node);
typedef NTSTATUS (*PADDATTRIBUTETOTREEE)(_In_ PSDP_TREE_ROOT_NODE Root, _In_ USHORT AttribId,
                                         _In_ PSDP_NODE AttribValueNode, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODENIL)(_In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEBOOLEAN)(_In_ SDP_BOOLEAN bVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUINT8)(_In_ UCHAR ucVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUINT16)(_In_ USHORT usVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUINT32)(_In_ ULONG ulVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUINT64)(_In_ ULONGLONG ullVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUINT128)(_In_ PSDP_ULARGE_INTEGER_16 puli16Val, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEINT8)(_In_ CHAR cVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEINT16)(_In_ SHORT sVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEINT32)(_In_ LONG lVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEINT64)(_In_ LONGLONG llVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEINT128)(_In_ PSDP_LARGE_INTEGER_16 pil16Val, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUUID16)(_In_ USHORT uuidVal16, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUUID32)(_In_ ULONG uuidVal32, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEUUID128)(_In_ const GUID *uuidVal, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODESTRING)(_In_ PCHAR string, _In_ ULONG stringLength, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEURL)(_In_ PCHAR url, _In_ ULONG urlLength, _In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODEALTERNATIVE)(_In_ ULONG tag);
typedef PSDP_NODE (*PCREATENODESEQUENCE)(_In_ ULONG tag);

typedef struct _BTHDDI_SDP_NODE_INTERFACE {
    INTERFACE Interface;
    PCREATENODETREEROOT SdpCreateNodeTree;
    PFREETREE SdpFreeTree;
    PCREATENODENIL SdpCreateNodeNil;
    PCREATENODEBOOLEAN SdpCreateNodeBoolean;
    PCREATENODEUINT8 SdpCreateNodeUint8;
    PCREATENODEUINT16 SdpCreateNodeUint16;
    PCREATENODEUINT32 SdpCreateNodeUint32;
    PCREATENODEUINT64 SdpCreateNodeUint64;
    PCREATENODEUINT128 SdpCreateNodeUint128;
    PCREATENODEINT8 SdpCreateNodeInt8;
    PCREATENODEINT16 SdpCreateNodeInt16;
    PCREATENODEINT32 SdpCreateNodeInt32;
    PCREATENODEINT64 SdpCreateNodeInt64;
    PCREATENODEINT128 SdpCreateNodeInt128;
    PCREATENODEUUID16 SdpCreateNodeUuid16;
    PCREATENODEUUID32 SdpCreateNodeUuid32;
    PCREATENODEUUID128 SdpCreateNodeUuid128;
    PCREATENODESTRING SdpCreateNodeString;
    PCREATENODEURL SdpCreateNodeUrl;
    PCREATENODEALTERNATIVE SdpCreateNodeAlternative;
    PCREATENODESEQUENCE SdpCreateNodeSequence;
    PADDATTRIBUTETOTREEE SdpAddAttributeToTree;
    PAPPENDNODETOCONTAINERNODE SdpAppendNodeToContainerNode;
} BTHDDI_SDP_NODE_INTERFACE, *PBTHDDI_SDP_NODE_INTERFACE;

/* ---- parsing a stream -------------------------------------------------------------------- */
typedef void (*PBYTESWAPUUID128)(_In_ GUID *pUuidFrom, _Out_ GUID *pUuidTo);
typedef void (*PBYTESWAPUINT128)(_In_ PSDP_ULARGE_INTEGER_16 pInUint128,
                                 _Out_ PSDP_ULARGE_INTEGER_16 pOutUint128);
typedef ULONGLONG (*PBYTESWAPUINT64)(_In_ ULONGLONG uint64);
typedef void (*PRETRIEVEUUID128)(_In_ PUCHAR Stream, _Out_ GUID *uuid128);
typedef void (*PRETRIEVEUINT128)(_In_ PUCHAR Stream, _Out_ PSDP_ULARGE_INTEGER_16 pUint128);
typedef void (*PRETRIEVEUINT64)(_In_ PUCHAR Stream, _Out_ PULONGLONG pUint64);
typedef NTSTATUS (*PVALIDATESTREAM)(_In_ PUCHAR Stream, _In_ ULONG Size,
                                    _Out_ PULONG_PTR ErrorByte);
typedef NTSTATUS (*PFINDATTRIBUTEINTREE)(_In_ PSDP_TREE_ROOT_NODE Tree, _In_ USHORT AttribId,
                                         _Out_ PSDP_NODE *AttribValue);
typedef NTSTATUS (*PCONVERTTREETOSTREAM)(_In_ PSDP_TREE_ROOT_NODE Root, _Out_ PUCHAR *Stream,
                                         _Out_ PULONG Size, _In_ ULONG tag);
typedef NTSTATUS (*PCONVERTSTREAMTOTREE)(_In_ PUCHAR Stream, _In_ ULONG Size,
                                         _Out_ PSDP_TREE_ROOT_NODE *Node, _In_ ULONG tag);
typedef VOID (*PGETNEXTELEMENT)(_In_ PUCHAR Stream, _In_ ULONG StreamSize,
                                _In_opt_ PUCHAR CurrentElement, _Out_ PUCHAR *NextElement,
                                _Out_ PULONG NextElementSize);
typedef VOID (*pReservedFunction)(VOID);

typedef struct _BTHDDI_SDP_PARSE_INTERFACE {
    INTERFACE Interface;
    PVALIDATESTREAM SdpValidateStream;
    PCONVERTSTREAMTOTREE SdpConvertStreamToTree;
    PCONVERTTREETOSTREAM SdpConvertTreeToStream;
    PFREETREE SdpFreeTree;
    PBYTESWAPUUID128 SdpByteSwapUuid128;
    PBYTESWAPUINT128 SdpByteSwapUint128;
    PBYTESWAPUINT64 SdpByteSwapUint64;
    PRETRIEVEUUID128 SdpRetrieveUuid128;
    PRETRIEVEUINT128 SdpRetrieveUint128;
    PRETRIEVEUINT64 SdpRetrieveUint64;
    PFINDATTRIBUTEINTREE SdpFindAttributeInTree;
    PGETNEXTELEMENT SdpGetNextElement;
    pReservedFunction Reserved1;
    pReservedFunction Reserved2;
    pReservedFunction Reserved3;
    pReservedFunction Reserved4;
} BTHDDI_SDP_PARSE_INTERFACE, *PBTHDDI_SDP_PARSE_INTERFACE;

#endif /* __BTHSDPDDI_H__ */
