/*
 * wdftimer.h - framework timer objects: WDF_TIMER_CONFIG and the WdfTimer* routines.
 */
#ifndef _WDFTIMER_H_
#define _WDFTIMER_H_

/* WDF_TIMER_CONFIG.TolerableDelay: the system is not woken for this timer. */
#define TolerableDelayUnlimited ((ULONG)-1)

typedef VOID EVT_WDF_TIMER(WDFTIMER Timer);
typedef EVT_WDF_TIMER *PFN_WDF_TIMER;

typedef struct _WDF_TIMER_CONFIG {
    ULONG Size;
    PFN_WDF_TIMER EvtTimerFunc;
    ULONG Period; /* milliseconds; 0: once */
    BOOLEAN AutomaticSerialization;
    ULONG TolerableDelay;
    WDF_TRI_STATE UseHighResolutionTimer;
} WDF_TIMER_CONFIG, *PWDF_TIMER_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_TIMER_CONFIG, Period) == 16);
C_ASSERT(sizeof(WDF_TIMER_CONFIG) == 32);

FORCEINLINE VOID WDF_TIMER_CONFIG_INIT(PWDF_TIMER_CONFIG Config, PFN_WDF_TIMER EvtTimerFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_TIMER_CONFIG));
    Config->Size = sizeof(WDF_TIMER_CONFIG);
    Config->EvtTimerFunc = EvtTimerFunc;
    Config->Period = 0;
    Config->AutomaticSerialization = TRUE;
    Config->TolerableDelay = 0;
}

FORCEINLINE VOID WDF_TIMER_CONFIG_INIT_PERIODIC(PWDF_TIMER_CONFIG Config,
                                                PFN_WDF_TIMER EvtTimerFunc, LONG Period)
{
    RtlZeroMemory(Config, sizeof(WDF_TIMER_CONFIG));
    Config->Size = sizeof(WDF_TIMER_CONFIG);
    Config->EvtTimerFunc = EvtTimerFunc;
    Config->Period = (ULONG)Period;
    Config->AutomaticSerialization = TRUE;
    Config->TolerableDelay = 0;
}

typedef NTSTATUS (*PFN_WDFTIMERCREATE)(PWDF_DRIVER_GLOBALS, PWDF_TIMER_CONFIG,
                                       PWDF_OBJECT_ATTRIBUTES, WDFTIMER *);
FORCEINLINE NTSTATUS WdfTimerCreate(PWDF_TIMER_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes,
                                    WDFTIMER *Timer)
{
    return ((PFN_WDFTIMERCREATE)WdfFunctions[WdfTimerCreateTableIndex])(WdfDriverGlobals, Config,
                                                                        Attributes, Timer);
}

typedef BOOLEAN (*PFN_WDFTIMERSTART)(PWDF_DRIVER_GLOBALS, WDFTIMER, LONGLONG);
FORCEINLINE BOOLEAN WdfTimerStart(WDFTIMER Timer, LONGLONG DueTime)
{
    return ((PFN_WDFTIMERSTART)WdfFunctions[WdfTimerStartTableIndex])(WdfDriverGlobals, Timer,
                                                                      DueTime);
}

typedef BOOLEAN (*PFN_WDFTIMERSTOP)(PWDF_DRIVER_GLOBALS, WDFTIMER, BOOLEAN);
FORCEINLINE BOOLEAN WdfTimerStop(WDFTIMER Timer, BOOLEAN Wait)
{
    return ((PFN_WDFTIMERSTOP)WdfFunctions[WdfTimerStopTableIndex])(WdfDriverGlobals, Timer, Wait);
}

typedef WDFOBJECT (*PFN_WDFTIMERGETPARENTOBJECT)(PWDF_DRIVER_GLOBALS, WDFTIMER);
FORCEINLINE WDFOBJECT WdfTimerGetParentObject(WDFTIMER Timer)
{
    return ((PFN_WDFTIMERGETPARENTOBJECT)WdfFunctions[WdfTimerGetParentObjectTableIndex])(
        WdfDriverGlobals, Timer);
}

#endif
