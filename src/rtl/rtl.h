/*
 * rtl.h - the runtime library layer's internal interface (src/rtl).
 *
 * The public Rtl and Dbg routines are declared in include/km/drvhost_rtl.h; this header adds
 * what other layers of the runtime use: status names, the allocator hook, the printf engine
 * and the debug-output filter settings.
 */
#ifndef DRVHOST_SRC_RTL_H
#define DRVHOST_SRC_RTL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <ntdef.h>
#include <ntstatus.h>
#include <drvhost_rtl.h>

#include "os/os.h"

/* ---- status names (status.c) -------------------------------------------------------------- */

/* The canonical name of a status ("STATUS_SUCCESS" for 0), or NULL when it has none. The
 * string is static. */
const char *rtl_status_name(NTSTATUS status);

/* ---- the Microsoft printf dialect (format.c) -------------------------------------------- */

/* rtl_vformat (rtl/rtl_private.h) consuming the arguments from *ap (left after the last one
 * used): the WPP renderer formats a message one conversion at a time. */
ptrdiff_t rtl_vformat_ap(int wide, void *buf, size_t cap, const void *fmt, va_list *ap);

/* ---- host failures (os_status.c) ---------------------------------------------------------- */

/* The NTSTATUS Windows returns for a host failure of class s (src/os's os_fs_status);
 * `otherwise` for OS_FS_ERROR, the class of failures with no better status. */
NTSTATUS rtl_status_from_os(enum os_fs_status s, NTSTATUS otherwise);
/* The same for an errno value met while doing `context` (os_status_from_errno). */
NTSTATUS rtl_status_from_errno(int error, enum os_errno_context context, NTSTATUS otherwise);

/* ---- allocation (alloc_fallback.c: the pool ex installs) ---------------------------------- */

/* Allocations made on behalf of a caller (RtlAnsiStringToUnicodeString with
 * AllocateDestinationString, RtlCreateUnicodeString, ...); released with rtl_free, which is what
 * RtlFreeUnicodeString and RtlFreeAnsiString call. rtl_alloc returns NULL on failure. `caller`
 * is the return address of the exported DDI (__builtin_return_address(0) there, passed down):
 * the block is charged to the driver owning it, as Windows charges it to the caller. */
void *rtl_alloc(SIZE_T size, ULONG tag, const void *caller);

/* The allocator behind rtl_alloc and rtl_free. rtl is below ex, so ex_init installs its pool
 * here (ex_alloc_for, ex_free) rather than rtl calling up into ex. Set once at boot, before any
 * driver runs; until then rtl_alloc returns NULL. */
struct rtl_allocator {
    void *(*alloc)(size_t size, ULONG tag, const void *caller); /* zeroed or not; NULL: failed */
    void (*free)(void *p);
};
void rtl_set_allocator(const struct rtl_allocator *allocator);

/* ---- the Windows version drvhost reports (version.c) -------------------------------------- */

/* The one place the numbers live: RtlGetVersion, RtlVerifyVersionInfo and the NTDDI checks use
 * them, and PsGetVersion should (src/ps/version.c has its own copy today). Windows 10 version
 * 2004, build 19041: the release whose kernel interface the headers cover (KMDF 1.33), NTDDI
 * level NTDDI_WIN10_VB. A Windows 10 workstation with no service pack. */
#define RTL_DRVHOST_MAJOR_VERSION 10
#define RTL_DRVHOST_MINOR_VERSION 0
#define RTL_DRVHOST_BUILD         19041

/* ---- debug output (dbgprint.c) ------------------------------------------------------------ */

/* Sets the filter mask of a component (Windows' Kd_<component>_Mask; all start at 0).
 * RTL_DBG_WIN2000 sets the system-wide mask that is ORed into every component's
 * (default 0x1, DPFLTR_ERROR_LEVEL only); RTL_DBG_ALL_COMPONENTS sets every component's mask and
 * the system-wide one. Other ids outside the DPFLTR table are ignored. */
#define RTL_DBG_ALL_COMPONENTS 0xFFFFFFFFu
#define RTL_DBG_WIN2000        0xFFFFFFFEu
void rtl_dbg_set_filter(ULONG component, ULONG mask);
/* The id of a component name of the Debug Print Filter key, case-insensitively: "IHVDRIVER"
 * is DPFLTR_IHVDRIVER_ID, "WIN2000" is RTL_DBG_WIN2000; RTL_DBG_ALL_COMPONENTS if unknown. */
ULONG rtl_dbg_component_id(const char *name);
/* The trace sink (src/trace) takes DbgPrint's messages that passed the filter: it returns
 * nonzero when it wrote the message (a trace file is set), zero to let it go to stderr as
 * before. text is not terminated. */
typedef int (*rtl_dbg_sink)(const char *component, ULONG level, const char *text, size_t len);
void rtl_dbg_set_sink(rtl_dbg_sink sink);
/* Nonzero: DbgPrint output is filtered as usual but not written. */
void rtl_dbg_set_quiet(int quiet);
/* The diagnostics channel (stderr) is silenced: drvhost_options.quiet. */
int rtl_dbg_quiet(void);

/* ---- UTF-8 <-> UTF-16, strict (utf.c) --------------------------------------------------- */

/* One code point at in[*pos] (advanced past it), or -1 for a malformed sequence. */
long rtl_utf8_decode(const unsigned char *in, size_t len, size_t *pos);
/* One UTF-16 code point at in[*pos] (advanced past it), or -1 for an unpaired surrogate
 * (utf.c). */
long rtl_utf16_decode(const WCHAR *in, size_t len, size_t *pos);
/* Writes cp as UTF-8 (1 to 4 bytes) to out; returns the byte count. */
size_t rtl_utf8_encode(unsigned long cp, char *out);
/* Whole strings into the caller's buffer (UTF-16: in_len + 1 units; UTF-8: 3 * in_len + 1
 * bytes), NUL-terminated; false, with out undefined, for malformed input. */
bool rtl_utf8_to_utf16(const char *in, size_t in_len, WCHAR *out, size_t *out_len);
bool rtl_utf16_to_utf8(const WCHAR *in, size_t in_len, char *out, size_t *out_len);

/* ---- building a line (diag.c) ----------------------------------------------------------- */

/* Appends printf output to text[used...] (size bytes in all), always terminated; returns the new
 * length, at most size - 1 (a full buffer stays full: the rest is cut). */
size_t rtl_appendf(char *text, size_t used, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- the runtime's messages (diag.c) --------------------------------------------------- */

enum rtl_diag_level {
    RTL_DIAG_ERROR, /* something failed or leaked: always shown */
    RTL_DIAG_WARN,  /* a driver or a host did something questionable: always shown */
    RTL_DIAG_NOTE,  /* what the runtime did on the driver's behalf: hidden by --quiet */
};
/* drvhost_options.quiet: notes are not shown. */
void rtl_diag_set_quiet(int quiet);
/* One line "drvhost: TEXT" on stderr (fmt without the prefix and without the newline). */
void rtl_diag(enum rtl_diag_level level, const char *component, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same without the "drvhost: " prefix: messages that carry their own (FILE:LINE: error:). */
void rtl_diag_plain(enum rtl_diag_level level, const char *component, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
