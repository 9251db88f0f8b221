/*
 * evntrace.h - event tracing definitions: the TRACE_LEVEL_* levels (WPP and ETW providers),
 * TRACEHANDLE, the EVENT_TRACE_* constants (event types, logging modes, controls, kernel
 * flags), TRACE_MESSAGE_* flags, and the classic ETW structures that begin with a WNODE_HEADER
 * (EVENT_TRACE_HEADER, MOF_FIELD, EVENT_TRACE_PROPERTIES), with the WDK's names, values and x64
 * layouts. Included by drvhost_wpp.h.
 *
 * The controller and consumer routines (StartTrace, ControlTrace, OpenTrace ...) are user-mode
 * ones and are not declared. The provider routines drivers call (EtwRegister, EtwWrite ...) are
 * wdm.h's (wdm_etw.h).
 */
#ifndef _EVNTRACE_
#define _EVNTRACE_

#include <ntdef.h>
#include <guiddef.h>

#define TRACE_LEVEL_NONE        0 /* tracing is off */
#define TRACE_LEVEL_CRITICAL    1 /* abnormal exit or termination */
#define TRACE_LEVEL_FATAL       1 /* the older name of CRITICAL */
#define TRACE_LEVEL_ERROR       2 /* severe errors */
#define TRACE_LEVEL_WARNING     3 /* warnings such as allocation failures */
#define TRACE_LEVEL_INFORMATION 4 /* non-error cases */
#define TRACE_LEVEL_VERBOSE     5 /* detailed traces */
#define TRACE_LEVEL_RESERVED6   6
#define TRACE_LEVEL_RESERVED7   7
#define TRACE_LEVEL_RESERVED8   8
#define TRACE_LEVEL_RESERVED9   9

typedef ULONG64 TRACEHANDLE, *PTRACEHANDLE;

/* Event types (EVENT_TRACE_HEADER.Class.Type, the opcode of classic events). */
#define EVENT_TRACE_TYPE_INFO           0x00
#define EVENT_TRACE_TYPE_START          0x01
#define EVENT_TRACE_TYPE_END            0x02
#define EVENT_TRACE_TYPE_STOP           0x02
#define EVENT_TRACE_TYPE_DC_START       0x03
#define EVENT_TRACE_TYPE_DC_END         0x04
#define EVENT_TRACE_TYPE_EXTENSION      0x05
#define EVENT_TRACE_TYPE_REPLY          0x06
#define EVENT_TRACE_TYPE_DEQUEUE        0x07
#define EVENT_TRACE_TYPE_RESUME         0x07
#define EVENT_TRACE_TYPE_CHECKPOINT     0x08
#define EVENT_TRACE_TYPE_SUSPEND        0x08
#define EVENT_TRACE_TYPE_WINEVT_SEND    0x09
#define EVENT_TRACE_TYPE_WINEVT_RECEIVE 0xF0

/* ControlTrace's control codes. */
#define EVENT_TRACE_CONTROL_QUERY  0
#define EVENT_TRACE_CONTROL_STOP   1
#define EVENT_TRACE_CONTROL_UPDATE 2
#define EVENT_TRACE_CONTROL_FLUSH  3

/* Logging modes (EVENT_TRACE_PROPERTIES.LogFileMode). */
#define EVENT_TRACE_FILE_MODE_NONE        0x00000000
#define EVENT_TRACE_FILE_MODE_SEQUENTIAL  0x00000001
#define EVENT_TRACE_FILE_MODE_CIRCULAR    0x00000002
#define EVENT_TRACE_FILE_MODE_APPEND      0x00000004
#define EVENT_TRACE_FILE_MODE_NEWFILE     0x00000008
#define EVENT_TRACE_FILE_MODE_PREALLOCATE 0x00000020
#define EVENT_TRACE_NONSTOPPABLE_MODE     0x00000040
#define EVENT_TRACE_SECURE_MODE           0x00000080
#define EVENT_TRACE_REAL_TIME_MODE        0x00000100
#define EVENT_TRACE_DELAY_OPEN_FILE_MODE  0x00000200
#define EVENT_TRACE_BUFFERING_MODE        0x00000400
#define EVENT_TRACE_PRIVATE_LOGGER_MODE   0x00000800
#define EVENT_TRACE_ADD_HEADER_MODE       0x00001000
#define EVENT_TRACE_USE_GLOBAL_SEQUENCE   0x00004000
#define EVENT_TRACE_USE_LOCAL_SEQUENCE    0x00008000
#define EVENT_TRACE_RELOG_MODE            0x00010000
#define EVENT_TRACE_USE_PAGED_MEMORY      0x01000000
#define EVENT_TRACE_SYSTEM_LOGGER_MODE    0x02000000

