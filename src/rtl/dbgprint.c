/*
 * dbgprint.c - DbgPrint, DbgPrintEx, vDbgPrintEx, vDbgPrintExWithPrefix: debug output with
 * Windows' component filtering, written to the host's stderr instead of a kernel debugger.
 *
 * Filtering (documented in "Reading and Filtering Debugging Messages"): Level 0-31 selects one
 * bit (1 << Level), a larger Level is the importance field itself; a message is written when
 * that field ANDed with (component mask | WIN2000 mask) is nonzero. Component masks start at
 * 0 and the WIN2000 mask at 0x1, so by default only DPFLTR_ERROR_LEVEL messages are written,
 * and DbgPrint/KdPrint (DEFAULT component, INFO level) are not, as on Windows Vista and
 * later. The masks change through rtl_dbg_set_filter (the host: the "Debug Print Filter"
 * registry values, or every mask open for `--debug-print all`) and DbgSetDebugFilterState.
 * A message that passes goes to the trace file when one is set (src/trace, rtl_dbg_set_sink),
 * else to stderr as described below.
 * An id outside the DPFLTR table is filtered by the WIN2000 mask alone.
 *
 * Each message is formatted (prefix included) into a 512-byte buffer, as Windows transmits at
 * most 512 bytes per call (the rest is lost), and written with one fwrite to stderr; stdio
 * locks the stream for the call, so messages from concurrent threads do not interleave. A
 * message without a trailing newline is written as is. The masks are read and written with
 * atomic operations: every routine here is thread-safe and takes no lock of ours, so it may be
 * called at any IRQL.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rtl/rtl_private.h"

#define DBG_MESSAGE_MAX 512

static ULONG component_masks[DPFLTR_ENDOFTABLE_ID];
static ULONG win2000_mask = 0x1;
static int dbg_quiet;
static rtl_dbg_sink dbg_sink;

/* The component names of the DPFLTR table, in id order: the value names of the registry's
 * Debug Print Filter key ("IHVDRIVER" for DPFLTR_IHVDRIVER_ID). */
static const char *const component_names[DPFLTR_ENDOFTABLE_ID] = {
    "SYSTEM",
    "SMSS",
    "SETUP",
    "NTFS",
    "FSTUB",
    "CRASHDUMP",
    "CDAUDIO",
    "CDROM",
    "CLASSPNP",
    "DISK",
    "REDBOOK",
    "STORPROP",
    "SCSIPORT",
    "SCSIMINIPORT",
    "CONFIG",
    "I8042PRT",
    "SERMOUSE",
    "LSERMOUS",
    "KBDHID",
    "MOUHID",
    "KBDCLASS",
    "MOUCLASS",
    "TWOTRACK",
    "WMILIB",
    "ACPI",
    "AMLI",
    "HALIA64",
    "VIDEO",
    "SVCHOST",
    "VIDEOPRT",
    "TCPIP",
    "DMSYNTH",
    "NTOSPNP",
    "FASTFAT",
    "SAMSS",
    "PNPMGR",
    "NETAPI",
    "SCSERVER",
    "SCCLIENT",
    "SERIAL",
    "SERENUM",
    "UHCD",
    "RPCPROXY",
    "AUTOCHK",
    "DCOMSS",
    "UNIMODEM",
    "SIS",
    "FLTMGR",
    "WMICORE",
    "BURNENG",
    "IMAPI",
    "SXS",
    "FUSION",
    "IDLETASK",
    "SOFTPCI",
    "TAPE",
    "MCHGR",
    "IDEP",
    "PCIIDE",
    "FLOPPY",
    "FDC",
    "TERMSRV",
    "W32TIME",
    "PREFETCHER",
    "RSFILTER",
    "FCPORT",
    "PCI",
    "DMIO",
    "DMCONFIG",
    "DMADMIN",
    "WSOCKTRANSPORT",
    "VSS",
    "PNPMEM",
    "PROCESSOR",
    "DMSERVER",
    "SR",
    "INFINIBAND",
    "IHVDRIVER",
    "IHVVIDEO",
    "IHVAUDIO",
    "IHVNETWORK",
    "IHVSTREAMING",
    "IHVBUS",
    "HPS",
    "RTLTHREADPOOL",
    "LDR",
    "TCPIP6",
    "ISAPNP",
    "SHPC",
    "STORPORT",
    "STORMINIPORT",
    "PRINTSPOOLER",
    "VSSDYNDISK",
    "VERIFIER",
    "VDS",
    "VDSBAS",
    "VDSDYN",
    "VDSDYNDR",
    "VDSLDR",
    "VDSUTIL",
    "DFRGIFC",
    "DEFAULT",
    "MM",
    "DFSC",
    "WOW64",
    "ALPC",
    "WDI",
    "PERFLIB",
    "KTM",
    "IOSTRESS",
    "HEAP",
    "WHEA",
    "USERGDI",
    "MMCSS",
    "TPM",
    "THREADORDER",
    "ENVIRON",
    "EMS",
    "WDT",
    "FVEVOL",
    "NDIS",
    "NVCTRACE",
    "LUAFV",
    "APPCOMPAT",
    "USBSTOR",
    "SBP2PORT",
    "COVERAGE",
    "CACHEMGR",
    "MOUNTMGR",
    "CFR",
    "TXF",
    "KSECDD",
    "FLTREGRESS",
    "MPIO",
    "MSDSM",
    "UDFS",
    "PSHED",
    "STORVSP",
    "LSASS",
    "SSPICLI",
    "CNG",
    "EXFAT",
    "FILETRACE",
    "XSAVE",
    "SE",
    "DRIVEEXTENDER",
};

