/* inaddr.h - the IPv4 address (IN_ADDR: Microsoft's name and layout, four bytes in network
 * order, also readable as two USHORTs or one ULONG). */
#ifndef _INADDR_
#define _INADDR_
#include <ntdef.h>

typedef struct in_addr {
    union {
        struct {
            UCHAR s_b1, s_b2, s_b3, s_b4;
        } S_un_b;
        struct {
            USHORT s_w1, s_w2;
        } S_un_w;
        ULONG S_addr;
    } S_un;
} IN_ADDR, *PIN_ADDR, *LPIN_ADDR;
#define s_addr S_un.S_addr /* the whole address */
#endif
