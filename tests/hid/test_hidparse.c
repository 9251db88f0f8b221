/*
 * test_hidparse.c - the HID parser (hidpddi.h, hidpi.h; src/hid/hidp.c, docs/hid.md "The HID
 * parser") on report descriptors of our own, as a driver sees it: HidP_GetCollectionDescription
 * gives the preparsed data, the HidP_* routines read and write reports with it. A boot keyboard
 * (variable modifier buttons, an array of six key codes, LED output buttons), a mouse with a
 * wheel (buttons and signed relative values in a physical link collection), a vendor-defined
 * device with two feature reports (report IDs, a physical range, a value with a null state).
 */
#include <string.h>

#include <wdm.h>
#include <hidpddi.h>

#include "harness.h"

static UCHAR keyboard[] = {
    0x05, 0x01, 0x09, 0x06, 0xA1, 0x01,                         /* Generic Desktop, Keyboard */
    0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01, /* modifiers E0..E7 */
    0x75, 0x01, 0x95, 0x08, 0x81, 0x02,                         /* 8 x 1 bit, Input (Var) */
    0x95, 0x01, 0x75, 0x08, 0x81, 0x01,                         /* reserved byte (Const) */
    0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01, 0x29, 0x05, /* LEDs 1..5 */
    0x91, 0x02,                                                 /* Output (Var) */
    0x95, 0x01, 0x75, 0x03, 0x91, 0x01,                         /* 3 bits padding */
    0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0x65,             /* 6 x 8 bits, 0..101 */
    0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00,             /* keys 0..101, Input (Array) */
    0xC0};

static UCHAR mouse[] = {
    0x05, 0x01, 0x09, 0x02, 0xA1, 0x01,                         /* Generic Desktop, Mouse */
    0x09, 0x01, 0xA1, 0x00,                                     /* Pointer, Physical */
    0x05, 0x09, 0x19, 0x01, 0x29, 0x03, 0x15, 0x00, 0x25, 0x01, /* buttons 1..3 */
    0x95, 0x03, 0x75, 0x01, 0x81, 0x02,                         /* Input (Var) */
    0x95, 0x01, 0x75, 0x05, 0x81, 0x01,                         /* 5 bits padding */
    0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x09, 0x38,             /* X, Y, Wheel */
    0x15, 0x81, 0x25, 0x7F, 0x75, 0x08, 0x95, 0x03, 0x81, 0x06, /* -127..127, Input (Rel) */
    0xC0, 0xC0};

static UCHAR vendor[] = {
    0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01,             /* vendor page FF00, usage 1 */
    0x85, 0x01,                                           /* report 1 */
    0x09, 0x02, 0x15, 0x00, 0x26, 0xFF, 0x00,             /* usage 2: logical 0..255 */
    0x35, 0x00, 0x46, 0xE8, 0x03,                         /* physical 0..1000 */
    0x75, 0x08, 0x95, 0x01, 0xB1, 0x02,                   /* 8 bits, Feature (Var) */
    0x09, 0x06, 0x15, 0x00, 0x25, 0x0A,                   /* usage 6: 0..10 */
    0x35, 0x00, 0x45, 0x00,                               /* no physical range */
    0x75, 0x04, 0xB1, 0x42,                               /* 4 bits, Feature (Var, Null state) */
    0x75, 0x04, 0xB1, 0x01,                               /* 4 bits padding */
    0x85, 0x02,                                           /* report 2 */
    0x09, 0x03, 0x15, 0x00, 0x27, 0xFF, 0xFF, 0x00, 0x00, /* usage 3: 0..65535 */
    0x75, 0x10, 0xB1, 0x02,                               /* 16 bits, Feature (Var) */
    0x19, 0x10, 0x29, 0x13, 0x25, 0x01, 0x75, 0x01, 0x95, 0x04, /* usages 10..13, 1 bit */
    0xB1, 0x02, 0x95, 0x01, 0x75, 0x04, 0xB1, 0x01,             /* Feature (Var), padding */
    0xC0};

/* The preparsed data of `desc` (freed by parsed_free). */
static PHIDP_PREPARSED_DATA parse(PUCHAR desc, ULONG size, HIDP_DEVICE_DESC *dd)
{
    NTSTATUS status = HidP_GetCollectionDescription(desc, size, NonPagedPoolNx, dd);
    ok(status == STATUS_SUCCESS, "HidP_GetCollectionDescription %#x\n", status);
    return status == STATUS_SUCCESS ? dd->CollectionDesc[0].PreparsedData : NULL;
}

