/*
 * acx.h - the Audio Class eXtension (ACX) client interface: the object handle types, then the
 * per-object headers (acxrequest.h ... acxmanager.h) the reference folders wdk-ddi-src/content/
 * acx* describe: configuration structures and their _INIT helpers, callback types, enumerations
 * and the Acx* routines.
 *
 * drvhost has no ACX: in the WDK the Acx* routines reach the class extension through its
 * function table (bound by WdfVersionBindClass, indexed by ACXFUNCENUM); here they are plain
 * declarations marked DRVHOST_NOT_PROVIDED, so an ACX driver compiles (a call is a compiler
 * warning naming the routine) and the loader refuses the module, naming each routine it imports.
 *
 * Deviation: the ACX reference pages carry no syntax blocks. Names, field order, parameter order,
 * enumerator order and the few literal values (ACX_PROPERTY_ITEM_FLAG_*, ACX_METHOD_ITEM_FLAG_*)
 * come from the pages; field and parameter TYPES are inferred from the pages' prose (a "ULONG
 * value", "a pointer to ..."), so the layouts are not pinned against Windows (docs/wdf.md).
 * Flag enumerations without documented values take successive bits from 0x1.
 */
#ifndef _ACX_H_
#define _ACX_H_

#include <wdf.h>
#include <ks.h>
#include <ksmedia.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ACX objects are framework objects: WdfObject* routines and context accessors take them. */
DECLARE_HANDLE(ACXOBJECT);
DECLARE_HANDLE(ACXCIRCUIT);
DECLARE_HANDLE(ACXFACTORYCIRCUIT);
DECLARE_HANDLE(ACXSTREAM);
DECLARE_HANDLE(ACXSTREAMBRIDGE);
DECLARE_HANDLE(ACXPIN);
DECLARE_HANDLE(ACXJACK);
DECLARE_HANDLE(ACXMICARRAYGEOMETRY);
DECLARE_HANDLE(ACXELEMENT);
DECLARE_HANDLE(ACXVOLUME);
DECLARE_HANDLE(ACXMUTE);
DECLARE_HANDLE(ACXPEAKMETER);
DECLARE_HANDLE(ACXAUDIOENGINE);
DECLARE_HANDLE(ACXSTREAMAUDIOENGINE);
DECLARE_HANDLE(ACXKEYWORDSPOTTER);
DECLARE_HANDLE(ACXAUDIOMODULE);
DECLARE_HANDLE(ACXDATAFORMAT);
DECLARE_HANDLE(ACXDATAFORMATLIST);
DECLARE_HANDLE(ACXOBJECTBAG);
DECLARE_HANDLE(ACXEVENT);
DECLARE_HANDLE(ACXEVENTDATA);
DECLARE_HANDLE(ACXPNPEVENT);
DECLARE_HANDLE(ACXTARGETCIRCUIT);
DECLARE_HANDLE(ACXTARGETFACTORYCIRCUIT);
DECLARE_HANDLE(ACXTARGETPIN);
DECLARE_HANDLE(ACXTARGETELEMENT);
DECLARE_HANDLE(ACXTARGETSTREAM);
DECLARE_HANDLE(ACXMANAGER);
DECLARE_HANDLE(ACXCOMPOSITETEMPLATE);
DECLARE_HANDLE(ACXCIRCUITTEMPLATE);

/* The driver's own value handed back to a preprocess callback. */
typedef PVOID ACXCONTEXT;

/* Opaque initialisation blocks: allocated by ACX (AcxCircuitInitAllocate ...) or handed to a
 * create-stream callback; the driver never sees their content. */
typedef struct ACXCIRCUIT_INIT ACXCIRCUIT_INIT, *PACXCIRCUIT_INIT;
typedef struct ACXFACTORYCIRCUIT_INIT ACXFACTORYCIRCUIT_INIT, *PACXFACTORYCIRCUIT_INIT;
typedef struct ACXSTREAM_INIT ACXSTREAM_INIT, *PACXSTREAM_INIT;

/* The _INIT helper that only clears a structure and sets its Size, which most of them are. */
#define _ACX_SIZED_INIT(Type, Param)                                                               \
    FORCEINLINE VOID Type##_INIT(P##Type Param)                                                    \
    {                                                                                              \
        RtlZeroMemory(Param, sizeof(*Param));                                                      \
        Param->Size = sizeof(*Param);                                                              \
    }

#ifdef __cplusplus
}
#endif

#include <acxfuncenum.h>
#include <acxrequest.h>
#include <acxmisc.h>
#include <acxdataformat.h>
#include <acxdriver.h>
#include <acxdevice.h>
#include <acxevents.h>
#include <acxpin.h>
#include <acxelements.h>
#include <acxstreams.h>
#include <acxcircuit.h>
#include <acxtargets.h>
#include <acxmanager.h>

#endif /* _ACX_H_ */
