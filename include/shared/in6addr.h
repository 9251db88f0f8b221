/* in6addr.h - the IPv6 address (IN6_ADDR: Microsoft's name and layout, sixteen bytes in network
 * order, also readable as eight USHORTs). */
#ifndef __IN6ADDR_H__
#define __IN6ADDR_H__
#include <ntdef.h>

typedef struct in6_addr {
    union {
        UCHAR Byte[16];
        USHORT Word[8];
    } u;
} IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;
#define in_addr6 in6_addr
#endif
