/* wdfw117.h - control codes and records of the framework test driver wdfw117.sys: WDM IRP
 * dispatch callbacks (WdfDeviceConfigureWdmIrpDispatchCallback, WdfDeviceWdmDispatchIrp), the
 * security of framework devices (SDDL), and KMDF 1.21+ routines (tests/wdf/test_wdf_w117.c). */
#ifndef WDFW117_H
#define WDFW117_H

#define WDFW117_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xD00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_W117_TO_SIDE WDFW117_CODE(0) /* dispatch callback: to the side queue */
#define IOCTL_W117_DEFAULT WDFW117_CODE(1) /* dispatch callback: WdfDeviceWdmDispatchIrp */
#define IOCTL_W117_SELF    WDFW117_CODE(2) /* dispatch callback: completes the IRP itself */
#define IOCTL_W117_BADCTX                                                                          \
    WDFW117_CODE(3) /* dispatch callback: WdfDeviceWdmDispatchIrp, NULL context */
#define IOCTL_W117_RECORD WDFW117_CODE(4) /* out: WDFW117_RECORD (not recorded itself) */
#define IOCTL_W117_CHECKS WDFW117_CODE(5) /* out: WDFW117_CHECKS (DriverEntry's checks) */
#define IOCTL_W117_PIDS   WDFW117_CODE(6) /* out: ULONG[2]: requestor, initiator process ids */

/* What the side queue, the default queue and the callback complete their requests with. */
#define WDFW117_INFO_SIDE    0x5151
#define WDFW117_INFO_DEFAULT 0xDEF
#define WDFW117_INFO_SELF    0x5E1F

typedef struct _WDFW117_RECORD {
    ULONG Dispatches;         /* EvtDeviceWdmIrpDispatch calls (IOCTL_W117_RECORD's not counted) */
    ULONG Preprocesses;       /* EvtDeviceWdmIrpPreprocess calls (same) */
    ULONG Major, Minor, Code; /* of the last dispatch */
    ULONG ContextOk;          /* DriverContext was the one registered */
    ULONG PreprocessFirst;    /* the last IRP was preprocessed before it was dispatched */
    ULONG Reads;              /* reads the default queue saw */
} WDFW117_RECORD;

/* Bits of DriverEntry's checks. */
#define WDFW117_CHECK_BAD_MAJOR    0x01 /* ConfigureWdmIrpDispatchCallback(IRP_MJ_CREATE) */
#define WDFW117_CHECK_CONFIGURED   0x02
#define WDFW117_CHECK_BAD_SDDL     0x04  /* WdfDeviceCreate with a malformed SDDL string */
#define WDFW117_CHECK_UNNAMED_SDDL 0x08  /* an unnamed device with an SDDL string */
#define WDFW117_CHECK_WORLD_DEVICE 0x10  /* the device WdfDeviceInitAssignSDDLString opened */
#define WDFW117_CHECK_IO_TYPE_INIT 0x20  /* WDF_IO_TYPE_CONFIG_INIT's defaults */
#define WDFW117_CHECK_IO_TYPE_EX   0x40  /* WdfDeviceInitSetIoTypeEx: direct I/O */
#define WDFW117_CHECK_CLASS_DEVICE 0x80  /* \Device\WdfW117Class created */
#define WDFW117_CHECK_PLAIN_DEVICE 0x100 /* \Device\WdfW117Plain: a queue, the callback alone */
#define WDFW117_CHECK_ALL          0x1FF

/* The class of \Device\WdfW117Class (WdfDeviceInitSetDeviceClass): its key is
 * \Registry\Machine\System\CurrentControlSet\Control\Class\{5EC0DE52-0117-4ABC-9A01-020304050607}.
 */
static const GUID WDFW117_CLASS = {
    0x5ec0de52, 0x0117, 0x4abc, {0x9a, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}};

typedef struct _WDFW117_CHECKS {
    ULONG Bits;
    ULONG FirstFailedLine;
} WDFW117_CHECKS;

#endif
