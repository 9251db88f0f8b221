/*
 * wmistr.h - the WMI data structures a driver exchanges with WMI in IRP_MJ_SYSTEM_CONTROL
 * requests and events: WNODE_HEADER and the WNODE_* blocks that begin with it, the
 * registration information (WMIREGINFO, WMIREGGUID), their flags. Names, values and x64
 * layouts as documented (the sizes are pinned by tests/wmi/driver/wmi_layout.c).
 */
#ifndef _WMISTR_
#define _WMISTR_

#include <ntdef.h>
#include <guiddef.h>

/* ---- the header every WNODE_* begins with (48 bytes) ---------------------------------------- */

typedef struct _WNODE_HEADER {
    ULONG BufferSize; /* the whole WNODE with its data */
    ULONG ProviderId; /* events: IoWMIDeviceObjectToProviderId */
    union {
        ULONG64 HistoricalContext;
        struct {
            ULONG Version;
            ULONG Linkage;
        };
    };
    union {
        ULONG CountLost;
        HANDLE KernelHandle;
        LARGE_INTEGER TimeStamp;
    };
    GUID Guid;
    ULONG ClientContext;
    ULONG Flags;
} WNODE_HEADER, *PWNODE_HEADER;

/* WNODE_HEADER.Flags: which WNODE_* follows, and about its data. */
#define WNODE_FLAG_ALL_DATA              0x00000001
#define WNODE_FLAG_SINGLE_INSTANCE       0x00000002
#define WNODE_FLAG_SINGLE_ITEM           0x00000004
#define WNODE_FLAG_EVENT_ITEM            0x00000008
#define WNODE_FLAG_FIXED_INSTANCE_SIZE   0x00000010
#define WNODE_FLAG_TOO_SMALL             0x00000020
#define WNODE_FLAG_INSTANCES_SAME        0x00000040
#define WNODE_FLAG_STATIC_INSTANCE_NAMES 0x00000080
#define WNODE_FLAG_INTERNAL              0x00000100
#define WNODE_FLAG_USE_TIMESTAMP         0x00000200
#define WNODE_FLAG_PERSIST_EVENT         0x00000400
#define WNODE_FLAG_EVENT_REFERENCE       0x00002000
#define WNODE_FLAG_ANSI_INSTANCENAMES    0x00004000
#define WNODE_FLAG_METHOD_ITEM           0x00008000
#define WNODE_FLAG_PDO_INSTANCE_NAMES    0x00010000
#define WNODE_FLAG_TRACED_GUID           0x00020000
#define WNODE_FLAG_LOG_WNODE             0x00040000
#define WNODE_FLAG_USE_GUID_PTR          0x00080000
#define WNODE_FLAG_USE_MOF_PTR           0x00100000
#define WNODE_FLAG_NO_HEADER             0x00200000
#define WNODE_FLAG_SEND_DATA_BLOCK       0x00400000
#define WNODE_FLAG_VERSIONED_PROPERTIES  0x00800000
#define WNODE_FLAG_SEVERITY_MASK         0xff000000

/* ---- the blocks ---------------------------------------------------------------------------- */

typedef struct {
    ULONG OffsetInstanceData; /* from the start of the WNODE_ALL_DATA */
    ULONG LengthInstanceData;
} OFFSETINSTANCEDATAANDLENGTH, *POFFSETINSTANCEDATAANDLENGTH;

/* Every instance of a data block (IRP_MN_QUERY_ALL_DATA). Without WNODE_FLAG_FIXED_INSTANCE_SIZE
 * the instances are described by OffsetInstanceDataAndLength[InstanceCount], the data starting
 * after it on an 8-byte boundary. */
typedef struct tagWNODE_ALL_DATA {
    struct _WNODE_HEADER WnodeHeader;
    ULONG DataBlockOffset;
    ULONG InstanceCount;
    ULONG OffsetInstanceNameOffsets;
    union {
        ULONG FixedInstanceSize;
        OFFSETINSTANCEDATAANDLENGTH OffsetInstanceDataAndLength[1];
    };
} WNODE_ALL_DATA, *PWNODE_ALL_DATA;

/* One instance (IRP_MN_QUERY_SINGLE_INSTANCE, IRP_MN_CHANGE_SINGLE_INSTANCE, events). */
typedef struct tagWNODE_SINGLE_INSTANCE {
    struct _WNODE_HEADER WnodeHeader;
    ULONG OffsetInstanceName; /* a counted string; with static names unused */
    ULONG InstanceIndex;      /* with WNODE_FLAG_STATIC_INSTANCE_NAMES */
    ULONG DataBlockOffset;
    ULONG SizeDataBlock;
    UCHAR VariableData[1];
} WNODE_SINGLE_INSTANCE, *PWNODE_SINGLE_INSTANCE;

/* One data item of an instance (IRP_MN_CHANGE_SINGLE_ITEM). */
typedef struct tagWNODE_SINGLE_ITEM {
    struct _WNODE_HEADER WnodeHeader;
    ULONG OffsetInstanceName;
    ULONG InstanceIndex;
    ULONG ItemId;
    ULONG DataBlockOffset;
    ULONG SizeDataItem;
    UCHAR VariableData[1];
} WNODE_SINGLE_ITEM, *PWNODE_SINGLE_ITEM;

