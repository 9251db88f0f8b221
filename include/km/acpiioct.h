/*
 * acpiioct.h - the internal device-control requests a driver sends down its stack to the ACPI
 * driver (evaluate a control method, enumerate a device's children, take the global lock, query
 * device information or _DSD data), their buffers, signatures and helper macros (Microsoft's
 * names, values and x64 layouts, as the acpiioct reference documents them).
 *
 * drvhost: plain definitions. drvhost has no ACPI namespace and no ACPI driver below a device
 * (its PnP tree has no ACPI parent), so such a request reaches whatever drvhost puts below the
 * driver and fails there as an unsupported request; nothing here pretends to evaluate a method.
 * tests/headers/wdk_subset_layout.c pins the codes, signatures and layouts.
 *
 * The _V1 structures are the ones the unversioned names designate (ACPI_METHOD_ARGUMENT is
 * ACPI_METHOD_ARGUMENT_V1, ...), as for a driver built for any NTDDI version; the _V2 ones (a
 * ULONG DataLength) have their own IOCTLs and signatures.
 */
#ifndef _ACPIIOCTH_
#define _ACPIIOCTH_

#include <ntdef.h>
#include <devioctl.h>
#include <guiddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Requests (IRP_MJ_INTERNAL_DEVICE_CONTROL) ---------------------------------------------- */

