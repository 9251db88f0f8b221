/*
 * ntdd8042.h - the hooks the i8042 port driver (i8042prt) offers an upper filter of its
 * keyboard or mouse device: the internal device controls a filter sends down (or receives, for
 * the hooks) and the callback types (initialization, ISR hooks, port access, packet queuing).
 * Names, values and layouts as documented. drvhost has no i8042 port driver: a filter built
 * against this header loads, and gets these requests only from a test that sends them.
 */
#ifndef _NTDD8042_
#define _NTDD8042_

#include <kbdmou.h>

/* IRP_MJ_INTERNAL_DEVICE_CONTROL codes (METHOD_NEITHER). */
#define IOCTL_INTERNAL_I8042_HOOK_KEYBOARD                                                         \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0FF0, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_I8042_KEYBOARD_WRITE_BUFFER                                                 \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0FF1, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_I8042_CONTROLLER_WRITE_BUFFER                                               \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0FF2, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_I8042_KEYBOARD_START_INFORMATION                                            \
    CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0FF3, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_I8042_HOOK_MOUSE                                                            \
    CTL_CODE(FILE_DEVICE_MOUSE, 0x0FF0, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_I8042_MOUSE_WRITE_BUFFER                                                    \
    CTL_CODE(FILE_DEVICE_MOUSE, 0x0FF1, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_I8042_MOUSE_START_INFORMATION                                               \
    CTL_CODE(FILE_DEVICE_MOUSE, 0x0FF3, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef enum _KEYBOARD_SCAN_STATE {
    Normal,
    GotE0,
    GotE1
} KEYBOARD_SCAN_STATE, *PKEYBOARD_SCAN_STATE;

typedef enum _MOUSE_STATE {
    MouseIdle,
    XMovement,
    YMovement,
    ZMovement,
    MouseExpectingACK,
    MouseResetting
} MOUSE_STATE, *PMOUSE_STATE;

/* The mouse reset sequence's substates; a filter's own states lie in CustomHookStateMinimum to
 * CustomHookStateMaximum. drvhost gives the first ones and the ranges (no port driver walks
 * them here). */
typedef enum _MOUSE_RESET_SUBSTATE {
    ExpectingReset,
    ExpectingResetId,
    ExpectingGetDeviceIdACK,
    ExpectingGetDeviceIdValue,
    CustomHookStateMinimum = 100,
    CustomHookStateMaximum = 999,
    I8042ReservedMinimum = 1000
} MOUSE_RESET_SUBSTATE, *PMOUSE_RESET_SUBSTATE;

typedef enum _TRANSMIT_STATE {
    Idle = 0,
    SendingBytes
} TRANSMIT_STATE;

/* Bytes being written to the device. */
typedef struct _OUTPUT_PACKET {
    PUCHAR Bytes;
    ULONG CurrentByte;
    ULONG ByteCount;
    TRANSMIT_STATE State;
} OUTPUT_PACKET, *POUTPUT_PACKET;

typedef NTSTATUS (*PI8042_SYNCH_READ_PORT)(PVOID Context, PUCHAR Value, BOOLEAN WaitForACK);
typedef NTSTATUS (*PI8042_SYNCH_WRITE_PORT)(PVOID Context, UCHAR Value, BOOLEAN WaitForACK);
typedef VOID (*PI8042_ISR_WRITE_PORT)(PVOID Context, UCHAR Value);
typedef VOID (*PI8042_QUEUE_PACKET)(PVOID Context);

typedef NTSTATUS (*PI8042_KEYBOARD_INITIALIZATION_ROUTINE)(PVOID InitializationContext,
                                                           PVOID SynchFuncContext,
                                                           PI8042_SYNCH_READ_PORT ReadPort,
                                                           PI8042_SYNCH_WRITE_PORT WritePort,
                                                           PBOOLEAN TurnTranslationOn);
typedef BOOLEAN (*PI8042_KEYBOARD_ISR)(PVOID IsrContext, PKEYBOARD_INPUT_DATA CurrentInput,
                                       POUTPUT_PACKET CurrentOutput, UCHAR StatusByte, PUCHAR Byte,
                                       PBOOLEAN ContinueProcessing, PKEYBOARD_SCAN_STATE ScanState);
typedef BOOLEAN (*PI8042_MOUSE_ISR)(PVOID IsrContext, PMOUSE_INPUT_DATA CurrentInput,
                                    POUTPUT_PACKET CurrentOutput, UCHAR StatusByte, PUCHAR Byte,
                                    PBOOLEAN ContinueProcessing, PMOUSE_STATE MouseState,
                                    PMOUSE_RESET_SUBSTATE ResetSubState);

/* IOCTL_INTERNAL_I8042_HOOK_KEYBOARD: filled in by the filter on its way down; i8042prt fills
 * IsrWritePort, QueueKeyboardPacket and CallContext. */
typedef struct _INTERNAL_I8042_HOOK_KEYBOARD {
    PVOID Context;
    PI8042_KEYBOARD_INITIALIZATION_ROUTINE InitializationRoutine;
    PI8042_KEYBOARD_ISR IsrRoutine;
    PI8042_ISR_WRITE_PORT IsrWritePort;
    PI8042_QUEUE_PACKET QueueKeyboardPacket;
    PVOID CallContext;
} INTERNAL_I8042_HOOK_KEYBOARD, *PINTERNAL_I8042_HOOK_KEYBOARD;

typedef struct _INTERNAL_I8042_HOOK_MOUSE {
    PVOID Context;
    PI8042_MOUSE_ISR IsrRoutine;
    PI8042_ISR_WRITE_PORT IsrWritePort;
    PI8042_QUEUE_PACKET QueueMousePacket;
    PVOID CallContext;
} INTERNAL_I8042_HOOK_MOUSE, *PINTERNAL_I8042_HOOK_MOUSE;

typedef struct _INTERNAL_I8042_START_INFORMATION {
    ULONG Size;
    PKINTERRUPT InterruptObject;
    ULONG Reserved[8];
} INTERNAL_I8042_START_INFORMATION, *PINTERNAL_I8042_START_INFORMATION;

#endif
