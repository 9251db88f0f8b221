/*
 * wdm_dma.h - WDM DMA (wdm.h includes it; the framework's DMA headers name its types): the
 * scatter/gather list, DEVICE_DESCRIPTION, the adapter object and its DMA_OPERATIONS table,
 * IoGetDmaAdapter. drvhost's adapters are bus-master ones whose logical addresses are host
 * virtual addresses (docs/dma.md); IoGetDmaAdapter returns no version-3 adapter, so the
 * version-3 members of DMA_OPERATIONS are placeholders that keep the layout (a driver calling
 * one does not compile). Names, values and x64 layouts as documented.
 */
#ifndef DRVHOST_WDM_DMA_H
#define DRVHOST_WDM_DMA_H

#include <wdm.h>

#ifndef _DMA_WIDTH_DEFINED
#define _DMA_WIDTH_DEFINED
typedef enum _DMA_WIDTH {
    Width8Bits,
    Width16Bits,
    Width32Bits,
    Width64Bits,
    WidthNoWrap,
    MaximumDmaWidth,
} DMA_WIDTH, *PDMA_WIDTH;

typedef enum _DMA_COMPLETION_STATUS {
    DmaComplete,
    DmaAborted,
    DmaError,
    DmaCancelled,
} DMA_COMPLETION_STATUS, *PDMA_COMPLETION_STATUS;

/* One element of a scatter/gather list: a device-visible address and a length. 24 bytes. */
typedef struct _SCATTER_GATHER_ELEMENT {
    PHYSICAL_ADDRESS Address;
    ULONG Length;
    ULONG_PTR Reserved;
} SCATTER_GATHER_ELEMENT, *PSCATTER_GATHER_ELEMENT;

typedef struct _SCATTER_GATHER_LIST {
    ULONG NumberOfElements;
    ULONG_PTR Reserved;
    SCATTER_GATHER_ELEMENT Elements[];
} SCATTER_GATHER_LIST, *PSCATTER_GATHER_LIST;

struct _DMA_OPERATIONS;
typedef struct _DMA_ADAPTER {
    USHORT Version;
    USHORT Size;
    struct _DMA_OPERATIONS *DmaOperations;
} DMA_ADAPTER, *PDMA_ADAPTER;

C_ASSERT(sizeof(SCATTER_GATHER_ELEMENT) == 24);
C_ASSERT(FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) == 16);
C_ASSERT(sizeof(DMA_ADAPTER) == 16);
/* ---- adapters (IoGetDmaAdapter, DMA_OPERATIONS) ------------------------------------------- */

#define DEVICE_DESCRIPTION_VERSION  0
#define DEVICE_DESCRIPTION_VERSION1 1
#define DEVICE_DESCRIPTION_VERSION2 2
#define DEVICE_DESCRIPTION_VERSION3 3

typedef enum _DMA_SPEED {
    Compatible,
    TypeA,
    TypeB,
    TypeC,
    TypeF,
    MaximumDmaSpeed,
} DMA_SPEED, *PDMA_SPEED;

typedef struct _DEVICE_DESCRIPTION {
    ULONG Version;
    BOOLEAN Master;
    BOOLEAN ScatterGather;
    BOOLEAN DemandMode;
    BOOLEAN AutoInitialize;
    BOOLEAN Dma32BitAddresses;
    BOOLEAN IgnoreCount;
    BOOLEAN Reserved1;
    BOOLEAN Dma64BitAddresses;
    ULONG BusNumber;
    ULONG DmaChannel;
    INTERFACE_TYPE InterfaceType;
    DMA_WIDTH DmaWidth;
    DMA_SPEED DmaSpeed;
    ULONG MaximumLength;
    ULONG DmaPort;
    ULONG DmaAddressWidth;          /* version 3 */
    ULONG DmaControllerInstance;    /* version 3 */
    ULONG DmaRequestLine;           /* version 3 */
    PHYSICAL_ADDRESS DeviceAddress; /* version 3 */
} DEVICE_DESCRIPTION, *PDEVICE_DESCRIPTION;

typedef VOID DRIVER_LIST_CONTROL(struct _DEVICE_OBJECT *DeviceObject, struct _IRP *Irp,
                                 PSCATTER_GATHER_LIST ScatterGather, PVOID Context);
typedef DRIVER_LIST_CONTROL *PDRIVER_LIST_CONTROL;

typedef VOID (*PPUT_DMA_ADAPTER)(PDMA_ADAPTER DmaAdapter);
typedef PVOID (*PALLOCATE_COMMON_BUFFER)(PDMA_ADAPTER DmaAdapter, ULONG Length,
                                         PPHYSICAL_ADDRESS LogicalAddress, BOOLEAN CacheEnabled);
typedef VOID (*PFREE_COMMON_BUFFER)(PDMA_ADAPTER DmaAdapter, ULONG Length,
                                    PHYSICAL_ADDRESS LogicalAddress, PVOID VirtualAddress,
                                    BOOLEAN CacheEnabled);
typedef NTSTATUS (*PALLOCATE_ADAPTER_CHANNEL)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                              ULONG NumberOfMapRegisters,
                                              PDRIVER_CONTROL ExecutionRoutine, PVOID Context);
typedef BOOLEAN (*PFLUSH_ADAPTER_BUFFERS)(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
                                          PVOID CurrentVa, ULONG Length, BOOLEAN WriteToDevice);