#define DRVHOST_ACPI_CTL_(function)                                                                \
    CTL_CODE(FILE_DEVICE_ACPI, (function), METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ACPI_ASYNC_EVAL_METHOD_V1     DRVHOST_ACPI_CTL_(0)
#define IOCTL_ACPI_EVAL_METHOD_V1           DRVHOST_ACPI_CTL_(1)
#define IOCTL_ACPI_ACQUIRE_GLOBAL_LOCK      DRVHOST_ACPI_CTL_(4)
#define IOCTL_ACPI_RELEASE_GLOBAL_LOCK      DRVHOST_ACPI_CTL_(5)
#define IOCTL_ACPI_EVAL_METHOD_V1_EX        DRVHOST_ACPI_CTL_(6)
#define IOCTL_ACPI_ASYNC_EVAL_METHOD_V1_EX  DRVHOST_ACPI_CTL_(7)
#define IOCTL_ACPI_ENUM_CHILDREN            DRVHOST_ACPI_CTL_(8)
#define IOCTL_ACPI_GET_DEVICE_INFORMATION   DRVHOST_ACPI_CTL_(10)
#define IOCTL_ACPI_GET_DEVICE_SPECIFIC_DATA DRVHOST_ACPI_CTL_(14)
#define IOCTL_ACPI_EVAL_METHOD_V2           DRVHOST_ACPI_CTL_(15)
#define IOCTL_ACPI_ASYNC_EVAL_METHOD_V2     DRVHOST_ACPI_CTL_(16)
#define IOCTL_ACPI_EVAL_METHOD_V2_EX        DRVHOST_ACPI_CTL_(17)
#define IOCTL_ACPI_ASYNC_EVAL_METHOD_V2_EX  DRVHOST_ACPI_CTL_(18)
#define IOCTL_ACPI_EVAL_METHOD              IOCTL_ACPI_EVAL_METHOD_V1
#define IOCTL_ACPI_ASYNC_EVAL_METHOD        IOCTL_ACPI_ASYNC_EVAL_METHOD_V1
#define IOCTL_ACPI_EVAL_METHOD_EX           IOCTL_ACPI_EVAL_METHOD_V1_EX
#define IOCTL_ACPI_ASYNC_EVAL_METHOD_EX     IOCTL_ACPI_ASYNC_EVAL_METHOD_V1_EX

/* ---- Signatures: four characters read as a multi-character constant ('BieA' and so on) ---- */

#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE_V1                   0x42696541 /* 'BieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE_V1    0x49696541 /* 'IieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE_V1     0x53696541 /* 'SieA' */
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_V1           0x43696541 /* 'CieA' */
#define ACPI_EVAL_OUTPUT_BUFFER_SIGNATURE_V1                  0x426f6541 /* 'BoeA' */
#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE_V1_EX                0x41696541 /* 'AieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE_V1_EX 0x44696541 /* 'DieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE_V1_EX  0x45696541 /* 'EieA' */
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_V1_EX        0x46696541 /* 'FieA' */
#define ACPI_ENUM_CHILDREN_OUTPUT_BUFFER_SIGNATURE            0x47696541 /* 'GieA' */
#define ACPI_ENUM_CHILDREN_INPUT_BUFFER_SIGNATURE             0x48696541 /* 'HieA' */
#define IOCTL_ACPI_GET_DEVICE_INFORMATION_SIGNATURE           0x4a696541 /* 'JieA' */
/* The same value as the enumeration input's: the two requests differ by their IOCTL code. */
#define IOCTL_ACPI_GET_DEVICE_SPECIFIC_DATA_SIGNATURE         0x48696541 /* 'HieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE_V2                   0x4b696541 /* 'KieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE_V2    0x4c696541 /* 'LieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE_V2     0x4d696541 /* 'MieA' */
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_V2           0x4e696541 /* 'NieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE_V2_EX                0x4f696541 /* 'OieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE_V2_EX 0x50696541 /* 'PieA' */
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE_V2_EX  0x51696541 /* 'QieA' */
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_V2_EX        0x52696541 /* 'RieA' */
#define ACPI_EVAL_OUTPUT_BUFFER_SIGNATURE_V2                  0x4b6f6541 /* 'KoeA' */
#define ACPI_ACQUIRE_GLOBAL_LOCK_SIGNATURE                    0x4c676141 /* 'LgaA' */
#define ACPI_RELEASE_GLOBAL_LOCK_SIGNATURE                    0x4c677241 /* 'LgrA' */

#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE ACPI_EVAL_INPUT_BUFFER_SIGNATURE_V1
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE                                            \
    ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE_V1
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE                                             \
    ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE_V1
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_V1
#define ACPI_EVAL_OUTPUT_BUFFER_SIGNATURE        ACPI_EVAL_OUTPUT_BUFFER_SIGNATURE_V1
#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE_EX      ACPI_EVAL_INPUT_BUFFER_SIGNATURE_V1_EX
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE_EX                                         \
    ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE_V1_EX
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE_EX                                          \
    ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE_V1_EX
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_EX ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_V1_EX

/* ACPI_METHOD_ARGUMENT.Type */
#define ACPI_METHOD_ARGUMENT_INTEGER    0x0
#define ACPI_METHOD_ARGUMENT_STRING     0x1
#define ACPI_METHOD_ARGUMENT_BUFFER     0x2
#define ACPI_METHOD_ARGUMENT_PACKAGE    0x3
#define ACPI_METHOD_ARGUMENT_PACKAGE_EX 0x4

/* ---- Method evaluation: input buffers ------------------------------------------------------ */

/* A four-character method name (_STA...), also readable as one ULONG. */
#define DRVHOST_ACPI_SHORT_NAME_                                                                   \
    union {                                                                                        \
        UCHAR MethodName[4];                                                                       \
        ULONG MethodNameAsUlong;                                                                   \
    } DUMMYUNIONNAME

/* Each input form exists with a short name (V1/V2, the same layout) and, for the _EX requests,
 * with a full NUL-terminated path of up to 255 characters. */
#define DRVHOST_ACPI_INPUT_FORMS_(v, argtype)                                                      \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_##v {                                                   \
        ULONG Signature;                                                                           \
        DRVHOST_ACPI_SHORT_NAME_;                                                                  \
    } ACPI_EVAL_INPUT_BUFFER_##v, *PACPI_EVAL_INPUT_BUFFER_##v;                                    \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_##v {                                    \
        ULONG Signature;                                                                           \
        DRVHOST_ACPI_SHORT_NAME_;                                                                  \
        ULONG IntegerArgument;                                                                     \
    } ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_##v, *PACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_##v;      \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_##v {                                     \
        ULONG Signature;                                                                           \
        DRVHOST_ACPI_SHORT_NAME_;                                                                  \
        ULONG StringLength;                                                                        \
        UCHAR String[ANYSIZE_ARRAY];                                                               \
    } ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_##v, *PACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_##v;        \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_COMPLEX_##v {                                           \
        ULONG Signature;                                                                           \
        DRVHOST_ACPI_SHORT_NAME_;                                                                  \
        ULONG Size; /* bytes of the Argument array */                                              \
        ULONG ArgumentCount;                                                                       \
        argtype Argument[ANYSIZE_ARRAY];                                                           \
    } ACPI_EVAL_INPUT_BUFFER_COMPLEX_##v, *PACPI_EVAL_INPUT_BUFFER_COMPLEX_##v;                    \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_##v##_EX {                                              \
        ULONG Signature;                                                                           \
        CHAR MethodName[256];                                                                      \
    } ACPI_EVAL_INPUT_BUFFER_##v##_EX, *PACPI_EVAL_INPUT_BUFFER_##v##_EX;                          \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_##v##_EX {                               \
        ULONG Signature;                                                                           \
        CHAR MethodName[256];                                                                      \
        ULONG64 IntegerArgument;                                                                   \
    } ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_##v##_EX,                                              \
        *PACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_##v##_EX;                                          \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_##v##_EX {                                \
        ULONG Signature;                                                                           \
        CHAR MethodName[256];                                                                      \
        ULONG StringLength;                                                                        \
        UCHAR String[ANYSIZE_ARRAY];                                                               \
    } ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_##v##_EX,                                               \
        *PACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_##v##_EX;                                           \
    typedef struct _ACPI_EVAL_INPUT_BUFFER_COMPLEX_##v##_EX {                                      \
        ULONG Signature;                                                                           \
        CHAR MethodName[256];                                                                      \
        ULONG Size;                                                                                \
        ULONG ArgumentCount;                                                                       \
        argtype Argument[ANYSIZE_ARRAY];                                                           \
    } ACPI_EVAL_INPUT_BUFFER_COMPLEX_##v##_EX, *PACPI_EVAL_INPUT_BUFFER_COMPLEX_##v##_EX

