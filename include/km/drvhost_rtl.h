/*
 * drvhost_rtl.h - the run-time library part of wdm.h: counted strings, conversions, GUID
 * strings, hashing, debug output (DbgPrint and the KdPrint macros, with the DPFLTR component
 * ids), and the Microsoft C runtime's _snprintf family that ntoskrnl exports to drivers.
 *
 * Included by wdm.h; compiles on its own (it needs only ntdef.h, ntstatus.h and stdarg.h).
 * The memory macros (RtlCopyMemory...) and the list inlines live in wdm.h.
 *
 * drvhost specifics, all documented where they matter:
 *  - ANSI is code page 1252 treated as Latin-1: byte 0xNN is U+00NN, and a character above
 *    U+00FF becomes '?' when converted to ANSI.
 *  - Case mapping covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (see string.c).
 *  - DBG defaults to 1: drvhost builds are checked builds, so KdPrint is active.
 */
#ifndef DRVHOST_RTL_H
#define DRVHOST_RTL_H

#include <stdarg.h>

#include <ntdef.h>
#include <ntstatus.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef DBG
#define DBG 1 /* drvhost builds are checked builds: KdPrint is active */
#endif

/* ---- counted strings ---------------------------------------------------------------------- */

NTSYSAPI VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString);
NTSYSAPI NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING DestinationString,
                                               PCWSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString);
NTSYSAPI NTSTATUS NTAPI RtlInitAnsiStringEx(PANSI_STRING DestinationString, PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString);

/* An empty counted string over a caller's buffer: Length 0, MaximumLength BufferSize. */
FORCEINLINE VOID RtlInitEmptyUnicodeString(PUNICODE_STRING UnicodeString, PWCHAR Buffer,
                                           USHORT BufferSize)
{
    UnicodeString->Length = 0;
    UnicodeString->MaximumLength = BufferSize;
    UnicodeString->Buffer = Buffer;
}

FORCEINLINE VOID RtlInitEmptyAnsiString(PANSI_STRING AnsiString, PCHAR Buffer, USHORT BufferSize)
{
    AnsiString->Length = 0;
    AnsiString->MaximumLength = BufferSize;
    AnsiString->Buffer = Buffer;
}

NTSYSAPI VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString,
                                         PCUNICODE_STRING SourceString);
NTSYSAPI VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination,
                                                       PCUNICODE_STRING Source);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source);

NTSYSAPI LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                            BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                             BOOLEAN CaseInSensitive);
NTSYSAPI LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2,
                                     BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2,
                                      BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                              BOOLEAN CaseInSensitive);

NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString,
                                               PCUNICODE_STRING SourceString,
                                               BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlDowncaseUnicodeString(PUNICODE_STRING DestinationString,
                                                 PCUNICODE_STRING SourceString,
                                                 BOOLEAN AllocateDestinationString);
NTSYSAPI WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter);
NTSYSAPI WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter);
/* ntddk.h. The ANSI code page is Latin-1 here: a character whose upper case is outside it
 * (0xB5, 0xFF) comes back unchanged, as the reference says for unconvertible characters. */
NTSYSAPI CHAR NTAPI RtlUpperChar(CHAR Character);

/* Strings allocated by the Rtl routines (AllocateDestinationString, RtlCreateUnicodeString,
 * RtlDuplicateUnicodeString, RtlStringFromGUID) are released with these. */
NTSYSAPI VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString);
NTSYSAPI VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString);

NTSYSAPI BOOLEAN NTAPI RtlCreateUnicodeString(PUNICODE_STRING DestinationString,
                                              PCWSTR SourceString);

#define RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE       1
#define RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING 2
NTSYSAPI NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG Flags, PCUNICODE_STRING StringIn,
                                                  PUNICODE_STRING StringOut);

/* ---- conversions -------------------------------------------------------------------------- */

NTSYSAPI NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString,
                                                     PCANSI_STRING SourceString,
                                                     BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString,
                                                     PCUNICODE_STRING SourceString,
                                                     BOOLEAN AllocateDestinationString);
/* Bytes of the converted string including its terminator. */
NTSYSAPI ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString);
NTSYSAPI ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString);
#define RtlAnsiStringToUnicodeSize(STRING) (RtlxAnsiStringToUnicodeSize(STRING))
#define RtlUnicodeStringToAnsiSize(STRING) (RtlxUnicodeStringToAnsiSize(STRING))