ULONG rtl_dbg_component_id(const char *name)
{
    ULONG i;

    if (strcasecmp(name, "WIN2000") == 0)
        return RTL_DBG_WIN2000;
    for (i = 0; i < DPFLTR_ENDOFTABLE_ID; i++)
        if (strcasecmp(name, component_names[i]) == 0)
            return i;
    return RTL_DBG_ALL_COMPONENTS;
}

void rtl_dbg_set_filter(ULONG component, ULONG mask)
{
    ULONG i;

    if (component == RTL_DBG_WIN2000 || component == RTL_DBG_ALL_COMPONENTS)
        __atomic_store_n(&win2000_mask, mask, __ATOMIC_RELAXED);
    if (component == RTL_DBG_ALL_COMPONENTS) {
        for (i = 0; i < DPFLTR_ENDOFTABLE_ID; i++)
            __atomic_store_n(&component_masks[i], mask, __ATOMIC_RELAXED);
    } else if (component < DPFLTR_ENDOFTABLE_ID) {
        __atomic_store_n(&component_masks[component], mask, __ATOMIC_RELAXED);
    }
}

void rtl_dbg_set_sink(rtl_dbg_sink sink)
{
    __atomic_store_n(&dbg_sink, sink, __ATOMIC_RELEASE);
}

void rtl_dbg_set_quiet(int quiet)
{
    __atomic_store_n(&dbg_quiet, quiet, __ATOMIC_RELAXED);
}

int rtl_dbg_quiet(void)
{
    return __atomic_load_n(&dbg_quiet, __ATOMIC_RELAXED);
}

static ULONG dbg_importance(ULONG level)
{
    return level < 32 ? 1u << level : level;
}

static int dbg_enabled(ULONG component, ULONG level)
{
    ULONG importance = dbg_importance(level);
    ULONG mask = __atomic_load_n(&win2000_mask, __ATOMIC_RELAXED);

    if (component < DPFLTR_ENDOFTABLE_ID)
        mask |= __atomic_load_n(&component_masks[component], __ATOMIC_RELAXED);
    return (importance & mask) != 0;
}

/* The system-wide mask's id for the two routines below (Windows' distinguished value -1). */
#define DBG_SYSTEM_ID ((ULONG)-1)

