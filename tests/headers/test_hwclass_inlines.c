/*
 * test_hwclass_inlines.c - the inline routines and GUIDs of the hardware-class headers, which a
 * driver compiles into itself: intsafe.h (the HRESULT family: S_OK with the exact result, or
 * INTSAFE_E_ARITHMETIC_OVERFLOW with the type's _ERROR value), reshub.h's connection path
 * helpers, spb.h's transfer list initializers, and GUID values against the documented strings.
 */
#include <wdm.h>
#include <initguid.h>
#include <poclass.h>
#include <usbiodef.h>
#include <spb.h>
#define RESHUB_USE_HELPER_ROUTINES
#include <reshub.h>
#include <intsafe.h>

#include "harness.h"

#include <string.h>

TEST(intsafe_hresult_arithmetic)
{
    ULONG ul = 0;
    SIZE_T sz = 0;
    INT i = 0;
    ok(ULongAdd(0xFFFFFFFE, 1, &ul) == S_OK && ul == 0xFFFFFFFF, "ULongAdd max: %#x\n", ul);
    ok(ULongAdd(0xFFFFFFFF, 1, &ul) == INTSAFE_E_ARITHMETIC_OVERFLOW, "ULongAdd overflow\n");
    ok(ul == ULONG_ERROR, "ULongAdd overflow result %#x\n", ul);
    ok(ULongSub(3, 4, &ul) == INTSAFE_E_ARITHMETIC_OVERFLOW && ul == ULONG_ERROR, "ULongSub\n");
    ok(ULongMult(0x10000, 0xFFFF, &ul) == S_OK && ul == 0xFFFF0000, "ULongMult %#x\n", ul);
    ok(ULongMult(0x10000, 0x10000, &ul) == INTSAFE_E_ARITHMETIC_OVERFLOW, "ULongMult overflow\n");
    ok(SizeTMult((SIZE_T)1 << 32, (SIZE_T)1 << 32, &sz) == INTSAFE_E_ARITHMETIC_OVERFLOW &&
           sz == SIZE_T_ERROR,
       "SizeTMult overflow\n");
    ok(SizeTAdd(40, 2, &sz) == S_OK && sz == 42, "SizeTAdd\n");
    ok(IntSub(INT_MIN, 1, &i) == INTSAFE_E_ARITHMETIC_OVERFLOW && i == INT_ERROR, "IntSub\n");
    ok(IntMult(-46341, 46341, &i) == INTSAFE_E_ARITHMETIC_OVERFLOW, "IntMult below INT_MIN\n");
    ok(IntMult(-46340, 46340, &i) == S_OK && i == -2147395600, "IntMult %d\n", i);
}

TEST(intsafe_hresult_conversions)
{
    ULONG ul = 0;
    USHORT us = 0;
    UCHAR uc = 0;
    LONG l = 0;
    ok(ULongLongToULong(0xFFFFFFFFULL, &ul) == S_OK && ul == 0xFFFFFFFF, "fits\n");
    ok(ULongLongToULong(0x100000000ULL, &ul) == INTSAFE_E_ARITHMETIC_OVERFLOW && ul == ULONG_ERROR,
       "ULongLongToULong overflow: %#x\n", ul);
    ok(SizeTToULong((SIZE_T)1 << 32, &ul) == INTSAFE_E_ARITHMETIC_OVERFLOW, "SizeTToULong\n");
    ok(LongToULong(-1, &ul) == INTSAFE_E_ARITHMETIC_OVERFLOW && ul == ULONG_ERROR, "LongToULong\n");
    ok(ULongToLong(0x80000000UL, &l) == INTSAFE_E_ARITHMETIC_OVERFLOW && l == LONG_ERROR,
       "ULongToLong\n");
    ok(ULongToUShort(65535, &us) == S_OK && us == 65535, "ULongToUShort fits\n");
    ok(ULongToUShort(65536, &us) == INTSAFE_E_ARITHMETIC_OVERFLOW && us == USHORT_ERROR,
       "ULongToUShort overflow\n");
    ok(IntToUChar(-1, &uc) == INTSAFE_E_ARITHMETIC_OVERFLOW && uc == 0xFF, "IntToUChar\n");
}

