/*
 * vf.h - the verifier: every bug-check code the runtime raises, the meaning of each parameter
 * (one table, src/vf/bugcodes.c, read by the bug-check report and by the test that generates
 * the table in docs/verifier.md), and the checks that are Driver Verifier rules (IRQL rules,
 * I/O Verification), called from the DDIs they guard.
 *
 * Where a new bug check goes: its code below (BUGCODE_<Microsoft's name>), its row in
 * vf_bugcodes[] (src/vf/bugcodes.c) with the parameters as Microsoft documents them, a subcode
 * row in vf_subcodes[] if parameter 1 selects a violation (0xC4, 0xC9, ...), then
 * `vf_bugcodes --write docs/verifier.md` (the vf_bugcode_table test fails until the docs agree).
 * No other file defines a bug-check code or a 0xC4/0xC9 subcode. What only vf uses (the 0xC9
 * subcodes, raised by src/vf/io.c alone, the table's arrays and flags) is in vf/vf_private.h.
 *
 * Layering: the table is plain data that ke's report reads; the checks call ke (ke_irql,
 * ke_bugcheck_msg), so vf sits beside ke: ke includes vf.h for the codes and the table, the
 * layers above include it for the checks. The hot checks are static inline here (a compare
 * and a branch); what they do on a violation is out of line (src/vf/irql.c, src/vf/io.c).
 */
#ifndef DRVHOST_VF_H
#define DRVHOST_VF_H

#include "ke/ke.h"

/* ---- bug-check codes (Microsoft's values and names) ---------------------------------------- */

#define BUGCODE_IRQL_NOT_GREATER_OR_EQUAL           0x09
#define BUGCODE_IRQL_NOT_LESS_OR_EQUAL              0x0A
#define BUGCODE_MAXIMUM_WAIT_OBJECTS_EXCEEDED       0x0C
#define BUGCODE_SPIN_LOCK_ALREADY_OWNED             0x0F
#define BUGCODE_SPIN_LOCK_NOT_OWNED                 0x10
#define BUGCODE_REFERENCE_BY_POINTER                0x18
#define BUGCODE_BAD_POOL_HEADER                     0x19
#define BUGCODE_KMODE_EXCEPTION_NOT_HANDLED         0x1E
#define BUGCODE_KERNEL_APC_PENDING_DURING_EXIT      0x20
#define BUGCODE_NO_MORE_IRP_STACK_LOCATIONS         0x35
#define BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS      0x44
#define BUGCODE_IRQL_GT_ZERO_AT_SYSTEM_SERVICE      0x4A
#define BUGCODE_PROCESS_HAS_LOCKED_PAGES            0x76
#define BUGCODE_UNEXPECTED_KERNEL_MODE_TRAP         0x7F
#define BUGCODE_DRIVER_POWER_STATE_FAILURE          0x9F
#define BUGCODE_ATTEMPTED_SWITCH_FROM_DPC           0xB8
#define BUGCODE_BAD_POOL_CALLER                     0xC2
#define BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION  0xC4
#define BUGCODE_IRQL_UNEXPECTED_VALUE               0xC8
#define BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION 0xC9
#define BUGCODE_PNP_DETECTED_FATAL_ERROR            0xCA
#define BUGCODE_DRIVER_IRQL_NOT_LESS_OR_EQUAL       0xD1
#define BUGCODE_WORKER_THREAD_RETURNED_AT_BAD_IRQL  0xE1
#define BUGCODE_RESOURCE_NOT_OWNED                  0xE3
#define BUGCODE_DRIVER_VERIFIER_DMA_VIOLATION       0xE6
#define BUGCODE_WDF_VIOLATION                       0x10D /* reserved for the framework */
#define BUGCODE_KERNEL_SECURITY_CHECK_FAILURE       0x139
/* Apart, so that its long name does not realign the list above. */
#define BUGCODE_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS 0xCE
/* Driver Verifier's special pool (src/ex/special.c, the fault handler in src/ke/seh.c). */
#define BUGCODE_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION        0xC1
#define BUGCODE_PAGE_FAULT_IN_FREED_SPECIAL_POOL               0xCC
#define BUGCODE_PAGE_FAULT_BEYOND_END_OF_ALLOCATION            0xCD
#define BUGCODE_DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL        0xD5
#define BUGCODE_DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATED_POOL 0xD6

