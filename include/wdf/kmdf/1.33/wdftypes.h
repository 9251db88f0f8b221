/*
 * wdftypes.h - the framework's basic types: object handles, WDF_TRI_STATE, the "no value"
 * constants and the calling-convention macros of the framework's headers.
 */
#ifndef _WDFTYPES_H_
#define _WDFTYPES_H_

#include <wdm.h>

#define WDF_EXTERN_C
#define WDF_EXTERN_C_START
#define WDF_EXTERN_C_END
#define WDFAPI
#define WDFEXPORT(a) imp_##a
#define STDCALL

/* As ntdef.h: without STRICT (the WDK's kernel-mode builds do not define it) a handle type is
 * HANDLE itself, so a routine declared with PVOID and defined with WDFDEVICE is one type (the
 * toaster bus sample does this); with STRICT each handle is a distinct pointer type. */
#ifndef DECLARE_HANDLE
#ifdef STRICT
#define DECLARE_HANDLE(name)                                                                       \
    struct name##__ {                                                                              \
        int unused;                                                                                \
    };                                                                                             \
    typedef struct name##__ *name
#else
#define DECLARE_HANDLE(name) typedef HANDLE name
#endif
#endif

typedef HANDLE WDFOBJECT, *PWDFOBJECT;
typedef PVOID WDFCONTEXT;

DECLARE_HANDLE(WDFDRIVER);
DECLARE_HANDLE(WDFDEVICE);
DECLARE_HANDLE(WDFWMIPROVIDER);
DECLARE_HANDLE(WDFWMIINSTANCE);
DECLARE_HANDLE(WDFQUEUE);
DECLARE_HANDLE(WDFREQUEST);
DECLARE_HANDLE(WDFFILEOBJECT);
DECLARE_HANDLE(WDFDPC);
DECLARE_HANDLE(WDFTIMER);
DECLARE_HANDLE(WDFWORKITEM);
DECLARE_HANDLE(WDFINTERRUPT);
DECLARE_HANDLE(WDFWAITLOCK);
DECLARE_HANDLE(WDFSPINLOCK);
DECLARE_HANDLE(WDFMEMORY);
DECLARE_HANDLE(WDFLOOKASIDE);
DECLARE_HANDLE(WDFIOTARGET);
DECLARE_HANDLE(WDFUSBDEVICE);
DECLARE_HANDLE(WDFUSBINTERFACE);
DECLARE_HANDLE(WDFUSBPIPE);
DECLARE_HANDLE(WDFDMAENABLER);
DECLARE_HANDLE(WDFDMATRANSACTION);
DECLARE_HANDLE(WDFCOMMONBUFFER);
DECLARE_HANDLE(WDFKEY);
DECLARE_HANDLE(WDFSTRING);
DECLARE_HANDLE(WDFCOLLECTION);
DECLARE_HANDLE(WDFCHILDLIST);
DECLARE_HANDLE(WDFIORESREQLIST);
DECLARE_HANDLE(WDFIORESLIST);
DECLARE_HANDLE(WDFCMRESLIST);
DECLARE_HANDLE(WDFCOMPANIONTARGET);

typedef enum _WDF_TRI_STATE {
    WdfFalse = FALSE,
    WdfTrue = TRUE,
    WdfUseDefault = 2,
} WDF_TRI_STATE, *PWDF_TRI_STATE;

#define WDF_NO_OBJECT_ATTRIBUTES (NULL)
#define WDF_NO_EVENT_CALLBACK    (NULL)
#define WDF_NO_HANDLE            (NULL)
#define WDF_NO_CONTEXT           (NULL)
#define WDF_NO_SEND_OPTIONS      (NULL)

/* The pool tag the framework uses when a driver gives none (WDF_DRIVER_CONFIG.DriverPoolTag). */
#define WDF_DEFAULT_POOL_TAG 'FDW'

#endif
