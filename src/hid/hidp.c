/*
 * hidp.c - drvhost's HID parser (the part of hidparse.sys a driver sees, docs/hid.md "The HID
 * parser"): a report descriptor becomes drvhost's own preparsed data for its first top-level
 * collection, and the hidpi.h routines read it. The preparsed data is one pool block (the
 * layout below, private to drvhost: Windows documents the blob as opaque); its magic and version
 * let every routine refuse anything else with HIDP_STATUS_INVALID_PREPARSED_DATA.
 *
 * Reports: byte 0 is the report ID (0 when the collection has none), the fields follow from
 * byte 1, least significant bit first, in descriptor order per report ID and kind.
 */
#include <hidpddi.h>

#include "hid/hid_private.h"

#define HIDP_MAGIC    0x50646948u /* "HidP" */
#define HIDP_VERSION  1
#define HIDP_MAX_CAPS 512
#define HIDP_MAX_USES 256
#define HIDP_MAX_NODE 64
#define HIDP_MAX_PUSH 8
#define HIDP_TYPES    3

/* One capability: a button or value cap as HIDP_BUTTON_CAPS/HIDP_VALUE_CAPS give it, plus where
 * its fields are. Variable items: field i carries usage umin + i (a value cap with one usage and
 * several fields is a usage value array). Arrays: every field holds an index; the value
 * lmin + first + (u - umin) selects usage u of this cap. */
struct hidp_cap {
    UCHAR type, report_id;
    BOOLEAN button, array, is_range, string_range, desig_range, absolute, has_null;
    USHORT bitfield, link;
    USAGE page, umin, umax;
    USHORT smin, smax, dmin, dmax, index_min;
    ULONG bit_pos; /* the first field's first bit, after the report-ID byte */
    USHORT bit_size, count, first;
    LONG lmin, lmax, pmin, pmax;
    ULONG units, unit_exp;
};

/* A link collection; node 0 is the top-level collection. */
struct hidp_node {
    USAGE usage, page;
    USHORT parent, children, next, first;
    UCHAR type;
};

/* The preparsed data: this header, ncaps caps, then nnodes nodes. */
struct _HIDP_PREPARSED_DATA {
    ULONG magic, version, size;
    USHORT length[HIDP_TYPES], buttons[HIDP_TYPES], values[HIDP_TYPES], indices[HIDP_TYPES];
    USHORT ncaps, nnodes;
    struct hidp_cap caps[];
};

struct hidp_globals {
    USAGE page;
    LONG lmin, lmax, pmin, pmax;
    ULONG lmax_raw, pmax_raw, units, unit_exp, size, count, id;
    UCHAR lmin_len, pmin_len, lmax_len, pmax_len;
};

struct hidp_usage {
    ULONG min, max; /* extended usages (page << 16 | usage); page 0: the global page applies */
};

/* The parser's working state (pool, freed after the build). */
struct hidp_build {
    struct hidp_globals g, stack[HIDP_MAX_PUSH];
    ULONG depth;
    struct hidp_usage uses[HIDP_MAX_USES];
    ULONG nuses, umin;
    BOOLEAN umin_set;
    USHORT smin, smax, dmin, dmax;
    BOOLEAN string_range, desig_range;
    struct hidp_cap caps[HIDP_MAX_CAPS];
    struct hidp_node nodes[HIDP_MAX_NODE];
    USHORT ncaps, nnodes, open[HIDP_MAX_NODE], nopen;
    BOOLEAN tlc_done;
    ULONG skipped; /* collections open after the first top-level collection ended */
    ULONG bits[HIDP_TYPES][256];
    USHORT indices[HIDP_TYPES];
};

static LONG hidp_signed(ULONG v, ULONG len)
{
    if (len == 1)
        return (LONG)(CHAR)v;
    if (len == 2)
        return (LONG)(SHORT)v;
    return (LONG)v;
}

static NTSTATUS hidp_global(struct hidp_build *b, UCHAR tag, ULONG v, ULONG len)
{
    struct hidp_globals *g = &b->g;
    switch (tag) {
    case 0:
        g->page = (USAGE)v;
        break;
    case 1:
        g->lmin = hidp_signed(v, len);
        break;
    case 2:
        g->lmax_raw = v;
        g->lmax_len = (UCHAR)len;
        break;
    case 3:
        g->pmin = hidp_signed(v, len);
        break;
    case 4:
        g->pmax_raw = v;
        g->pmax_len = (UCHAR)len;
        break;
    case 5:
        g->unit_exp = v;
        break;
    case 6:
        g->units = v;
        break;
    case 7:
        g->size = v;
        break;
    case 8:
        if (!v)
            return HIDP_STATUS_INVALID_REPORT_TYPE; /* documented: a report ID of 0 */
        g->id = v;
        break;
    case 9:
        g->count = v;
        break;
    case 10:
        if (b->depth == HIDP_MAX_PUSH)
            return STATUS_COULD_NOT_INTERPRET;
        b->stack[b->depth++] = *g;
        break;
    case 11:
        if (b->depth == 0)
            return STATUS_COULD_NOT_INTERPRET;
        *g = b->stack[--b->depth];
        break;
    default:
        break;
    }
    return STATUS_SUCCESS;
}

/* A usage item of `len` bytes: 4 bytes carry their page (an extended usage). */
static ULONG hidp_ext(ULONG v, ULONG len)
{
    return len == 4 ? v : (v & 0xFFFF);
}

