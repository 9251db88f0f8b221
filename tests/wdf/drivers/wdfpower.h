/*
 * wdfpower.h - what the framework power policy test driver (wdfpower.c) and its tests share:
 * the device interface class and the device controls (its default queue, not power-managed,
 * takes them; reads go to a power-managed queue).
 */
#ifndef WDFPOWER_H
#define WDFPOWER_H

/* {5a0f7e21-3c4d-4b8e-a1f2-6d7c8e9f0a13} */
static const GUID GUID_WDFPOWER_INTERFACE = {
    0x5a0f7e21, 0x3c4d, 0x4b8e, {0xa1, 0xf2, 0x6d, 0x7c, 0x8e, 0x9f, 0x0a, 0x13}};

#define WPW_CTL(n) CTL_CODE(FILE_DEVICE_UNKNOWN, (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
/* the callback log since the last call (text, entries separated by one space), then cleared */
#define IOCTL_WPW_LOG WPW_CTL(0xC00)
/* input ULONG milliseconds: waits until the device left D0 (STATUS_SUCCESS) or the time is up
 * (STATUS_TIMEOUT) */
#define IOCTL_WPW_WAIT_DX WPW_CTL(0xC01)
/* the same, until the device is in D0 */
#define IOCTL_WPW_WAIT_D0 WPW_CTL(0xC02)
/* input ULONG: bit 0 WaitForD0, bits 8-15 the form (0 WdfDeviceStopIdle, 1
 * WdfDeviceStopIdleWithTag, 2 WdfDeviceStopIdleActual, 3 WdfDeviceStopIdleNoTrack); output ULONG:
 * its status */
#define IOCTL_WPW_STOP_IDLE WPW_CTL(0xC03)
/* input ULONG (optional): bits 8-15 the form of WdfDeviceResumeIdle, as for STOP_IDLE */
#define IOCTL_WPW_RESUME_IDLE WPW_CTL(0xC04)
/* input ULONG: WdfDeviceSetFailed with that WDF_DEVICE_FAILED_ACTION */
#define IOCTL_WPW_SET_FAILED WPW_CTL(0xC05)
/* input ULONG: WdfDeviceSetDeviceState with NotDisableable WdfTrue and Failed the input (a
 * WDF_TRI_STATE); output ULONG: 1 if WdfDeviceGetDeviceState gives the same back (with
 * Failed WdfTrue the request is completed first, without output) */
#define IOCTL_WPW_SET_STATE WPW_CTL(0xC06)
/* output ULONG: WdfDeviceGetDevicePnpState */
#define IOCTL_WPW_PNP_STATE WPW_CTL(0xC07)
/* the next EvtDeviceD0Entry fails (STATUS_DEVICE_NOT_READY) */
#define IOCTL_WPW_FAIL_D0ENTRY WPW_CTL(0xC08)
/* input ULONG: what EvtIoRead does with the next read: 0 completes it ("power"), 1 keeps it
 * (cancelable) and requeues it from EvtIoStop, 2 keeps it and keeps it from EvtIoStop (then
 * completes it "resumed" in EvtIoResume); a kept read is completed STATUS_CANCELLED when
 * EvtIoStop says Purge */
#define IOCTL_WPW_KEEP_READ WPW_CTL(0xC09)
/* output: the statuses of WdfDeviceAssignS0IdleSettings' and AssignSxWakeSettings' misuse
 * calls made in EvtDriverDeviceAdd (NTSTATUS[5], see wdfpower.c) */
#define IOCTL_WPW_ASSIGN_ERRORS WPW_CTL(0xC0A)
/* input NTSTATUS: WdfDeviceIndicateWakeStatus with it; output NTSTATUS: its status */
#define IOCTL_WPW_INDICATE_WAKE WPW_CTL(0xC0B)
/* output ULONG[3]: IRP_MN_QUERY_CAPABILITIES sent to the top of the device's stack: its status,
 * then DEVICE_CAPABILITIES.DeviceState[PowerSystemSleeping3] and DeviceWake */
#define IOCTL_WPW_CAPS WPW_CTL(0xC0C)

#endif
