/*
 * tree.c - device nodes and the tree they form: creation, unlinking, look-up by instance ID and
 * by device object, the tree lock, and walking the started nodes for the power manager.
 *
 * The instance-ID look-up is a walk of the tree: trees are small (tens of nodes) and look-ups
 * happen on PnP actions, not on the I/O path.
 */
#include "pnp/pnp_private.h"

#include "io/io.h"
#include "ob/ob.h"
#include "os/os.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static os_mutex tree_lock = OS_MUTEX_INIT;
static struct pnp_node *root_node;

void pnp_tree_lock(void)
{
    os_mutex_lock(&tree_lock);
}

void pnp_tree_unlock(void)
{
    os_mutex_unlock(&tree_lock);
}

struct pnp_node *pnp_root(void)
{
    return root_node;
}

/* Depth first, parents before children: the next node after n, or NULL at the end. */
static struct pnp_node *next_preorder(struct pnp_node *n)
{
    if (n->child != NULL)
        return n->child;
    while (n != NULL && n->sibling == NULL)
        n = n->parent;
    return n != NULL ? n->sibling : NULL;
}

struct pnp_node *pnp_node_find(const char *instance_id)
{
    for (struct pnp_node *n = root_node; n != NULL; n = next_preorder(n))
        if (strcasecmp(n->instance_id, instance_id) == 0)
            return n;
    return NULL;
}

NTSTATUS pnp_device_pdo(const char *instance, PDEVICE_OBJECT *pdo)
{
    pnp_tree_lock();
    struct pnp_node *node = pnp_node_find(instance);
    *pdo = node != NULL ? node->pdo : NULL;
    if (*pdo != NULL)
        ObReferenceObject(*pdo);
    pnp_tree_unlock();
    return *pdo != NULL ? STATUS_SUCCESS : STATUS_NO_SUCH_DEVICE;
}

static void link_child(struct pnp_node *parent, struct pnp_node *node)
{
    struct pnp_node **tail = &parent->child;
    while (*tail != NULL) /* appended: children keep the order their bus reported them in */
        tail = &(*tail)->sibling;
    *tail = node;
    node->parent = parent;
    node->depth = parent->depth + 1;
}

NTSTATUS pnp_node_create(struct pnp_node *parent, PDEVICE_OBJECT pdo, const char *instance_id,
                         struct pnp_node **out)
{
    struct io_device *d = (struct io_device *)pdo;
    if (pnp_node_find(instance_id) != NULL)
        return STATUS_OBJECT_NAME_COLLISION;
    struct pnp_node *node = calloc(1, sizeof *node);
    if (node == NULL || (node->instance_id = strdup(instance_id)) == NULL) {
        free(node);
        return STATUS_NO_MEMORY;
    }
    node->pdo = pdo;
    ob_reference(pdo);
    d->pnp_node = node;
    if (parent != NULL)
        link_child(parent, node);
    else
        root_node = node;
    *out = node;
    return STATUS_SUCCESS;
}

static void unlink_node(struct pnp_node *node)
{
    if (node->parent == NULL) {
        root_node = NULL;
        return;
    }
    struct pnp_node **p = &node->parent->child;
    while (*p != node)
        p = &(*p)->sibling;
    *p = node->sibling;
}

void pnp_ids_free(char **ids)
{
    for (size_t i = 0; ids != NULL && ids[i] != NULL; i++)
        free(ids[i]);
    free(ids);
}

void pnp_node_free(struct pnp_node *node)
{
    unlink_node(node);
    ((struct io_device *)node->pdo)->pnp_node = NULL;
    ob_dereference(node->pdo);
    pnp_ids_free(node->hardware_ids);
    pnp_ids_free(node->compatible_ids);
    free(node->service);
    free(node->class_guid);
    free(node->description);
    free(node->instance_id);
    free(node);
}

struct pnp_node *pnp_node_of_pdo(PDEVICE_OBJECT pdo)
{
    return ((struct io_device *)pdo)->pnp_node;
}

struct pnp_node *pnp_node_of(PDEVICE_OBJECT device)
{
    /* The attachment chain is read under the tree lock: a stack of a node changes only while
     * the PnP thread builds or tears it down, which it does holding this lock for the links. */
    pnp_tree_lock();
    struct io_device *d = (struct io_device *)device;
    while (d->attached_to != NULL)
        d = (struct io_device *)d->attached_to;
    struct pnp_node *node = d->pnp_node;
    pnp_tree_unlock();
    return node;
}

/* ---- walking ------------------------------------------------------------------------- */

struct walk {
    PDEVICE_OBJECT *pdos; /* referenced */
    size_t n, cap;
    bool failed;
};

static void walk_add(struct walk *w, struct pnp_node *n)
{
    if (n->state != PNP_NODE_STARTED || w->failed)
        return;
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        PDEVICE_OBJECT *p = realloc(w->pdos, cap * sizeof *p);
        if (p == NULL) {
            w->failed = true;
            return;
        }
        w->pdos = p;
        w->cap = cap;
    }
    ob_reference(n->pdo);
    w->pdos[w->n++] = n->pdo;
}

static void walk_children_first(struct walk *w, struct pnp_node *n)
{
    for (struct pnp_node *c = n->child; c != NULL; c = c->sibling)
        walk_children_first(w, c);
    walk_add(w, n);
}

NTSTATUS pnp_walk_started(enum pnp_walk_order order, NTSTATUS (*fn)(PDEVICE_OBJECT, void *),
                          void *context)
{
    struct walk w = {0};
    /* A snapshot taken under the lock, walked without it: no lock is held while a driver runs
     * (fn sends it IRPs). The tree does not change meanwhile because the caller runs inside
     * pnp_run_exclusive, on the PnP thread. */
    pnp_tree_lock();
    if (root_node != NULL && order == PNP_WALK_CHILDREN_FIRST)
        walk_children_first(&w, root_node);
    for (struct pnp_node *n = root_node; order == PNP_WALK_PARENTS_FIRST && n != NULL;
         n = next_preorder(n))
        walk_add(&w, n);
    pnp_tree_unlock();
    NTSTATUS status = w.failed ? STATUS_INSUFFICIENT_RESOURCES : STATUS_SUCCESS;
    for (size_t i = 0; i < w.n; i++) {
        if (NT_SUCCESS(status))
            status = fn(w.pdos[i], context);
        ob_dereference(w.pdos[i]);
    }
    free(w.pdos);
    return status;
}
