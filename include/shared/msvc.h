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
#ifndef __pragma /* clang with -fms-extensions has it built in */
#define __pragma(x) _Pragma(#x)
#endif

#define __int8 char
#define __int16 short
#define __int32 int
/* __int64: in C++, `long`, the type of size_t, ptrdiff_t and int64_t on LP64 Linux. On Windows x64
 * size_t, SIZE_T, ULONG_PTR, ULONG64 and ULONGLONG are all unsigned __int64, one type, so a
 * driver passes a size_t * where a PSIZE_T is expected (WDF's prototypes take size_t, drivers
 * declare SIZE_T) and C++ requires the same type. basetsd.h and ntdef.h build every 64-bit
 * type on __int64, so in C++ they are all long / unsigned long, as size_t is: same size,
 * alignment and calling convention as long long. In C they stay long long (C only warns on the
 * pointer mismatch, and printf formats such as %llu keep their type). Deviation: a C++ driver
 * that writes `long long` itself gets a type distinct from __int64 and LONGLONG (on Windows they
 * are one type). Pinned by tests/headers/cxx_profile.cpp. */
#ifdef __cplusplus
#define __int64 long
#else
#define __int64 long long
#endif
#define __inline inline
#ifdef __cplusplus
#define __forceinline inline /* as FORCEINLINE (ntdef.h): no storage class in C++ */
#else
#define __forceinline static inline
#endif
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

#ifdef __cplusplus
/*
 * `new (args) T[n]` when the driver declares a placement operator new for args but no operator
 * new[]: MSVC falls back on the scalar operator new (Microsoft's documentation: the global
 * operator new serves arrays of any type; the WDK's samples rely on it: audio's
 * `new (POOL_FLAG_NON_PAGED, TAG) ULONG[n]` with only `operator new(size_t, POOL_FLAGS, ULONG)`),
 * where g++ requires an operator new[]. This template is that fallback: an operator new[] for
 * any placement arguments, which calls the operator new that accepts them. It steps aside
 * (SFINAE) when the driver declares an operator new[] those arguments can call, so the driver's
 * own array form is used, as MSVC uses it, even where the template would match better (a tag
 * given as an int literal for a ULONG parameter).
 *
 * How: inside a template an unqualified call sees only what was declared before the template
 * plus what argument-dependent lookup finds at instantiation, and the driver's operator new is
 * declared after this header with parameters of fundamental types, which have no associated
 * namespace. So each argument is passed wrapped in __drvhost_new_arg<T> (declared in the global
 * namespace, converting back to T): argument-dependent lookup then finds every global operator
 * new and operator new[] the driver declared before the new-expression. Wrapped arguments never
 * select the template itself (no recursion). The elements are constructed and destroyed by the
 * new-expression as usual; the allocation has the array's size (with g++'s array cookie for a
 * type with a destructor, as MSVC's). extern "C++": the public headers may be included inside
 * extern "C".
 */
/* g++ 11 and later pair allocation and deallocation by name and warn (-Wmismatched-new-delete)
 * when `delete[]` frees what this template allocated: MSVC pairs them so, the warning is off
 * in C++ driver code (which also silences it for a real mismatch, new T / delete[]). */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
extern "C++" {
template <class T> struct __drvhost_new_arg {
    T value;
    operator T() const
    {
        return value;
    }
};
template <class T> struct __drvhost_new_wrapped {
    static const bool value = false;
};
template <class T> struct __drvhost_new_wrapped<__drvhost_new_arg<T>> {
    static const bool value = true;
};
template <class... A> struct __drvhost_new_plain {
    static const bool value = true;
};
template <class A1, class... A> struct __drvhost_new_plain<A1, A...> {
    static const bool value = !__drvhost_new_wrapped<A1>::value && __drvhost_new_plain<A...>::value;
};
/* true when an operator new[] other than the fallback accepts the arguments. */
template <class V, class... A> struct __drvhost_new_has_array {
    static const bool value = false;
};
template <class... A>
struct __drvhost_new_has_array<decltype((void)operator new[](sizeof(0), __drvhost_new_arg<A>{}...)),
                               A...>
{
    static const bool value = true;
};
/* Evaluated only for plain (unwrapped) arguments: the fallback's own candidacy for wrapped ones
 * would recurse. */
template <bool Plain, class... A> struct __drvhost_new_fallback {
    static const bool value = false;
};
template <class... A> struct __drvhost_new_fallback<true, A...> {
    typedef __drvhost_new_has_array<void, A...> array_form;
    static const bool value = !array_form::value;
};
template <bool B> struct __drvhost_new_if {};
template <> struct __drvhost_new_if<true> {
    typedef int type;
};
template <class... A> struct __drvhost_new_use_fallback {
    typedef __drvhost_new_fallback<__drvhost_new_plain<A...>::value, A...> decision;
    static const bool value = decision::value;
};
template <class A1, class... A,
          typename __drvhost_new_if<__drvhost_new_use_fallback<A1, A...>::value>::type = 0>
inline void *operator new[](decltype(sizeof(0)) size, A1 a1, A... a)
{
    return operator new (size, __drvhost_new_arg<A1>{a1}, __drvhost_new_arg<A>{a}...);
}
}
#endif

#endif
