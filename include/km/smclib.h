/*
 * smclib.h - the smart card driver library (smclib.sys) a WDM or KMDF reader driver links:
 * SMARTCARD_EXTENSION and the structures it holds (vendor attributes, card and reader
 * capabilities, T=0 and T=1 protocol state, request and reply buffers), the indices of the
 * reader callback table (RDF_*), and the library's routines. Names, values and x64 layouts as
 * documented (wdk-ddi-src/content/smclib/ and the smart card reader driver guide); pinned by
 * tests/headers (smc_layout.c).
 *
 * drvhost does not provide the smart card library: every routine below is declared with its
 * documented prototype and DRVHOST_NOT_PROVIDED, so a reader driver compiles (a warning names
 * each call) and the loader refuses the module, naming the routines, as Windows refuses a driver
 * whose imports do not resolve. SmartcardDebug follows the WDK: it calls SmartcardGetDebugLevel
 * in DBG builds and compiles to nothing otherwise. The ISO 7816 conversion tables (_ISO_TABLES_)
 * are not declared.
 */
#ifndef _SMCLIB_
#define _SMCLIB_

#if DBG || DEBUG
#undef DEBUG
#define DEBUG 1
#endif

#include <smcnt.h>
#include <winsmcrd.h>

#ifndef DRIVER_NAME
#define DRIVER_NAME "SMCLIB"
#endif

/* SMARTCARD_EXTENSION.Version: what a driver sets; the oldest layout the library accepts. */
#define SMCLIB_VERSION          0x150
#define SMCLIB_VERSION_REQUIRED 0x100

#if DEBUG
#define DEBUG_IOCTL    ((ULONG)0x00000001)
#define DEBUG_ATR      ((ULONG)0x00000002)
#define DEBUG_PROTOCOL ((ULONG)0x00000004)
#define DEBUG_DRIVER   ((ULONG)0x00000008)
#define DEBUG_TRACE    ((ULONG)0x00000010)
#define DEBUG_ERROR    ((ULONG)0x00000020)
#define DEBUG_INFO     DEBUG_ERROR
#define DEBUG_PERF     ((ULONG)0x10000000)
#define DEBUG_T1_TEST  ((ULONG)0x40000000)
#define DEBUG_BREAK    ((ULONG)0x80000000)
#define DEBUG_ALL      ((ULONG)0x0000FFFF)
/* STRING is a parenthesised DbgPrint argument list. */
#define SmartcardDebug(LEVEL, STRING)                                                              \
    {                                                                                              \
        if ((LEVEL) & (DEBUG_ERROR | SmartcardGetDebugLevel()))                                    \
            DbgPrint STRING;                                                                       \
        if (SmartcardGetDebugLevel() & DEBUG_BREAK)                                                \
            DbgBreakPoint();                                                                       \
    }
#else
#define SmartcardDebug(LEVEL, STRING)
#endif

/* Expect a local SmartcardExtension, as the WDK's macros do. */
#define AccessUnsafeData(Irql)    KeAcquireSpinLock(&SmartcardExtension->OsData->SpinLock, (Irql));
#define EndAccessUnsafeData(Irql) KeReleaseSpinLock(&SmartcardExtension->OsData->SpinLock, (Irql));

/* The reader device interface class under its library name (the value of
 * GUID_DEVINTERFACE_SMARTCARD_READER). Defined, not only declared, in every file that includes
 * this header, as the WDK's header does (one object per module: GUIDs are selectany). */
#ifndef SMART_CARD_READER_GUID_DEFINED
#define SMART_CARD_READER_GUID_DEFINED
#include <initguid.h>
DEFINE_GUID(SmartCardReaderGuid, 0x50DD5230, 0xBA8A, 0x11D1, 0xBF, 0x5D, 0x00, 0x00, 0xF8, 0x05,
            0xF5, 0x30);
#endif

