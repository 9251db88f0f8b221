/*
 * test_wdm_inlines.c - the macros and inline routines of wdm.h, ntdef.h and guiddef.h that a
 * driver compiles into itself: doubly and singly linked lists (and their corruption checks),
 * the Interlocked family, the memory macros, GUIDs, the UNICODE_STRING declarations, the
 * NTSTATUS severity test and the string size routines. Expected values: the reference pages.
 */
#include <wdm.h>
#include <initguid.h>

#include "harness.h"

#include <string.h>

typedef struct {
    LIST_ENTRY Link;
    int Value;
} ITEM;

static int values(PLIST_ENTRY head, int *out, int max)
{
    int n = 0;
    for (PLIST_ENTRY e = head->Flink; e != head && n < max; e = e->Flink)
        out[n++] = CONTAINING_RECORD(e, ITEM, Link)->Value;
    return n;
}

/* InsertHeadList puts the entry first; RemoveHeadList and RemoveTailList take the first and the
 * last; on an empty list they return the head itself. */
TEST(doubly_linked_lists)
{
    LIST_ENTRY head;
    ITEM it[4] = {{.Value = 0}, {.Value = 1}, {.Value = 2}, {.Value = 3}};
    int v[8];
    InitializeListHead(&head);
    InsertHeadList(&head, &it[1].Link);
    InsertHeadList(&head, &it[0].Link);
    InsertTailList(&head, &it[2].Link);
    ok(values(&head, v, 8) == 3 && v[0] == 0 && v[1] == 1 && v[2] == 2, "order %d %d %d", v[0],
       v[1], v[2]);
    ok(head.Blink == &it[2].Link && it[0].Link.Blink == &head, "back links");
    ok(RemoveHeadList(&head) == &it[0].Link, "RemoveHeadList did not return the first entry");
    ok(RemoveTailList(&head) == &it[2].Link, "RemoveTailList did not return the last entry");
    ok(values(&head, v, 8) == 1 && v[0] == 1, "one entry left");
    ok(RemoveTailList(&head) == &it[1].Link && IsListEmpty(&head), "last entry");
    ok(RemoveHeadList(&head) == &head && RemoveTailList(&head) == &head,
       "removal from an empty list does not return the head");
    ok(IsListEmpty(&head), "empty list changed");
}

/* AppendTailList links a headless circular list (ListToAppend is its first entry) after the
 * last entry of ListHead. */
TEST(append_tail_list)
{
    LIST_ENTRY head, other;
    ITEM it[4] = {{.Value = 0}, {.Value = 1}, {.Value = 2}, {.Value = 3}};
    int v[8];
    InitializeListHead(&head);
    InitializeListHead(&other);
    InsertTailList(&head, &it[0].Link);
    InsertTailList(&head, &it[1].Link);
    InsertTailList(&other, &it[2].Link);
    InsertTailList(&other, &it[3].Link);
    RemoveEntryList(&other); /* it[2] and it[3] now form a list without a head */
    AppendTailList(&head, &it[2].Link);
    ok(values(&head, v, 8) == 4 && v[0] == 0 && v[1] == 1 && v[2] == 2 && v[3] == 3,
       "after append: %d %d %d %d", v[0], v[1], v[2], v[3]);
    ok(head.Blink == &it[3].Link && it[3].Link.Flink == &head && it[2].Link.Blink == &it[1].Link,
       "append links");
}

TEST(corrupt_list_entry_fails_fast)
{
    LIST_ENTRY head, bogus;
    ITEM it = {.Value = 1};
    InitializeListHead(&head);
    InsertHeadList(&head, &it.Link);
    it.Link.Blink = &bogus; /* the entry no longer points back at the head */
    expect_bugcheck_p1(0x139, FAST_FAIL_CORRUPT_LIST_ENTRY);
    RemoveHeadList(&head);
}