typedef VOID (*PFREE_ADAPTER_CHANNEL)(PDMA_ADAPTER DmaAdapter);
typedef VOID (*PFREE_MAP_REGISTERS)(PDMA_ADAPTER DmaAdapter, PVOID MapRegisterBase,
                                    ULONG NumberOfMapRegisters);
typedef PHYSICAL_ADDRESS (*PMAP_TRANSFER)(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
                                          PVOID CurrentVa, PULONG Length, BOOLEAN WriteToDevice);
typedef ULONG (*PGET_DMA_ALIGNMENT)(PDMA_ADAPTER DmaAdapter);
typedef ULONG (*PREAD_DMA_COUNTER)(PDMA_ADAPTER DmaAdapter);
typedef NTSTATUS (*PGET_SCATTER_GATHER_LIST)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                             PMDL Mdl, PVOID CurrentVa, ULONG Length,
                                             PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                                             BOOLEAN WriteToDevice);
typedef VOID (*PPUT_SCATTER_GATHER_LIST)(PDMA_ADAPTER DmaAdapter,
                                         PSCATTER_GATHER_LIST ScatterGather, BOOLEAN WriteToDevice);
typedef NTSTATUS (*PCALCULATE_SCATTER_GATHER_LIST_SIZE)(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
                                                        PVOID CurrentVa, ULONG Length,
                                                        PULONG ScatterGatherListSize,
                                                        PULONG pNumberOfMapRegisters);
typedef NTSTATUS (*PBUILD_SCATTER_GATHER_LIST)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                               PMDL Mdl, PVOID CurrentVa, ULONG Length,
                                               PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                                               BOOLEAN WriteToDevice, PVOID ScatterGatherBuffer,
                                               ULONG ScatterGatherLength);
typedef NTSTATUS (*PBUILD_MDL_FROM_SCATTER_GATHER_LIST)(PDMA_ADAPTER DmaAdapter,
                                                        PSCATTER_GATHER_LIST ScatterGather,
                                                        PMDL OriginalMdl, PMDL *TargetMdl);

/* Version 1: Size through PutScatterGatherList; version 2 adds the three that follow; version 3
 * the rest. The version-3 members are void pointers here: drvhost returns no version-3 table
 * (IoGetDmaAdapter is NULL for DEVICE_DESCRIPTION_VERSION3, as on a system without it). */
typedef struct _DMA_OPERATIONS {
    ULONG Size;
    PPUT_DMA_ADAPTER PutDmaAdapter;
    PALLOCATE_COMMON_BUFFER AllocateCommonBuffer;
    PFREE_COMMON_BUFFER FreeCommonBuffer;
    PALLOCATE_ADAPTER_CHANNEL AllocateAdapterChannel;
    PFLUSH_ADAPTER_BUFFERS FlushAdapterBuffers;
    PFREE_ADAPTER_CHANNEL FreeAdapterChannel;
    PFREE_MAP_REGISTERS FreeMapRegisters;
    PMAP_TRANSFER MapTransfer;
    PGET_DMA_ALIGNMENT GetDmaAlignment;
    PREAD_DMA_COUNTER ReadDmaCounter;
    PGET_SCATTER_GATHER_LIST GetScatterGatherList;
    PPUT_SCATTER_GATHER_LIST PutScatterGatherList;
    PCALCULATE_SCATTER_GATHER_LIST_SIZE CalculateScatterGatherList;
    PBUILD_SCATTER_GATHER_LIST BuildScatterGatherList;
    PBUILD_MDL_FROM_SCATTER_GATHER_LIST BuildMdlFromScatterGatherList;
    PVOID GetDmaAdapterInfo;
    PVOID GetDmaTransferInfo;
    PVOID InitializeDmaTransferContext;
    PVOID AllocateCommonBufferEx;
    PVOID AllocateAdapterChannelEx;
    PVOID ConfigureAdapterChannel;
    PVOID CancelAdapterChannel;
    PVOID MapTransferEx;
    PVOID GetScatterGatherListEx;
    PVOID BuildScatterGatherListEx;
    PVOID FlushAdapterBuffersEx;
    PVOID FreeAdapterObject;
    PVOID CancelMappedTransfer;
    PVOID AllocateDomainCommonBuffer;
    PVOID FlushDmaBuffer;
    PVOID JoinDmaDomain;
    PVOID LeaveDmaDomain;
    PVOID GetDmaDomain;
    PVOID AllocateCommonBufferWithBounds;
} DMA_OPERATIONS, *PDMA_OPERATIONS;

C_ASSERT(sizeof(DEVICE_DESCRIPTION) == 64);
C_ASSERT(FIELD_OFFSET(DEVICE_DESCRIPTION, MaximumLength) == 32);
C_ASSERT(FIELD_OFFSET(DEVICE_DESCRIPTION, DeviceAddress) == 56);
C_ASSERT(FIELD_OFFSET(DMA_OPERATIONS, PutScatterGatherList) == 96);
C_ASSERT(FIELD_OFFSET(DMA_OPERATIONS, BuildMdlFromScatterGatherList) == 120);
C_ASSERT(FIELD_OFFSET(DMA_OPERATIONS, AllocateCommonBufferWithBounds) == 272);

NTKERNELAPI PDMA_ADAPTER NTAPI IoGetDmaAdapter(PDEVICE_OBJECT PhysicalDeviceObject,
                                               PDEVICE_DESCRIPTION DeviceDescription,
                                               PULONG NumberOfMapRegisters);
#endif

#endif
