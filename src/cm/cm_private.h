/*
 * cm_private.h - the registry layer's inside, for src/cm's own files: the embedded, in-memory
 * registry store. What other layers use is in cm/cm.h (included here).
 *
 * The store is a tree of keys rooted at \Registry. Each key has a name (UTF-16, kept with the
 * case it was created with, compared case-insensitively), subkeys (kept sorted by their
 * case-folded names, as a Windows hive keeps them, so enumeration by index is in that order)
 * and values (name, REG_* type, bytes; kept in creation order, as Windows enumerates them).
 * The Zw* registry DDIs are built on top of this API; the host reaches it through the UTF-8
 * helpers at the end.
 *
 * Lengths: every WCHAR string in this API is counted (a pointer plus a length in characters),
 * like the Buffer/Length of a UNICODE_STRING; nothing requires or writes a terminator unless
 * stated. Data sizes are in bytes.
 *
 * Locking: one os_rwlock (cm_lock in store.c) guards the whole store: the tree links,
 * names, values, last-write times and the deleted flags. Lookups, value reads, enumeration and
 * information queries take it shared; anything that changes the tree or a value takes it
 * exclusive. It is a leaf lock: cm never calls into another layer or a callback while holding
 * it, so a caller may hold its own locks around any cm call. It is a blocking lock, so callers
 * must be allowed to block (the Zw registry DDIs require PASSIVE_LEVEL, as on Windows).
 *
 * Lifetime: keys are reference counted (atomically, outside the lock). The tree holds one
 * reference on every key linked into it; cm_key_open hands the caller another, dropped with
 * cm_key_release. cm_key_delete unlinks the key and marks it deleted: holders keep a valid
 * pointer, but every operation on it then fails with STATUS_KEY_DELETED (as on Windows), and
 * it is freed when the last holder releases it. cm_shutdown detaches every key the same way,
 * so a key still held at shutdown stays valid until released (and is a leak if never released).
 *
 * Deviations from Windows (deliberate):
 *  - CurrentControlSet is a real key, not a symbolic link to ControlSet001. There is no
 *    ControlSet001, no Select key, and no registry links (REG_LINK) are followed at all.
 *  - No security descriptors, classes or hives: one in-memory tree. Hive roots are modelled
 *    only to refuse their deletion (STATUS_CANNOT_DELETE). Volatile keys are a flag on the key
 *    (persist.c leaves them out of the saved file); "flushing" is persist.c saving the whole
 *    tree as a .reg file, when the host opened one with drvhost_registry_open.
 *  - Key info reports the exact current maxima of name and data lengths; Windows keeps them as
 *    high-water marks that never shrink when a subkey or value goes away.
 *  - Case folding is ASCII and Latin-1 only (see cm_upcase); other characters compare exactly,
 *    where Windows uses its full Unicode upcase table.
 */
#ifndef DRVHOST_CM_CM_PRIVATE_H
#define DRVHOST_CM_CM_PRIVATE_H

#include "cm/cm.h"

C_ASSERT(sizeof(WCHAR) == 2);

/* ---- limits (https://learn.microsoft.com/windows/win32/sysinfo/registry-element-size-limits) */

/* One key name component, in characters. Longer: STATUS_INVALID_PARAMETER. */
#define CM_MAX_KEY_NAME_CHARS 255
/* A value name, in characters. Longer: STATUS_INVALID_PARAMETER when setting it, and
 * STATUS_OBJECT_NAME_NOT_FOUND when looking it up (such a value cannot exist). */
#define CM_MAX_VALUE_NAME_CHARS 16383
/* Levels below \Registry ("a registry tree can be 512 levels deep"). A deeper path:
 * STATUS_INVALID_PARAMETER (the status is our choice; the documentation names none). */
#define CM_MAX_DEPTH 512

/* Registry value types: the REG_* numbers of winnt.h/wdm.h, under our own names so that this
 * header can coexist with the public headers. Any ULONG is accepted as a type, as on Windows. */
