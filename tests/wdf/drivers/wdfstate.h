/*
 * wdfstate.h - what the state machines' test driver (wdfstate.c) and its test (test_wdf_state.c)
 * share: the interface class and the device controls.
 */
#ifndef WDFSTATE_H
#define WDFSTATE_H

/* {3d8c41e7-95a2-4f06-b1c3-7e2a5d9f0b64} */
static const GUID GUID_WDFSTATE_INTERFACE = {
    0x3d8c41e7, 0x95a2, 0x4f06, {0xb1, 0xc3, 0x7e, 0x2a, 0x5d, 0x9f, 0x0b, 0x64}};

#define WST_CTL(f) CTL_CODE(FILE_DEVICE_UNKNOWN, (f), METHOD_BUFFERED, FILE_ANY_ACCESS)
/* any device: out ULONG, the device's number (the order of AddDevice since DriverEntry) */
#define IOCTL_WST_WHO WST_CTL(0xC00)
/* device 0 (the log keeper): the log since the last call (entries separated by one space) */
#define IOCTL_WST_LOG WST_CTL(0xC01)
/* device 0: in ULONG milliseconds; waits until a device's power policy state machine entered
 * WaitingUnarmed, idle (STATUS_SUCCESS), or the time is up (STATUS_TIMEOUT) */
#define IOCTL_WST_WAIT_IDLE WST_CTL(0xC02)
/* device 0: in ULONG, what the next device is (WST_MODE_*) */
#define IOCTL_WST_MODE WST_CTL(0xC03)
/* device 0: out NTSTATUS[WST_INVALID]: the registrations with invalid parameters a states
 * device made in its AddDevice, [7] a valid NP one, [8] the NP helpers' checks */
#define IOCTL_WST_INVALID WST_CTL(0xC04)
/* device 0: out ULONG 1 while a device holds a request of IOCTL_WST_HOLD */
#define IOCTL_WST_HELD WST_CTL(0xC05)
/* device 0: completes the held request with STATUS_SUCCESS */
#define IOCTL_WST_RELEASE WST_CTL(0xC06)
/* a states device: out ULONG[3], its PnP, power and power policy states (the getters); in
 * ULONG (optional) 1: its S0 idle settings disabled after that */
#define IOCTL_WST_STATES WST_CTL(0xC07)
/* a lock device: kept by the driver until IOCTL_WST_RELEASE (or EvtIoStop's purge) */
#define IOCTL_WST_HOLD WST_CTL(0xC08)

#define WST_MODE_STATES  0 /* state-change callbacks for several states, idles after 100 ms */
#define WST_MODE_LATE    1 /* registers a callback after WdfDeviceCreate (its DeviceInit NULL) */
#define WST_MODE_LOCK    2 /* WdfDeviceInitSetRemoveLockOptions(ACQUIRE_FOR_IO) */
#define WST_MODE_PLAIN   3 /* the same device without the option */
#define WST_MODE_NO_IDLE 4 /* a states device without idle settings */
#define WST_MODE_FAIL    5 /* a states device whose EvtDevicePrepareHardware fails */
#define WST_INVALID      9

#endif
