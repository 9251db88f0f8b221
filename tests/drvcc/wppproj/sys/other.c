/* other.c - the wppproj driver's second traced source: the same control block through its own
 * .tmh. */
#include "wppproj.h"
#include "other.tmh"

NTSTATUS WppProjOther(void)
{
    TracePrint((TRACE_LEVEL_INFORMATION, PROJ_IO, "other source"));
    return STATUS_SUCCESS;
}