static NTSTATUS hidp_local(struct hidp_build *b, UCHAR tag, ULONG v, ULONG len)
{
    switch (tag) {
    case 0:
    case 2:
        if (tag == 0 || b->umin_set) {
            if (b->nuses == HIDP_MAX_USES)
                return STATUS_COULD_NOT_INTERPRET;
            b->uses[b->nuses].min = tag == 0 ? hidp_ext(v, len) : b->umin;
            b->uses[b->nuses++].max = hidp_ext(v, len);
            b->umin_set = FALSE;
        }
        break;
    case 1:
        b->umin = hidp_ext(v, len);
        b->umin_set = TRUE;
        break;
    case 3:
        b->dmin = b->dmax = (USHORT)v;
        break;
    case 4:
        b->dmin = (USHORT)v;
        b->desig_range = TRUE;
        break;
    case 5:
        b->dmax = (USHORT)v;
        break;
    case 7:
        b->smin = b->smax = (USHORT)v;
        break;
    case 8:
        b->smin = (USHORT)v;
        b->string_range = TRUE;
        break;
    case 9:
        b->smax = (USHORT)v;
        break;
    default:
        break; /* delimiters: aliases are not reported (docs/hid.md) */
    }
    return STATUS_SUCCESS;
}

static void hidp_clear_locals(struct hidp_build *b)
{
    b->nuses = 0;
    b->umin_set = b->string_range = b->desig_range = FALSE;
    b->smin = b->smax = b->dmin = b->dmax = 0;
}

static LONG hidp_max(LONG min, ULONG raw, UCHAR len)
{
    LONG s = hidp_signed(raw, len);
    return s < min ? (LONG)raw : s; /* a negative maximum over a smaller minimum is unsigned */
}

static NTSTATUS hidp_collection(struct hidp_build *b, ULONG type)
{
    if (b->tlc_done) {
        b->skipped++; /* a collection after the first top-level one: not described */
        return STATUS_SUCCESS;
    }
    if (b->nnodes == HIDP_MAX_NODE || b->nopen == HIDP_MAX_NODE)
        return STATUS_COULD_NOT_INTERPRET;
    USHORT i = b->nnodes++;
    struct hidp_node *n = &b->nodes[i];
    ULONG u = b->nuses ? b->uses[0].min : 0;
    n->usage = (USAGE)u;
    n->page = (u >> 16) ? (USAGE)(u >> 16) : b->g.page;
    n->type = (UCHAR)type;
    if (b->nopen) {
        struct hidp_node *p = &b->nodes[b->open[b->nopen - 1]];
        n->parent = b->open[b->nopen - 1];
        if (!p->children)
            p->first = i;
        else { /* appended: the children are in descriptor order */
            USHORT c = p->first;
            while (b->nodes[c].next)
                c = b->nodes[c].next;
            b->nodes[c].next = i;
        }
        p->children++;
    }
    b->open[b->nopen++] = i;
    return STATUS_SUCCESS;
}

static struct hidp_cap *hidp_new_cap(struct hidp_build *b, UCHAR type, ULONG flags, ULONG pos)
{
    if (b->ncaps == HIDP_MAX_CAPS)
        return NULL;
    struct hidp_cap *c = &b->caps[b->ncaps++];
    RtlZeroMemory(c, sizeof(*c));
    c->type = type;
    c->report_id = (UCHAR)b->g.id;
    c->array = !(flags & 2);
    c->button = c->array || b->g.size == 1;
    c->absolute = !(flags & 4);
    c->has_null = (flags & 0x40) != 0;
    c->bitfield = (USHORT)flags;
    c->link = b->open[b->nopen - 1];
    c->bit_pos = pos;
    c->bit_size = (USHORT)b->g.size;
    c->lmin = b->g.lmin;
    c->lmax = hidp_max(b->g.lmin, b->g.lmax_raw, b->g.lmax_len);
    c->pmin = b->g.pmin;
    c->pmax = hidp_max(b->g.pmin, b->g.pmax_raw, b->g.pmax_len);
    c->units = b->g.units;
    c->unit_exp = b->g.unit_exp;
    c->string_range = b->string_range;
    c->desig_range = b->desig_range;
    c->smin = b->smin;
    c->smax = b->smax;
    c->dmin = b->dmin;
    c->dmax = b->dmax;
    return c;
}

/* Gives cap `c` the usages min..max (extended) and its data indices. */
static void hidp_cap_usages(struct hidp_build *b, struct hidp_cap *c, ULONG min, ULONG max)
{
    c->page = (min >> 16) ? (USAGE)(min >> 16) : b->g.page;
    c->umin = (USAGE)min;
    c->umax = (USAGE)max;
    c->is_range = min != max;
    c->index_min = b->indices[c->type];
    b->indices[c->type] += (USHORT)(c->umax - c->umin + 1);
}

static NTSTATUS hidp_data_item(struct hidp_build *b, UCHAR type, ULONG flags)
{
    ULONG id = b->g.id & 0xFF, pos = b->bits[type][id];
    /* fields of at most 32 bits, reports of at most 0xFFFF bytes (HIDP_CAPS' lengths) */
    if (b->g.size > 32 || b->g.count > 0xFFFF || pos + b->g.size * b->g.count > 8 * 0xFFFEu)
        return STATUS_COULD_NOT_INTERPRET;
    b->bits[type][id] += b->g.size * b->g.count;
    if (b->tlc_done || !b->nopen || (flags & 1) || !b->nuses || !b->g.size || !b->g.count)
        return STATUS_SUCCESS; /* padding, constants and items outside the collection */
    ULONG field = 0, first = 0;
    for (ULONG i = 0; i < b->nuses && (!(flags & 2) || field < b->g.count); i++) {
        ULONG min = b->uses[i].min, max = b->uses[i].max, n = (max & 0xFFFF) - (min & 0xFFFF) + 1;
        struct hidp_cap *c = hidp_new_cap(b, type, flags, pos);
        if (!c)
            return STATUS_COULD_NOT_INTERPRET;
        if (c->array) { /* every usage of the list shares the item's fields */
            c->count = (USHORT)b->g.count;
            c->first = (USHORT)first;
            first += n;
        } else {
            if (n > b->g.count - field) {
                n = b->g.count - field;
                max = min + n - 1;
            }
            c->bit_pos = pos + field * b->g.size;
            c->count = (USHORT)n;
            field += n;
            if (i + 1 == b->nuses && field < b->g.count && min == max && !c->button) {
                c->count += (USHORT)(b->g.count - field); /* a usage value array */
                field = b->g.count;
            }
        }
        hidp_cap_usages(b, c, min, max);
    }
    return STATUS_SUCCESS;
}

