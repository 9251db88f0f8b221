/*
 * test_rtl_registry.c - RtlQueryRegistryValues (callbacks, DIRECT with its size rules,
 * defaults, REQUIRED, SUBKEY/TOPKEY, NOVALUE, DELETE, TYPECHECK, REG_MULTI_SZ and
 * REG_EXPAND_SZ handling, RelativeTo), RtlWriteRegistryValue, RtlDeleteRegistryValue,
 * RtlCreateRegistryKey and RtlCheckRegistryKey, through <wdm.h>.
 */
#include <wdm.h>

#include "harness.h"

#define SVC      L"DrvhostRtlTest"
#define SVC_PATH L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\" SVC

static void setup(void)
{
    static const WCHAR multi[] = L"one\0two\0three\0";
    static const WCHAR text[] = L"text";
    static const WCHAR expand[] = L"%DIR%\\x;%NOPE%";
    ULONG dword = 42;
    UCHAR bin[6] = {1, 2, 3, 4, 5, 6};

    ok_status(RtlCreateRegistryKey(RTL_REGISTRY_SERVICES, SVC), STATUS_SUCCESS);
    ok_status(RtlCreateRegistryKey(RTL_REGISTRY_SERVICES, SVC L"\\Parameters"), STATUS_SUCCESS);
    ok_status(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, SVC, L"Dword", REG_DWORD, &dword, 4),
              STATUS_SUCCESS);
    ok_status(RtlWriteRegistryValue(RTL_REGISTRY_ABSOLUTE, SVC_PATH, L"Text", REG_SZ, (PVOID)text,
                                    sizeof(text)),
              STATUS_SUCCESS);
    ok_status(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, SVC, L"Multi", REG_MULTI_SZ,
                                    (PVOID)multi, sizeof(multi)),
              STATUS_SUCCESS);
    ok_status(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, SVC, L"Bin", REG_BINARY, bin, 6),
              STATUS_SUCCESS);
    ok_status(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, SVC, L"Expand", REG_EXPAND_SZ,
                                    (PVOID)expand, sizeof(expand)),
              STATUS_SUCCESS);
    dword = 7;
    ok_status(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, SVC L"\\Parameters", L"Inner", REG_DWORD,
                                    &dword, 4),
              STATUS_SUCCESS);
}

struct seen {
    int calls;
    WCHAR names[8][16];
    ULONG types[8];
    ULONG lengths[8];
    WCHAR strings[8][32];
};

static NTSTATUS NTAPI record(PWSTR name, ULONG type, PVOID data, ULONG length, PVOID context,
                             PVOID entry_context)
{
    struct seen *s = context;
    int i = s->calls++;
    (void)entry_context;
    if (i >= 8)
        return STATUS_SUCCESS;
    for (int j = 0; name && name[j] && j < 15; j++)
        s->names[i][j] = name[j];
    s->types[i] = type;
    s->lengths[i] = length;
    if (type == REG_SZ && data && length <= sizeof(s->strings[i]))
        memcpy(s->strings[i], data, length);
    return STATUS_SUCCESS;
}

