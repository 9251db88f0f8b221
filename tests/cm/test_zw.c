/*
 * test_zw.c - the Zw* registry DDIs through <wdm.h>: create/open (dispositions, relative opens,
 * volatile keys, limits), every key and value information class with its buffer-size
 * boundaries, enumeration to STATUS_NO_MORE_ENTRIES, deletion, handles, the IRQL rule.
 * Expected values are Windows' documented behaviour.
 */
#include <wdm.h>

#include "harness.h"

#define BASE L"\\Registry\\Machine\\Software\\DrvhostTest"

static UNICODE_STRING ustr(const WCHAR *s)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, s);
    return u;
}

static NTSTATUS create_key(HANDLE *h, HANDLE root, const WCHAR *name, ULONG options, ULONG *disp)
{
    UNICODE_STRING u = ustr(name);
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    return ZwCreateKey(h, KEY_ALL_ACCESS, &oa, 0, NULL, options, disp);
}

static NTSTATUS open_key(HANDLE *h, HANDLE root, const WCHAR *name)
{
    UNICODE_STRING u = ustr(name);
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    return ZwOpenKey(h, KEY_READ, &oa);
}

static HANDLE base_key(void)
{
    HANDLE h = NULL;
    ok_status(create_key(&h, NULL, BASE, REG_OPTION_NON_VOLATILE, NULL), STATUS_SUCCESS);
    return h;
}

static NTSTATUS set_value(HANDLE h, const WCHAR *name, ULONG type, const void *data, ULONG size)
{
    UNICODE_STRING u = ustr(name);
    return ZwSetValueKey(h, &u, 0, type, (PVOID)data, size);
}

static NTSTATUS query_value(HANDLE h, const WCHAR *name, KEY_VALUE_INFORMATION_CLASS cls, void *buf,
                            ULONG len, ULONG *result)
{
    UNICODE_STRING u = ustr(name);
    return ZwQueryValueKey(h, &u, cls, buf, len, result);
}