#define CM_REG_NONE                       0
#define CM_REG_SZ                         1
#define CM_REG_EXPAND_SZ                  2
#define CM_REG_BINARY                     3
#define CM_REG_DWORD                      4
#define CM_REG_DWORD_BIG_ENDIAN           5
#define CM_REG_LINK                       6
#define CM_REG_MULTI_SZ                   7
#define CM_REG_RESOURCE_LIST              8
#define CM_REG_FULL_RESOURCE_DESCRIPTOR   9
#define CM_REG_RESOURCE_REQUIREMENTS_LIST 10
#define CM_REG_QWORD                      11

/* Service key values written by cm_service_create. */
#define CM_SERVICE_KERNEL_DRIVER 1 /* Type */
#define CM_SERVICE_DEMAND_START  3 /* Start */
#define CM_SERVICE_ERROR_NORMAL  1 /* ErrorControl */

struct cm_key; /* opaque; see store.c */

/* ---- the store (store.c; cm_init and cm_shutdown are in cm/cm.h) ------------------------ */

/* A consistent view for a walk made of many store calls (export, save): between begin and end
 * the calling thread holds the store's lock shared, so no other thread changes the tree, and
 * its own read calls do not take the lock again. The thread must not call a function that
 * changes the store meanwhile (it would deadlock). Not nestable. */
void cm_snapshot_begin(void);
void cm_snapshot_end(void);

/* Opens the key at an absolute NT path ("\Registry\Machine\System"). On success *key holds a
 * new reference (release with cm_key_release). With create, a missing last component is
 * created, and *created (may be NULL) says whether it was; every parent must already exist,
 * as for ZwCreateKey (else STATUS_OBJECT_NAME_NOT_FOUND). Errors, checked in this order:
 *   STATUS_OBJECT_NAME_INVALID     the path is empty
 *   STATUS_OBJECT_PATH_SYNTAX_BAD  the path does not begin with '\'
 *   STATUS_OBJECT_NAME_INVALID     an empty component (a trailing or doubled '\')
 *   STATUS_INVALID_PARAMETER       a component longer than CM_MAX_KEY_NAME_CHARS, or a path
 *                                  deeper than CM_MAX_DEPTH
 *   STATUS_OBJECT_NAME_NOT_FOUND   a component does not exist (and was not to be created), or
 *                                  the path is outside \Registry
 *   STATUS_ACCESS_DENIED           creating a key directly below \Registry
 *   STATUS_INSUFFICIENT_RESOURCES  out of memory */
NTSTATUS cm_key_open(const WCHAR *nt_path, size_t len_chars, BOOLEAN create, struct cm_key **key,
                     BOOLEAN *created);
/* The same relative to an open key, as ZwOpenKey/ZwCreateKey with a RootDirectory: rel_path
 * has no leading '\' (STATUS_OBJECT_PATH_SYNTAX_BAD otherwise); an empty rel_path opens base
 * itself. base == NULL means rel_path is absolute (this is cm_key_open). STATUS_KEY_DELETED if
 * base was deleted. */
NTSTATUS cm_key_open_relative(struct cm_key *base, const WCHAR *rel_path, size_t len_chars,
                              BOOLEAN create, struct cm_key **key, BOOLEAN *created);
/* ZwCreateKey's create: like cm_key_open_relative with create, but the key, if created, is
 * volatile when is_volatile is set. A key created below a volatile key must be volatile too:
 * STATUS_CHILD_MUST_BE_VOLATILE otherwise (as on Windows). Opening an existing key ignores
 * is_volatile. base NULL = path is absolute. */
NTSTATUS cm_key_create(struct cm_key *base, const WCHAR *path, size_t len_chars,
                       BOOLEAN is_volatile, struct cm_key **key, BOOLEAN *created);
/* Like cm_key_open with create, but also creates every missing parent (as RegCreateKeyEx and
 * regedit do). *created (may be NULL) says whether the last component was created. Keys
 * created below a volatile key are made volatile. */
NTSTATUS cm_key_create_path(const WCHAR *nt_path, size_t len_chars, struct cm_key **key,
                            BOOLEAN *created);
/* Takes another reference on a key the caller already holds. */
void cm_key_reference(struct cm_key *key);
/* Drops a reference; frees the key if it was deleted and this was the last one. NULL is ok. */
void cm_key_release(struct cm_key *key);

