/* test_duid.c - CompareStorageDuids (storduid.h, the WDK's inline routine) on device unique
 * identifiers built as a storage class driver builds them: a header, the VPD page 0x83
 * identifiers, the device descriptor with its serial number, the drive layout signature. Each
 * expected value is the documented DUID_MATCH_STATUS. */
#include <ntddk.h>
#include <storduid.h>

#include "harness.h"

#define DUID_BYTES 256

/* Offsets of the parts in the buffers below. */
enum {
    IDS_AT = 24,
    DESC_AT = 60,
    SIG_AT = 108,
    DUID_SIZE = 136
};

typedef union {
    STORAGE_DEVICE_UNIQUE_IDENTIFIER Duid;
    ULONGLONG Align;
    UCHAR Bytes[DUID_BYTES];
} DUID_BUFFER;

static PSTORAGE_DEVICE_ID_DESCRIPTOR ids_of(DUID_BUFFER *b)
{
    return (PSTORAGE_DEVICE_ID_DESCRIPTOR)(b->Bytes + IDS_AT);
}

static PSTORAGE_DEVICE_DESCRIPTOR desc_of(DUID_BUFFER *b)
{
    return (PSTORAGE_DEVICE_DESCRIPTOR)(b->Bytes + DESC_AT);
}

static PSTORAGE_DEVICE_LAYOUT_SIGNATURE sig_of(DUID_BUFFER *b)
{
    return (PSTORAGE_DEVICE_LAYOUT_SIGNATURE)(b->Bytes + SIG_AT);
}

/* One EUI-64 identifier (all bytes id), the serial number, an MBR layout signature. */
static PSTORAGE_DEVICE_UNIQUE_IDENTIFIER build(DUID_BUFFER *b, UCHAR id, const char *serial,
                                               ULONG mbr)
{
    PSTORAGE_DEVICE_ID_DESCRIPTOR ids = ids_of(b);
    PSTORAGE_IDENTIFIER one = (PSTORAGE_IDENTIFIER)ids->Identifiers;
    PSTORAGE_DEVICE_DESCRIPTOR desc = desc_of(b);
    PSTORAGE_DEVICE_LAYOUT_SIGNATURE sig = sig_of(b);

    memset(b, 0, sizeof(*b));
    b->Duid.Version = DUID_VERSION_1;
    b->Duid.Size = DUID_SIZE;
    b->Duid.StorageDeviceIdOffset = IDS_AT;
    b->Duid.StorageDeviceOffset = DESC_AT;
    b->Duid.DriveLayoutSignatureOffset = SIG_AT;
    ids->Version = sizeof(STORAGE_DEVICE_ID_DESCRIPTOR);
    ids->Size = DESC_AT - IDS_AT;
    ids->NumberOfIdentifiers = 1;
    one->CodeSet = StorageIdCodeSetBinary;
    one->Type = StorageIdTypeEUI64;
    one->Association = StorageIdAssocDevice;
    one->IdentifierSize = 8;
    one->NextOffset = FIELD_OFFSET(STORAGE_IDENTIFIER, Identifier) + 8;
    memset(one->Identifier, id, 8);
    desc->Version = sizeof(STORAGE_DEVICE_DESCRIPTOR);
    desc->Size = SIG_AT - DESC_AT;
    desc->BusType = BusTypeSas;
    if (serial) {
        desc->SerialNumberOffset = sizeof(STORAGE_DEVICE_DESCRIPTOR);
        strcpy((char *)desc + desc->SerialNumberOffset, serial);
    }
    sig->Version = DUID_VERSION_1;
    sig->Size = sizeof(STORAGE_DEVICE_LAYOUT_SIGNATURE);
    sig->Mbr = TRUE;
    sig->DeviceSpecific.MbrSignature = mbr;
    return &b->Duid;
}

TEST(duid_missing_one_is_an_error)
{
    DUID_BUFFER a;
    PSTORAGE_DEVICE_UNIQUE_IDENTIFIER d = build(&a, 1, "S1", 7);

    ok(CompareStorageDuids(d, NULL) == DuidErrorMissingDuid, "second missing\n");
    ok(CompareStorageDuids(NULL, d) == DuidErrorMissingDuid, "first missing\n");
}

