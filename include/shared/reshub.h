/*
 * reshub.h - the resource hub: the names under which a driver opens the GPIO or SPB connection
 * its CmResourceTypeConnection resource describes ("\Device\RESOURCE_HUB\" and the 64-bit
 * connection ID as 16 hexadecimal digits), the hub's IOCTLs and the ACPI connection descriptors
 * (Microsoft's names, values and layouts).
 *
 * With RESHUB_USE_HELPER_ROUTINES defined, the helpers RESOURCE_HUB_CREATE_PATH_FROM_ID,
 * RESOURCE_HUB_ID_TO_FILE_NAME and RESOURCE_HUB_ID_FROM_FILE_NAME(_WITH_SUBPATH) are inline
 * functions of this header, as in the WDK.
 *
 * drvhost specifics: a destination too small for the path returns STATUS_BUFFER_OVERFLOW with
 * nothing written (Windows' string formatting may leave a truncated path in the buffer; callers
 * must not use it either way). drvhost has no resource hub device: opening such a path fails
 * like opening any name no driver created.
 */
#ifndef __RES_HUB_H__
#define __RES_HUB_H__

#include <ntdef.h>
#include <ntstatus.h>
#include <devioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RESOURCE_HUB_DEVICE_NAME        L"\\Device\\RESOURCE_HUB"
#define RESOURCE_HUB_SYMBOLIC_NAME      L"\\DosDevices\\RESOURCE_HUB"
#define RESOURCE_HUB_DEVICE_NAME_PREFIX RESOURCE_HUB_DEVICE_NAME L"\\"

/* Sizes in bytes (with the terminating NUL) of a connection's file name and full path. */
#define RESOURCE_HUB_CONNECTION_FILE_SIZE                                                          \
    ((sizeof(LARGE_INTEGER) * 2 * sizeof(WCHAR)) + sizeof(WCHAR))
#define RESOURCE_HUB_CONNECTION_PATH_SIZE                                                          \
    (sizeof(RESOURCE_HUB_DEVICE_NAME_PREFIX) + RESOURCE_HUB_CONNECTION_FILE_SIZE - sizeof(WCHAR))
#define RESOURCE_HUB_CONNECTION_FILE_CHARS                                                         \
    ((RESOURCE_HUB_CONNECTION_FILE_SIZE + sizeof(WCHAR) - 1) / sizeof(WCHAR))
#define RESOURCE_HUB_CONNECTION_PATH_CHARS                                                         \
    ((RESOURCE_HUB_CONNECTION_PATH_SIZE + sizeof(WCHAR) - 1) / sizeof(WCHAR))
#define RESOURCE_HUB_FILE_SIZE  RESOURCE_HUB_CONNECTION_FILE_SIZE
#define RESOURCE_HUB_PATH_SIZE  RESOURCE_HUB_CONNECTION_PATH_SIZE
#define RESOURCE_HUB_FILE_CHARS RESOURCE_HUB_CONNECTION_FILE_CHARS
#define RESOURCE_HUB_PATH_CHARS RESOURCE_HUB_CONNECTION_PATH_CHARS

#define FILE_DEVICE_RESOURCE_HUB (FILE_DEVICE_BUS_EXTENDER)