NTSYSAPI NTSTATUS NTAPI RtlUnicodeToUTF8N(PCHAR UTF8StringDestination, ULONG UTF8StringMaxByteCount,
                                          PULONG UTF8StringActualByteCount,
                                          PCWCH UnicodeStringSource, ULONG UnicodeStringByteCount);
NTSYSAPI NTSTATUS NTAPI RtlUTF8ToUnicodeN(PWSTR UnicodeStringDestination,
                                          ULONG UnicodeStringMaxByteCount,
                                          PULONG UnicodeStringActualByteCount,
                                          PCCH UTF8StringSource, ULONG UTF8StringByteCount);

NTSYSAPI NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base, PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG Value, ULONG Base,
                                                PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base,
                                                  PULONG Value);
NTSYSAPI NTSTATUS NTAPI RtlCharToInteger(PCSZ String, ULONG Base, PULONG Value);

NTSYSAPI SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length);

/* Byte order reversal (network <-> host order on x64): inline, as the x64 WDK's are. */
FORCEINLINE USHORT RtlUshortByteSwap(USHORT Source)
{
    return __builtin_bswap16(Source);
}
FORCEINLINE ULONG RtlUlongByteSwap(ULONG Source)
{
    return __builtin_bswap32(Source);
}
FORCEINLINE ULONGLONG RtlUlonglongByteSwap(ULONGLONG Source)
{
    return __builtin_bswap64(Source);
}

/* ---- GUIDs and hashing -------------------------------------------------------------------- */

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" (upper case); free with RtlFreeUnicodeString. */
NTSYSAPI NTSTATUS NTAPI RtlStringFromGUID(REFGUID Guid, PUNICODE_STRING GuidString);

/* Compares two GUIDs as two 64-bit halves (both 8-byte aligned; wdm.h's macro, used by kernel
 * streaming and audio drivers). C++ takes the GUIDs (references), C their addresses. */
#ifndef __IID_ALIGNED__
#define __IID_ALIGNED__
#ifdef __cplusplus
extern "C++" inline int IsEqualGUIDAligned(REFGUID guid1, REFGUID guid2)
{
    return (((const LONGLONG *)&guid1)[0] == ((const LONGLONG *)&guid2)[0]) &&
           (((const LONGLONG *)&guid1)[1] == ((const LONGLONG *)&guid2)[1]);
}
#else
#define IsEqualGUIDAligned(guid1, guid2)                                                           \
    ((((const LONGLONG *)(guid1))[0] == ((const LONGLONG *)(guid2))[0]) &&                         \
     (((const LONGLONG *)(guid1))[1] == ((const LONGLONG *)(guid2))[1]))
#endif
#endif
NTSYSAPI NTSTATUS NTAPI RtlGUIDFromString(PCUNICODE_STRING GuidString, GUID *Guid);

#define HASH_STRING_ALGORITHM_DEFAULT 0
#define HASH_STRING_ALGORITHM_X65599  1
#define HASH_STRING_ALGORITHM_INVALID 0xffffffff
NTSYSAPI NTSTATUS NTAPI RtlHashUnicodeString(PCUNICODE_STRING String, BOOLEAN CaseInSensitive,
                                             ULONG HashAlgorithm, PULONG HashValue);

/* ---- the C runtime's printf family, as ntoskrnl exports it -------------------------------- */

/* Microsoft semantics (not C99's): the return value is the number of characters stored, not
 * counting the terminator; when the output does not fit in count characters, count characters
 * are stored WITHOUT a terminator and -1 is returned; when it fits exactly, no terminator is
 * stored either. buffer NULL with count 0 returns the length the output needs. Format dialect:
 * %wZ (PUNICODE_STRING), %Z (PANSI_STRING), %ws/%ls/%S, %hs, %I64d, %Ix, %p (16 hex digits);
 * `l` is 32-bit. %n is refused (-1). */
#ifndef DRVHOST_CRT_PRINTF_DECLARED
#define DRVHOST_CRT_PRINTF_DECLARED
NTSYSAPI int __cdecl _vsnprintf(char *buffer, size_t count, const char *format, va_list argptr);
NTSYSAPI int __cdecl _vsnwprintf(wchar_t *buffer, size_t count, const wchar_t *format,
                                 va_list argptr);