static NTSTATUS hidp_main(struct hidp_build *b, UCHAR tag, ULONG v)
{
    NTSTATUS status = STATUS_SUCCESS;
    switch (tag) {
    case 8:
        status = hidp_data_item(b, HidP_Input, v);
        break;
    case 9:
        status = hidp_data_item(b, HidP_Output, v);
        break;
    case 11:
        status = hidp_data_item(b, HidP_Feature, v);
        break;
    case 10:
        status = hidp_collection(b, v);
        break;
    case 12: /* End Collection without its Collection: an error */
        if (b->tlc_done ? !b->skipped : !b->nopen)
            return STATUS_COULD_NOT_INTERPRET;
        if (b->tlc_done)
            b->skipped--;
        else
            b->tlc_done = --b->nopen == 0;
        break;
    default:
        break;
    }
    hidp_clear_locals(b);
    return status;
}

static NTSTATUS hidp_items(struct hidp_build *b, const UCHAR *desc, ULONG size)
{
    ULONG at = 0;
    NTSTATUS status = STATUS_SUCCESS;
    while (at < size && NT_SUCCESS(status)) {
        UCHAR prefix = desc[at];
        ULONG len = (prefix & 3) == 3 ? 4 : (prefix & 3), v = 0;
        if (prefix == 0xFE) { /* a long item: skipped */
            len = at + 1 < size ? 2u + desc[at + 1] : size;
            if (at + 1 + len > size)
                return STATUS_BUFFER_TOO_SMALL;
            at += 1 + len;
            continue;
        }
        if (at + 1 + len > size)
            return STATUS_BUFFER_TOO_SMALL;
        for (ULONG i = 0; i < len; i++)
            v |= (ULONG)desc[at + 1 + i] << (8 * i);
        UCHAR tag = prefix >> 4;
        switch ((prefix >> 2) & 3) {
        case 0:
            status = hidp_main(b, tag, v);
            break;
        case 1:
            status = hidp_global(b, tag, v, len);
            break;
        case 2:
            status = hidp_local(b, tag, v, len);
            break;
        default:
            break;
        }
        at += 1 + len;
    }
    return status;
}

static USHORT hidp_longest(const ULONG *bits)
{
    ULONG best = 0;
    for (ULONG id = 0; id < 256; id++)
        if (bits[id] && (bits[id] + 7) / 8 + 1 > best)
            best = (bits[id] + 7) / 8 + 1;
    return (USHORT)best;
}

/* Parses the descriptor into *out (pool the caller frees with ExFreePoolWithTag 'pdiH'):
 * HidP_GetCollectionDescription's statuses (STATUS_BUFFER_TOO_SMALL truncated,
 * STATUS_COULD_NOT_INTERPRET an unbalanced or oversized descriptor, STATUS_NO_DATA_DETECTED
 * no top-level collection, HIDP_STATUS_INVALID_REPORT_TYPE a report ID of 0). */
static NTSTATUS hidp_parse(const UCHAR *desc, ULONG size, struct hidp_build **out)
{
    struct hidp_build *b = ExAllocatePool2(POOL_FLAG_PAGED, sizeof(*b), 'pdiH');
    *out = b;
    if (!b)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = hidp_items(b, desc, size);
    if (NT_SUCCESS(status) && !b->nnodes)
        status = STATUS_NO_DATA_DETECTED;
    return status;
}

/* The preparsed data of a parsed descriptor, from pool of that type (NULL: no memory). */
static PHIDP_PREPARSED_DATA hidp_blob(const struct hidp_build *b, POOL_TYPE pool, ULONG *bytes)
{
    *bytes = sizeof(struct _HIDP_PREPARSED_DATA) + b->ncaps * sizeof(struct hidp_cap) +
             b->nnodes * sizeof(struct hidp_node);
    PHIDP_PREPARSED_DATA p = ExAllocatePoolWithTag(pool, *bytes, 'pdiH');
    if (!p)
        return NULL;
    RtlZeroMemory(p, *bytes);
    p->magic = HIDP_MAGIC;
    p->version = HIDP_VERSION;
    p->size = *bytes;
    p->ncaps = b->ncaps;
    p->nnodes = b->nnodes;
    RtlCopyMemory(p->caps, b->caps, b->ncaps * sizeof(struct hidp_cap));
    RtlCopyMemory(&p->caps[b->ncaps], b->nodes, b->nnodes * sizeof(struct hidp_node));
    for (int t = 0; t < HIDP_TYPES; t++) {
        p->length[t] = hidp_longest(b->bits[t]);
        p->indices[t] = b->indices[t];
    }
    for (ULONG i = 0; i < b->ncaps; i++) {
        if (b->caps[i].button)
            p->buttons[b->caps[i].type]++;
        else
            p->values[b->caps[i].type]++;
    }
    return p;
}

/* The collection's report lengths for the class driver, from the same parse. */
static void hidp_lengths(const struct hidp_build *b, struct hid_lengths *len)
{
    len->input = hidp_longest(b->bits[HidP_Input]);
    len->output = hidp_longest(b->bits[HidP_Output]);
    len->feature = hidp_longest(b->bits[HidP_Feature]);
    len->uses_ids = FALSE;
    for (ULONG id = 1; id < 256; id++)
        len->uses_ids |= b->bits[0][id] || b->bits[1][id] || b->bits[2][id];
}

