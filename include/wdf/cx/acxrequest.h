/*
 * acxrequest.h - ACX requests: the KS property/method/event requests ACX routes to circuits,
 * streams, pins and elements (request types, verbs, item types, ACX_REQUEST_PARAMETERS, the
 * property and method item tables a driver registers, the process/preprocess callbacks).
 * Types are inferred from the reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXREQUEST_H_
#define _ACXREQUEST_H_

#ifdef __cplusplus
extern "C" {
#endif

/* The VARENUM type of a property value (wtypes.h spells it VARTYPE). */
#ifndef _DRVHOST_VARTYPE_DEFINED
#define _DRVHOST_VARTYPE_DEFINED
typedef USHORT VARTYPE;
#endif

/* Values the ACX_PROPERTY_ITEM and ACX_METHOD_ITEM pages give (the KS request type bits). */
#define ACX_PROPERTY_ITEM_FLAG_NONE         0x00000000
#define ACX_PROPERTY_ITEM_FLAG_GET          0x00000001
#define ACX_PROPERTY_ITEM_FLAG_SET          0x00000002
#define ACX_PROPERTY_ITEM_FLAG_BASICSUPPORT 0x00000200
#define ACX_METHOD_ITEM_FLAG_NONE           0x00000000
#define ACX_METHOD_ITEM_FLAG_SEND           0x00000001
#define ACX_METHOD_ITEM_FLAG_BASICSUPPORT   0x00000200

/* "No item": a request addressed to the object itself, not to one of its items. */
#define AcxItemIdNone ((ULONG)-1)

typedef enum _ACX_REQUEST_TYPE {
    AcxRequestTypeUnknown,
    AcxRequestTypeAny,
    AcxRequestTypeCreate,
    AcxRequestTypeProperty,
    AcxRequestTypeMethod,
    AcxRequestTypeEvent,
    AcxRequestTypeResetState,
    AcxRequestTypeMax
} ACX_REQUEST_TYPE;

typedef enum _ACX_PROPERTY_VERB {
    AcxPropertyVerbNone,
    AcxPropertyVerbGet,
    AcxPropertyVerbSet,
    AcxPropertyVerbBasicSupport,
    AcxPropertyVerbSetSupport,
    AcxPropertyVerbMax
} ACX_PROPERTY_VERB;

typedef enum _ACX_METHOD_VERB {
    AcxMethodVerbNone,
    AcxMethodVerbSend,
    AcxMethodVerbBasicSupport,
    AcxMethodVerbSetSupport,
    AcxMethodVerbMax
} ACX_METHOD_VERB;

typedef enum _ACX_EVENT_VERB {
    AcxEventVerbNone,
    AcxEventVerbEnable,
    AcxEventVerbDisable,
    AcxEventVerbBasicSupport,
    AcxEventVerbSetSupport,
    AcxEventVerbMax
} ACX_EVENT_VERB;

typedef enum _ACX_ITEM_TYPE {
    AcxItemTypeDefault,
    AcxItemTypeCircuit,
    AcxItemTypeStream,
    AcxItemTypeFactoryCircuit,
    AcxItemTypePin,
    AcxItemTypeElement,
    AcxItemTypeMax
} ACX_ITEM_TYPE;

/* One request as ACX decoded it; Parameters is read according to Type. */
typedef struct _ACX_REQUEST_PARAMETERS {
    ULONG Size;
    UCHAR MajorFunction;
    UCHAR MinorFunction;
    ACX_REQUEST_TYPE Type;
    union {
        struct {
            GUID Set;
            ULONG Id;
            ACX_PROPERTY_VERB Verb;
            ACX_ITEM_TYPE ItemType;
            ULONG ItemId;
            PVOID Control;
            ULONG ControlCb;
            PVOID Value;
            ULONG ValueCb;
        } Property;
        struct {
            GUID Set;
            ULONG Id;
            ACX_METHOD_VERB Verb;
            ACX_ITEM_TYPE ItemType;
            ULONG ItemId;
            PVOID Args;
            ULONG ArgsCb;
            PVOID Result;
            ULONG ResultCb;
        } Method;
        struct {
            GUID Set;
            ULONG Id;
            ACX_EVENT_VERB Verb;
            ACX_ITEM_TYPE ItemType;
            ULONG ItemId;
            PVOID Data;
            ULONG DataCb;
            ACXEVENTDATA EventData;
        } Event;
        struct {
            PVOID Control;
            ULONG ControlCb;
        } Create;
    } Parameters;
} ACX_REQUEST_PARAMETERS, *PACX_REQUEST_PARAMETERS;

