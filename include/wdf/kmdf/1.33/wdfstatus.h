/*
 * wdfstatus.h - the framework's own NTSTATUS values (facility 0x20, FACILITY_DRIVER_FRAMEWORK)
 * that drvhost's framework returns.
 */
#ifndef _WDFSTATUS_H_
#define _WDFSTATUS_H_

#define FACILITY_DRIVER_FRAMEWORK 0x20

/* WdfIoQueueCreate: a queue that is not manual has no request handler. */
#define STATUS_WDF_NO_CALLBACK ((NTSTATUS)0xC020020BL)

/* A queue that is stopped or held for power (WdfIoQueueRetrieveNextRequest). */
#define STATUS_WDF_PAUSED ((NTSTATUS)0xC0200203L)
/* The destination queue does not accept requests (WdfRequestForwardToIoQueue). */
#define STATUS_WDF_BUSY ((NTSTATUS)0xC0200204L)

#endif