NTSTATUS hidp_build_preparsed(const UCHAR *desc, ULONG size, PHIDP_PREPARSED_DATA *out,
                              ULONG *out_size, struct hid_lengths *lengths)
{
    struct hidp_build *b;
    NTSTATUS status = hidp_parse(desc, size, &b);
    *out = NULL;
    if (NT_SUCCESS(status)) {
        hidp_lengths(b, lengths);
        *out = hidp_blob(b, NonPagedPoolNx, out_size);
        status = *out ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    }
    if (b)
        ExFreePoolWithTag(b, 'pdiH');
    return status;
}

/* One HIDP_REPORT_IDS per report ID the descriptor uses (ID 0 alone when it declares none). */
static PHIDP_REPORT_IDS hidp_report_ids(const struct hidp_build *b, POOL_TYPE pool, ULONG *n)
{
    ULONG count = 0;
    for (ULONG id = 0; id < 256; id++)
        count += b->bits[0][id] || b->bits[1][id] || b->bits[2][id];
    PHIDP_REPORT_IDS ids = ExAllocatePoolWithTag(pool, (count ? count : 1) * sizeof(*ids), 'pdiH');
    *n = count;
    if (!ids)
        return NULL;
    for (ULONG id = 0, i = 0; id < 256; id++) {
        if (!b->bits[0][id] && !b->bits[1][id] && !b->bits[2][id])
            continue;
        ids[i].ReportID = (UCHAR)id;
        ids[i].CollectionNumber = 1;
        ids[i].InputLength = (USHORT)(b->bits[0][id] ? (b->bits[0][id] + 7) / 8 + 1 : 0);
        ids[i].OutputLength = (USHORT)(b->bits[1][id] ? (b->bits[1][id] + 7) / 8 + 1 : 0);
        ids[i].FeatureLength = (USHORT)(b->bits[2][id] ? (b->bits[2][id] + 7) / 8 + 1 : 0);
        i++;
    }
    return ids;
}

NTSTATUS NTAPI HidP_GetCollectionDescription(PHIDP_REPORT_DESCRIPTOR ReportDesc, ULONG DescLength,
                                             POOL_TYPE PoolType,
                                             PHIDP_DEVICE_DESC DeviceDescription)
{
    struct hidp_build *b;
    PHIDP_DEVICE_DESC d = DeviceDescription;
    NTSTATUS status = hidp_parse(ReportDesc, DescLength, &b);
    RtlZeroMemory(d, sizeof(*d));
    if (NT_SUCCESS(status)) {
        ULONG bytes = 0;
        d->CollectionDesc = ExAllocatePoolWithTag(PoolType, sizeof(*d->CollectionDesc), 'pdiH');
        d->ReportIDs = hidp_report_ids(b, PoolType, &d->ReportIDsLength);
        PHIDP_PREPARSED_DATA p = hidp_blob(b, PoolType, &bytes);
        if (d->CollectionDesc && d->ReportIDs && p) {
            PHIDP_COLLECTION_DESC c = d->CollectionDesc;
            RtlZeroMemory(c, sizeof(*c));
            d->CollectionDescLength = 1;
            c->UsagePage = b->nodes[0].page;
            c->Usage = b->nodes[0].usage;
            c->CollectionNumber = 1;
            c->InputLength = p->length[HidP_Input];
            c->OutputLength = p->length[HidP_Output];
            c->FeatureLength = p->length[HidP_Feature];
            c->PreparsedDataLength = (USHORT)bytes;
            c->PreparsedData = p;
        } else {
            if (p)
                ExFreePoolWithTag(p, 'pdiH');
            HidP_FreeCollectionDescription(d);
            status = STATUS_INSUFFICIENT_RESOURCES;
        }
    }
    if (b)
        ExFreePoolWithTag(b, 'pdiH');
    return status;
}

VOID NTAPI HidP_FreeCollectionDescription(PHIDP_DEVICE_DESC DeviceDescription)
{
    PHIDP_DEVICE_DESC d = DeviceDescription;
    for (ULONG i = 0; d->CollectionDesc && i < d->CollectionDescLength; i++)
        if (d->CollectionDesc[i].PreparsedData)
            ExFreePoolWithTag(d->CollectionDesc[i].PreparsedData, 'pdiH');
    if (d->CollectionDesc)
        ExFreePoolWithTag(d->CollectionDesc, 'pdiH');
    if (d->ReportIDs)
        ExFreePoolWithTag(d->ReportIDs, 'pdiH');
    d->CollectionDesc = NULL;
    d->ReportIDs = NULL;
    d->CollectionDescLength = d->ReportIDsLength = 0;
}

/* ---- the routines ---- */

static const struct hidp_node *hidp_nodes(PHIDP_PREPARSED_DATA p)
{
    return (const struct hidp_node *)&p->caps[p->ncaps];
}

static BOOLEAN hidp_valid(PHIDP_PREPARSED_DATA p)
{
    return p && p->magic == HIDP_MAGIC && p->version == HIDP_VERSION;
}

static NTSTATUS hidp_check(PHIDP_PREPARSED_DATA p, HIDP_REPORT_TYPE type)
{
    if (!hidp_valid(p))
        return HIDP_STATUS_INVALID_PREPARSED_DATA;
    if ((ULONG)type >= HIDP_TYPES)
        return HIDP_STATUS_INVALID_REPORT_TYPE;
    return HIDP_STATUS_SUCCESS;
}

/* The checks of every routine given a report: its length is the collection's for that kind. */
static NTSTATUS hidp_check_report(PHIDP_PREPARSED_DATA p, HIDP_REPORT_TYPE type, ULONG length)
{
    NTSTATUS status = hidp_check(p, type);
    if (status == HIDP_STATUS_SUCCESS && (!p->length[type] || length != p->length[type]))
        return HIDP_STATUS_INVALID_REPORT_LENGTH;
    return status;
}