typedef VOID EVT_ACX_OBJECT_PROCESS_REQUEST(ACXOBJECT Object, WDFREQUEST Request);
typedef EVT_ACX_OBJECT_PROCESS_REQUEST *PFN_ACX_OBJECT_PROCESS_REQUEST;
typedef VOID EVT_ACX_OBJECT_PREPROCESS_REQUEST(ACXOBJECT Object, ACXCONTEXT DriverContext,
                                               WDFREQUEST Request);
typedef EVT_ACX_OBJECT_PREPROCESS_REQUEST *PFN_ACX_OBJECT_PREPROCESS_REQUEST;

/* A property a driver handles: Set/Id select it, Flags the verbs (ACX_PROPERTY_ITEM_FLAG_*),
 * ControlCb/ValueCb the minimum buffer sizes, ValueType its VARENUM (VT_EMPTY: default). */
typedef struct _ACX_PROPERTY_ITEM {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxObjectProcessRequest;
    PVOID Reserved;
    ULONG ControlCb;
    ULONG ValueCb;
    VARTYPE ValueType;
} ACX_PROPERTY_ITEM, *PACX_PROPERTY_ITEM;

typedef struct _ACX_METHOD_ITEM {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxObjectProcessRequest;
    PVOID Reserved;
    ULONG ArgsCb;
    ULONG ResultCb;
} ACX_METHOD_ITEM, *PACX_METHOD_ITEM;

_ACX_SIZED_INIT(ACX_REQUEST_PARAMETERS, Parameters)

/* A property request to send (through Acx*FormatRequestForProperty). */
FORCEINLINE VOID ACX_REQUEST_PARAMETERS_INIT_PROPERTY(PACX_REQUEST_PARAMETERS Params,
                                                      const GUID Set, ULONG Id,
                                                      ACX_PROPERTY_VERB Verb,
                                                      ACX_ITEM_TYPE ItemType, ULONG ItemId,
                                                      PVOID Control, ULONG ControlCb, PVOID Value,
                                                      ULONG ValueCb)
{
    ACX_REQUEST_PARAMETERS_INIT(Params);
    Params->Type = AcxRequestTypeProperty;
    Params->Parameters.Property.Set = Set;
    Params->Parameters.Property.Id = Id;
    Params->Parameters.Property.Verb = Verb;
    Params->Parameters.Property.ItemType = ItemType;
    Params->Parameters.Property.ItemId = ItemId;
    Params->Parameters.Property.Control = Control;
    Params->Parameters.Property.ControlCb = ControlCb;
    Params->Parameters.Property.Value = Value;
    Params->Parameters.Property.ValueCb = ValueCb;
}

FORCEINLINE VOID ACX_REQUEST_PARAMETERS_INIT_METHOD(PACX_REQUEST_PARAMETERS Params, const GUID Set,
                                                    ULONG Id, ACX_METHOD_VERB Verb,
                                                    ACX_ITEM_TYPE ItemType, ULONG ItemId,
                                                    PVOID Args, ULONG ArgsCb, PVOID Result,
                                                    ULONG ResultCb)
{
    ACX_REQUEST_PARAMETERS_INIT(Params);
    Params->Type = AcxRequestTypeMethod;
    Params->Parameters.Method.Set = Set;
    Params->Parameters.Method.Id = Id;
    Params->Parameters.Method.Verb = Verb;
    Params->Parameters.Method.ItemType = ItemType;
    Params->Parameters.Method.ItemId = ItemId;
    Params->Parameters.Method.Args = Args;
    Params->Parameters.Method.ArgsCb = ArgsCb;
    Params->Parameters.Method.Result = Result;
    Params->Parameters.Method.ResultCb = ResultCb;
}

VOID AcxRequestGetParameters(WDFREQUEST Request,
                             PACX_REQUEST_PARAMETERS Parameters) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXREQUEST_H_ */