TEST(layouts)
{
    ok(sizeof(HIDP_CAPS) == 64, "HIDP_CAPS %zu\n", sizeof(HIDP_CAPS));
    ok(sizeof(HIDP_BUTTON_CAPS) == 72, "HIDP_BUTTON_CAPS %zu\n", sizeof(HIDP_BUTTON_CAPS));
    ok(sizeof(HIDP_VALUE_CAPS) == 72, "HIDP_VALUE_CAPS %zu\n", sizeof(HIDP_VALUE_CAPS));
    ok(FIELD_OFFSET(HIDP_VALUE_CAPS, BitSize) == 18 && FIELD_OFFSET(HIDP_VALUE_CAPS, Units) == 36,
       "HIDP_VALUE_CAPS offsets\n");
    ok(sizeof(HIDP_LINK_COLLECTION_NODE) == 24, "HIDP_LINK_COLLECTION_NODE\n");
    ok(sizeof(HIDP_DATA) == 8 && sizeof(USAGE_AND_PAGE) == 4, "HIDP_DATA, USAGE_AND_PAGE\n");
    ok(sizeof(HIDP_COLLECTION_DESC) == 40 && sizeof(HIDP_REPORT_IDS) == 8, "collection desc\n");
    ok(sizeof(HIDP_DEVICE_DESC) == 64, "HIDP_DEVICE_DESC %zu\n", sizeof(HIDP_DEVICE_DESC));
}

TEST(collection_description)
{
    HIDP_DEVICE_DESC dd;
    ok(parse(vendor, sizeof(vendor), &dd) != NULL, "parsed\n");
    ok(dd.CollectionDescLength == 1, "one collection\n");
    PHIDP_COLLECTION_DESC c = dd.CollectionDesc;
    ok(c->UsagePage == 0xFF00 && c->Usage == 1 && c->CollectionNumber == 1, "usage\n");
    ok(c->InputLength == 0 && c->OutputLength == 0 && c->FeatureLength == 4, "lengths %u %u %u\n",
       c->InputLength, c->OutputLength, c->FeatureLength);
    ok(c->PreparsedDataLength > 0, "preparsed data length\n");
    ok(dd.ReportIDsLength == 2, "report IDs %lu\n", (unsigned long)dd.ReportIDsLength);
    ok(dd.ReportIDs[0].ReportID == 1 && dd.ReportIDs[0].FeatureLength == 3 &&
           dd.ReportIDs[0].CollectionNumber == 1,
       "report 1: %u\n", dd.ReportIDs[0].FeatureLength);
    ok(dd.ReportIDs[1].ReportID == 2 && dd.ReportIDs[1].FeatureLength == 4, "report 2\n");
    HidP_FreeCollectionDescription(&dd);
    ok(dd.CollectionDesc == NULL && dd.ReportIDs == NULL, "freed\n");
}

TEST(collection_description_errors)
{
    HIDP_DEVICE_DESC dd;
    UCHAR no_collection[] = {0x05, 0x01, 0x09, 0x02, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02};
    UCHAR id_zero[] = {0x05, 0x01, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x00, 0xC0};
    UCHAR pop[] = {0x05, 0x01, 0x09, 0x02, 0xA1, 0x01, 0xB4, 0xC0};
    ok_status(HidP_GetCollectionDescription(keyboard, sizeof(keyboard) - 2, NonPagedPoolNx, &dd),
              STATUS_BUFFER_TOO_SMALL);
    ok_status(
        HidP_GetCollectionDescription(no_collection, sizeof(no_collection), NonPagedPoolNx, &dd),
        STATUS_NO_DATA_DETECTED);
    ok_status(HidP_GetCollectionDescription(id_zero, sizeof(id_zero), NonPagedPoolNx, &dd),
              HIDP_STATUS_INVALID_REPORT_TYPE);
    ok_status(HidP_GetCollectionDescription(pop, sizeof(pop), NonPagedPoolNx, &dd),
              STATUS_COULD_NOT_INTERPRET);
    UCHAR wide[] = {0x05, 0x01, 0x09, 0x02, 0xA1, 0x01, 0x09, 0x30,
                    0x75, 0x21, 0x95, 0x01, 0x81, 0x02, 0xC0}; /* a 33-bit field */
    ok_status(HidP_GetCollectionDescription(wide, sizeof(wide), NonPagedPoolNx, &dd),
              STATUS_COULD_NOT_INTERPRET);
    UCHAR end[] = {0x05, 0x01, 0x09, 0x02, 0xA1, 0x01, 0xC0, 0xC0}; /* End Collection twice */
    ok_status(HidP_GetCollectionDescription(end, sizeof(end), NonPagedPoolNx, &dd),
              STATUS_COULD_NOT_INTERPRET);
    UCHAR open_end[] = {0x05, 0x01, 0xC0};
    ok_status(HidP_GetCollectionDescription(open_end, sizeof(open_end), NonPagedPoolNx, &dd),
              STATUS_COULD_NOT_INTERPRET);
}

