/*
 * ntddk_bdcb.h - part of ntddk.h: boot driver callbacks (IoRegisterBootDriverCallback), through
 * which an Early Launch Anti-Malware driver classifies the boot-start drivers loaded after it
 * (Microsoft's names, values and layouts).
 *
 * drvhost has no boot loader: a driver whose service has Start = 0 (SERVICE_BOOT_START) is
 * reported to the registered callbacks when the host loads it, and a registration hears
 * BdCbStatusPrepareForUnload before the unload routine of the driver that made it (the model:
 * docs/notify.md, "Boot driver callbacks").
 */
#ifndef DRVHOST_NTDDK_BDCB_H
#define DRVHOST_NTDDK_BDCB_H

#include <wdm.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _BDCB_CALLBACK_TYPE {
    BdCbStatusUpdate,
    BdCbInitializeImage,
} BDCB_CALLBACK_TYPE, *PBDCB_CALLBACK_TYPE;

typedef enum _BDCB_CLASSIFICATION {
    BdCbClassificationUnknownImage,
    BdCbClassificationKnownGoodImage,
    BdCbClassificationKnownBadImage,
    BdCbClassificationKnownBadImageBootCritical,
    BdCbClassificationEnd,
} BDCB_CLASSIFICATION, *PBDCB_CLASSIFICATION;

typedef enum _BDCB_STATUS_UPDATE_TYPE {
    BdCbStatusPrepareForDependencyLoad,
    BdCbStatusPrepareForDriverLoad,
    BdCbStatusPrepareForUnload,
} BDCB_STATUS_UPDATE_TYPE, *PBDCB_STATUS_UPDATE_TYPE;

/* The ImageInformation of a BdCbStatusUpdate callback. */
typedef struct _BDCB_STATUS_UPDATE_CONTEXT {
    BDCB_STATUS_UPDATE_TYPE StatusType;
} BDCB_STATUS_UPDATE_CONTEXT, *PBDCB_STATUS_UPDATE_CONTEXT;

/* BDCB_IMAGE_INFORMATION.ImageFlags: bit 0 a dependent DLL, bit 1 loaded despite failing code
 * integrity (boot policy). */
#define BDCB_IMAGEFLAGS_DEPENDENCY            0x00000001
#define BDCB_IMAGEFLAGS_FAILED_CODE_INTEGRITY 0x00000002

/* The ImageInformation of a BdCbInitializeImage callback; the driver sets Classification. */
typedef struct _BDCB_IMAGE_INFORMATION {
    BDCB_CLASSIFICATION Classification;
    ULONG ImageFlags;
    UNICODE_STRING ImageName;
    UNICODE_STRING RegistryPath;
    UNICODE_STRING CertificatePublisher;
    UNICODE_STRING CertificateIssuer;
    PVOID ImageHash;
    PVOID CertificateThumbprint;
    ULONG ImageHashAlgorithm;
    ULONG ThumbprintHashAlgorithm;
    ULONG ImageHashLength;
    ULONG CertificateThumbprintLength;
} BDCB_IMAGE_INFORMATION, *PBDCB_IMAGE_INFORMATION;

typedef VOID BOOT_DRIVER_CALLBACK_FUNCTION(PVOID CallbackContext, BDCB_CALLBACK_TYPE Classification,
                                           PBDCB_IMAGE_INFORMATION ImageInformation);
typedef BOOT_DRIVER_CALLBACK_FUNCTION *PBOOT_DRIVER_CALLBACK_FUNCTION;

NTKERNELAPI PVOID NTAPI IoRegisterBootDriverCallback(
    PBOOT_DRIVER_CALLBACK_FUNCTION CallbackFunction, PVOID CallbackContext);
NTKERNELAPI VOID NTAPI IoUnregisterBootDriverCallback(PVOID CallbackHandle);

#ifdef __cplusplus
}
#endif

#endif
