/*
 * dma.c - what DMA Verification (0xE6) does on a violation; the checks are in src/io/dma.c and
 * the inline IRQL rule in vf.h.
 */
#include "vf/vf_private.h"

#include <stdarg.h>
#include <stdio.h>

void vf_dma_violation(ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DMA_VIOLATION, p1, p2, p3, p4, "%s", text);
}

void vf_dma_bad_irql(const char *ddi, KIRQL irql, BOOLEAN exact)
{
    KIRQL now = ke_irql();
    vf_dma_violation(VF_E6_BAD_IRQL, exact ? 1 : 2, irql, now,
                     "%s called at IRQL %u: it requires IRQL %s %u", ddi, now,
                     exact ? "==" : "<=", irql);
}
