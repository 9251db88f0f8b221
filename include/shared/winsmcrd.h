/*
 * winsmcrd.h - the smart card reader interface shared by user and kernel mode: the reader's
 * device interface class, the IOCTL_SMARTCARD_* control codes (device type FILE_DEVICE_SMARTCARD,
 * METHOD_BUFFERED, FILE_ANY_ACCESS), protocols, power actions, reader and card states, reader
 * types and properties, attribute classes, and SCARD_IO_REQUEST. Names and values as documented
 * (the smart card reader driver guide and the WinSCard reference); pinned by tests/headers
 * (smc_layout.c).
 *
 * Not here (each a compile error naming it): the SCARD_ATTR_* attribute tags and the T=0/T=1
 * request structures (SCARD_T0_REQUEST, SCARD_T1_REQUEST).
 */
#ifndef _NTDDSCRD_H2_
#define _NTDDSCRD_H2_

#include <devioctl.h>
#include <guiddef.h>
#include <ntdef.h>

DEFINE_GUID(GUID_DEVINTERFACE_SMARTCARD_READER, 0x50DD5230L, 0xBA8A, 0x11D1, 0xBF, 0x5D, 0x00, 0x00,
            0xF8, 0x05, 0xF5, 0x30);

/* Protocols: a mask in SCARD_READER_CAPABILITIES.SupportedProtocols, one value when selected. */
#define SCARD_PROTOCOL_UNDEFINED 0x00000000
#define SCARD_PROTOCOL_T0        0x00000001
#define SCARD_PROTOCOL_T1        0x00000002
#define SCARD_PROTOCOL_RAW       0x00010000
#define SCARD_PROTOCOL_Tx        (SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
#define SCARD_PROTOCOL_DEFAULT   0x80000000
#define SCARD_PROTOCOL_OPTIMAL   0x00000000

/* IOCTL_SMARTCARD_POWER actions. */
#define SCARD_POWER_DOWN 0
#define SCARD_COLD_RESET 1
#define SCARD_WARM_RESET 2

#define SCARD_CTL_CODE(code)                                                                       \
    CTL_CODE(FILE_DEVICE_SMARTCARD, (code), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_SMARTCARD_POWER               SCARD_CTL_CODE(1)
#define IOCTL_SMARTCARD_GET_ATTRIBUTE       SCARD_CTL_CODE(2)
#define IOCTL_SMARTCARD_SET_ATTRIBUTE       SCARD_CTL_CODE(3)
#define IOCTL_SMARTCARD_CONFISCATE          SCARD_CTL_CODE(4)
#define IOCTL_SMARTCARD_TRANSMIT            SCARD_CTL_CODE(5)
#define IOCTL_SMARTCARD_EJECT               SCARD_CTL_CODE(6)
#define IOCTL_SMARTCARD_SWALLOW             SCARD_CTL_CODE(7)
#define IOCTL_SMARTCARD_IS_PRESENT          SCARD_CTL_CODE(10)
#define IOCTL_SMARTCARD_IS_ABSENT           SCARD_CTL_CODE(11)
#define IOCTL_SMARTCARD_SET_PROTOCOL        SCARD_CTL_CODE(12)
#define IOCTL_SMARTCARD_GET_STATE           SCARD_CTL_CODE(14)
#define IOCTL_SMARTCARD_GET_LAST_ERROR      SCARD_CTL_CODE(15)
#define IOCTL_SMARTCARD_GET_PERF_CNTR       SCARD_CTL_CODE(16)
#define IOCTL_SMARTCARD_GET_FEATURE_REQUEST SCARD_CTL_CODE(3400)

#define MAXIMUM_ATTR_STRING_LENGTH 32
#define MAXIMUM_SMARTCARD_READERS  10

/* Attribute identifiers: class in the high word, tag in the low word. */
#define SCARD_ATTR_VALUE(Class, Tag) ((((ULONG)(Class)) << 16) | ((ULONG)(Tag)))
#define SCARD_CLASS_VENDOR_INFO      1
#define SCARD_CLASS_COMMUNICATIONS   2
#define SCARD_CLASS_PROTOCOL         3
#define SCARD_CLASS_POWER_MGMT       4
#define SCARD_CLASS_SECURITY         5
#define SCARD_CLASS_MECHANICAL       6
#define SCARD_CLASS_VENDOR_DEFINED   7
#define SCARD_CLASS_IFD_PROTOCOL     8
#define SCARD_CLASS_ICC_STATE        9
#define SCARD_CLASS_PERF             0x7FFE
#define SCARD_CLASS_SYSTEM           0x7FFF

/* Reader and card states (SCARD_READER_CAPABILITIES.CurrentState, IOCTL_SMARTCARD_GET_STATE). */
#define SCARD_UNKNOWN    0
#define SCARD_ABSENT     1
#define SCARD_PRESENT    2
#define SCARD_SWALLOWED  3
#define SCARD_POWERED    4
#define SCARD_NEGOTIABLE 5
#define SCARD_SPECIFIC   6

/* Mechanical properties and reader types. */
#define SCARD_READER_SWALLOWS        0x00000001
#define SCARD_READER_EJECTS          0x00000002
#define SCARD_READER_CONFISCATES     0x00000004
#define SCARD_READER_CONTACTLESS     0x00000008
#define SCARD_READER_TYPE_SERIAL     0x00000001
#define SCARD_READER_TYPE_PARALELL   0x00000002
#define SCARD_READER_TYPE_KEYBOARD   0x00000004
#define SCARD_READER_TYPE_SCSI       0x00000008
#define SCARD_READER_TYPE_IDE        0x00000010
#define SCARD_READER_TYPE_USB        0x00000020
#define SCARD_READER_TYPE_PCMCIA     0x00000040
#define SCARD_READER_TYPE_TPM        0x00000080
#define SCARD_READER_TYPE_NFC        0x00000100
#define SCARD_READER_TYPE_UICC       0x00000200
#define SCARD_READER_TYPE_NGC        0x00000400
#define SCARD_READER_TYPE_EMBEDDEDSE 0x00000800
#define SCARD_READER_TYPE_VENDOR     0x000000F0

#define SCARD_T0_HEADER_LENGTH       7
#define SCARD_T0_CMD_LENGTH          5
#define SCARD_T1_PROLOGUE_LENGTH     3
#define SCARD_T1_EPILOGUE_LENGTH     2
#define SCARD_T1_EPILOGUE_LENGTH_LRC 1
#define SCARD_T1_MAX_IFS             254
#define SCARD_ATR_LENGTH             33

/* The protocol control information that precedes the data of IOCTL_SMARTCARD_TRANSMIT: the
 * protocol and the length of this header (with any protocol-specific bytes after it). */
typedef struct _SCARD_IO_REQUEST {
    ULONG dwProtocol;
    ULONG cbPciLength;
} SCARD_IO_REQUEST, *PSCARD_IO_REQUEST, *LPSCARD_IO_REQUEST;
typedef const SCARD_IO_REQUEST *LPCSCARD_IO_REQUEST;

#endif /* _NTDDSCRD_H2_ */
