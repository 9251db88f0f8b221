/*
 * stub_iface.c - stand-ins for the device-interface and notification hooks (s5-iface
 * implements them in interface.c and notify.c). Deleted at the merge.
 */
#include "pnp/pnp_private.h"

void pnp_iface_node_removed(struct pnp_node *node)
{
    (void)node;
}

NTSTATUS pnp_notify_target(struct pnp_node *node, const GUID *event)
{
    (void)node;
    (void)event;
    return STATUS_SUCCESS;
}

/* No interface is ever registered without interface.c. */
NTSTATUS pnp_interface_path(const GUID *guid, unsigned n, char **path)
{
    (void)guid;
    (void)n;
    *path = NULL;
    return STATUS_OBJECT_NAME_NOT_FOUND;
}