/* ---- 0xC4 DRIVER_VERIFIER_DETECTED_VIOLATION: parameter 1 -------------------------------- */

#define VF_C4_ZERO_BYTE_ALLOCATION     0x00
#define VF_C4_BAD_MEMORY_PARAMETER     0x16 /* drvhost's use; see the table */
#define VF_C4_FAST_MUTEX_IRQL          0x33
#define VF_C4_FAST_MUTEX_RELEASE_IRQL  0x34
#define VF_C4_RESOURCE_ACQUIRE_APCS    0x37
#define VF_C4_RESOURCE_RELEASE_APCS    0x38
#define VF_C4_MUTEX_UNSAFE_ACQUIRE     0x39
#define VF_C4_MUTEX_UNSAFE_RELEASE     0x3A
#define VF_C4_LEAVE_CRITICAL_REGION    0x3E
#define VF_C4_SPIN_LOCK_AT_DPC_ACQUIRE 0x40
#define VF_C4_SPIN_LOCK_AT_DPC_RELEASE 0x41
#define VF_C4_POOL_LEAK_AT_UNLOAD      0x62
#define VF_C4_MDL_UNLOCK_NOT_LOCKED    0x7D /* drvhost's use; see the table */
#define VF_C4_MDL_MAP_NOT_LOCKED       0x81 /* drvhost's use; see the table */
#define VF_C4_NOT_AN_OBJECT            0x101
#define VF_C4_RESOURCE_REINITIALISED   0xD0
#define VF_C4_RESOURCE_NOT_INITIALISED 0xD1
#define VF_C4_WORK_ITEM_QUEUED_TWICE   0xE4 /* drvhost's use; see the table */
#define VF_C4_PUSH_LOCK_ACQUIRE_APCS   0xEA
#define VF_C4_PUSH_LOCK_RELEASE_APCS   0xEB
#define VF_C4_WORK_ITEM_UNINIT_QUEUED  0xF6 /* drvhost's use; see the table */
#define VF_C4_SELF_DEADLOCK            0x1000
#define VF_C4_UNEXPECTED_THREAD        0x1004
#define VF_C4_UNACQUIRED_RELEASE       0x1007
#define VF_C4_MISMATCHED_RELEASE       0x1009
#define VF_C4_DELETED_LOCK_OWNED       0x100B
#define VF_C4_EX_TIMER_MISUSE          0x1050 /* drvhost's use; see the table */

/* ---- 0xCA PNP_DETECTED_FATAL_ERROR: parameter 1 (the PnP manager raises them, src/pnp) ---- */

#define VF_CA_DUPLICATE_PDO 0x1 /* a bus reported two PDOs with the same IDs */
#define VF_CA_INVALID_PDO   0x2 /* a DDI that needs a PDO got another device object */
#define VF_CA_INVALID_ID    0x3 /* a bus driver returned an ID with illegal characters */

/* ---- 0x10D WDF_VIOLATION: parameter 1 (raised by src/wdf) --------------------------------- */

#define VF_10D_RECURSIVE_LOCK     0x2 /* a lock acquired again by its holder */
#define VF_10D_NULL_PARAMETER     0x4
#define VF_10D_BAD_HANDLE         0x5
#define VF_10D_REQUEST_FATAL      0x6 /* parameter 2: WDF_REQUEST_FATAL_ERROR (below) */
#define VF_10D_6_NO_LOCATION      0x1 /* parameter 3: the IRP */
#define VF_10D_6_SENT_TWICE       0x3 /* parameter 3: the request handle */
#define VF_10D_DEREFERENCE_DELETE 0x7
#define VF_10D_DMA_STATE          0x8 /* a DMA transaction not in the state the routine needs */
#define VF_10D_QUEUE_FATAL        0xA /* WDF_QUEUE_FATAL_ERROR: a request against its queue's rules */
#define VF_10D_INVALID_LOCK       0xB    /* p3 0: no synchronization lock; 1: not the holder */
#define VF_10D_NOT_PROVIDED       0x1000 /* drvhost's own; see the table */
#define VF_10D_WAITS_FOR_SELF     0x1001 /* drvhost's own: a flush from the flushed callback */
#define VF_10D_INTERRUPT_IRQL     0x1002 /* drvhost's own: an interrupt routine at a wrong IRQL */
#define VF_10D_SPB_MISUSE         0x1003 /* drvhost's own: an SpbCx routine misused */