TEST(keyboard_caps)
{
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(keyboard, sizeof(keyboard), &dd);
    HIDP_CAPS caps;
    HIDP_BUTTON_CAPS b[4];
    HIDP_VALUE_CAPS v[2];
    USHORT n = 4;
    ok_status(HidP_GetCaps(p, &caps), HIDP_STATUS_SUCCESS);
    ok(caps.UsagePage == 1 && caps.Usage == 6, "usage %#x %#x\n", caps.UsagePage, caps.Usage);
    ok(caps.InputReportByteLength == 9 && caps.OutputReportByteLength == 2 &&
           caps.FeatureReportByteLength == 0,
       "lengths %u %u %u\n", caps.InputReportByteLength, caps.OutputReportByteLength,
       caps.FeatureReportByteLength);
    ok(caps.NumberLinkCollectionNodes == 1, "nodes\n");
    ok(caps.NumberInputButtonCaps == 2 && caps.NumberInputValueCaps == 0 &&
           caps.NumberInputDataIndices == 110,
       "input %u %u %u\n", caps.NumberInputButtonCaps, caps.NumberInputValueCaps,
       caps.NumberInputDataIndices);
    ok(caps.NumberOutputButtonCaps == 1 && caps.NumberOutputDataIndices == 5 &&
           caps.NumberFeatureButtonCaps == 0 && caps.NumberFeatureDataIndices == 0,
       "output, feature\n");
    ok_status(HidP_GetButtonCaps(HidP_Input, b, &n, p), HIDP_STATUS_SUCCESS);
    ok(n == 2, "two input button caps: %u\n", n);
    ok(b[0].UsagePage == 7 && b[0].IsRange && b[0].Range.UsageMin == 0xE0 &&
           b[0].Range.UsageMax == 0xE7 && b[0].Range.DataIndexMin == 0 &&
           b[0].Range.DataIndexMax == 7 && b[0].BitField == 2 && b[0].IsAbsolute &&
           b[0].ReportID == 0 && b[0].LinkCollection == 0 && b[0].LinkUsage == 6 &&
           b[0].LinkUsagePage == 1 && b[0].ReportCount == 8,
       "modifiers\n");
    ok(b[1].UsagePage == 7 && b[1].IsRange && b[1].Range.UsageMin == 0 &&
           b[1].Range.UsageMax == 0x65 && b[1].Range.DataIndexMin == 8 &&
           b[1].Range.DataIndexMax == 109 && b[1].BitField == 0 && b[1].ReportCount == 6,
       "keys: %u..%u\n", b[1].Range.DataIndexMin, b[1].Range.DataIndexMax);
    n = 1;
    ok_status(HidP_GetButtonCaps(HidP_Input, b, &n, p), HIDP_STATUS_BUFFER_TOO_SMALL);
    ok(n == 1 && b[0].Range.UsageMin == 0xE0, "one returned\n");
    n = 4;
    ok_status(HidP_GetSpecificButtonCaps(HidP_Output, 8, 0, 3, b, &n, p), HIDP_STATUS_SUCCESS);
    ok(n == 1 && b[0].Range.UsageMin == 1 && b[0].Range.UsageMax == 5, "LEDs\n");
    n = 4;
    ok_status(HidP_GetSpecificButtonCaps(HidP_Output, 8, 0, 6, b, &n, p),
              HIDP_STATUS_USAGE_NOT_FOUND);
    ok(n == 0, "none\n");
    n = 2;
    ok_status(HidP_GetValueCaps(HidP_Input, v, &n, p), HIDP_STATUS_USAGE_NOT_FOUND);
    n = 4;
    ok_status(HidP_GetButtonCaps((HIDP_REPORT_TYPE)3, b, &n, p), HIDP_STATUS_INVALID_REPORT_TYPE);
    ok(HidP_MaxUsageListLength(HidP_Input, 0, p) == 14, "input max %lu\n",
       (unsigned long)HidP_MaxUsageListLength(HidP_Input, 0, p));
    ok(HidP_MaxUsageListLength(HidP_Input, 7, p) == 14, "page 7\n");
    ok(HidP_MaxUsageListLength(HidP_Input, 8, p) == 0, "page 8 in input\n");
    ok(HidP_MaxUsageListLength(HidP_Output, 8, p) == 5, "LEDs\n");
    ok(HidP_MaxUsageListLength((HIDP_REPORT_TYPE)3, 0, p) == 0, "bad type\n");
    ok(HidP_MaxDataListLength(HidP_Input, p) == 110 && HidP_MaxDataListLength(HidP_Output, p) == 5,
       "data list\n");
    HidP_FreeCollectionDescription(&dd);
}

