/* math.h - the C library's math.h, with the integer absolute values Microsoft's math.h also
 * declares (abs, labs, llabs: "Required header <stdlib.h> or <math.h>"); the audio samples call
 * labs with only math.h included. They are glibc's (the loader lets a driver import abs, labs
 * and llabs, src/ldr/elf.c), declared by including the C library's stdlib.h, so math.h also
 * brings the rest of stdlib.h's declarations (malloc...: a driver that calls one of those is
 * refused at load, naming it). Deviation: labs takes the compiler's 64-bit long, not Windows'
 * 32-bit one, so a DWORD above 0x7FFFFFFF is not seen as negative as on Windows (labs(0xFFFFFFFF)
 * is 4294967295 here, 1 there). */
#ifndef DRVHOST_MATH_H
#define DRVHOST_MATH_H

#include_next <math.h>
#include <stdlib.h>

#endif
