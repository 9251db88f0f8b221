/*
 * xfilter.h - NDIS's Ethernet address definitions (Microsoft's names and values): the length
 * of an IEEE 802 MAC address and the multicast/broadcast tests on one.
 *
 * drvhost subset: the address macros only (ETH_COMPARE_NETWORK_ADDRESSES* not yet); the legacy NDIS
 * filter-library structures and routines (EthCreateFilter, ...) belong to NDIS, which drvhost does
 * not have.
 */
#ifndef _FILTERDEFS_
#define _FILTERDEFS_

#include <ntdef.h>

#define ETH_LENGTH_OF_ADDRESS 6

/* The group bit: the least significant bit of the first octet. */
#define ETH_IS_MULTICAST(Address) ((BOOLEAN)(((PUCHAR)(Address))[0] & ((UCHAR)0x01)))
/* All six octets 0xff. */
#define ETH_IS_BROADCAST(Address)                                                                  \
    ((((PUCHAR)(Address))[0] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[1] == ((UCHAR)0xff)) &&     \
     (((PUCHAR)(Address))[2] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[3] == ((UCHAR)0xff)) &&     \
     (((PUCHAR)(Address))[4] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[5] == ((UCHAR)0xff)))

/* Copy a MAC address (six bytes) from S to D. */
#define ETH_COPY_NETWORK_ADDRESS(D, S) RtlCopyMemory((D), (S), ETH_LENGTH_OF_ADDRESS)

#endif /* _FILTERDEFS_ */
