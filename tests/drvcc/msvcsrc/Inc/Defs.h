/* Defs.h - MSVC spellings in a project header: the sized-integer suffixes, __FUNCTION__ as a
   string literal in a macro, wide stringizing on a continuation line (1i64 in a comment). */
#pragma once
#define ALL_ONES         0xffffffffffffffffI64
#define HIGH_BIT         0x8000000000000000ui64
#define TRACE_TEXT(text) ("Entering " __FUNCTION__ ": " text)
#define WIDEN(x)         L#x
/* MSVC drops the comma before an empty __VA_ARGS__. */
#define PICK(x, ...)        Pick(x, __VA_ARGS__)
#define PICK_PASTED(x, ...) Pick(x, ##__VA_ARGS__)
#if 5i64 > 3 && 0x10UI64 == 16
#define IF_LINE_OK 1
#else
#define IF_LINE_OK 0
#endif
/* A string literal pasted onto a macro argument (MSVC keeps the two tokens side by side: two
   literals concatenate); a paste onto a literal's prefix stays a paste. */
#define PREFIXED(str)   "pre: "##str "!"
#define WIDE_PASTE(str) L##str
/* The comma at the end of a continued line, __VA_ARGS__ at the start of the next. */
/* clang-format off */
#define PICK_NEXT_LINE(x, ...) \
    Pick(x,                    \
         __VA_ARGS__)
/* clang-format on */