NTSYSAPI int __cdecl _snprintf(char *buffer, size_t count, const char *format, ...);
NTSYSAPI int __cdecl _snwprintf(wchar_t *buffer, size_t count, const wchar_t *format, ...);
#endif

/* The rest of the kernel CRT (wcslen, _wcsicmp, wcscpy_s, swprintf_s, _itoa_s...). */
#include <drvhost_crt.h>

/* ---- debug output ------------------------------------------------------------------------- */

/* Component ids of DbgPrintEx (dpfilter.h). Drivers should use the six IHV ids. The table is
 * the Windows 7 one; components added later are not listed. */
typedef enum _DPFLTR_TYPE {
    DPFLTR_SYSTEM_ID = 0,
    DPFLTR_SMSS_ID = 1,
    DPFLTR_SETUP_ID = 2,
    DPFLTR_NTFS_ID = 3,
    DPFLTR_FSTUB_ID = 4,
    DPFLTR_CRASHDUMP_ID = 5,
    DPFLTR_CDAUDIO_ID = 6,
    DPFLTR_CDROM_ID = 7,
    DPFLTR_CLASSPNP_ID = 8,
    DPFLTR_DISK_ID = 9,
    DPFLTR_REDBOOK_ID = 10,
    DPFLTR_STORPROP_ID = 11,
    DPFLTR_SCSIPORT_ID = 12,
    DPFLTR_SCSIMINIPORT_ID = 13,
    DPFLTR_CONFIG_ID = 14,
    DPFLTR_I8042PRT_ID = 15,
    DPFLTR_SERMOUSE_ID = 16,
    DPFLTR_LSERMOUS_ID = 17,
    DPFLTR_KBDHID_ID = 18,
    DPFLTR_MOUHID_ID = 19,
    DPFLTR_KBDCLASS_ID = 20,
    DPFLTR_MOUCLASS_ID = 21,
    DPFLTR_TWOTRACK_ID = 22,
    DPFLTR_WMILIB_ID = 23,
    DPFLTR_ACPI_ID = 24,
    DPFLTR_AMLI_ID = 25,
    DPFLTR_HALIA64_ID = 26,
    DPFLTR_VIDEO_ID = 27,
    DPFLTR_SVCHOST_ID = 28,
    DPFLTR_VIDEOPRT_ID = 29,
    DPFLTR_TCPIP_ID = 30,
    DPFLTR_DMSYNTH_ID = 31,
    DPFLTR_NTOSPNP_ID = 32,
    DPFLTR_FASTFAT_ID = 33,
    DPFLTR_SAMSS_ID = 34,
    DPFLTR_PNPMGR_ID = 35,
    DPFLTR_NETAPI_ID = 36,
    DPFLTR_SCSERVER_ID = 37,
    DPFLTR_SCCLIENT_ID = 38,
    DPFLTR_SERIAL_ID = 39,
    DPFLTR_SERENUM_ID = 40,
    DPFLTR_UHCD_ID = 41,
    DPFLTR_RPCPROXY_ID = 42,
    DPFLTR_AUTOCHK_ID = 43,
    DPFLTR_DCOMSS_ID = 44,
    DPFLTR_UNIMODEM_ID = 45,
    DPFLTR_SIS_ID = 46,
    DPFLTR_FLTMGR_ID = 47,
    DPFLTR_WMICORE_ID = 48,
    DPFLTR_BURNENG_ID = 49,
    DPFLTR_IMAPI_ID = 50,
    DPFLTR_SXS_ID = 51,
    DPFLTR_FUSION_ID = 52,
    DPFLTR_IDLETASK_ID = 53,
    DPFLTR_SOFTPCI_ID = 54,
    DPFLTR_TAPE_ID = 55,
    DPFLTR_MCHGR_ID = 56,
    DPFLTR_IDEP_ID = 57,
    DPFLTR_PCIIDE_ID = 58,
    DPFLTR_FLOPPY_ID = 59,
    DPFLTR_FDC_ID = 60,
    DPFLTR_TERMSRV_ID = 61,
    DPFLTR_W32TIME_ID = 62,
    DPFLTR_PREFETCHER_ID = 63,
    DPFLTR_RSFILTER_ID = 64,
    DPFLTR_FCPORT_ID = 65,
    DPFLTR_PCI_ID = 66,
    DPFLTR_DMIO_ID = 67,
    DPFLTR_DMCONFIG_ID = 68,
    DPFLTR_DMADMIN_ID = 69,
    DPFLTR_WSOCKTRANSPORT_ID = 70,
    DPFLTR_VSS_ID = 71,
    DPFLTR_PNPMEM_ID = 72,
    DPFLTR_PROCESSOR_ID = 73,
    DPFLTR_DMSERVER_ID = 74,
    DPFLTR_SR_ID = 75,
    DPFLTR_INFINIBAND_ID = 76,
    DPFLTR_IHVDRIVER_ID = 77,
    DPFLTR_IHVVIDEO_ID = 78,
    DPFLTR_IHVAUDIO_ID = 79,
    DPFLTR_IHVNETWORK_ID = 80,
    DPFLTR_IHVSTREAMING_ID = 81,
    DPFLTR_IHVBUS_ID = 82,
    DPFLTR_HPS_ID = 83,
    DPFLTR_RTLTHREADPOOL_ID = 84,
    DPFLTR_LDR_ID = 85,
    DPFLTR_TCPIP6_ID = 86,
    DPFLTR_ISAPNP_ID = 87,
    DPFLTR_SHPC_ID = 88,
    DPFLTR_STORPORT_ID = 89,
    DPFLTR_STORMINIPORT_ID = 90,
    DPFLTR_PRINTSPOOLER_ID = 91,
    DPFLTR_VSSDYNDISK_ID = 92,
    DPFLTR_VERIFIER_ID = 93,
    DPFLTR_VDS_ID = 94,
    DPFLTR_VDSBAS_ID = 95,
    DPFLTR_VDSDYN_ID = 96,
    DPFLTR_VDSDYNDR_ID = 97,
    DPFLTR_VDSLDR_ID = 98,
    DPFLTR_VDSUTIL_ID = 99,
    DPFLTR_DFRGIFC_ID = 100,
    DPFLTR_DEFAULT_ID = 101,
    DPFLTR_MM_ID = 102,
    DPFLTR_DFSC_ID = 103,
    DPFLTR_WOW64_ID = 104,
    DPFLTR_ALPC_ID = 105,
    DPFLTR_WDI_ID = 106,
    DPFLTR_PERFLIB_ID = 107,
    DPFLTR_KTM_ID = 108,
    DPFLTR_IOSTRESS_ID = 109,
    DPFLTR_HEAP_ID = 110,
    DPFLTR_WHEA_ID = 111,
    DPFLTR_USERGDI_ID = 112,
    DPFLTR_MMCSS_ID = 113,
    DPFLTR_TPM_ID = 114,
    DPFLTR_THREADORDER_ID = 115,
    DPFLTR_ENVIRON_ID = 116,
    DPFLTR_EMS_ID = 117,
    DPFLTR_WDT_ID = 118,
    DPFLTR_FVEVOL_ID = 119,
    DPFLTR_NDIS_ID = 120,
    DPFLTR_NVCTRACE_ID = 121,
    DPFLTR_LUAFV_ID = 122,
    DPFLTR_APPCOMPAT_ID = 123,
    DPFLTR_USBSTOR_ID = 124,
    DPFLTR_SBP2PORT_ID = 125,
    DPFLTR_COVERAGE_ID = 126,
    DPFLTR_CACHEMGR_ID = 127,
    DPFLTR_MOUNTMGR_ID = 128,
    DPFLTR_CFR_ID = 129,
    DPFLTR_TXF_ID = 130,
    DPFLTR_KSECDD_ID = 131,
    DPFLTR_FLTREGRESS_ID = 132,
    DPFLTR_MPIO_ID = 133,
    DPFLTR_MSDSM_ID = 134,
    DPFLTR_UDFS_ID = 135,
    DPFLTR_PSHED_ID = 136,
    DPFLTR_STORVSP_ID = 137,
    DPFLTR_LSASS_ID = 138,
    DPFLTR_SSPICLI_ID = 139,
    DPFLTR_CNG_ID = 140,
    DPFLTR_EXFAT_ID = 141,
    DPFLTR_FILETRACE_ID = 142,
    DPFLTR_XSAVE_ID = 143,
    DPFLTR_SE_ID = 144,
    DPFLTR_DRIVEEXTENDER_ID = 145,
    DPFLTR_POWER_ID = 146,
    DPFLTR_CRASHDUMPXHCI_ID = 147,
    DPFLTR_GPIO_ID = 148,
    DPFLTR_ENDOFTABLE_ID
} DPFLTR_TYPE;

