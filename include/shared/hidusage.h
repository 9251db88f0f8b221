/*
 * hidusage.h - the HID usage type and the usage pages and Generic Desktop usages of the HID
 * Usage Tables (Microsoft's names; values are the HID specification's).
 *
 * drvhost subset: USAGE and the most used pages and top-level collection usages; the per-page
 * usage lists (keyboard, LED, consumer, ...) are absent.
 */
#ifndef __HIDUSAGE_H__
#define __HIDUSAGE_H__

#include <ntdef.h>

typedef USHORT USAGE, *PUSAGE;

/* Usage pages */
#define HID_USAGE_PAGE_UNDEFINED            ((USAGE)0x00)
#define HID_USAGE_PAGE_GENERIC              ((USAGE)0x01)
#define HID_USAGE_PAGE_SIMULATION           ((USAGE)0x02)
#define HID_USAGE_PAGE_VR                   ((USAGE)0x03)
#define HID_USAGE_PAGE_SPORT                ((USAGE)0x04)
#define HID_USAGE_PAGE_GAME                 ((USAGE)0x05)
#define HID_USAGE_PAGE_KEYBOARD             ((USAGE)0x07)
#define HID_USAGE_PAGE_LED                  ((USAGE)0x08)
#define HID_USAGE_PAGE_BUTTON               ((USAGE)0x09)
#define HID_USAGE_PAGE_ORDINAL              ((USAGE)0x0A)
#define HID_USAGE_PAGE_TELEPHONY            ((USAGE)0x0B)
#define HID_USAGE_PAGE_CONSUMER             ((USAGE)0x0C)
#define HID_USAGE_PAGE_DIGITIZER            ((USAGE)0x0D)
#define HID_USAGE_PAGE_VENDOR_DEFINED_BEGIN ((USAGE)0xFF00)
#define HID_USAGE_PAGE_VENDOR_DEFINED_END   ((USAGE)0xFFFF)

/* Generic Desktop page: top-level collections */
#define HID_USAGE_GENERIC_POINTER  ((USAGE)0x01)
#define HID_USAGE_GENERIC_MOUSE    ((USAGE)0x02)
#define HID_USAGE_GENERIC_JOYSTICK ((USAGE)0x04)
#define HID_USAGE_GENERIC_GAMEPAD  ((USAGE)0x05)
#define HID_USAGE_GENERIC_KEYBOARD ((USAGE)0x06)
#define HID_USAGE_GENERIC_KEYPAD   ((USAGE)0x07)

#endif /* __HIDUSAGE_H__ */