/* The kernel logger's event classes (EVENT_TRACE_PROPERTIES.EnableFlags). */
#define EVENT_TRACE_FLAG_PROCESS            0x00000001
#define EVENT_TRACE_FLAG_THREAD             0x00000002
#define EVENT_TRACE_FLAG_IMAGE_LOAD         0x00000004
#define EVENT_TRACE_FLAG_DISK_IO            0x00000100
#define EVENT_TRACE_FLAG_DISK_FILE_IO       0x00000200
#define EVENT_TRACE_FLAG_MEMORY_PAGE_FAULTS 0x00001000
#define EVENT_TRACE_FLAG_MEMORY_HARD_FAULTS 0x00002000
#define EVENT_TRACE_FLAG_NETWORK_TCPIP      0x00010000
#define EVENT_TRACE_FLAG_REGISTRY           0x00020000
#define EVENT_TRACE_FLAG_DBGPRINT           0x00040000

/* TraceMessage's flags (WPP's messages carry them). */
#define TRACE_MESSAGE_SEQUENCE              1
#define TRACE_MESSAGE_GUID                  2
#define TRACE_MESSAGE_COMPONENTID           4
#define TRACE_MESSAGE_TIMESTAMP             8
#define TRACE_MESSAGE_PERFORMANCE_TIMESTAMP 16
#define TRACE_MESSAGE_SYSTEMINFO            32
#define TRACE_MESSAGE_POINTER32             0x0040
#define TRACE_MESSAGE_POINTER64             0x0080
#define TRACE_MESSAGE_FLAG_MASK             0xFFFF

#include <wmistr.h> /* WNODE_HEADER, the WNODE_FLAG_ values */

/* The header of a classic (TraceEvent) event. */
typedef struct _EVENT_TRACE_HEADER {
    USHORT Size;
    union {
        USHORT FieldTypeFlags;
        struct {
            UCHAR HeaderType;
            UCHAR MarkerFlags;
        };
    };
    union {
        ULONG Version;
        struct {
            UCHAR Type; /* EVENT_TRACE_TYPE_* */
            UCHAR Level;
            USHORT Version;
        } Class;
    };
    ULONG ThreadId;
    ULONG ProcessId;
    LARGE_INTEGER TimeStamp;
    union {
        GUID Guid;
        ULONGLONG GuidPtr;
    };
    union {
        struct {
            ULONG KernelTime;
            ULONG UserTime;
        };
        ULONG64 ProcessorTime;
        struct {
            ULONG ClientContext;
            ULONG Flags; /* WNODE_FLAG_* */
        };
    };
} EVENT_TRACE_HEADER, *PEVENT_TRACE_HEADER;

/* One data item after an EVENT_TRACE_HEADER (WNODE_FLAG_USE_MOF_PTR). */
typedef struct _MOF_FIELD {
    ULONG64 DataPtr;
    ULONG Length;
    ULONG DataType;
} MOF_FIELD, *PMOF_FIELD;

/* A trace session's properties (StartTrace, ControlTrace). */
typedef struct _EVENT_TRACE_PROPERTIES {
    WNODE_HEADER Wnode;
    ULONG BufferSize;
    ULONG MinimumBuffers;
    ULONG MaximumBuffers;
    ULONG MaximumFileSize;
    ULONG LogFileMode;
    ULONG FlushTimer;
    ULONG EnableFlags;
    union {
        LONG AgeLimit;
        LONG FlushThreshold;
    };
    ULONG NumberOfBuffers;
    ULONG FreeBuffers;
    ULONG EventsLost;
    ULONG BuffersWritten;
    ULONG LogBuffersLost;
    ULONG RealTimeBuffersLost;
    HANDLE LoggerThreadId;
    ULONG LogFileNameOffset;
    ULONG LoggerNameOffset;
} EVENT_TRACE_PROPERTIES, *PEVENT_TRACE_PROPERTIES;

C_ASSERT(sizeof(WNODE_HEADER) == 48);
C_ASSERT(sizeof(EVENT_TRACE_HEADER) == 48);
C_ASSERT(sizeof(MOF_FIELD) == 16);
C_ASSERT(sizeof(EVENT_TRACE_PROPERTIES) == 120);

#endif
