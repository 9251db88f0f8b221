/*
 * wdfintr.h - what the framework interrupt test driver (wdfintr.c) and its tests share: the
 * device interface class and the device controls of its default queue.
 */
#ifndef WDFINTR_H
#define WDFINTR_H

/* {6b1e4c52-8d3f-4a17-b2c9-3e5f7a9d1c84} */
static const GUID GUID_WDFINTR_INTERFACE = {
    0x6b1e4c52, 0x8d3f, 0x4a17, {0xb2, 0xc9, 0x3e, 0x5f, 0x7a, 0x9d, 0x1c, 0x84}};

#define WIN_CTL(n) CTL_CODE(FILE_DEVICE_UNKNOWN, (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
/* the callback log since the last call (text, entries separated by one space), then cleared */
#define IOCTL_WIN_LOG WIN_CTL(0xD00)
/* waits (up to 5 s) until EvtInterruptDpc and EvtInterruptWorkItem ran since the last wait */
#define IOCTL_WIN_WAIT_DEFERRED WIN_CTL(0xD01)
/* WdfInterruptSynchronize on the DIRQL interrupt: logs Sync(irql) */
#define IOCTL_WIN_SYNC WIN_CTL(0xD02)
/* WdfInterruptAcquireLock / ReleaseLock on both: logs Locked0(irql) Locked1(irql,try) */
#define IOCTL_WIN_LOCK WIN_CTL(0xD03)
/* output WIN_INFO: WdfInterruptGetInfo of both interrupts and what else the driver saw */
#define IOCTL_WIN_INFO WIN_CTL(0xD04)
/* KeSynchronizeExecution on WdfInterruptWdmGetInterrupt: logs WdmSync(irql) */
#define IOCTL_WIN_WDM_SYNC WIN_CTL(0xD05)
/* input ULONG: a misuse that the framework reports (1 AcquireLock twice, 2 ReleaseLock
 * without AcquireLock, 3 TryToAcquireLock on the DIRQL interrupt, 4 AcquireLock of the DIRQL
 * interrupt at HIGH_LEVEL, 5 AcquireLock of the passive interrupt at DISPATCH_LEVEL) */
#define IOCTL_WIN_MISUSE WIN_CTL(0xD06)
/* input ULONG: 1 WdfInterruptReportInactive on the DIRQL interrupt, 0 ReportActive */
#define IOCTL_WIN_INACTIVE WIN_CTL(0xD07)
/* WdfInterruptDisable then WdfInterruptEnable on the DIRQL interrupt */
#define IOCTL_WIN_ENABLE WIN_CTL(0xD08)

typedef struct _WIN_INFO {
    ULONG Vector[2];
    ULONG Irql[2];
    ULONG Mode[2];
    ULONG Share[2];
    ULONG64 Affinity[2];
    ULONG ResourceCount;      /* PrepareHardware's translated list */
    ULONG Register;           /* read back from the mapped memory */
    NTSTATUS AppendStatus;    /* PrepareHardware's translated list */
    NTSTATUS InsertStatus;    /* its raw list */
    NTSTATUS CreateErrors[3]; /* WdfInterruptCreate misuses, see wdfintr.c */
    ULONG CountAfterRemove;   /* translated + 100 * raw, after a Remove of each */
    ULONG MappedTwiceSame;    /* MmMapIoSpaceEx of the range sees what was written through
                                 MmMapIoSpace's mapping, at each register width */
    ULONG Ports;              /* WIN_PORT_ bits: the port range through wdfhwaccess.h */
    NTSTATUS ParentError;     /* WdfInterruptCreate with a general object as ParentObject */
} WIN_INFO;

#define WIN_PORT_UCHAR   0x01 /* WDF_WRITE_PORT_UCHAR then WDF_READ_PORT_UCHAR: the value */
#define WIN_PORT_USHORT  0x02 /* the same for USHORT */
#define WIN_PORT_ULONG   0x04 /* and ULONG */
#define WIN_PORT_BUFFERS 0x08 /* the three buffer forms: Count accesses of one port */
#define WIN_PORT_OUTSIDE 0x10 /* a port past the range reads all ones, at each width */
#define WIN_PORT_ALL     0x1F

#endif
