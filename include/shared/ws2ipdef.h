/*
 * ws2ipdef.h - the IPv6 socket address (SOCKADDR_IN6), its any-address initialiser and the IPv6
 * socket options (Microsoft's names, values and x64 layouts).
 *
 * drvhost subset: the address, SOCKADDR_INET, the address-text sizes and IPV6_V6ONLY; the
 * multicast and other IP options are absent.
 */
#ifndef _WS2IPDEF_
#define _WS2IPDEF_

#include <ws2def.h>
#include <in6addr.h>

typedef struct sockaddr_in6 {
    ADDRESS_FAMILY sin6_family; /* AF_INET6 */
    USHORT sin6_port;           /* network byte order */
    ULONG sin6_flowinfo;
    IN6_ADDR sin6_addr;
    union {
        ULONG sin6_scope_id;
        SCOPE_ID sin6_scope_struct;
    };
} SOCKADDR_IN6_LH, *PSOCKADDR_IN6_LH, *LPSOCKADDR_IN6_LH;
typedef SOCKADDR_IN6_LH SOCKADDR_IN6;
typedef SOCKADDR_IN6_LH *PSOCKADDR_IN6;
typedef SOCKADDR_IN6_LH *LPSOCKADDR_IN6;

#define IN6ADDR_ANY_INIT                                                                           \
    {                                                                                              \
        {                                                                                          \
            {                                                                                      \
                0                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }

/* An IPv4 or an IPv6 socket address, told apart by the family both begin with. */
typedef union _SOCKADDR_INET {
    SOCKADDR_IN Ipv4;
    SOCKADDR_IN6 Ipv6;
    ADDRESS_FAMILY si_family;
} SOCKADDR_INET, *PSOCKADDR_INET;

/* Buffer sizes, in characters, that hold the text of any IPv4 or IPv6 address (with port and
 * scope) and its terminating NUL (ip2string.h's ...AddressToStringEx routines). */
#define INET_ADDRSTRLEN  22
#define INET6_ADDRSTRLEN 65

/* IPv6 socket options (Level IPPROTO_IPV6). */
#define IPV6_V6ONLY 27 /* FALSE: the socket also serves IPv4 (mapped addresses) */

#endif /* _WS2IPDEF_ */