TEST(corrupt_list_head_fails_fast_on_insert)
{
    LIST_ENTRY head, bogus;
    ITEM a = {.Value = 1}, b = {.Value = 2};
    InitializeListHead(&head);
    InsertHeadList(&head, &a.Link);
    a.Link.Blink = &bogus;
    expect_bugcheck_p1(0x139, FAST_FAIL_CORRUPT_LIST_ENTRY);
    InsertHeadList(&head, &b.Link);
}

TEST(corrupt_tail_fails_fast)
{
    LIST_ENTRY head, bogus;
    ITEM it = {.Value = 1};
    InitializeListHead(&head);
    InsertTailList(&head, &it.Link);
    it.Link.Flink = &bogus;
    expect_bugcheck_p1(0x139, FAST_FAIL_CORRUPT_LIST_ENTRY);
    RemoveTailList(&head);
}

/* PushEntryList / PopEntryList: a LIFO; popping an empty list gives NULL. */
TEST(singly_linked_lists)
{
    SINGLE_LIST_ENTRY head = {NULL}, a, b;
    PushEntryList(&head, &a);
    PushEntryList(&head, &b);
    ok(head.Next == &b && b.Next == &a && a.Next == NULL, "links after two pushes");
    ok(PopEntryList(&head) == &b, "pop is not LIFO");
    ok(PopEntryList(&head) == &a, "second pop");
    ok(PopEntryList(&head) == NULL && head.Next == NULL, "pop from an empty list");
}

/* Each Interlocked routine's documented return value: the new value for Increment/Decrement,
 * the initial value for Exchange, ExchangeAdd, And, Xor and CompareExchange. */
TEST(interlocked_return_values)
{
    LONG l = 0x0F0F;
    LONG64 q = 0x100000000LL;
    PVOID p = (PVOID)0x1000, seen;
    ok(InterlockedAnd(&l, 0x00FF) == 0x0F0F && l == 0x000F, "InterlockedAnd: %#lx", (long)l);
    ok(InterlockedXor(&l, 0x0101) == 0x000F && l == 0x010E, "InterlockedXor: %#lx", (long)l);
    ok(InterlockedExchangeAdd(&l, 2) == 0x010E && l == 0x0110, "InterlockedExchangeAdd: %#lx",
       (long)l);
    ok(InterlockedIncrement64(&q) == 0x100000001LL && q == 0x100000001LL, "Increment64");
    ok(InterlockedDecrement64(&q) == 0x100000000LL && q == 0x100000000LL, "Decrement64");
    ok(InterlockedExchangeAdd64(&q, -1) == 0x100000000LL && q == 0xFFFFFFFFLL, "ExchangeAdd64");
    ok(InterlockedExchange64(&q, -5) == 0xFFFFFFFFLL && q == -5, "Exchange64");
    ok(InterlockedCompareExchange64(&q, 7, 6) == -5 && q == -5, "CompareExchange64 unequal");
    ok(InterlockedCompareExchange64(&q, 7, -5) == -5 && q == 7, "CompareExchange64 equal");
    ok(InterlockedExchangePointer(&p, (PVOID)0x2000) == (PVOID)0x1000 && p == (PVOID)0x2000,
       "ExchangePointer");
    seen = InterlockedCompareExchangePointer(&p, (PVOID)0x3000, (PVOID)0x1000);
    ok(seen == (PVOID)0x2000 && p == (PVOID)0x2000, "CompareExchangePointer unequal");
    seen = InterlockedCompareExchangePointer(&p, (PVOID)0x3000, (PVOID)0x2000);
    ok(seen == (PVOID)0x2000 && p == (PVOID)0x3000, "CompareExchangePointer equal");
}