/* A method call (IRP_MN_EXECUTE_METHOD): input data in, output data back in the same place. */
typedef struct tagWNODE_METHOD_ITEM {
    struct _WNODE_HEADER WnodeHeader;
    ULONG OffsetInstanceName;
    ULONG InstanceIndex;
    ULONG MethodId;
    ULONG DataBlockOffset;
    ULONG SizeDataBlock;
    UCHAR VariableData[1];
} WNODE_METHOD_ITEM, *PWNODE_METHOD_ITEM;

typedef struct tagWNODE_EVENT_ITEM {
    struct _WNODE_HEADER WnodeHeader;
} WNODE_EVENT_ITEM, *PWNODE_EVENT_ITEM;

/* An event too large to deliver: where WMI fetches its data from. */
typedef struct tagWNODE_EVENT_REFERENCE {
    struct _WNODE_HEADER WnodeHeader;
    GUID TargetGuid;
    ULONG TargetDataBlockSize;
    union {
        ULONG TargetInstanceIndex;
        WCHAR TargetInstanceName[1];
    };
} WNODE_EVENT_REFERENCE, *PWNODE_EVENT_REFERENCE;

/* The answer when the buffer WMI passed is too small: the size it needs. 56 bytes. */
typedef struct tagWNODE_TOO_SMALL {
    struct _WNODE_HEADER WnodeHeader;
    ULONG SizeNeeded;
} WNODE_TOO_SMALL, *PWNODE_TOO_SMALL;

/* ---- registration (IRP_MN_REGINFO, IRP_MN_REGINFO_EX) -------------------------------------- */

/* One block a driver registers. 32 bytes. */
typedef struct {
    GUID Guid;
    ULONG Flags; /* WMIREG_FLAG_* */
    ULONG InstanceCount;
    union {
        ULONG InstanceNameList; /* WMIREG_FLAG_INSTANCE_LIST: offsets of counted strings */
        ULONG BaseNameOffset;   /* WMIREG_FLAG_INSTANCE_BASENAME: offset of a counted string */
        ULONG_PTR Pdo;          /* WMIREG_FLAG_INSTANCE_PDO */
        ULONG_PTR InstanceInfo;
    };
} WMIREGGUIDW, *PWMIREGGUIDW;
typedef WMIREGGUIDW WMIREGGUID;
typedef PWMIREGGUIDW PWMIREGGUID;

/* The registration information a driver returns; strings are counted (a USHORT byte length,
 * then the WCHARs) at offsets from the start of the structure. */
typedef struct {
    ULONG BufferSize;
    ULONG NextWmiRegInfo; /* offset of the next WMIREGINFO, 0 for the last */
    ULONG RegistryPath;   /* offset of a counted string */
    ULONG MofResourceName;
    ULONG GuidCount;
    WMIREGGUIDW WmiRegGuid[];
} WMIREGINFOW, *PWMIREGINFOW;
typedef WMIREGINFOW WMIREGINFO;
typedef PWMIREGINFOW PWMIREGINFO;

/* WMIREGGUID.Flags (and the RegFlags of DpWmiQueryReginfo). */
#define WMIREG_FLAG_EXPENSIVE          0x00000001
#define WMIREG_FLAG_INSTANCE_LIST      0x00000004
#define WMIREG_FLAG_INSTANCE_BASENAME  0x00000008
#define WMIREG_FLAG_INSTANCE_PDO       0x00000020
#define WMIREG_FLAG_REMOVE_GUID        0x00010000
#define WMIREG_FLAG_RESERVED1          0x00020000
#define WMIREG_FLAG_RESERVED2          0x00040000
#define WMIREG_FLAG_TRACED_GUID        0x00080000
#define WMIREG_FLAG_TRACE_CONTROL_GUID 0x00001000
#define WMIREG_FLAG_EVENT_ONLY_GUID    0x00000040

/* ---- the rest: WMI's request codes, as wmistr.h numbers them -------------------------------- */

typedef enum {
    WMI_GET_ALL_DATA = 0,
    WMI_GET_SINGLE_INSTANCE = 1,
    WMI_SET_SINGLE_INSTANCE = 2,
    WMI_SET_SINGLE_ITEM = 3,
    WMI_ENABLE_EVENTS = 4,
    WMI_DISABLE_EVENTS = 5,
    WMI_ENABLE_COLLECTION = 6,
    WMI_DISABLE_COLLECTION = 7,
    WMI_REGINFO = 8,
    WMI_EXECUTE_METHOD = 9,
    WMI_CAPTURE_STATE = 10
} WMIDPREQUESTCODE;

/* The kinds of GUID WMI knows (WMIGUIDINFORMATION). */
#define WMI_GUIDTYPE_TRACECONTROL 0
#define WMI_GUIDTYPE_TRACE        1
#define WMI_GUIDTYPE_DATA         2
#define WMI_GUIDTYPE_EVENT        3

#endif
