/* hex.c - %!HEXDUMP! as a DEFINE_CPLX_TYPE of localwpp.ini redefines it: the argument is the
   driver's xstr_t, logged by its WPP_LOGHEXDUMP (length, then the bytes). */
#include <ntddk.h>
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(HexGuid, (5b6a1f0e, 3c2d, 4e5f, 8a9b, 0c1d2e3f4a5b),                   \
                            WPP_DEFINE_BIT(HEX_ALL))
#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags)                                                        \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)
typedef struct xstr {
    char *_buf;
    short _len;
} xstr_t;
static xstr_t log_xstr(void *p, short l)
{
    xstr_t xs = {(char *)p, l};
    return xs;
}
#define WPP_LOGHEXDUMP(x) WPP_LOGPAIR(2, &((x)._len)) WPP_LOGPAIR((x)._len, (x)._buf)
#include "hex.tmh"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD HexUnload;

VOID HexUnload(PDRIVER_OBJECT DriverObject)
{
    WPP_CLEANUP(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    static UCHAR data[] = {0xde, 0xad, 0xbe, 0xef, 0x01};

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DriverObject->DriverUnload = HexUnload;
    Hexdump((TRACE_LEVEL_ERROR, HEX_ALL, "data %!HEXDUMP!", log_xstr(data, sizeof(data))));
    return STATUS_SUCCESS;
}
