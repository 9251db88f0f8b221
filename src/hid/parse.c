/*
 * parse.c - the report lengths of a HID report descriptor (HID specification 1.11, 6.2.2): the
 * sum of Report Size x Report Count of every Input, Output and Feature main item, per report ID,
 * Push and Pop of the global state honoured. Only lengths are computed (docs/hid.md): drvhost's
 * class driver keeps no preparsed data.
 */
#include "hid/hid_private.h"

#define HID_MAX_IDS   256
#define HID_MAX_STACK 8

struct hid_globals {
    ULONG size, count, id;
};

struct hid_parse_state {
    struct hid_globals g;
    struct hid_globals stack[HID_MAX_STACK];
    ULONG depth;
    ULONG bits[3][HID_MAX_IDS]; /* input, output, feature */
    BOOLEAN uses_ids;
};

static ULONG hid_item_value(const UCHAR *data, ULONG size)
{
    ULONG v = 0;
    for (ULONG i = 0; i < size; i++)
        v |= (ULONG)data[i] << (8 * i);
    return v;
}

static NTSTATUS hid_global_item(struct hid_parse_state *s, UCHAR tag, ULONG value)
{
    switch (tag) {
    case 7:
        s->g.size = value;
        break;
    case 8:
        s->g.id = value & 0xFF;
        s->uses_ids = TRUE;
        break;
    case 9:
        s->g.count = value;
        break;
    case 10:
        if (s->depth == HID_MAX_STACK)
            return STATUS_INVALID_PARAMETER;
        s->stack[s->depth++] = s->g;
        break;
    case 11:
        if (s->depth == 0)
            return STATUS_INVALID_PARAMETER;
        s->g = s->stack[--s->depth];
        break;
    default:
        break;
    }
    return STATUS_SUCCESS;
}

static void hid_main_item(struct hid_parse_state *s, UCHAR tag)
{
    int kind = tag == 8 ? 0 : tag == 9 ? 1 : tag == 11 ? 2 : -1;
    if (kind >= 0)
        s->bits[kind][s->g.id] += s->g.size * s->g.count;
}

static ULONG hid_longest(const ULONG *bits)
{
    ULONG best = 0;
    for (ULONG id = 0; id < HID_MAX_IDS; id++)
        if (bits[id] && (bits[id] + 7) / 8 + 1 > best)
            best = (bits[id] + 7) / 8 + 1;
    return best;
}

NTSTATUS hid_parse_lengths(const UCHAR *desc, ULONG size, struct hid_lengths *out)
{
    struct hid_parse_state *s = ExAllocatePool2(POOL_FLAG_PAGED, sizeof(*s), 'pdiH');
    NTSTATUS status = STATUS_SUCCESS;
    ULONG at = 0;
    if (!s)
        return STATUS_INSUFFICIENT_RESOURCES;
    while (at < size && NT_SUCCESS(status)) {
        UCHAR prefix = desc[at];
        ULONG len = (prefix & 3) == 3 ? 4 : (prefix & 3);
        if (prefix == 0xFE) /* a long item: its data size is the next byte */
            len = at + 1 < size ? 2u + desc[at + 1] : size;
        if (at + 1 + len > size) {
            status = STATUS_INVALID_PARAMETER;
            break;
        }
        ULONG value = prefix == 0xFE ? 0 : hid_item_value(desc + at + 1, len);
        if (((prefix >> 2) & 3) == 1)
            status = hid_global_item(s, prefix >> 4, value);
        else if (((prefix >> 2) & 3) == 0 && prefix != 0xFE)
            hid_main_item(s, prefix >> 4);
        at += 1 + len;
    }
    out->input = hid_longest(s->bits[0]);
    out->output = hid_longest(s->bits[1]);
    out->feature = hid_longest(s->bits[2]);
    out->uses_ids = s->uses_ids;
    ExFreePoolWithTag(s, 'pdiH');
    return status;
}
