/*
 * windef.h - the basic Windows definitions that kernel-mode code sharing source with user mode
 * includes after <wdm.h> (audio, AVStream, display samples): minwindef.h's handle and message
 * types and windef.h's geometry structures (Microsoft's names and x64 layouts, as the Win32
 * windef.h reference documents them: RECT, POINT, SIZE, ...).
 *
 * drvhost: the base types of minwindef.h (BOOL, BYTE, WORD, DWORD, INT, UINT, FLOAT, their
 * pointers, MAKELONG/LOWORD/..., WINAPI, CALLBACK, TRUE/FALSE) already come with <ntdef.h> in
 * drvhost, so this header adds only what ntdef.h lacks. The GDI and USER handle types are
 * declared because shared structures carry them; drvhost provides no routine that uses them.
 * Lower-case `near`/`far`/`pascal` (16-bit keywords the WDK still #defines empty) are left out:
 * as macros they would rewrite ordinary identifiers in C++ code.
 */
#ifndef _WINDEF_
#define _WINDEF_
#define _MINWINDEF_ /* minwindef.h's part is here too */

#include <ntdef.h>
#include <basetsd.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WINVER
#define WINVER 0x0A00
#endif

#define MAX_PATH 260

#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif
#define PASCAL
#define WINAPIV
#define WINAPI_INLINE WINAPI

/* The low and high 32 bits of a 64-bit value (as the Windows base headers define them). */
#define LODWORD(l) ((DWORD)(((DWORDLONG)(l)) & 0xffffffff))
#define HIDWORD(l) ((DWORD)((((DWORDLONG)(l)) >> 32) & 0xffffffff))

/* DECLARE_HANDLE: ntdef.h (HANDLE itself unless STRICT). */

/* ---- minwindef.h ----------------------------------------------------------------------------- */

typedef int *LPINT;
typedef LONG *LPLONG; /* LONG: 32 bits, as on Windows (long is 64 on Linux x64) */
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef WORD ATOM;
typedef int HFILE;
typedef HANDLE *SPHANDLE, *LPHANDLE;
typedef HANDLE HGLOBAL, HLOCAL, GLOBALHANDLE, LOCALHANDLE;
typedef INT_PTR(FAR WINAPI *FARPROC)(void);
typedef INT_PTR(NEAR WINAPI *NEARPROC)(void);
typedef INT_PTR(WINAPI *PROC)(void);
typedef void *HGDIOBJ;
typedef DWORD COLORREF, *LPCOLORREF;

DECLARE_HANDLE(HKEY);
typedef HKEY *PHKEY;
DECLARE_HANDLE(HMETAFILE);
DECLARE_HANDLE(HINSTANCE);
typedef HINSTANCE HMODULE;
DECLARE_HANDLE(HRGN);
DECLARE_HANDLE(HRSRC);
DECLARE_HANDLE(HSPRITE);
DECLARE_HANDLE(HLSURF);
DECLARE_HANDLE(HSTR);
DECLARE_HANDLE(HTASK);
DECLARE_HANDLE(HWINSTA);
DECLARE_HANDLE(HKL);

#define MAKEWPARAM(l, h)  ((WPARAM)(DWORD)MAKELONG(l, h))
#define MAKELPARAM(l, h)  ((LPARAM)(DWORD)MAKELONG(l, h))
#define MAKELRESULT(l, h) ((LRESULT)(DWORD)MAKELONG(l, h))

/* ---- windef.h -------------------------------------------------------------------------------- */

DECLARE_HANDLE(HWND);
DECLARE_HANDLE(HHOOK);
DECLARE_HANDLE(HACCEL);
DECLARE_HANDLE(HBITMAP);
DECLARE_HANDLE(HBRUSH);
DECLARE_HANDLE(HCOLORSPACE);
DECLARE_HANDLE(HDC);
DECLARE_HANDLE(HGLRC);
DECLARE_HANDLE(HDESK);
DECLARE_HANDLE(HENHMETAFILE);
DECLARE_HANDLE(HFONT);
DECLARE_HANDLE(HICON);
DECLARE_HANDLE(HMENU);
DECLARE_HANDLE(HPALETTE);
DECLARE_HANDLE(HPEN);
DECLARE_HANDLE(HWINEVENTHOOK);
DECLARE_HANDLE(HMONITOR);
DECLARE_HANDLE(HUMPD);
typedef HICON HCURSOR;

/* A rectangle by its edges; `right` and `bottom` are exclusive. */
typedef struct tagRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECT, *PRECT, NEAR *NPRECT, FAR *LPRECT;
typedef const RECT FAR *LPCRECT;

typedef struct _RECTL {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECTL, *PRECTL, *LPRECTL;
typedef const RECTL FAR *LPCRECTL;

typedef struct tagPOINT {
    LONG x;
    LONG y;
} POINT, *PPOINT, NEAR *NPPOINT, FAR *LPPOINT;

typedef struct _POINTL {
    LONG x;
    LONG y;
} POINTL, *PPOINTL;

typedef struct tagSIZE {
    LONG cx;
    LONG cy;
} SIZE, *PSIZE, *LPSIZE;
typedef SIZE SIZEL;
typedef SIZE *PSIZEL, *LPSIZEL;

/* A point in 16-bit coordinates (as packed into an LPARAM). */
typedef struct tagPOINTS {
    SHORT x;
    SHORT y;
} POINTS, *PPOINTS, *LPPOINTS;

#ifdef __cplusplus
}
#endif

#endif /* _WINDEF_ */
