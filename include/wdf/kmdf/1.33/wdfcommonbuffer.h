/*
 * wdfcommonbuffer.h - common buffers: memory a driver and its bus-master device share,
 * allocated through a DMA enabler. drvhost's behaviour (no device: what a "logical" address is
 * here): docs/wdf.md, "DMA".
 */
#ifndef _WDFCOMMONBUFFER_H_
#define _WDFCOMMONBUFFER_H_

typedef struct _WDF_COMMON_BUFFER_CONFIG {
    ULONG Size;
    ULONG AlignmentRequirement; /* FILE_xxx_ALIGNMENT: a mask, one less than a power of two */
} WDF_COMMON_BUFFER_CONFIG, *PWDF_COMMON_BUFFER_CONFIG;

C_ASSERT(sizeof(WDF_COMMON_BUFFER_CONFIG) == 8);

FORCEINLINE VOID WDF_COMMON_BUFFER_CONFIG_INIT(PWDF_COMMON_BUFFER_CONFIG Config,
                                               ULONG AlignmentRequirement)
{
    RtlZeroMemory(Config, sizeof(WDF_COMMON_BUFFER_CONFIG));
    Config->Size = sizeof(WDF_COMMON_BUFFER_CONFIG);
    Config->AlignmentRequirement = AlignmentRequirement;
}

typedef NTSTATUS (*PFN_WDFCOMMONBUFFERCREATE)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER, size_t,
                                              PWDF_OBJECT_ATTRIBUTES, WDFCOMMONBUFFER *);
FORCEINLINE NTSTATUS WdfCommonBufferCreate(WDFDMAENABLER DmaEnabler, size_t Length,
                                           PWDF_OBJECT_ATTRIBUTES Attributes,
                                           WDFCOMMONBUFFER *CommonBuffer)
{
    return ((PFN_WDFCOMMONBUFFERCREATE)WdfFunctions[WdfCommonBufferCreateTableIndex])(
        WdfDriverGlobals, DmaEnabler, Length, Attributes, CommonBuffer);
}

typedef NTSTATUS (*PFN_WDFCOMMONBUFFERCREATEWITHCONFIG)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER, size_t,
                                                        PWDF_COMMON_BUFFER_CONFIG,
                                                        PWDF_OBJECT_ATTRIBUTES, WDFCOMMONBUFFER *);
FORCEINLINE NTSTATUS WdfCommonBufferCreateWithConfig(WDFDMAENABLER DmaEnabler, size_t Length,
                                                     PWDF_COMMON_BUFFER_CONFIG Config,
                                                     PWDF_OBJECT_ATTRIBUTES Attributes,
                                                     WDFCOMMONBUFFER *CommonBuffer)
{
    return ((PFN_WDFCOMMONBUFFERCREATEWITHCONFIG)
                WdfFunctions[WdfCommonBufferCreateWithConfigTableIndex])(
        WdfDriverGlobals, DmaEnabler, Length, Config, Attributes, CommonBuffer);
}

typedef PVOID (*PFN_WDFCOMMONBUFFERGETALIGNEDVIRTUALADDRESS)(PWDF_DRIVER_GLOBALS, WDFCOMMONBUFFER);
FORCEINLINE PVOID WdfCommonBufferGetAlignedVirtualAddress(WDFCOMMONBUFFER CommonBuffer)
{
    return ((PFN_WDFCOMMONBUFFERGETALIGNEDVIRTUALADDRESS)
                WdfFunctions[WdfCommonBufferGetAlignedVirtualAddressTableIndex])(WdfDriverGlobals,
                                                                                 CommonBuffer);
}

typedef PHYSICAL_ADDRESS (*PFN_WDFCOMMONBUFFERGETALIGNEDLOGICALADDRESS)(PWDF_DRIVER_GLOBALS,
                                                                        WDFCOMMONBUFFER);
FORCEINLINE PHYSICAL_ADDRESS WdfCommonBufferGetAlignedLogicalAddress(WDFCOMMONBUFFER CommonBuffer)
{
    return ((PFN_WDFCOMMONBUFFERGETALIGNEDLOGICALADDRESS)
                WdfFunctions[WdfCommonBufferGetAlignedLogicalAddressTableIndex])(WdfDriverGlobals,
                                                                                 CommonBuffer);
}

typedef size_t (*PFN_WDFCOMMONBUFFERGETLENGTH)(PWDF_DRIVER_GLOBALS, WDFCOMMONBUFFER);
FORCEINLINE size_t WdfCommonBufferGetLength(WDFCOMMONBUFFER CommonBuffer)
{
    return ((PFN_WDFCOMMONBUFFERGETLENGTH)WdfFunctions[WdfCommonBufferGetLengthTableIndex])(
        WdfDriverGlobals, CommonBuffer);
}

#endif