static ULONG hidp_get_bits(const PCHAR report, ULONG pos, ULONG size)
{
    const UCHAR *data = (const UCHAR *)report + 1;
    ULONG v = 0;
    for (ULONG i = 0; i < size; i++, pos++)
        v |= (ULONG)((data[pos / 8] >> (pos % 8)) & 1) << i;
    return v;
}

static void hidp_set_bits(PCHAR report, ULONG pos, ULONG size, ULONG v)
{
    UCHAR *data = (UCHAR *)report + 1;
    for (ULONG i = 0; i < size; i++, pos++) {
        if ((v >> i) & 1)
            data[pos / 8] |= (UCHAR)(1u << (pos % 8));
        else
            data[pos / 8] &= (UCHAR) ~(1u << (pos % 8));
    }
}

NTSTATUS NTAPI HidP_GetCaps(PHIDP_PREPARSED_DATA PreparsedData, PHIDP_CAPS Capabilities)
{
    PHIDP_PREPARSED_DATA p = PreparsedData;
    if (!hidp_valid(p))
        return HIDP_STATUS_INVALID_PREPARSED_DATA;
    RtlZeroMemory(Capabilities, sizeof(*Capabilities));
    Capabilities->Usage = hidp_nodes(p)[0].usage;
    Capabilities->UsagePage = hidp_nodes(p)[0].page;
    Capabilities->InputReportByteLength = p->length[HidP_Input];
    Capabilities->OutputReportByteLength = p->length[HidP_Output];
    Capabilities->FeatureReportByteLength = p->length[HidP_Feature];
    Capabilities->NumberLinkCollectionNodes = p->nnodes;
    USHORT *n = &Capabilities->NumberInputButtonCaps;
    for (int t = 0; t < HIDP_TYPES; t++) {
        n[3 * t] = p->buttons[t];
        n[3 * t + 1] = p->values[t];
        n[3 * t + 2] = p->indices[t];
    }
    return HIDP_STATUS_SUCCESS;
}

/* The fields HIDP_BUTTON_CAPS and HIDP_VALUE_CAPS share (their first 16 bytes and the union). */
static void hidp_fill_common(PHIDP_PREPARSED_DATA p, const struct hidp_cap *c, PHIDP_BUTTON_CAPS o)
{
    const struct hidp_node *link = &hidp_nodes(p)[c->link];
    o->UsagePage = c->page;
    o->ReportID = c->report_id;
    o->BitField = c->bitfield;
    o->LinkCollection = c->link;
    o->LinkUsage = link->usage;
    o->LinkUsagePage = link->page;
    o->IsRange = c->is_range;
    o->IsStringRange = c->string_range;
    o->IsDesignatorRange = c->desig_range;
    o->IsAbsolute = c->absolute;
    o->ReportCount = c->count;
    o->Range.UsageMin = c->umin;
    o->Range.UsageMax = c->umax;
    o->Range.StringMin = c->smin;
    o->Range.StringMax = c->smax;
    o->Range.DesignatorMin = c->dmin;
    o->Range.DesignatorMax = c->dmax;
    o->Range.DataIndexMin = c->index_min;
    o->Range.DataIndexMax = (USHORT)(c->index_min + c->umax - c->umin);
    if (!c->is_range) { /* NotRange: the other members of the same union */
        o->NotRange.Reserved1 = o->NotRange.Reserved2 = 0;
        o->NotRange.Reserved3 = o->NotRange.Reserved4 = 0;
        o->NotRange.StringIndex = c->smin;
        o->NotRange.DesignatorIndex = c->dmin;
        o->NotRange.DataIndex = c->index_min;
    }
}

static BOOLEAN hidp_cap_matches(const struct hidp_cap *c, HIDP_REPORT_TYPE type, BOOLEAN button,
                                USAGE page, USHORT link, USAGE usage)
{
    return c->type == type && c->button == button && (!page || c->page == page) &&
           (!link || c->link == link) && (!usage || (usage >= c->umin && usage <= c->umax));
}

/* The specific caps routines: copies the caps that match into `out` (elements of `elem` bytes,
 * ReportCount and the union where both structures have them). */
static NTSTATUS hidp_specific_caps(HIDP_REPORT_TYPE type, BOOLEAN button, USAGE page, USHORT link,
                                   USAGE usage, PVOID out, PUSHORT length, PHIDP_PREPARSED_DATA p)
{
    NTSTATUS status = hidp_check(p, type);
    USHORT n = 0;
    if (status != HIDP_STATUS_SUCCESS)
        return status;
    for (ULONG i = 0; i < p->ncaps; i++) {
        const struct hidp_cap *c = &p->caps[i];
        if (!hidp_cap_matches(c, type, button, page, link, usage))
            continue;
        if (n == *length) {
            status = HIDP_STATUS_BUFFER_TOO_SMALL;
            break;
        }
        if (button) {
            PHIDP_BUTTON_CAPS o = (PHIDP_BUTTON_CAPS)out + n;
            RtlZeroMemory(o, sizeof(*o));
            hidp_fill_common(p, c, o);
        } else {
            PHIDP_VALUE_CAPS o = (PHIDP_VALUE_CAPS)out + n;
            HIDP_BUTTON_CAPS common = {0};
            hidp_fill_common(p, c, &common);
            RtlZeroMemory(o, sizeof(*o));
            RtlCopyMemory(o, &common, FIELD_OFFSET(HIDP_VALUE_CAPS, HasNull));
            RtlCopyMemory(&o->Range, &common.Range, sizeof(o->Range));
            o->HasNull = c->has_null;
            o->BitSize = c->bit_size;
            o->ReportCount = c->count;
            o->UnitsExp = c->unit_exp;
            o->Units = c->units;
            o->LogicalMin = c->lmin;
            o->LogicalMax = c->lmax;
            o->PhysicalMin = c->pmin;
            o->PhysicalMax = c->pmax;
        }
        n++;
    }
    *length = n;
    if (status == HIDP_STATUS_SUCCESS && !n)
        status = HIDP_STATUS_USAGE_NOT_FOUND;
    return status;
}

