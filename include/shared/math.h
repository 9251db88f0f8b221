/* math.h - the C library's math.h, with the integer absolute values Microsoft's math.h also
 * declares (abs, labs, llabs: "Required header <stdlib.h> or <math.h>"); the audio samples call
 * labs with only math.h included. They are glibc's (the loader lets a driver import abs, labs
 * and llabs, src/ldr/elf.c). Deviation: labs takes the compiler's 64-bit long, not Windows' 32-bit
 * one, so a DWORD above 0x7FFFFFFF is not seen as negative as on Windows (labs(0xFFFFFFFF) is
 * 4294967295 here, 1 there). */
#ifndef DRVHOST_MATH_H
#define DRVHOST_MATH_H

#include_next <math.h>

#ifndef __THROW
#define __THROW
#endif
#ifdef __cplusplus
extern "C" {
#endif
extern int abs(int __x) __THROW __attribute__((__const__));
extern long int labs(long int __x) __THROW __attribute__((__const__));
extern long long int llabs(long long int __x) __THROW __attribute__((__const__));
#ifdef __cplusplus
}
#endif

#endif
