/*
 * wdfdmatransaction.h - DMA transactions: one transfer of a request's or an MDL's buffer
 * through a DMA enabler, the driver's EvtProgramDma and the WdfDmaTransaction* routines.
 * drvhost's behaviour (no device does the transfer): docs/wdf.md, "DMA".
 */
#ifndef _WDFDMATRANSACTION_H_
#define _WDFDMATRANSACTION_H_

typedef BOOLEAN EVT_WDF_PROGRAM_DMA(WDFDMATRANSACTION Transaction, WDFDEVICE Device,
                                    WDFCONTEXT Context, WDF_DMA_DIRECTION Direction,
                                    PSCATTER_GATHER_LIST SgList);
typedef EVT_WDF_PROGRAM_DMA *PFN_WDF_PROGRAM_DMA;

typedef VOID EVT_WDF_RESERVE_DMA(WDFDMATRANSACTION DmaTransaction, PVOID Context);
typedef EVT_WDF_RESERVE_DMA *PFN_WDF_RESERVE_DMA;

typedef BOOLEAN EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL(WDFDMATRANSACTION DmaTransaction,
                                                              WDFDEVICE Device, PVOID Context,
                                                              PMDL Mdl, size_t Offset,
                                                              size_t Length);
typedef EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL
    *PFN_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL;

typedef VOID EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE(WDFDMATRANSACTION Transaction,
                                                           WDFDEVICE Device, WDFCONTEXT Context,
                                                           WDF_DMA_DIRECTION Direction,
                                                           DMA_COMPLETION_STATUS Status);
typedef EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE
    *PFN_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE;

typedef NTSTATUS (*PFN_WDFDMATRANSACTIONCREATE)(PWDF_DRIVER_GLOBALS, WDFDMAENABLER,
                                                PWDF_OBJECT_ATTRIBUTES, WDFDMATRANSACTION *);
FORCEINLINE NTSTATUS WdfDmaTransactionCreate(WDFDMAENABLER DmaEnabler,
                                             PWDF_OBJECT_ATTRIBUTES Attributes,
                                             WDFDMATRANSACTION *DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONCREATE)WdfFunctions[WdfDmaTransactionCreateTableIndex])(
        WdfDriverGlobals, DmaEnabler, Attributes, DmaTransaction);
}

typedef NTSTATUS (*PFN_WDFDMATRANSACTIONINITIALIZE)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                    PFN_WDF_PROGRAM_DMA, WDF_DMA_DIRECTION, PMDL,
                                                    PVOID, size_t);
FORCEINLINE NTSTATUS WdfDmaTransactionInitialize(WDFDMATRANSACTION DmaTransaction,
                                                 PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
                                                 WDF_DMA_DIRECTION DmaDirection, PMDL Mdl,
                                                 PVOID VirtualAddress, size_t Length)
{
    return ((PFN_WDFDMATRANSACTIONINITIALIZE)WdfFunctions[WdfDmaTransactionInitializeTableIndex])(
        WdfDriverGlobals, DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, VirtualAddress,
        Length);
}

typedef NTSTATUS (*PFN_WDFDMATRANSACTIONINITIALIZEUSINGREQUEST)(PWDF_DRIVER_GLOBALS,
                                                                WDFDMATRANSACTION, WDFREQUEST,
                                                                PFN_WDF_PROGRAM_DMA,
                                                                WDF_DMA_DIRECTION);
FORCEINLINE NTSTATUS WdfDmaTransactionInitializeUsingRequest(
    WDFDMATRANSACTION DmaTransaction, WDFREQUEST Request, PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
    WDF_DMA_DIRECTION DmaDirection)
{
    return ((PFN_WDFDMATRANSACTIONINITIALIZEUSINGREQUEST)
                WdfFunctions[WdfDmaTransactionInitializeUsingRequestTableIndex])(
        WdfDriverGlobals, DmaTransaction, Request, EvtProgramDmaFunction, DmaDirection);
}

