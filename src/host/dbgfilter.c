/*
 * dbgfilter.c - the DbgPrint filter masks from the registry, as Windows sets them at boot from
 * HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Debug Print Filter: one REG_DWORD value
 * per component name ("IHVDRIVER", "DEFAULT", ...) and "WIN2000" for the system-wide mask.
 *
 * Deviation: Windows reads the key once, at boot; drvhost's registry is filled after boot (a
 * registry file, `reg import`, drvhost_reg_set), so the key is read before each driver load,
 * and a value there replaces what DbgSetDebugFilterState set for that component. Values of
 * another type or size, and names that are no component, are ignored, as Windows does.
 */
#include "host/host.h"

#include "cm/cm.h"
#include "rtl/rtl.h"

#include <stdlib.h>

#define FILTER_KEY                                                                                 \
    "\\Registry\\Machine\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Debug Print Filter"

static int debug_print_all;

void host_dbg_filter_init(int mode)
{
    debug_print_all = mode == DRVHOST_DEBUG_PRINT_ALL;
    rtl_dbg_set_filter(RTL_DBG_ALL_COMPONENTS, debug_print_all ? 0xFFFFFFFFu : 0);
    rtl_dbg_set_filter(RTL_DBG_WIN2000, debug_print_all ? 0xFFFFFFFFu : 0x1);
}

/* The value's name in ASCII (component names are), or 0 if it is none. */
static int ascii_name(const WCHAR *name, size_t len, char *out, size_t cap)
{
    size_t i;
    if (len == 0 || len >= cap)
        return 0;
    for (i = 0; i < len; i++) {
        if (name[i] == 0 || name[i] > 0x7F)
            return 0;
        out[i] = (char)name[i];
    }
    out[len] = 0;
    return 1;
}

void host_dbg_filter_from_registry(void)
{
    struct cm_key *key;
    WCHAR *path, name[64];
    size_t path_len, name_len;
    char ascii[64];
    ULONG index, type, mask, size, id;
    NTSTATUS status;

    if (debug_print_all || !NT_SUCCESS(cm_path_from_utf8(FILTER_KEY, &path, &path_len)))
        return;
    status = cm_key_open(path, path_len, FALSE, &key, NULL);
    free(path);
    if (!NT_SUCCESS(status))
        return; /* no key: the masks stay as they are */
    for (index = 0;; index++) {
        size = sizeof(mask);
        status = cm_key_enum_value(key, index, name, sizeof(name) / sizeof(name[0]), &name_len,
                                   &type, &mask, &size);
        if (status == STATUS_NO_MORE_ENTRIES || status == STATUS_KEY_DELETED)
            break;
        if (!NT_SUCCESS(status) || type != REG_DWORD || size != sizeof(mask) ||
            !ascii_name(name, name_len, ascii, sizeof(ascii)))
            continue;
        id = rtl_dbg_component_id(ascii);
        if (id != RTL_DBG_ALL_COMPONENTS)
            rtl_dbg_set_filter(id, mask);
    }
    cm_key_release(key);
}