NTSYSAPI NTSTATUS NTAPI DbgQueryDebugFilterState(ULONG ComponentId, ULONG Level)
{
    if (ComponentId == DBG_SYSTEM_ID)
        return (dbg_importance(Level) & __atomic_load_n(&win2000_mask, __ATOMIC_RELAXED)) != 0;
    if (ComponentId >= DPFLTR_ENDOFTABLE_ID)
        return STATUS_INVALID_PARAMETER_1;
    return dbg_enabled(ComponentId, Level) ? TRUE : FALSE;
}

NTSYSAPI NTSTATUS NTAPI DbgSetDebugFilterState(ULONG ComponentId, ULONG Level, BOOLEAN State)
{
    ULONG *mask, bits = dbg_importance(Level);

    if (ComponentId == DBG_SYSTEM_ID)
        mask = &win2000_mask;
    else if (ComponentId < DPFLTR_ENDOFTABLE_ID)
        mask = &component_masks[ComponentId];
    else
        return STATUS_INVALID_PARAMETER_1;
    if (State)
        __atomic_or_fetch(mask, bits, __ATOMIC_RELAXED);
    else
        __atomic_and_fetch(mask, ~bits, __ATOMIC_RELAXED);
    return STATUS_SUCCESS;
}

/* The trace sink takes the message when a trace file is set (even with --quiet, which is about
 * the terminal); returns nonzero then. */
static int dbg_to_sink(ULONG component, ULONG level, const char *text, size_t len)
{
    rtl_dbg_sink sink = __atomic_load_n(&dbg_sink, __ATOMIC_ACQUIRE);
    return sink != NULL &&
           sink(component < DPFLTR_ENDOFTABLE_ID ? component_names[component] : "UNKNOWN", level,
                text, len);
}

NTSYSAPI ULONG NTAPI vDbgPrintExWithPrefix(PCCH Prefix, ULONG ComponentId, ULONG Level, PCCH Format,
                                           va_list arglist)
{
    char buf[DBG_MESSAGE_MAX];
    size_t plen = 0;
    ptrdiff_t n;

    if (!dbg_enabled(ComponentId, Level))
        return STATUS_SUCCESS;
    if (Prefix != NULL) {
        plen = strlen(Prefix);
        if (plen > sizeof(buf))
            plen = sizeof(buf);
        memcpy(buf, Prefix, plen);
    }
    n = rtl_vformat(0, buf + plen, sizeof(buf) - plen, Format, arglist);
    if (n < 0)
        return (ULONG)STATUS_INVALID_PARAMETER; /* %n or no format */
    if ((size_t)n > sizeof(buf) - plen)
        n = (ptrdiff_t)(sizeof(buf) - plen); /* the 512-byte limit: the rest is lost */
    if (plen + (size_t)n > 0 && !dbg_to_sink(ComponentId, Level, buf, plen + (size_t)n) &&
        !__atomic_load_n(&dbg_quiet, __ATOMIC_RELAXED)) {
        fwrite(buf, 1, plen + (size_t)n, stderr);
        fflush(stderr);
    }
    return STATUS_SUCCESS;
}

NTSYSAPI ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist)
{
    return vDbgPrintExWithPrefix(NULL, ComponentId, Level, Format, arglist);
}

NTSYSAPI ULONG __cdecl DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
    va_list ap;
    ULONG status;

    va_start(ap, Format);
    status = vDbgPrintExWithPrefix(NULL, ComponentId, Level, Format, ap);
    va_end(ap);
    return status;
}

NTSYSAPI ULONG __cdecl DbgPrint(PCSTR Format, ...)
{
    va_list ap;
    ULONG status;

    va_start(ap, Format);
    status = vDbgPrintExWithPrefix(NULL, DPFLTR_DEFAULT_ID, DPFLTR_INFO_LEVEL, Format, ap);
    va_end(ap);
    return status;
}
