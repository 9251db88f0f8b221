/*
 * wdfinterrupt.h - framework interrupt objects: WDF_INTERRUPT_CONFIG, WDF_INTERRUPT_INFO, the
 * policies and priorities, and the WdfInterrupt* routines. What an interrupt is in drvhost:
 * docs/interrupts.md.
 */
#ifndef _WDFINTERRUPT_H_
#define _WDFINTERRUPT_H_

typedef enum _WDF_INTERRUPT_POLARITY {
    WdfInterruptPolarityUnknown = 0,
    WdfInterruptActiveHigh,
    WdfInterruptActiveLow,
} WDF_INTERRUPT_POLARITY, *PWDF_INTERRUPT_POLARITY;

typedef enum _WDF_INTERRUPT_POLICY {
    WdfIrqPolicyMachineDefault = 0,
    WdfIrqPolicyAllCloseProcessors,
    WdfIrqPolicyOneCloseProcessor,
    WdfIrqPolicyAllProcessorsInMachine,
    WdfIrqPolicySpecifiedProcessors,
    WdfIrqPolicySpreadMessagesAcrossAllProcessors,
} WDF_INTERRUPT_POLICY, *PWDF_INTERRUPT_POLICY;

typedef enum _WDF_INTERRUPT_PRIORITY {
    WdfIrqPriorityUndefined = 0,
    WdfIrqPriorityLow,
    WdfIrqPriorityNormal,
    WdfIrqPriorityHigh,
} WDF_INTERRUPT_PRIORITY, *PWDF_INTERRUPT_PRIORITY;