/* ---- the table ----------------------------------------------------------------------------- */

/* What a code's parameters mean. param[i] is Microsoft's meaning of parameter i+1 ("" when the
 * page documents none); for a code whose parameter 1 selects a violation (VF_SUBCODES), the
 * meanings of parameters 2-4 are in that violation's vf_subcode row. note: where drvhost's
 * parameters differ from the page, or why drvhost raises the code, NULL if nowhere. */
struct vf_bugcode {
    ULONG code;
    const char *name;
    unsigned flags;
    const char *param[4];
    const char *note;
};
#define VF_SUBCODES                                                                                \
    2u /* parameter 1 selects a row of vf_subcodes (VF_RAISED, VF_RESERVED:                        \
        * vf_private.h) */

struct vf_subcode {
    ULONG code;
    ULONG_PTR p1;
    const char *what;     /* the violation, Microsoft's description in short */
    const char *param[3]; /* parameters 2, 3 and 4 */
    const char *note;     /* drvhost's deviation, NULL if none */
};

/* The row of `code` (NULL: not in the table), its name ("UNKNOWN_BUGCHECK_CODE" if none), and
 * the subcode row of (code, p1) (NULL: not a subcode code, or an undocumented subcode). */
const struct vf_bugcode *vf_bugcode_find(ULONG code);
const char *vf_bugcode_name(ULONG code);
const struct vf_subcode *vf_subcode_find(ULONG code, ULONG_PTR p1);

/* ---- PnP rules (pnp.c) ------------------------------------------------------------------------
 */

/* A bus or PnP driver broke a PnP rule: 0xCA with Windows's parameters, the explanation
 * printed first. */
__attribute__((noreturn, cold, format(printf, 5, 6))) void vf_pnp_fatal(ULONG_PTR p1, ULONG_PTR p2,
                                                                        ULONG_PTR p3, ULONG_PTR p4,
                                                                        const char *fmt, ...);

/* ---- IRQL rules ------------------------------------------------------------------------------ */

/* The DDI `ddi` requires IRQL <= max. Above it: IRQL_NOT_LESS_OR_EQUAL (0xA) with parameters
 * (object, IRQL, 0, caller), as the runtime's dispatcher and executive routines report it
 * (Microsoft's parameters describe a memory access; the object and the caller stand in). */
__attribute__((noreturn, cold)) void vf_irql_above_max(const char *ddi, KIRQL max,
                                                       const void *object, const void *caller);
static inline void vf_check_irql_at_most(KIRQL max, const char *ddi, const void *object,
                                         const void *caller)
{
    if (__builtin_expect(ke_irql() > max, 0))
        vf_irql_above_max(ddi, max, object, caller);
}

/* The Zw routines' rule (DDI compliance rule IrqlZwPassive): above PASSIVE_LEVEL, 0xC4/0x2001F. */
__attribute__((noreturn, cold)) void vf_irql_zw_not_passive(const char *ddi);
static inline void vf_check_zw_passive(const char *ddi)
{
    if (__builtin_expect(ke_irql() != PASSIVE_LEVEL, 0))
        vf_irql_zw_not_passive(ddi);
}

/* The process structure routines' rule (DDI compliance rule IrqlPsPassive: PsCreateSystemThread,
 * PsGetVersion, PsSetCreateProcessNotifyRoutine, PsSetCreateThreadNotifyRoutine,
 * PsSetLoadImageNotifyRoutine, PsTerminateSystemThread): above PASSIVE_LEVEL, 0xC4/0x2001C. */
__attribute__((noreturn, cold)) void vf_irql_ps_not_passive(const char *ddi);
static inline void vf_check_ps_passive(const char *ddi)
{
    if (__builtin_expect(ke_irql() != PASSIVE_LEVEL, 0))
        vf_irql_ps_not_passive(ddi);
}

/* KeAcquireSpinLockAtDpcLevel / KeReleaseSpinLockFromDpcLevel below DISPATCH_LEVEL: 0xC4 with
 * VF_C4_SPIN_LOCK_AT_DPC_ACQUIRE or _RELEASE (IRQL, lock, 0). */
__attribute__((noreturn, cold)) void vf_irql_below_dpc(ULONG_PTR subcode, const char *ddi,
                                                       const void *lock);