/* Indices of SMARTCARD_EXTENSION.ReaderFunction: the reader driver's callbacks. */
#define RDF_CARD_POWER      0
#define RDF_TRANSMIT        1
#define RDF_CARD_EJECT      2
#define RDF_READER_SWALLOW  3
#define RDF_CARD_TRACKING   4
#define RDF_SET_PROTOCOL    5
#define RDF_DEBUG_LEVEL     6
#define RDF_CARD_CONFISCATE 7
#define RDF_IOCTL_VENDOR    8
#define RDF_ATR_PARSE       9

/* The smallest request and reply buffers a driver may allocate. */
#define MIN_BUFFER_SIZE 288

typedef union _LENGTH {
    struct {
        ULONG l0;
    } l;
    struct {
        UCHAR b0;
        UCHAR b1;
        UCHAR b2;
        UCHAR b3;
    } b;
} LENGTH, *PLENGTH;

#define MAXIMUM_ATR_CODES  4
#define MAXIMUM_ATR_LENGTH 33

typedef struct _T0_DATA {
    ULONG Lc; /* data bytes sent */
    ULONG Le; /* data bytes expected */
} T0_DATA, *PT0_DATA;

/* T=1 protocol states and block types. */
#define T1_INIT             0
#define T1_START            1
#define T1_I_BLOCK          2
#define T1_R_BLOCK          3
#define T1_RESTART          4
#define T1_RESYNCH_REQUEST  0xC0
#define T1_RESYNCH_RESPONSE 0xE0
#define T1_IFS_REQUEST      0xC1
#define T1_IFS_RESPONSE     0xE1
#define T1_ABORT_REQUEST    0xC2
#define T1_ABORT_RESPONSE   0xE2
#define T1_WTX_REQUEST      0xC3
#define T1_WTX_RESPONSE     0xE3
#define T1_VPP_ERROR        0xE4
#define T1_IFSD             254
#define T1_IFSD_DEFAULT     32
#define T1_MAX_RETRIES      2
#define T1_MORE_DATA        0x20
#define T1_ERROR_CHKSUM     1
#define T1_ERROR_OTHER      2
#define T1_CRC_CHECK        1
#define T1_CWI_DEFAULT      13
#define T1_BWI_DEFAULT      4

/* The library's T=1 state; a driver reads NAD and Wtx. On x64 the 32-bit builds' Reserved
 * padding is absent, as documented. */
typedef struct _T1_DATA {
    UCHAR IFSC;
    UCHAR IFSD;
    ULONG BytesReceived;
    ULONG BytesSent;
    ULONG BytesToSend;
    UCHAR LastError;
    BOOLEAN MoreData;
    UCHAR NAD;
    ULONG OriginalState;
    UCHAR Resend;
    UCHAR Resynch;
    UCHAR RSN;
    UCHAR SSN;
    ULONG State;
    UCHAR Wtx;
    PUCHAR ReplyData;
    BOOLEAN WaitForReply;
    UCHAR InfBytesSent;
} T1_DATA, *PT1_DATA;

typedef struct _T1_BLOCK_FRAME {
    UCHAR Nad;
    UCHAR Pcb;
    UCHAR Len;
    PUCHAR Inf;
} T1_BLOCK_FRAME, *PT1_BLOCK_FRAME;

/* What the library asks the driver to send, and where the driver puts what the reader returned
 * (BufferLength: the bytes in Buffer; BufferSize: its allocated size). */
typedef struct _SMARTCARD_REQUEST {
    PUCHAR Buffer;
    ULONG BufferSize;
    ULONG BufferLength;
} SMARTCARD_REQUEST, *PSMARTCARD_REQUEST;

typedef struct _SMARTCARD_REPLY {
    PUCHAR Buffer;
    ULONG BufferSize;
    ULONG BufferLength;
} SMARTCARD_REPLY, *PSMARTCARD_REPLY;

/* ISO 7816-3 clock rate conversion factor F with its maximum frequency, and the bit rate
 * adjustment factor D as a fraction (no floating point in the kernel). */
typedef struct _CLOCK_RATE_CONVERSION {
    const ULONG F;
    const ULONG fs;
} CLOCK_RATE_CONVERSION, *PCLOCK_RATE_CONVERSION;

