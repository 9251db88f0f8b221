/*
 * pnp.c - the PnP manager's fatal checks: bug check 0xCA PNP_DETECTED_FATAL_ERROR, raised
 * while the manager handles what a driver gave it (its frames may be gone: the report names
 * the check and the device).
 */
#include "vf/vf.h"

#include <stdarg.h>
#include <stdio.h>

void vf_pnp_fatal(ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ke_bugcheck_msg(BUGCODE_PNP_DETECTED_FATAL_ERROR, p1, p2, p3, p4, "%s", text);
}