TEST(keyboard_usages)
{
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(keyboard, sizeof(keyboard), &dd);
    CHAR in[9] = {0, 0x02, 0, 0x04, 0x05, 0, 0, 0, 0};
    USAGE list[16];
    USAGE_AND_PAGE ex[4];
    ULONG n = 16;
    ok_status(HidP_GetUsages(HidP_Input, 7, 0, list, &n, p, in, 9), HIDP_STATUS_SUCCESS);
    ok(n == 3 && list[0] == 0xE1 && list[1] == 4 && list[2] == 5, "usages %lu: %#x %#x %#x\n",
       (unsigned long)n, list[0], list[1], list[2]);
    n = 2;
    ok_status(HidP_GetUsages(HidP_Input, 7, 0, list, &n, p, in, 9), HIDP_STATUS_BUFFER_TOO_SMALL);
    ok(n == 3, "needed %lu\n", (unsigned long)n);
    n = 4;
    ok_status(HidP_GetUsagesEx(HidP_Input, 0, ex, &n, p, in, 9), HIDP_STATUS_SUCCESS);
    ok(n == 3 && ex[0].Usage == 0xE1 && ex[0].UsagePage == 7 && ex[2].Usage == 5 &&
           ex[2].UsagePage == 7,
       "Ex\n");
    n = 16;
    ok_status(HidP_GetUsages(HidP_Input, 8, 0, list, &n, p, in, 9), HIDP_STATUS_USAGE_NOT_FOUND);
    ok_status(HidP_GetUsages(HidP_Input, 7, 0, list, &n, p, in, 8),
              HIDP_STATUS_INVALID_REPORT_LENGTH);
    ok_status(HidP_GetUsages((HIDP_REPORT_TYPE)3, 7, 0, list, &n, p, in, 9),
              HIDP_STATUS_INVALID_REPORT_TYPE);
    /* setting keys fills the array's free fields, a seventh does not fit */
    USAGE keys[7] = {0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A};
    memset(in, 0, sizeof(in));
    n = 2;
    ok_status(HidP_SetUsages(HidP_Input, 7, 0, keys, &n, p, in, 9), HIDP_STATUS_SUCCESS);
    ok(in[3] == 0x04 && in[4] == 0x05 && in[5] == 0, "array fields %#x %#x\n", in[3], in[4]);
    n = 7;
    ok_status(HidP_SetUsages(HidP_Input, 7, 0, keys, &n, p, in, 9), HIDP_STATUS_BUFFER_TOO_SMALL);
    ok(n == 6 && in[8] == 0x09, "failed at %lu\n", (unsigned long)n);
    n = 1;
    ok_status(HidP_UnsetUsages(HidP_Input, 7, 0, &keys[1], &n, p, in, 9), HIDP_STATUS_SUCCESS);
    ok(in[4] == 0, "key 5 released\n");
    ok_status(HidP_UnsetUsages(HidP_Input, 7, 0, &keys[1], &n, p, in, 9),
              HIDP_STATUS_BUTTON_NOT_PRESSED);
    ok(n == 0, "index %lu\n", (unsigned long)n);
    HidP_FreeCollectionDescription(&dd);
}

TEST(keyboard_leds)
{
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(keyboard, sizeof(keyboard), &dd);
    CHAR out[2] = {0, 0};
    USAGE leds[3] = {1, 3, 0x20};
    ULONG n = 2;
    ok_status(HidP_SetUsages(HidP_Output, 8, 0, leds, &n, p, out, 2), HIDP_STATUS_SUCCESS);
    ok(out[1] == 0x05, "LEDs %#x\n", out[1]);
    n = 1;
    ok_status(HidP_UnsetUsages(HidP_Output, 8, 0, &leds[1], &n, p, out, 2), HIDP_STATUS_SUCCESS);
    ok(out[1] == 0x01, "LED 3 off %#x\n", out[1]);
    ok_status(HidP_UnsetUsages(HidP_Output, 8, 0, &leds[1], &n, p, out, 2),
              HIDP_STATUS_BUTTON_NOT_PRESSED);
    n = 3;
    ok_status(HidP_SetUsages(HidP_Output, 8, 0, leds, &n, p, out, 2), HIDP_STATUS_USAGE_NOT_FOUND);
    ok(n == 2, "failing index %lu\n", (unsigned long)n);
    n = 1;
    ok_status(HidP_SetUsages(HidP_Output, 7, 0, leds, &n, p, out, 2), HIDP_STATUS_USAGE_NOT_FOUND);
    ok_status(HidP_SetUsages(HidP_Output, 8, 0, leds, &n, p, out, 3),
              HIDP_STATUS_INVALID_REPORT_LENGTH);
    HidP_FreeCollectionDescription(&dd);
}