TEST(create_dispositions_and_open)
{
    HANDLE base = base_key(), h = NULL, h2 = NULL;
    ULONG disp = 0;

    ok_status(create_key(&h, base, L"Child", REG_OPTION_NON_VOLATILE, &disp), STATUS_SUCCESS);
    ok(disp == REG_CREATED_NEW_KEY, "disposition %lu\n", (unsigned long)disp);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(create_key(&h, base, L"child", REG_OPTION_NON_VOLATILE, &disp), STATUS_SUCCESS);
    ok(disp == REG_OPENED_EXISTING_KEY, "disposition %lu\n", (unsigned long)disp);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(open_key(&h, NULL, BASE L"\\CHILD"), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(open_key(&h2, NULL, BASE L"\\Missing"), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(create_key(&h2, NULL, BASE L"\\No\\Parent", 0, &disp), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(open_key_ex_and_bad_arguments)
{
    HANDLE h = NULL;
    UNICODE_STRING u = ustr(BASE);
    OBJECT_ATTRIBUTES oa;

    ok_status(ZwClose(base_key()), STATUS_SUCCESS);
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwOpenKeyEx(&h, KEY_READ, &oa, 0), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(ZwOpenKeyEx(&h, KEY_READ, &oa, REG_OPTION_BACKUP_RESTORE), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(ZwOpenKeyEx(&h, KEY_READ, &oa, REG_OPTION_VOLATILE), STATUS_INVALID_PARAMETER);
    ok_status(ZwCreateKey(&h, KEY_READ, &oa, 0, NULL, 0x100, NULL), STATUS_INVALID_PARAMETER);
    u = ustr(L"Registry\\Machine");
    ok_status(ZwOpenKey(&h, KEY_READ, &oa), STATUS_OBJECT_PATH_SYNTAX_BAD);
}

TEST(relative_opens)
{
    HANDLE base = base_key(), a = NULL, b = NULL, same = NULL;
    KEY_BASIC_INFORMATION *bi;
    UCHAR buf[256];
    ULONG len;

    ok_status(create_key(&a, base, L"A", 0, NULL), STATUS_SUCCESS);
    ok_status(create_key(&b, a, L"B", 0, NULL), STATUS_SUCCESS);
    ok_status(ZwClose(b), STATUS_SUCCESS);
    ok_status(open_key(&b, base, L"a\\b"), STATUS_SUCCESS);
    ok_status(ZwQueryKey(b, KeyNameInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(len == 4 + sizeof(L"\\REGISTRY\\MACHINE\\SOFTWARE\\DrvhostTest\\A\\B") - 2, "len %lu\n",
       (unsigned long)len);
    ok(memcmp(((KEY_NAME_INFORMATION *)buf)->Name,
              L"\\REGISTRY\\MACHINE\\SOFTWARE\\DrvhostTest\\A\\B", len - 4) == 0,
       "full name\n");
    /* An empty name with a RootDirectory opens the root itself. */
    ok_status(open_key(&same, a, L""), STATUS_SUCCESS);
    ok_status(ZwQueryKey(same, KeyBasicInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    bi = (KEY_BASIC_INFORMATION *)buf;
    ok(bi->NameLength == 2 && bi->Name[0] == L'A', "name length %lu\n",
       (unsigned long)bi->NameLength);
    /* An absolute name with a RootDirectory is a syntax error. */
    ok_status(open_key(&same, a, BASE), STATUS_OBJECT_PATH_SYNTAX_BAD);
    ok_status(ZwClose(same), STATUS_SUCCESS);
    ok_status(ZwClose(b), STATUS_SUCCESS);
    ok_status(ZwClose(a), STATUS_SUCCESS);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

static VOID NTAPI quick_thread(PVOID context)
{
    (void)context;
    PsTerminateSystemThread(STATUS_SUCCESS);
}

TEST(handles)
{
    HANDLE base = base_key(), thread = NULL;
    PVOID object = NULL;
    ULONG len;
    UCHAR buf[64];

    ok_status(ZwQueryKey(NULL, KeyBasicInformation, buf, sizeof(buf), &len), STATUS_INVALID_HANDLE);
    ok_status(
        ObReferenceObjectByHandle(base, KEY_READ, *CmKeyObjectType, KernelMode, &object, NULL),
        STATUS_SUCCESS);
    ObDereferenceObject(object);
    ok_status(
        PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, quick_thread, NULL),
        STATUS_SUCCESS);
    ok_status(ZwQueryKey(thread, KeyBasicInformation, buf, sizeof(buf), &len),
              STATUS_OBJECT_TYPE_MISMATCH);
    ok_status(set_value(thread, L"x", REG_DWORD, &len, 4), STATUS_OBJECT_TYPE_MISMATCH);
    ok_status(
        ObReferenceObjectByHandle(thread, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL),
        STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ObDereferenceObject(object);
    ok_status(ZwClose(thread), STATUS_SUCCESS);
    ok_status(ZwClose(base), STATUS_SUCCESS);
    ok_status(ZwQueryKey(base, KeyBasicInformation, buf, sizeof(buf), &len), STATUS_INVALID_HANDLE);
}

TEST(value_basic_information_boundaries)
{
    HANDLE base = base_key();
    ULONG v = 0x12345678, len = 0;
    const ULONG fixed = FIELD_OFFSET(KEY_VALUE_BASIC_INFORMATION, Name), whole = fixed + 10;
    UCHAR buf[64];
    KEY_VALUE_BASIC_INFORMATION *bi = (KEY_VALUE_BASIC_INFORMATION *)buf;

    ok_status(set_value(base, L"Value", REG_DWORD, &v, sizeof(v)), STATUS_SUCCESS);
    ok_status(query_value(base, L"Value", KeyValueBasicInformation, buf, whole, &len),
              STATUS_SUCCESS);
    ok(len == whole && bi->Type == REG_DWORD && bi->NameLength == 10 && bi->TitleIndex == 0,
       "len %lu type %lu\n", (unsigned long)len, (unsigned long)bi->Type);
    ok(memcmp(bi->Name, L"Value", 10) == 0, "name\n");
    memset(buf, 0xAA, sizeof(buf));
    ok_status(query_value(base, L"value", KeyValueBasicInformation, buf, whole - 1, &len),
              STATUS_BUFFER_OVERFLOW);
    ok(len == whole && bi->NameLength == 10 && bi->Type == REG_DWORD,
       "overflow fills fixed part\n");
    memset(buf, 0xAA, sizeof(buf));
    ok_status(query_value(base, L"Value", KeyValueBasicInformation, buf, fixed, &len),
              STATUS_BUFFER_OVERFLOW);
    memset(buf, 0xAA, sizeof(buf));
    ok_status(query_value(base, L"Value", KeyValueBasicInformation, buf, fixed - 1, &len),
              STATUS_BUFFER_TOO_SMALL);
    ok(len == whole && buf[0] == 0xAA, "too small writes nothing; len %lu\n", (unsigned long)len);
    ok_status(query_value(base, L"Value", KeyValueBasicInformation, NULL, 0, &len),
              STATUS_BUFFER_TOO_SMALL);
    ok(len == whole, "len %lu\n", (unsigned long)len);
    ok_status(query_value(base, L"Nope", KeyValueBasicInformation, buf, sizeof(buf), &len),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(query_value(base, L"Value", (KEY_VALUE_INFORMATION_CLASS)42, buf, sizeof(buf), &len),
              STATUS_INVALID_PARAMETER);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(value_partial_information_boundaries)
{
    HANDLE base = base_key();
    static const UCHAR data[5] = {1, 2, 3, 4, 5};
    const ULONG fixed = FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION, Data), whole = fixed + 5;
    UCHAR buf[64];
    KEY_VALUE_PARTIAL_INFORMATION *pi = (KEY_VALUE_PARTIAL_INFORMATION *)buf;
    KEY_VALUE_PARTIAL_INFORMATION_ALIGN64 *p64 = (KEY_VALUE_PARTIAL_INFORMATION_ALIGN64 *)buf;
    ULONG len;

    ok_status(set_value(base, L"Bin", REG_BINARY, data, sizeof(data)), STATUS_SUCCESS);
    ok_status(query_value(base, L"Bin", KeyValuePartialInformation, buf, whole, &len),
              STATUS_SUCCESS);
    ok(len == whole && pi->Type == REG_BINARY && pi->DataLength == 5 &&
           memcmp(pi->Data, data, 5) == 0,
       "partial: len %lu\n", (unsigned long)len);
    ok_status(query_value(base, L"Bin", KeyValuePartialInformation, buf, whole - 1, &len),
              STATUS_BUFFER_OVERFLOW);
    ok(len == whole && pi->DataLength == 5, "overflow: len %lu\n", (unsigned long)len);
    ok_status(query_value(base, L"Bin", KeyValuePartialInformation, buf, fixed - 1, &len),
              STATUS_BUFFER_TOO_SMALL);
    ok(len == whole, "len %lu\n", (unsigned long)len);
    ok_status(query_value(base, L"Bin", KeyValuePartialInformationAlign64, buf, 8 + 5, &len),
              STATUS_SUCCESS);
    ok(len == 13 && p64->Type == REG_BINARY && p64->DataLength == 5 &&
           memcmp(p64->Data, data, 5) == 0,
       "align64: len %lu\n", (unsigned long)len);
    ok_status(query_value(base, L"Bin", KeyValuePartialInformationAlign64, buf, 7, &len),
              STATUS_BUFFER_TOO_SMALL);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(value_full_information_and_default_value)
{
    HANDLE base = base_key();
    static const WCHAR text[] = L"hello";
    UCHAR buf[128];
    KEY_VALUE_FULL_INFORMATION *fi = (KEY_VALUE_FULL_INFORMATION *)buf;
    ULONG len, whole;

    ok_status(set_value(base, L"S", REG_SZ, text, sizeof(text)), STATUS_SUCCESS);
    /* Name "S" ends at 22; the data starts at the next 4-byte boundary. */
    whole = 24 + sizeof(text);
    ok_status(query_value(base, L"S", KeyValueFullInformation, buf, sizeof(buf), &len),
              STATUS_SUCCESS);
    ok(len == whole && fi->Type == REG_SZ && fi->NameLength == 2 && fi->DataOffset == 24 &&
           fi->DataLength == sizeof(text),
       "full: len %lu offset %lu\n", (unsigned long)len, (unsigned long)fi->DataOffset);
    ok(memcmp(buf + fi->DataOffset, text, sizeof(text)) == 0, "data\n");
    ok_status(query_value(base, L"S", KeyValueFullInformation, buf, whole - 1, &len),
              STATUS_BUFFER_OVERFLOW);
    ok_status(query_value(base, L"S", KeyValueFullInformation, buf, 19, &len),
              STATUS_BUFFER_TOO_SMALL);
    ok_status(query_value(base, L"S", KeyValueFullInformationAlign64, buf, sizeof(buf), &len),
              STATUS_SUCCESS);
    ok(fi->DataOffset == 24 && len == 24 + sizeof(text), "align64 offset %lu\n",
       (unsigned long)fi->DataOffset);
    /* The default value: an empty name. */
    ok_status(set_value(base, L"", REG_SZ, text, sizeof(text)), STATUS_SUCCESS);
    ok_status(query_value(base, L"", KeyValueFullInformation, buf, sizeof(buf), &len),
              STATUS_SUCCESS);
    ok(fi->NameLength == 0 && fi->DataOffset == 20 && len == 20 + sizeof(text), "default\n");
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(enumerate_values_and_keys)
{
    HANDLE base = base_key(), h;
    static const WCHAR *const keys[] = {L"Zeta", L"alpha", L"Beta"};
    UCHAR buf[256];
    ULONG len, i, v = 7;
    KEY_VALUE_BASIC_INFORMATION *vb = (KEY_VALUE_BASIC_INFORMATION *)buf;
    KEY_BASIC_INFORMATION *kb = (KEY_BASIC_INFORMATION *)buf;

    ok_status(set_value(base, L"Second", REG_DWORD, &v, 4), STATUS_SUCCESS);
    ok_status(set_value(base, L"First", REG_DWORD, &v, 4), STATUS_SUCCESS);
    for (i = 0; i < 3; i++) {
        ok_status(create_key(&h, base, keys[i], 0, NULL), STATUS_SUCCESS);
        ok_status(ZwClose(h), STATUS_SUCCESS);
    }
    /* Values come in creation order. */
    ok_status(ZwEnumerateValueKey(base, 0, KeyValueBasicInformation, buf, sizeof(buf), &len),
              STATUS_SUCCESS);
    ok(vb->NameLength == 12 && memcmp(vb->Name, L"Second", 12) == 0, "value 0\n");
    ok_status(ZwEnumerateValueKey(base, 1, KeyValueFullInformation, buf, sizeof(buf), &len),
              STATUS_SUCCESS);
    ok_status(ZwEnumerateValueKey(base, 2, KeyValuePartialInformation, buf, sizeof(buf), &len),
              STATUS_NO_MORE_ENTRIES);
    ok_status(ZwEnumerateValueKey(base, 0, KeyValueBasicInformation, buf, 11, &len),
              STATUS_BUFFER_TOO_SMALL);
    ok(len == 12 + 12, "len %lu\n", (unsigned long)len);
    /* Subkeys come in case-insensitive name order. */
    ok_status(ZwEnumerateKey(base, 0, KeyBasicInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(kb->NameLength == 10 && memcmp(kb->Name, L"alpha", 10) == 0 && len == 16 + 10, "key 0\n");
    ok_status(ZwEnumerateKey(base, 1, KeyNodeInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(((KEY_NODE_INFORMATION *)buf)->NameLength == 8 && len == 24 + 8, "key 1 node\n");
    ok_status(ZwEnumerateKey(base, 2, KeyFullInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(len == FIELD_OFFSET(KEY_FULL_INFORMATION, Class), "full len %lu\n", (unsigned long)len);
    ok_status(ZwEnumerateKey(base, 3, KeyBasicInformation, buf, sizeof(buf), &len),
              STATUS_NO_MORE_ENTRIES);
    ok_status(ZwEnumerateKey(base, 0, KeyNameInformation, buf, sizeof(buf), &len),
              STATUS_INVALID_PARAMETER);
    ok_status(ZwEnumerateKey(base, 0, KeyBasicInformation, buf, 15, &len), STATUS_BUFFER_TOO_SMALL);
    ok_status(ZwEnumerateKey(base, 0, KeyBasicInformation, buf, 17, &len), STATUS_BUFFER_OVERFLOW);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(query_key_classes)
{
    HANDLE base = base_key(), h;
    static const UCHAR big[100] = {0};
    UCHAR buf[256];
    ULONG len;
    KEY_FULL_INFORMATION *fi = (KEY_FULL_INFORMATION *)buf;
    KEY_CACHED_INFORMATION *ci = (KEY_CACHED_INFORMATION *)buf;
    const ULONG full = FIELD_OFFSET(KEY_FULL_INFORMATION, Class);

    ok_status(create_key(&h, base, L"Sub123", 0, NULL), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(set_value(base, L"LongerName", REG_BINARY, big, sizeof(big)), STATUS_SUCCESS);
    ok_status(ZwQueryKey(base, KeyFullInformation, buf, full, &len), STATUS_SUCCESS);
    ok(len == full && fi->SubKeys == 1 && fi->Values == 1 && fi->MaxNameLen == 12 &&
           fi->MaxValueNameLen == 20 && fi->MaxValueDataLen == 100 && fi->ClassLength == 0 &&
           fi->LastWriteTime.QuadPart > 0,
       "full: subkeys %lu values %lu maxname %lu\n", (unsigned long)fi->SubKeys,
       (unsigned long)fi->Values, (unsigned long)fi->MaxNameLen);
    ok_status(ZwQueryKey(base, KeyFullInformation, buf, full - 1, &len), STATUS_BUFFER_TOO_SMALL);
    ok(len == full, "len %lu\n", (unsigned long)len);
    ok_status(ZwQueryKey(base, KeyCachedInformation, buf, sizeof(*ci), &len), STATUS_SUCCESS);
    ok(len == sizeof(*ci) && ci->SubKeys == 1 && ci->NameLength == 22, "cached: name %lu\n",
       (unsigned long)ci->NameLength);
    ok_status(ZwQueryKey(base, KeyCachedInformation, buf, sizeof(*ci) - 1, &len),
              STATUS_BUFFER_TOO_SMALL);
    ok_status(ZwQueryKey(base, KeyNodeInformation, buf, 24 + 22, &len), STATUS_SUCCESS);
    ok(len == 24 + 22 && ((KEY_NODE_INFORMATION *)buf)->NameLength == 22, "node\n");
    ok_status(ZwQueryKey(base, KeyNodeInformation, buf, 24 + 21, &len), STATUS_BUFFER_OVERFLOW);
    ok_status(ZwQueryKey(base, KeyNodeInformation, buf, 23, &len), STATUS_BUFFER_TOO_SMALL);
    ok_status(ZwQueryKey(base, KeyNameInformation, buf, 3, &len), STATUS_BUFFER_TOO_SMALL);
    ok_status(ZwQueryKey(base, KeyNameInformation, buf, 4, &len), STATUS_BUFFER_OVERFLOW);
    ok(((KEY_NAME_INFORMATION *)buf)->NameLength == len - 4, "name length\n");
    ok_status(ZwQueryKey(base, KeyBasicInformation, NULL, 0, &len), STATUS_BUFFER_TOO_SMALL);
    ok(len == 16 + 22, "basic len %lu\n", (unsigned long)len);
    ok_status(ZwQueryKey(base, MaxKeyInfoClass, buf, sizeof(buf), &len), STATUS_INVALID_PARAMETER);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(delete_key_and_values)
{
    HANDLE base = base_key(), h, h2;
    ULONG v = 1, len;
    UCHAR buf[64];
    UNICODE_STRING name = ustr(L"v");

    ok_status(create_key(&h, base, L"Doomed", 0, NULL), STATUS_SUCCESS);
    ok_status(create_key(&h2, h, L"Inner", 0, NULL), STATUS_SUCCESS);
    ok_status(ZwDeleteKey(h), STATUS_CANNOT_DELETE);
    ok_status(ZwDeleteKey(h2), STATUS_SUCCESS);
    ok_status(ZwClose(h2), STATUS_SUCCESS);
    ok_status(set_value(h, L"v", REG_DWORD, &v, 4), STATUS_SUCCESS);
    ok_status(ZwDeleteValueKey(h, &name), STATUS_SUCCESS);
    ok_status(ZwDeleteValueKey(h, &name), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    /* The handle stays valid, but the key is gone. */
    ok_status(ZwQueryKey(h, KeyBasicInformation, buf, sizeof(buf), &len), STATUS_KEY_DELETED);
    ok_status(set_value(h, L"v", REG_DWORD, &v, 4), STATUS_KEY_DELETED);
    ok_status(ZwDeleteKey(h), STATUS_KEY_DELETED);
    ok_status(ZwEnumerateKey(h, 0, KeyBasicInformation, buf, sizeof(buf), &len),
              STATUS_KEY_DELETED);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(open_key(&h, base, L"Doomed"), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(volatile_keys)
{
    HANDLE base = base_key(), v, c;
    ULONG disp;

    ok_status(create_key(&v, base, L"Vol", REG_OPTION_VOLATILE, &disp), STATUS_SUCCESS);
    ok_status(create_key(&c, v, L"Stable", REG_OPTION_NON_VOLATILE, &disp),
              STATUS_CHILD_MUST_BE_VOLATILE);
    ok_status(create_key(&c, v, L"AlsoVolatile", REG_OPTION_VOLATILE, &disp), STATUS_SUCCESS);
    ok_status(ZwClose(c), STATUS_SUCCESS);
    ok_status(ZwClose(v), STATUS_SUCCESS);
    ok_status(create_key(&v, base, L"Vol", REG_OPTION_NON_VOLATILE, &disp), STATUS_SUCCESS);
    ok(disp == REG_OPENED_EXISTING_KEY, "reopened\n");
    ok_status(ZwClose(v), STATUS_SUCCESS);
    ok_status(create_key(&v, base, L"Link", REG_OPTION_CREATE_LINK, &disp), STATUS_NOT_SUPPORTED);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(key_name_limits)
{
    HANDLE base = base_key(), h;
    WCHAR name[300];
    UNICODE_STRING odd;

    for (int i = 0; i < 256; i++)
        name[i] = L'k';
    name[256] = 0;
    ok_status(create_key(&h, base, name, 0, NULL), STATUS_INVALID_PARAMETER);
    name[255] = 0;
    ok_status(create_key(&h, base, name, 0, NULL), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    odd = ustr(L"abc");
    odd.Length = 3;
    ok_status(ZwDeleteValueKey(base, &odd), STATUS_INVALID_PARAMETER);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

TEST(flush_without_registry_file)
{
    HANDLE base = base_key();
    ok_status(ZwFlushKey(base), STATUS_SUCCESS);
    ok_status(ZwClose(base), STATUS_SUCCESS);
    ok_status(ZwFlushKey(base), STATUS_INVALID_HANDLE);
}

TEST(registry_at_dispatch_level_bugchecks)
{
    HANDLE h;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0xC4, 0x2001F); /* DRIVER_VERIFIER_DETECTED_VIOLATION, rule IrqlZwPassive */
    open_key(&h, NULL, BASE);
}

/* ZwClose falls under the same rule as the other Zw routines. */
TEST(zw_close_at_dispatch_level_bugchecks)
{
    HANDLE base = base_key();
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0xC4, 0x2001F);
    ZwClose(base);
}

/* "v0" .. "v39" (wide printf is not usable with the 16-bit WCHAR of drivers). */
static void value_name(WCHAR name[4], ULONG i)
{
    name[0] = L'v';
    name[1] = (WCHAR)(L'0' + i / 10);
    name[2] = (WCHAR)(L'0' + i % 10);
    name[3] = 0;
}

/* Many values, one deleted, more added: every value is found, and setting one again replaces it
 * (the key's value count does not grow), as ZwSetValueKey documents. */
TEST(many_values_after_a_delete)
{
    HANDLE base = base_key(), h;
    WCHAR name[8];
    UNICODE_STRING u;
    ULONG i, v, len;
    UCHAR buf[256];
    PKEY_FULL_INFORMATION full = (PKEY_FULL_INFORMATION)buf;

    ok_status(create_key(&h, base, L"Many", 0, NULL), STATUS_SUCCESS);
    for (i = 0; i < 40; i++) {
        value_name(name, i);
        ok_status(set_value(h, name, REG_DWORD, &i, 4), STATUS_SUCCESS);
        if (i == 20) {
            u = ustr(L"v03");
            ok_status(ZwDeleteValueKey(h, &u), STATUS_SUCCESS);
        }
    }
    for (i = 0; i < 40; i++) {
        value_name(name, i);
        v = i + 100;
        ok_status(set_value(h, name, REG_DWORD, &v, 4), STATUS_SUCCESS);
        ok_status(query_value(h, name, KeyValuePartialInformation, buf, sizeof(buf), &len),
                  STATUS_SUCCESS);
        ok(((PKEY_VALUE_PARTIAL_INFORMATION)buf)->Data[0] == (UCHAR)(i + 100), "v%u\n", i);
    }
    ok_status(ZwQueryKey(h, KeyFullInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(full->Values == 40, "values: %u\n", full->Values);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}

/* docs/registry.md's deviations: no key classes (a Class given to ZwCreateKey is ignored:
 * ClassLength 0, ClassOffset 0xFFFFFFFF), and the information classes drvhost does not provide
 * are STATUS_INVALID_PARAMETER. */
TEST(key_classes_ignored_and_classes_not_provided)
{
    HANDLE base = base_key(), h = NULL;
    UNICODE_STRING name = ustr(L"WithClass"), cls = ustr(L"SomeClass");
    OBJECT_ATTRIBUTES oa;
    UCHAR buf[512];
    ULONG len;
    KEY_FULL_INFORMATION *fi = (KEY_FULL_INFORMATION *)buf;
    KEY_NODE_INFORMATION *ni = (KEY_NODE_INFORMATION *)buf;
    LONGLONG written;
    static const KEY_INFORMATION_CLASS missing[] = {KeyFlagsInformation, KeyHandleTagsInformation,
                                                    KeyTrustInformation, KeyLayerInformation};
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, base, NULL);
    ok_status(ZwCreateKey(&h, KEY_ALL_ACCESS, &oa, 0, &cls, 0, NULL), STATUS_SUCCESS);
    ok_status(ZwQueryKey(h, KeyFullInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(fi->ClassLength == 0 && fi->ClassOffset == 0xFFFFFFFF,
       "full: class length %lu offset %#lx\n", (unsigned long)fi->ClassLength,
       (unsigned long)fi->ClassOffset);
    written = fi->LastWriteTime.QuadPart;
    ok(written != 0, "full: the key's last write time\n");
    ok_status(ZwQueryKey(h, KeyNodeInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(ni->ClassLength == 0 && ni->ClassOffset == 0xFFFFFFFF,
       "node: class length %lu offset %#lx\n", (unsigned long)ni->ClassLength,
       (unsigned long)ni->ClassOffset);
    ok(ni->LastWriteTime.QuadPart == written, "node: the same last write time as full\n");
    for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++)
        ok_status(ZwQueryKey(h, missing[i], buf, sizeof(buf), &len), STATUS_INVALID_PARAMETER);
    {
        LARGE_INTEGER pause = {.QuadPart = -10000}; /* 1 ms: the clock moves */
        KeDelayExecutionThread(KernelMode, FALSE, &pause);
    }
    ok_status(set_value(h, L"WithClass", REG_DWORD, &len, sizeof(len)), STATUS_SUCCESS);
    /* Setting a value writes the key: its last write time moves on. */
    ok_status(ZwQueryKey(h, KeyFullInformation, buf, sizeof(buf), &len), STATUS_SUCCESS);
    ok(fi->LastWriteTime.QuadPart > written, "a value set: last write time %lld, was %lld\n",
       (long long)fi->LastWriteTime.QuadPart, (long long)written);
    ok_status(ZwQueryValueKey(h, &name, KeyValueLayerInformation, buf, sizeof(buf), &len),
              STATUS_INVALID_PARAMETER);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(ZwClose(base), STATUS_SUCCESS);
}
