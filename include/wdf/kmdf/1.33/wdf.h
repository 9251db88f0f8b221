/*
 * wdf.h - the Kernel-Mode Driver Framework, KMDF 1.33 (and 1.9 to 1.31): what a framework driver
 * includes after <ntddk.h> (or <wdm.h>). Microsoft's names, types and x64 layouts; every WdfXxx
 * routine is a FORCEINLINE wrapper that calls the framework through the driver's function table
 * (WdfFunctions, indexed by WDFFUNCENUM) with the driver's globals (WdfDriverGlobals) first,
 * as the WDK's headers do. `drvcc --kmdf` links the entry point (FxDriverEntry) that binds a
 * module to the framework and fills both.
 *
 * drvhost provides a first slice of the framework: see docs/wdf.md for what is implemented;
 * a table entry that is not implemented is the framework's bug check 0x10D naming the routine.
 */
#ifndef _WDF_H_
#define _WDF_H_

#include <wdm.h>
/* gkmdf: as the WDK's wdf.h, the SDDL_DEVOBJ_* strings of WdfControlDeviceInitAllocate and
 * WdfPdoInitAssignSDDLString come with it. */
#include <wdmsec.h>

#ifndef KMDF_VERSION_MAJOR
#define KMDF_VERSION_MAJOR 1
#endif
#ifndef KMDF_VERSION_MINOR
#define KMDF_VERSION_MINOR 33
#endif
/* One header tree serves KMDF 1.9 to 1.33: what grew after 1.9 (functions, structure members)
 * is there only from its version on (docs/wdf.md, "KMDF versions"). */
#if KMDF_VERSION_MAJOR != 1 || KMDF_VERSION_MINOR < 9 || KMDF_VERSION_MINOR > 33
#error                                                                                             \
    "drvhost's framework headers are KMDF 1.9 to 1.33 (KMDF_VERSION_MAJOR/MINOR; drvcc --kmdf-version 1.N)"
#endif

#include <wdftypes.h>
#include <wdfstatus.h>
#include <wdffuncenum.h>
#include <wdfglobals.h>
#include <wdfobject.h>
#include <wdfcore.h>
#include <wdfdriver.h>
#include <wdfmemory.h>
#include <wdfdevice.h>
#include <wdffileobject.h>
#include <wdfcontrol.h>
#include <wdfio.h>
#include <wdfrequest.h>
#include <wdfcollection.h>
#include <wdfstring.h>
#include <wdfregistry.h>
#include <wdfsync.h>
#include <wdftimer.h>
#include <wdfworkitem.h>
#include <wdfdpc.h>
#include <wdfinterrupt.h>
#include <wdfchildlist.h>
#include <wdfpdo.h>
#include <wdffdo.h>
#include <wdfresource.h>
#include <wdfiotarget.h>
/* whdr: the headers the WDK's wdf.h also includes (wdfusb.h and wdfminiport.h are included
 * by the drivers that use them). */
#include <wdfassert.h>
#include <wdfverifier.h>
#include <wdfbugcodes.h>
#include <wdfroletypes.h>
#include <wdfqueryinterface.h>
#include <wdfwmi.h>
#include <wdfdmaenabler.h>
#include <wdfdmatransaction.h>
#include <wdfcommonbuffer.h>
#include <wdfhwaccess.h>

#endif