/* One argument of a method: an integer held in Argument, or DataLength bytes of Data (a string
 * with its NUL, a buffer, a package). Arguments follow each other in a buffer, each at least
 * FIELD_OFFSET(Data) + sizeof(ULONG) long (ACPI_METHOD_NEXT_ARGUMENT). V1's DataLength is a
 * USHORT, V2's a ULONG. */
typedef struct _ACPI_METHOD_ARGUMENT_V1 {
    USHORT Type;
    USHORT DataLength;
    union {
        ULONG Argument;
        UCHAR Data[ANYSIZE_ARRAY];
    } DUMMYUNIONNAME;
} ACPI_METHOD_ARGUMENT_V1;
typedef ACPI_METHOD_ARGUMENT_V1 DRVHOST_ALIGNED1 ACPI_METHOD_ARGUMENT_V1_UNALIGNED_;
typedef ACPI_METHOD_ARGUMENT_V1_UNALIGNED_ *PACPI_METHOD_ARGUMENT_V1; /* UNALIGNED */

typedef struct _ACPI_METHOD_ARGUMENT_V2 {
    USHORT Type;
    ULONG DataLength;
    union {
        ULONG Argument;
        UCHAR Data[ANYSIZE_ARRAY];
    } DUMMYUNIONNAME;
} ACPI_METHOD_ARGUMENT_V2;
typedef ACPI_METHOD_ARGUMENT_V2 DRVHOST_ALIGNED1 ACPI_METHOD_ARGUMENT_V2_UNALIGNED_;
typedef ACPI_METHOD_ARGUMENT_V2_UNALIGNED_ *PACPI_METHOD_ARGUMENT_V2; /* UNALIGNED */

