/*
 * kbdmou.h - between keyboard/mouse port drivers (and their filters) and the class drivers:
 * the internal device controls that connect a port to its class driver (CONNECT_DATA: the class
 * device and its service callback, which the port calls with the input data it collected), and
 * the port and class device names. Names, values and layouts as documented; pinned by
 * tests/devclass.
 */
#ifndef _KBDMOU_
#define _KBDMOU_

#include <ntddkbd.h>
#include <ntddmou.h>
#include <wdm.h>

#define DD_KEYBOARD_PORT_DEVICE_NAME                  "\\Device\\KeyboardPort"
#define DD_KEYBOARD_PORT_DEVICE_NAME_U                L"\\Device\\KeyboardPort"
#define DD_KEYBOARD_PORT_BASE_NAME_U                  L"KeyboardPort"
#define DD_POINTER_PORT_DEVICE_NAME                   "\\Device\\PointerPort"
#define DD_POINTER_PORT_DEVICE_NAME_U                 L"\\Device\\PointerPort"
#define DD_POINTER_PORT_BASE_NAME_U                   L"PointerPort"
#define DD_KEYBOARD_CLASS_BASE_NAME_U                 L"KeyboardClass"
#define DD_POINTER_CLASS_BASE_NAME_U                  L"PointerClass"
#define DD_KEYBOARD_RESOURCE_CLASS_NAME_U             L"Keyboard"
#define DD_POINTER_RESOURCE_CLASS_NAME_U              L"Pointer"
#define DD_KEYBOARD_MOUSE_COMBO_RESOURCE_CLASS_NAME_U L"Keyboard/Pointer"
#define POINTER_PORTS_MAXIMUM                         8
#define KEYBOARD_PORTS_MAXIMUM                        8

/* IRP_MJ_INTERNAL_DEVICE_CONTROL codes (METHOD_NEITHER). */
#define IOCTL_INTERNAL_KEYBOARD_CONNECT                                                            \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0080, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_KEYBOARD_DISCONNECT                                                         \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0100, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_KEYBOARD_ENABLE                                                             \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0200, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_KEYBOARD_DISABLE                                                            \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0400, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_CONNECT                                                               \
    CTL_CODE(FILE_DEVICE_MOUSE, 0x0080, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_DISCONNECT                                                            \
    CTL_CODE(FILE_DEVICE_MOUSE, 0x0100, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_ENABLE                                                                \
    CTL_CODE(FILE_DEVICE_MOUSE, 0x0200, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_DISABLE                                                               \
    CTL_CODE(FILE_DEVICE_MOUSE, 0x0400, METHOD_NEITHER, FILE_ANY_ACCESS)

/* The class driver's service callback; the keyboard class's is called as
 * (ClassDeviceObject, PKEYBOARD_INPUT_DATA InputDataStart, PKEYBOARD_INPUT_DATA InputDataEnd,
 * PULONG InputDataConsumed), the mouse class's likewise with MOUSE_INPUT_DATA. */
typedef VOID SERVICE_CALLBACK_ROUTINE(PVOID NormalContext, PVOID SystemArgument1,
                                      PVOID SystemArgument2, PVOID SystemArgument3);
typedef SERVICE_CALLBACK_ROUTINE *PSERVICE_CALLBACK_ROUTINE;

/* The Type3InputBuffer of IOCTL_INTERNAL_KEYBOARD_CONNECT / _MOUSE_CONNECT. */
typedef struct _CONNECT_DATA {
    PDEVICE_OBJECT ClassDeviceObject;
    PVOID ClassService;
} CONNECT_DATA, *PCONNECT_DATA;

#endif
