/* test_devguid.c - devguid.h and the device-interface GUIDs of ntddkbd.h, ntddmou.h and
 * ntddser.h, defined here with <initguid.h> first, as a driver defines them. */
#include <ntddk.h>
#include <initguid.h>
#include <devguid.h>
#include <ntddkbd.h>
#include <ntddmou.h>
#include <ntddser.h>

#include "harness.h"

/* "{xxxxxxxx-...}" of a GUID. */
static void text(const GUID *g, char out[40])
{
    snprintf(out, 40, "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned)g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
}

static void is(const GUID *g, const char *want, const char *name)
{
    char got[40];
    text(g, got);
    ok(strcmp(got, want) == 0, "%s: %s, want %s\n", name, got, want);
}

TEST(setup_class_guids)
{
    is(&GUID_DEVCLASS_KEYBOARD, "{4d36e96b-e325-11ce-bfc1-08002be10318}", "KEYBOARD");
    is(&GUID_DEVCLASS_MOUSE, "{4d36e96f-e325-11ce-bfc1-08002be10318}", "MOUSE");
    is(&GUID_DEVCLASS_PORTS, "{4d36e978-e325-11ce-bfc1-08002be10318}", "PORTS");
    is(&GUID_DEVCLASS_SYSTEM, "{4d36e97d-e325-11ce-bfc1-08002be10318}", "SYSTEM");
    is(&GUID_DEVCLASS_HIDCLASS, "{745a17a0-74d3-11d0-b6fe-00a0c90f57da}", "HIDCLASS");
    is(&GUID_DEVCLASS_USB, "{36fc9e60-c465-11cf-8056-444553540000}", "USB");
}

TEST(device_interface_guids)
{
    is(&GUID_DEVINTERFACE_KEYBOARD, "{884b96c3-56ef-11d1-bc8c-00a0c91405dd}", "keyboard");
    is(&GUID_DEVINTERFACE_MOUSE, "{378de44c-56ef-11d1-bc8c-00a0c91405dd}", "mouse");
    is(&GUID_DEVINTERFACE_COMPORT, "{86e0d1e0-8089-11d0-9ce4-08003e301f73}", "COM port");
    is(&GUID_DEVINTERFACE_SERENUM_BUS_ENUMERATOR, "{4d36e978-e325-11ce-bfc1-08002be10318}",
       "serenum");
}