DRVHOST_ACPI_INPUT_FORMS_(V1, ACPI_METHOD_ARGUMENT_V1);
DRVHOST_ACPI_INPUT_FORMS_(V2, ACPI_METHOD_ARGUMENT_V2);

/* ---- Method evaluation: output buffer ------------------------------------------------------ */

/* Length: the bytes the whole result needs (the driver retries with that much after
 * STATUS_BUFFER_OVERFLOW); Count: the arguments in Argument. */
typedef struct _ACPI_EVAL_OUTPUT_BUFFER_V1 {
    ULONG Signature;
    ULONG Length;
    ULONG Count;
    ACPI_METHOD_ARGUMENT_V1 Argument[ANYSIZE_ARRAY];
} ACPI_EVAL_OUTPUT_BUFFER_V1;
typedef ACPI_EVAL_OUTPUT_BUFFER_V1 DRVHOST_ALIGNED1 ACPI_EVAL_OUTPUT_BUFFER_V1_UNALIGNED_;
typedef ACPI_EVAL_OUTPUT_BUFFER_V1_UNALIGNED_ *PACPI_EVAL_OUTPUT_BUFFER_V1; /* UNALIGNED */

typedef struct _ACPI_EVAL_OUTPUT_BUFFER_V2 {
    ULONG Signature;
    ULONG Length;
    ULONG Count;
    ACPI_METHOD_ARGUMENT_V2 Argument[ANYSIZE_ARRAY];
} ACPI_EVAL_OUTPUT_BUFFER_V2;
typedef ACPI_EVAL_OUTPUT_BUFFER_V2 DRVHOST_ALIGNED1 ACPI_EVAL_OUTPUT_BUFFER_V2_UNALIGNED_;
typedef ACPI_EVAL_OUTPUT_BUFFER_V2_UNALIGNED_ *PACPI_EVAL_OUTPUT_BUFFER_V2; /* UNALIGNED */

/* The unversioned names: V1. */
typedef ACPI_METHOD_ARGUMENT_V1 ACPI_METHOD_ARGUMENT;
typedef ACPI_METHOD_ARGUMENT_V1 DRVHOST_ALIGNED1 ACPI_METHOD_ARGUMENT_UNALIGNED_;
typedef ACPI_METHOD_ARGUMENT_UNALIGNED_ *PACPI_METHOD_ARGUMENT; /* UNALIGNED */
typedef ACPI_EVAL_INPUT_BUFFER_V1 ACPI_EVAL_INPUT_BUFFER, *PACPI_EVAL_INPUT_BUFFER;
typedef ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_V1 ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER,
    *PACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER;
typedef ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_V1 ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING,
    *PACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING;
typedef ACPI_EVAL_INPUT_BUFFER_COMPLEX_V1 ACPI_EVAL_INPUT_BUFFER_COMPLEX,
    *PACPI_EVAL_INPUT_BUFFER_COMPLEX;
typedef ACPI_EVAL_INPUT_BUFFER_V1_EX ACPI_EVAL_INPUT_BUFFER_EX, *PACPI_EVAL_INPUT_BUFFER_EX;
typedef ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_V1_EX ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_EX,
    *PACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_EX;
typedef ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_V1_EX ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_EX,
    *PACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_EX;
typedef ACPI_EVAL_INPUT_BUFFER_COMPLEX_V1_EX ACPI_EVAL_INPUT_BUFFER_COMPLEX_EX,
    *PACPI_EVAL_INPUT_BUFFER_COMPLEX_EX;