TEST(reshub_create_path_from_id)
{
    WCHAR buffer[RESOURCE_HUB_PATH_CHARS];
    UNICODE_STRING path;
    static const WCHAR expected[] = L"\\Device\\RESOURCE_HUB\\0000000a89abcdef";
    RtlInitEmptyUnicodeString(&path, buffer, sizeof(buffer));
    ok_status(RESOURCE_HUB_CREATE_PATH_FROM_ID(&path, 0x89abcdef, 0xa), STATUS_SUCCESS);
    ok(path.Length == sizeof(expected) - sizeof(WCHAR), "length %u\n", path.Length);
    ok(memcmp(path.Buffer, expected, path.Length) == 0, "path differs\n");
}

TEST(reshub_create_path_too_small)
{
    WCHAR buffer[RESOURCE_HUB_PATH_CHARS];
    UNICODE_STRING path;
    RtlInitEmptyUnicodeString(&path, buffer, sizeof(buffer) - sizeof(WCHAR));
    ok_status(RESOURCE_HUB_CREATE_PATH_FROM_ID(&path, 1, 0), STATUS_BUFFER_OVERFLOW);
    ok(path.Length == 0, "length changed to %u\n", path.Length);
}

TEST(reshub_id_to_file_name)
{
    WCHAR name[RESOURCE_HUB_FILE_CHARS];
    static const WCHAR expected[] = L"ffffffff00000010";
    memset(name, 0xff, sizeof(name));
    ok_status(RESOURCE_HUB_ID_TO_FILE_NAME(0x10, 0xffffffff, name), STATUS_SUCCESS);
    ok(memcmp(name, expected, sizeof(expected)) == 0, "file name differs\n");
}

TEST(reshub_id_from_file_name)
{
    LARGE_INTEGER id;
    WCHAR *next = NULL;
    ok_status(RESOURCE_HUB_ID_FROM_FILE_NAME(L"0000000A89abcdef", &id), STATUS_SUCCESS);
    ok(id.QuadPart == 0xa89abcdefLL, "id %#llx\n", (unsigned long long)id.QuadPart);
    ok_status(RESOURCE_HUB_ID_FROM_FILE_NAME_WITH_SUBPATH(L"0000000000000001\\pin", &id, &next),
              STATUS_SUCCESS);
    ok(id.QuadPart == 1 && next != NULL && next[0] == L'p', "subpath not found\n");
    ok_status(RESOURCE_HUB_ID_FROM_FILE_NAME(L"00000000000001", &id), STATUS_INVALID_PARAMETER);
    ok(id.QuadPart == 0, "id set on failure\n");
    ok_status(RESOURCE_HUB_ID_FROM_FILE_NAME(L"000000000000000g", &id), STATUS_INVALID_PARAMETER);
    ok_status(RESOURCE_HUB_ID_FROM_FILE_NAME(L"0000000000000001x", &id), STATUS_INVALID_PARAMETER);
}

