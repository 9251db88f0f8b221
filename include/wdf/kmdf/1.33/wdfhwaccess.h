/*
 * wdfhwaccess.h - WDF_READ_REGISTER_xxx / WDF_WRITE_REGISTER_xxx (and their _BUFFER_ forms):
 * a framework driver's access to the device registers it mapped. Registers are memory to
 * drvhost (a driver's "mapped" registers are whatever memory the driver or its test maps), so
 * each access is one volatile load or store of the register's width, in order; Device is not
 * used (Windows uses it only for UMDF's register access and Driver Verifier's checks). The
 * port forms (WDF_READ_PORT_xxx, WDF_WRITE_PORT_xxx) call wdm.h's READ_PORT_xxx /
 * WRITE_PORT_xxx: drvhost's modelled ports (docs/interrupts.md "I/O ports").
 */
#ifndef _WDFHWACCESS_H_
#define _WDFHWACCESS_H_

#define WDF_HWACCESS_REGISTER(suffix, type)                                                        \
    FORCEINLINE type WDF_READ_REGISTER_##suffix(WDFDEVICE Device, type *Register)                  \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        return *(volatile type *)Register;                                                         \
    }                                                                                              \
    FORCEINLINE VOID WDF_WRITE_REGISTER_##suffix(WDFDEVICE Device, type *Register, type Value)     \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        *(volatile type *)Register = Value;                                                        \
    }                                                                                              \
    FORCEINLINE VOID WDF_READ_REGISTER_BUFFER_##suffix(WDFDEVICE Device, type *Register,           \
                                                       type *Buffer, ULONG Count)                  \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        for (ULONG i = 0; i < Count; i++)                                                          \
            Buffer[i] = *(volatile type *)Register;                                                \
    }                                                                                              \
    FORCEINLINE VOID WDF_WRITE_REGISTER_BUFFER_##suffix(WDFDEVICE Device, type *Register,          \
                                                        type *Buffer, ULONG Count)                 \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        for (ULONG i = 0; i < Count; i++)                                                          \
            *(volatile type *)Register = Buffer[i];                                                \
    }

WDF_HWACCESS_REGISTER(UCHAR, UCHAR)
WDF_HWACCESS_REGISTER(USHORT, USHORT)
WDF_HWACCESS_REGISTER(ULONG, ULONG)
WDF_HWACCESS_REGISTER(ULONG64, ULONG64)
#undef WDF_HWACCESS_REGISTER

#define WDF_HWACCESS_PORT(suffix, type)                                                            \
    FORCEINLINE type WDF_READ_PORT_##suffix(WDFDEVICE Device, type *Port)                          \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        return READ_PORT_##suffix(Port);                                                           \
    }                                                                                              \
    FORCEINLINE VOID WDF_WRITE_PORT_##suffix(WDFDEVICE Device, type *Port, type Value)             \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        WRITE_PORT_##suffix(Port, Value);                                                          \
    }                                                                                              \
    FORCEINLINE VOID WDF_READ_PORT_BUFFER_##suffix(WDFDEVICE Device, type *Port, type *Buffer,     \
                                                   ULONG Count)                                    \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        READ_PORT_BUFFER_##suffix(Port, Buffer, Count);                                            \
    }                                                                                              \
    FORCEINLINE VOID WDF_WRITE_PORT_BUFFER_##suffix(WDFDEVICE Device, type *Port, type *Buffer,    \
                                                    ULONG Count)                                   \
    {                                                                                              \
        UNREFERENCED_PARAMETER(Device);                                                            \
        WRITE_PORT_BUFFER_##suffix(Port, Buffer, Count);                                           \
    }

WDF_HWACCESS_PORT(UCHAR, UCHAR)
WDF_HWACCESS_PORT(USHORT, USHORT)
WDF_HWACCESS_PORT(ULONG, ULONG)
#undef WDF_HWACCESS_PORT

#endif