static inline void vf_check_irql_at_dpc(ULONG_PTR subcode, const char *ddi, const void *lock)
{
    if (__builtin_expect(ke_irql() < DISPATCH_LEVEL, 0))
        vf_irql_below_dpc(subcode, ddi, lock);
}

/* ---- dispatcher objects (src/vf/dispatcher.c) ---------------------------------------------- */

/* A dispatcher object (KEVENT, KSEMAPHORE, KMUTEX, KTIMER) that no KeInitializeXxx prepared: a
 * zeroed one (Type 0 reads as a notification event) has a NULL wait list head, which every
 * initialised object's list never has (an empty list points at itself). Read under
 * ke_dispatcher_lock, which guards the list. */
static inline BOOLEAN vf_dispatcher_initialised(const DISPATCHER_HEADER *h)
{
    return h->WaitListHead.Flink != NULL && h->WaitListHead.Blink != NULL;
}
/* 0xC4/0x1002 (the object, the caller's address, 0): a driver used an object its code never
 * initialised; `ddi` is the routine it called. */
__attribute__((noreturn, cold)) void vf_dispatcher_not_initialised(const DISPATCHER_HEADER *h,
                                                                   const char *ddi,
                                                                   const void *caller);

/* ---- I/O Verification (0xC9) --------------------------------------------------------------- */

/* IoCompleteRequest's checks: STATUS_PENDING (or -1) as the final status (0x06), a cancel
 * routine still set (0x07), IRQL above DISPATCH_LEVEL (0x0E). cancel_routine is read by the
 * caller (atomically: IoCancelIrp may exchange it on another thread). */
__attribute__((noreturn, cold)) void vf_io_bad_completion(PIRP irp, PDRIVER_CANCEL cancel_routine);
static inline void vf_io_check_completion(PIRP irp, PDRIVER_CANCEL cancel_routine)
{
    NTSTATUS status = irp->IoStatus.Status;
    if (__builtin_expect(status == STATUS_PENDING || status == -1 || cancel_routine != NULL ||
                             ke_irql() > DISPATCH_LEVEL,
                         0))
        vf_io_bad_completion(irp, cancel_routine);
}

/* A dispatch routine returned `returned` for an IRP it neither completed nor pended (0x226), or
 * a status other than the one it completed the IRP with (0x224). Parameters: the dispatch
 * routine, the IRP, the device (drvhost's choice; see the table). */
__attribute__((noreturn)) void vf_io_not_completed(const void *dispatch, PIRP irp,
                                                   PDEVICE_OBJECT device, NTSTATUS returned);
__attribute__((noreturn)) void vf_io_status_mismatch(const void *dispatch, PIRP irp,
                                                     PDEVICE_OBJECT device, NTSTATUS returned,
                                                     NTSTATUS completed);

/* IoFreeIrp on something that is not an IRP from IoAllocateIrp (0x01); IoDeleteDevice twice
 * (0x240) or on a device still attached to a lower one (0x201); IoDetachDevice with nothing
 * attached (0x202). */
__attribute__((noreturn)) void vf_io_free_not_an_irp(PIRP irp);
/* The device checks pass Windows' parameters: the caller's address in the driver, the IRP (0:
 * none), the device. */
__attribute__((noreturn)) void vf_io_delete_device_twice(PDEVICE_OBJECT device, ULONG_PTR caller);
__attribute__((noreturn)) void vf_io_delete_attached_device(PDEVICE_OBJECT device,
                                                            PDEVICE_OBJECT lower, ULONG_PTR caller);
__attribute__((noreturn)) void vf_io_detach_nothing(PDEVICE_OBJECT device, ULONG_PTR caller);

/* ---- power IRPs (0xC9 power rules, 0x9F; src/vf/po.c) ---------------------------------------- */

/* IoCompleteRequest's power rules (I/O Verification): a device with a device below it in its
 * stack (`below` not NULL: the io layer's attached_to, not StackSize, which a framework PDO
 * allowed to forward requests to its parent raises without any device below) that completes
 * an IRP_MJ_POWER it did not pass down: a minor code it does not know (0x230), successfully
 * (0x231), with STATUS_NOT_SUPPORTED (0x232); any driver failing a system set-power IRP
 * (0x247). `caller` is IoCompleteRequest's return address. */
