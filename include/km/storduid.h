/*
 * storduid.h - device unique identifiers (DUIDs): the identifier a storage class driver returns
 * for IOCTL_STORAGE_QUERY_PROPERTY(StorageDeviceUniqueIdProperty), made of the VPD page 0x83
 * identifiers (STORAGE_DEVICE_ID_DESCRIPTOR), the inquiry data (STORAGE_DEVICE_DESCRIPTOR) and
 * the drive layout signature, and CompareStorageDuids, the WDK's inline routine that compares two
 * of them. Names, values and layouts as documented (wdk-ddi-src/content/storduid/); pinned by
 * tests/storage.
 *
 * CompareStorageDuids is written here from its documented results (DUID_MATCH_STATUS). The
 * documentation does not say which parts count as "unique sub-IDs"; drvhost counts each VPD
 * page 0x83 identifier and the serial number of the device descriptor, not the drive layout
 * signature (docs/compatibility.md, "Storage class headers").
 */
#ifndef _STORDUID_H_
#define _STORDUID_H_

#include <ntddstor.h>

typedef enum _DUID_MATCH_STATUS {
    DuidExactMatch = 0,
    DuidSubIdMatch,
    DuidNoMatch,
    DuidErrorGeneral = 100,
    DuidErrorMissingDuid,
    DuidErrorVersionMismatch,
    DuidErrorInvalidDuid,
    DuidErrorInvalidDeviceIdDescSize,
    DuidErrorInvalidDeviceDescSize,
    DuidErrorInvalidLayoutSigSize,
    DuidErrorInvalidLayoutSigVersion,
    DuidErrorMaximum
} DUID_MATCH_STATUS;

#define DUID_VERSION_1            1
#define DUID_HARDWARE_IDS_ONLY    0
#define DUID_INCLUDE_SOFTWARE_IDS 1

typedef struct _STORAGE_DEVICE_UNIQUE_IDENTIFIER {
    ULONG Version;                    /* DUID_VERSION_1 */
    ULONG Size;                       /* this header and the identifiers after it */
    ULONG StorageDeviceIdOffset;      /* of a STORAGE_DEVICE_ID_DESCRIPTOR, 0: none */
    ULONG StorageDeviceOffset;        /* of a STORAGE_DEVICE_DESCRIPTOR, 0: none */
    ULONG DriveLayoutSignatureOffset; /* of a STORAGE_DEVICE_LAYOUT_SIGNATURE, 0: none */
} STORAGE_DEVICE_UNIQUE_IDENTIFIER, *PSTORAGE_DEVICE_UNIQUE_IDENTIFIER;

typedef struct _STORAGE_DEVICE_LAYOUT_SIGNATURE {
    ULONG Version; /* DUID_VERSION_1 */
    ULONG Size;    /* sizeof(STORAGE_DEVICE_LAYOUT_SIGNATURE) */
    BOOLEAN Mbr;
    union {
        ULONG MbrSignature;
        GUID GptDiskId;
    } DeviceSpecific;
} STORAGE_DEVICE_LAYOUT_SIGNATURE, *PSTORAGE_DEVICE_LAYOUT_SIGNATURE;

/* ---- CompareStorageDuids: helpers (not part of the WDK's interface) ----------------------------
 */

/* Byte comparison without wdm.h (this header may be included alone). */
FORCEINLINE BOOLEAN DrvhostDuidSameBytes(const VOID *A, const VOID *B, ULONG Length)
{
    const UCHAR *a = (const UCHAR *)A, *b = (const UCHAR *)B;
    ULONG i;

    for (i = 0; i < Length; i++) {
        if (a[i] != b[i]) {
            return FALSE;
        }
    }
    return TRUE;
}

/* The part at Offset of Duid if it is present and its header lies inside Duid's Size; NULL
 * otherwise (*Bad says which: absent is not bad). */
FORCEINLINE PVOID DrvhostDuidPart(PSTORAGE_DEVICE_UNIQUE_IDENTIFIER Duid, ULONG Offset,
                                  ULONG HeaderSize, BOOLEAN *Bad)
{
    *Bad = FALSE;
    if (Offset == 0) {
        return NULL;
    }
    if (Offset < sizeof(*Duid) || Offset > Duid->Size || Duid->Size - Offset < HeaderSize) {
        *Bad = TRUE;
        return NULL;
    }
    return (PUCHAR)Duid + Offset;
}

