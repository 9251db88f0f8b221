/*
 * TrEEVariableService.h - the request and reply layouts of the TrEE UEFI-variable service (the
 * treevariableservice reference pages: Microsoft's names and x64 layouts). **Deviation:** the
 * WDK's file expects the includer to define CHAR16 (UEFI's 16-bit character) first; here the
 * names are WCHAR arrays (the same 16 bits), so the file stands alone and an includer's own
 * CHAR16 typedef is harmless. EFI_VARIABLE_STATUS (ULONG_PTR), the EFI_VARIABLE_FUNCTION_* codes
 * and the attribute bits are Microsoft's published constants, checked against the public WDK header
 * (the reference names them without values). Left out: GUID_EFI_VARIABLE_SERVICE and the
 * EFI_SET_VARIABLE_GET_* macros (their pages give neither value nor definition).
 */
#ifndef _DRVHOST_TREEVARIABLESERVICE_H_
#define _DRVHOST_TREEVARIABLESERVICE_H_

#include <ntdef.h>

/* The service's function codes (TR_SERVICE_REQUEST.FunctionCode). */
#define EFI_VARIABLE_FUNCTION_GET_VARIABLE           0
#define EFI_VARIABLE_FUNCTION_GET_NEXT_VARIABLE_NAME 1
#define EFI_VARIABLE_FUNCTION_SET_VARIABLE           2
#define EFI_VARIABLE_FUNCTION_QUERY_VARIABLE_INFO    3

/* Variable attributes, as the UEFI specification numbers them. */
#define EFI_VARIABLE_NON_VOLATILE                          0x00000001
#define EFI_VARIABLE_BOOTSERVICE_ACCESS                    0x00000002
#define EFI_VARIABLE_RUNTIME_ACCESS                        0x00000004
#define EFI_VARIABLE_HARDWARE_ERROR_RECORD                 0x00000008
#define EFI_VARIABLE_AUTHENTICATED_WRITE_ACCESS            0x00000010
#define EFI_VARIABLE_TIME_BASED_AUTHENTICATED_WRITE_ACCESS 0x00000020
#define EFI_VARIABLE_APPEND_WRITE                          0x00000040

typedef ULONG_PTR EFI_VARIABLE_STATUS, *PEFI_VARIABLE_STATUS;

typedef struct _EFI_GET_VARIABLE_IN {
    GUID VendorGuid;
    WCHAR VariableName[ANYSIZE_ARRAY];
} EFI_GET_VARIABLE_IN, *PEFI_GET_VARIABLE_IN;

typedef struct _EFI_GET_VARIABLE_OUT {
    EFI_VARIABLE_STATUS EfiStatus;
    ULONG Attributes;
    SIZE_T DataSize;
    BYTE Data[ANYSIZE_ARRAY];
} EFI_GET_VARIABLE_OUT, *PEFI_GET_VARIABLE_OUT;

typedef struct _EFI_GET_NEXT_VARIABLE_NAME_IN {
    GUID VendorGuid;
    WCHAR VariableName[ANYSIZE_ARRAY];
} EFI_GET_NEXT_VARIABLE_NAME_IN, *PEFI_GET_NEXT_VARIABLE_NAME_IN;

typedef struct _EFI_GET_NEXT_VARIABLE_NAME_OUT {
    EFI_VARIABLE_STATUS EfiStatus;
    GUID VendorGuid;
    ULONG NameLength;
    WCHAR VariableName[ANYSIZE_ARRAY];
} EFI_GET_NEXT_VARIABLE_NAME_OUT, *PEFI_GET_NEXT_VARIABLE_NAME_OUT;

/* The name and the data both lie in Buffer, at byte offsets from the start of the structure. */
typedef struct _EFI_SET_VARIABLE_IN {
    ULONG VariableNameOffset;
    GUID VendorGuid;
    ULONG Attributes;
    SIZE_T DataSize;
    ULONG DataOffset;
    BYTE Buffer[ANYSIZE_ARRAY];
} EFI_SET_VARIABLE_IN, *PEFI_SET_VARIABLE_IN;

typedef struct _EFI_SET_VARIABLE_OUT {
    EFI_VARIABLE_STATUS EfiStatus;
} EFI_SET_VARIABLE_OUT, *PEFI_SET_VARIABLE_OUT;

typedef struct _EFI_QUERY_VARIABLE_INFO_IN {
    ULONG Attributes;
} EFI_QUERY_VARIABLE_INFO_IN, *PEFI_QUERY_VARIABLE_INFO_IN;

typedef struct _EFI_QUERY_VARIABLE_INFO_OUT {
    EFI_VARIABLE_STATUS EfiStatus;
    ULONGLONG MaximumVariableStorageSize;
    ULONGLONG RemainingVariableStorageSize;
    ULONGLONG MaximumVariableSize;
} EFI_QUERY_VARIABLE_INFO_OUT, *PEFI_QUERY_VARIABLE_INFO_OUT;

#endif /* _DRVHOST_TREEVARIABLESERVICE_H_ */