/* Deletes the key (ZwDeleteKey). STATUS_CANNOT_DELETE if it has subkeys or is a hive root
 * (\Registry, \Registry\Machine, \Registry\User, \Registry\Machine\{System,Software,Hardware});
 * STATUS_KEY_DELETED if it was already deleted. The caller's reference stays valid. */
NTSTATUS cm_key_delete(struct cm_key *key);
/* Deletes the key and its whole subtree (a .reg file's [-Key]). STATUS_CANNOT_DELETE for a
 * hive root, STATUS_KEY_DELETED if already deleted. The caller's reference stays valid. */
NTSTATUS cm_key_delete_tree(struct cm_key *key);

/* Sets (creates or replaces) a value; name_chars == 0 is the key's default value. data may be
 * NULL only when size is 0. Errors: STATUS_INVALID_PARAMETER (name longer than
 * CM_MAX_VALUE_NAME_CHARS, or NULL data with a size), STATUS_KEY_DELETED,
 * STATUS_INSUFFICIENT_RESOURCES. */
NTSTATUS cm_value_set(struct cm_key *key, const WCHAR *name, size_t name_chars, ULONG type,
                      const void *data, ULONG size);
/* Reads a value. In: *size is the capacity of data in bytes (data may be NULL when it is 0).
 * Out: *type (may be NULL) is the value's type and *size its full size in bytes; the first
 * min(capacity, full size) bytes are copied. Returns STATUS_SUCCESS if everything fitted,
 * STATUS_BUFFER_OVERFLOW (a warning: type and size are valid, data truncated) if not,
 * STATUS_OBJECT_NAME_NOT_FOUND if there is no such value, STATUS_KEY_DELETED. */
NTSTATUS cm_value_get(struct cm_key *key, const WCHAR *name, size_t name_chars, ULONG *type,
                      void *data, ULONG *size);
/* Deletes a value. STATUS_OBJECT_NAME_NOT_FOUND if there is none, STATUS_KEY_DELETED. */
NTSTATUS cm_value_delete(struct cm_key *key, const WCHAR *name, size_t name_chars);

/* Enumeration by index (0, 1, ... until STATUS_NO_MORE_ENTRIES). Names are copied the way
 * cm_value_get copies data: *len receives the full length in characters, the first min(cap,
 * len) characters are copied (no terminator), STATUS_BUFFER_OVERFLOW if it did not fit.
 * Subkeys come in case-insensitive name order, values in creation order. Indices shift when
 * another thread adds or removes entries between calls, as on Windows. */
NTSTATUS cm_key_enum_subkey(struct cm_key *key, ULONG index, WCHAR *name, size_t cap, size_t *len);
/* The subkey at index (same order), with a new reference (release with cm_key_release).
 * STATUS_NO_MORE_ENTRIES past the end, STATUS_KEY_DELETED. */
NTSTATUS cm_key_subkey_at(struct cm_key *key, ULONG index, struct cm_key **subkey);
/* Values: the name as above; type, data and size (all optional: NULL size means the data is
 * not wanted) as in cm_value_get. STATUS_BUFFER_OVERFLOW if the name or the data was cut. */
NTSTATUS cm_key_enum_value(struct cm_key *key, ULONG index, WCHAR *name, size_t cap, size_t *len,
                           ULONG *type, void *data, ULONG *size);

struct cm_key_info {
    ULONG subkeys;               /* number of subkeys */
    ULONG values;                /* number of values */
    ULONG max_subkey_name_chars; /* longest subkey name, in characters */
    ULONG max_value_name_chars;  /* longest value name, in characters */
    ULONG max_value_data_bytes;  /* largest value data, in bytes */
    ULONG name_chars;            /* this key's own name (last component), in characters */
    LONGLONG last_write_time;    /* 100 ns units since 1601-01-01 UTC, as LARGE_INTEGER */
    BOOLEAN is_volatile;         /* created with REG_OPTION_VOLATILE (or below such a key) */
};
/* Fills *info. STATUS_KEY_DELETED if the key was deleted. Last-write time changes when the key
 * is created, a value is set or deleted, or a subkey is created or deleted. */
NTSTATUS cm_key_info(struct cm_key *key, struct cm_key_info *info);
/* The key's own name (full_path FALSE) or its absolute NT path ("\REGISTRY\..." as created;
 * full_path TRUE), copied like enumeration names above. STATUS_KEY_DELETED if deleted. */
