/*
 * wpprecorder.h - the in-flight trace recorder (IFR): per-driver circular logs that keep the
 * last trace messages in memory, always on, for the bug-check report and `wdflogdump`.
 *
 * The default log of a driver is created by WPP_INIT_TRACING (unless WppRecorderConfigure
 * turned it off first) and deleted by WPP_CLEANUP; every WPP message of the driver below
 * TRACE_LEVEL_VERBOSE goes to it, enabled in a trace session or not. See docs/tracing.md for
 * the sizes drvhost uses and what it does not implement.
 */
#ifndef _WPPRECORDER_H_
#define _WPPRECORDER_H_

#include <wdm.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct RECORDER_LOG__ *RECORDER_LOG;

/* Characters of a log's identifier, terminator included. */
#define RECORDER_LOG_IDENTIFIER_MAX_CHARS 16

typedef struct _RECORDER_LOG_CREATE_PARAMS {
    ULONG Size;
    ULONG LogTag;
    ULONG TotalBufferSize;
    ULONG ErrorPartitionSize;
    ULONG64 LogIdentifierAppendValue;
    BOOLEAN LogIdentifierAppendValueSet;
    ULONG LogIdentifierSize;
    CHAR LogIdentifier[RECORDER_LOG_IDENTIFIER_MAX_CHARS];
} RECORDER_LOG_CREATE_PARAMS, *PRECORDER_LOG_CREATE_PARAMS;

typedef struct _RECORDER_CONFIGURE_PARAMS {
    ULONG Size;
    BOOLEAN CreateDefaultLog;
} RECORDER_CONFIGURE_PARAMS, *PRECORDER_CONFIGURE_PARAMS;

/* Sizes drvhost uses: the default log's size and the bounds a created log's is clamped to. */
#define WPP_RECORDER_DEFAULT_BUFFER_SIZE (16 * 1024)
#define WPP_RECORDER_MIN_BUFFER_SIZE     1024
#define WPP_RECORDER_MAX_BUFFER_SIZE     (64 * 1024)

FORCEINLINE VOID RECORDER_LOG_CREATE_PARAMS_INIT(PRECORDER_LOG_CREATE_PARAMS Params,
                                                 PSTR LogIdentifier)
{
    ULONG i = 0;

    RtlZeroMemory(Params, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->TotalBufferSize = WPP_RECORDER_DEFAULT_BUFFER_SIZE;
    Params->LogIdentifierSize = RECORDER_LOG_IDENTIFIER_MAX_CHARS;
    if (LogIdentifier != NULL)
        for (; i + 1 < RECORDER_LOG_IDENTIFIER_MAX_CHARS && LogIdentifier[i] != 0; i++)
            Params->LogIdentifier[i] = LogIdentifier[i];
}

FORCEINLINE VOID RECORDER_LOG_CREATE_PARAMS_INIT_APPEND_POINTER(PRECORDER_LOG_CREATE_PARAMS Params,
                                                                PSTR LogIdentifier, PVOID Pointer)
{
    RECORDER_LOG_CREATE_PARAMS_INIT(Params, LogIdentifier);
    Params->LogIdentifierAppendValue = (ULONG64)(ULONG_PTR)Pointer;
    Params->LogIdentifierAppendValueSet = TRUE;
}

FORCEINLINE VOID RECORDER_CONFIGURE_PARAMS_INIT(PRECORDER_CONFIGURE_PARAMS Params)
{
    RtlZeroMemory(Params, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->CreateDefaultLog = TRUE;
}

NTSYSAPI NTSTATUS NTAPI WppRecorderLogCreate(PRECORDER_LOG_CREATE_PARAMS CreateParams,
                                             RECORDER_LOG *RecorderLog);
NTSYSAPI VOID NTAPI WppRecorderLogDelete(RECORDER_LOG RecorderLog);
NTSYSAPI NTSTATUS NTAPI WppRecorderLogSetIdentifier(RECORDER_LOG RecorderLog, PSTR LogIdentifier);
NTSYSAPI NTSTATUS NTAPI WppRecorderConfigure(PRECORDER_CONFIGURE_PARAMS ConfigureParams);
NTSYSAPI RECORDER_LOG NTAPI WppRecorderLogGetDefault(VOID);
NTSYSAPI BOOLEAN NTAPI WppRecorderIsDefaultLogAvailable(VOID);

#ifdef __cplusplus
}
#endif

#endif
