/* own.c - check_guidlib.sh's driver, second source: GUIDs it defines itself (INITGUID). */
#include <ntddk.h>
#include <initguid.h>
#include <wdmguid.h>
DEFINE_GUID(MY_OWN_GUID, 0x11111111, 0x2222, 0x3333, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA,
            0xBB);
NTSTATUS OwnGuidsOk(void)
{
    return MY_OWN_GUID.Data1 == 0x11111111 && GUID_BUS_INTERFACE_STANDARD.Data1 == 0x496B8280
               ? STATUS_SUCCESS
               : STATUS_UNSUCCESSFUL;
}