/* The 8- and 16-bit forms return the previous value and change only their own bytes. */
TEST(interlocked_narrow_forms)
{
    union {
        CHAR c[4];
        SHORT s[2];
        LONG l;
    } u = {.l = 0};
    LONG64 q = 0x0F0F;
    u.c[1] = 0x0F;
    ok(InterlockedExchange8(&u.c[1], 0x33) == 0x0F && u.c[1] == 0x33 && u.c[0] == 0 && u.c[2] == 0,
       "Exchange8: %#lx", (long)u.l);
    ok(InterlockedExchangeAdd8(&u.c[1], 2) == 0x33 && u.c[1] == 0x35, "ExchangeAdd8");
    ok(InterlockedAnd8(&u.c[1], 0x0F) == 0x35 && u.c[1] == 0x05, "And8");
    ok(InterlockedOr8(&u.c[1], 0x40) == 0x05 && u.c[1] == 0x45, "Or8");
    ok(InterlockedXor8(&u.c[1], 0x41) == 0x45 && u.c[1] == 0x04, "Xor8");
    ok(InterlockedExchange16(&u.s[1], 0x1234) == 0 && u.s[1] == 0x1234 && u.s[0] == 0x0400,
       "Exchange16: %#lx", (long)u.l);
    ok(InterlockedExchangeAdd16(&u.s[1], 1) == 0x1234 && u.s[1] == 0x1235, "ExchangeAdd16");
    ok(InterlockedAnd16(&u.s[1], 0x00FF) == 0x1235 && u.s[1] == 0x0035, "And16");
    ok(InterlockedOr16(&u.s[1], 0x0100) == 0x0035 && u.s[1] == 0x0135, "Or16");
    ok(InterlockedXor16(&u.s[1], 0x0101) == 0x0135 && u.s[1] == 0x0034, "Xor16");
    ok(InterlockedCompareExchange16(&u.s[1], 7, 6) == 0x0034 && u.s[1] == 0x0034,
       "CompareExchange16 unequal");
    ok(InterlockedCompareExchange16(&u.s[1], 7, 0x0034) == 0x0034 && u.s[1] == 7,
       "CompareExchange16 equal");
    ok(InterlockedXor64(&q, 0x0101) == 0x0F0F && q == 0x0E0E, "Xor64");
    ok(u.s[0] == 0x0400, "the neighbouring bytes untouched: %#x", (unsigned)(USHORT)u.s[0]);
}

/* RtlMoveMemory handles overlap; RtlCopyBytes copies; RtlZeroBytes and RtlSecureZeroMemory
 * zero exactly the bytes named; RtlEqualMemory compares. */
TEST(memory_macros)
{
    UCHAR a[16], b[16];
    for (int i = 0; i < 16; i++)
        a[i] = (UCHAR)i;
    RtlMoveMemory(a + 2, a, 8); /* overlapping, forwards */
    ok(a[2] == 0 && a[9] == 7 && a[10] == 10, "overlapping move: %d %d %d", a[2], a[9], a[10]);
    RtlCopyBytes(b, a, sizeof(b));
    ok(RtlEqualMemory(a, b, sizeof(a)), "RtlCopyBytes copy differs");
    b[15] ^= 1;
    ok(!RtlEqualMemory(a, b, sizeof(a)) && RtlEqualMemory(a, b, 15), "RtlEqualMemory");
    RtlZeroBytes(b + 1, 4);
    ok(b[0] == a[0] && b[1] == 0 && b[4] == 0 && b[5] == a[5], "RtlZeroBytes range");
    ok(RtlSecureZeroMemory(a + 3, 5) == a + 3, "RtlSecureZeroMemory returns its pointer");
    ok(a[2] == 0 && a[3] == 0 && a[7] == 0 && a[8] == 6, "RtlSecureZeroMemory range: %d", a[8]);
}

DEFINE_GUID(TEST_GUID_A, 0x12345678, 0x9ABC, 0xDEF0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
            0x08);
DEFINE_GUID(TEST_GUID_B, 0x12345678, 0x9ABC, 0xDEF0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
            0x09);

/* The reference's example: 0x12345678 becomes 0x78563412; the other sizes alike. */
TEST(byte_swaps)
{
    ok(RtlUlongByteSwap(0x12345678) == 0x78563412, "%lx\n",
       (unsigned long)RtlUlongByteSwap(0x12345678));
    ok(RtlUshortByteSwap(0x1234) == 0x3412, "%x\n", RtlUshortByteSwap(0x1234));
    ok(RtlUlonglongByteSwap(0x0102030405060708ULL) == 0x0807060504030201ULL, "%llx\n",
       (unsigned long long)RtlUlonglongByteSwap(0x0102030405060708ULL));
}