/* Level: 0-31 is a bit number (importance field 1 << Level), 32 and above is the field itself. */
#define DPFLTR_ERROR_LEVEL   0
#define DPFLTR_WARNING_LEVEL 1
#define DPFLTR_TRACE_LEVEL   2
#define DPFLTR_INFO_LEVEL    3
#define DPFLTR_MASK          0x80000000

/* Filtering is Windows': a message is written when its importance field ANDed with the
 * component's mask ORed with the system-wide WIN2000 mask (0x1 by default) is nonzero. So with
 * the default masks only DPFLTR_ERROR_LEVEL messages appear, and DbgPrint/KdPrint output
 * (DEFAULT component, INFO level) does NOT, exactly as on Windows Vista and later. The masks
 * come from the registry's Debug Print Filter key (read before each driver load: a DWORD
 * value per component name, "IHVDRIVER", "DEFAULT", ..., and "WIN2000") and
 * DbgSetDebugFilterState; `drvhost run --debug-print all` opens every mask. Output goes to
 * stderr, one write per message, at most 512 bytes of it as on Windows. All return
 * STATUS_SUCCESS. */
NTSYSAPI ULONG __cdecl DbgPrint(PCSTR Format, ...);
NTSYSAPI ULONG __cdecl DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);
NTSYSAPI ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist);
NTSYSAPI ULONG NTAPI vDbgPrintExWithPrefix(PCCH Prefix, ULONG ComponentId, ULONG Level, PCCH Format,
                                           va_list arglist);