TEST(spb_transfer_list)
{
    SPB_TRANSFER_LIST_AND_ENTRIES(2) seq;
    UCHAR reg = 0x10, data[4];
    memset(&seq, 0xcc, sizeof(seq));
    SPB_TRANSFER_LIST_INIT(&seq.List, 2);
    ok(seq.List.Size == sizeof(SPB_TRANSFER_LIST), "Size %u\n", seq.List.Size);
    ok(seq.List.TransferCount == 2 && seq.List.Reserved == 0, "count/reserved\n");
    ok(seq.ExtraTransfers[0].DelayInUs == 0, "the second entry was not zeroed\n");
    seq.List.Transfers[0] =
        SPB_TRANSFER_LIST_ENTRY_INIT_SIMPLE(SpbTransferDirectionToDevice, 0, &reg, 1);
    /* The second entry is ExtraTransfers[0], right after Transfers[0] (drivers index
     * Transfers[1]; the host sanitizer would flag that on the [1] array). */
    ok((char *)&seq.ExtraTransfers[0] ==
           (char *)&seq.List.Transfers[0] + sizeof(seq.List.Transfers[0]),
       "entries do not follow each other\n");
    seq.ExtraTransfers[0] =
        SPB_TRANSFER_LIST_ENTRY_INIT_SIMPLE(SpbTransferDirectionFromDevice, 5, data, sizeof(data));
    ok(seq.ExtraTransfers[0].Buffer.Format == SpbTransferBufferFormatSimple &&
           seq.ExtraTransfers[0].Buffer.Simple.Buffer == data &&
           seq.ExtraTransfers[0].Buffer.Simple.BufferCb == 4 &&
           seq.ExtraTransfers[0].DelayInUs == 5 &&
           seq.ExtraTransfers[0].Direction == SpbTransferDirectionFromDevice,
       "simple entry\n");
    {
        SPB_TRANSFER_BUFFER_LIST_ENTRY parts[2] = {{data, 2}, {data + 2, 2}};
        SPB_TRANSFER_LIST_ENTRY e =
            SPB_TRANSFER_LIST_ENTRY_INIT_BUFFER_LIST(SpbTransferDirectionToDevice, 0, parts, 2);
        ok(e.Buffer.Format == SpbTransferBufferFormatList && e.Buffer.BufferList.List == parts &&
               e.Buffer.BufferList.ListCe == 2,
           "buffer list entry\n");
        e = SPB_TRANSFER_LIST_ENTRY_INIT_NON_PAGED(SpbTransferDirectionToDevice, 0, data, 1);
        ok(e.Buffer.Format == SpbTransferBufferFormatSimpleNonPaged, "non-paged entry\n");
        e = SPB_TRANSFER_LIST_ENTRY_INIT_MDL(SpbTransferDirectionFromDevice, 7, (PMDL)parts);
        ok(e.Buffer.Format == SpbTransferBufferFormatMdl && e.Buffer.Mdl == (PMDL)parts &&
               e.DelayInUs == 7,
           "MDL entry\n");
    }
}

/* A GUID against its registry-format string. */
static int guid_is(const GUID *g, unsigned long d1, unsigned d2, unsigned d3, const UCHAR d4[8])
{
    return g->Data1 == d1 && g->Data2 == d2 && g->Data3 == d3 && memcmp(g->Data4, d4, 8) == 0;
}

TEST(guid_values)
{
    /* {72631e54-78a4-11d0-bcf7-00aa00b7b32a} */
    static const UCHAR battery[8] = {0xbc, 0xf7, 0x00, 0xaa, 0x00, 0xb7, 0xb3, 0x2a};
    /* {4afa3d51-74a7-11d0-be5e-00a0c9062857} */
    static const UCHAR zone[8] = {0xbe, 0x5e, 0x00, 0xa0, 0xc9, 0x06, 0x28, 0x57};
    /* {a5dcbf10-6530-11d2-901f-00c04fb951ed} */
    static const UCHAR usbdev[8] = {0x90, 0x1f, 0x00, 0xc0, 0x4f, 0xb9, 0x51, 0xed};
    ok(guid_is(&GUID_DEVICE_BATTERY, 0x72631e54, 0x78a4, 0x11d0, battery), "battery\n");
    ok(guid_is(&GUID_DEVICE_THERMAL_ZONE, 0x4afa3d51, 0x74a7, 0x11d0, zone), "thermal zone\n");
    ok(guid_is(&GUID_DEVINTERFACE_USB_DEVICE, 0xa5dcbf10, 0x6530, 0x11d2, usbdev), "usb device\n");
}
