/* basetsd.h - sized and pointer-sized integer types (x64, LLP64: LONG is 32 bits). The 64-bit ones
 * are __int64, as in the WDK: in C++ that is long, the type of size_t (msvc.h). */
#ifndef _BASETSD_H_
#define _BASETSD_H_

#include <msvc.h>

typedef signed char INT8, *PINT8;
typedef short INT16, *PINT16;
typedef int INT32, *PINT32;
typedef __int64 INT64, *PINT64;
typedef unsigned char UINT8, *PUINT8;
typedef unsigned short UINT16, *PUINT16;
typedef unsigned int UINT32, *PUINT32;
typedef unsigned __int64 UINT64, *PUINT64;
typedef int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32, DWORD32, *PDWORD32;
typedef __int64 LONG64, *PLONG64;
typedef unsigned __int64 ULONG64, *PULONG64, DWORD64, *PDWORD64;

typedef __int64 INT_PTR, *PINT_PTR;
typedef unsigned __int64 UINT_PTR, *PUINT_PTR;
typedef __int64 LONG_PTR, *PLONG_PTR;
typedef unsigned __int64 ULONG_PTR, *PULONG_PTR;
typedef int HALF_PTR, *PHALF_PTR;
typedef unsigned int UHALF_PTR, *PUHALF_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
typedef ULONG_PTR DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;

#define MAXUINT_PTR  (~((UINT_PTR)0))
#define MAXINT_PTR   ((INT_PTR)(MAXUINT_PTR >> 1))
#define MININT_PTR   (~MAXINT_PTR)
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR  ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MINLONG_PTR  (~MAXLONG_PTR)
#define MAXUHALF_PTR ((UHALF_PTR)~0)
#define MAXHALF_PTR  ((HALF_PTR)(MAXUHALF_PTR >> 1))
#define MINHALF_PTR  (~MAXHALF_PTR)
#define MAXSIZE_T    ((SIZE_T) ~((SIZE_T)0))
#define MAXSSIZE_T   ((SSIZE_T)(MAXSIZE_T >> 1))
#define MINSSIZE_T   ((SSIZE_T)~MAXSSIZE_T)
#define MAXUINT8     ((UINT8) ~((UINT8)0))
#define MAXINT8      ((INT8)(MAXUINT8 >> 1))
#define MININT8      ((INT8)~MAXINT8)
#define MAXUINT16    ((UINT16) ~((UINT16)0))
#define MAXINT16     ((INT16)(MAXUINT16 >> 1))
#define MININT16     ((INT16)~MAXINT16)
#define MAXUINT32    ((UINT32) ~((UINT32)0))
#define MAXINT32     ((INT32)(MAXUINT32 >> 1))
#define MININT32     ((INT32)~MAXINT32)
#define MAXUINT64    ((UINT64) ~((UINT64)0))
#define MAXINT64     ((INT64)(MAXUINT64 >> 1))
#define MININT64     ((INT64)~MAXINT64)
#define MAXULONG32   ((ULONG32) ~((ULONG32)0))
#define MAXLONG32    ((LONG32)(MAXULONG32 >> 1))
#define MINLONG32    ((LONG32)~MAXLONG32)
#define MAXULONG64   ((ULONG64) ~((ULONG64)0))
#define MAXLONG64    ((LONG64)(MAXULONG64 >> 1))
#define MINLONG64    ((LONG64)~MAXLONG64)

#define HandleToULong(h)  ((ULONG)(ULONG_PTR)(h))
#define HandleToLong(h)   ((LONG)(LONG_PTR)(h))
#define ULongToHandle(ul) ((HANDLE)(ULONG_PTR)(ul))
#define LongToHandle(h)   ((HANDLE)(LONG_PTR)(h))
#define PtrToUlong(p)     ((ULONG)(ULONG_PTR)(p))
#define PtrToLong(p)      ((LONG)(LONG_PTR)(p))
#define PtrToUint(p)      ((UINT)(UINT_PTR)(p))
#define PtrToInt(p)       ((INT)(INT_PTR)(p))
#define PtrToUshort(p)    ((unsigned short)(ULONG_PTR)(p))
#define PtrToShort(p)     ((short)(LONG_PTR)(p))
#define IntToPtr(i)       ((VOID *)(INT_PTR)((int)(i)))
#define UIntToPtr(ui)     ((VOID *)(UINT_PTR)((unsigned int)(ui)))
/* Through the 32-bit LONG and ULONG (Windows' long): GCC's long is 64 bits on x64 Linux, and
 * LongToPtr(0x80000000u) must sign-extend as it does on Windows. */
#define LongToPtr(l)   ((VOID *)(LONG_PTR)((LONG)(l)))
#define ULongToPtr(ul) ((VOID *)(ULONG_PTR)((ULONG)(ul)))
/* The WDK's other spellings. */
#define UlongToPtr(ul)    ULongToPtr(ul)
#define UintToPtr(ui)     UIntToPtr(ui)
#define UlongToHandle(ul) ULongToHandle(ul)
#define HandleToUlong(h)  HandleToULong(h)
#define PtrToPtr64(p)     ((void *)(p))
#define Ptr64ToPtr(p)     ((void *)(p))

#endif
