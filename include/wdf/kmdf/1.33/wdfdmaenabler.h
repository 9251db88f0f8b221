/*
 * wdfdmaenabler.h - DMA enablers: a device's bus-master (packet, scatter/gather) or system-mode
 * DMA description, WDF_DMA_ENABLER_CONFIG and the WdfDmaEnabler* routines. drvhost's behaviour
 * (there is no DMA hardware): docs/wdf.md, "DMA".
 */
#ifndef _WDFDMAENABLER_H_
#define _WDFDMAENABLER_H_

#include <wdm_dma.h>

typedef enum _WDF_DMA_PROFILE {
    WdfDmaProfileInvalid = 0,
    WdfDmaProfilePacket,
    WdfDmaProfileScatterGather,
    WdfDmaProfilePacket64,
    WdfDmaProfileScatterGather64,
    WdfDmaProfileScatterGatherDuplex,
    WdfDmaProfileScatterGather64Duplex,
    WdfDmaProfileSystem,
    WdfDmaProfileSystemDuplex,
} WDF_DMA_PROFILE;

typedef enum _WDF_DMA_DIRECTION {
    WdfDmaDirectionReadFromDevice = FALSE,
    WdfDmaDirectionWriteToDevice = TRUE,
} WDF_DMA_DIRECTION;

typedef enum _WDF_DMA_ENABLER_CONFIG_FLAGS {
    WDF_DMA_ENABLER_CONFIG_NO_SGLIST_PREALLOCATION = 0x00000001,
    WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER = 0x00000002,
} WDF_DMA_ENABLER_CONFIG_FLAGS;

/* WdfDmaEnablerSetMaximumScatterGatherElements: no limit. */
#define WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS ((ULONG)-1)

typedef NTSTATUS EVT_WDF_DMA_ENABLER_FILL(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_FILL *PFN_WDF_DMA_ENABLER_FILL;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_FLUSH(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_FLUSH *PFN_WDF_DMA_ENABLER_FLUSH;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_ENABLE(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_ENABLE *PFN_WDF_DMA_ENABLER_ENABLE;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_DISABLE(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_DISABLE *PFN_WDF_DMA_ENABLER_DISABLE;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START *PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_START;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP *PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP;

/* The field order is the reference page's. */
typedef struct _WDF_DMA_ENABLER_CONFIG {
    ULONG Size;
    WDF_DMA_PROFILE Profile;
    size_t MaximumLength;
    PFN_WDF_DMA_ENABLER_FILL EvtDmaEnablerFill;
    PFN_WDF_DMA_ENABLER_FLUSH EvtDmaEnablerFlush;
    PFN_WDF_DMA_ENABLER_DISABLE EvtDmaEnablerDisable;
    PFN_WDF_DMA_ENABLER_ENABLE EvtDmaEnablerEnable;
    PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_START EvtDmaEnablerSelfManagedIoStart;
    PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP EvtDmaEnablerSelfManagedIoStop;
    ULONG AddressWidthOverride; /* 0, or 24..63 */
    ULONG Flags;                /* WDF_DMA_ENABLER_CONFIG_FLAGS (KMDF 1.11) */
    ULONG WdmDmaVersionOverride;
} WDF_DMA_ENABLER_CONFIG, *PWDF_DMA_ENABLER_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_DMA_ENABLER_CONFIG, MaximumLength) == 8);
C_ASSERT(FIELD_OFFSET(WDF_DMA_ENABLER_CONFIG, AddressWidthOverride) == 64);
C_ASSERT(sizeof(WDF_DMA_ENABLER_CONFIG) == 80);

FORCEINLINE VOID WDF_DMA_ENABLER_CONFIG_INIT(PWDF_DMA_ENABLER_CONFIG Config,
                                             WDF_DMA_PROFILE Profile, size_t MaximumLength)
{
    RtlZeroMemory(Config, sizeof(WDF_DMA_ENABLER_CONFIG));
    Config->Size = sizeof(WDF_DMA_ENABLER_CONFIG);
    Config->Profile = Profile;
    Config->MaximumLength = MaximumLength;
}

typedef struct _WDF_DMA_SYSTEM_PROFILE_CONFIG {
    ULONG Size;
    BOOLEAN DemandMode;
    BOOLEAN LoopedTransfer;
    DMA_WIDTH DmaWidth;
    PHYSICAL_ADDRESS DeviceAddress;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR DmaDescriptor;
} WDF_DMA_SYSTEM_PROFILE_CONFIG, *PWDF_DMA_SYSTEM_PROFILE_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_DMA_SYSTEM_PROFILE_CONFIG, DmaWidth) == 8);
C_ASSERT(FIELD_OFFSET(WDF_DMA_SYSTEM_PROFILE_CONFIG, DeviceAddress) == 16);
C_ASSERT(sizeof(WDF_DMA_SYSTEM_PROFILE_CONFIG) == 32);

