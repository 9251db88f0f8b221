/* wppproj.h - what both sources of the wppproj driver include before their .tmh. */
#ifndef WPPPROJ_H
#define WPPPROJ_H

#include <wdm.h>
#include <evntrace.h>
#include "WppCtl.h"
#include "trace_cfg.h"

NTSTATUS WppProjOther(void);

#endif