/* Whether a message of this component and Level would be written: TRUE or FALSE as the
 * NTSTATUS; STATUS_INVALID_PARAMETER_1 for an id outside the table. ComponentId (ULONG)-1 is
 * the system-wide WIN2000 mask. */
NTSYSAPI NTSTATUS NTAPI DbgQueryDebugFilterState(ULONG ComponentId, ULONG Level);
/* Sets (State TRUE) or clears the importance bits of Level (as DbgPrintEx reads Level) in the
 * component's mask; (ULONG)-1 is the WIN2000 mask. STATUS_SUCCESS, or
 * STATUS_INVALID_PARAMETER_1 for an id outside the table. */
NTSYSAPI NTSTATUS NTAPI DbgSetDebugFilterState(ULONG ComponentId, ULONG Level, BOOLEAN State);

/* KdPrint((fmt, ...)) with double parentheses, as in the WDK; compiled out when DBG is 0. */
#if DBG
#define KdPrint(_x_)              DbgPrint _x_
#define KdPrintEx(_x_)            DbgPrintEx _x_
#define vKdPrintEx(_x_)           vDbgPrintEx _x_
#define vKdPrintExWithPrefix(_x_) vDbgPrintExWithPrefix _x_
#else
#define KdPrint(_x_)
#define KdPrintEx(_x_)
#define vKdPrintEx(_x_)
#define vKdPrintExWithPrefix(_x_)
#endif

/* ---- bitmaps ------------------------------------------------------------------------------ */

/* A bitmap over caller memory: bit n is bit (n % 32) of Buffer[n / 32]. The caller serialises
 * access (the routines take no lock). Ranges past SizeOfBitMap are a caller bug: Windows writes
 * past the map, drvhost stops at its end. Bits of the last ULONG beyond SizeOfBitMap are never
 * counted nor searched; RtlSetAllBits and RtlClearAllBits write whole ULONGs, as Windows does. */
typedef struct _RTL_BITMAP {
    ULONG SizeOfBitMap;
    PULONG Buffer;
} RTL_BITMAP, *PRTL_BITMAP;

typedef struct _RTL_BITMAP_RUN {
    ULONG StartingIndex;
    ULONG NumberOfBits;
} RTL_BITMAP_RUN, *PRTL_BITMAP_RUN;

NTSYSAPI VOID NTAPI RtlInitializeBitMap(PRTL_BITMAP BitMapHeader, PULONG BitMapBuffer,
                                        ULONG SizeOfBitMap);
NTSYSAPI VOID NTAPI RtlClearBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
NTSYSAPI VOID NTAPI RtlSetBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
NTSYSAPI BOOLEAN NTAPI RtlTestBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
NTSYSAPI VOID NTAPI RtlClearAllBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI VOID NTAPI RtlSetAllBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI VOID NTAPI RtlClearBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
                                 ULONG NumberToClear);