/* A part's own Size must fit in what remains of the DUID after it. */
FORCEINLINE BOOLEAN DrvhostDuidPartFits(PSTORAGE_DEVICE_UNIQUE_IDENTIFIER Duid, PVOID Part,
                                        ULONG PartSize, ULONG MinSize)
{
    ULONG offset = (ULONG)((PUCHAR)Part - (PUCHAR)Duid);
    return PartSize >= MinSize && PartSize <= Duid->Size - offset;
}

/* DuidErrorGeneral... for a malformed DUID, DuidExactMatch when it is well formed. */
FORCEINLINE DUID_MATCH_STATUS DrvhostDuidCheck(PSTORAGE_DEVICE_UNIQUE_IDENTIFIER Duid)
{
    BOOLEAN bad;
    PSTORAGE_DEVICE_ID_DESCRIPTOR ids;
    PSTORAGE_DEVICE_DESCRIPTOR desc;
    PSTORAGE_DEVICE_LAYOUT_SIGNATURE sig;

    if (Duid->Version != DUID_VERSION_1 || Duid->Size < sizeof(*Duid)) {
        return DuidErrorInvalidDuid;
    }
    ids = (PSTORAGE_DEVICE_ID_DESCRIPTOR)DrvhostDuidPart(
        Duid, Duid->StorageDeviceIdOffset, FIELD_OFFSET(STORAGE_DEVICE_ID_DESCRIPTOR, Identifiers),
        &bad);
    if (bad ||
        (ids && !DrvhostDuidPartFits(Duid, ids, ids->Size,
                                     FIELD_OFFSET(STORAGE_DEVICE_ID_DESCRIPTOR, Identifiers)))) {
        return DuidErrorInvalidDeviceIdDescSize;
    }
    desc = (PSTORAGE_DEVICE_DESCRIPTOR)DrvhostDuidPart(
        Duid, Duid->StorageDeviceOffset,
        FIELD_OFFSET(STORAGE_DEVICE_DESCRIPTOR, RawDeviceProperties), &bad);
    if (bad || (desc && !DrvhostDuidPartFits(
                            Duid, desc, desc->Size,
                            FIELD_OFFSET(STORAGE_DEVICE_DESCRIPTOR, RawDeviceProperties)))) {
        return DuidErrorInvalidDeviceDescSize;
    }
    sig = (PSTORAGE_DEVICE_LAYOUT_SIGNATURE)DrvhostDuidPart(
        Duid, Duid->DriveLayoutSignatureOffset, sizeof(STORAGE_DEVICE_LAYOUT_SIGNATURE), &bad);
    if (bad || (sig && sig->Size != sizeof(STORAGE_DEVICE_LAYOUT_SIGNATURE))) {
        return DuidErrorInvalidLayoutSigSize;
    }
    if (sig && sig->Version != DUID_VERSION_1) {
        return DuidErrorInvalidLayoutSigVersion;
    }
    return DuidExactMatch;
}

/* The next identifier of a device ID descriptor after Id (the first when Id is NULL), or NULL
 * past the last one or at one that does not fit in the descriptor. */
FORCEINLINE PSTORAGE_IDENTIFIER DrvhostDuidNextId(PSTORAGE_DEVICE_ID_DESCRIPTOR Ids,
                                                  PSTORAGE_IDENTIFIER Id, ULONG *Index)
{
    ULONG start = FIELD_OFFSET(STORAGE_DEVICE_ID_DESCRIPTOR, Identifiers);
    ULONG offset = Id ? (ULONG)((PUCHAR)Id - (PUCHAR)Ids) + Id->NextOffset : start;

    if (Id && Id->NextOffset == 0) {
        return NULL;
    }
    *Index = Id ? *Index + 1 : 0;
    if (*Index >= Ids->NumberOfIdentifiers || offset > Ids->Size ||
        Ids->Size - offset < FIELD_OFFSET(STORAGE_IDENTIFIER, Identifier)) {
        return NULL;
    }
    Id = (PSTORAGE_IDENTIFIER)((PUCHAR)Ids + offset);
    if (Ids->Size - offset - FIELD_OFFSET(STORAGE_IDENTIFIER, Identifier) < Id->IdentifierSize) {
        return NULL;
    }
    return Id;
}