TEST(guids)
{
    GUID copy = TEST_GUID_A;
    ok(TEST_GUID_A.Data1 == 0x12345678 && TEST_GUID_A.Data2 == 0x9ABC &&
           TEST_GUID_A.Data3 == 0xDEF0 && TEST_GUID_A.Data4[7] == 0x08,
       "DEFINE_GUID storage");
    ok(sizeof(GUID) == 16, "sizeof(GUID) %zu", sizeof(GUID));
    ok(IsEqualGUID(&copy, &TEST_GUID_A), "equal GUIDs differ");
    ok(!IsEqualGUID(&TEST_GUID_A, &TEST_GUID_B), "GUIDs differing in the last byte are equal");
}

C_ASSERT(sizeof(LIST_ENTRY) == 16);
DECLARE_GLOBAL_CONST_UNICODE_STRING(GlobalName, L"Global");

TEST(unicode_string_declarations)
{
    DECLARE_CONST_UNICODE_STRING(name, L"abc");
    DECLARE_UNICODE_STRING_SIZE(room, 40);
    ok(name.Length == 6 && name.MaximumLength == 8 && name.Buffer[2] == L'c' && name.Buffer[3] == 0,
       "DECLARE_CONST_UNICODE_STRING: %u/%u", name.Length, name.MaximumLength);
    ok(room.Length == 0 && room.MaximumLength == 80 && room.Buffer != NULL,
       "DECLARE_UNICODE_STRING_SIZE: %u/%u", room.Length, room.MaximumLength);
    ok_status(RtlAppendUnicodeToString(&room, L"fits"), STATUS_SUCCESS);
    ok(room.Length == 8, "append: %u", room.Length);
    ok(GlobalName.Length == 12 && GlobalName.MaximumLength == 14 && GlobalName.Buffer[0] == L'G',
       "DECLARE_GLOBAL_CONST_UNICODE_STRING: %u/%u", GlobalName.Length, GlobalName.MaximumLength);
}

/* Severity 1 (0x4xxxxxxx) only. */
TEST(nt_information)
{
    ok(NT_INFORMATION(STATUS_OBJECT_NAME_EXISTS), "0x40000000 is informational");
    ok(NT_INFORMATION((NTSTATUS)0x7FFFFFFF), "0x7FFFFFFF is informational");
    ok(!NT_INFORMATION(STATUS_SUCCESS) && !NT_INFORMATION(STATUS_PENDING),
       "success codes are not informational");
    ok(!NT_INFORMATION(STATUS_BUFFER_OVERFLOW) && !NT_INFORMATION(STATUS_ACCESS_DENIED),
       "warnings and errors are not informational");
}

/* The sizes, in bytes, of the converted string including its terminator. */
TEST(string_conversion_sizes)
{
    UNICODE_STRING u = RTL_CONSTANT_STRING(L"hello");
    ANSI_STRING a = RTL_CONSTANT_STRING("hello!");
    UNICODE_STRING empty = {0, 0, NULL};
    ok(RtlxUnicodeStringToAnsiSize(&u) == 6, "RtlxUnicodeStringToAnsiSize %lu",
       (unsigned long)RtlxUnicodeStringToAnsiSize(&u));
    ok(RtlUnicodeStringToAnsiSize(&u) == 6, "RtlUnicodeStringToAnsiSize %lu",
       (unsigned long)RtlUnicodeStringToAnsiSize(&u));
    ok(RtlxUnicodeStringToAnsiSize(&empty) == 1, "empty: %lu",
       (unsigned long)RtlxUnicodeStringToAnsiSize(&empty));
    ok(RtlxAnsiStringToUnicodeSize(&a) == 14, "RtlxAnsiStringToUnicodeSize %lu",
       (unsigned long)RtlxAnsiStringToUnicodeSize(&a));
    ok(RtlAnsiStringToUnicodeSize(&a) == 14, "RtlAnsiStringToUnicodeSize");
}
