/*
 * wdf.h - the framework layer (KMDF) as the other layers see it: nothing yet. The framework
 * reaches drivers through its function table (WdfVersionBind, src/wdf/bind.c) and the I/O
 * manager through the dispatch routines it installs in a DRIVER_OBJECT, so no other layer
 * calls into it. Its own declarations are in wdf/wdf_private.h.
 */
#ifndef DRVHOST_WDF_H
#define DRVHOST_WDF_H

#endif
