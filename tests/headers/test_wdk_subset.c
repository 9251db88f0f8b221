/*
 * test_wdk_subset.c - what the plain-definition headers of session 10 compile into a driver:
 * acpiioct.h's argument macros (lengths never below one ULONG of data, strings counted with
 * their NUL, walking packed arguments and enumerated children), and the GUID values of
 * wmidata.h, usbdlib.h's USB capabilities and devpkey.h's property keys against their
 * registry-format strings.
 */
#include <wdm.h>
#include <initguid.h>
#include <wmidata.h>
#include <acpiioct.h>
#include <usbdlib.h>
#include <devpkey.h>
#include <xfilter.h>

#include "harness.h"

#include <string.h>

/* An output buffer holding three packed arguments: an integer, a string and a 6-byte buffer. */
static ULONG fill_output(UCHAR *storage, ULONG size)
{
    PACPI_EVAL_OUTPUT_BUFFER out = (PACPI_EVAL_OUTPUT_BUFFER)storage;
    static const UCHAR bytes[6] = {1, 2, 3, 4, 5, 6};
    PACPI_METHOD_ARGUMENT arg = out->Argument;
    memset(storage, 0xcc, size);
    out->Signature = ACPI_EVAL_OUTPUT_BUFFER_SIGNATURE;
    out->Count = 3;
    ACPI_METHOD_SET_ARGUMENT_INTEGER(arg, 0x1234);
    arg = ACPI_METHOD_NEXT_ARGUMENT(arg);
    ACPI_METHOD_SET_ARGUMENT_STRING(arg, "_HID");
    arg = ACPI_METHOD_NEXT_ARGUMENT(arg);
    ACPI_METHOD_SET_ARGUMENT_BUFFER(arg, bytes, sizeof(bytes));
    arg = ACPI_METHOD_NEXT_ARGUMENT(arg);
    out->Length = (ULONG)((UCHAR *)arg - storage);
    return out->Length;
}

TEST(acpi_argument_macros)
{
    ULONG words[32]; /* the output buffer: aligned, as a driver's pool block is */
    UCHAR *storage = (UCHAR *)words;
    ULONG length = fill_output(storage, sizeof(words));
    PACPI_EVAL_OUTPUT_BUFFER out = (PACPI_EVAL_OUTPUT_BUFFER)storage;
    PACPI_METHOD_ARGUMENT arg = ACPI_EVAL_OUTPUT_BUFFER_ARGUMENTS_BEGIN(out);
    /* 12-byte header; integer 4+4; string "_HID" 4+5; buffer 4+6. */
    ok(length == 12 + 8 + 9 + 10, "output length %lu\n", (unsigned long)length);
    ok(arg->Type == ACPI_METHOD_ARGUMENT_INTEGER && arg->DataLength == sizeof(ULONG) &&
           arg->Argument == 0x1234,
       "integer: type %u length %u value %#x\n", arg->Type, arg->DataLength, arg->Argument);
    arg = ACPI_METHOD_NEXT_ARGUMENT(arg);
    ok((UCHAR *)arg == storage + 20, "string at %d\n", (int)((UCHAR *)arg - storage));
    ok(arg->Type == ACPI_METHOD_ARGUMENT_STRING && arg->DataLength == 5 &&
           memcmp(arg->Data, "_HID", 5) == 0,
       "string: type %u length %u\n", arg->Type, arg->DataLength);
    arg = ACPI_METHOD_NEXT_ARGUMENT(arg);
    /* Data is a trailing array inside a union (UCHAR Data[ANYSIZE_ARRAY]): read through a
     * pointer, as a driver walks it, since clang's -Warray-bounds does not take an array in a
     * union for a trailing one and rejects the constant index 5. */
    const UCHAR *data = arg->Data;
    ok((UCHAR *)arg == storage + 29 && arg->Type == ACPI_METHOD_ARGUMENT_BUFFER &&
           arg->DataLength == 6 && data[5] == 6,
       "buffer at %d type %u length %u\n", (int)((UCHAR *)arg - storage), arg->Type,
       arg->DataLength);
    ok(ACPI_EVAL_OUTPUT_BUFFER_ARGUMENT_LENGTH(out) == length - 12, "argument bytes\n");
}

