/* limits.h - the C library's limits, with the sized-integer limits of Microsoft's limits.h
 * (Microsoft's "Integer Limits": _I8_MIN ... _UI64_MAX), which drivers use (audio's
 * ToneGenerator.cpp: _I32_MAX, _I16_MAX). The standard names are the compiler's and glibc's:
 * LONG_MAX and ULONG_MAX describe GCC's 64-bit long, not Windows' 32-bit one (a deviation
 * older than this header). Plain constants, as MSVC's, so that #if can test them; their types
 * are int, unsigned int, long long and unsigned long long (MSVC's sized suffixes: i8 and i16
 * values are int after promotion in any expression). */
/* Outside the guard: GCC's limits.h comes back here through its syslimits.h (an #include_next
 * that restarts the search), and must then reach the next limits.h again, which includes
 * glibc's (PATH_MAX...). */
#include_next <limits.h>

#ifndef DRVHOST_LIMITS_H
#define DRVHOST_LIMITS_H

#ifndef _I8_MIN
#define _I8_MIN   (-127 - 1)
#define _I8_MAX   127
#define _UI8_MAX  0xff
#define _I16_MIN  (-32767 - 1)
#define _I16_MAX  32767
#define _UI16_MAX 0xffff
#define _I32_MIN  (-2147483647 - 1)
#define _I32_MAX  2147483647
#define _UI32_MAX 0xffffffffu
#define _I64_MIN  (-9223372036854775807LL - 1)
#define _I64_MAX  9223372036854775807LL
#define _UI64_MAX 0xffffffffffffffffULL
#endif

#endif