TEST(mouse)
{
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(mouse, sizeof(mouse), &dd);
    HIDP_CAPS caps;
    HIDP_VALUE_CAPS v[4];
    HIDP_BUTTON_CAPS b[2];
    HIDP_LINK_COLLECTION_NODE nodes[3];
    USHORT n = 4;
    ULONG ln = 3, value = 0;
    LONG scaled = 0;
    CHAR in[5] = {0, 0x05, 0x10, (CHAR)0xF0, (CHAR)0xFF};
    USAGE list[4];
    ok_status(HidP_GetCaps(p, &caps), HIDP_STATUS_SUCCESS);
    ok(caps.UsagePage == 1 && caps.Usage == 2 && caps.InputReportByteLength == 5 &&
           caps.NumberLinkCollectionNodes == 2 && caps.NumberInputButtonCaps == 1 &&
           caps.NumberInputValueCaps == 3 && caps.NumberInputDataIndices == 6,
       "caps\n");
    ok_status(HidP_GetLinkCollectionNodes(nodes, &ln, p), HIDP_STATUS_SUCCESS);
    ok(ln == 2 && nodes[0].LinkUsage == 2 && nodes[0].LinkUsagePage == 1 &&
           nodes[0].CollectionType == 1 && nodes[0].NumberOfChildren == 1 &&
           nodes[0].FirstChild == 1,
       "node 0\n");
    ok(nodes[1].LinkUsage == 1 && nodes[1].Parent == 0 && nodes[1].CollectionType == 0 &&
           nodes[1].NumberOfChildren == 0 && nodes[1].NextSibling == 0,
       "node 1\n");
    ln = 1;
    ok_status(HidP_GetLinkCollectionNodes(nodes, &ln, p), HIDP_STATUS_BUFFER_TOO_SMALL);
    ok(ln == 2, "needed %lu\n", (unsigned long)ln);
    ok_status(HidP_GetValueCaps(HidP_Input, v, &n, p), HIDP_STATUS_SUCCESS);
    ok(n == 3 && v[0].NotRange.Usage == 0x30 && v[1].NotRange.Usage == 0x31 &&
           v[2].NotRange.Usage == 0x38,
       "values\n");
    ok(!v[1].IsRange && !v[1].IsAbsolute && v[1].BitSize == 8 && v[1].ReportCount == 1 &&
           v[1].LogicalMin == -127 && v[1].LogicalMax == 127 && v[1].NotRange.DataIndex == 4 &&
           v[1].LinkCollection == 1 && v[1].LinkUsage == 1 && v[1].UsagePage == 1 && !v[1].HasNull,
       "Y: %ld..%ld index %u\n", (long)v[1].LogicalMin, (long)v[1].LogicalMax,
       v[1].NotRange.DataIndex);
    n = 2;
    ok_status(HidP_GetValueCaps(HidP_Input, v, &n, p), HIDP_STATUS_BUFFER_TOO_SMALL);
    n = 4;
    ok_status(HidP_GetSpecificValueCaps(HidP_Input, 1, 1, 0x38, v, &n, p), HIDP_STATUS_SUCCESS);
    ok(n == 1 && v[0].NotRange.Usage == 0x38 && v[0].NotRange.DataIndex == 5, "wheel\n");
    n = 2;
    ok_status(HidP_GetSpecificButtonCaps(HidP_Input, 9, 0, 0, b, &n, p), HIDP_STATUS_SUCCESS);
    ok(n == 1 && b[0].Range.UsageMin == 1 && b[0].Range.UsageMax == 3 && b[0].LinkCollection == 1 &&
           b[0].Range.DataIndexMin == 0,
       "buttons\n");
    ln = 4;
    ok_status(HidP_GetUsages(HidP_Input, 9, 0, list, &ln, p, in, 5), HIDP_STATUS_SUCCESS);
    ok(ln == 2 && list[0] == 1 && list[1] == 3, "buttons 1 and 3\n");
    ln = 4;
    ok_status(HidP_GetUsages(HidP_Input, 9, 1, list, &ln, p, in, 5), HIDP_STATUS_SUCCESS);
    ok(ln == 2, "in link collection 1\n");
    ok_status(HidP_GetUsageValue(HidP_Input, 1, 0, 0x30, &value, p, in, 5), HIDP_STATUS_SUCCESS);
    ok(value == 0x10, "X %#lx\n", (unsigned long)value);
    ok_status(HidP_GetUsageValue(HidP_Input, 1, 0, 0x31, &value, p, in, 5), HIDP_STATUS_SUCCESS);
    ok(value == 0xF0, "raw Y %#lx\n", (unsigned long)value);
    ok_status(HidP_GetScaledUsageValue(HidP_Input, 1, 0, 0x31, &scaled, p, in, 5),
              HIDP_STATUS_SUCCESS);
    ok(scaled == -16, "Y %ld\n", (long)scaled);
    ok_status(HidP_GetScaledUsageValue(HidP_Input, 1, 1, 0x38, &scaled, p, in, 5),
              HIDP_STATUS_SUCCESS);
    ok(scaled == -1, "wheel %ld\n", (long)scaled);
    in[2] = (CHAR)0x80; /* -128: below the logical minimum, no null state */
    ok_status(HidP_GetScaledUsageValue(HidP_Input, 1, 0, 0x30, &scaled, p, in, 5),
              HIDP_STATUS_VALUE_OUT_OF_RANGE);
    ok_status(HidP_GetUsageValue(HidP_Input, 1, 2, 0x30, &value, p, in, 5),
              HIDP_STATUS_USAGE_NOT_FOUND);
    ok_status(HidP_GetUsageValue(HidP_Input, 1, 0, 0x32, &value, p, in, 5),
              HIDP_STATUS_USAGE_NOT_FOUND);
    ok_status(HidP_GetUsageValue(HidP_Input, 9, 0, 1, &value, p, in, 5),
              HIDP_STATUS_USAGE_NOT_FOUND);
    ok_status(HidP_SetUsageValue(HidP_Input, 1, 0, 0x38, 0x7F, p, in, 5), HIDP_STATUS_SUCCESS);
    ok(in[4] == 0x7F && in[3] == (CHAR)0xF0, "wheel set\n");
    ok_status(HidP_GetUsageValue(HidP_Output, 1, 0, 0x30, &value, p, in, 0),
              HIDP_STATUS_INVALID_REPORT_LENGTH);
    HidP_FreeCollectionDescription(&dd);
}