TEST(acpi_for_each_argument)
{
    ULONG words[32];
    UCHAR *storage = (UCHAR *)words;
    PACPI_EVAL_OUTPUT_BUFFER out = (PACPI_EVAL_OUTPUT_BUFFER)storage;
    USHORT types[4] = {0};
    int n = 0;
    fill_output(storage, sizeof(words));
    FOR_EACH_ACPI_METHOD_ARGUMENT(arg, ACPI_EVAL_OUTPUT_BUFFER_ARGUMENTS_BEGIN(out),
                                  ACPI_EVAL_OUTPUT_BUFFER_ARGUMENTS_END(out))
    {
        if (n < 4)
            types[n] = arg->Type;
        n++;
    }
    ok(n == 3 && types[0] == ACPI_METHOD_ARGUMENT_INTEGER &&
           types[1] == ACPI_METHOD_ARGUMENT_STRING && types[2] == ACPI_METHOD_ARGUMENT_BUFFER,
       "walked %d arguments\n", n);
}

TEST(acpi_enum_children_walk)
{
    /* Two children packed as the ACPI driver returns them: flags, name length, name. */
    ULONG words[16];
    UCHAR *storage = (UCHAR *)words;
    PACPI_ENUM_CHILDREN_OUTPUT_BUFFER out = (PACPI_ENUM_CHILDREN_OUTPUT_BUFFER)storage;
    PACPI_ENUM_CHILD child = out->Children;
    out->Signature = ACPI_ENUM_CHILDREN_OUTPUT_BUFFER_SIGNATURE;
    out->NumberOfChildren = 2;
    child->Flags = ACPI_OBJECT_HAS_CHILDREN;
    child->NameLength = sizeof("\\_SB.PCI0");
    memcpy(child->Name, "\\_SB.PCI0", child->NameLength);
    child = ACPI_ENUM_CHILD_NEXT(child);
    ok((UCHAR *)child == storage + 8 + 8 + 10, "second child at %d\n",
       (int)((UCHAR *)child - storage));
    child->Flags = 0;
    child->NameLength = sizeof("\\_SB.PCI0.USB0");
    memcpy(child->Name, "\\_SB.PCI0.USB0", child->NameLength);
    child = out->Children;
    child = ACPI_ENUM_CHILD_NEXT(child);
    ok(strcmp(child->Name, "\\_SB.PCI0.USB0") == 0 && child->Flags == 0, "second child %s\n",
       child->Name);
}

/* A GUID against its registry-format string. */
static int guid_is(const GUID *g, unsigned long d1, unsigned d2, unsigned d3, const UCHAR d4[8])
{
    return g->Data1 == d1 && g->Data2 == d2 && g->Data3 == d3 && memcmp(g->Data4, d4, 8) == 0;
}

TEST(wmidata_guids)
{
    /* {edb16a62-b16c-11d1-bd98-00a0c906be2d}, {78ebc102-4cf9-11d2-ba4a-00a0c9062910} */
    static const UCHAR serial[8] = {0xbd, 0x98, 0x00, 0xa0, 0xc9, 0x06, 0xbe, 0x2d};
    static const UCHAR predict[8] = {0xba, 0x4a, 0x00, 0xa0, 0xc9, 0x06, 0x29, 0x10};
    static const GUID comm_init = SERIAL_PORT_WMI_COMM_GUID;
    static const GUID event_init = WMI_STORAGE_PREDICT_FAILURE_EVENT_GUID;
    ok(guid_is(&MSSerial_CommInfo_GUID, 0xedb16a62, 0xb16c, 0x11d1, serial), "comm info\n");
    ok(guid_is(&MSSerial_HardwareConfiguration_GUID, 0x270b9b86, 0xb16d, 0x11d1, serial), "hw\n");
    ok(IsEqualGUID(&comm_init, &MSSerial_CommInfo_GUID), "initialiser macro = DEFINE_GUID\n");
    ok(guid_is(&MSStorageDriver_FailurePredictStatus_GUID, 0x78ebc102, 0x4cf9, 0x11d2, predict),
       "predict status\n");
    ok(IsEqualGUID(&event_init, &MSStorageDriver_FailurePredictEvent_GUID), "predict event\n");
}

