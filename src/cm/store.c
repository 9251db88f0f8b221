/*
 * store.c - the in-memory registry tree: keys, values, the store lock, reference counts.
 *
 * Locking and lifetime rules are described in cm_private.h. In short: cm_lock (a pthread rwlock)
 * guards every field of every key except refs, which is atomic. A key linked into the tree owns one
 * reference held by the tree; unlinking (delete, shutdown) happens under the exclusive lock,
 * frees the key's values and subkey array at once, and drops the tree's reference, so whoever
 * drops the last reference afterwards frees only the bare struct, without the lock.
 *
 * The lock is an os_rwlock (src/os).
 */
#include "cm/cm_private.h"

#include "os/os.h"

#include <stdlib.h>
#include <string.h>

struct cm_value {
    WCHAR *name; /* not terminated; NULL for the default value */
    size_t name_len;
    ULONG type;
    ULONG size;
    void *data; /* NULL when size is 0 */
};

struct cm_key {
    ULONG refs;            /* atomic; one is the tree's while the key is linked */
    struct cm_key *parent; /* NULL for \Registry and for unlinked keys */
    BOOLEAN deleted;       /* unlinked: operations fail with STATUS_KEY_DELETED */
    BOOLEAN hive_root;     /* cannot be deleted */
    BOOLEAN is_volatile;   /* REG_OPTION_VOLATILE: never persisted; children must be too */
    ULONG depth;           /* levels below \Registry (\Registry itself is 0) */
    LONGLONG last_write;   /* 100 ns since 1601 */
    /* Subkeys, in cm_name_compare order when the two arrays are merged (see cm_subkey_nth):
     * subkeys holds nsubkeys - npending sorted keys, pending the npending newest ones, sorted
     * too, until it fills and is merged in. nsubkeys counts both. */
    struct cm_key **subkeys;
    ULONG nsubkeys, subkeys_cap;
    struct cm_key **pending;
    ULONG npending, pending_cap;
    struct cm_value *values; /* creation order */
    ULONG nvalues, values_cap;
    ULONG *value_index;    /* hash of folded names -> slot + 1 (0: empty); NULL when small */
    ULONG value_index_cap; /* a power of two, at least twice nvalues */
    size_t name_len;
    WCHAR name[]; /* NUL-terminated for debugging convenience */
};

static os_rwlock cm_lock = OS_RWLOCK_INIT;
static struct cm_key *cm_root; /* \Registry; NULL while there is no store */

enum cm_create_mode {
    CM_OPEN,
    CM_CREATE_LAST,
    CM_CREATE_ALL
};

/* ---- helpers ---------------------------------------------------------------------------- */

/* The current system time as Windows counts it: 100 ns units since 1601-01-01 UTC. */
static LONGLONG cm_now(void)
{
    return os_system_time_100ns();
}

/* Set while this thread is between cm_snapshot_begin and cm_snapshot_end: it already holds the
 * lock shared, so its read calls skip taking it (a second rdlock could wait behind a writer
 * queued meanwhile). */
static __thread BOOLEAN cm_in_snapshot;

static void cm_read_lock(void)
{
    if (!cm_in_snapshot)
        os_rwlock_read(&cm_lock);
}
static void cm_write_lock(void)
{
    os_rwlock_write(&cm_lock);
}
static void cm_unlock(void)
{
    if (!cm_in_snapshot)
        os_rwlock_unlock(&cm_lock);
}

void cm_snapshot_begin(void)
{
    os_rwlock_read(&cm_lock);
    cm_in_snapshot = TRUE;
}

void cm_snapshot_end(void)
{
    cm_in_snapshot = FALSE;
    os_rwlock_unlock(&cm_lock);
}

