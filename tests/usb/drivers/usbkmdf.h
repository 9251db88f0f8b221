/* usbkmdf.h - the control codes of the KMDF USB test driver (drivers/usbkmdf.c). */
#define USBKMDF_CTL(n)            CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_USBKMDF_LOG         USBKMDF_CTL(0)  /* out: the log text */
#define IOCTL_USBKMDF_VENDOR_IN   USBKMDF_CTL(1)  /* in: request; out: its data */
#define IOCTL_USBKMDF_VENDOR_OUT  USBKMDF_CTL(2)  /* in: request, data */
#define IOCTL_USBKMDF_WAIT_SWITCH USBKMDF_CTL(3)  /* out: 1 byte from the continuous reader */
#define IOCTL_USBKMDF_ABORT       USBKMDF_CTL(4)  /* in: endpoint address */
#define IOCTL_USBKMDF_RESET       USBKMDF_CTL(5)  /* in: endpoint address */
#define IOCTL_USBKMDF_WRITE_SYNC  USBKMDF_CTL(6)  /* in: data to bulk OUT, synchronously */
#define IOCTL_USBKMDF_READ_SYNC   USBKMDF_CTL(7)  /* out: a 512-byte synchronous bulk read */
#define IOCTL_USBKMDF_STRING      USBKMDF_CTL(8)  /* in: index; out: the string (UTF-16) */
#define IOCTL_USBKMDF_PORT        USBKMDF_CTL(9)  /* frame number, connected, reset, cycle */
#define IOCTL_USBKMDF_SELECT_ALT  USBKMDF_CTL(10) /* in: setting index; out: pipes, index */
#define IOCTL_USBKMDF_MISUSE      USBKMDF_CTL(11) /* a WDFUSBPIPE call on the USB device */
#define IOCTL_USBKMDF_MORE        USBKMDF_CTL(12) /* URBs, formatted pipe and control requests */
#define IOCTL_USBKMDF_TARGETS     USBKMDF_CTL(13) /* out: pipe states, device stopped/started */