void vf_po_completion(PIRP irp, PDEVICE_OBJECT below, const void *caller);
/* Whether the IRP is at a power location vf_po_completion judges. */
static inline BOOLEAN vf_po_applies(PIRP irp)
{
    return irp->CurrentLocation >= 1 && irp->CurrentLocation <= irp->StackCount &&
           __builtin_expect(irp->Tail.Overlay.CurrentStackLocation->MajorFunction == IRP_MJ_POWER,
                            0);
}

/* PoCallDriver above the IRQL the device allows (DO_POWER_PAGABLE: PASSIVE_LEVEL, otherwise
 * DISPATCH_LEVEL): 0xC9/0x23A (caller, IRP, device). */
__attribute__((noreturn)) void vf_po_call_bad_irql(PIRP irp, PDEVICE_OBJECT device,
                                                   const void *caller);
/* PoStartNextPowerIrp with an IRP whose current stack location is not an IRP_MJ_POWER one:
 * 0xC9/0x200 (caller, IRP, 0). */
__attribute__((noreturn)) void vf_po_start_next_not_power(PIRP irp, const void *caller);
/* A power IRP the power manager sent was not completed within `ms` milliseconds: 0x9F/0x3
 * (the stack's PDO, the device holding the IRP, the IRP). */
__attribute__((noreturn)) void vf_po_irp_blocked(PDEVICE_OBJECT pdo, PDEVICE_OBJECT holder,
                                                 PIRP irp, unsigned ms);

/* ---- DMA Verification (0xE6 DRIVER_VERIFIER_DMA_VIOLATION; src/vf/dma.c) ----------------- */

#define VF_E6_MISCELLANEOUS             0x00 /* p2: 2 out of map registers (p3 needed, p4 had) */
#define VF_E6_EXTRA_COMMON_BUFFER_FREED 0x03 /* p2: how many extra */
#define VF_E6_EXTRA_CHANNEL_FREED       0x04 /* p2: how many extra */
#define VF_E6_EXTRA_MAP_REGISTERS_FREED 0x05 /* p2: how many extra */
#define VF_E6_EXTRA_SG_LIST_FREED       0x06 /* p2: lists allocated, p3: lists freed */
#define VF_E6_PUT_WITH_COMMON_BUFFERS   0x07 /* p2: adapter, p3: outstanding, p4: internal */
#define VF_E6_PUT_WITH_CHANNELS         0x08 /* p2: adapter, p3: outstanding, p4: internal */
#define VF_E6_PUT_WITH_MAP_REGISTERS    0x09 /* p2: adapter, p3: outstanding, p4: internal */
#define VF_E6_PUT_WITH_SG_LISTS         0x0A /* p2: adapter, p3: outstanding, p4: internal */
#define VF_E6_TOO_MANY_CHANNELS         0x0B /* p2: outstanding adapter channels */
#define VF_E6_BUFFER_NOT_LOCKED         0x0E /* p2: the MDL */
#define VF_E6_TOO_MANY_MAP_REGISTERS    0x15 /* p2: map registers needed, p3: allocated */
#define VF_E6_NULL_ADAPTER              0x19 /* not an adapter from IoGetDmaAdapter */
#define VF_E6_ADDRESS_OUTSIDE_MDL       0x1B /* p2: the address, p3: the MDL */
#define VF_E6_ZERO_LENGTH_MAP           0x21 /* p2: internal data */
#define VF_E6_BUFFER_TOO_SHORT          0x24 /* p2: the length not covered */
#define VF_E6_UNKNOWN_DESCRIPTION       0x25 /* an unknown DEVICE_DESCRIPTION version */

/* 0xE6 with these parameters, the explanation printed first. */
__attribute__((noreturn, cold, format(printf, 5, 6))) void vf_dma_violation(
    ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4, const char *fmt, ...);
/* A DMA routine's IRQL rule: exactly `irql` (exact) or at most `irql`; broken: 0xE6/0x13 with
 * parameter 2 = 1 (not the IRQL) or 2 (above it), the IRQL expected, the current IRQL. */
__attribute__((noreturn, cold)) void vf_dma_bad_irql(const char *ddi, KIRQL irql, BOOLEAN exact);
static inline void vf_dma_check_irql(const char *ddi, KIRQL irql, BOOLEAN exact)
{
    KIRQL now = ke_irql();
    if (__builtin_expect(exact ? now != irql : now > irql, 0))
        vf_dma_bad_irql(ddi, irql, exact);
}

#endif