FORCEINLINE VOID WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(PWDF_DMA_SYSTEM_PROFILE_CONFIG DmaConfig,
                                                    PHYSICAL_ADDRESS Address, DMA_WIDTH DmaWidth,
                                                    PCM_PARTIAL_RESOURCE_DESCRIPTOR DmaDescriptor)
{
    RtlZeroMemory(DmaConfig, sizeof(WDF_DMA_SYSTEM_PROFILE_CONFIG));
    DmaConfig->Size = sizeof(WDF_DMA_SYSTEM_PROFILE_CONFIG);
    DmaConfig->DeviceAddress = Address;
    DmaConfig->DmaWidth = DmaWidth;
    DmaConfig->DmaDescriptor = DmaDescriptor;
}

typedef NTSTATUS (*PFN_WDFDMAENABLERCREATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_DMA_ENABLER_CONFIG,
                                            PWDF_OBJECT_ATTRIBUTES, WDFDMAENABLER *);
FORCEINLINE NTSTATUS WdfDmaEnablerCreate(WDFDEVICE Device, PWDF_DMA_ENABLER_CONFIG Config,
                                         PWDF_OBJECT_ATTRIBUTES Attributes,
                                         WDFDMAENABLER *DmaEnablerHandle)
{
    return ((PFN_WDFDMAENABLERCREATE)WdfFunctions[WdfDmaEnablerCreateTableIndex])(
        WdfDriverGlobals, Device, Config, Attributes, DmaEnablerHandle);
}

typedef size_t (*PFN_WDFDMAENABLERGETMAXIMUMLENGTH)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER);
FORCEINLINE size_t WdfDmaEnablerGetMaximumLength(WDFDMAENABLER DmaEnabler)
{
    return (
        (PFN_WDFDMAENABLERGETMAXIMUMLENGTH)WdfFunctions[WdfDmaEnablerGetMaximumLengthTableIndex])(
        WdfDriverGlobals, DmaEnabler);
}

typedef size_t (*PFN_WDFDMAENABLERGETMAXIMUMSCATTERGATHERELEMENTS)(PWDF_DRIVER_GLOBALS,
                                                                   WDFDMAENABLER);
FORCEINLINE size_t WdfDmaEnablerGetMaximumScatterGatherElements(WDFDMAENABLER DmaEnabler)
{
    return ((PFN_WDFDMAENABLERGETMAXIMUMSCATTERGATHERELEMENTS)
                WdfFunctions[WdfDmaEnablerGetMaximumScatterGatherElementsTableIndex])(
        WdfDriverGlobals, DmaEnabler);
}

typedef VOID (*PFN_WDFDMAENABLERSETMAXIMUMSCATTERGATHERELEMENTS)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER,
                                                                 size_t);
FORCEINLINE VOID WdfDmaEnablerSetMaximumScatterGatherElements(WDFDMAENABLER DmaEnabler,
                                                              size_t MaximumFragments)
{
    ((PFN_WDFDMAENABLERSETMAXIMUMSCATTERGATHERELEMENTS)
         WdfFunctions[WdfDmaEnablerSetMaximumScatterGatherElementsTableIndex])(
        WdfDriverGlobals, DmaEnabler, MaximumFragments);
}

typedef size_t (*PFN_WDFDMAENABLERGETFRAGMENTLENGTH)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER,
                                                     WDF_DMA_DIRECTION);
FORCEINLINE size_t WdfDmaEnablerGetFragmentLength(WDFDMAENABLER DmaEnabler,
                                                  WDF_DMA_DIRECTION DmaDirection)
{
    return (
        (PFN_WDFDMAENABLERGETFRAGMENTLENGTH)WdfFunctions[WdfDmaEnablerGetFragmentLengthTableIndex])(
        WdfDriverGlobals, DmaEnabler, DmaDirection);
}

typedef PDMA_ADAPTER (*PFN_WDFDMAENABLERWDMGETDMAADAPTER)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER,
                                                          WDF_DMA_DIRECTION);
FORCEINLINE PDMA_ADAPTER WdfDmaEnablerWdmGetDmaAdapter(WDFDMAENABLER DmaEnabler,
                                                       WDF_DMA_DIRECTION DmaDirection)
{
    return (
        (PFN_WDFDMAENABLERWDMGETDMAADAPTER)WdfFunctions[WdfDmaEnablerWdmGetDmaAdapterTableIndex])(
        WdfDriverGlobals, DmaEnabler, DmaDirection);
}

#if KMDF_VERSION_MINOR >= 11
typedef NTSTATUS (*PFN_WDFDMAENABLERCONFIGURESYSTEMPROFILE)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER,
                                                            PWDF_DMA_SYSTEM_PROFILE_CONFIG,
                                                            WDF_DMA_DIRECTION);
FORCEINLINE NTSTATUS WdfDmaEnablerConfigureSystemProfile(
    WDFDMAENABLER DmaEnabler, PWDF_DMA_SYSTEM_PROFILE_CONFIG ProfileConfig,
    WDF_DMA_DIRECTION ConfigDirection)
{
    return ((PFN_WDFDMAENABLERCONFIGURESYSTEMPROFILE)
                WdfFunctions[WdfDmaEnablerConfigureSystemProfileTableIndex])(
        WdfDriverGlobals, DmaEnabler, ProfileConfig, ConfigDirection);
}
#endif

#endif