TEST(vendor_feature_reports)
{
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(vendor, sizeof(vendor), &dd);
    HIDP_CAPS caps;
    HIDP_VALUE_CAPS v[4];
    CHAR r[4];
    ULONG value = 0, n;
    LONG scaled = 0;
    USHORT vn = 4;
    USAGE set[2] = {0x11, 0x13};
    ok_status(HidP_GetCaps(p, &caps), HIDP_STATUS_SUCCESS);
    ok(caps.FeatureReportByteLength == 4 && caps.NumberFeatureButtonCaps == 1 &&
           caps.NumberFeatureValueCaps == 3 && caps.NumberFeatureDataIndices == 7,
       "caps %u %u %u\n", caps.NumberFeatureButtonCaps, caps.NumberFeatureValueCaps,
       caps.NumberFeatureDataIndices);
    ok(HidP_MaxDataListLength(HidP_Feature, p) == 7, "data list\n");
    ok_status(HidP_GetValueCaps(HidP_Feature, v, &vn, p), HIDP_STATUS_SUCCESS);
    ok(vn == 3 && v[0].ReportID == 1 && v[0].PhysicalMin == 0 && v[0].PhysicalMax == 1000 &&
           v[0].LogicalMax == 255 && v[1].ReportID == 1 && v[1].HasNull && v[1].BitField == 0x42 &&
           v[1].BitSize == 4 && v[2].ReportID == 2 && v[2].LogicalMax == 65535 &&
           v[2].BitSize == 16,
       "value caps\n");
    /* report 1: zeros, the null-state value at its null value (outside 0..10) */
    memset(r, 0x55, sizeof(r));
    ok_status(HidP_InitializeReportForID(HidP_Feature, 1, p, r, 4), HIDP_STATUS_SUCCESS);
    ok(r[0] == 1 && r[1] == 0 && r[2] == 0x0B && r[3] == 0, "initialized %02x %02x %02x %02x\n",
       (UCHAR)r[0], (UCHAR)r[1], (UCHAR)r[2], (UCHAR)r[3]);
    ok_status(HidP_GetScaledUsageValue(HidP_Feature, 0xFF00, 0, 6, &scaled, p, r, 4),
              HIDP_STATUS_NULL);
    ok_status(HidP_InitializeReportForID(HidP_Feature, 3, p, r, 4),
              HIDP_STATUS_REPORT_DOES_NOT_EXIST);
    ok_status(HidP_InitializeReportForID(HidP_Feature, 1, p, r, 3),
              HIDP_STATUS_INVALID_REPORT_LENGTH);
    ok_status(HidP_InitializeReportForID(HidP_Input, 1, p, r, 4),
              HIDP_STATUS_INVALID_REPORT_LENGTH);
    ok_status(HidP_InitializeReportForID((HIDP_REPORT_TYPE)7, 1, p, r, 4),
              HIDP_STATUS_INVALID_REPORT_TYPE);
    HidP_InitializeReportForID(HidP_Feature, 1, p, r, 4);
    ok_status(HidP_SetUsageValue(HidP_Feature, 0xFF00, 0, 2, 128, p, r, 4), HIDP_STATUS_SUCCESS);
    ok((UCHAR)r[1] == 128, "usage 2 set\n");
    ok_status(HidP_GetScaledUsageValue(HidP_Feature, 0xFF00, 0, 2, &scaled, p, r, 4),
              HIDP_STATUS_SUCCESS);
    ok(scaled == 501, "scaled %ld\n", (long)scaled); /* 128 * 1000 / 255 */
    ok_status(HidP_SetUsageValue(HidP_Feature, 0xFF00, 0, 6, 7, p, r, 4), HIDP_STATUS_SUCCESS);
    ok_status(HidP_GetScaledUsageValue(HidP_Feature, 0xFF00, 0, 6, &scaled, p, r, 4),
              HIDP_STATUS_SUCCESS);
    ok(scaled == 7 && r[2] == 0x07, "usage 6: %ld\n", (long)scaled);
    ok_status(HidP_GetUsageValue(HidP_Feature, 0xFF00, 0, 3, &value, p, r, 4),
              HIDP_STATUS_INCOMPATIBLE_REPORT_ID);
    n = 2;
    ok_status(HidP_SetUsages(HidP_Feature, 0xFF00, 0, set, &n, p, r, 4),
              HIDP_STATUS_INCOMPATIBLE_REPORT_ID);
    ok(n == 0, "index %lu\n", (unsigned long)n);
    /* report 2: the 16-bit value, then buttons 10..13 */
    ok_status(HidP_InitializeReportForID(HidP_Feature, 2, p, r, 4), HIDP_STATUS_SUCCESS);
    ok_status(HidP_SetUsageValue(HidP_Feature, 0xFF00, 0, 3, 0xBEEF, p, r, 4), HIDP_STATUS_SUCCESS);
    n = 2;
    ok_status(HidP_SetUsages(HidP_Feature, 0xFF00, 0, set, &n, p, r, 4), HIDP_STATUS_SUCCESS);
    ok(r[0] == 2 && (UCHAR)r[1] == 0xEF && (UCHAR)r[2] == 0xBE && r[3] == 0x0A,
       "report 2: %02x %02x %02x %02x\n", (UCHAR)r[0], (UCHAR)r[1], (UCHAR)r[2], (UCHAR)r[3]);
    ok_status(HidP_GetUsageValue(HidP_Feature, 0xFF00, 0, 3, &value, p, r, 4), HIDP_STATUS_SUCCESS);
    ok(value == 0xBEEF, "value %#lx\n", (unsigned long)value);
    USAGE list[4];
    n = 4;
    ok_status(HidP_GetUsages(HidP_Feature, 0xFF00, 0, list, &n, p, r, 4), HIDP_STATUS_SUCCESS);
    ok(n == 2 && list[0] == 0x11 && list[1] == 0x13, "buttons\n");
    ok_status(HidP_GetUsageValue(HidP_Feature, 0xFF00, 0, 2, &value, p, r, 4),
              HIDP_STATUS_INCOMPATIBLE_REPORT_ID);
    r[0] = 1;
    n = 4;
    ok_status(HidP_GetUsages(HidP_Feature, 0xFF00, 0, list, &n, p, r, 4),
              HIDP_STATUS_INCOMPATIBLE_REPORT_ID);
    HidP_FreeCollectionDescription(&dd);
}

