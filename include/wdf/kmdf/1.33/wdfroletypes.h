/*
 * wdfroletypes.h - object-type-specific function types for the cleanup and destroy callbacks
 * (KMDF 1.9 on; the EvtCleanupCallback and EvtDestroyCallback pages list them). drvhost
 * declares them with their objects (EVT_WDF_DEVICE_CONTEXT_CLEANUP and the file object's in
 * wdfdevice.h, the queue's in wdfio.h); this header exists because the WDK's wdf.h includes it
 * and a driver may include it by name.
 */
#ifndef _WDFROLETYPES_H_
#define _WDFROLETYPES_H_

#include <wdf.h>

#endif
