/*
 * zwfile.c - ZwCreateFile over the file sandbox: \??\C:\x is ROOT/C/x, \SystemRoot\x is
 * ROOT/Windows/x (docs/files.md). ROOT is the folder drvhost_options.file_root names (kept), or a
 * fresh folder per boot made at first use and removed at shutdown.
 *
 * Names are checked here (no empty, "." or ".." component, none of the characters NTFS refuses)
 * and confined again by the platform layer (src/os/fs.c: no symbolic link, nothing above ROOT).
 * Deviation: names are case-sensitive on the Linux side (Windows compares them
 * case-insensitively); the prefixes (\??\, \SystemRoot, the drive letter) are not.
 *
 * A file handle is an ordinary kernel handle to a FILE_OBJECT (IoFileObjectType); the object's
 * io_hostfile holds the descriptor until the last reference goes (ZwClose of the last handle).
 */
#include "io/zwfile.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdio.h>
#include <string.h>

#define IO_FS_TAG 'sFoI'

static struct {
    os_mutex lock;
    int root;        /* descriptor of ROOT; -1 until made */
    BOOLEAN caller;  /* ROOT is the caller's (kept at shutdown) */
    char path[4096]; /* ROOT */
} io_fs = {OS_MUTEX_INIT, -1, FALSE, ""};

/* The folders every root has: the system drive C and the Windows folder with those every
 * Windows installation has (System32, System32\drivers, Temp), each made if missing. */
static BOOLEAN io_fs_make_layout(int root)
{
    static const char *const folders[] = {"C", "Windows", "Windows/System32",
                                          "Windows/System32/drivers", "Windows/Temp"};
    struct os_fs_open how = {OS_FS_OPEN_ALWAYS, true, false};
    for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
        int fd;
        bool existed;
        if (os_fs_open(root, folders[i], &how, &fd, &existed) != OS_FS_OK)
            return FALSE;
        os_fs_close(fd);
    }
    return TRUE;
}

NTSTATUS io_files_init(const char *root)
{
    io_fs.root = -1;
    io_fs.caller = FALSE;
    io_fs.path[0] = 0;
    if (root == NULL)
        return STATUS_SUCCESS;
    if (strlen(root) >= sizeof(io_fs.path))
        return STATUS_NAME_TOO_LONG;
    io_fs.root = os_fs_root_open(root, true);
    if (io_fs.root < 0 || !io_fs_make_layout(io_fs.root)) {
        rtl_diag(RTL_DIAG_ERROR, "io",
                 "cannot use %s as the file root (a folder drvhost can create "
                 "and write is needed)",
                 root);
        os_fs_close(io_fs.root);
        io_fs.root = -1;
        return STATUS_OBJECT_PATH_NOT_FOUND;
    }
    strcpy(io_fs.path, root);
    io_fs.caller = TRUE;
    return STATUS_SUCCESS;
}

/* The root descriptor, making the per-boot folder on first use; -1 if that fails. */
static int io_fs_root(void)
{
    int root;
    os_mutex_lock(&io_fs.lock);
    if (io_fs.root < 0 && !io_fs.caller && os_fs_temp_dir(io_fs.path, sizeof(io_fs.path))) {
        io_fs.root = os_fs_root_open(io_fs.path, false);
        if (io_fs.root >= 0 && !io_fs_make_layout(io_fs.root)) {
            os_fs_close(io_fs.root);
            io_fs.root = -1;
        }
        if (io_fs.root < 0)
            os_fs_remove_tree(io_fs.path);
    }
    root = io_fs.root;
    os_mutex_unlock(&io_fs.lock);
    return root;
}

const char *io_files_root_path(void)
{
    return io_fs_root() >= 0 ? io_fs.path : NULL;
}

void io_files_shutdown(void)
{
    os_mutex_lock(&io_fs.lock);
    os_fs_close(io_fs.root);
    if (io_fs.root >= 0 && !io_fs.caller)
        os_fs_remove_tree(io_fs.path);
    io_fs.root = -1;
    io_fs.caller = FALSE;
    os_mutex_unlock(&io_fs.lock);
}

/* ---- names ------------------------------------------------------------------------------- */

/* Case-insensitive ASCII prefix of a counted name; returns its length or 0. */
static size_t io_fs_prefix(const WCHAR *s, size_t n, const char *prefix)
{
    size_t i;
    for (i = 0; prefix[i] != 0; i++) {
        WCHAR c = i < n ? s[i] : 0, p = (WCHAR)prefix[i];
        if (c >= 'a' && c <= 'z')
            c = (WCHAR)(c - 0x20);
        if (p >= 'a' && p <= 'z')
            p = (WCHAR)(p - 0x20);
        if (c != p)
            return 0;
    }
    return i;
}