static int wequal(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

TEST(write_check_create)
{
    setup();
    ok_status(RtlCheckRegistryKey(RTL_REGISTRY_SERVICES, SVC), STATUS_SUCCESS);
    ok_status(RtlCheckRegistryKey(RTL_REGISTRY_SERVICES, SVC L"\\Nope"),
              STATUS_OBJECT_NAME_NOT_FOUND);
    /* RtlCreateRegistryKey does not create missing parents. */
    ok_status(RtlCreateRegistryKey(RTL_REGISTRY_SERVICES, SVC L"\\A\\B"),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(RtlDeleteRegistryValue(RTL_REGISTRY_SERVICES, SVC, L"Bin"), STATUS_SUCCESS);
    ok_status(RtlDeleteRegistryValue(RTL_REGISTRY_SERVICES, SVC, L"Bin"),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(RtlCheckRegistryKey(RTL_REGISTRY_MAXIMUM, SVC), STATUS_INVALID_PARAMETER);
}

TEST(query_callbacks_multi_sz_and_all_values)
{
    struct seen s = {0};
    RTL_QUERY_REGISTRY_TABLE t[3] = {0};

    setup();
    t[0].QueryRoutine = record;
    t[0].Name = L"Multi";
    t[1].QueryRoutine = record;
    t[1].Name = L"Dword";
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &s, NULL), STATUS_SUCCESS);
    ok(s.calls == 4, "calls %d\n", s.calls);
    ok(s.types[0] == REG_SZ && wequal(s.strings[0], L"one") && s.lengths[0] == 8, "first string\n");
    ok(wequal(s.strings[2], L"three") && wequal(s.names[2], L"Multi"), "third string\n");
    ok(s.types[3] == REG_DWORD && s.lengths[3] == 4, "dword\n");
    /* NOEXPAND: the raw REG_MULTI_SZ in one call. */
    memset(&s, 0, sizeof(s));
    t[0].Flags = RTL_QUERY_REGISTRY_NOEXPAND;
    t[1].QueryRoutine = NULL;
    t[1].Name = NULL;
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &s, NULL), STATUS_SUCCESS);
    ok(s.calls == 1 && s.types[0] == REG_MULTI_SZ && s.lengths[0] == 30, "raw multi\n");
    /* Name NULL: every value of the key. */
    memset(&s, 0, sizeof(s));
    t[0].Name = NULL;
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &s, NULL), STATUS_SUCCESS);
    ok(s.calls == 5 && wequal(s.names[0], L"Dword") && wequal(s.names[4], L"Expand"),
       "all values: %d\n", s.calls);
}

TEST(query_expand_sz)
{
    static const WCHAR env[] = L"OTHER=1\0DIR=C:\\dir\0";
    struct seen s = {0};
    RTL_QUERY_REGISTRY_TABLE t[2] = {0};

    setup();
    t[0].QueryRoutine = record;
    t[0].Name = L"Expand";
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &s, (PVOID)env),
              STATUS_SUCCESS);
    ok(s.calls == 1 && s.types[0] == REG_SZ && wequal(s.strings[0], L"C:\\dir\\x;%NOPE%"),
       "expanded\n");
    memset(&s, 0, sizeof(s));
    t[0].Flags = RTL_QUERY_REGISTRY_NOEXPAND;
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &s, (PVOID)env),
              STATUS_SUCCESS);
    ok(s.types[0] == REG_EXPAND_SZ, "raw type %lu\n", (unsigned long)s.types[0]);
}

TEST(query_direct)
{
    ULONG dword = 0, small = 0;
    UNICODE_STRING alloc = {0}, fixed, tiny;
    WCHAR fbuf[5], tbuf[4];
    LONG bin_neg[4] = {-16}, bin_pos[4] = {16}, bin_short[2] = {-6 + 1};
    RTL_QUERY_REGISTRY_TABLE t[8] = {0};
    const ULONG direct = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_TYPECHECK;

    setup();
    memset(fbuf, 0xFF, sizeof(fbuf)); /* the terminator must come from the query */
    fixed = (UNICODE_STRING){0, sizeof(fbuf), fbuf};
    tiny = (UNICODE_STRING){0, sizeof(tbuf), tbuf};
    t[0] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Dword", &dword, REG_DWORD << 24, NULL, 0};
    t[1] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Text", &alloc, REG_SZ << 24, NULL, 0};
    t[2] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Text", &fixed, REG_SZ << 24, NULL, 0};
    t[3] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Bin", bin_neg, REG_BINARY << 24, NULL, 0};
    t[4] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Bin", bin_pos, REG_BINARY << 24, NULL, 0};
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, NULL, NULL), STATUS_SUCCESS);
    ok(dword == 42, "dword %lu\n", (unsigned long)dword);
    ok(alloc.Length == 8 && alloc.MaximumLength >= 10 && alloc.Buffer &&
           wequal(alloc.Buffer, L"text"),
       "allocated string\n");
    RtlFreeUnicodeString(&alloc);
    ok(fixed.Length == 8 && fbuf[4] == 0 && wequal(fbuf, L"text"),
       "string into a caller buffer, NUL-terminated\n");
    ok(((UCHAR *)bin_neg)[0] == 1 && ((UCHAR *)bin_neg)[5] == 6, "negative: data only\n");
    ok(bin_pos[0] == 6 && bin_pos[1] == REG_BINARY && ((UCHAR *)&bin_pos[2])[5] == 6,
       "positive: length, type, data\n");
    /* Too small: the caller's UNICODE_STRING, and a negative size below the data size. */
    memset(t, 0, sizeof(t));
    t[0] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Text", &tiny, REG_SZ << 24, NULL, 0};
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, NULL, NULL),
              STATUS_BUFFER_TOO_SMALL);
    t[0] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Bin", bin_short, REG_BINARY << 24, NULL, 0};
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, NULL, NULL),
              STATUS_BUFFER_TOO_SMALL);
    /* TYPECHECK: a REG_DWORD read where a REG_SZ is expected. */
    t[0] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, L"Dword", &fixed, REG_SZ << 24, NULL, 0};
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, NULL, NULL),
              STATUS_OBJECT_TYPE_MISMATCH);
    /* DIRECT needs a name. */
    t[0] = (RTL_QUERY_REGISTRY_TABLE){NULL, direct, NULL, &small, REG_DWORD << 24, NULL, 0};
    t[0].QueryRoutine = record; /* not the end of the table */
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, NULL, NULL),
              STATUS_INVALID_PARAMETER);
}