typedef BOOLEAN EVT_WDF_INTERRUPT_ISR(WDFINTERRUPT Interrupt, ULONG MessageID);
typedef EVT_WDF_INTERRUPT_ISR *PFN_WDF_INTERRUPT_ISR;
typedef BOOLEAN EVT_WDF_INTERRUPT_SYNCHRONIZE(WDFINTERRUPT Interrupt, WDFCONTEXT Context);
typedef EVT_WDF_INTERRUPT_SYNCHRONIZE *PFN_WDF_INTERRUPT_SYNCHRONIZE;
typedef VOID EVT_WDF_INTERRUPT_DPC(WDFINTERRUPT Interrupt, WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_DPC *PFN_WDF_INTERRUPT_DPC;
typedef VOID EVT_WDF_INTERRUPT_WORKITEM(WDFINTERRUPT Interrupt, WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_WORKITEM *PFN_WDF_INTERRUPT_WORKITEM;
typedef NTSTATUS EVT_WDF_INTERRUPT_ENABLE(WDFINTERRUPT Interrupt, WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_ENABLE *PFN_WDF_INTERRUPT_ENABLE;
typedef NTSTATUS EVT_WDF_INTERRUPT_DISABLE(WDFINTERRUPT Interrupt, WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_DISABLE *PFN_WDF_INTERRUPT_DISABLE;

typedef struct _WDF_INTERRUPT_CONFIG {
    ULONG Size;
    WDFSPINLOCK SpinLock;
    WDF_TRI_STATE ShareVector;
    BOOLEAN FloatingSave;
    BOOLEAN AutomaticSerialization;
    PFN_WDF_INTERRUPT_ISR EvtInterruptIsr;
    PFN_WDF_INTERRUPT_DPC EvtInterruptDpc;
    PFN_WDF_INTERRUPT_ENABLE EvtInterruptEnable;
    PFN_WDF_INTERRUPT_DISABLE EvtInterruptDisable;
#if KMDF_VERSION_MINOR >= 11
    PFN_WDF_INTERRUPT_WORKITEM EvtInterruptWorkItem;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR InterruptRaw;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR InterruptTranslated;
    WDFWAITLOCK WaitLock;
    BOOLEAN PassiveHandling;
    WDF_TRI_STATE ReportInactiveOnPowerDown;
#endif
#if KMDF_VERSION_MINOR >= 13
    BOOLEAN CanWakeDevice;
#endif
} WDF_INTERRUPT_CONFIG, *PWDF_INTERRUPT_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_INTERRUPT_CONFIG, EvtInterruptIsr) == 24);
C_ASSERT(sizeof(WDF_INTERRUPT_CONFIG) == (KMDF_VERSION_MINOR >= 13   ? 104
                                          : KMDF_VERSION_MINOR >= 11 ? 96
                                                                     : 56));

FORCEINLINE VOID WDF_INTERRUPT_CONFIG_INIT(PWDF_INTERRUPT_CONFIG Configuration,
                                           PFN_WDF_INTERRUPT_ISR EvtInterruptIsr,
                                           PFN_WDF_INTERRUPT_DPC EvtInterruptDpc)
{
    RtlZeroMemory(Configuration, sizeof(WDF_INTERRUPT_CONFIG));
    Configuration->Size = sizeof(WDF_INTERRUPT_CONFIG);
    Configuration->ShareVector = WdfUseDefault;
    Configuration->EvtInterruptIsr = EvtInterruptIsr;
    Configuration->EvtInterruptDpc = EvtInterruptDpc;
#if KMDF_VERSION_MINOR >= 11
    Configuration->ReportInactiveOnPowerDown = WdfUseDefault;
#endif
}

typedef struct _WDF_INTERRUPT_INFO {
    ULONG Size;
    ULONG64 Reserved1;
    KAFFINITY TargetProcessorSet;
    ULONG Reserved2;
    ULONG MessageNumber;
    ULONG Vector;
    KIRQL Irql;
    KINTERRUPT_MODE Mode;
    WDF_INTERRUPT_POLARITY Polarity;
    BOOLEAN MessageSignaled;
    UCHAR ShareDisposition;
    DECLSPEC_ALIGN(8) USHORT Group;
} WDF_INTERRUPT_INFO, *PWDF_INTERRUPT_INFO;

FORCEINLINE VOID WDF_INTERRUPT_INFO_INIT(PWDF_INTERRUPT_INFO Info)
{
    RtlZeroMemory(Info, sizeof(WDF_INTERRUPT_INFO));
    Info->Size = sizeof(WDF_INTERRUPT_INFO);
}

typedef struct _WDF_INTERRUPT_EXTENDED_POLICY {
    ULONG Size;
    WDF_INTERRUPT_POLICY Policy;
    WDF_INTERRUPT_PRIORITY Priority;
    GROUP_AFFINITY TargetProcessorSetAndGroup;
} WDF_INTERRUPT_EXTENDED_POLICY, *PWDF_INTERRUPT_EXTENDED_POLICY;

FORCEINLINE VOID WDF_INTERRUPT_EXTENDED_POLICY_INIT(PWDF_INTERRUPT_EXTENDED_POLICY ExtendedPolicy)
{
    RtlZeroMemory(ExtendedPolicy, sizeof(WDF_INTERRUPT_EXTENDED_POLICY));
    ExtendedPolicy->Size = sizeof(WDF_INTERRUPT_EXTENDED_POLICY);
    ExtendedPolicy->Policy = WdfIrqPolicyMachineDefault;
    ExtendedPolicy->Priority = WdfIrqPriorityUndefined;
}

/* The table entry `name` called through its PFN_ type `pfn`. */
#define WDF_INTERRUPT_CALL(pfn, name, ...)                                                         \
    ((pfn)WdfFunctions[name##TableIndex])(WdfDriverGlobals, ##__VA_ARGS__)

typedef NTSTATUS (*PFN_WDFINTERRUPTCREATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_INTERRUPT_CONFIG,
                                           PWDF_OBJECT_ATTRIBUTES, WDFINTERRUPT *);
FORCEINLINE NTSTATUS WdfInterruptCreate(WDFDEVICE Device, PWDF_INTERRUPT_CONFIG Configuration,
                                        PWDF_OBJECT_ATTRIBUTES Attributes, WDFINTERRUPT *Interrupt)
{
    return WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTCREATE, WdfInterruptCreate, Device, Configuration,
                              Attributes, Interrupt);
}

typedef BOOLEAN (*PFN_WDFINTERRUPTQUEUEDPCFORISR)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE BOOLEAN WdfInterruptQueueDpcForIsr(WDFINTERRUPT Interrupt)
{
    return WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTQUEUEDPCFORISR, WdfInterruptQueueDpcForIsr,
                              Interrupt);
}

typedef BOOLEAN (*PFN_WDFINTERRUPTQUEUEWORKITEMFORISR)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE BOOLEAN WdfInterruptQueueWorkItemForIsr(WDFINTERRUPT Interrupt)
{
    return WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTQUEUEWORKITEMFORISR, WdfInterruptQueueWorkItemForIsr,
                              Interrupt);
}

typedef BOOLEAN (*PFN_WDFINTERRUPTSYNCHRONIZE)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT,
                                               PFN_WDF_INTERRUPT_SYNCHRONIZE, WDFCONTEXT);