typedef struct _BIT_RATE_ADJUSTMENT {
    const ULONG DNumerator;
    const ULONG DDivisor;
} BIT_RATE_ADJUSTMENT, *PBIT_RATE_ADJUSTMENT;

#define PTS_TYPE_DEFAULT 0x00
#define PTS_TYPE_OPTIMAL 0x01
#define PTS_TYPE_USER    0x02

/* Protocol type selection. */
typedef struct _PTS_DATA {
    UCHAR Type; /* PTS_TYPE_* */
    UCHAR Fl;
    UCHAR Dl;
    ULONG CLKFrequency;
    ULONG DataRate;
    UCHAR StopBits;
} PTS_DATA, *PPTS_DATA;

/* The inserted card: the driver stores the ATR; the library derives the rest from it. */
typedef struct _SCARD_CARD_CAPABILITIES {
    BOOLEAN InversConvention;
    ULONG etu;
    struct {
        UCHAR Buffer[64];
        UCHAR Length;
    } ATR;
    struct {
        UCHAR Buffer[16];
        UCHAR Length;
    } HistoricalChars;
    PCLOCK_RATE_CONVERSION ClockRateConversion;
    PBIT_RATE_ADJUSTMENT BitRateAdjustment;
    UCHAR Fl;
    UCHAR Dl;
    UCHAR II;
    UCHAR P;
    UCHAR N;
    ULONG GT;
    struct {
        ULONG Supported;
        ULONG Selected;
    } Protocol;
    struct {
        UCHAR WI;
        ULONG WT;
    } T0;
    struct {
        UCHAR IFSC;
        UCHAR CWI;
        UCHAR BWI;
        UCHAR EDC;
        ULONG CWT;
        ULONG BWT;
        ULONG BGT;
    } T1;
    PTS_DATA PtsData;
    UCHAR Reserved[100 - sizeof(PTS_DATA)];
} SCARD_CARD_CAPABILITIES, *PSCARD_CARD_CAPABILITIES;

/* The reader: what the driver fills in before SmartcardInitialize. Clock rates in kHz, data
 * rates in bits per second. */
typedef struct _SCARD_READER_CAPABILITIES {
    ULONG SupportedProtocols;
    ULONG Reserved;
    ULONG ReaderType;
    ULONG MechProperties;
    ULONG CurrentState; /* SCARD_ABSENT ...; under OsData->SpinLock */
    ULONG Channel;
    struct {
        ULONG Default;
        ULONG Max;
    } CLKFrequency;
    struct {
        ULONG Default;
        ULONG Max;
    } DataRate;
    ULONG MaxIFSD;
    ULONG PowerMgmtSupport;
    ULONG CardConfiscated;
    struct _DataRatesSupported {
        PULONG List;
        UCHAR Entries;
    } DataRatesSupported;
    struct _CLKFrequenciesSupported {
        PULONG List;
        UCHAR Entries;
    } CLKFrequenciesSupported;
    UCHAR Reserved1[100 - sizeof(ULONG) - sizeof(struct _DataRatesSupported) -
                    sizeof(struct _CLKFrequenciesSupported)];
} SCARD_READER_CAPABILITIES, *PSCARD_READER_CAPABILITIES;

typedef struct _VENDOR_ATTR {
    struct {
        USHORT Length;
        UCHAR Buffer[MAXIMUM_ATTR_STRING_LENGTH];
    } VendorName;
    struct {
        USHORT Length;
        UCHAR Buffer[MAXIMUM_ATTR_STRING_LENGTH];
    } IfdType;
    ULONG UnitNo;
    struct {
        USHORT BuildNumber;
        UCHAR VersionMinor;
        UCHAR VersionMajor;
    } IfdVersion;
    struct {
        USHORT Length;
        UCHAR Buffer[MAXIMUM_ATTR_STRING_LENGTH];
    } IfdSerialNo;
    ULONG Reserved[25];
} VENDOR_ATTR, *PVENDOR_ATTR;

