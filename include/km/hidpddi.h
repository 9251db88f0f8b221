/*
 * hidpddi.h - the HID parser's driver interface: hidpi.h's client routines, which a HID
 * minidriver or filter that parses its own reports uses (the firefly sample), plus the parser's
 * collection-description routines the HID class driver calls.
 *
 * drvhost subset: this header brings hidpi.h; the collection-description structures
 * (HIDP_DEVICE_DESC, HIDP_COLLECTION_DESC, HIDP_REPORT_IDS) and HidP_GetCollectionDescription /
 * HidP_FreeCollectionDescription are not declared yet. drvhost has no HID parser: the routines
 * are not provided (hidpi.h).
 */
#ifndef _HIDPDDI_H
#define _HIDPDDI_H

#include <hidusage.h>
#include <hidpi.h>

#endif /* _HIDPDDI_H */