typedef ACPI_EVAL_OUTPUT_BUFFER_V1 ACPI_EVAL_OUTPUT_BUFFER;
typedef ACPI_EVAL_OUTPUT_BUFFER_V1 DRVHOST_ALIGNED1 ACPI_EVAL_OUTPUT_BUFFER_UNALIGNED_;
typedef ACPI_EVAL_OUTPUT_BUFFER_UNALIGNED_ *PACPI_EVAL_OUTPUT_BUFFER; /* UNALIGNED */

/* ---- Argument helpers (the caller's source provides strlen and RtlCopyMemory) -------------- */

#define DRVHOST_ACPI_ARG_LENGTH_(argtype, dataLength)                                              \
    (FIELD_OFFSET(argtype, Data) + max(sizeof(ULONG), (dataLength)))

#define ACPI_METHOD_ARGUMENT_LENGTH(DataLength)                                                    \
    DRVHOST_ACPI_ARG_LENGTH_(ACPI_METHOD_ARGUMENT, DataLength)
#define ACPI_METHOD_ARGUMENT_LENGTH_FROM_ARGUMENT(Argument)                                        \
    (ACPI_METHOD_ARGUMENT_LENGTH(((PACPI_METHOD_ARGUMENT)(Argument))->DataLength))
#define ACPI_METHOD_NEXT_ARGUMENT(Argument)                                                        \
    ((PACPI_METHOD_ARGUMENT)((PUCHAR)(Argument) +                                                  \
                             ACPI_METHOD_ARGUMENT_LENGTH_FROM_ARGUMENT(Argument)))

#define ACPI_METHOD_ARGUMENT_V2_LENGTH(DataLength)                                                 \
    DRVHOST_ACPI_ARG_LENGTH_(ACPI_METHOD_ARGUMENT_V2, DataLength)
#define ACPI_METHOD_ARGUMENT_V2_LENGTH_FROM_ARGUMENT(Argument)                                     \
    (ACPI_METHOD_ARGUMENT_V2_LENGTH(((PACPI_METHOD_ARGUMENT_V2)(Argument))->DataLength))
#define ACPI_METHOD_NEXT_ARGUMENT_V2(Argument)                                                     \
    ((PACPI_METHOD_ARGUMENT_V2)((PUCHAR)(Argument) +                                               \
                                ACPI_METHOD_ARGUMENT_V2_LENGTH_FROM_ARGUMENT(Argument)))

/* Fill one argument in place: an integer, a NUL-terminated string (DataLength counts the NUL),
 * or BuffLength bytes. */
#define DRVHOST_ACPI_SET_INTEGER_(arg, value)                                                      \
    {                                                                                              \
        (arg)->Type = ACPI_METHOD_ARGUMENT_INTEGER;                                                \
        (arg)->DataLength = sizeof(ULONG);                                                         \
        (arg)->Argument = (value);                                                                 \
    }
#define DRVHOST_ACPI_SET_BYTES_(arg, type, bytes, length)                                          \
    {                                                                                              \
        (arg)->Type = (type);                                                                      \
        (arg)->DataLength = (length);                                                              \
        RtlCopyMemory(&(arg)->Data[0], (bytes), (arg)->DataLength);                                \
    }
#define ACPI_METHOD_SET_ARGUMENT_INTEGER(MethodArgument, IntData)                                  \
    DRVHOST_ACPI_SET_INTEGER_(MethodArgument, IntData)
#define ACPI_METHOD_SET_ARGUMENT_STRING(Argument, StrData)                                         \
    DRVHOST_ACPI_SET_BYTES_(Argument, ACPI_METHOD_ARGUMENT_STRING, StrData,                        \
                            strlen((const char *)(StrData)) + sizeof(UCHAR))
#define ACPI_METHOD_SET_ARGUMENT_BUFFER(Argument, BuffData, BuffLength)                            \
    DRVHOST_ACPI_SET_BYTES_(Argument, ACPI_METHOD_ARGUMENT_BUFFER, BuffData, BuffLength)