NTSTATUS NTAPI HidP_GetSpecificButtonCaps(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                          USHORT LinkCollection, USAGE Usage,
                                          PHIDP_BUTTON_CAPS ButtonCaps, PUSHORT ButtonCapsLength,
                                          PHIDP_PREPARSED_DATA PreparsedData)
{
    return hidp_specific_caps(ReportType, TRUE, UsagePage, LinkCollection, Usage, ButtonCaps,
                              ButtonCapsLength, PreparsedData);
}

NTSTATUS NTAPI HidP_GetButtonCaps(HIDP_REPORT_TYPE ReportType, PHIDP_BUTTON_CAPS ButtonCaps,
                                  PUSHORT ButtonCapsLength, PHIDP_PREPARSED_DATA PreparsedData)
{
    return hidp_specific_caps(ReportType, TRUE, 0, 0, 0, ButtonCaps, ButtonCapsLength,
                              PreparsedData);
}

NTSTATUS NTAPI HidP_GetSpecificValueCaps(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                         USHORT LinkCollection, USAGE Usage,
                                         PHIDP_VALUE_CAPS ValueCaps, PUSHORT ValueCapsLength,
                                         PHIDP_PREPARSED_DATA PreparsedData)
{
    return hidp_specific_caps(ReportType, FALSE, UsagePage, LinkCollection, Usage, ValueCaps,
                              ValueCapsLength, PreparsedData);
}

NTSTATUS NTAPI HidP_GetValueCaps(HIDP_REPORT_TYPE ReportType, PHIDP_VALUE_CAPS ValueCaps,
                                 PUSHORT ValueCapsLength, PHIDP_PREPARSED_DATA PreparsedData)
{
    return hidp_specific_caps(ReportType, FALSE, 0, 0, 0, ValueCaps, ValueCapsLength,
                              PreparsedData);
}

NTSTATUS NTAPI HidP_GetLinkCollectionNodes(PHIDP_LINK_COLLECTION_NODE LinkCollectionNodes,
                                           PULONG LinkCollectionNodesLength,
                                           PHIDP_PREPARSED_DATA PreparsedData)
{
    PHIDP_PREPARSED_DATA p = PreparsedData;
    if (!hidp_valid(p))
        return HIDP_STATUS_INVALID_PREPARSED_DATA;
    ULONG room = *LinkCollectionNodesLength;
    *LinkCollectionNodesLength = p->nnodes;
    if (room < p->nnodes)
        return HIDP_STATUS_BUFFER_TOO_SMALL;
    for (ULONG i = 0; i < p->nnodes; i++) {
        const struct hidp_node *n = &hidp_nodes(p)[i];
        PHIDP_LINK_COLLECTION_NODE o = &LinkCollectionNodes[i];
        RtlZeroMemory(o, sizeof(*o));
        o->LinkUsage = n->usage;
        o->LinkUsagePage = n->page;
        o->Parent = n->parent;
        o->NumberOfChildren = n->children;
        o->NextSibling = n->next;
        o->FirstChild = n->first;
        o->CollectionType = n->type;
    }
    return HIDP_STATUS_SUCCESS;
}

NTSTATUS NTAPI HidP_InitializeReportForID(HIDP_REPORT_TYPE ReportType, UCHAR ReportID,
                                          PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                          ULONG ReportLength)
{
    PHIDP_PREPARSED_DATA p = PreparsedData;
    NTSTATUS status = hidp_check_report(p, ReportType, ReportLength);
    BOOLEAN exists = FALSE;
    if (status != HIDP_STATUS_SUCCESS)
        return status;
    for (ULONG i = 0; i < p->ncaps; i++)
        exists |= p->caps[i].type == ReportType && p->caps[i].report_id == ReportID;
    if (!exists)
        return HIDP_STATUS_REPORT_DOES_NOT_EXIST;
    RtlZeroMemory(Report, ReportLength);
    Report[0] = (CHAR)ReportID;
    for (ULONG i = 0; i < p->ncaps; i++) {
        const struct hidp_cap *c = &p->caps[i];
        if (c->type != ReportType || c->report_id != ReportID || !c->has_null || c->array)
            continue;
        /* a null value: outside the logical range (0 already is when the range excludes it) */
        if (c->lmin <= 0 && c->lmax >= 0)
            for (ULONG f = 0; f < c->count; f++)
                hidp_set_bits(Report, c->bit_pos + f * c->bit_size, c->bit_size,
                              (ULONG)(c->lmin < 0 ? c->lmin - 1 : c->lmax + 1));
    }
    return HIDP_STATUS_SUCCESS;
}

ULONG NTAPI HidP_MaxUsageListLength(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                    PHIDP_PREPARSED_DATA PreparsedData)
{
    PHIDP_PREPARSED_DATA p = PreparsedData;
    ULONG n = 0;
    if (hidp_check(p, ReportType) != HIDP_STATUS_SUCCESS)
        return 0;
    for (ULONG i = 0; i < p->ncaps; i++) {
        const struct hidp_cap *c = &p->caps[i];
        if (!hidp_cap_matches(c, ReportType, TRUE, UsagePage, 0, 0))
            continue;
        if (!c->array)
            n += c->count;
        else if (c->first == 0) /* an array's fields count once, with its first usage */
            n += c->count;
    }
    return n;
}

ULONG NTAPI HidP_MaxDataListLength(HIDP_REPORT_TYPE ReportType, PHIDP_PREPARSED_DATA PreparsedData)
{
    if (hidp_check(PreparsedData, ReportType) != HIDP_STATUS_SUCCESS)
        return 0;
    return PreparsedData->indices[ReportType];
}

