/*
 * acpitabl.h - ACPI firmware table layouts: the common table header, the generic address
 * structure, the root pointer and root tables, and the signatures of the common tables
 * (Microsoft's names; values and layouts are the ACPI specification's, packed as in the
 * firmware).
 *
 * drvhost specifics: a subset. drvhost has no firmware tables to map; this header gives the
 * table header and root structures drivers use to parse a table they were handed, and the
 * signatures. The per-table bodies (FADT, MADT entries, ...) are not declared yet.
 *
 * The _PLD (physical location of device) buffers: the bit layout is the ACPI specification's
 * ("_PLD (Physical Location of Device)"): revision 1 is 128 bits, revision 2 adds a fifth
 * 32-bit word and the reference/rotation/order fields in what revision 1 reserved. Microsoft's
 * names: ACPI_PLD_BUFFER is the revision 1 layout (16 bytes) and ACPI_PLD_V2_BUFFER the revision
 * 2 one (20 bytes, the camera orientation guide names its Rotation as the field it introduced);
 * the value enumerations and the bit numbers they document are the acpitabl.h reference pages'.
 * Member names not shown on a Microsoft page or in a sample follow the specification's field
 * names (docs/compatibility.md lists which is which).
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

/* _PLD panel surface (bits 67:69), vertical and horizontal position (70:71, 72:73), shape
 * (74:77), group orientation (bit 78) and rotation (115:118, revision 2). */
typedef enum _ACPI_PLD_PANEL {
    AcpiPldPanelTop = 0,
    AcpiPldPanelBottom = 1,
    AcpiPldPanelLeft = 2,
    AcpiPldPanelRight = 3,
    AcpiPldPanelFront = 4,
    AcpiPldPanelBack = 5,
    AcpiPldPanelUnknown = 6
} ACPI_PLD_PANEL, *PACPI_PLD_PANEL, AcpiPldPanel;

typedef enum _ACPI_PLD_VERTICAL_POSITION {
    AcpiPldVPosUpper = 0,
    AcpiPldVPosCenter = 1,
    AcpiPldVPosLower = 2
} ACPI_PLD_VERTICAL_POSITION, *PACPI_PLD_VERTICAL_POSITION, AcpiPldVPos;

typedef enum _ACPI_PLD_HORIZONTAL_POSITION {
    AcpiPldHPosLeft = 0,
    AcpiPldHPosCenter = 1,
    AcpiPldHPosRight = 2
} ACPI_PLD_HORIZONTAL_POSITION, *PACPI_PLD_HORIZONTAL_POSITION, AcpiPldHPos;

typedef enum _ACPI_PLD_SHAPE {
    AcpiPldShapeRound = 0,
    AcpiPldShapeOval = 1,
    AcpiPldShapeSquare = 2,
    AcpiPldShapeVRect = 3,
    AcpiPldShapeHRect = 4,
    AcpiPldShapeVTrap = 5,
    AcpiPldShapeHTrap = 6,
    AcpiPldShapeUnknown = 7,
    AcpiPldShapeChamfered = 8
} ACPI_PLD_SHAPE, *PACPI_PLD_SHAPE, AcpiPldShape;

typedef enum _ACPI_PLD_ORIENTATION {
    AcpiPldOrientationHorizontal = 0,
    AcpiPldOrientationVertical = 1
} ACPI_PLD_ORIENTATION, *PACPI_PLD_ORIENTATION;

typedef enum _ACPI_PLD_ROTATION {
    AcpiPldRotation0 = 0, /* clockwise, in 45 degree steps */
    AcpiPldRotation45 = 1,
    AcpiPldRotation90 = 2,
    AcpiPldRotation135 = 3,
    AcpiPldRotation180 = 4,
    AcpiPldRotation225 = 5,
    AcpiPldRotation270 = 6,
    AcpiPldRotation315 = 7
} ACPI_PLD_ROTATION, *PACPI_PLD_ROTATION, AcpiPldRotation;

/* Bits 0:113, common to both revisions (bit numbers are the buffer's, from bit 0 of byte 0;
 * bit-fields fill each UINT32 from its least significant bit, as MSVC and GCC both do on x64,
 * and no field crosses a 32-bit word). Width and height are in millimetres; Color is 8 bits each of
 * red, green and blue from bit 8 up. */
#define DRVHOST_ACPI_PLD_COMMON_FIELDS                                                             \
    UINT32 Revision : 7;           /* bits 0:6 */                                                  \
    UINT32 IgnoreColor : 1;        /* bit 7 */                                                     \
    UINT32 Color : 24;             /* bits 8:31 */                                                 \
    UINT32 Width : 16;             /* bits 32:47 */                                                \
    UINT32 Height : 16;            /* bits 48:63 */                                                \
    UINT32 UserVisible : 1;        /* bit 64 */                                                    \
    UINT32 Dock : 1;               /* bit 65 */                                                    \
    UINT32 Lid : 1;                /* bit 66 */                                                    \
    UINT32 Panel : 3;              /* bits 67:69, ACPI_PLD_PANEL */                                \
    UINT32 VerticalPosition : 2;   /* bits 70:71 */                                                \
    UINT32 HorizontalPosition : 2; /* bits 72:73 */                                                \
    UINT32 Shape : 4;              /* bits 74:77 */                                                \
    UINT32 GroupOrientation : 1;   /* bit 78 */                                                    \
    UINT32 GroupToken : 8;         /* bits 79:86 */                                                \
    UINT32 GroupPosition : 8;      /* bits 87:94 */                                                \
    UINT32 Bay : 1;                /* bit 95 */                                                    \
    UINT32 Ejectable : 1;          /* bit 96 */                                                    \
    UINT32 EjectionRequired : 1;   /* bit 97: OSPM ejection required */                            \
    UINT32 CabinetNumber : 8;      /* bits 98:105 */                                               \
    UINT32 CardCageNumber : 8;     /* bits 106:113 */

/* Natural alignment (4): the buffers are not in the packed region. */

/* Revision 1 (16 bytes): bits 114:127 reserved. */
typedef struct _ACPI_PLD_BUFFER {
    DRVHOST_ACPI_PLD_COMMON_FIELDS
    UINT32 Reserved : 14;
} ACPI_PLD_BUFFER, *PACPI_PLD_BUFFER;

/* Revision 2 (20 bytes). */
typedef struct _ACPI_PLD_V2_BUFFER {
    DRVHOST_ACPI_PLD_COMMON_FIELDS
    UINT32 Reference : 1;         /* bit 114 */
    UINT32 Rotation : 4;          /* bits 115:118, ACPI_PLD_ROTATION */
    UINT32 Order : 5;             /* bits 119:123 */
    UINT32 Reserved : 4;          /* bits 124:127 */
    UINT32 VerticalOffset : 16;   /* bits 128:143 */
    UINT32 HorizontalOffset : 16; /* bits 144:159 */
} ACPI_PLD_V2_BUFFER, *PACPI_PLD_V2_BUFFER;

#ifdef __cplusplus
}
#endif

#endif
