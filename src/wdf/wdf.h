/*
 * wdf.h - the framework layer (KMDF) as the other layers see it. The framework
 * reaches drivers through its function table (WdfVersionBind, src/wdf/bind.c) and the I/O
 * manager through the dispatch routines it installs in a DRIVER_OBJECT, so no other layer
 * calls into it but the host, for UcmCx's connectors. Its own declarations are in
 * wdf/wdf_private.h.
 */
#ifndef DRVHOST_WDF_H
#define DRVHOST_WDF_H

#include <drvhost/drvhost.h>

/* UcmCx (ucmcx.c): the host's view of the connectors and its role swap requests (the
 * drvhost_ucm_* routines of drvhost.h, which these implement). */
NTSTATUS wdf_ucm_connector_query(ULONGLONG id, drvhost_ucm_connector *out);
NTSTATUS wdf_ucm_set_role(ULONGLONG id, BOOLEAN power, ULONG role);

#endif
