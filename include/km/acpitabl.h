/*
 * acpitabl.h - ACPI firmware table layouts: the common table header, the generic address
 * structure, the root pointer and root tables, and the signatures of the common tables
 * (Microsoft's names; values and layouts are the ACPI specification's, packed as in the
 * firmware).
 *
 * drvhost specifics: a subset. drvhost has no firmware tables to map; this header gives the
 * table header and root structures drivers use to parse a table they were handed, and the
 * signatures. The per-table bodies (FADT, MADT entries, ...) are not declared yet.
 */
#ifndef _ACPITABL_H_
#define _ACPITABL_H_

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Signatures: the four ASCII characters as a little-endian ULONG. */
#define RSDP_SIGNATURE 0x2052545020445352ULL /* "RSD PTR " */
#define RSDT_SIGNATURE 0x54445352            /* "RSDT" */
#define XSDT_SIGNATURE 0x54445358            /* "XSDT" */
#define FADT_SIGNATURE 0x50434146            /* "FACP" */
#define FACS_SIGNATURE 0x53434146            /* "FACS" */
#define DSDT_SIGNATURE 0x54445344            /* "DSDT" */
#define SSDT_SIGNATURE 0x54445353            /* "SSDT" */
#define APIC_SIGNATURE 0x43495041            /* "APIC" (MADT) */
#define HPET_SIGNATURE 0x54455048            /* "HPET" */
#define MCFG_SIGNATURE 0x4746434d            /* "MCFG" */
#define SRAT_SIGNATURE 0x54415253            /* "SRAT" */
#define SLIT_SIGNATURE 0x54494c53            /* "SLIT" */
#define DBG2_SIGNATURE 0x32474244            /* "DBG2" */
#define CSRT_SIGNATURE 0x54525343            /* "CSRT" */
#define BGRT_SIGNATURE 0x54524742            /* "BGRT" */
#define FPDT_SIGNATURE 0x54445046            /* "FPDT" */

#define OEMID_LENGTH      6
#define TABLE_ID_LENGTH   8
#define CREATOR_ID_LENGTH 4

#pragma pack(push, 1)

/* The header every table but the FACS begins with (36 bytes). */
typedef struct _DESCRIPTION_HEADER {
    ULONG Signature;
    ULONG Length; /* of the whole table, this header included */
    UCHAR Revision;
    UCHAR Checksum; /* the bytes of the table sum to 0 */
    CHAR OEMID[OEMID_LENGTH];
    CHAR OEMTableID[TABLE_ID_LENGTH];
    ULONG OEMRevision;
    CHAR CreatorID[CREATOR_ID_LENGTH];
    ULONG CreatorRev;
} DESCRIPTION_HEADER, *PDESCRIPTION_HEADER;

/* Generic address structure (12 bytes). */
typedef struct _GEN_ADDR {
    UCHAR AddressSpaceID; /* 0 memory, 1 I/O, 2 PCI configuration, ... */
    UCHAR BitWidth;
    UCHAR BitOffset;
    UCHAR AccessSize; /* 0 undefined, 1 byte, 2 word, 3 dword, 4 qword */
    PHYSICAL_ADDRESS Address;
} GEN_ADDR, *PGEN_ADDR;

/* Root system description pointer (ACPI 2.0 and later: 36 bytes). */
typedef struct _RSDP {
    ULONGLONG Signature; /* RSDP_SIGNATURE */
    UCHAR Checksum;      /* of the first 20 bytes */
    CHAR OEMID[OEMID_LENGTH];
    UCHAR Revision;
    ULONG RsdtAddress;
    ULONG Length;
    PHYSICAL_ADDRESS XsdtAddress;
    UCHAR XChecksum; /* of the whole structure */
    UCHAR Reserved[3];
} RSDP, *PRSDP;

/* Root tables: the header, then 32-bit (RSDT) or 64-bit (XSDT) physical table addresses. */
typedef struct _RSDT_32 {
    DESCRIPTION_HEADER Header;
    ULONG Tables[ANYSIZE_ARRAY];
} RSDT_32, *PRSDT_32;

typedef struct _XSDT {
    DESCRIPTION_HEADER Header;
    PHYSICAL_ADDRESS Tables[ANYSIZE_ARRAY];
} XSDT, *PXSDT;

#pragma pack(pop)

#ifdef __cplusplus
}
#endif

#endif