TEST(query_defaults_and_required)
{
    ULONG def = 99, out = 0, out2 = 5;
    UNICODE_STRING str = {0};
    RTL_QUERY_REGISTRY_TABLE t[4] = {0};

    setup();
    t[0] = (RTL_QUERY_REGISTRY_TABLE){
        NULL, RTL_QUERY_REGISTRY_DIRECT, L"Missing", &out, REG_DWORD, &def, sizeof(def)};
    t[1] = (RTL_QUERY_REGISTRY_TABLE){
        NULL, RTL_QUERY_REGISTRY_DIRECT, L"MissingStr", &str, REG_SZ, L"fallback", 0};
    t[2] = (RTL_QUERY_REGISTRY_TABLE){
        NULL, RTL_QUERY_REGISTRY_DIRECT, L"MissingNone", &out2, REG_NONE, NULL, 0};
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, NULL, NULL), STATUS_SUCCESS);
    ok(out == 99, "default dword %lu\n", (unsigned long)out);
    ok(str.Buffer && str.Length == 16 && wequal(str.Buffer, L"fallback"), "default string\n");
    RtlFreeUnicodeString(&str);
    ok(out2 == 5, "REG_NONE default leaves the buffer alone\n");
    /* REQUIRED and missing: STATUS_OBJECT_NAME_NOT_FOUND, even with a default. */
    t[0].Flags |= RTL_QUERY_REGISTRY_REQUIRED;
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, NULL, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND);
    /* A missing key; with RTL_REGISTRY_OPTIONAL the defaults apply. */
    t[0].Flags &= ~RTL_QUERY_REGISTRY_REQUIRED;
    t[1] = t[3];
    out = 0;
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC L"\\Nope", t, NULL, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES | RTL_REGISTRY_OPTIONAL, SVC L"\\Nope",
                                     t, NULL, NULL),
              STATUS_SUCCESS);
    ok(out == 99, "optional key: default %lu\n", (unsigned long)out);
}