TEST(usb_capability_guids)
{
    /* {8a2f776c-9bd0-4f29-9771-c7a38846d4c7}, {09051e1f-0dc9-4e6b-8b12-960cbd81aa8f} */
    static const UCHAR ss[8] = {0x97, 0x71, 0xc7, 0xa3, 0x88, 0x46, 0xd4, 0xc7};
    static const UCHAR streams[8] = {0x8b, 0x12, 0x96, 0x0c, 0xbd, 0x81, 0xaa, 0x8f};
    ok(guid_is(&GUID_USB_CAPABILITY_DEVICE_CONNECTION_SUPER_SPEED_COMPATIBLE, 0x8a2f776c, 0x9bd0,
               0x4f29, ss),
       "super speed\n");
    ok(guid_is(&GUID_USB_CAPABILITY_STATIC_STREAMS, 0x09051e1f, 0x0dc9, 0x4e6b, streams),
       "static streams\n");
}

TEST(devpkey_values)
{
    /* {a45c254e-df1c-4efd-8020-67d146a850e0},14 and {026e516e-b814-414b-83cd-856d6fef4822},6 */
    static const UCHAR device[8] = {0x80, 0x20, 0x67, 0xd1, 0x46, 0xa8, 0x50, 0xe0};
    static const UCHAR iface[8] = {0x83, 0xcd, 0x85, 0x6d, 0x6f, 0xef, 0x48, 0x22};
    ok(guid_is(&DEVPKEY_Device_FriendlyName.fmtid, 0xa45c254e, 0xdf1c, 0x4efd, device) &&
           DEVPKEY_Device_FriendlyName.pid == 14,
       "friendly name pid %lu\n", (unsigned long)DEVPKEY_Device_FriendlyName.pid);
    ok(guid_is(&DEVPKEY_DeviceInterface_Restricted.fmtid, 0x026e516e, 0xb814, 0x414b, iface) &&
           DEVPKEY_DeviceInterface_Restricted.pid == 6,
       "interface restricted\n");
    ok(DEVPKEY_Device_InstanceId.pid == 256 && DEVPKEY_NAME.pid == 10, "instance id, name\n");
}

TEST(xfilter_address_macros)
{
    UCHAR group[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};
    UCHAR unicast[6] = {0x00, 0x15, 0x5d, 0x01, 0x02, 0x03};
    UCHAR all[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    UCHAR almost[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xfe};
    UCHAR copy[6] = {0};
    ok(ETH_IS_MULTICAST(group) && !ETH_IS_MULTICAST(unicast), "multicast bit\n");
    ok(ETH_IS_BROADCAST(all) && !ETH_IS_BROADCAST(almost) && !ETH_IS_BROADCAST(group),
       "broadcast: all six octets\n");
    ETH_COPY_NETWORK_ADDRESS(copy, unicast);
    ok(memcmp(copy, unicast, sizeof(copy)) == 0, "copy\n");
}

TEST(ke_flush_io_buffers_is_nothing)
{
    /* The x64 form evaluates nothing: a null MDL is not touched. */
    KeFlushIoBuffers((PMDL)NULL, TRUE, TRUE);
    ok(1, "KeFlushIoBuffers compiled to nothing\n");
}