#define DRVHOST_RH_IOCTL_(n)                                                                       \
    CTL_CODE(FILE_DEVICE_RESOURCE_HUB, (n), METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_RH_QUERY_CONNECTION_PROPERTIES         DRVHOST_RH_IOCTL_(0x0)
#define IOCTL_RH_ALLOCATE_CONNECTION                 DRVHOST_RH_IOCTL_(0x1)
#define IOCTL_RH_FREE_CONNECTION                     DRVHOST_RH_IOCTL_(0x2)
#define IOCTL_RH_UPDATE_CONNECTION_PROPERTIES        DRVHOST_RH_IOCTL_(0x3)
#define IOCTL_RH_QUERY_ACTIVE_BOTH_INITIAL_POLARITY  DRVHOST_RH_IOCTL_(0x4)
#define IOCTL_RH_UPDATE_ACTIVE_BOTH_INITIAL_POLARITY DRVHOST_RH_IOCTL_(0x5)

#define RH_QUERY_CONNECTION_PROPERTIES_INPUT_VERSION  1
#define RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_VERSION 1

typedef enum _RH_QUERY_CONNECTION_PROPERTIES_INPUT_TYPE {
    ConnectionIdType,
    InterruptVectorType
} RH_QUERY_CONNECTION_PROPERTIES_INPUT_TYPE, *PRH_QUERY_CONNECTION_PROPERTIES_INPUT_TYPE;

typedef struct _RH_QUERY_CONNECTION_PROPERTIES_INPUT_BUFFER {
    ULONG Version;
    RH_QUERY_CONNECTION_PROPERTIES_INPUT_TYPE QueryType;
    union {
        LARGE_INTEGER ConnectionId;
        ULONG InterruptVector;
    } u;
} RH_QUERY_CONNECTION_PROPERTIES_INPUT_BUFFER, *PRH_QUERY_CONNECTION_PROPERTIES_INPUT_BUFFER;

typedef struct _RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER {
    ULONG Version;
    ULONG PropertiesLength;
    UCHAR ConnectionProperties[ANYSIZE_ARRAY]; /* the ACPI descriptor */
} RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER, *PRH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER;

/* ---- ACPI connection descriptors (packed, as in the firmware tables) ---------------------- */

#define FUNCTION_CONFIG_DESCRIPTOR        0x8d
#define GPIO_INTERRUPT_IO_DESCRIPTOR      0x8c
#define SERIAL_BUS_DESCRIPTOR             0x8e
#define SERIAL_BUS_DESCRIPTOR_REVISION    0x01
#define SERIAL_BUS_DESCRIPTOR_REVISION_V2 0x02
#define SERIAL_BUS_I2C_DESCRIPTOR_TYPE    1
#define SERIAL_BUS_SPI_DESCRIPTOR_TYPE    2
#define SERIAL_BUS_UART_DESCRIPTOR_TYPE   3
#define SERIAL_BUS_FLAG_SHARED_DESCRIPTOR 0x4

#define PNP_GPIO_IRQ_DESCRIPTOR_TYPE_INTERRUPT 0x0
#define PNP_GPIO_IRQ_DESCRIPTOR_TYPE_IO        0x1

#pragma pack(push, 1)

typedef struct _PNP_GPIO_INTERRUPT_IO_DESCRIPTOR {
    UCHAR Tag; /* GPIO_INTERRUPT_IO_DESCRIPTOR */
    USHORT Length;
    UCHAR Revision;
    UCHAR DescriptorType;
    USHORT GeneralFlags;
    USHORT InterruptIoFlags;
    UCHAR PinConfiguration;
    USHORT DriveStrength;
    USHORT DebounceTimeout;
    USHORT PinTableOffset; /* pin table (USHORTs), resource name, vendor data follow */
    UCHAR ResourceSourceIndex;
    USHORT ResourceSourceOffset;
    USHORT VendorDataOffset;
    USHORT VendorDataLength;
} PNP_GPIO_INTERRUPT_IO_DESCRIPTOR, *PPNP_GPIO_INTERRUPT_IO_DESCRIPTOR;

/* The common header of the I2C, SPI and UART connection descriptors. */
typedef struct _PNP_SERIAL_BUS_DESCRIPTOR {
    UCHAR Tag; /* SERIAL_BUS_DESCRIPTOR */
    USHORT Length;
    UCHAR RevisionId;
    UCHAR ResourceSourceIndex;
    UCHAR SerialBusType; /* SERIAL_BUS_*_DESCRIPTOR_TYPE */
    UCHAR GeneralFlags;
    USHORT TypeSpecificFlags;
    UCHAR TypeSpecificRevisionId;
    USHORT TypeDataLength;
} PNP_SERIAL_BUS_DESCRIPTOR, *PPNP_SERIAL_BUS_DESCRIPTOR;

#pragma pack(pop)

#define PNP_GPIO_INTERRUPT_IO_DESCRIPTOR_LENGTH sizeof(PNP_GPIO_INTERRUPT_IO_DESCRIPTOR)
#define PNP_SERIAL_BUS_DESCRIPTOR_LENGTH        sizeof(PNP_SERIAL_BUS_DESCRIPTOR)

/* ---- helper routines ---------------------------------------------------------------------- */

#ifdef RESHUB_USE_HELPER_ROUTINES

/* Writes the 16 lowercase hexadecimal digits of the ID and a NUL into FileName, which holds
 * RESOURCE_HUB_CONNECTION_FILE_SIZE bytes. */
static inline NTSTATUS RESOURCE_HUB_ID_TO_FILE_NAME(ULONG IdLowPart, ULONG IdHighPart,
                                                    PWCHAR FileName)
{
    ULONGLONG id = ((ULONGLONG)IdHighPart << 32) | IdLowPart;
    int i;
    for (i = 15; i >= 0; i--, id >>= 4) {
        FileName[i] = (WCHAR)L"0123456789abcdef"[id & 0xf];
    }
    FileName[16] = 0;
    return STATUS_SUCCESS;
}

/* FileName = RESOURCE_HUB_DEVICE_NAME_PREFIX and the ID's file name, within its MaximumLength. */
static inline NTSTATUS RESOURCE_HUB_CREATE_PATH_FROM_ID(PUNICODE_STRING FileName, ULONG IdLowPart,
                                                        ULONG IdHighPart)
{
    static const WCHAR prefix[] = RESOURCE_HUB_DEVICE_NAME_PREFIX;
    const USHORT prefix_chars = (USHORT)(sizeof(prefix) / sizeof(WCHAR) - 1);
    USHORT i;
    if (FileName->Buffer == NULL || FileName->MaximumLength < RESOURCE_HUB_CONNECTION_PATH_SIZE) {
        return STATUS_BUFFER_OVERFLOW;
    }
    for (i = 0; i < prefix_chars; i++) {
        FileName->Buffer[i] = prefix[i];
    }
    RESOURCE_HUB_ID_TO_FILE_NAME(IdLowPart, IdHighPart, FileName->Buffer + prefix_chars);
    FileName->Length = (USHORT)((prefix_chars + 16) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* Parses the 16 hexadecimal digits that begin FileName into Id; NextPathElement points past
 * them and past one '\' (the rest of the path), which must follow them if anything does. */
static inline NTSTATUS RESOURCE_HUB_ID_FROM_FILE_NAME_WITH_SUBPATH(const WCHAR *FileName,
                                                                   PLARGE_INTEGER Id,
                                                                   WCHAR **NextPathElement)
{
    ULONGLONG value = 0;
    int i;
    Id->QuadPart = 0;
    *NextPathElement = (WCHAR *)FileName;
    for (i = 0; i < 16; i++) {
        WCHAR c = FileName[i];
        int digit = (c >= L'0' && c <= L'9')   ? c - L'0'
                    : (c >= L'a' && c <= L'f') ? c - L'a' + 10
                    : (c >= L'A' && c <= L'F') ? c - L'A' + 10
                                               : -1;
        if (digit < 0) {
            return STATUS_INVALID_PARAMETER; /* a short name or a non-hex character */
        }
        value = (value << 4) | (ULONGLONG)digit;
    }
    if (FileName[16] != L'\\' && FileName[16] != 0) {
        return STATUS_INVALID_PARAMETER;
    }
    Id->QuadPart = (LONGLONG)value;
    *NextPathElement = (WCHAR *)FileName + (FileName[16] == L'\\' ? 17 : 16);
    return STATUS_SUCCESS;
}

static inline NTSTATUS RESOURCE_HUB_ID_FROM_FILE_NAME(const WCHAR *FileName, PLARGE_INTEGER Id)
{
    WCHAR *next;
    return RESOURCE_HUB_ID_FROM_FILE_NAME_WITH_SUBPATH(FileName, Id, &next);
}

#endif /* RESHUB_USE_HELPER_ROUTINES */

#ifdef __cplusplus
}
#endif

#endif