/* Calls `visit` for every usage ON in the report's button caps of that page (0: every page) and
 * link; returns HIDP_STATUS_USAGE_NOT_FOUND / _INCOMPATIBLE_REPORT_ID when no cap applies. */
static NTSTATUS hidp_buttons_on(HIDP_REPORT_TYPE type, USAGE page, USHORT link,
                                PHIDP_PREPARSED_DATA p, PCHAR report, ULONG length,
                                void (*visit)(void *ctx, USAGE usage, USAGE page), void *ctx)
{
    NTSTATUS status = hidp_check_report(p, type, length);
    BOOLEAN found = FALSE, in_report = FALSE;
    if (status != HIDP_STATUS_SUCCESS)
        return status;
    for (ULONG i = 0; i < p->ncaps; i++) {
        const struct hidp_cap *c = &p->caps[i];
        if (!hidp_cap_matches(c, type, TRUE, page, link, 0))
            continue;
        found = TRUE;
        if (c->report_id != (UCHAR)report[0])
            continue;
        in_report = TRUE;
        for (ULONG f = 0; f < c->count; f++) {
            ULONG v = hidp_get_bits(report, c->bit_pos + f * c->bit_size, c->bit_size);
            if (!c->array) {
                if (v)
                    visit(ctx, (USAGE)(c->umin + f), c->page);
                continue;
            }
            LONGLONG idx = (LONGLONG)v - c->lmin - c->first;
            if (idx >= 0 && idx <= c->umax - c->umin && (ULONG)c->umin + idx != 0)
                visit(ctx, (USAGE)(c->umin + idx), c->page); /* usage 0: "no event" */
        }
    }
    if (!found)
        return HIDP_STATUS_USAGE_NOT_FOUND;
    return in_report ? HIDP_STATUS_SUCCESS : HIDP_STATUS_INCOMPATIBLE_REPORT_ID;
}

struct hidp_list {
    PVOID list;
    ULONG room, n;
    BOOLEAN with_page;
};

static void hidp_collect(void *ctx, USAGE usage, USAGE page)
{
    struct hidp_list *l = ctx;
    if (l->n < l->room && l->with_page) {
        ((PUSAGE_AND_PAGE)l->list)[l->n].Usage = usage;
        ((PUSAGE_AND_PAGE)l->list)[l->n].UsagePage = page;
    } else if (l->n < l->room)
        ((PUSAGE)l->list)[l->n] = usage;
    l->n++;
}

static NTSTATUS hidp_get_list(HIDP_REPORT_TYPE type, USAGE page, USHORT link, struct hidp_list *l,
                              PULONG length, PHIDP_PREPARSED_DATA p, PCHAR report, ULONG rlength)
{
    NTSTATUS status = hidp_buttons_on(type, page, link, p, report, rlength, hidp_collect, l);
    if (status != HIDP_STATUS_SUCCESS)
        return status;
    *length = l->n;
    return l->n > l->room ? HIDP_STATUS_BUFFER_TOO_SMALL : HIDP_STATUS_SUCCESS;
}

NTSTATUS NTAPI HidP_GetUsages(HIDP_REPORT_TYPE ReportType, USAGE UsagePage, USHORT LinkCollection,
                              PUSAGE UsageList, PULONG UsageLength,
                              PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report, ULONG ReportLength)
{
    struct hidp_list l = {UsageList, UsageList ? *UsageLength : 0, 0, FALSE};
    return hidp_get_list(ReportType, UsagePage, LinkCollection, &l, UsageLength, PreparsedData,
                         Report, ReportLength);
}

NTSTATUS NTAPI HidP_GetUsagesEx(HIDP_REPORT_TYPE ReportType, USHORT LinkCollection,
                                PUSAGE_AND_PAGE ButtonList, ULONG *UsageLength,
                                PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                ULONG ReportLength)
{
    struct hidp_list l = {ButtonList, ButtonList ? *UsageLength : 0, 0, TRUE};
    return hidp_get_list(ReportType, 0, LinkCollection, &l, UsageLength, PreparsedData, Report,
                         ReportLength);
}

/* The cap of that kind carrying `usage` in this report; `status` says why there is none. */
static const struct hidp_cap *hidp_find(HIDP_REPORT_TYPE type, BOOLEAN button, USAGE page,
                                        USHORT link, USAGE usage, PHIDP_PREPARSED_DATA p,
                                        PCHAR report, NTSTATUS *status)
{
    *status = HIDP_STATUS_USAGE_NOT_FOUND;
    for (ULONG i = 0; i < p->ncaps; i++) {
        const struct hidp_cap *c = &p->caps[i];
        if (!usage || !hidp_cap_matches(c, type, button, page, link, usage) || c->page != page)
            continue;
        *status = HIDP_STATUS_INCOMPATIBLE_REPORT_ID;
        if (c->report_id == (UCHAR)report[0]) {
            *status = HIDP_STATUS_SUCCESS;
            return c;
        }
    }
    return NULL;
}