/* Appends one UTF-16 code point (or a surrogate pair) as UTF-8; FALSE if malformed or full. */
static BOOLEAN io_fs_utf8(const WCHAR *s, size_t n, size_t *i, char *out, size_t size, size_t *used)
{
    uint32_t c = s[*i];
    char b[4];
    size_t k;
    if (c >= 0xD800 && c <= 0xDBFF && *i + 1 < n && s[*i + 1] >= 0xDC00 && s[*i + 1] <= 0xDFFF)
        c = 0x10000 + ((c - 0xD800) << 10) + (s[++*i] - 0xDC00);
    else if (c >= 0xD800 && c <= 0xDFFF)
        return FALSE;
    if (c < 0x80)
        b[0] = (char)c, k = 1;
    else if (c < 0x800)
        b[0] = (char)(0xC0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3F)), k = 2;
    else if (c < 0x10000)
        b[0] = (char)(0xE0 | c >> 12), b[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
        b[2] = (char)(0x80 | (c & 0x3F)), k = 3;
    else
        b[0] = (char)(0xF0 | c >> 18), b[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F)), b[3] = (char)(0x80 | (c & 0x3F)), k = 4;
    if (*used + k >= size)
        return FALSE;
    memcpy(out + *used, b, k);
    *used += k;
    return TRUE;
}

static BOOLEAN io_fs_bad_char(WCHAR c)
{
    return c < 0x20 || c == '"' || c == '*' || c == '/' || c == ':' || c == '<' || c == '>' ||
           c == '?' || c == '|';
}

/* Appends "/comp/comp..." for a tail of backslash-separated components. One trailing backslash
 * is allowed ("\??\C:\dir\"); an empty, "." or ".." component, a character NTFS refuses or a
 * component over 255 characters is STATUS_OBJECT_NAME_INVALID. */
static NTSTATUS io_fs_components(const WCHAR *s, size_t n, char *rel, size_t size, size_t *used)
{
    size_t i = 0;
    while (i < n) {
        size_t start = i, len;
        while (i < n && s[i] != '\\')
            i++;
        len = i - start;
        if (len == 0 || len > 255 || (len == 1 && s[start] == '.') ||
            (len == 2 && s[start] == '.' && s[start + 1] == '.'))
            return STATUS_OBJECT_NAME_INVALID;
        if (*used + 1 >= size)
            return STATUS_OBJECT_NAME_INVALID;
        if (*used > 0)
            rel[(*used)++] = '/';
        for (size_t k = start; k < i; k++)
            if (io_fs_bad_char(s[k]) || !io_fs_utf8(s, i, &k, rel, size, used))
                return STATUS_OBJECT_NAME_INVALID;
        if (i < n)
            i++; /* the backslash */
        if (i == n && s[n - 1] == '\\')
            break; /* one trailing backslash */
    }
    rel[*used] = 0;
    return STATUS_SUCCESS;
}

/* Translates an absolute NT name into a path beneath ROOT. STATUS_OBJECT_TYPE_MISMATCH: the
 * name is not in the sandbox (\??\X:\ or \SystemRoot). */
static NTSTATUS io_fs_translate(PCUNICODE_STRING name, char *rel, size_t size)
{
    const WCHAR *s = name->Buffer;
    size_t n = name->Length / sizeof(WCHAR), p, used = 0;
    if ((p = io_fs_prefix(s, n, "\\??\\")) == 0 && (p = io_fs_prefix(s, n, "\\DosDevices\\")) == 0)
        p = io_fs_prefix(s, n, "\\GLOBAL??\\");
    if (p != 0 && n >= p + 2 && s[p + 1] == ':' && (n == p + 2 || s[p + 2] == '\\') &&
        ((s[p] >= 'A' && s[p] <= 'Z') || (s[p] >= 'a' && s[p] <= 'z'))) {
        rel[used++] = (char)(s[p] & ~0x20); /* the drive letter, upper case */
        rel[used] = 0;
        p += 2;
    } else if ((p = io_fs_prefix(s, n, "\\SystemRoot")) != 0 && (n == p || s[p] == '\\')) {
        used = (size_t)snprintf(rel, size, "Windows");
    } else {
        return STATUS_OBJECT_TYPE_MISMATCH;
    }
    if (p < n)
        p++; /* the backslash after the drive or \SystemRoot */
    return io_fs_components(s + p, n - p, rel, size, &used);
}