TEST(value_array)
{
    /* one usage over four 8-bit fields: a usage value array; then two usages over three fields:
     * the last usage takes the fields left (HID 1.11, 6.2.2.8) */
    UCHAR desc[] = {0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01, 0x09, 0x05, 0x15,
                    0x00, 0x26, 0xFF, 0x00, 0x75, 0x08, 0x95, 0x04, 0x81, 0x02,
                    0x09, 0x07, 0x09, 0x08, 0x95, 0x03, 0x81, 0x02, 0xC0};
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(desc, sizeof(desc), &dd);
    HIDP_VALUE_CAPS v[4];
    USHORT n = 4;
    ULONG value = 0;
    CHAR in[8] = {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};
    ok_status(HidP_GetValueCaps(HidP_Input, v, &n, p), HIDP_STATUS_SUCCESS);
    ok(n == 3 && v[0].NotRange.Usage == 5 && v[0].ReportCount == 4 && v[1].NotRange.Usage == 7 &&
           v[1].ReportCount == 1 && v[2].NotRange.Usage == 8 && v[2].ReportCount == 2,
       "caps %u: %u %u\n", n, v[0].ReportCount, v[2].ReportCount);
    ok(v[1].NotRange.DataIndex == 1 && v[2].NotRange.DataIndex == 2, "data indices\n");
    ok_status(HidP_GetUsageValue(HidP_Input, 0xFF00, 0, 5, &value, p, in, 8), HIDP_STATUS_SUCCESS);
    ok(value == 0x11, "first of the array %#lx\n", (unsigned long)value);
    ok_status(HidP_GetUsageValue(HidP_Input, 0xFF00, 0, 7, &value, p, in, 8), HIDP_STATUS_SUCCESS);
    ok(value == 0x55, "usage 7 %#lx\n", (unsigned long)value);
    ok_status(HidP_GetUsageValue(HidP_Input, 0xFF00, 0, 8, &value, p, in, 8), HIDP_STATUS_SUCCESS);
    ok(value == 0x66, "usage 8 %#lx\n", (unsigned long)value);
    HidP_FreeCollectionDescription(&dd);
    /* a physical range whose maximum is below its minimum: the value cannot be scaled */
    UCHAR bad_phys[] = {0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01, 0x09, 0x05, 0x15, 0x00, 0x25,
                        0x10, 0x35, 0x10, 0x45, 0x01, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02, 0xC0};
    LONG scaled = 0;
    p = parse(bad_phys, sizeof(bad_phys), &dd);
    in[1] = 5;
    ok_status(HidP_GetScaledUsageValue(HidP_Input, 0xFF00, 0, 5, &scaled, p, in, 2),
              HIDP_STATUS_BAD_LOG_PHY_VALUES);
    ok_status(HidP_GetUsageValue(HidP_Input, 0xFF00, 0, 5, &value, p, in, 2), HIDP_STATUS_SUCCESS);
    ok(value == 5, "raw value still readable\n");
    HidP_FreeCollectionDescription(&dd);
}