typedef NTSTATUS (*PFN_WDFDMATRANSACTIONEXECUTE)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                 WDFCONTEXT);
FORCEINLINE NTSTATUS WdfDmaTransactionExecute(WDFDMATRANSACTION DmaTransaction, WDFCONTEXT Context)
{
    return ((PFN_WDFDMATRANSACTIONEXECUTE)WdfFunctions[WdfDmaTransactionExecuteTableIndex])(
        WdfDriverGlobals, DmaTransaction, Context);
}

typedef NTSTATUS (*PFN_WDFDMATRANSACTIONRELEASE)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE NTSTATUS WdfDmaTransactionRelease(WDFDMATRANSACTION DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONRELEASE)WdfFunctions[WdfDmaTransactionReleaseTableIndex])(
        WdfDriverGlobals, DmaTransaction);
}

typedef BOOLEAN (*PFN_WDFDMATRANSACTIONDMACOMPLETED)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                     NTSTATUS *);
FORCEINLINE BOOLEAN WdfDmaTransactionDmaCompleted(WDFDMATRANSACTION DmaTransaction,
                                                  NTSTATUS *Status)
{
    return (
        (PFN_WDFDMATRANSACTIONDMACOMPLETED)WdfFunctions[WdfDmaTransactionDmaCompletedTableIndex])(
        WdfDriverGlobals, DmaTransaction, Status);
}

typedef BOOLEAN (*PFN_WDFDMATRANSACTIONDMACOMPLETEDWITHLENGTH)(PWDF_DRIVER_GLOBALS,
                                                               WDFDMATRANSACTION, size_t,
                                                               NTSTATUS *);
FORCEINLINE BOOLEAN WdfDmaTransactionDmaCompletedWithLength(WDFDMATRANSACTION DmaTransaction,
                                                            size_t TransferredLength,
                                                            NTSTATUS *Status)
{
    return ((PFN_WDFDMATRANSACTIONDMACOMPLETEDWITHLENGTH)
                WdfFunctions[WdfDmaTransactionDmaCompletedWithLengthTableIndex])(
        WdfDriverGlobals, DmaTransaction, TransferredLength, Status);
}

typedef BOOLEAN (*PFN_WDFDMATRANSACTIONDMACOMPLETEDFINAL)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                          size_t, NTSTATUS *);
FORCEINLINE BOOLEAN WdfDmaTransactionDmaCompletedFinal(WDFDMATRANSACTION DmaTransaction,
                                                       size_t FinalTransferredLength,
                                                       NTSTATUS *Status)
{
    return ((PFN_WDFDMATRANSACTIONDMACOMPLETEDFINAL)
                WdfFunctions[WdfDmaTransactionDmaCompletedFinalTableIndex])(
        WdfDriverGlobals, DmaTransaction, FinalTransferredLength, Status);
}

typedef size_t (*PFN_WDFDMATRANSACTIONGETBYTESTRANSFERRED)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE size_t WdfDmaTransactionGetBytesTransferred(WDFDMATRANSACTION DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONGETBYTESTRANSFERRED)
                WdfFunctions[WdfDmaTransactionGetBytesTransferredTableIndex])(WdfDriverGlobals,
                                                                              DmaTransaction);
}

typedef VOID (*PFN_WDFDMATRANSACTIONSETMAXIMUMLENGTH)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                      size_t);
FORCEINLINE VOID WdfDmaTransactionSetMaximumLength(WDFDMATRANSACTION DmaTransaction,
                                                   size_t MaximumLength)
{
    ((PFN_WDFDMATRANSACTIONSETMAXIMUMLENGTH)
         WdfFunctions[WdfDmaTransactionSetMaximumLengthTableIndex])(WdfDriverGlobals,
                                                                    DmaTransaction, MaximumLength);
}

typedef WDFREQUEST (*PFN_WDFDMATRANSACTIONGETREQUEST)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE WDFREQUEST WdfDmaTransactionGetRequest(WDFDMATRANSACTION DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONGETREQUEST)WdfFunctions[WdfDmaTransactionGetRequestTableIndex])(
        WdfDriverGlobals, DmaTransaction);
}

typedef size_t (*PFN_WDFDMATRANSACTIONGETCURRENTDMATRANSFERLENGTH)(PWDF_DRIVER_GLOBALS,
                                                                   WDFDMATRANSACTION);
