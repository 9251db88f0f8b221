/*
 * wdfstatus.h - the framework's own NTSTATUS values (facility 0x20, FACILITY_DRIVER_FRAMEWORK)
 * that drvhost's framework returns.
 */
#ifndef _WDFSTATUS_H_
#define _WDFSTATUS_H_

#define FACILITY_DRIVER_FRAMEWORK 0x20

/* WdfIoQueueCreate: a queue that is not manual has no request handler. */
#define STATUS_WDF_NO_CALLBACK ((NTSTATUS)0xC020020BL)

/* Synchronization and creation of timers, work items, DPCs (Microsoft's WdfXxxCreate pages). */
#define STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL  ((NTSTATUS)0xC020020CL)
#define STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID ((NTSTATUS)0xC0200210L)
#define STATUS_WDF_EXECUTION_LEVEL_INVALID       ((NTSTATUS)0xC0200211L)
#define STATUS_WDF_PARENT_NOT_SPECIFIED          ((NTSTATUS)0xC0200212L)
/* Framework Object Creation Errors (Microsoft's guide of that name). */
#define STATUS_WDF_OBJECT_ATTRIBUTES_INVALID     ((NTSTATUS)0xC0200209L)
#define STATUS_WDF_PARENT_ALREADY_ASSIGNED       ((NTSTATUS)0xC020020DL)
#define STATUS_WDF_PARENT_IS_SELF                ((NTSTATUS)0xC020020EL)
#define STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED ((NTSTATUS)0xC020020FL)
/* A queue that is stopped or held for power (WdfIoQueueRetrieveNextRequest). */
#define STATUS_WDF_PAUSED ((NTSTATUS)0xC0200203L)
/* The destination queue does not accept requests (WdfRequestForwardToIoQueue). */
#define STATUS_WDF_BUSY ((NTSTATUS)0xC0200204L)

/* DMA transactions (WdfDmaTransactionInitialize / Execute / DmaCompleted pages). */
#define STATUS_WDF_TOO_FRAGMENTED           ((NTSTATUS)0xC020020AL)
#define STATUS_WDF_TOO_MANY_TRANSFERS       ((NTSTATUS)0xC0200213L)
#define STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS ((NTSTATUS)0xC0200214L)

#endif