FORCEINLINE BOOLEAN WdfInterruptSynchronize(WDFINTERRUPT Interrupt,
                                            PFN_WDF_INTERRUPT_SYNCHRONIZE Callback,
                                            WDFCONTEXT Context)
{
    return WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTSYNCHRONIZE, WdfInterruptSynchronize, Interrupt,
                              Callback, Context);
}

typedef VOID (*PFN_WDFINTERRUPTACQUIRELOCK)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE VOID WdfInterruptAcquireLock(WDFINTERRUPT Interrupt)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTACQUIRELOCK, WdfInterruptAcquireLock, Interrupt);
}

typedef VOID (*PFN_WDFINTERRUPTRELEASELOCK)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE VOID WdfInterruptReleaseLock(WDFINTERRUPT Interrupt)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTRELEASELOCK, WdfInterruptReleaseLock, Interrupt);
}

typedef BOOLEAN (*PFN_WDFINTERRUPTTRYTOACQUIRELOCK)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE BOOLEAN WdfInterruptTryToAcquireLock(WDFINTERRUPT Interrupt)
{
    return WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTTRYTOACQUIRELOCK, WdfInterruptTryToAcquireLock,
                              Interrupt);
}

typedef VOID (*PFN_WDFINTERRUPTENABLE)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE VOID WdfInterruptEnable(WDFINTERRUPT Interrupt)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTENABLE, WdfInterruptEnable, Interrupt);
}

typedef VOID (*PFN_WDFINTERRUPTDISABLE)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE VOID WdfInterruptDisable(WDFINTERRUPT Interrupt)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTDISABLE, WdfInterruptDisable, Interrupt);
}

typedef PKINTERRUPT (*PFN_WDFINTERRUPTWDMGETINTERRUPT)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE PKINTERRUPT WdfInterruptWdmGetInterrupt(WDFINTERRUPT Interrupt)
{
    return WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTWDMGETINTERRUPT, WdfInterruptWdmGetInterrupt,
                              Interrupt);
}

typedef VOID (*PFN_WDFINTERRUPTGETINFO)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT, PWDF_INTERRUPT_INFO);
FORCEINLINE VOID WdfInterruptGetInfo(WDFINTERRUPT Interrupt, PWDF_INTERRUPT_INFO Info)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTGETINFO, WdfInterruptGetInfo, Interrupt, Info);
}

typedef VOID (*PFN_WDFINTERRUPTSETPOLICY)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT, WDF_INTERRUPT_POLICY,
                                          WDF_INTERRUPT_PRIORITY, KAFFINITY);
FORCEINLINE VOID WdfInterruptSetPolicy(WDFINTERRUPT Interrupt, WDF_INTERRUPT_POLICY Policy,
                                       WDF_INTERRUPT_PRIORITY Priority,
                                       KAFFINITY TargetProcessorSet)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTSETPOLICY, WdfInterruptSetPolicy, Interrupt, Policy,
                       Priority, TargetProcessorSet);
}

typedef VOID (*PFN_WDFINTERRUPTSETEXTENDEDPOLICY)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT,
                                                  PWDF_INTERRUPT_EXTENDED_POLICY);
FORCEINLINE VOID WdfInterruptSetExtendedPolicy(WDFINTERRUPT Interrupt,
                                               PWDF_INTERRUPT_EXTENDED_POLICY PolicyAndGroup)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTSETEXTENDEDPOLICY, WdfInterruptSetExtendedPolicy, Interrupt,
                       PolicyAndGroup);
}

typedef WDFDEVICE (*PFN_WDFINTERRUPTGETDEVICE)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE WDFDEVICE WdfInterruptGetDevice(WDFINTERRUPT Interrupt)
{
    return WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTGETDEVICE, WdfInterruptGetDevice, Interrupt);
}

typedef VOID (*PFN_WDFINTERRUPTREPORTACTIVE)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE VOID WdfInterruptReportActive(WDFINTERRUPT Interrupt)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTREPORTACTIVE, WdfInterruptReportActive, Interrupt);
}

typedef VOID (*PFN_WDFINTERRUPTREPORTINACTIVE)(PWDF_DRIVER_GLOBALS, WDFINTERRUPT);
FORCEINLINE VOID WdfInterruptReportInactive(WDFINTERRUPT Interrupt)
{
    WDF_INTERRUPT_CALL(PFN_WDFINTERRUPTREPORTINACTIVE, WdfInterruptReportInactive, Interrupt);
}

#endif