FORCEINLINE size_t WdfDmaTransactionGetCurrentDmaTransferLength(WDFDMATRANSACTION DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONGETCURRENTDMATRANSFERLENGTH)
                WdfFunctions[WdfDmaTransactionGetCurrentDmaTransferLengthTableIndex])(
        WdfDriverGlobals, DmaTransaction);
}

typedef WDFDEVICE (*PFN_WDFDMATRANSACTIONGETDEVICE)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE WDFDEVICE WdfDmaTransactionGetDevice(WDFDMATRANSACTION DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONGETDEVICE)WdfFunctions[WdfDmaTransactionGetDeviceTableIndex])(
        WdfDriverGlobals, DmaTransaction);
}

#if KMDF_VERSION_MINOR >= 11
typedef NTSTATUS (*PFN_WDFDMATRANSACTIONINITIALIZEUSINGOFFSET)(PWDF_DRIVER_GLOBALS,
                                                               WDFDMATRANSACTION,
                                                               PFN_WDF_PROGRAM_DMA,
                                                               WDF_DMA_DIRECTION, PMDL, size_t,
                                                               size_t);
FORCEINLINE NTSTATUS WdfDmaTransactionInitializeUsingOffset(
    WDFDMATRANSACTION DmaTransaction, PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
    WDF_DMA_DIRECTION DmaDirection, PMDL Mdl, size_t Offset, size_t Length)
{
    return ((PFN_WDFDMATRANSACTIONINITIALIZEUSINGOFFSET)
                WdfFunctions[WdfDmaTransactionInitializeUsingOffsetTableIndex])(
        WdfDriverGlobals, DmaTransaction, EvtProgramDmaFunction, DmaDirection, Mdl, Offset, Length);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFDMATRANSACTIONGETTRANSFERINFO)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                     ULONG *, ULONG *);
FORCEINLINE VOID WdfDmaTransactionGetTransferInfo(WDFDMATRANSACTION DmaTransaction,
                                                  ULONG *MapRegisterCount,
                                                  ULONG *ScatterGatherElementCount)
{
    ((PFN_WDFDMATRANSACTIONGETTRANSFERINFO)
         WdfFunctions[WdfDmaTransactionGetTransferInfoTableIndex])(
        WdfDriverGlobals, DmaTransaction, MapRegisterCount, ScatterGatherElementCount);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFDMATRANSACTIONSETCHANNELCONFIGURATIONCALLBACK)(
    PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION, PFN_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL, PVOID);
FORCEINLINE VOID WdfDmaTransactionSetChannelConfigurationCallback(
    WDFDMATRANSACTION DmaTransaction,
    PFN_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL ConfigureRoutine, PVOID ConfigureContext)
{
    ((PFN_WDFDMATRANSACTIONSETCHANNELCONFIGURATIONCALLBACK)
         WdfFunctions[WdfDmaTransactionSetChannelConfigurationCallbackTableIndex])(
        WdfDriverGlobals, DmaTransaction, ConfigureRoutine, ConfigureContext);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFDMATRANSACTIONSETTRANSFERCOMPLETECALLBACK)(
    PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION, PFN_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE, PVOID);
FORCEINLINE VOID WdfDmaTransactionSetTransferCompleteCallback(
    WDFDMATRANSACTION DmaTransaction,
    PFN_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE DmaCompletionRoutine, PVOID DmaCompletionContext)
{
    ((PFN_WDFDMATRANSACTIONSETTRANSFERCOMPLETECALLBACK)
         WdfFunctions[WdfDmaTransactionSetTransferCompleteCallbackTableIndex])(
        WdfDriverGlobals, DmaTransaction, DmaCompletionRoutine, DmaCompletionContext);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFDMATRANSACTIONSETIMMEDIATEEXECUTION)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                           BOOLEAN);
FORCEINLINE VOID WdfDmaTransactionSetImmediateExecution(WDFDMATRANSACTION DmaTransaction,
                                                        BOOLEAN UseImmediateExecution)
{
    ((PFN_WDFDMATRANSACTIONSETIMMEDIATEEXECUTION)
         WdfFunctions[WdfDmaTransactionSetImmediateExecutionTableIndex])(
        WdfDriverGlobals, DmaTransaction, UseImmediateExecution);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef NTSTATUS (*PFN_WDFDMATRANSACTIONALLOCATERESOURCES)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                           WDF_DMA_DIRECTION, ULONG,
                                                           PFN_WDF_RESERVE_DMA, PVOID);