/* A name relative to a directory handle (ObjectAttributes->RootDirectory). */
static NTSTATUS io_fs_translate_relative(const struct io_hostfile *dir, PCUNICODE_STRING name,
                                         char *rel, size_t size)
{
    size_t used = strlen(dir->rel), n = name->Length / sizeof(WCHAR);
    if (used >= size || (n > 0 && name->Buffer[0] == '\\'))
        return STATUS_OBJECT_NAME_INVALID;
    memcpy(rel, dir->rel, used + 1);
    return io_fs_components(name->Buffer, n, rel, size, &used);
}

/* ---- create ------------------------------------------------------------------------------ */

static ACCESS_MASK io_fs_map_generic(ACCESS_MASK access)
{
    if (access & GENERIC_READ)
        access |= FILE_GENERIC_READ;
    if (access & GENERIC_WRITE)
        access |= FILE_GENERIC_WRITE;
    if (access & GENERIC_EXECUTE)
        access |= FILE_GENERIC_EXECUTE;
    if (access & (GENERIC_ALL | MAXIMUM_ALLOWED))
        access |= FILE_ALL_ACCESS;
    return access &
           ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED);
}

/* The parameter checks ZwCreateFile documents. */
static NTSTATUS io_fs_check_options(ACCESS_MASK access, ULONG disposition, ULONG options, PVOID ea,
                                    ULONG ea_length)
{
    ULONG sync = options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT);
    if (disposition > FILE_MAXIMUM_DISPOSITION || ea != NULL || ea_length != 0)
        return STATUS_INVALID_PARAMETER;
    if ((options & FILE_DIRECTORY_FILE) && (options & FILE_NON_DIRECTORY_FILE))
        return STATUS_INVALID_PARAMETER;
    if ((options & FILE_DIRECTORY_FILE) && disposition != FILE_CREATE && disposition != FILE_OPEN &&
        disposition != FILE_OPEN_IF)
        return STATUS_INVALID_PARAMETER;
    if (sync == (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT) ||
        (sync != 0 && !(access & SYNCHRONIZE)))
        return STATUS_INVALID_PARAMETER;
    if ((options & FILE_DELETE_ON_CLOSE) && !(access & DELETE))
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

static const enum os_fs_how io_fs_how[] = {
    [FILE_SUPERSEDE] = OS_FS_TRUNCATE_ALWAYS,   [FILE_OPEN] = OS_FS_OPEN_EXISTING,
    [FILE_CREATE] = OS_FS_CREATE_NEW,           [FILE_OPEN_IF] = OS_FS_OPEN_ALWAYS,
    [FILE_OVERWRITE] = OS_FS_TRUNCATE_EXISTING, [FILE_OVERWRITE_IF] = OS_FS_TRUNCATE_ALWAYS,
};

static ULONG_PTR io_fs_information(ULONG disposition, bool existed)
{
    switch (disposition) {
    case FILE_SUPERSEDE:
        return existed ? FILE_SUPERSEDED : FILE_CREATED;
    case FILE_CREATE:
        return FILE_CREATED;
    case FILE_OPEN:
        return FILE_OPENED;
    case FILE_OPEN_IF:
        return existed ? FILE_OPENED : FILE_CREATED;
    default:
        return existed ? FILE_OVERWRITTEN : FILE_CREATED;
    }
}

/* The sandbox's failures: what no class names is an unexpected I/O error. */
NTSTATUS io_fs_status(enum os_fs_status s)
{
    return rtl_status_from_os(s, STATUS_UNEXPECTED_IO_ERROR);
}

/* Opens the host file: the folder flag follows the options, and without
 * FILE_NON_DIRECTORY_FILE an existing folder opens as a folder, as on Windows. */
