/* vftest.h - control codes of the verifier test driver (vftest.c), shared with its tests. */
#ifndef VFTEST_H
#define VFTEST_H

#define VF_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_VF_LEAK_POOL         VF_CODE(0)  /* 40 bytes of 'kaeL' pool, never freed */
#define IOCTL_VF_LEAK_GUID_STRING  VF_CODE(1)  /* RtlStringFromGUID, never freed */
#define IOCTL_VF_LEAK_DEVICE       VF_CODE(2)  /* an unnamed device object, never deleted */
#define IOCTL_VF_FREED_GUID_STRING VF_CODE(3)  /* RtlStringFromGUID, then RtlFreeUnicodeString */
#define IOCTL_VF_RAISE_RETURN      VF_CODE(4)  /* returns at DISPATCH_LEVEL */
#define IOCTL_VF_RAISE_WORKITEM    VF_CODE(5)  /* an I/O work item returning at DISPATCH_LEVEL */
#define IOCTL_VF_RAISE_DPC         VF_CODE(6)  /* a DPC returning at HIGH_LEVEL */
#define IOCTL_VF_RAISE_THREAD      VF_CODE(7)  /* a system thread routine returning at DISPATCH */
#define IOCTL_VF_RECURSE           VF_CODE(8)  /* unbounded recursion in the dispatch routine */
#define IOCTL_VF_RECURSE_WORKITEM  VF_CODE(9)  /* ... in an I/O work item */
#define IOCTL_VF_RECURSE_THREAD    VF_CODE(10) /* ... in a system thread */
#define IOCTL_VF_RECURSE_DPC       VF_CODE(11) /* ... in a DPC routine */
#define IOCTL_VF_RAISE_IN_UNLOAD   VF_CODE(12) /* DriverUnload will return at DISPATCH_LEVEL */
#define IOCTL_VF_RECURSE_TRY       VF_CODE(13) /* unbounded recursion inside __try/__except */
#define IOCTL_VF_DEEP_RETURN       VF_CODE(14) /* bounded recursion (64 KiB): returns success */
#define IOCTL_VF_ZEROED_EVENT      VF_CODE(15) /* KeSetEvent on a KEVENT never initialised */

#endif