/* Copies min(cap, full) elements of elem bytes; the status says whether all fitted. */
static NTSTATUS cm_copy_out(const void *src, size_t full, void *dst, size_t cap, size_t elem)
{
    size_t n = cap < full ? cap : full;

    if (n)
        memcpy(dst, src, n * elem);
    return cap < full ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/* Grows an array of elem-sized entries so that it can take one more. */
static BOOLEAN cm_grow(void **array, ULONG count, ULONG *cap, size_t elem)
{
    ULONG ncap;
    void *n;

    if (count < *cap)
        return TRUE;
    ncap = *cap ? *cap * 2 : 4;
    n = realloc(*array, (size_t)ncap * elem);
    if (!n)
        return FALSE;
    *array = n;
    *cap = ncap;
    return TRUE;
}

/* ---- keys ------------------------------------------------------------------------------- */

static struct cm_key *cm_key_alloc(const WCHAR *name, size_t len)
{
    struct cm_key *k = calloc(1, sizeof(*k) + (len + 1) * sizeof(WCHAR));

    if (!k)
        return NULL;
    k->refs = 1; /* the tree's */
    k->name_len = len;
    if (len)
        memcpy(k->name, name, len * sizeof(WCHAR));
    k->name[len] = 0;
    k->last_write = cm_now();
    return k;
}

static void cm_values_free(struct cm_key *k)
{
    for (ULONG i = 0; i < k->nvalues; i++) {
        free(k->values[i].name);
        free(k->values[i].data);
    }
    free(k->values);
    free(k->value_index);
    k->values = NULL;
    k->value_index = NULL;
    k->nvalues = k->values_cap = k->value_index_cap = 0;
}

static void cm_key_unref(struct cm_key *k)
{
    if (__atomic_sub_fetch(&k->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        /* Only unlinked keys reach zero; their arrays were freed when they were unlinked. */
        cm_values_free(k);
        free(k->subkeys);
        free(k->pending);
        free(k);
    }
}

/* Unlinks a key that has no subkeys left (exclusive lock held): frees its contents, marks it
 * deleted and drops the tree's reference. The caller removed it from its parent's array. */
static void cm_key_detach(struct cm_key *k)
{
    cm_values_free(k);
    free(k->subkeys);
    free(k->pending);
    k->subkeys = k->pending = NULL;
    k->nsubkeys = k->subkeys_cap = k->npending = k->pending_cap = 0;
    k->parent = NULL;
    k->deleted = TRUE;
    cm_key_unref(k);
}

/* Subkeys: look-up is a binary search of two sorted arrays. Creating in random order into one
 * sorted array would move half of it at each insertion (O(n) per key, quadratic for a big
 * import), so new keys go to a small sorted insertion buffer (at most CM_PENDING_MAX moved per
 * insertion) that is merged into the main array when it fills (O(n) once per CM_PENDING_MAX
 * keys). Enumeration by index picks the index-th key of the merged order in O(log n). */
#define CM_PENDING_MAX 256

/* Binary search of a sorted array: the match, or NULL and *at = insertion index. */
static struct cm_key *cm_sorted_find(struct cm_key *const *arr, ULONG n, const WCHAR *name,
                                     size_t len, ULONG *at)
{
    ULONG lo = 0, hi = n;

    while (lo < hi) {
        ULONG mid = lo + (hi - lo) / 2;
        int cmp = cm_name_compare(name, len, arr[mid]->name, arr[mid]->name_len);
        if (cmp == 0) {
            *at = mid;
            return arr[mid];
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    *at = lo;
    return NULL;
}

static struct cm_key *cm_subkey_find(const struct cm_key *parent, const WCHAR *name, size_t len)
{
    ULONG at;
    struct cm_key *k =
        cm_sorted_find(parent->subkeys, parent->nsubkeys - parent->npending, name, len, &at);

    return k ? k : cm_sorted_find(parent->pending, parent->npending, name, len, &at);
}

static BOOLEAN cm_key_less(const struct cm_key *a, const struct cm_key *b)
{
    return cm_name_compare(a->name, a->name_len, b->name, b->name_len) < 0;
}

/* The index-th subkey (index < nsubkeys) in name order: the k-th smallest of the two sorted
 * arrays, by a binary search on how many of the first index + 1 come from the main one. */
static struct cm_key *cm_subkey_nth(const struct cm_key *k, ULONG index)
{
    struct cm_key *const *a = k->subkeys, *const *b = k->pending;
    ULONG m = k->nsubkeys - k->npending, n = k->npending, want = index + 1;
    ULONG lo = want > n ? want - n : 0, hi = want < m ? want : m, x, y;

    for (;;) {
        x = lo + (hi - lo) / 2;
        y = want - x;
        if (x < m && y > 0 && cm_key_less(a[x], b[y - 1]))
            lo = x + 1; /* a[x] also comes before the index-th: take more from a */
        else if (x > 0 && y < n && cm_key_less(b[y], a[x - 1]))
            hi = x - 1; /* b[y] comes before a[x - 1]: take fewer from a */
        else
            break;
    }
    if (x > 0 && (y == 0 || cm_key_less(b[y - 1], a[x - 1])))
        return a[x - 1];
    return b[y - 1];
}

/* Merges the insertion buffer into the main array, in place from the back (lock held). */
static BOOLEAN cm_subkeys_merge(struct cm_key *k)
{
    ULONG m = k->nsubkeys - k->npending, n = k->npending, out = k->nsubkeys;

    if (k->subkeys_cap < k->nsubkeys) {
        ULONG cap = k->subkeys_cap ? k->subkeys_cap : 4;
        struct cm_key **arr;
        while (cap < k->nsubkeys)
            cap *= 2;
        arr = realloc(k->subkeys, (size_t)cap * sizeof(*arr));
        if (!arr)
            return FALSE;
        k->subkeys = arr;
        k->subkeys_cap = cap;
    }
    /* Newest-largest first: each pending key finds its place by binary search, and the main
     * keys after it move up in one block, so a merge moves pointers, not compares them. */
    while (n) {
        struct cm_key *p = k->pending[--n];
        ULONG pos;
        cm_sorted_find(k->subkeys, m, p->name, p->name_len, &pos);
        out -= m - pos;
        memmove(&k->subkeys[out], &k->subkeys[pos], (m - pos) * sizeof(*k->subkeys));
        m = pos;
        k->subkeys[--out] = p;
    }
    k->npending = 0;
    return TRUE;
}

/* Creates a subkey that does not exist yet (exclusive lock held). */
static NTSTATUS cm_subkey_create(struct cm_key *parent, const WCHAR *name, size_t len,
                                 struct cm_key **out)
{
    struct cm_key *k;
    ULONG at;

    if (parent->npending == CM_PENDING_MAX && !cm_subkeys_merge(parent))
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!cm_grow((void **)&parent->pending, parent->npending, &parent->pending_cap,
                 sizeof(*parent->pending)))
        return STATUS_INSUFFICIENT_RESOURCES;
    k = cm_key_alloc(name, len);
    if (!k)
        return STATUS_INSUFFICIENT_RESOURCES;
    k->parent = parent;
    k->depth = parent->depth + 1;
    cm_sorted_find(parent->pending, parent->npending, name, len, &at);
    memmove(&parent->pending[at + 1], &parent->pending[at],
            (parent->npending - at) * sizeof(*parent->pending));
    parent->pending[at] = k;
    parent->npending++;
    parent->nsubkeys++;
    parent->last_write = k->last_write;
    *out = k;
    return STATUS_SUCCESS;
}

/* Walks (and per mode creates) a checked relative path below start, with the lock held in the
 * right mode. On success *out is the key reached, without a new reference. */
static NTSTATUS cm_walk(struct cm_key *start, const WCHAR *path, size_t len,
                        enum cm_create_mode mode, BOOLEAN is_volatile, struct cm_key **out,
                        BOOLEAN *created)
{
    struct cm_key *k = start;
    const WCHAR *comp;
    size_t pos = 0, clen;

    *created = FALSE;
    while (cm_path_next(path, len, &pos, &comp, &clen)) {
        BOOLEAN last = pos >= len;
        struct cm_key *child = cm_subkey_find(k, comp, clen);
        if (!child) {
            NTSTATUS status;
            if (mode == CM_OPEN || (mode == CM_CREATE_LAST && !last))
                return STATUS_OBJECT_NAME_NOT_FOUND;
            if (k == cm_root)
                return STATUS_ACCESS_DENIED; /* \Registry holds only the fixed roots */
            /* ZwCreateKey refuses a stable key below a volatile one; the create-all mode (the
             * host's and .reg import's) makes such a key volatile instead. */
            if (k->is_volatile && !is_volatile && mode == CM_CREATE_LAST)
                return STATUS_CHILD_MUST_BE_VOLATILE;
            status = cm_subkey_create(k, comp, clen, &child);
            if (!NT_SUCCESS(status))
                return status;
            child->is_volatile = is_volatile || k->is_volatile;
            *created = last;
        }
        k = child;
    }
    *out = k;
    return STATUS_SUCCESS;
}

/* Common body of the open functions: base NULL = path is absolute. */
static NTSTATUS cm_open_common(struct cm_key *base, const WCHAR *path, size_t len,
                               enum cm_create_mode mode, BOOLEAN is_volatile, struct cm_key **key,
                               BOOLEAN *created)
{
    struct cm_key *start, *k = NULL;
    BOOLEAN made = FALSE;
    size_t depth;
    NTSTATUS status;

    if (!key || (!path && len))
        return STATUS_INVALID_PARAMETER;
    if (base) {
        if (len && path[0] == L'\\')
            return STATUS_OBJECT_PATH_SYNTAX_BAD;
        status = cm_path_check(path, len, CM_MAX_DEPTH, &depth);
        if (!NT_SUCCESS(status))
            return status;
    } else {
        const WCHAR *first;
        size_t first_len, pos = 0;
        if (len == 0)
            return STATUS_OBJECT_NAME_INVALID;
        if (path[0] != L'\\')
            return STATUS_OBJECT_PATH_SYNTAX_BAD;
        path++, len--;
        status = cm_path_check(path, len, CM_MAX_DEPTH + 1, &depth);
        if (!NT_SUCCESS(status))
            return status;
        /* cm owns only \Registry; the rest of the object namespace is ob's. */
        if (!cm_path_next(path, len, &pos, &first, &first_len) ||
            !cm_name_equals_ascii(first, first_len, "Registry"))
            return STATUS_OBJECT_NAME_NOT_FOUND;
        pos = pos < len ? pos : len;
        path += pos, len -= pos, depth--;
    }

    if (mode == CM_OPEN)
        cm_read_lock();
    else
        cm_write_lock();
    start = base ? base : cm_root;
    if (!start)
        status = STATUS_UNSUCCESSFUL;
    else if (start->deleted)
        status = STATUS_KEY_DELETED;
    else if (start->depth + depth > CM_MAX_DEPTH)
        status = STATUS_INVALID_PARAMETER;
    else
        status = cm_walk(start, path, len, mode, is_volatile, &k, &made);
    if (NT_SUCCESS(status))
        __atomic_add_fetch(&k->refs, 1, __ATOMIC_RELAXED);
    cm_unlock();

    if (NT_SUCCESS(status)) {
        *key = k;
        if (created)
            *created = made;
    }
    return status;
}

NTSTATUS cm_key_open(const WCHAR *nt_path, size_t len_chars, BOOLEAN create, struct cm_key **key,
                     BOOLEAN *created)
{
    return cm_open_common(NULL, nt_path, len_chars, create ? CM_CREATE_LAST : CM_OPEN, FALSE, key,
                          created);
}

NTSTATUS cm_key_open_relative(struct cm_key *base, const WCHAR *rel_path, size_t len_chars,
                              BOOLEAN create, struct cm_key **key, BOOLEAN *created)
{
    return cm_open_common(base, rel_path, len_chars, create ? CM_CREATE_LAST : CM_OPEN, FALSE, key,
                          created);
}

NTSTATUS cm_key_create(struct cm_key *base, const WCHAR *path, size_t len_chars,
                       BOOLEAN is_volatile, struct cm_key **key, BOOLEAN *created)
{
    return cm_open_common(base, path, len_chars, CM_CREATE_LAST, is_volatile, key, created);
}

NTSTATUS cm_key_create_path(const WCHAR *nt_path, size_t len_chars, struct cm_key **key,
                            BOOLEAN *created)
{
    return cm_open_common(NULL, nt_path, len_chars, CM_CREATE_ALL, FALSE, key, created);
}

void cm_key_reference(struct cm_key *key)
{
    __atomic_add_fetch(&key->refs, 1, __ATOMIC_RELAXED);
}

void cm_key_release(struct cm_key *key)
{
    if (key)
        cm_key_unref(key);
}

/* Removes key from its parent's subkey arrays. Write lock held. */
static void cm_unlink_from_parent(struct cm_key *key)
{
    struct cm_key *parent = key->parent, **arr = parent->subkeys;
    ULONG at, n = parent->nsubkeys - parent->npending;

    if (!cm_sorted_find(arr, n, key->name, key->name_len, &at)) {
        arr = parent->pending;
        n = parent->npending--;
        cm_sorted_find(arr, n, key->name, key->name_len, &at);
    }
    memmove(&arr[at], &arr[at + 1], (n - at - 1) * sizeof(*arr));
    parent->nsubkeys--;
    parent->last_write = cm_now();
}

NTSTATUS cm_key_delete(struct cm_key *key)
{
    NTSTATUS status = STATUS_SUCCESS;

    cm_write_lock();
    if (key->deleted) {
        status = STATUS_KEY_DELETED;
    } else if (key->hive_root || !key->parent || key->nsubkeys) {
        status = STATUS_CANNOT_DELETE;
    } else {
        cm_unlink_from_parent(key);
        cm_key_detach(key); /* the caller's reference keeps it allocated */
    }
    cm_unlock();
    return status;
}

static void cm_detach_tree(struct cm_key *k);

NTSTATUS cm_key_delete_tree(struct cm_key *key)
{
    NTSTATUS status = STATUS_SUCCESS;

    cm_write_lock();
    if (key->deleted) {
        status = STATUS_KEY_DELETED;
    } else if (key->hive_root || !key->parent) {
        /* Every ancestor of a hive root is a hive root, so a subtree below a deletable key
         * holds none. */
        status = STATUS_CANNOT_DELETE;
    } else {
        cm_unlink_from_parent(key);
        cm_detach_tree(key); /* the caller's reference keeps the key itself allocated */
    }
    cm_unlock();
    return status;
}

/* ---- values ----------------------------------------------------------------------------- */

/* Value look-up. Values are kept in creation order (ZwEnumerateValueKey's order), so a key
 * with many values also has an open-addressing hash table of their slots, keyed by the name
 * folded as cm_name_compare folds it: look-up and insertion are O(1) on average, deletion
 * (which moves the later values down) rebuilds the table in O(n). Small keys scan. */
#define CM_VALUE_INDEX_MIN 16 /* below this many values a linear scan is as fast */

static ULONG cm_name_hash(const WCHAR *name, size_t len)
{
    ULONG h = 2166136261u; /* FNV-1a over the folded code units */

    for (size_t i = 0; i < len; i++)
        h = (h ^ cm_upcase(name[i])) * 16777619u;
    return h;
}

/* Puts slot into the table (which has room). */
static void cm_value_index_put(struct cm_key *k, ULONG slot)
{
    const struct cm_value *v = &k->values[slot];
    ULONG mask = k->value_index_cap - 1, i = cm_name_hash(v->name, v->name_len) & mask;

    while (k->value_index[i])
        i = (i + 1) & mask;
    k->value_index[i] = slot + 1;
}

/* Rebuilds the table for the current values (exclusive lock held). FALSE if out of memory, and
 * then the key has no table (look-ups scan). */
static BOOLEAN cm_value_index_rebuild(struct cm_key *k)
{
    ULONG cap = 64;

    free(k->value_index);
    k->value_index = NULL;
    k->value_index_cap = 0;
    if (k->nvalues < CM_VALUE_INDEX_MIN)
        return TRUE;
    while (cap < 2 * (k->nvalues + 1))
        cap *= 2;
    k->value_index = calloc(cap, sizeof(*k->value_index));
    if (!k->value_index)
        return FALSE;
    k->value_index_cap = cap;
    for (ULONG i = 0; i < k->nvalues; i++)
        cm_value_index_put(k, i);
    return TRUE;
}

static struct cm_value *cm_value_find(struct cm_key *k, const WCHAR *name, size_t len)
{
    if (k->value_index) {
        ULONG mask = k->value_index_cap - 1, i = cm_name_hash(name, len) & mask;
        for (; k->value_index[i]; i = (i + 1) & mask) {
            struct cm_value *v = &k->values[k->value_index[i] - 1];
            if (cm_name_compare(name, len, v->name, v->name_len) == 0)
                return v;
        }
        return NULL;
    }
    for (ULONG i = 0; i < k->nvalues; i++) {
        struct cm_value *v = &k->values[i];
        if (cm_name_compare(name, len, v->name, v->name_len) == 0)
            return v;
    }
    return NULL;
}

/* Indexes the value just appended at the last slot (exclusive lock held): grows the table when
 * it would be more than half full. Out of memory leaves the key without a table (slower, still
 * correct). */
static void cm_value_index_add(struct cm_key *k)
{
    if (!k->value_index || 2 * k->nvalues > k->value_index_cap)
        (void)cm_value_index_rebuild(k);
    else
        cm_value_index_put(k, k->nvalues - 1);
}

/* Stores a value (exclusive lock held); takes ownership of name_copy and data_copy. */
static NTSTATUS cm_value_store(struct cm_key *k, const WCHAR *name, size_t name_len,
                               WCHAR *name_copy, ULONG type, void *data_copy, ULONG size)
{
    struct cm_value *v = cm_value_find(k, name, name_len);

    if (v) { /* replace the data; the value keeps the name (and case) it was created with */
        free(name_copy);
        free(v->data);
    } else {
        if (!cm_grow((void **)&k->values, k->nvalues, &k->values_cap, sizeof(*k->values))) {
            free(name_copy);
            free(data_copy);
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        v = &k->values[k->nvalues++];
        v->name = name_copy;
        v->name_len = name_len;
        cm_value_index_add(k);
    }
    v->type = type;
    v->size = size;
    v->data = data_copy;
    k->last_write = cm_now();
    return STATUS_SUCCESS;
}

NTSTATUS cm_value_set(struct cm_key *key, const WCHAR *name, size_t name_chars, ULONG type,
                      const void *data, ULONG size)
{
    WCHAR *name_copy = NULL;
    void *data_copy = NULL;
    NTSTATUS status;

    if (name_chars > CM_MAX_VALUE_NAME_CHARS || (!data && size) || (!name && name_chars))
        return STATUS_INVALID_PARAMETER;
    /* Copies are made before taking the lock, to keep the exclusive section short. */
    if (name_chars) {
        name_copy = malloc(name_chars * sizeof(WCHAR));
        if (!name_copy)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(name_copy, name, name_chars * sizeof(WCHAR));
    }
    if (size) {
        data_copy = malloc(size);
        if (!data_copy) {
            free(name_copy);
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        memcpy(data_copy, data, size);
    }
    cm_write_lock();
    if (key->deleted) {
        free(name_copy);
        free(data_copy);
        status = STATUS_KEY_DELETED;
    } else {
        status = cm_value_store(key, name, name_chars, name_copy, type, data_copy, size);
    }
    cm_unlock();
    return status;
}

/* Copies a value's type and data out per the cm_value_get contract (lock held). */
static NTSTATUS cm_value_copy_out(const struct cm_value *v, ULONG *type, void *data, ULONG *size)
{
    NTSTATUS status = STATUS_SUCCESS;

    if (type)
        *type = v->type;
    if (size) {
        status = cm_copy_out(v->data, v->size, data, *size, 1);
        *size = v->size;
    }
    return status;
}

NTSTATUS cm_value_get(struct cm_key *key, const WCHAR *name, size_t name_chars, ULONG *type,
                      void *data, ULONG *size)
{
    struct cm_value *v;
    NTSTATUS status;

    if ((!name && name_chars) || !size || (!data && *size))
        return STATUS_INVALID_PARAMETER;
    cm_read_lock();
    if (key->deleted)
        status = STATUS_KEY_DELETED;
    else if (name_chars > CM_MAX_VALUE_NAME_CHARS || !(v = cm_value_find(key, name, name_chars)))
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    else
        status = cm_value_copy_out(v, type, data, size);
    cm_unlock();
    return status;
}

NTSTATUS cm_value_delete(struct cm_key *key, const WCHAR *name, size_t name_chars)
{
    struct cm_value *v;
    NTSTATUS status = STATUS_SUCCESS;

    if (!name && name_chars)
        return STATUS_INVALID_PARAMETER;
    cm_write_lock();
    if (key->deleted) {
        status = STATUS_KEY_DELETED;
    } else if (name_chars > CM_MAX_VALUE_NAME_CHARS ||
               !(v = cm_value_find(key, name, name_chars))) {
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    } else {
        ULONG i = (ULONG)(v - key->values);
        free(v->name);
        free(v->data);
        memmove(v, v + 1, (key->nvalues - i - 1) * sizeof(*v)); /* keep creation order */
        key->nvalues--;
        (void)cm_value_index_rebuild(key); /* the later slots moved */
        key->last_write = cm_now();
    }
    cm_unlock();
    return status;
}

/* ---- enumeration and information -------------------------------------------------------- */

/* Copies a name per the enumeration contract; name/len NULL = not wanted. */
static NTSTATUS cm_name_out(const WCHAR *src, size_t full, WCHAR *name, size_t cap, size_t *len)
{
    if (!len)
        return STATUS_SUCCESS;
    *len = full;
    return cm_copy_out(src, full, name, name ? cap : 0, sizeof(WCHAR));
}

NTSTATUS cm_key_enum_subkey(struct cm_key *key, ULONG index, WCHAR *name, size_t cap, size_t *len)
{
    NTSTATUS status;

    if (!len)
        return STATUS_INVALID_PARAMETER;
    cm_read_lock();
    if (key->deleted)
        status = STATUS_KEY_DELETED;
    else if (index >= key->nsubkeys)
        status = STATUS_NO_MORE_ENTRIES;
    else
        status = cm_name_out(cm_subkey_nth(key, index)->name, cm_subkey_nth(key, index)->name_len,
                             name, cap, len);
    cm_unlock();
    return status;
}

NTSTATUS cm_key_subkey_at(struct cm_key *key, ULONG index, struct cm_key **subkey)
{
    NTSTATUS status = STATUS_SUCCESS;

    if (!subkey)
        return STATUS_INVALID_PARAMETER;
    cm_read_lock();
    if (key->deleted) {
        status = STATUS_KEY_DELETED;
    } else if (index >= key->nsubkeys) {
        status = STATUS_NO_MORE_ENTRIES;
    } else {
        *subkey = cm_subkey_nth(key, index);
        __atomic_add_fetch(&(*subkey)->refs, 1, __ATOMIC_RELAXED);
    }
    cm_unlock();
    return status;
}

NTSTATUS cm_key_enum_value(struct cm_key *key, ULONG index, WCHAR *name, size_t cap, size_t *len,
                           ULONG *type, void *data, ULONG *size)
{
    NTSTATUS status, status2;

    if (size && !data && *size)
        return STATUS_INVALID_PARAMETER;
    cm_read_lock();
    if (key->deleted) {
        status = STATUS_KEY_DELETED;
    } else if (index >= key->nvalues) {
        status = STATUS_NO_MORE_ENTRIES;
    } else {
        const struct cm_value *v = &key->values[index];
        status = cm_name_out(v->name, v->name_len, name, cap, len);
        status2 = cm_value_copy_out(v, type, data, size);
        if (NT_SUCCESS(status))
            status = status2;
    }
    cm_unlock();
    return status;
}

static void cm_key_info_fill(const struct cm_key *k, struct cm_key_info *info)
{
    memset(info, 0, sizeof(*info));
    info->subkeys = k->nsubkeys;
    info->values = k->nvalues;
    info->name_chars = (ULONG)k->name_len;
    info->last_write_time = k->last_write;
    info->is_volatile = k->is_volatile;
    for (ULONG i = 0; i < k->nsubkeys; i++) { /* the order does not matter here */
        const struct cm_key *c = i < k->npending ? k->pending[i] : k->subkeys[i - k->npending];
        if (c->name_len > info->max_subkey_name_chars)
            info->max_subkey_name_chars = (ULONG)c->name_len;
    }
    for (ULONG i = 0; i < k->nvalues; i++) {
        if (k->values[i].name_len > info->max_value_name_chars)
            info->max_value_name_chars = (ULONG)k->values[i].name_len;
        if (k->values[i].size > info->max_value_data_bytes)
            info->max_value_data_bytes = k->values[i].size;
    }
}

NTSTATUS cm_key_info(struct cm_key *key, struct cm_key_info *info)
{
    NTSTATUS status = STATUS_SUCCESS;

    if (!info)
        return STATUS_INVALID_PARAMETER;
    cm_read_lock();
    if (key->deleted)
        status = STATUS_KEY_DELETED;
    else
        cm_key_info_fill(key, info);
    cm_unlock();
    return status;
}

/* Writes the absolute path of k into buf (only the first cap characters); returns its length.
 * Each component goes at its final offset, computed from the end, so no scratch buffer. */
static size_t cm_full_path(const struct cm_key *k, WCHAR *buf, size_t cap)
{
    size_t total = 0, end;

    for (const struct cm_key *p = k; p; p = p->parent)
        total += 1 + p->name_len;
    end = total;
    for (const struct cm_key *p = k; p; p = p->parent) {
        size_t at = end - p->name_len - 1;
        for (size_t i = 0; i <= p->name_len; i++) {
            if (at + i < cap)
                buf[at + i] = i == 0 ? L'\\' : p->name[i - 1];
        }
        end = at;
    }
    return total;
}

NTSTATUS cm_key_name(struct cm_key *key, BOOLEAN full_path, WCHAR *buf, size_t cap, size_t *len)
{
    NTSTATUS status;

    if (!len || (!buf && cap))
        return STATUS_INVALID_PARAMETER;
    cm_read_lock();
    if (key->deleted) {
        status = STATUS_KEY_DELETED;
    } else if (!full_path) {
        status = cm_name_out(key->name, key->name_len, buf, cap, len);
    } else {
        *len = cm_full_path(key, buf, cap);
        status = cap < *len ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
    }
    cm_unlock();
    return status;
}

/* ---- init and shutdown ------------------------------------------------------------------ */

/* The initial tree: relative to \Registry, hive roots flagged. Parents come first. */
static const struct {
    const char *path;
    BOOLEAN hive_root;
} cm_initial_keys[] = {
    {"MACHINE", TRUE},
    {"MACHINE\\SYSTEM", TRUE},
    {"MACHINE\\SYSTEM\\CurrentControlSet", FALSE},
    {"MACHINE\\SYSTEM\\CurrentControlSet\\Services", FALSE},
    {"MACHINE\\SYSTEM\\CurrentControlSet\\Control", FALSE},
    {"MACHINE\\SYSTEM\\CurrentControlSet\\Enum", FALSE},
    {"MACHINE\\SYSTEM\\CurrentControlSet\\Hardware Profiles", FALSE},
    {"MACHINE\\SYSTEM\\CurrentControlSet\\Hardware Profiles\\Current", FALSE},
    {"MACHINE\\SOFTWARE", TRUE},
    {"MACHINE\\SOFTWARE\\Classes", FALSE},
    {"MACHINE\\HARDWARE", TRUE},
    /* Every Windows machine has these three (drivers write DEVICEMAP\SERIALCOMM and the like
     * with RtlWriteRegistryValue, which creates only the last key of its path). */
    {"MACHINE\\HARDWARE\\DESCRIPTION", FALSE},
    {"MACHINE\\HARDWARE\\DEVICEMAP", FALSE},
    {"MACHINE\\HARDWARE\\RESOURCEMAP", FALSE},
    {"USER", TRUE},
};

/* Creates one initial key below the root (exclusive lock held, root exists). */
static NTSTATUS cm_init_key(const char *ascii, BOOLEAN hive_root)
{
    WCHAR path[128];
    size_t len = strlen(ascii);
    struct cm_key *parent, *k;
    const WCHAR *comp;
    size_t pos = 0, clen, last_pos = 0;

    for (size_t i = 0; i < len; i++)
        path[i] = (WCHAR)(unsigned char)ascii[i];
    /* Walk to the parent (it exists: the table lists parents first), then create the leaf. */
    parent = cm_root;
    while (cm_path_next(path, len, &pos, &comp, &clen) && pos < len) {
        parent = cm_subkey_find(parent, comp, clen);
        last_pos = pos;
    }
    comp = path + last_pos;
    clen = len - last_pos;
    if (cm_subkey_find(parent, comp, clen))
        return STATUS_SUCCESS;
    NTSTATUS status = cm_subkey_create(parent, comp, clen, &k);
    if (NT_SUCCESS(status))
        k->hive_root = hive_root;
    return status;
}

/* Unlinks a whole subtree, children first (exclusive lock held). */
static void cm_detach_tree(struct cm_key *k)
{
    for (ULONG i = 0; i < k->nsubkeys - k->npending; i++)
        cm_detach_tree(k->subkeys[i]);
    for (ULONG i = 0; i < k->npending; i++)
        cm_detach_tree(k->pending[i]);
    k->nsubkeys = k->npending = 0;
    cm_key_detach(k);
}

NTSTATUS cm_init(void)
{
    static const WCHAR registry[] = L"REGISTRY";
    NTSTATUS status = STATUS_SUCCESS;

    cm_write_lock();
    if (cm_root) {
        cm_unlock();
        return STATUS_UNSUCCESSFUL;
    }
    cm_root = cm_key_alloc(registry, RTL_NUMBER_OF(registry) - 1);
    if (!cm_root)
        status = STATUS_INSUFFICIENT_RESOURCES;
    else
        cm_root->hive_root = TRUE;
    for (size_t i = 0; NT_SUCCESS(status) && i < RTL_NUMBER_OF(cm_initial_keys); i++)
        status = cm_init_key(cm_initial_keys[i].path, cm_initial_keys[i].hive_root);
    if (!NT_SUCCESS(status) && cm_root) {
        cm_detach_tree(cm_root);
        cm_root = NULL;
    }
    cm_unlock();
    return status;
}

NTSTATUS cm_shutdown(void)
{
    NTSTATUS status = cm_persist_shutdown(); /* before the tree goes: it is what gets saved */

    cm_write_lock();
    if (cm_root)
        cm_detach_tree(cm_root);
    cm_root = NULL;
    cm_unlock();
    return status;
}
