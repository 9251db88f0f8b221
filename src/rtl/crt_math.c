/*
 * crt_math.c - the kernel CRT's arithmetic a driver imports (drvhost_crt.h: abs, sin, cos as
 * drvhost_crt_abs, drvhost_crt_sin, drvhost_crt_cos): the host C library's. On Windows a driver
 * links them from libcntpr.lib and calls them with the floating-point state saved
 * (KeSaveFloatingPointState); a user-mode thread's state needs no saving.
 */
#include <math.h>
#include <stdlib.h>

#include <wdm.h>

int __cdecl drvhost_crt_abs(int value)
{
    return abs(value);
}

double __cdecl drvhost_crt_sin(double x)
{
    return sin(x);
}

double __cdecl drvhost_crt_cos(double x)
{
    return cos(x);
}
