/*
 * spb.h - the Simple Peripheral Bus (I2C, SPI) client interface: the IOCTLs a peripheral driver
 * sends to its bus controller through the resource hub path of its connection (reshub.h), and
 * the transfer lists they carry (Microsoft's names, values and layouts). Plain definitions:
 * drvhost forwards the IOCTLs like any other; the controller side is SpbCx (SPBCx.h).
 */
#ifndef _SPB_H_
#define _SPB_H_

#include <ntdef.h>
#include <devioctl.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The root of the file name under which a controller's targets are opened. */
#define SPB_TARGET_NAME_PREFIX L"\\SPB\\"

typedef enum SpbIoctl {
    IOCTL_SPB_LOCK_CONTROLLER =
        CTL_CODE(FILE_DEVICE_CONTROLLER, 0x600, METHOD_BUFFERED, FILE_ANY_ACCESS),
    IOCTL_SPB_UNLOCK_CONTROLLER =
        CTL_CODE(FILE_DEVICE_CONTROLLER, 0x601, METHOD_BUFFERED, FILE_ANY_ACCESS),
    IOCTL_SPB_EXECUTE_SEQUENCE =
        CTL_CODE(FILE_DEVICE_CONTROLLER, 0x602, METHOD_BUFFERED, FILE_ANY_ACCESS),
    IOCTL_SPB_LOCK_CONNECTION =
        CTL_CODE(FILE_DEVICE_CONTROLLER, 0x603, METHOD_BUFFERED, FILE_ANY_ACCESS),
    IOCTL_SPB_UNLOCK_CONNECTION =
        CTL_CODE(FILE_DEVICE_CONTROLLER, 0x604, METHOD_BUFFERED, FILE_ANY_ACCESS),
    IOCTL_SPB_FULL_DUPLEX =
        CTL_CODE(FILE_DEVICE_CONTROLLER, 0x605, METHOD_BUFFERED, FILE_ANY_ACCESS),
    IOCTL_SPB_MULTI_SPI_TRANSFER =
        CTL_CODE(FILE_DEVICE_CONTROLLER, 0x606, METHOD_BUFFERED, FILE_ANY_ACCESS)
} SpbIoctl, *PSpbIoctl;

typedef enum SPB_TRANSFER_DIRECTION {
    SpbTransferDirectionNone,
    SpbTransferDirectionFromDevice,
    SpbTransferDirectionToDevice,
    SpbTransferDirectionMax
} SPB_TRANSFER_DIRECTION, *PSPB_TRANSFER_DIRECTION;

typedef enum SPB_TRANSFER_BUFFER_FORMAT {
    SpbTransferBufferFormatInvalid,
    SpbTransferBufferFormatSimple,
    SpbTransferBufferFormatList,
    SpbTransferBufferFormatSimpleNonPaged,
    SpbTransferBufferFormatMdl,
    SpbTransferBufferFormatMax
} SPB_TRANSFER_BUFFER_FORMAT, *PSPB_TRANSFER_BUFFER_FORMAT;

typedef struct SPB_TRANSFER_BUFFER_LIST_ENTRY {
    PVOID Buffer;
    ULONG BufferCb; /* bytes */
} SPB_TRANSFER_BUFFER_LIST_ENTRY, *PSPB_TRANSFER_BUFFER_LIST_ENTRY;

struct _MDL;

/* The buffer of one transfer; Format says which member is valid. */
typedef struct SPB_TRANSFER_BUFFER {
    SPB_TRANSFER_BUFFER_FORMAT Format;
    union {
        SPB_TRANSFER_BUFFER_LIST_ENTRY Simple; /* Simple, SimpleNonPaged */
        struct {
            PSPB_TRANSFER_BUFFER_LIST_ENTRY List;
            ULONG ListCe; /* entries */
        } BufferList;
        struct _MDL *Mdl;
    };
} SPB_TRANSFER_BUFFER, *PSPB_TRANSFER_BUFFER;

typedef struct SPB_TRANSFER_LIST_ENTRY {
    SPB_TRANSFER_DIRECTION Direction;
    ULONG DelayInUs; /* before this transfer starts */
    SPB_TRANSFER_BUFFER Buffer;
} SPB_TRANSFER_LIST_ENTRY, *PSPB_TRANSFER_LIST_ENTRY;

