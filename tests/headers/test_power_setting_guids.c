/*
 * test_power_setting_guids.c - wdm.h's power setting GUIDs (the ones PoRegisterPowerSettingCallback
 * follows, spb/SkeletonI2C's GUID_MONITOR_POWER_ON among them) against the registry-format
 * strings of Microsoft's "Power Setting GUIDs" page; defined in this source because <initguid.h>
 * comes before <wdm.h>.
 */
#include <initguid.h>
#include <wdm.h>

#include "harness.h"

#include <stdio.h>
#include <string.h>

/* The GUID in registry format, upper case ("5D3E9A59-E9D5-4B00-A6BD-FF34FF516548"). */
static const char *guid_text(const GUID *g, char *out, size_t size)
{
    snprintf(out, size, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", (unsigned)g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
    return out;
}

TEST(power_setting_guid_values)
{
    static const struct {
        const GUID *guid;
        const char *text;
    } cases[] = {
        {&GUID_ACDC_POWER_SOURCE, "5D3E9A59-E9D5-4B00-A6BD-FF34FF516548"},
        {&GUID_BATTERY_PERCENTAGE_REMAINING, "A7AD8041-B45A-4CAE-87A3-EECBB468A9E1"},
        {&GUID_CONSOLE_DISPLAY_STATE, "6FE69556-704A-47A0-8F24-C28D936FDA47"},
        {&GUID_GLOBAL_USER_PRESENCE, "786E8A1D-B427-4344-9207-09E70BDCBEA9"},
        {&GUID_IDLE_BACKGROUND_TASK, "515C31D8-F734-163D-A0FD-11A08C91E8F1"},
        {&GUID_MONITOR_POWER_ON, "02731015-4510-4526-99E6-E5A17EBD1AEA"},
        {&GUID_POWERSCHEME_PERSONALITY, "245D8541-3943-4422-B025-13A784F679B7"},
        {&GUID_SESSION_DISPLAY_STATUS, "2B84C20E-AD23-4DDF-93DB-05FFBD7EFCA5"},
        {&GUID_SESSION_USER_PRESENCE, "3C0F4548-C03F-4C4D-B9F2-237EDE686376"},
        {&GUID_LIDSWITCH_STATE_CHANGE, "BA3E0F4D-B817-4094-A2D1-D56379E6A0F3"},
        {&GUID_SYSTEM_AWAYMODE, "98A7F580-01F7-48AA-9C0F-44352C29E5C0"},
    };
    char text[40];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ok(strcmp(guid_text(cases[i].guid, text, sizeof(text)), cases[i].text) == 0,
           "case %zu: %s, expected %s\n", i, text, cases[i].text);
    }
}

/* C compares GUIDs by address (guiddef.h; C++ takes the GUIDs: headers_hwclass_cxx). */
TEST(guid_comparisons_in_c)
{
    GUID copy = GUID_MONITOR_POWER_ON;
    ok(IsEqualGUID(&copy, &GUID_MONITOR_POWER_ON), "a copy is equal\n");
    ok(InlineIsEqualGUID(&copy, &GUID_MONITOR_POWER_ON), "a copy is equal (inline)\n");
    copy.Data4[7] ^= 1;
    ok(!IsEqualGUID(&copy, &GUID_MONITOR_POWER_ON), "one bit apart\n");
    ok(!InlineIsEqualGUID(&copy, &GUID_MONITOR_POWER_ON), "one bit apart (inline)\n");
    ok(!IsEqualGUID(&GUID_CONSOLE_DISPLAY_STATE, &GUID_SESSION_DISPLAY_STATUS), "different\n");
}
