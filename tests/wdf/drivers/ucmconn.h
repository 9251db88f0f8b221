/*
 * ucmconn.h - what test_wdf_ucm.c and its Type-C connector driver (ucmconn.c) share: the
 * driver's IOCTLs (each makes it call one UcmCx routine) and its observations.
 */
#ifndef UCMCONN_H
#define UCMCONN_H

#define UCMCONN_HWID "DRVHOST\\UCMCONN"
/* Connector 1: dual-role (DRP), PD with both power roles, both role callbacks. Connector 2: a
 * UFP without PD and without callbacks. */
#define UCMCONN_DRP 1
#define UCMCONN_UFP 2

/* METHOD_BUFFERED, FILE_ANY_ACCESS, device type 0x8000 (a vendor's) */
#define UCMCONN_CODE(n)     (((0x8000u) << 16) | ((0x800u + (n)) << 2))
#define IOCTL_UCMCONN_STATS UCMCONN_CODE(0) /* out: UCMCONN_STATS */
#define IOCTL_UCMCONN_CALL                                                                         \
    UCMCONN_CODE(1) /* in: UCMCONN_CALL, out: LONG (the routine's status)                          \
                     */

enum ucmconn_op {
    UCMCONN_ATTACH = 1,   /* UcmConnectorTypeCAttach(A partner, B current, C charging) */
    UCMCONN_DETACH,       /* UcmConnectorTypeCDetach */
    UCMCONN_CURRENT_AD,   /* UcmConnectorTypeCCurrentAdChanged(A) */
    UCMCONN_SOURCE_CAPS,  /* UcmConnectorPdSourceCaps(Pdos, Count) */
    UCMCONN_PARTNER_CAPS, /* UcmConnectorPdPartnerSourceCaps(Pdos, Count) */
    UCMCONN_PD_STATE,     /* UcmConnectorPdConnectionStateChanged(A state, B RDO, C charging) */
    UCMCONN_CHARGING,     /* UcmConnectorChargingStateChanged(A) */
    UCMCONN_DATA_DIR,     /* UcmConnectorDataDirectionChanged(A success, B role) */
    UCMCONN_POWER_DIR,    /* UcmConnectorPowerDirectionChanged(A success, B role) */
    UCMCONN_DELETE,       /* WdfObjectDelete of the connector */
    UCMCONN_CREATE,       /* UcmConnectorCreate of a UFP connector, ID A (kept as connector 2) */
    UCMCONN_REFUSE,       /* A != 0: the role callbacks report failed swaps (Success FALSE) */
    UCMCONN_NULL_PARAMS,  /* UcmConnectorTypeCAttach with Params NULL */
};

typedef struct _UCMCONN_CALL {
    ULONG Op;
    ULONG Connector; /* UCMCONN_DRP or UCMCONN_UFP */
    ULONG A, B, C;
    ULONG Size; /* ATTACH and PD_STATE: the params' Size when not 0 */
    ULONG Count;
    ULONG Pdos[8];
} UCMCONN_CALL;

typedef struct _UCMCONN_STATS {
    /* UcmConnectorCreate before UcmInitializeDevice; UcmInitializeDevice with a wrong Size,
     * right, again */
    LONG EarlyCreateStatus;
    LONG InitStatus[3];
    /* UcmConnectorCreate: connector 1, 2, then refused ones: ID 1 again, config Size, Type-C
     * config Size, PD config Size, DRP without EvtSetDataRole, no Type-C config, a parent
     * other than the device */
    LONG CreateStatus[9];
    ULONG DataRoleCalls, PowerRoleCalls; /* the callbacks' calls */
    ULONG LastDataRole, LastPowerRole;   /* the roles they were asked for */
    LONG LastReportStatus;               /* the callbacks' Direction Changed report */
    ULONG Mismatches;                    /* a callback's connector not the one created */
} UCMCONN_STATS;

#endif