/* READER_EXTENSION is the driver's own structure. */
typedef struct _READER_EXTENSION *PREADER_EXTENSION;
typedef struct _SMARTCARD_EXTENSION *PSMARTCARD_EXTENSION;

/* The extension a reader driver keeps in its device extension (or context) and passes to every
 * library routine. PerfInfo exists only in the library's DEBUG builds: a retail driver's layout
 * has the 25 reserved ULONGs. */
typedef struct _SMARTCARD_EXTENSION {
    ULONG Version; /* SMCLIB_VERSION */
    VENDOR_ATTR VendorAttr;
    NTSTATUS (*ReaderFunction[16])(PSMARTCARD_EXTENSION);
    SCARD_CARD_CAPABILITIES CardCapabilities;
    ULONG LastError;
    struct {
        PULONG Information;
        PUCHAR RequestBuffer;
        ULONG RequestBufferLength;
        PUCHAR ReplyBuffer;
        ULONG ReplyBufferLength;
    } IoRequest;
    ULONG MajorIoControlCode;
    ULONG MinorIoControlCode;
    POS_DEP_DATA OsData;
    SCARD_READER_CAPABILITIES ReaderCapabilities;
    PREADER_EXTENSION ReaderExtension;
    SMARTCARD_REPLY SmartcardReply;
    SMARTCARD_REQUEST SmartcardRequest;
    T0_DATA T0;
    T1_DATA T1;
    ULONG Reserved[25];
} SMARTCARD_EXTENSION;

/* ---- the library's routines (smclib.sys): not provided by drvhost --------------------------- */
VOID SmartcardLogError(_In_ PVOID Object, _In_ LONG ErrorCode, _In_opt_ PUNICODE_STRING Insertion,
                       _In_ ULONG DumpWord) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardDeviceControl(_In_ PSMARTCARD_EXTENSION SmartcardExtension,
                                _In_ PIRP Irp) DRVHOST_NOT_PROVIDED;
VOID SmartcardInitializeCardCapabilities(_In_ PSMARTCARD_EXTENSION SmartcardExtension)
    DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardInitialize(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
VOID SmartcardCompleteCardTracking(_In_ PSMARTCARD_EXTENSION SmartcardExtension)
    DRVHOST_NOT_PROVIDED;
VOID SmartcardExit(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardUpdateCardCapabilities(_In_ PSMARTCARD_EXTENSION SmartcardExtension)
    DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardRawRequest(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardT0Request(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardT1Request(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardRawReply(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardT0Reply(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardT1Reply(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
VOID SmartcardInvertData(_Inout_ PUCHAR Buffer, _In_ ULONG Length) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardCreateLink(_Inout_ PUNICODE_STRING LinkName,
                             _In_ PUNICODE_STRING DeviceName) DRVHOST_NOT_PROVIDED;
ULONG SmartcardGetDebugLevel(void) DRVHOST_NOT_PROVIDED;
void SmartcardSetDebugLevel(_In_ ULONG Level) DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardAcquireRemoveLock(_In_ PSMARTCARD_EXTENSION SmartcardExtension)
    DRVHOST_NOT_PROVIDED;
NTSTATUS SmartcardAcquireRemoveLockWithTag(_In_ PSMARTCARD_EXTENSION SmartcardExtension,
                                           _In_ ULONG Tag) DRVHOST_NOT_PROVIDED;
VOID SmartcardReleaseRemoveLock(_In_ PSMARTCARD_EXTENSION SmartcardExtension) DRVHOST_NOT_PROVIDED;
VOID SmartcardReleaseRemoveLockWithTag(_In_ PSMARTCARD_EXTENSION SmartcardExtension,
                                       _In_ ULONG Tag) DRVHOST_NOT_PROVIDED;
VOID SmartcardReleaseRemoveLockAndWait(_In_ PSMARTCARD_EXTENSION SmartcardExtension)
    DRVHOST_NOT_PROVIDED;

#endif /* _SMCLIB_ */
