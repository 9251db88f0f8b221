/*
 * msvc.h - the Microsoft C dialect that driver source uses, mapped onto GCC.
 *
 * Included first by every public header. Covers __declspec, the integer keywords, inline and
 * calling-convention keywords and the intrinsics drivers call directly.
 */
#ifndef DRVHOST_MSVC_H
#define DRVHOST_MSVC_H

#if !defined(__x86_64__) && !defined(__aarch64__)
#error "drvhost models the x64 kernel: build for a 64-bit target"
#endif

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
/* C++ driver sources (the kernel C++ profile): the C spelling our headers use. */
#define _Static_assert static_assert
#endif

_Static_assert(sizeof(wchar_t) == 2,
               "driver code must be compiled with -fshort-wchar (drvcc does)");

#ifndef _AMD64_
#define _AMD64_ 1
#endif
#ifndef _WIN64
#define _WIN64 1
#endif
#ifndef NTDDI_VERSION
#define NTDDI_VERSION 0x0A00000C /* NTDDI_WIN10_NI */
#endif
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00
#endif
#ifndef WINVER
#define WINVER 0x0A00
#endif

/* What the Microsoft compiler accepts (a T** passed for a PVOID*, a return of the wrong kind)
 * stays a warning with compilers that made it an error; the driver profile does the same for
 * the options every supported compiler knows (cmake/DriverProfile.cmake). */
#if defined(__clang__)
#if __has_warning("-Wincompatible-function-pointer-types")
#pragma clang diagnostic warning "-Wincompatible-function-pointer-types"
#endif
#elif defined(__GNUC__) && __GNUC__ >= 14 && !defined(__cplusplus)
#pragma GCC diagnostic warning "-Wreturn-mismatch"
#pragma GCC diagnostic warning "-Wdeclaration-missing-parameter-type"
#endif

/* __declspec(x): each form maps to its GCC attribute by token pasting. */
#define __declspec(x) __DRVHOST_DECLSPEC_##x
#define __DRVHOST_DECLSPEC_align(n)  __attribute__((aligned(n)))
#define __DRVHOST_DECLSPEC_noinline  __attribute__((noinline))
#define __DRVHOST_DECLSPEC_noreturn  __attribute__((noreturn))
#define __DRVHOST_DECLSPEC_selectany __attribute__((weak))
#define __DRVHOST_DECLSPEC_dllexport __attribute__((visibility("default")))
#define __DRVHOST_DECLSPEC_dllimport
#define __DRVHOST_DECLSPEC_deprecated __attribute__((deprecated))
#define __DRVHOST_DECLSPEC_restrict
#define __DRVHOST_DECLSPEC_noalias
#define __DRVHOST_DECLSPEC_novtable
#define __DRVHOST_DECLSPEC_nothrow
#define __DRVHOST_DECLSPEC_thread __thread
#define __DRVHOST_DECLSPEC_uuid(x)
#define __DRVHOST_DECLSPEC_code_seg(x)
#define __DRVHOST_DECLSPEC_allocate(x)
#define __DRVHOST_DECLSPEC_guard(x)
#define __DRVHOST_DECLSPEC_safebuffers
#define __DRVHOST_DECLSPEC_naked __attribute__((naked))

/* __pragma(x): MSVC's operator form of #pragma x, usable inside a macro; C99's _Pragma of the
 * spelled-out argument does the same. The pragmas GCC knows keep their meaning (pack, for a
 * structure's layout); the MSVC-only ones (warning(push), warning(disable: N)) are unknown
 * pragmas, which the driver profile ignores (-Wno-unknown-pragmas). */
#define __pragma(x) _Pragma(#x)

#define __int8 char
#define __int16 short
#define __int32 int
#define __int64 long long
#define __inline inline
#define __forceinline static inline
#define __unaligned
#define __ptr64
#define __ptr32
#define __stdcall
#define __cdecl
#define __fastcall
#define __w64

#define __assume(x) ((void)0)
#define __noop(...) ((void)0)
/* __annotation(L"Kind", L"Text", ...): MSVC records its strings in the debug information
 * (the debugger's .exr shows them); no debug record here, so the arguments are discarded
 * unevaluated, as MSVC evaluates none of them either. */
#define __annotation(...)         ((void)0)
#define __debugbreak()            __builtin_trap()
#define _ReturnAddress()          __builtin_return_address(0)
#define _AddressOfReturnAddress() ((void *)((char *)__builtin_frame_address(0) + sizeof(void *)))
#define __FUNCDNAME__ __func__
#define _countof(a) (sizeof(a) / sizeof((a)[0]))

#endif