#define ACPI_METHOD_SET_ARGUMENT_INTEGER_V2(MethodArgument, IntData)                               \
    DRVHOST_ACPI_SET_INTEGER_(MethodArgument, IntData)
#define ACPI_METHOD_SET_ARGUMENT_STRING_V2(Argument, StrData)                                      \
    ACPI_METHOD_SET_ARGUMENT_STRING(Argument, StrData)
#define ACPI_METHOD_SET_ARGUMENT_BUFFER_V2(Argument, BuffData, BuffLength)                         \
    ACPI_METHOD_SET_ARGUMENT_BUFFER(Argument, BuffData, BuffLength)

/* Walking an output buffer's arguments. */
#define ACPI_EVAL_OUTPUT_BUFFER_ARGUMENT_LENGTH(EvalOutputBuffer)                                  \
    ((EvalOutputBuffer)->Length - FIELD_OFFSET(ACPI_EVAL_OUTPUT_BUFFER, Argument))
#define ACPI_EVAL_OUTPUT_BUFFER_ARGUMENTS_BEGIN(EvalOutputBuffer)                                  \
    ((PACPI_METHOD_ARGUMENT)(EvalOutputBuffer)->Argument)
#define ACPI_EVAL_OUTPUT_BUFFER_ARGUMENTS_END(EvalOutputBuffer)                                    \
    ((PACPI_METHOD_ARGUMENT)((PUCHAR)(EvalOutputBuffer)->Argument +                                \
                             ACPI_EVAL_OUTPUT_BUFFER_ARGUMENT_LENGTH(EvalOutputBuffer)))
#define FOR_EACH_ACPI_METHOD_ARGUMENT(MethodArgument, MethodArgumentsBegin, MethodArgumentsEnd)    \
    for (PACPI_METHOD_ARGUMENT MethodArgument = (MethodArgumentsBegin);                            \
         MethodArgument < (MethodArgumentsEnd);                                                    \
         MethodArgument = ACPI_METHOD_NEXT_ARGUMENT(MethodArgument))
#define ACPI_EVAL_OUTPUT_BUFFER_V2_ARGUMENT_LENGTH(EvalOutputBuffer)                               \
    ((EvalOutputBuffer)->Length - FIELD_OFFSET(ACPI_EVAL_OUTPUT_BUFFER_V2, Argument))
#define ACPI_EVAL_OUTPUT_BUFFER_V2_ARGUMENTS_BEGIN(EvalOutputBuffer)                               \
    ((PACPI_METHOD_ARGUMENT_V2)(EvalOutputBuffer)->Argument)
#define ACPI_EVAL_OUTPUT_BUFFER_V2_ARGUMENTS_END(EvalOutputBuffer)                                 \
    ((PACPI_METHOD_ARGUMENT_V2)((PUCHAR)(EvalOutputBuffer)->Argument +                             \
                                ACPI_EVAL_OUTPUT_BUFFER_V2_ARGUMENT_LENGTH(EvalOutputBuffer)))
#define FOR_EACH_ACPI_METHOD_ARGUMENT_V2(MethodArgument, MethodArgumentsBegin, MethodArgumentsEnd) \
    for (PACPI_METHOD_ARGUMENT_V2 MethodArgument = (MethodArgumentsBegin);                         \
         MethodArgument < (MethodArgumentsEnd);                                                    \
         MethodArgument = ACPI_METHOD_NEXT_ARGUMENT_V2(MethodArgument))

/* ---- Global lock ---------------------------------------------------------------------------- */

typedef struct _ACPI_MANIPULATE_GLOBAL_LOCK_BUFFER {
    ULONG Signature; /* ACPI_ACQUIRE_/ACPI_RELEASE_GLOBAL_LOCK_SIGNATURE */
    PVOID LockObject;
} ACPI_MANIPULATE_GLOBAL_LOCK_BUFFER, *PACPI_MANIPULATE_GLOBAL_LOCK_BUFFER;