TEST(query_subkey_topkey_novalue_delete)
{
    struct seen s = {0};
    ULONG inner = 0, top = 0;
    RTL_QUERY_REGISTRY_TABLE t[6] = {0};
    HANDLE h;
    UNICODE_STRING path;
    OBJECT_ATTRIBUTES oa;

    setup();
    t[0] = (RTL_QUERY_REGISTRY_TABLE){NULL, RTL_QUERY_REGISTRY_SUBKEY, L"Parameters", NULL, 0, NULL,
                                      0};
    t[1] =
        (RTL_QUERY_REGISTRY_TABLE){NULL, RTL_QUERY_REGISTRY_DIRECT, L"Inner", &inner, 0, NULL, 0};
    t[2] = (RTL_QUERY_REGISTRY_TABLE){NULL, RTL_QUERY_REGISTRY_TOPKEY, NULL, NULL, 0, NULL, 0};
    t[2].QueryRoutine = NULL;
    t[2].Name = L""; /* not the end of the table */
    t[3] = (RTL_QUERY_REGISTRY_TABLE){
        NULL, RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_DELETE, L"Dword", &top, 0, NULL, 0};
    t[4] = (RTL_QUERY_REGISTRY_TABLE){record, RTL_QUERY_REGISTRY_NOVALUE, NULL, NULL, 0, NULL, 0};
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &s, NULL), STATUS_SUCCESS);
    ok(inner == 7 && top == 42, "inner %lu top %lu\n", (unsigned long)inner, (unsigned long)top);
    ok(s.calls == 1 && s.types[0] == REG_NONE && s.lengths[0] == 0, "NOVALUE: one call\n");
    /* DELETE removed the value after reading it. */
    t[3].Flags |= RTL_QUERY_REGISTRY_REQUIRED;
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &s, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND);
    /* RTL_REGISTRY_HANDLE: Path is an open key. */
    RtlInitUnicodeString(&path, SVC_PATH L"\\Parameters");
    InitializeObjectAttributes(&oa, &path, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwOpenKey(&h, KEY_READ, &oa), STATUS_SUCCESS);
    memset(t, 0, sizeof(t));
    inner = 0;
    t[0] =
        (RTL_QUERY_REGISTRY_TABLE){NULL, RTL_QUERY_REGISTRY_DIRECT, L"Inner", &inner, 0, NULL, 0};
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)h, t, NULL, NULL),
              STATUS_SUCCESS);
    ok(inner == 7, "via handle %lu\n", (unsigned long)inner);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

static NTSTATUS NTAPI failing(PWSTR name, ULONG type, PVOID data, ULONG length, PVOID context,
                              PVOID entry_context)
{
    (void)name, (void)type, (void)data, (void)length, (void)entry_context;
    ++*(int *)context;
    return *(int *)context == 1 ? STATUS_BUFFER_TOO_SMALL : STATUS_INSUFFICIENT_RESOURCES;
}

TEST(query_routine_errors)
{
    int calls = 0;
    RTL_QUERY_REGISTRY_TABLE t[3] = {0};

    setup();
    t[0] = (RTL_QUERY_REGISTRY_TABLE){failing, 0, L"Dword", NULL, 0, NULL, 0};
    t[1] = (RTL_QUERY_REGISTRY_TABLE){failing, 0, L"Text", NULL, 0, NULL, 0};
    /* STATUS_BUFFER_TOO_SMALL from a routine is ignored; any other error ends the query. */
    ok_status(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, SVC, t, &calls, NULL),
              STATUS_INSUFFICIENT_RESOURCES);
    ok(calls == 2, "calls %d\n", calls);
}

/* HKLM\HARDWARE\DEVICEMAP exists on every Windows machine, so a driver's
 * RtlWriteRegistryValue(RTL_REGISTRY_DEVICEMAP, L"SERIALCOMM", ...) creates SERIALCOMM in it
 * (the routine creates the last key of its path only). */
TEST(devicemap_exists_for_rtl_write)
{
    static const WCHAR port[] = L"COM5";
    ok_status(RtlCheckRegistryKey(RTL_REGISTRY_DEVICEMAP, L""), STATUS_SUCCESS);
    ok_status(RtlWriteRegistryValue(RTL_REGISTRY_DEVICEMAP, L"SERIALCOMM", L"\\Device\\x", REG_SZ,
                                    (PVOID)port, sizeof(port)),
              STATUS_SUCCESS);
    ok_status(RtlCheckRegistryKey(RTL_REGISTRY_DEVICEMAP, L"SERIALCOMM"), STATUS_SUCCESS);
    ok_status(RtlDeleteRegistryValue(RTL_REGISTRY_DEVICEMAP, L"SERIALCOMM", L"\\Device\\x"),
              STATUS_SUCCESS);
}