NTSYSAPI VOID NTAPI RtlSetBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToSet);
/* FALSE for an empty range or one that does not lie inside the map. */
NTSYSAPI BOOLEAN NTAPI RtlAreBitsClear(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length);
NTSYSAPI BOOLEAN NTAPI RtlAreBitsSet(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length);
/* Start of a run of at least NumberToFind clear (set) bits, searched from HintIndex to the end,
 * then from the start of the map; 0xFFFFFFFF when there is none. A HintIndex past the end
 * counts as 0; NumberToFind 0 returns 0 (undocumented: any index satisfies it). */
NTSYSAPI ULONG NTAPI RtlFindClearBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
                                      ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlFindSetBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlFindClearBitsAndSet(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
                                            ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlFindSetBitsAndClear(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
                                            ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlNumberOfClearBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI ULONG NTAPI RtlNumberOfSetBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI ULONG NTAPI RtlNumberOfClearBitsInRange(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
                                                 ULONG Length);
NTSYSAPI ULONG NTAPI RtlNumberOfSetBitsInRange(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
                                               ULONG Length);
/* The run routines return the run's length, 0 when there is none (*StartingIndex is then 0). */
NTSYSAPI ULONG NTAPI RtlFindFirstRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex);
NTSYSAPI ULONG NTAPI RtlFindLongestRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex);
NTSYSAPI ULONG NTAPI RtlFindNextForwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
                                                PULONG StartingRunIndex);
NTSYSAPI ULONG NTAPI RtlFindLastBackwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
                                                 PULONG StartingRunIndex);
/* LocateLongestRuns FALSE: the first runs in map order; TRUE: the longest, longest first
 * (equal lengths in map order). Returns the number of runs stored. */
NTSYSAPI ULONG NTAPI RtlFindClearRuns(PRTL_BITMAP BitMapHeader, PRTL_BITMAP_RUN RunArray,
                                      ULONG SizeOfRunArray, BOOLEAN LocateLongestRuns);

/* The zero-based position of the lowest (highest) set bit of Set; -1 when Set is 0. */
NTSYSAPI CCHAR NTAPI RtlFindLeastSignificantBit(ULONGLONG Set);
NTSYSAPI CCHAR NTAPI RtlFindMostSignificantBit(ULONGLONG Set);

/* 1 when bit BP of the map is set (no range check, as in the WDK). */
#define RtlCheckBit(BMH, BP) ((BOOLEAN)(((BMH)->Buffer[(ULONG)(BP) >> 5] >> ((BP)&31)) & 1))

/* ---- time --------------------------------------------------------------------------------- */

/* System time: 100-nanosecond intervals since 1601-01-01 00:00 UTC (proleptic Gregorian). */
typedef struct _TIME_FIELDS {
    CSHORT Year;         /* 1601... */
    CSHORT Month;        /* 1..12 */
    CSHORT Day;          /* 1..31 */
    CSHORT Hour;         /* 0..23 */
    CSHORT Minute;       /* 0..59 */
    CSHORT Second;       /* 0..59 */
    CSHORT Milliseconds; /* 0..999 */
    CSHORT Weekday;      /* 0..6 = Sunday..Saturday */
} TIME_FIELDS, *PTIME_FIELDS;

NTSYSAPI VOID NTAPI RtlTimeToTimeFields(PLARGE_INTEGER Time, PTIME_FIELDS TimeFields);
/* FALSE (Time untouched) for a field out of range, a day the month lacks, a year before 1601
 * or a time past the LARGE_INTEGER range. Weekday is ignored. */
NTSYSAPI BOOLEAN NTAPI RtlTimeFieldsToTime(PTIME_FIELDS TimeFields, PLARGE_INTEGER Time);
/* drvhost's time zone is UTC with no daylight saving: local time equals system time. */
NTKERNELAPI VOID NTAPI ExSystemTimeToLocalTime(PLARGE_INTEGER SystemTime, PLARGE_INTEGER LocalTime);
NTKERNELAPI VOID NTAPI ExLocalTimeToSystemTime(PLARGE_INTEGER LocalTime, PLARGE_INTEGER SystemTime);
/* ntifs.h routines, declared here since drvhost has no ntifs.h: FALSE when the time is before
 * the epoch or the seconds do not fit a ULONG. */
