/* usbwdm.h - the control codes of the WDM USB test driver (drivers/usbwdm.c). */
#define USBWDM_CTL(n)            CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_USBWDM_DESCRIPTOR  USBWDM_CTL(0)  /* in: type, index, langid (2); out: the bytes */
#define IOCTL_USBWDM_PIPES       USBWDM_CTL(1)  /* out: per pipe address, type, max packet (2) */
#define IOCTL_USBWDM_VENDOR      USBWDM_CTL(2)  /* in: dir, request, value (2), index (2), data */
#define IOCTL_USBWDM_CONTROL     USBWDM_CTL(3)  /* in: setup packet (8), OUT data; out: IN data */
#define IOCTL_USBWDM_ABORT       USBWDM_CTL(4)  /* in: endpoint address */
#define IOCTL_USBWDM_RESET       USBWDM_CTL(5)  /* in: endpoint address */
#define IOCTL_USBWDM_FRAME       USBWDM_CTL(6)  /* out: 1 byte, 1 when two frame numbers rose */
#define IOCTL_USBWDM_PORT_STATUS USBWDM_CTL(7)  /* out: the port status (4) */
#define IOCTL_USBWDM_URB_STATUS  USBWDM_CTL(8)  /* out: the last URB's USBD status (4) */
#define IOCTL_USBWDM_BAD_PIPE    USBWDM_CTL(9)  /* a bulk transfer on a pipe handle never given */
#define IOCTL_USBWDM_ALT         USBWDM_CTL(10) /* in: interface, alternate setting */
#define IOCTL_USBWDM_READ_INT    USBWDM_CTL(11) /* out: an IN transfer on 0x81, buffer (no MDL) */
#define IOCTL_USBWDM_UNCONFIGURE USBWDM_CTL(12) /* select configuration NULL */
#define IOCTL_USBWDM_BAD_URB     USBWDM_CTL(13) /* in: URB function (2); a URB header only */
#define IOCTL_USBWDM_CYCLE       USBWDM_CTL(14) /* IOCTL_INTERNAL_USB_CYCLE_PORT */
#define IOCTL_USBWDM_USBD_LIB    USBWDM_CTL(15) /* the USBD library routines (printed) */
