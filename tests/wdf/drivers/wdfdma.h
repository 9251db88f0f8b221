/* wdfdma.h - control codes and records of the DMA transaction test driver (wdfdma.sys). */
#ifndef WDFDMA_H
#define WDFDMA_H

#define WDFDMA_CODE(n, m) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB40 + (n), m, FILE_ANY_ACCESS)

/* in: ULONG WDFDMA_GROUP_; out: WDFDMA_RESULT (the driver's own checks) */
#define IOCTL_DMA_RUN WDFDMA_CODE(0, METHOD_BUFFERED)
/* A request-based transaction reading WDFDMA_PATTERN bytes into the output buffer through the
 * packet enabler (transfers of WDFDMA_MAX_LENGTH at most); completed with the bytes moved. */
#define IOCTL_DMA_READ WDFDMA_CODE(1, METHOD_OUT_DIRECT)
/* The same written to the device: the device sums the bytes it reads. */
#define IOCTL_DMA_WRITE WDFDMA_CODE(2, METHOD_IN_DIRECT)
/* out: WDFDMA_LOG: what the device and the driver saw since the last one. */
#define IOCTL_DMA_LOG WDFDMA_CODE(3, METHOD_BUFFERED)
/* in: ULONG WDFDMA_MISUSE_; does not return */
#define IOCTL_DMA_MISUSE WDFDMA_CODE(4, METHOD_BUFFERED)
/* A read whose transfers the device never finishes: the driver completes it when cancelled. */
#define IOCTL_DMA_HANG WDFDMA_CODE(5, METHOD_OUT_DIRECT)

#define WDFDMA_MAX_LENGTH 4096

#define WDFDMA_GROUP_SCATTER_GATHER 1 /* an MDL chain split into transfers by a smaller maximum */
#define WDFDMA_GROUP_PACKET         2 /* a packet device: one element a transfer */
#define WDFDMA_GROUP_LENGTHS        3 /* partial and final transfers, single transfer, fragments */
#define WDFDMA_GROUP_ERRORS         4 /* the documented error returns, release, reuse */
#define WDFDMA_GROUP_ADAPTERS       5 /* WdfDmaEnablerWdmGetDmaAdapter: the enablers' WDM adapters */
#define WDFDMA_GROUP_VERSION3       6 /* a DMA version 3 enabler: WdmGetTransferContext */
#define WDFDMA_GROUP_SYSTEM         7 /* system-mode DMA: ConfigureSystemProfile, the callbacks */

#define WDFDMA_MISUSE_COMPLETE_NOT_EXECUTING  1 /* DmaCompleted on an initialized transaction */
#define WDFDMA_MISUSE_RELEASE_EXECUTING       2 /* Release while a transfer is with the device */
#define WDFDMA_MISUSE_EXECUTE_TWICE           3 /* Execute on an executing transaction */
#define WDFDMA_MISUSE_SYSTEM_SETTING          4 /* SetDeviceAddressOffset: not a system profile */
#define WDFDMA_MISUSE_CONTEXT_NOT_INITIALIZED 5 /* WdmGetTransferContext before Initialize */

typedef struct _WDFDMA_RESULT {
    ULONG Checks;
    ULONG Failed;
    ULONG FirstLine;
} WDFDMA_RESULT;

/* The order of events: 'P' EvtProgramDma (with the transfer's length and element count in
 * Programs), 'F' a DmaCompleted returned FALSE, 'T' returned TRUE, 'X' the request was
 * cancelled (WdfDmaTransactionCancel returned FALSE). */
typedef struct _WDFDMA_LOG {
    char Events[64];
    ULONG Programs[16][2]; /* length, elements */
    ULONG ProgramCount;
    ULONG WriteSum;       /* the sum of the bytes the device read (IOCTL_DMA_WRITE) */
    ULONG Status;         /* of the last completed transaction */
    ULONG Transferred;    /* WdfDmaTransactionGetBytesTransferred at its end */
    ULONG RequestMatched; /* WdfDmaTransactionGetRequest named the request */
} WDFDMA_LOG;

#endif