static enum os_fs_status io_fs_open_host(int root, const char *rel, ACCESS_MASK access,
                                         ULONG disposition, ULONG options, int *fd, bool *existed)
{
    struct os_fs_open how = {io_fs_how[disposition], (options & FILE_DIRECTORY_FILE) != 0,
                             (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0};
    enum os_fs_status s = os_fs_open(root, rel, &how, fd, existed);
    if (s == OS_FS_IS_DIR && !(options & FILE_NON_DIRECTORY_FILE) &&
        (disposition == FILE_OPEN || disposition == FILE_OPEN_IF)) {
        how.directory = true;
        how.write = false;
        s = os_fs_open(root, rel, &how, fd, existed);
    }
    return s;
}

static NTSTATUS io_fs_new_file(int fd, const char *rel, PCUNICODE_STRING name, ACCESS_MASK access,
                               ULONG options, struct io_file **out)
{
    struct os_fs_info info;
    struct io_file *file = io_file_new();
    struct io_hostfile *h = ex_alloc(sizeof(*h) + strlen(rel) + 1, IO_FS_TAG);
    if (file == NULL || h == NULL || !NT_SUCCESS(ob_string_dup(&file->object.FileName, name))) {
        ex_free(h);
        if (file != NULL)
            ob_dereference(file);
        os_fs_close(fd);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    h->fd = fd;
    strcpy(h->rel, rel);
    h->directory = os_fs_stat(fd, &info) == OS_FS_OK && info.directory;
    h->synchronous = (options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)) != 0;
    h->delete_on_close = (options & FILE_DELETE_ON_CLOSE) != 0;
    os_mutex_init(&h->lock);
    file->host = h;
    file->access = access;
    file->object.ReadAccess = (access & FILE_READ_DATA) != 0;
    file->object.WriteAccess = (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    file->object.DeleteAccess = (access & DELETE) != 0;
    file->object.Flags |= FO_HANDLE_CREATED | (h->synchronous ? FO_SYNCHRONOUS_IO : 0) |
                          ((options & FILE_SYNCHRONOUS_IO_ALERT) ? FO_ALERTABLE_IO : 0) |
                          (h->delete_on_close ? FO_DELETE_ON_CLOSE : 0);
    *out = file;
    return STATUS_SUCCESS;
}

void io_hostfile_close(struct io_file *file)
{
    struct io_hostfile *h = file->host;
    os_fs_close(h->fd);
    if (h->delete_on_close) {
        os_mutex_lock(&io_fs.lock);
        if (io_fs.root >= 0)
            os_fs_unlink(io_fs.root, h->rel, h->directory);
        os_mutex_unlock(&io_fs.lock);
    }
    os_mutex_destroy(&h->lock);
    ex_free(h);
    file->host = NULL;
}

NTSTATUS io_fs_file_of(HANDLE handle, struct io_file **file)
{
    PVOID object;
    NTSTATUS status =
        ObReferenceObjectByHandle(handle, 0, *IoFileObjectType, KernelMode, &object, NULL);
    if (!NT_SUCCESS(status))
        return status;
    *file = object;
    if ((*file)->host != NULL)
        return STATUS_SUCCESS;
    ob_dereference(object);
    return STATUS_NOT_SUPPORTED; /* a device's file object: Zw I/O on it is not provided */
}

/* The path beneath ROOT for ObjectAttributes (absolute, or relative to a folder handle). */
static NTSTATUS io_fs_name(POBJECT_ATTRIBUTES oa, char *rel, size_t size)
{
    struct io_file *dir;
    NTSTATUS status;
    if (oa->RootDirectory == NULL) {
        /* STATUS_OBJECT_TYPE_MISMATCH: not a sandbox name (perhaps a device's). */
        return io_fs_translate(oa->ObjectName, rel, size);
    }
    status = io_fs_file_of(oa->RootDirectory, &dir);
    if (!NT_SUCCESS(status))
        return status == STATUS_NOT_SUPPORTED ? STATUS_INVALID_PARAMETER : status;
    status = dir->host->directory ? io_fs_translate_relative(dir->host, oa->ObjectName, rel, size)
                                  : STATUS_INVALID_PARAMETER;
    ob_dereference(dir);
    return status;
}

/* ZwCreateFile of a name that is not in the sandbox: a device's (\\Device\\X, \\??\\Link, a device
 * interface's symbolic link, with or without a remainder) is opened as the I/O manager opens a
 * device: IRP_MJ_CREATE down its stack, RequestorMode KernelMode, with the access, share
 * access, disposition, options and attributes given; the handle is to that file object
 * (Zw I/O through it is not provided: io_fs_file_of). Any other name keeps the sandbox's
 * answer, STATUS_OBJECT_PATH_NOT_FOUND with a message; a named object that is not a device is
 * STATUS_OBJECT_TYPE_MISMATCH. */
static NTSTATUS io_fs_open_device(POBJECT_ATTRIBUTES oa, ACCESS_MASK access,
                                  const struct io_create_params *params, PHANDLE handle,
                                  PIO_STATUS_BLOCK iosb)
{
    struct io_file *file;
    char name[256];
    NTSTATUS status = io_open_with(oa->ObjectName, access, params, KernelMode, &file);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND || status == STATUS_OBJECT_PATH_NOT_FOUND) {
        rtl_diag(RTL_DIAG_WARN, "io",
                 "ZwCreateFile(%s): only \\??\\X:\\... and \\SystemRoot\\... files and "
                 "devices' names are provided (docs/files.md)",
                 ob_string_to_utf8(oa->ObjectName, name, sizeof(name)));
        return STATUS_OBJECT_PATH_NOT_FOUND;
    }
    if (NT_SUCCESS(status)) {
        status = ob_handle_create(file, access, handle);
        ob_dereference(file); /* the handle holds the file object now */
    }
    iosb->Status = status;
    iosb->Information = NT_SUCCESS(status) ? FILE_OPENED : 0;
    return status;
}

NTSYSAPI NTSTATUS NTAPI ZwCreateFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess,
                                     POBJECT_ATTRIBUTES ObjectAttributes,
                                     PIO_STATUS_BLOCK IoStatusBlock, PLARGE_INTEGER AllocationSize,
                                     ULONG FileAttributes, ULONG ShareAccess,
                                     ULONG CreateDisposition, ULONG CreateOptions, PVOID EaBuffer,
                                     ULONG EaLength)
{
    char rel[4096];
    ACCESS_MASK access = io_fs_map_generic(DesiredAccess);
    struct io_file *file;
    bool existed = false;
    BOOLEAN opened = FALSE;
    int fd, root;
    NTSTATUS status;
    (void)AllocationSize, (void)FileAttributes, (void)ShareAccess; /* docs/files.md */
    vf_check_zw_passive("ZwCreateFile");
    if (FileHandle == NULL || IoStatusBlock == NULL || ObjectAttributes == NULL ||
        ObjectAttributes->ObjectName == NULL || ObjectAttributes->ObjectName->Buffer == NULL)
        return STATUS_INVALID_PARAMETER;
    /* The synchronous options need SYNCHRONIZE in DesiredAccess itself (before the generic
     * rights are mapped). */
    status =
        io_fs_check_options(DesiredAccess, CreateDisposition, CreateOptions, EaBuffer, EaLength);
    if (NT_SUCCESS(status))
        status = io_fs_name(ObjectAttributes, rel, sizeof(rel));
    if (status == STATUS_OBJECT_TYPE_MISMATCH) {
        struct io_create_params params = {ShareAccess, CreateDisposition, CreateOptions,
                                          FileAttributes};
        return io_fs_open_device(ObjectAttributes, access, &params, FileHandle, IoStatusBlock);
    }
    if (NT_SUCCESS(status) && (root = io_fs_root()) < 0)
        status = STATUS_UNEXPECTED_IO_ERROR;
    if (NT_SUCCESS(status))
        os_fs_match_case(root, rel); /* names compare without case, as on NTFS */
    if (NT_SUCCESS(status)) {
        enum os_fs_status s =
            io_fs_open_host(root, rel, access, CreateDisposition, CreateOptions, &fd, &existed);
        status = io_fs_status(s);
        opened = TRUE;
        IoStatusBlock->Information = s == OS_FS_EXISTS      ? FILE_EXISTS
                                     : s == OS_FS_NOT_FOUND ? FILE_DOES_NOT_EXIST
                                                            : 0;
    }
    if (NT_SUCCESS(status))
        status =
            io_fs_new_file(fd, rel, ObjectAttributes->ObjectName, access, CreateOptions, &file);
    if (NT_SUCCESS(status)) {
        status = ob_handle_create(file, access, FileHandle);
        ob_dereference(file); /* the handle holds the file object now */
        if (NT_SUCCESS(status))
            IoStatusBlock->Information = io_fs_information(CreateDisposition, existed);
    }
    /* Parameter and name errors are found before the file system: the block is not written. */
    if (opened)
        IoStatusBlock->Status = status;
    return status;
}

/* ZwCreateFile with FILE_OPEN and no allocation size, attributes or extended attributes. */
NTSYSAPI NTSTATUS NTAPI ZwOpenFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess,
                                   POBJECT_ATTRIBUTES ObjectAttributes,
                                   PIO_STATUS_BLOCK IoStatusBlock, ULONG ShareAccess,
                                   ULONG OpenOptions)
{
    return ZwCreateFile(FileHandle, DesiredAccess, ObjectAttributes, IoStatusBlock, NULL, 0,
                        ShareAccess, FILE_OPEN, OpenOptions, NULL, 0);
}