/* Sets (on) or clears one button usage of cap `c`. */
static NTSTATUS hidp_button_set(const struct hidp_cap *c, USAGE usage, BOOLEAN on, PCHAR report)
{
    if (!c->array) {
        ULONG pos = c->bit_pos + (usage - c->umin) * c->bit_size;
        if (!on && !hidp_get_bits(report, pos, 1))
            return HIDP_STATUS_BUTTON_NOT_PRESSED;
        hidp_set_bits(report, pos, 1, on);
        return HIDP_STATUS_SUCCESS;
    }
    ULONG want = (ULONG)(c->lmin + c->first + (usage - c->umin)), free_field = c->count;
    for (ULONG f = 0; f < c->count; f++) {
        ULONG pos = c->bit_pos + f * c->bit_size, v = hidp_get_bits(report, pos, c->bit_size);
        if (v == want) {
            if (!on)
                hidp_set_bits(report, pos, c->bit_size, 0);
            return HIDP_STATUS_SUCCESS;
        }
        if (free_field == c->count && (v == 0 || (LONG)v < c->lmin || (LONG)v > c->lmax))
            free_field = f;
    }
    if (!on)
        return HIDP_STATUS_BUTTON_NOT_PRESSED;
    if (free_field == c->count)
        return HIDP_STATUS_BUFFER_TOO_SMALL; /* the array is full */
    hidp_set_bits(report, c->bit_pos + free_field * c->bit_size, c->bit_size, want);
    return HIDP_STATUS_SUCCESS;
}

static NTSTATUS hidp_set_list(HIDP_REPORT_TYPE type, USAGE page, USHORT link, PUSAGE list,
                              PULONG length, PHIDP_PREPARSED_DATA p, PCHAR report, ULONG rlength,
                              BOOLEAN on)
{
    NTSTATUS status = hidp_check_report(p, type, rlength);
    if (status != HIDP_STATUS_SUCCESS)
        return status;
    for (ULONG i = 0; i < *length; i++) {
        const struct hidp_cap *c = hidp_find(type, TRUE, page, link, list[i], p, report, &status);
        if (c)
            status = hidp_button_set(c, list[i], on, report);
        if (status != HIDP_STATUS_SUCCESS) {
            *length = i; /* the index of the usage that could not be set */
            return status;
        }
    }
    return HIDP_STATUS_SUCCESS;
}

NTSTATUS NTAPI HidP_SetUsages(HIDP_REPORT_TYPE ReportType, USAGE UsagePage, USHORT LinkCollection,
                              PUSAGE UsageList, PULONG UsageLength,
                              PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report, ULONG ReportLength)
{
    return hidp_set_list(ReportType, UsagePage, LinkCollection, UsageList, UsageLength,
                         PreparsedData, Report, ReportLength, TRUE);
}

NTSTATUS NTAPI HidP_UnsetUsages(HIDP_REPORT_TYPE ReportType, USAGE UsagePage, USHORT LinkCollection,
                                PUSAGE UsageList, PULONG UsageLength,
                                PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                ULONG ReportLength)
{
    return hidp_set_list(ReportType, UsagePage, LinkCollection, UsageList, UsageLength,
                         PreparsedData, Report, ReportLength, FALSE);
}

/* Reads (`get`) or writes (`set`) the (first) field of `usage`'s value cap in the report;
 * *cap is that cap (NULL when the status says there is none). */
static NTSTATUS hidp_usage_value(HIDP_REPORT_TYPE type, USAGE page, USHORT link, USAGE usage,
                                 PHIDP_PREPARSED_DATA p, PCHAR report, ULONG length, PULONG get,
                                 const ULONG *set, const struct hidp_cap **cap)
{
    NTSTATUS status = hidp_check_report(p, type, length);
    const struct hidp_cap *c = NULL;
    if (status == HIDP_STATUS_SUCCESS)
        c = hidp_find(type, FALSE, page, link, usage, p, report, &status);
    *cap = c;
    if (!c)
        return status;
    ULONG pos = c->bit_pos + (ULONG)(usage - c->umin) * c->bit_size;
    if (get)
        *get = hidp_get_bits(report, pos, c->bit_size);
    if (set)
        hidp_set_bits(report, pos, c->bit_size, *set);
    return status;
}

NTSTATUS NTAPI HidP_GetUsageValue(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                  USHORT LinkCollection, USAGE Usage, PULONG UsageValue,
                                  PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                  ULONG ReportLength)
{
    const struct hidp_cap *c;
    return hidp_usage_value(ReportType, UsagePage, LinkCollection, Usage, PreparsedData, Report,
                            ReportLength, UsageValue, NULL, &c);
}

NTSTATUS NTAPI HidP_SetUsageValue(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                  USHORT LinkCollection, USAGE Usage, ULONG UsageValue,
                                  PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                  ULONG ReportLength)
{
    const struct hidp_cap *c;
    return hidp_usage_value(ReportType, UsagePage, LinkCollection, Usage, PreparsedData, Report,
                            ReportLength, NULL, &UsageValue, &c);
}

NTSTATUS NTAPI HidP_GetScaledUsageValue(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                        USHORT LinkCollection, USAGE Usage, PLONG UsageValue,
                                        PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                        ULONG ReportLength)
{
    const struct hidp_cap *c;
    ULONG raw = 0;
    NTSTATUS status = hidp_usage_value(ReportType, UsagePage, LinkCollection, Usage, PreparsedData,
                                       Report, ReportLength, &raw, NULL, &c);
    if (!c)
        return status;
    LONG v = (LONG)raw, pmin = c->pmin, pmax = c->pmax;
    if (c->lmin < 0 && c->bit_size < 32 && (raw >> (c->bit_size - 1)) & 1)
        v = (LONG)(raw | ~((1u << c->bit_size) - 1)); /* the field is signed */
    if (!pmin && !pmax) { /* no physical range: the logical one (HID 1.11, 6.2.2.7) */
        pmin = c->lmin;
        pmax = c->lmax;
    }
    if (c->lmin >= c->lmax || pmin >= pmax)
        return HIDP_STATUS_BAD_LOG_PHY_VALUES;
    if (v < c->lmin || v > c->lmax)
        return c->has_null ? HIDP_STATUS_NULL : HIDP_STATUS_VALUE_OUT_OF_RANGE;
    *UsageValue =
        (LONG)(((LONGLONG)v - c->lmin) * ((LONGLONG)pmax - pmin) / ((LONGLONG)c->lmax - c->lmin) +
               pmin);
    return HIDP_STATUS_SUCCESS;
}
