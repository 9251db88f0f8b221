/*
 * vf_private.h - the verifier's own part: the 0xC9 subcodes (only src/vf/io.c raises them), the
 * 0xC4 subcodes of the Zw and Ps IRQL rules (src/vf/irql.c), and the table's arrays and flags,
 * which only src/vf/bugcodes.c and the test that writes docs/verifier.md read. Other layers look a
 * code up with vf_bugcode_find / vf_subcode_find (vf/vf.h).
 */
#ifndef DRVHOST_VF_PRIVATE_H
#define DRVHOST_VF_PRIVATE_H

#include "vf/vf.h"

#define VF_C4_IRQL_ZW_PASSIVE 0x2001F
#define VF_C4_IRQL_PS_PASSIVE 0x2001C
/* A dispatcher object never initialised (src/vf/dispatcher.c; drvhost's use, see the table). */
#define VF_C4_UNINITIALIZED_RESOURCE 0x1002

/* ---- 0xC9 DRIVER_VERIFIER_IOMANAGER_VIOLATION: parameter 1 ------------------------------- */

#define VF_C9_FREE_NOT_AN_IRP             0x01
#define VF_C9_COMPLETE_PENDING            0x06
#define VF_C9_COMPLETE_CANCEL_ROUTINE_SET 0x07
#define VF_C9_COMPLETE_ABOVE_DISPATCH     0x0E
#define VF_C9_DELETE_ATTACHED_DEVICE      0x201
#define VF_C9_DETACH_NOTHING_ATTACHED     0x202
#define VF_C9_STATUS_MISMATCH             0x224
#define VF_C9_NOT_COMPLETED_NOR_PENDING   0x226
#define VF_C9_DELETE_DEVICE_TWICE         0x240
#define VF_C9_UNKNOWN                     0x200 /* "all unknown I/O Verification errors" */
#define VF_C9_POWER_UNKNOWN_COMPLETED     0x230
#define VF_C9_POWER_SUCCESS_COMPLETED     0x231
#define VF_C9_POWER_NOT_SUPPORTED         0x232
#define VF_C9_FORWARDED_AT_BAD_IRQL       0x23A
#define VF_C9_FAILED_UNFAILABLE           0x247

/* ---- 0xE6 DRIVER_VERIFIER_DMA_VIOLATION: the IRQL rule's subcode (src/vf/dma.c raises it) */

#define VF_E6_BAD_IRQL 0x13 /* p2: 1 not the IRQL, 2 above it; p3: the IRQL, p4: the current */

/* ---- 0x9F DRIVER_POWER_STATE_FAILURE: parameter 1 ------------------------------------------ */

#define VF_9F_IRP_BLOCKED 0x3

#define VF_RAISED   1u /* the runtime raises it (the others are named for KeBugCheckEx callers) */
#define VF_SUBCODES 2u /* parameter 1 selects a row of vf_subcodes */
#define VF_RESERVED 4u /* not raised yet; the code is kept for the part that will (0x10D) */

extern const struct vf_bugcode vf_bugcodes[];
extern const size_t vf_bugcode_count;
extern const struct vf_subcode vf_subcodes[];
extern const size_t vf_subcode_count;

#endif