NTSYSAPI BOOLEAN NTAPI RtlTimeToSecondsSince1970(PLARGE_INTEGER Time, PULONG ElapsedSeconds);
NTSYSAPI VOID NTAPI RtlSecondsSince1970ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time);
NTSYSAPI BOOLEAN NTAPI RtlTimeToSecondsSince1980(PLARGE_INTEGER Time, PULONG ElapsedSeconds);
NTSYSAPI VOID NTAPI RtlSecondsSince1980ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time);

/* ---- operating system version ------------------------------------------------------------- */

/* The NTDDI_ version numbers (sdkddkver.h): OS in the high word, service pack in bits 8-15. */
#ifndef NTDDI_WIN2K
#define NTDDI_WIN2K        0x05000000
#define NTDDI_WIN2KSP1     0x05000100
#define NTDDI_WIN2KSP2     0x05000200
#define NTDDI_WIN2KSP3     0x05000300
#define NTDDI_WIN2KSP4     0x05000400
#define NTDDI_WINXP        0x05010000
#define NTDDI_WINXPSP1     0x05010100
#define NTDDI_WINXPSP2     0x05010200
#define NTDDI_WINXPSP3     0x05010300
#define NTDDI_WINXPSP4     0x05010400
#define NTDDI_WS03         0x05020000
#define NTDDI_WS03SP1      0x05020100
#define NTDDI_WS03SP2      0x05020200
#define NTDDI_WS03SP3      0x05020300
#define NTDDI_WS03SP4      0x05020400
#define NTDDI_WIN6         0x06000000
#define NTDDI_WIN6SP1      0x06000100
#define NTDDI_WIN6SP2      0x06000200
#define NTDDI_WIN6SP3      0x06000300
#define NTDDI_WIN6SP4      0x06000400
#define NTDDI_VISTA        NTDDI_WIN6
#define NTDDI_VISTASP1     NTDDI_WIN6SP1
#define NTDDI_VISTASP2     NTDDI_WIN6SP2
#define NTDDI_VISTASP3     NTDDI_WIN6SP3
#define NTDDI_VISTASP4     NTDDI_WIN6SP4
#define NTDDI_LONGHORN     NTDDI_VISTA
#define NTDDI_WS08         NTDDI_WIN6SP1
#define NTDDI_WS08SP2      NTDDI_WIN6SP2
#define NTDDI_WS08SP3      NTDDI_WIN6SP3
#define NTDDI_WS08SP4      NTDDI_WIN6SP4
#define NTDDI_WIN7         0x06010000
#define NTDDI_WIN8         0x06020000
#define NTDDI_WINBLUE      0x06030000
#define NTDDI_WINTHRESHOLD 0x0A000000
#define NTDDI_WIN10        0x0A000000
#define NTDDI_WIN10_TH2    0x0A000001
#define NTDDI_WIN10_RS1    0x0A000002
#define NTDDI_WIN10_RS2    0x0A000003
#define NTDDI_WIN10_RS3    0x0A000004
#define NTDDI_WIN10_RS4    0x0A000005
#define NTDDI_WIN10_RS5    0x0A000006
#define NTDDI_WIN10_19H1   0x0A000007
#define NTDDI_WIN10_VB     0x0A000008
#define NTDDI_WIN10_MN     0x0A000009
#define NTDDI_WIN10_FE     0x0A00000A
#define NTDDI_WIN10_CO     0x0A00000B
#define NTDDI_WIN10_NI     0x0A00000C
#define NTDDI_WIN10_CU     0x0A00000D
#define OSVERSION_MASK     0xFFFF0000U
#define SPVERSION_MASK     0x0000FF00
#define SUBVERSION_MASK    0x000000FF
#define OSVER(Version)     ((Version)&OSVERSION_MASK)
#define SPVER(Version)     (((Version)&SPVERSION_MASK) >> 8)
#define SUBVER(Version)    ((Version)&SUBVERSION_MASK)
#endif

