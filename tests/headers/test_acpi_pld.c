/*
 * test_acpi_pld.c - acpitabl.h's _PLD buffers against the ACPI specification's bit layout
 * (section "_PLD (Physical Location of Device)"; the bit numbers the acpitabl.h enumeration pages
 * give for panel, positions, shape, orientation and rotation agree). Sizes and enum values are
 * checked at compile time; each bit-field is then set to all ones alone, through a union with
 * the buffer's UINT32 words, and the words must hold exactly the specification's bits for it (a
 * field at the wrong place, of the wrong width or spilling into its neighbour fails), and a value
 * written is read back through the member a driver reads.
 */
#include <wdm.h>
#include <acpitabl.h>

#include "harness.h"

#include <string.h>

C_ASSERT(sizeof(ACPI_PLD_BUFFER) == 16 && sizeof(ACPI_PLD_V2_BUFFER) == 20);
C_ASSERT(AcpiPldPanelTop == 0 && AcpiPldPanelBack == 5 && AcpiPldPanelUnknown == 6);
C_ASSERT(AcpiPldVPosUpper == 0 && AcpiPldVPosLower == 2 && AcpiPldHPosRight == 2);
C_ASSERT(AcpiPldShapeUnknown == 7 && AcpiPldShapeChamfered == 8);
C_ASSERT(AcpiPldOrientationVertical == 1 && AcpiPldRotation90 == 2 && AcpiPldRotation315 == 7);

typedef union {
    ACPI_PLD_BUFFER Pld;
    UINT32 Words[4];
} PLD_V1_WORDS;

typedef union {
    ACPI_PLD_V2_BUFFER Pld;
    UINT32 Words[5];
} PLD_V2_WORDS;

/* The words a field of `width` bits at buffer bit `first` occupies when all its bits are set. */
static void expected_words(unsigned first, unsigned width, UINT32 *words, unsigned count)
{
    memset(words, 0, count * sizeof(UINT32));
    for (unsigned bit = first; bit < first + width; bit++) {
        words[bit / 32] |= 1u << (bit % 32);
    }
}

static void check_words(const char *name, const UINT32 *got, unsigned first, unsigned width,
                        unsigned count)
{
    UINT32 want[5];
    expected_words(first, width, want, count);
    for (unsigned i = 0; i < count; i++) {
        ok(got[i] == want[i], "%s: word %u is %#x, expected %#x (bits %u:%u)\n", name, i, got[i],
           want[i], first, first + width - 1);
    }
}

/* Sets one member to all ones in a zeroed buffer of the union type and checks the words; the
 * member's value must also read back as its maximum. */
#define CHECK_FIELD(Union, words, field, first, width)                                             \
    do {                                                                                           \
        Union u;                                                                                   \
        memset(&u, 0, sizeof(u));                                                                  \
        u.Pld.field = (UINT32)((1ull << (width)) - 1);                                             \
        check_words(#Union " " #field, u.Words, first, width, words);                              \
        ok(u.Pld.field == (UINT32)((1ull << (width)) - 1), #Union " " #field " reads back\n");     \
    } while (0)
#define CHECK_V1(field, first, width) CHECK_FIELD(PLD_V1_WORDS, 4, field, first, width)
#define CHECK_V2(field, first, width) CHECK_FIELD(PLD_V2_WORDS, 5, field, first, width)

#define CHECK_BOTH(field, first, width)                                                            \
    do {                                                                                           \
        CHECK_V1(field, first, width);                                                             \
        CHECK_V2(field, first, width);                                                             \
    } while (0)

TEST(pld_common_fields)
{
    CHECK_BOTH(Revision, 0, 7);
    CHECK_BOTH(IgnoreColor, 7, 1);
    CHECK_BOTH(Color, 8, 24);
    CHECK_BOTH(Width, 32, 16);
    CHECK_BOTH(Height, 48, 16);
    CHECK_BOTH(UserVisible, 64, 1);
    CHECK_BOTH(Dock, 65, 1);
    CHECK_BOTH(Lid, 66, 1);
    CHECK_BOTH(Panel, 67, 3);
    CHECK_BOTH(VerticalPosition, 70, 2);
    CHECK_BOTH(HorizontalPosition, 72, 2);
    CHECK_BOTH(Shape, 74, 4);
    CHECK_BOTH(GroupOrientation, 78, 1);
    CHECK_BOTH(GroupToken, 79, 8);
    CHECK_BOTH(GroupPosition, 87, 8);
    CHECK_BOTH(Bay, 95, 1);
    CHECK_BOTH(Ejectable, 96, 1);
    CHECK_BOTH(EjectionRequired, 97, 1);
    CHECK_BOTH(CabinetNumber, 98, 8);
    CHECK_BOTH(CardCageNumber, 106, 8);
}

TEST(pld_revision_specific_fields)
{
    CHECK_V1(Reserved, 114, 14);
    CHECK_V2(Reference, 114, 1);
    CHECK_V2(Rotation, 115, 4);
    CHECK_V2(Order, 119, 5);
    CHECK_V2(Reserved, 124, 4);
    CHECK_V2(VerticalOffset, 128, 16);
    CHECK_V2(HorizontalOffset, 144, 16);
}

/* A revision 2 buffer as firmware returns it, bytes in memory order (little-endian words), read
 * through the members: what a UCM client computes its connector id from. */
TEST(pld_firmware_bytes)
{
    static const UCHAR bytes[20] = {
        0x82, 0x00, 0x00, 0x00, /* revision 2, ignore color */
        0x00, 0x00, 0x00, 0x00, /* width, height */
        /* user visible, panel back (5), group token 0x12, group position 0x34 */
        0x29, 0x00, 0x09, 0x1A,
        /* cabinet 3, rotation 90 (2), order 9 */
        0x0C, 0x00, 0x90, 0x04, 0x10, 0x00, 0x20,
        0x00, /* vertical offset 16, horizontal offset 32 */
    };
    ACPI_PLD_V2_BUFFER v2;
    ACPI_PLD_BUFFER v1;
    memcpy(&v2, bytes, sizeof(v2));
    memcpy(&v1, bytes, sizeof(v1));
    ok(v2.Revision == 2 && v2.IgnoreColor == 1, "revision %u ignore %u\n", v2.Revision,
       v2.IgnoreColor);
    ok(v2.UserVisible == 1 && v2.Panel == AcpiPldPanelBack, "visible %u panel %u\n", v2.UserVisible,
       v2.Panel);
    ok(v2.GroupToken == 0x12 && v2.GroupPosition == 0x34, "group %#x position %#x\n", v2.GroupToken,
       v2.GroupPosition);
    ok(v1.GroupToken == 0x12 && v1.GroupPosition == 0x34, "v1 group %#x position %#x\n",
       v1.GroupToken, v1.GroupPosition);
    ok(v2.CabinetNumber == 3 && v1.CabinetNumber == 3, "cabinet %u\n", v2.CabinetNumber);
    ok(v2.Rotation == AcpiPldRotation90 && v2.Order == 9, "rotation %u order %u\n", v2.Rotation,
       v2.Order);
    ok(v2.VerticalOffset == 16 && v2.HorizontalOffset == 32, "offsets %u %u\n", v2.VerticalOffset,
       v2.HorizontalOffset);
}