FORCEINLINE NTSTATUS WdfDmaTransactionAllocateResources(WDFDMATRANSACTION DmaTransaction,
                                                        WDF_DMA_DIRECTION DmaDirection,
                                                        ULONG RequiredMapRegisters,
                                                        PFN_WDF_RESERVE_DMA EvtReserveDmaFunction,
                                                        PVOID EvtReserveDmaContext)
{
    return ((PFN_WDFDMATRANSACTIONALLOCATERESOURCES)
                WdfFunctions[WdfDmaTransactionAllocateResourcesTableIndex])(
        WdfDriverGlobals, DmaTransaction, DmaDirection, RequiredMapRegisters, EvtReserveDmaFunction,
        EvtReserveDmaContext);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFDMATRANSACTIONSETDEVICEADDRESSOFFSET)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION,
                                                            ULONG);
FORCEINLINE VOID WdfDmaTransactionSetDeviceAddressOffset(WDFDMATRANSACTION DmaTransaction,
                                                         ULONG Offset)
{
    ((PFN_WDFDMATRANSACTIONSETDEVICEADDRESSOFFSET)
         WdfFunctions[WdfDmaTransactionSetDeviceAddressOffsetTableIndex])(WdfDriverGlobals,
                                                                          DmaTransaction, Offset);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFDMATRANSACTIONFREERESOURCES)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE VOID WdfDmaTransactionFreeResources(WDFDMATRANSACTION DmaTransaction)
{
    ((PFN_WDFDMATRANSACTIONFREERESOURCES)WdfFunctions[WdfDmaTransactionFreeResourcesTableIndex])(
        WdfDriverGlobals, DmaTransaction);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef BOOLEAN (*PFN_WDFDMATRANSACTIONCANCEL)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE BOOLEAN WdfDmaTransactionCancel(WDFDMATRANSACTION DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONCANCEL)WdfFunctions[WdfDmaTransactionCancelTableIndex])(
        WdfDriverGlobals, DmaTransaction);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef PVOID (*PFN_WDFDMATRANSACTIONWDMGETTRANSFERCONTEXT)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE PVOID WdfDmaTransactionWdmGetTransferContext(WDFDMATRANSACTION DmaTransaction)
{
    return ((PFN_WDFDMATRANSACTIONWDMGETTRANSFERCONTEXT)
                WdfFunctions[WdfDmaTransactionWdmGetTransferContextTableIndex])(WdfDriverGlobals,
                                                                                DmaTransaction);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFDMATRANSACTIONSTOPSYSTEMTRANSFER)(PWDF_DRIVER_GLOBALS, WDFDMATRANSACTION);
FORCEINLINE VOID WdfDmaTransactionStopSystemTransfer(WDFDMATRANSACTION DmaTransaction)
{
    ((PFN_WDFDMATRANSACTIONSTOPSYSTEMTRANSFER)
         WdfFunctions[WdfDmaTransactionStopSystemTransferTableIndex])(WdfDriverGlobals,
                                                                      DmaTransaction);
}
#endif

#if KMDF_VERSION_MINOR >= 19
typedef VOID (*PFN_WDFDMATRANSACTIONSETSINGLETRANSFERREQUIREMENT)(PWDF_DRIVER_GLOBALS,
                                                                  WDFDMATRANSACTION, BOOLEAN);
FORCEINLINE VOID WdfDmaTransactionSetSingleTransferRequirement(WDFDMATRANSACTION DmaTransaction,
                                                               BOOLEAN RequireSingleTransfer)
{
    ((PFN_WDFDMATRANSACTIONSETSINGLETRANSFERREQUIREMENT)
         WdfFunctions[WdfDmaTransactionSetSingleTransferRequirementTableIndex])(
        WdfDriverGlobals, DmaTransaction, RequireSingleTransfer);
}
#endif

#endif
