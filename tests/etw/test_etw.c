/*
 * test_etw.c - the ETW provider routines through etwtest.sys: a provider is enabled by the
 * trace settings (drvhost_trace_set "GUID-or-name:LEVEL:KEYWORDS", as `drvhost run --trace`),
 * its enable callback hears of it, EtwEventEnabled / EtwProviderEnabled follow the level and
 * keywords, and enabled events are trace lines with their fields rendered. Expected values: the
 * reference pages of EtwRegister, EtwWrite, EtwActivityIdControl, EtwSetInformation.
 */
#include <wdm.h>
#include <evntrace.h>

#include "drivers/etwtest.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static drvhost_file *etw;

static void set(const char *spec)
{
    char err[256] = "";
    ok(drvhost_trace_set(spec, err, sizeof err) == 0, "drvhost_trace_set(%s): %s", spec, err);
}

static void load(void)
{
    etw = harness_open_driver("etwtest", "\\Device\\EtwTest");
}

static ETWTEST_STATE state(void)
{
    ETWTEST_STATE s;
    memset(&s, 0xEE, sizeof(s));
    ok_status(harness_ioctl(etw, IOCTL_ETW_STATE, NULL, 0, &s, sizeof(s), NULL), STATUS_SUCCESS);
    return s;
}

/* The trace lines the driver's events make (what the driver wrote to stderr). */
static char *write_events(void)
{
    harness_stderr_begin();
    ok_status(harness_ioctl(etw, IOCTL_ETW_WRITE, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    return harness_stderr_end();
}

static void expect(const char *out, const char *text)
{
    ok(out != NULL && strstr(out, text) != NULL, "no \"%s\" in:\n%s", text, out ? out : "");
}

static void expect_no(const char *out, const char *text)
{
    ok(out != NULL && strstr(out, text) == NULL, "\"%s\" in:\n%s", text, out ? out : "");
}

TEST(a_provider_nobody_enables_writes_nothing)
{
    char *out;
    ETWTEST_STATE s;
    load();
    s = state();
    ok(s.Callbacks == 0, "%lu enable callbacks", (unsigned long)s.Callbacks);
    ok(!s.EnabledInfo && !s.EnabledKw0, "enabled without a setting");
    out = write_events();
    expect_no(out, " ETW ");
    free(out);
}

TEST(a_setting_made_before_registration_enables_it_in_etwregister)
{
    ETWTEST_STATE s;
    set(ETWTEST_GUID_TEXT ":INFORMATION:0x3");
    load();
    s = state();
    ok(s.Callbacks == 1 && s.LastCode == EVENT_CONTROL_CODE_ENABLE_PROVIDER, "%lu calls, code %lu",
       (unsigned long)s.Callbacks, (unsigned long)s.LastCode);
    ok(s.LastLevel == TRACE_LEVEL_INFORMATION && s.LastAny == 0x3, "level %u keywords 0x%llx",
       s.LastLevel, (unsigned long long)s.LastAny);
    ok(s.SourceIdSet && s.ContextRight, "SourceId / CallbackContext");
    ok(s.EnabledInfo, "an INFORMATION event with keyword 0x1 is enabled");
    ok(!s.EnabledVerbose, "a VERBOSE event is not");
    ok(!s.EnabledKw4, "keyword 0x4 is not");
    ok(s.EnabledKw0, "keyword 0 (none) is");
}

TEST(events_are_trace_lines_with_their_fields)
{
    char *out;
    set("{" ETWTEST_GUID_TEXT "}:WARNING:all");
    load();
    set("{6c0b7f3e-2d1a-4e55-8a9b-0c1d2e3f4a5b}:INFORMATION:0x3"); /* braces, small letters */
    out = write_events();
    expect(out, " etwtest ETW " ETWTEST_GUID_TEXT " id=1 version=0 task=10 opcode=1 channel=0 "
                "INFORMATION keyword=0x1: 0x1E(30) 0xC0000001(3221225473) L\"wide text\" "
                "\"ansi text\" [5] de ad be ef 01 0x1122334455667788(1234605616436508552)\n");
    expect_no(out, " id=2 "); /* VERBOSE */
    expect_no(out, " id=3 "); /* keyword 0x4 */
    expect(out, " id=4 version=0 task=12 opcode=0 channel=0 WARNING keyword=0x2 "
                "activity={11111111-2222-3333-4444-555555555555} "
                "related={AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}: 0xC0000001(3221225473)\n");
    expect(out, " id=4 version=0 task=12 opcode=0 channel=0 WARNING keyword=0x2: 0x1E(30)\n");
    expect(out, " ETW " ETWTEST_GUID_TEXT " string INFORMATION keyword=0x1: hello from "
                "EtwWriteString\n");
    free(out);
}

TEST(changing_the_setting_calls_the_callback_again)
{
    ETWTEST_STATE s;
    char *out;
    set(ETWTEST_GUID_TEXT ":INFORMATION:0x3");
    load();
    set(ETWTEST_GUID_TEXT ":VERBOSE:0x4");
    s = state();
    ok(s.Callbacks == 2 && s.LastLevel == TRACE_LEVEL_VERBOSE && s.LastAny == 0x4,
       "%lu calls, level %u, keywords 0x%llx", (unsigned long)s.Callbacks, s.LastLevel,
       (unsigned long long)s.LastAny);
    ok(!s.EnabledInfo && s.EnabledKw4, "keywords now 0x4 only");
    out = write_events();
    expect(out, " id=3 ");
    expect_no(out, " id=1 ");
    free(out);
}

TEST(the_driver_name_and_the_provider_name_enable_it_too)
{
    ETWTEST_STATE s;
    char *out;
    set("etwtest:ERROR:all");
    load();
    s = state();
    ok(s.Callbacks == 1 && s.LastLevel == TRACE_LEVEL_ERROR, "by driver: %lu calls, level %u",
       (unsigned long)s.Callbacks, s.LastLevel);
    set("Drvhost-Test-Provider:VERBOSE:all");
    ok_status(harness_ioctl(etw, IOCTL_ETW_TRAITS, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    s = state();
    ok(s.LastLevel == TRACE_LEVEL_VERBOSE, "by provider name: level %u", s.LastLevel);
    out = write_events();
    expect(out, " etwtest ETW Drvhost-Test-Provider id=2 ");
    free(out);
}

TEST(bad_etw_settings_are_refused)
{
    char err[256] = "";
    ok(drvhost_trace_set(ETWTEST_GUID_TEXT ":INFORMATION:TRACE_DRIVER", err, sizeof err) == -1,
       "a keyword name accepted for a GUID");
    ok(strstr(err, "TRACE_DRIVER is not a number") != NULL, "message: %s", err);
    ok(drvhost_trace_set(ETWTEST_GUID_TEXT ":LOUD:all", err, sizeof err) == -1,
       "level LOUD accepted");
}

/* Runs one group of checks in the driver; every one must pass. */
static void run_checks(ULONG code, ULONG min_checks)
{
    ETWTEST_CHECKS c;
    memset(&c, 0, sizeof(c));
    ok_status(harness_ioctl(etw, code, NULL, 0, &c, sizeof(c), NULL), STATUS_SUCCESS);
    ok(c.Checks >= min_checks && c.Failed == 0, "%lu of %lu checks failed, first at etwtest.c:%lu",
       (unsigned long)c.Failed, (unsigned long)c.Checks, (unsigned long)c.Lines[0]);
}

TEST(activity_ids)
{
    load();
    run_checks(IOCTL_ETW_ACTIVITY, 15);
}

TEST(bad_handles_and_arguments)
{
    set(ETWTEST_GUID_TEXT ":INFORMATION:all");
    load();
    run_checks(IOCTL_ETW_ERRORS, 17);
}

TEST(a_driver_unloading_without_etwunregister_is_reported)
{
    char *out;
    set(ETWTEST_GUID_TEXT ":INFORMATION:all");
    load();
    ok_status(harness_ioctl(etw, IOCTL_ETW_FORGET, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    drvhost_close(etw);
    harness_stderr_begin();
    ok_status(drvhost_driver_unload("etwtest"), STATUS_SUCCESS);
    out = harness_stderr_end();
    expect(out,
           "driver etwtest unloaded without EtwUnregister of provider {" ETWTEST_GUID_TEXT "}");
    free(out);
    set(ETWTEST_GUID_TEXT ":VERBOSE:all"); /* no callback into the unloaded driver */
}
