/*
 * wmidata.h - the WMI data blocks of Windows' in-box drivers that other drivers implement or
 * consume: each block's GUID (DEFINE_GUID, and the brace-initialiser macro a GUIDREGINFO table
 * uses), its data layout and the values of its enumerated fields (Microsoft's names and values).
 *
 * drvhost subset: the serial port blocks (MSSerial_*: serial.sys and its samples) and the storage
 * failure-prediction blocks (MSStorageDriver_FailurePredict*, ScsiInfoExceptions: classpnp and
 * disk). The WDK's header holds several hundred more blocks (NDIS, SMBIOS, MCA, keyboard, mouse,
 * parallel port, ...): they are absent, so a driver using one fails to compile naming it. Left out
 * on purpose: MSStorageDriver_FailurePredictThresholds (its GUID value could not be checked
 * against a reference, and a wrong GUID would silently mis-route WMI queries).
 *
 * The layouts are the WMI data blocks' natural alignment (no packing pragma), as WMI marshals
 * them; tests/headers/wmi_layout.c pins their x64 sizes and offsets.
 */
#ifndef _WMIDATA_H_
#define _WMIDATA_H_

#include <ntdef.h>
#include <guiddef.h>

/* ---- Serial ports ------------------------------------------------------------------------- */

/* MSSerial_PortName: the port's name (COMn), a counted WCHAR string. */
#define SERIAL_PORT_WMI_NAME_GUID                                                                  \
    {                                                                                              \
        0xa0ec11a8, 0xb16c, 0x11d1,                                                                \
        {                                                                                          \
            0xbd, 0x98, 0x00, 0xa0, 0xc9, 0x06, 0xbe, 0x2d                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSSerial_PortName_GUID, 0xa0ec11a8, 0xb16c, 0x11d1, 0xbd, 0x98, 0x00, 0xa0, 0xc9, 0x06,
            0xbe, 0x2d);
typedef struct _MSSerial_PortName {
    CHAR VariableData[1]; /* the counted string starts here */
} MSSerial_PortName, *PMSSerial_PortName;
#define MSSerial_PortName_PortName_ID 1

/* MSSerial_CommInfo: the line settings and what the port can do. */
#define SERIAL_PORT_WMI_COMM_GUID                                                                  \
    {                                                                                              \
        0xedb16a62, 0xb16c, 0x11d1,                                                                \
        {                                                                                          \
            0xbd, 0x98, 0x00, 0xa0, 0xc9, 0x06, 0xbe, 0x2d                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSSerial_CommInfo_GUID, 0xedb16a62, 0xb16c, 0x11d1, 0xbd, 0x98, 0x00, 0xa0, 0xc9, 0x06,
            0xbe, 0x2d);

/* SERIAL_WMI_COMM_DATA.Parity */
#define SERIAL_WMI_PARITY_NONE  0
#define SERIAL_WMI_PARITY_ODD   1
#define SERIAL_WMI_PARITY_EVEN  2
#define SERIAL_WMI_PARITY_SPACE 3
#define SERIAL_WMI_PARITY_MARK  4
/* SERIAL_WMI_COMM_DATA.StopBits */
#define SERIAL_WMI_STOP_1   0
#define SERIAL_WMI_STOP_1_5 1
#define SERIAL_WMI_STOP_2   2

typedef struct _SERIAL_WMI_COMM_DATA {
    ULONG BaudRate;
    ULONG BitsPerByte;
    ULONG Parity; /* SERIAL_WMI_PARITY_* */
    BOOLEAN ParityCheckEnable;
    ULONG StopBits; /* SERIAL_WMI_STOP_* */
    ULONG XoffCharacter;
    ULONG XoffXmitThreshold;
    ULONG XonCharacter;
    ULONG XonXmitThreshold;
    ULONG MaximumBaudRate;
    ULONG MaximumOutputBufferSize;
    ULONG MaximumInputBufferSize;
    BOOLEAN Support16BitMode;
    BOOLEAN SupportDTRDSR;
    BOOLEAN SupportIntervalTimeouts;
    BOOLEAN SupportParityCheck;
    BOOLEAN SupportRTSCTS;
    BOOLEAN SupportXonXoff;
    BOOLEAN SettableBaudRate;
    BOOLEAN SettableDataBits;
    BOOLEAN SettableFlowControl;
    BOOLEAN SettableParity;
    BOOLEAN SettableParityCheck;
    BOOLEAN SettableStopBits;
    BOOLEAN IsBusy;
} SERIAL_WMI_COMM_DATA, *PSERIAL_WMI_COMM_DATA;

/* MSSerial_HardwareConfiguration: the port's interrupt and I/O resources. */
#define SERIAL_PORT_WMI_HW_GUID                                                                    \
    {                                                                                              \
        0x270b9b86, 0xb16d, 0x11d1,                                                                \
        {                                                                                          \
            0xbd, 0x98, 0x00, 0xa0, 0xc9, 0x06, 0xbe, 0x2d                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSSerial_HardwareConfiguration_GUID, 0x270b9b86, 0xb16d, 0x11d1, 0xbd, 0x98, 0x00, 0xa0,
            0xc9, 0x06, 0xbe, 0x2d);

/* SERIAL_WMI_HW_DATA.InterruptType */
#define SERIAL_WMI_INTTYPE_LATCHED 0
#define SERIAL_WMI_INTTYPE_LEVEL   1

typedef struct _SERIAL_WMI_HW_DATA {
    ULONG IrqNumber;
    ULONG IrqVector;
    ULONG IrqLevel;
    ULONG IrqAffinityMask;
    ULONG InterruptType; /* SERIAL_WMI_INTTYPE_* */
    ULONGLONG BaseIOAddress;
} SERIAL_WMI_HW_DATA, *PSERIAL_WMI_HW_DATA;

/* MSSerial_PerformanceInformation: the session's byte and error counters. */
#define SERIAL_PORT_WMI_PERF_GUID                                                                  \
    {                                                                                              \
        0x56415acc, 0xb16d, 0x11d1,                                                                \
        {                                                                                          \
            0xbd, 0x98, 0x00, 0xa0, 0xc9, 0x06, 0xbe, 0x2d                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSSerial_PerformanceInformation_GUID, 0x56415acc, 0xb16d, 0x11d1, 0xbd, 0x98, 0x00,
            0xa0, 0xc9, 0x06, 0xbe, 0x2d);
typedef struct _SERIAL_WMI_PERF_DATA {
    ULONG ReceivedCount;
    ULONG TransmittedCount;
    ULONG FrameErrorCount;
    ULONG SerialOverrunErrorCount;
    ULONG BufferOverrunErrorCount;
    ULONG ParityErrorCount;
} SERIAL_WMI_PERF_DATA, *PSERIAL_WMI_PERF_DATA;

/* MSSerial_CommProperties: the COMMPROP view of the port (the SERIAL_COMMPROP of ntddser.h with
 * Win32's member names), followed by dwProvCharSize bytes of provider data. */
#define SERIAL_PORT_WMI_PROPERTIES_GUID                                                            \
    {                                                                                              \
        0x8209ec2a, 0x2d6b, 0x11d2,                                                                \
        {                                                                                          \
            0xba, 0x49, 0x00, 0xa0, 0xc9, 0x06, 0x29, 0x10                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSSerial_CommProperties_GUID, 0x8209ec2a, 0x2d6b, 0x11d2, 0xba, 0x49, 0x00, 0xa0, 0xc9,
            0x06, 0x29, 0x10);
typedef struct _SERIAL_WMI_COMMPROP {
    USHORT wPacketLength;
    USHORT wPacketVersion;
    ULONG dwServiceMask;
    ULONG dwReserved1;
    ULONG dwMaxTxQueue;
    ULONG dwMaxRxQueue;
    ULONG dwMaxBaud;
    ULONG dwProvSubType;
    ULONG dwProvCapabilities;
    ULONG dwSettableParams;
    ULONG dwSettableBaud;
    USHORT wSettableData;
    USHORT wSettableStopParity;
    ULONG dwCurrentTxQueue;
    ULONG dwCurrentRxQueue;
    ULONG dwProvSpec1;
    ULONG dwProvSpec2;
    ULONG dwProvCharSize;
    UCHAR wcProvChar[1];
} SERIAL_WMI_COMMPROP, *PSERIAL_WMI_COMMPROP;

/* ---- Storage failure prediction (S.M.A.R.T.) ---------------------------------------------- */

/* MSStorageDriver_FailurePredictStatus */
#define WMI_STORAGE_FAILURE_PREDICT_STATUS_GUID                                                    \
    {                                                                                              \
        0x78ebc102, 0x4cf9, 0x11d2,                                                                \
        {                                                                                          \
            0xba, 0x4a, 0x00, 0xa0, 0xc9, 0x06, 0x29, 0x10                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSStorageDriver_FailurePredictStatus_GUID, 0x78ebc102, 0x4cf9, 0x11d2, 0xba, 0x4a, 0x00,
            0xa0, 0xc9, 0x06, 0x29, 0x10);
typedef struct _STORAGE_FAILURE_PREDICT_STATUS {
    ULONG Reason;
    BOOLEAN PredictFailure; /* TRUE: the drive predicts its own failure */
} STORAGE_FAILURE_PREDICT_STATUS, *PSTORAGE_FAILURE_PREDICT_STATUS;

/* MSStorageDriver_FailurePredictData: the vendor's 512 bytes of prediction data. */
#define WMI_STORAGE_FAILURE_PREDICT_DATA_GUID                                                      \
    {                                                                                              \
        0x78ebc103, 0x4cf9, 0x11d2,                                                                \
        {                                                                                          \
            0xba, 0x4a, 0x00, 0xa0, 0xc9, 0x06, 0x29, 0x10                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSStorageDriver_FailurePredictData_GUID, 0x78ebc103, 0x4cf9, 0x11d2, 0xba, 0x4a, 0x00,
            0xa0, 0xc9, 0x06, 0x29, 0x10);
typedef struct _STORAGE_FAILURE_PREDICT_DATA {
    ULONG Length;
    UCHAR VendorSpecific[512];
} STORAGE_FAILURE_PREDICT_DATA, *PSTORAGE_FAILURE_PREDICT_DATA;

/* MSStorageDriver_FailurePredictEvent: fired when a drive predicts failure. */
#define WMI_STORAGE_PREDICT_FAILURE_EVENT_GUID                                                     \
    {                                                                                              \
        0x78ebc104, 0x4cf9, 0x11d2,                                                                \
        {                                                                                          \
            0xba, 0x4a, 0x00, 0xa0, 0xc9, 0x06, 0x29, 0x10                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSStorageDriver_FailurePredictEvent_GUID, 0x78ebc104, 0x4cf9, 0x11d2, 0xba, 0x4a, 0x00,
            0xa0, 0xc9, 0x06, 0x29, 0x10);
typedef struct _STORAGE_FAILURE_PREDICT_EVENT {
    ULONG Length;
    UCHAR VendorSpecific[1]; /* Length bytes */
} STORAGE_FAILURE_PREDICT_EVENT, *PSTORAGE_FAILURE_PREDICT_EVENT;

/* MSStorageDriver_FailurePredictFunction: a method block (no data); its method ids. */
#define WMI_STORAGE_FAILURE_PREDICT_FUNCTION_GUID                                                  \
    {                                                                                              \
        0x78ebc105, 0x4cf9, 0x11d2,                                                                \
        {                                                                                          \
            0xba, 0x4a, 0x00, 0xa0, 0xc9, 0x06, 0x29, 0x10                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSStorageDriver_FailurePredictFunction_GUID, 0x78ebc105, 0x4cf9, 0x11d2, 0xba, 0x4a,
            0x00, 0xa0, 0xc9, 0x06, 0x29, 0x10);
#define AllowPerformanceHit                    1
#define EnableDisableHardwareFailurePrediction 2
#define EnableDisableFailurePredictionPolling  3
#define GetFailurePredictionCapability         4
#define EnableOfflineDiags                     5
typedef struct _STORAGE_FAILURE_PREDICT_FUNCTION {
    char VariableData[1];
} STORAGE_FAILURE_PREDICT_FUNCTION, *PSTORAGE_FAILURE_PREDICT_FUNCTION;

/* MSStorageDriver_ScsiInfoExceptions: the SCSI Informational Exceptions Control mode page. */
#define WMI_STORAGE_SCSI_INFO_EXCEPTIONS_GUID                                                      \
    {                                                                                              \
        0x1101d829, 0x167b, 0x4ebf,                                                                \
        {                                                                                          \
            0xac, 0xae, 0x28, 0xca, 0xb7, 0xc3, 0x48, 0x02                                         \
        }                                                                                          \
    }
DEFINE_GUID(MSStorageDriver_ScsiInfoExceptions_GUID, 0x1101d829, 0x167b, 0x4ebf, 0xac, 0xae, 0x28,
            0xca, 0xb7, 0xc3, 0x48, 0x02);
typedef struct _STORAGE_SCSI_INFO_EXCEPTIONS {
    BOOLEAN PageSavable;
    UCHAR Flags; /* Perf, DExcpt, Test, LogErr bits of the mode page */
    UCHAR MRIE;  /* method of reporting informational exceptions */
    UCHAR Padding;
    ULONG IntervalTimer; /* in 100 ms units */
    ULONG ReportCount;   /* 0: no limit */
} STORAGE_SCSI_INFO_EXCEPTIONS, *PSTORAGE_SCSI_INFO_EXCEPTIONS;

#endif /* _WMIDATA_H_ */