NTSTATUS cm_key_name(struct cm_key *key, BOOLEAN full_path, WCHAR *buf, size_t cap, size_t *len);

/* ---- names and paths (path.c) ----------------------------------------------------------- */

/* Case folding used for every key and value name: ASCII a-z, Latin-1 U+00E0..U+00FE (except
 * U+00F7) and U+00FF (to U+0178). Everything else is its own upper case. */
WCHAR cm_upcase(WCHAR c);
/* Case-insensitive ordering of two counted names: <0, 0, >0 (by upcased code unit, then
 * length). */
int cm_name_compare(const WCHAR *a, size_t alen, const WCHAR *b, size_t blen);
/* TRUE if the counted name equals the ASCII string ascii, case-insensitively. */
BOOLEAN cm_name_equals_ascii(const WCHAR *name, size_t len, const char *ascii);

/* Checks a relative key path ("A\B\C"; "" is allowed and has 0 components) against the naming
 * rules and limits: STATUS_OBJECT_NAME_INVALID for an empty component, STATUS_INVALID_PARAMETER
 * for an over-long component or more than max_depth components. *depth (may be NULL) receives
 * the number of components. */
NTSTATUS cm_path_check(const WCHAR *path, size_t len, size_t max_depth, size_t *depth);
/* Iterates over the components of a checked relative path: start with *pos = 0; returns FALSE
 * at the end. */
BOOLEAN cm_path_next(const WCHAR *path, size_t len, size_t *pos, const WCHAR **comp,
                     size_t *comp_len);

/* Converts a host path, regedit form (HKEY_LOCAL_MACHINE or HKLM, HKEY_USERS or HKU,
 * HKEY_CURRENT_CONFIG or HKCC, HKEY_CLASSES_ROOT or HKCR; root names case-insensitive; then
 * nothing or '\' and the rest) or NT form ("\Registry\..."), to the NT form: the regedit root
 * is replaced by its NT path, the rest is kept as given. *nt_path is NUL-terminated, *len
 * excludes the NUL; free it with free(). Errors: STATUS_INVALID_PARAMETER (NULL or invalid
 * UTF-8, or a component over the limits), STATUS_OBJECT_NAME_INVALID (empty path or an empty
 * component), STATUS_OBJECT_PATH_SYNTAX_BAD (an unknown root, e.g. HKEY_CURRENT_USER, which
 * drvhost does not model), STATUS_INSUFFICIENT_RESOURCES. */
NTSTATUS cm_path_from_utf8(const char *path, WCHAR **nt_path, size_t *len);
/* The same for a counted UTF-16 path in regedit form only (no leading '\'), as in a .reg
 * file's [KEY] line; the same errors. */
NTSTATUS cm_path_from_regedit(const WCHAR *path, size_t len, WCHAR **nt_path, size_t *nt_len);

/* ---- UTF-8 <-> UTF-16 (utf8.c) ---------------------------------------------------------- */

/* Strict UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF) to UTF-16
 * with surrogate pairs. *out is malloc'ed and NUL-terminated; *out_len (may be NULL) excludes
 * the NUL. STATUS_INVALID_PARAMETER for invalid input, STATUS_INSUFFICIENT_RESOURCES. */
NTSTATUS cm_utf8_to_utf16(const char *in, size_t in_len, WCHAR **out, size_t *out_len);
/* UTF-16 to UTF-8, the same way round. An unpaired surrogate is STATUS_INVALID_PARAMETER
 * (never silently replaced). */
NTSTATUS cm_utf16_to_utf8(const WCHAR *in, size_t in_len, char **out, size_t *out_len);

/* ---- host-facing helpers (service.c; the service keys are in cm/cm.h) ------------------- */

/* drvhost_reg_set's work: key in either path form (cm_path_from_utf8), created with its
 * parents as needed; name UTF-8 ("" = default value); data the raw bytes. A size above
 * MAXULONG is STATUS_INVALID_PARAMETER. */
NTSTATUS cm_reg_set_utf8(const char *key, const char *name, ULONG type, const void *data,
                         size_t size);
/* ---- .reg files (regfile_parse.c, regfile_apply.c, regfile_write.c) -------------------- */