TEST(duid_same_identifier_matches_exactly)
{
    DUID_BUFFER a, b;

    ok(CompareStorageDuids(build(&a, 1, "S1", 7), build(&b, 1, "S1", 7)) == DuidExactMatch,
       "two copies of one DUID\n");
}

TEST(duid_shared_vpd_identifier_is_a_sub_id_match)
{
    DUID_BUFFER a, b;

    /* Same VPD 0x83 identifier, another serial number and another layout signature. */
    ok(CompareStorageDuids(build(&a, 1, "S1", 7), build(&b, 1, "S2", 8)) == DuidSubIdMatch,
       "shared EUI-64\n");
}

TEST(duid_shared_serial_number_is_a_sub_id_match)
{
    DUID_BUFFER a, b;

    ok(CompareStorageDuids(build(&a, 1, "SERIAL", 7), build(&b, 2, "SERIAL", 7)) == DuidSubIdMatch,
       "shared serial number\n");
}

TEST(duid_nothing_shared_is_no_match)
{
    DUID_BUFFER a, b;

    ok(CompareStorageDuids(build(&a, 1, "S1", 7), build(&b, 2, "S2", 7)) == DuidNoMatch,
       "different identifiers and serial numbers (same layout signature)\n");
    ok(CompareStorageDuids(build(&a, 1, NULL, 7), build(&b, 2, NULL, 7)) == DuidNoMatch,
       "no serial numbers at all\n");
}

TEST(duid_version_checks)
{
    DUID_BUFFER a, b;
    PSTORAGE_DEVICE_UNIQUE_IDENTIFIER x = build(&a, 1, "S1", 7), y = build(&b, 1, "S1", 7);

    y->Version = 2;
    ok(CompareStorageDuids(x, y) == DuidErrorVersionMismatch, "versions 1 and 2\n");
    x->Version = 2;
    ok(CompareStorageDuids(x, y) == DuidErrorInvalidDuid, "both of the unknown version 2\n");
    x->Version = y->Version = DUID_VERSION_1;
    x->Size = sizeof(STORAGE_DEVICE_UNIQUE_IDENTIFIER) - 1;
    ok(CompareStorageDuids(x, y) == DuidErrorInvalidDuid, "size below the header\n");
}

TEST(duid_malformed_parts_are_named)
{
    DUID_BUFFER a, b;
    PSTORAGE_DEVICE_UNIQUE_IDENTIFIER x, y = build(&b, 1, "S1", 7);

    x = build(&a, 1, "S1", 7);
    ids_of(&a)->Size = DUID_SIZE; /* runs past the end of the DUID */
    ok(CompareStorageDuids(x, y) == DuidErrorInvalidDeviceIdDescSize, "device ID descriptor\n");
    x = build(&a, 1, "S1", 7);
    x->StorageDeviceIdOffset = DUID_SIZE + 8; /* outside the DUID */
    ok(CompareStorageDuids(x, y) == DuidErrorInvalidDeviceIdDescSize, "device ID offset\n");
    x = build(&a, 1, "S1", 7);
    desc_of(&a)->Size = 2; /* smaller than its own header */
    ok(CompareStorageDuids(y, x) == DuidErrorInvalidDeviceDescSize, "device descriptor\n");
    x = build(&a, 1, "S1", 7);
    sig_of(&a)->Size = 12;
    ok(CompareStorageDuids(x, y) == DuidErrorInvalidLayoutSigSize, "layout signature size\n");
    x = build(&a, 1, "S1", 7);
    sig_of(&a)->Version = 3;
    ok(CompareStorageDuids(x, y) == DuidErrorInvalidLayoutSigVersion, "layout signature version\n");
}

TEST(duid_absent_parts_are_not_errors)
{
    DUID_BUFFER a, b;
    PSTORAGE_DEVICE_UNIQUE_IDENTIFIER x = build(&a, 1, "S1", 7), y = build(&b, 1, "S2", 8);

    /* Only the VPD identifiers on one side: still compared, and they match. */
    x->StorageDeviceOffset = 0;
    x->DriveLayoutSignatureOffset = 0;
    ok(CompareStorageDuids(x, y) == DuidSubIdMatch, "identifiers only on one side\n");
    x->StorageDeviceIdOffset = 0;
    ok(CompareStorageDuids(x, y) == DuidNoMatch, "an empty DUID matches nothing\n");
}
