/*
 * spbctl.h - what test_wdf_spb.c and its SPB controller driver (spbctl.c) share: the driver's
 * custom IOCTLs (which reach it through SpbCx's EvtSpbControllerIoOther) and its observations.
 */
#ifndef SPBCTL_H
#define SPBCTL_H

#define SPBCTL_HWID "DRVHOST\\SPBCTL"
/* The driver's EvtSpbTargetConnect refuses a target at this I2C address with this status. */
#define SPBCTL_REFUSED_ADDRESS 0x7F
#define SPBCTL_REFUSED_STATUS  ((LONG)0xC000009DL) /* STATUS_DEVICE_NOT_CONNECTED */
/* Targets at these addresses take a two-byte register pointer, low byte first (spbctl.c). */
#define SPBCTL_WIDE_FIRST 0x50
#define SPBCTL_WIDE_LAST  0x57
/* Its EvtSpbControllerLock fails the lock of a target at this address (STATUS_DEVICE_BUSY). */
#define SPBCTL_BUSY_ADDRESS 0x11

/* METHOD_BUFFERED, FILE_ANY_ACCESS, device type 0x8000 (a vendor's) */
#define SPBCTL_CODE(n)         (((0x8000u) << 16) | ((0x800u + (n)) << 2))
#define IOCTL_SPBCTL_STATS     SPBCTL_CODE(0) /* out: SPBCTL_STATS */
#define IOCTL_SPBCTL_RESET     SPBCTL_CODE(1) /* the history starts again */
#define IOCTL_SPBCTL_DUPLEX    SPBCTL_CODE(2) /* in: an SPB_TRANSFER_LIST (write, read), captured */
#define IOCTL_SPBCTL_MISUSE    SPBCTL_CODE(3) /* SpbRequestGetTransferParameters past the end */
#define IOCTL_SPBCTL_NOCAPTURE SPBCTL_CODE(4) /* other IOCTL without a transfer list */

#define SPBCTL_HISTORY 8
/* One request the driver saw: type << 8 | position << 4 | previous transfer direction. */
#define SPBCTL_ENTRY(type, position, previous) (((type) << 8) | ((position) << 4) | (previous))

typedef struct _SPBCTL_STATS {
    LONG InitStatus[3];     /* SpbDeviceInitialize: no EvtSpbIoRead, manual queue, wrong Size */
    ULONG Connects;         /* EvtSpbTargetConnect calls that succeeded */
    ULONG Refused;          /* ... that refused */
    ULONG Disconnects;      /* EvtSpbTargetDisconnect calls */
    ULONG InCaller;         /* EvtIoInCallerContext calls (other IOCTLs only) */
    ULONG NoRequestContext; /* requests without SpbControllerSetRequestAttributes' context */
    ULONG Mismatches;       /* SpbRequestGetController / SpbTargetGetFileObject / target context */
    ULONG Type, Position, Previous, Count; /* the last transfer request's SPB parameters */
    ULONG Length;
    ULONG Address; /* its target's I2C address (the target context) */
    ULONG History[SPBCTL_HISTORY];
    ULONG HistoryCount;
    ULONG TransferCalls; /* read, write, sequence and other calls */
} SPBCTL_STATS;

/* ---- the peripheral driver (spbclient.c): a client of a controller through SpbCx ---------- */

#define SPBCLIENT_HWID      "DRVHOST\\SPBCLIENT"
#define IOCTL_SPBCLIENT_RUN SPBCTL_CODE(0x10) /* out: SPBCLIENT_RESULT */

typedef struct _SPBCLIENT_RESULT {
    ULONG IdLowPart, IdHighPart; /* its CmResourceTypeConnection resource */
    LONG OpenStatus;             /* WdfIoTargetOpen of the resource hub path */
    LONG SecondOpenStatus;       /* the same connection again, while open */
    LONG WriteStatus;            /* write {5, 'h', 'i'} */
    LONG SequenceStatus;         /* IOCTL_SPB_EXECUTE_SEQUENCE: write {5}, read 2 */
    ULONG SequenceInformation;
    UCHAR ReadBack[2];
    LONG ClosedWriteStatus; /* a write on the target after WdfIoTargetClose */
} SPBCLIENT_RESULT;
#endif