/* The regedit format, "Windows Registry Editor Version 5.00" (see docs/registry.md). */
struct cm_regfile; /* a parsed file: its operations in file order */

/* Parses a whole .reg file held in memory: UTF-16LE with a BOM, or UTF-8 (BOM optional; ASCII
 * is UTF-8). name is only used in messages. Pure (no registry access, no I/O, no global
 * state), so it is also the fuzzing entry point. On a malformed file returns STATUS_DATA_ERROR
 * and writes "NAME:LINE: error: PROBLEM" (NUL-terminated, truncated to errsize) into err (may
 * be NULL); STATUS_INSUFFICIENT_RESOURCES when out of memory. */
NTSTATUS cm_regfile_parse(const void *buf, size_t size, const char *name, struct cm_regfile **out,
                          char *err, size_t errsize);
void cm_regfile_free(struct cm_regfile *rf);
/* Applies a parsed file to the store, in file order: [Key] creates the key with its parents,
 * [-Key] deletes the subtree (a missing key is no error, as in regedit), "Name"=... sets a
 * value and "Name"=- deletes one (missing: no error). Everything that the parser can check
 * was checked, so only running out of memory (or a concurrent change) fails midway. */
NTSTATUS cm_regfile_apply(const struct cm_regfile *rf, char *err, size_t errsize);
/* Reads the file at path, parses it and applies it. A file that cannot be read:
 * STATUS_OBJECT_NAME_NOT_FOUND (missing) or STATUS_ACCESS_DENIED / STATUS_UNSUCCESSFUL, with
 * "PATH: error: REASON" in err. */
NTSTATUS cm_regfile_import(const char *path, char *err, size_t errsize);
/* Writes the subtree at key (NULL: the whole registry, as [HKEY_LOCAL_MACHINE] and
 * [HKEY_USERS]) as .reg text, UTF-16LE with BOM and CRLF line ends as regedit writes it, into a
 * malloc'ed buffer. skip_volatile leaves volatile keys (and their subtrees) out. The walk
 * holds the store lock shared throughout (cm_snapshot_begin), so the text is one consistent
 * state of the tree. */
NTSTATUS cm_regfile_export_buffer(struct cm_key *key, BOOLEAN skip_volatile, void **buf,
                                  size_t *size);
/* drvhost_reg_export's work: key in either host path form (NULL or "": everything), written
 * atomically (cm_file_write_atomic) to path. */
NTSTATUS cm_regfile_export(const char *key, const char *path);

/* ---- persistence (persist.c) ------------------------------------------------------------ */

/* Writes size bytes to path atomically (os_file_replace: an exclusive temporary file beside the
 * target, the old mode kept, fsync, rename; a symlink at path has its target replaced). On any
 * failure the temporary file is removed and path is left as it was. Errors: STATUS_DISK_FULL
 * (ENOSPC, EFBIG, EDQUOT), STATUS_ACCESS_DENIED (EACCES, EPERM, EROFS, ELOOP),
 * STATUS_OBJECT_PATH_NOT_FOUND (ENOENT, ENOTDIR), else STATUS_UNSUCCESSFUL. */
NTSTATUS cm_file_write_atomic(const char *path, const void *data, size_t size);
/* drvhost_registry_open's work: locks path against other processes (os_file_lock; held until
 * cm_persist_shutdown; another process holding it: STATUS_SHARING_VIOLATION, a missing or
 * unwritable folder: the errno's status, each with a message on stderr), then imports path if
 * it exists (a malformed file fails with its message on stderr and the registry unchanged);
 * the path is remembered and the registry saved there by cm_persist_save.
 * STATUS_INVALID_PARAMETER if a path is already open. */
NTSTATUS cm_persist_open(const char *path);
/* Saves every non-volatile key to the remembered path (ZwFlushKey, and at shutdown). Saves are
 * serialized by a mutex of their own. STATUS_SUCCESS if no path is open. */
NTSTATUS cm_persist_save(void);
/* Called by cm_shutdown before it tears the tree down: saves (a failure is reported on stderr,
 * saying whether a previous file is left), forgets the path, releases the lock. Returns the
 * save's status. */
NTSTATUS cm_persist_shutdown(void);

#endif