/* ---- Child enumeration ---------------------------------------------------------------------- */

/* ACPI_ENUM_CHILDREN_INPUT_BUFFER.Flags */
#define ENUM_CHILDREN_IMMEDIATE_ONLY 0x1
#define ENUM_CHILDREN_MULTILEVEL     0x2
#define ENUM_CHILDREN_NAME_IS_FILTER 0x4
/* ACPI_ENUM_CHILD.Flags */
#define ACPI_OBJECT_HAS_CHILDREN 0x1

typedef struct _ACPI_ENUM_CHILDREN_INPUT_BUFFER {
    ULONG Signature;
    ULONG Flags;      /* ENUM_CHILDREN_* */
    ULONG NameLength; /* with the NUL */
    CHAR Name[ANYSIZE_ARRAY];
} ACPI_ENUM_CHILDREN_INPUT_BUFFER, *PACPI_ENUM_CHILDREN_INPUT_BUFFER;

typedef struct _ACPI_ENUM_CHILD {
    ULONG Flags;
    ULONG NameLength; /* with the NUL */
    CHAR Name[ANYSIZE_ARRAY];
} ACPI_ENUM_CHILD;
typedef ACPI_ENUM_CHILD DRVHOST_ALIGNED1 ACPI_ENUM_CHILD_UNALIGNED_;
typedef ACPI_ENUM_CHILD_UNALIGNED_ *PACPI_ENUM_CHILD; /* UNALIGNED */

typedef struct _ACPI_ENUM_CHILDREN_OUTPUT_BUFFER {
    ULONG Signature;
    ULONG NumberOfChildren;
    ACPI_ENUM_CHILD Children[ANYSIZE_ARRAY];
} ACPI_ENUM_CHILDREN_OUTPUT_BUFFER;
typedef ACPI_ENUM_CHILDREN_OUTPUT_BUFFER UNALIGNED *PACPI_ENUM_CHILDREN_OUTPUT_BUFFER;

/* Children are packed one after the other: two ULONGs then the name. */
#define ACPI_ENUM_CHILD_LENGTH_FROM_CHILD(Child) ((2 * sizeof(ULONG)) + (Child)->NameLength)
#define ACPI_ENUM_CHILD_NEXT(Child)                                                                \
    ((PACPI_ENUM_CHILD)((PUCHAR)(Child) + ACPI_ENUM_CHILD_LENGTH_FROM_CHILD(Child)))

/* ---- Device information, _DSD data --------------------------------------------------------- */

/* The strings follow the structure, located by the offsets. */
typedef struct _ACPI_DEVICE_INFORMATION_OUTPUT_BUFFER {
    ULONG Signature;
    USHORT Size;
    UCHAR Revision;
    UCHAR Reserved0;
    USHORT VendorIdStringOffset;
    USHORT VendorStringLength;
    USHORT DeviceIdStringOffset;
    USHORT SubSystemIdStringOffset;
    USHORT SubSystemStringLength;
    USHORT SubDeviceIdStringOffset;
    USHORT InstanceIdLength;
    USHORT InstanceIdOffset;
    USHORT BaseClassCode;
    USHORT HardwareRevision;
    UCHAR ProgrammingInterface;
    UCHAR Reserved1;
    USHORT SubClassCode;
} ACPI_DEVICE_INFORMATION_OUTPUT_BUFFER, *PACPI_DEVICE_INFORMATION_OUTPUT_BUFFER;

typedef struct _ACPI_GET_DEVICE_SPECIFIC_DATA {
    ULONG Signature;
    GUID Section; /* the _DSD section's UUID */
    ULONG PropertyNameLength;
    UCHAR PropertyName[ANYSIZE_ARRAY];
} ACPI_GET_DEVICE_SPECIFIC_DATA, *PACPI_GET_DEVICE_SPECIFIC_DATA;

#ifdef __cplusplus
}
#endif

#endif /* _ACPIIOCTH_ */
