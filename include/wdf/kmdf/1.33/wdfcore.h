/*
 * wdfcore.h - small framework helpers shared by the object headers.
 */
#ifndef _WDFCORE_H_
#define _WDFCORE_H_

/* Rounds a size up to a multiple of the (power of two) alignment. */
FORCEINLINE size_t WDF_ALIGN_SIZE_UP(size_t Length, size_t AlignTo)
{
    return (Length + AlignTo - 1) & ~(AlignTo - 1);
}

FORCEINLINE size_t WDF_ALIGN_SIZE_DOWN(size_t Length, size_t AlignTo)
{
    return Length & ~(AlignTo - 1);
}

#define WDF_PTR_ADD_OFFSET_TYPE(_ptr, _offset, _type) ((_type)(((PUCHAR)(_ptr)) + (_offset)))
#define WDF_PTR_ADD_OFFSET(_ptr, _offset)             WDF_PTR_ADD_OFFSET_TYPE(_ptr, _offset, PVOID)

/* Time values for WdfTimerStart and the wait routines, in 100-nanosecond units: negative is
 * relative to now, positive an absolute system time. */
#define WDF_TIMEOUT_TO_SEC ((LONGLONG)1 * 10 * 1000 * 1000)
#define WDF_TIMEOUT_TO_MS  ((LONGLONG)1 * 10 * 1000)
#define WDF_TIMEOUT_TO_US  ((LONGLONG)1 * 10)

FORCEINLINE LONGLONG WDF_REL_TIMEOUT_IN_SEC(ULONGLONG Time)
{
    return (LONGLONG)-1 * (LONGLONG)Time * WDF_TIMEOUT_TO_SEC;
}

FORCEINLINE LONGLONG WDF_ABS_TIMEOUT_IN_SEC(ULONGLONG Time)
{
    return (LONGLONG)Time * WDF_TIMEOUT_TO_SEC;
}

FORCEINLINE LONGLONG WDF_REL_TIMEOUT_IN_MS(ULONGLONG Time)
{
    return (LONGLONG)-1 * (LONGLONG)Time * WDF_TIMEOUT_TO_MS;
}

FORCEINLINE LONGLONG WDF_ABS_TIMEOUT_IN_MS(ULONGLONG Time)
{
    return (LONGLONG)Time * WDF_TIMEOUT_TO_MS;
}

FORCEINLINE LONGLONG WDF_REL_TIMEOUT_IN_US(ULONGLONG Time)
{
    return (LONGLONG)-1 * (LONGLONG)Time * WDF_TIMEOUT_TO_US;
}

FORCEINLINE LONGLONG WDF_ABS_TIMEOUT_IN_US(ULONGLONG Time)
{
    return (LONGLONG)Time * WDF_TIMEOUT_TO_US;
}

#endif