FORCEINLINE BOOLEAN DrvhostDuidSameId(PSTORAGE_IDENTIFIER A, PSTORAGE_IDENTIFIER B)
{
    return A->CodeSet == B->CodeSet && A->Type == B->Type && A->Association == B->Association &&
           A->IdentifierSize == B->IdentifierSize && A->IdentifierSize != 0 &&
           DrvhostDuidSameBytes(A->Identifier, B->Identifier, A->IdentifierSize);
}

/* TRUE when a VPD page 0x83 identifier of A equals one of B. */
FORCEINLINE BOOLEAN DrvhostDuidIdsMatch(PSTORAGE_DEVICE_UNIQUE_IDENTIFIER A,
                                        PSTORAGE_DEVICE_UNIQUE_IDENTIFIER B)
{
    PSTORAGE_DEVICE_ID_DESCRIPTOR ia, ib;
    PSTORAGE_IDENTIFIER x, y;
    ULONG i = 0, j = 0;

    if (A->StorageDeviceIdOffset == 0 || B->StorageDeviceIdOffset == 0) {
        return FALSE;
    }
    ia = (PSTORAGE_DEVICE_ID_DESCRIPTOR)((PUCHAR)A + A->StorageDeviceIdOffset);
    ib = (PSTORAGE_DEVICE_ID_DESCRIPTOR)((PUCHAR)B + B->StorageDeviceIdOffset);
    for (x = DrvhostDuidNextId(ia, NULL, &i); x; x = DrvhostDuidNextId(ia, x, &i)) {
        for (y = DrvhostDuidNextId(ib, NULL, &j); y; y = DrvhostDuidNextId(ib, y, &j)) {
            if (DrvhostDuidSameId(x, y)) {
                return TRUE;
            }
        }
    }
    return FALSE;
}

/* The serial number string of a device descriptor, or NULL (none, empty, or not terminated
 * inside the descriptor). */
FORCEINLINE const char *DrvhostDuidSerial(PSTORAGE_DEVICE_UNIQUE_IDENTIFIER Duid)
{
    PSTORAGE_DEVICE_DESCRIPTOR desc;
    ULONG i;

    if (Duid->StorageDeviceOffset == 0) {
        return NULL;
    }
    desc = (PSTORAGE_DEVICE_DESCRIPTOR)((PUCHAR)Duid + Duid->StorageDeviceOffset);
    if (desc->SerialNumberOffset == 0 || desc->SerialNumberOffset >= desc->Size) {
        return NULL;
    }
    for (i = desc->SerialNumberOffset; i < desc->Size; i++) {
        if (((PUCHAR)desc)[i] == 0) {
            return i > desc->SerialNumberOffset ? (const char *)desc + desc->SerialNumberOffset
                                                : NULL;
        }
    }
    return NULL;
}

FORCEINLINE BOOLEAN DrvhostDuidSerialsMatch(PSTORAGE_DEVICE_UNIQUE_IDENTIFIER A,
                                            PSTORAGE_DEVICE_UNIQUE_IDENTIFIER B)
{
    const char *sa = DrvhostDuidSerial(A), *sb = DrvhostDuidSerial(B);

    if (sa == NULL || sb == NULL) {
        return FALSE;
    }
    while (*sa && *sa == *sb) {
        sa++;
        sb++;
    }
    return *sa == *sb;
}

/* ---- CompareStorageDuids ------------------------------------------------------------------------
 */
FORCEINLINE DUID_MATCH_STATUS CompareStorageDuids(PSTORAGE_DEVICE_UNIQUE_IDENTIFIER Duid1,
                                                  PSTORAGE_DEVICE_UNIQUE_IDENTIFIER Duid2)
{
    DUID_MATCH_STATUS status;

    if (Duid1 == NULL || Duid2 == NULL) {
        return DuidErrorMissingDuid;
    }
    if (Duid1->Version != Duid2->Version) {
        return DuidErrorVersionMismatch;
    }
    status = DrvhostDuidCheck(Duid1);
    if (status == DuidExactMatch) {
        status = DrvhostDuidCheck(Duid2);
    }
    if (status != DuidExactMatch) {
        return status;
    }
    if (Duid1->Size == Duid2->Size && DrvhostDuidSameBytes(Duid1, Duid2, Duid1->Size)) {
        return DuidExactMatch;
    }
    if (DrvhostDuidIdsMatch(Duid1, Duid2) || DrvhostDuidSerialsMatch(Duid1, Duid2)) {
        return DuidSubIdMatch;
    }
    return DuidNoMatch;
}

#endif
