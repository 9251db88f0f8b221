/*
 * bthsdpdef.h - the Service Discovery Protocol's data definitions, shared by user and kernel
 * mode: 128-bit integers, the data element types and their size-qualified "specific" types,
 * attribute ranges and UUID query entries. Names, values and layouts as documented (the SDP data
 * element encoding of the Bluetooth core specification, Vol 3 Part B); pinned by tests/headers
 * (bth_layout.c).
 */
#ifndef __BTHSDPDEF_H__
#define __BTHSDPDEF_H__

#include <guiddef.h>
#include <ntdef.h>

/* 128-bit integers, low half first. */
typedef struct _SDP_LARGE_INTEGER_16 {
    ULONGLONG LowPart;
    LONGLONG HighPart;
} SDP_LARGE_INTEGER_16, *PSDP_LARGE_INTEGER_16, *LPSDP_LARGE_INTEGER_16;

typedef struct _SDP_ULARGE_INTEGER_16 {
    ULONGLONG LowPart;
    ULONGLONG HighPart;
} SDP_ULARGE_INTEGER_16, *PSDP_ULARGE_INTEGER_16, *LPSDP_ULARGE_INTEGER_16;

typedef enum _NodeContainerType {
    NodeContainerTypeSequence,
    NodeContainerTypeAlternative
} NodeContainerType;

typedef USHORT SDP_ERROR, *PSDP_ERROR;

/* The data element type descriptor of the SDP encoding (the high five bits of its header). */
typedef enum _SDP_TYPE {
    SDP_TYPE_NIL = 0x00,
    SDP_TYPE_UINT = 0x01,
    SDP_TYPE_INT = 0x02,
    SDP_TYPE_UUID = 0x03,
    SDP_TYPE_STRING = 0x04,
    SDP_TYPE_BOOLEAN = 0x05,
    SDP_TYPE_SEQUENCE = 0x06,
    SDP_TYPE_ALTERNATIVE = 0x07,
    SDP_TYPE_URL = 0x08,
    SDP_TYPE_CONTAINER = 0x20
} SDP_TYPE;

/* Type and size together: 0x?10 unsigned, 0x?20 signed, 0x?30 UUID; the hundreds digit is the
 * size index (0: 1 byte ... 4: 16 bytes). SDP_ST_UUID32 has the value of SDP_ST_INT32, as in
 * the WDK (a documented quirk drivers compare against). */
typedef enum _SDP_SPECIFICTYPE {
    SDP_ST_NONE = 0x0000,
    SDP_ST_UINT8 = 0x0010,
    SDP_ST_UINT16 = 0x0110,
    SDP_ST_UINT32 = 0x0210,
    SDP_ST_UINT64 = 0x0310,
    SDP_ST_UINT128 = 0x0410,
    SDP_ST_INT8 = 0x0020,
    SDP_ST_INT16 = 0x0120,
    SDP_ST_INT32 = 0x0220,
    SDP_ST_INT64 = 0x0320,
    SDP_ST_INT128 = 0x0420,
    SDP_ST_UUID16 = 0x0130,
    SDP_ST_UUID32 = 0x0220,
    SDP_ST_UUID128 = 0x0430
} SDP_SPECIFICTYPE;

/* One attribute (minAttribute == maxAttribute) or an inclusive range of them. */
typedef struct _SdpAttributeRange {
    USHORT minAttribute;
    USHORT maxAttribute;
} SdpAttributeRange;

typedef union SdpQueryUuidUnion {
    GUID uuid128;
    ULONG uuid32;
    USHORT uuid16;
} SdpQueryUuidUnion;

/* uuidType: SDP_ST_UUID16, SDP_ST_UUID32 or SDP_ST_UUID128. */
typedef struct _SdpQueryUuid {
    SdpQueryUuidUnion u;
    USHORT uuidType;
} SdpQueryUuid;

#endif /* __BTHSDPDEF_H__ */