typedef struct _OSVERSIONINFOW {
    ULONG dwOSVersionInfoSize;
    ULONG dwMajorVersion;
    ULONG dwMinorVersion;
    ULONG dwBuildNumber;
    ULONG dwPlatformId;
    WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW, RTL_OSVERSIONINFOW, *PRTL_OSVERSIONINFOW;

typedef struct _OSVERSIONINFOEXW {
    ULONG dwOSVersionInfoSize;
    ULONG dwMajorVersion;
    ULONG dwMinorVersion;
    ULONG dwBuildNumber;
    ULONG dwPlatformId;
    WCHAR szCSDVersion[128];
    USHORT wServicePackMajor;
    USHORT wServicePackMinor;
    USHORT wSuiteMask;
    UCHAR wProductType;
    UCHAR wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, *LPOSVERSIONINFOEXW, RTL_OSVERSIONINFOEXW,
    *PRTL_OSVERSIONINFOEXW;

C_ASSERT(sizeof(RTL_OSVERSIONINFOW) == 276);
C_ASSERT(sizeof(RTL_OSVERSIONINFOEXW) == 284);
C_ASSERT(sizeof(RTL_BITMAP) == 16 && FIELD_OFFSET(RTL_BITMAP, Buffer) == 8);
C_ASSERT(sizeof(TIME_FIELDS) == 16);

#define VER_PLATFORM_WIN32s                0
#define VER_PLATFORM_WIN32_WINDOWS         1
#define VER_PLATFORM_WIN32_NT              2
#define VER_NT_WORKSTATION                 0x0000001
#define VER_NT_DOMAIN_CONTROLLER           0x0000002
#define VER_NT_SERVER                      0x0000003
#define VER_SERVER_NT                      0x80000000
#define VER_WORKSTATION_NT                 0x40000000
#define VER_SUITE_SMALLBUSINESS            0x00000001
#define VER_SUITE_ENTERPRISE               0x00000002
#define VER_SUITE_BACKOFFICE               0x00000004
#define VER_SUITE_COMMUNICATIONS           0x00000008
#define VER_SUITE_TERMINAL                 0x00000010
#define VER_SUITE_SMALLBUSINESS_RESTRICTED 0x00000020
#define VER_SUITE_EMBEDDEDNT               0x00000040
#define VER_SUITE_DATACENTER               0x00000080
#define VER_SUITE_SINGLEUSERTS             0x00000100
#define VER_SUITE_PERSONAL                 0x00000200
#define VER_SUITE_BLADE                    0x00000400
#define VER_SUITE_EMBEDDED_RESTRICTED      0x00000800
#define VER_SUITE_SECURITY_APPLIANCE       0x00001000
#define VER_SUITE_STORAGE_SERVER           0x00002000
#define VER_SUITE_COMPUTE_SERVER           0x00004000
#define VER_SUITE_WH_SERVER                0x00008000

/* RtlVerifyVersionInfo: TypeMask bits and comparison types. */
#define VER_MINORVERSION                0x0000001
#define VER_MAJORVERSION                0x0000002
#define VER_BUILDNUMBER                 0x0000004
#define VER_PLATFORMID                  0x0000008
#define VER_SERVICEPACKMINOR            0x0000010
#define VER_SERVICEPACKMAJOR            0x0000020
#define VER_SUITENAME                   0x0000040
#define VER_PRODUCT_TYPE                0x0000080
#define VER_EQUAL                       1
#define VER_GREATER                     2
#define VER_GREATER_EQUAL               3
#define VER_LESS                        4
#define VER_LESS_EQUAL                  5
#define VER_AND                         6
#define VER_OR                          7
#define VER_CONDITION_MASK              7
#define VER_NUM_BITS_PER_CONDITION_MASK 3

/* drvhost reports Windows 10 (see src/rtl/version.c for the numbers). szCSDVersion is empty and
 * the service pack 0. A dwOSVersionInfoSize that is neither structure's size is
 * STATUS_INVALID_PARAMETER (nothing written). */
NTSYSAPI NTSTATUS NTAPI RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation);
NTSYSAPI NTSTATUS NTAPI RtlVerifyVersionInfo(PRTL_OSVERSIONINFOEXW VersionInfo, ULONG TypeMask,
                                             ULONGLONG ConditionMask);
NTSYSAPI ULONGLONG NTAPI VerSetConditionMask(ULONGLONG ConditionMask, ULONG TypeMask,
                                             UCHAR Condition);
#define VER_SET_CONDITION(_m_, _t_, _c_) ((_m_) = VerSetConditionMask((_m_), (_t_), (_c_)))
/* On Windows these come from Rtlver.lib; drvhost exports them. */
NTSYSAPI BOOLEAN NTAPI RtlIsNtDdiVersionAvailable(ULONG Version);
NTSYSAPI BOOLEAN NTAPI RtlIsServicePackVersionInstalled(ULONG Version);

#ifdef __cplusplus
}
#endif

#endif
