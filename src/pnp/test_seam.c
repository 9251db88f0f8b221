/*
 * test_seam.c - a test seam of the PnP manager for tests/po:
 *
 *  - drvhost_test_pnp_node / drvhost_test_pnp_node_free: a test seam for tests/po, which builds
 *    device nodes for stacks its potest driver made (the PnP manager does it from INF files and
 *    AddDevice). Exported because a white-box program cannot share libdrvhost.so's tree: taking
 *    pnp_node_create from the internal library copies the object manager too. At the merge the
 *    two functions move to src/pnp/tree.c (or tests/po moves to the PnP manager's devices).
 */
#include "pnp/pnp_private.h"

#include <drvhost/drvhost.h>

DRVHOST_API int32_t drvhost_test_pnp_node(void *parent_pdo, void *pdo, const char *instance_id,
                                          int started);
DRVHOST_API void drvhost_test_pnp_node_free(void *pdo);

/* A node for pdo under parent_pdo's node (NULL: under the root node, or the root itself when
 * there is none yet), started or stopped. */
DRVHOST_API int32_t drvhost_test_pnp_node(void *parent_pdo, void *pdo, const char *instance_id,
                                          int started)
{
    struct pnp_node *parent = parent_pdo != NULL ? pnp_node_of_pdo(parent_pdo) : pnp_root();
    struct pnp_node *node = NULL;
    NTSTATUS status;
    if (parent_pdo != NULL && parent == NULL)
        return STATUS_INVALID_PARAMETER_1;
    pnp_tree_lock();
    status = pnp_node_create(parent, pdo, instance_id, &node);
    if (NT_SUCCESS(status))
        node->state = started ? PNP_NODE_STARTED : PNP_NODE_STOPPED;
    pnp_tree_unlock();
    return status;
}

/* Frees pdo's node (it must have no children left). */
DRVHOST_API void drvhost_test_pnp_node_free(void *pdo)
{
    struct pnp_node *node = pnp_node_of_pdo(pdo);
    if (node == NULL)
        return;
    pnp_tree_lock();
    pnp_node_free(node);
    pnp_tree_unlock();
}
