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

#endif