/* The input of IOCTL_SPB_EXECUTE_SEQUENCE and IOCTL_SPB_FULL_DUPLEX. */
typedef struct SPB_TRANSFER_LIST {
    ULONG Size;     /* sizeof(SPB_TRANSFER_LIST) */
    ULONG Reserved; /* 0 */
    ULONG TransferCount;
    SPB_TRANSFER_LIST_ENTRY Transfers[1]; /* TransferCount entries */
} SPB_TRANSFER_LIST, *PSPB_TRANSFER_LIST;

/* A transfer list with room for n entries, declared in one piece. */
#define SPB_TRANSFER_LIST_AND_ENTRIES(n)                                                           \
    struct {                                                                                       \
        SPB_TRANSFER_LIST List;                                                                    \
        SPB_TRANSFER_LIST_ENTRY ExtraTransfers[(n)-1];                                             \
    }

static inline SPB_TRANSFER_LIST_ENTRY drvhost_spb_entry_(SPB_TRANSFER_DIRECTION Direction,
                                                         ULONG DelayInUs,
                                                         SPB_TRANSFER_BUFFER_FORMAT Format)
{
    SPB_TRANSFER_LIST_ENTRY e;
    memset(&e, 0, sizeof(e));
    e.Direction = Direction;
    e.DelayInUs = DelayInUs;
    e.Buffer.Format = Format;
    return e;
}

/* A Simple or SimpleNonPaged entry (one buffer). */
static inline SPB_TRANSFER_LIST_ENTRY drvhost_spb_simple_(SPB_TRANSFER_DIRECTION Direction,
                                                          ULONG DelayInUs,
                                                          SPB_TRANSFER_BUFFER_FORMAT Format,
                                                          PVOID Buffer, ULONG BufferCb)
{
    SPB_TRANSFER_LIST_ENTRY e = drvhost_spb_entry_(Direction, DelayInUs, Format);
    e.Buffer.Simple.Buffer = Buffer;
    e.Buffer.Simple.BufferCb = BufferCb;
    return e;
}

static inline SPB_TRANSFER_LIST_ENTRY SPB_TRANSFER_LIST_ENTRY_INIT_SIMPLE(
    SPB_TRANSFER_DIRECTION Direction, ULONG DelayInUs, PVOID Buffer, ULONG BufferCb)
{
    return drvhost_spb_simple_(Direction, DelayInUs, SpbTransferBufferFormatSimple, Buffer,
                               BufferCb);
}

static inline SPB_TRANSFER_LIST_ENTRY SPB_TRANSFER_LIST_ENTRY_INIT_NON_PAGED(
    SPB_TRANSFER_DIRECTION Direction, ULONG DelayInUs, PVOID Buffer, ULONG BufferCb)
{
    return drvhost_spb_simple_(Direction, DelayInUs, SpbTransferBufferFormatSimpleNonPaged, Buffer,
                               BufferCb);
}

static inline SPB_TRANSFER_LIST_ENTRY SPB_TRANSFER_LIST_ENTRY_INIT_MDL(
    SPB_TRANSFER_DIRECTION Direction, ULONG DelayInUs, struct _MDL *Mdl)
{
    SPB_TRANSFER_LIST_ENTRY e =
        drvhost_spb_entry_(Direction, DelayInUs, SpbTransferBufferFormatMdl);
    e.Buffer.Mdl = Mdl;
    return e;
}

static inline SPB_TRANSFER_LIST_ENTRY SPB_TRANSFER_LIST_ENTRY_INIT_BUFFER_LIST(
    SPB_TRANSFER_DIRECTION Direction, ULONG DelayInUs, SPB_TRANSFER_BUFFER_LIST_ENTRY BufferList[],
    ULONG BufferListCe)
{
    SPB_TRANSFER_LIST_ENTRY e =
        drvhost_spb_entry_(Direction, DelayInUs, SpbTransferBufferFormatList);
    e.Buffer.BufferList.List = BufferList;
    e.Buffer.BufferList.ListCe = BufferListCe;
    return e;
}

/* Zeroes a list of TransferCount entries (the caller's storage must hold them all) and sets
 * Size and TransferCount. */
static inline VOID SPB_TRANSFER_LIST_INIT(SPB_TRANSFER_LIST *TransferList, ULONG TransferCount)
{
    SIZE_T extra = TransferCount > 1 ? TransferCount - 1 : 0;
    memset(TransferList, 0, sizeof(SPB_TRANSFER_LIST) + extra * sizeof(SPB_TRANSFER_LIST_ENTRY));
    TransferList->Size = sizeof(SPB_TRANSFER_LIST);
    TransferList->TransferCount = TransferCount;
}

#ifdef __cplusplus
}
#endif

#endif