TEST(array_of_single_usages)
{
    /* a consumer control: an array over three listed usages, the third an extended usage of the
     * Generic Desktop page (System Power Down); logical 1..3, 0 meaning none */
    UCHAR desc[] = {0x05, 0x0C, 0x09, 0x01, 0xA1, 0x01, 0x09, 0xE9, 0x09, 0xEA,
                    0x0B, 0x81, 0x00, 0x01, 0x00, 0x15, 0x01, 0x25, 0x03, 0x75,
                    0x02, 0x95, 0x01, 0x81, 0x00, 0x75, 0x06, 0x81, 0x01, 0xC0};
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(desc, sizeof(desc), &dd);
    HIDP_BUTTON_CAPS b[4];
    USHORT n = 4;
    USAGE list[4], down = 0x81;
    USAGE_AND_PAGE ex[2];
    ULONG ln = 4;
    CHAR in[2] = {0, 2};
    ok_status(HidP_GetButtonCaps(HidP_Input, b, &n, p), HIDP_STATUS_SUCCESS);
    ok(n == 3 && !b[0].IsRange && b[0].UsagePage == 0x0C && b[0].NotRange.Usage == 0xE9 &&
           b[1].NotRange.Usage == 0xEA && b[2].UsagePage == 1 && b[2].NotRange.Usage == 0x81 &&
           b[2].NotRange.DataIndex == 2 && b[0].ReportCount == 1,
       "caps\n");
    ok(HidP_MaxUsageListLength(HidP_Input, 0, p) == 1, "one field\n");
    ok_status(HidP_GetUsages(HidP_Input, 0x0C, 0, list, &ln, p, in, 2), HIDP_STATUS_SUCCESS);
    ok(ln == 1 && list[0] == 0xEA, "value 2: %#x\n", list[0]);
    in[1] = 3;
    ln = 2;
    ok_status(HidP_GetUsagesEx(HidP_Input, 0, ex, &ln, p, in, 2), HIDP_STATUS_SUCCESS);
    ok(ln == 1 && ex[0].Usage == 0x81 && ex[0].UsagePage == 1, "value 3\n");
    in[1] = 0;
    ln = 4;
    ok_status(HidP_GetUsages(HidP_Input, 0x0C, 0, list, &ln, p, in, 2), HIDP_STATUS_SUCCESS);
    ok(ln == 0, "none\n");
    ln = 1;
    ok_status(HidP_SetUsages(HidP_Input, 1, 0, &down, &ln, p, in, 2), HIDP_STATUS_SUCCESS);
    ok(in[1] == 3, "set %d\n", in[1]);
    HidP_FreeCollectionDescription(&dd);
}

TEST(second_top_level_collection)
{
    /* two application collections: the preparsed data describes the first; the report lengths
     * cover both, as the class driver serves them as one collection (docs/hid.md) */
    UCHAR desc[] = {0x05, 0x01, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x01, 0x09, 0x30,
                    0x75, 0x08, 0x95, 0x01, 0x81, 0x02, 0xC0, 0x09, 0x06, 0xA1,
                    0x01, 0x85, 0x02, 0x09, 0x31, 0x95, 0x02, 0x81, 0x02, 0xC0};
    HIDP_DEVICE_DESC dd;
    PHIDP_PREPARSED_DATA p = parse(desc, sizeof(desc), &dd);
    HIDP_CAPS caps;
    ok_status(HidP_GetCaps(p, &caps), HIDP_STATUS_SUCCESS);
    ok(caps.Usage == 2 && caps.NumberInputValueCaps == 1 && caps.NumberLinkCollectionNodes == 1 &&
           caps.InputReportByteLength == 3,
       "caps: usage %#x, %u values, length %u\n", caps.Usage, caps.NumberInputValueCaps,
       caps.InputReportByteLength);
    ok(dd.CollectionDescLength == 1 && dd.ReportIDsLength == 2, "one collection, two IDs\n");
    HidP_FreeCollectionDescription(&dd);
}

TEST(invalid_preparsed_data)
{
    ULONG junk[64] = {0};
    PHIDP_PREPARSED_DATA bad = (PHIDP_PREPARSED_DATA)junk;
    HIDP_CAPS caps;
    HIDP_BUTTON_CAPS b;
    HIDP_LINK_COLLECTION_NODE node;
    USHORT n = 1;
    ULONG ln = 1, value;
    CHAR r[8] = {0};
    ok_status(HidP_GetCaps(bad, &caps), HIDP_STATUS_INVALID_PREPARSED_DATA);
    ok_status(HidP_GetCaps(NULL, &caps), HIDP_STATUS_INVALID_PREPARSED_DATA);
    ok_status(HidP_GetButtonCaps(HidP_Input, &b, &n, bad), HIDP_STATUS_INVALID_PREPARSED_DATA);
    ok_status(HidP_GetLinkCollectionNodes(&node, &ln, bad), HIDP_STATUS_INVALID_PREPARSED_DATA);
    ok_status(HidP_GetUsageValue(HidP_Input, 1, 0, 0x30, &value, bad, r, 8),
              HIDP_STATUS_INVALID_PREPARSED_DATA);
    ok_status(HidP_InitializeReportForID(HidP_Input, 0, bad, r, 8),
              HIDP_STATUS_INVALID_PREPARSED_DATA);
    ok(HidP_MaxUsageListLength(HidP_Input, 0, bad) == 0, "max usage list\n");
    ok(HidP_MaxDataListLength(HidP_Input, bad) == 0, "max data list\n");
}
