/*
 * bthhfpddi.h - the Bluetooth hands-free profile (HFP) DDI: the control codes an audio driver
 * sends the HFP driver's GUID_DEVINTERFACE_BLUETOOTH_HFP_SCO_HCIBYPASS interface to learn about
 * a paired hands-free device, follow its connection, volume and NREC state and open its SCO
 * audio channel, with the structures they carry. Names, members and types as the bthhfpddi
 * reference gives them (wdk-ddi-src/content/bthhfpddi/; the structures' member types from the
 * syntax blocks of the same pages' earlier revisions, the current ones list members only).
 *
 * What the reference leaves out (session 12, TabletAudioSample): the control codes' values and
 * the interface GUID's value are printed by no page, and Microsoft's Win32 metadata does not
 * cover this kernel-mode header. So the GUID is declared and never defined, the control codes
 * are numbered by drvhost (below), and a module that includes the header is refused at load,
 * naming the undefined drvhost_bthhfpddi_codes_undocumented (and the GUID if it names it), as
 * the loader refuses any import drvhost lacks. drvhost has no Bluetooth HFP driver that could
 * answer them anyway. Pinned by tests/headers (bth_layout.c,
 * check_audio_not_provided.sh).
 */
#ifndef __BTHHFPDDI_H__
#define __BTHHFPDDI_H__

#include <ntdef.h>
#include <devioctl.h>
#include <guiddef.h>
#include <windef.h>

/* The HFP driver's SCO bypass device interface class (value undocumented: declared only). */
EXTERN_C const GUID GUID_DEVINTERFACE_BLUETOOTH_HFP_SCO_HCIBYPASS;

/* The control codes. Drivers switch on them (TabletAudioSample's completion routine has them
 * as case labels), so each must be a distinct constant expression: drvhost numbers them itself,
 * 0xD8880000 + n (device type 0xD888, in the range Windows leaves to vendors): not Windows'
 * values, which no page gives. So that a driver using them cannot
 * pass for one that runs, every module that includes this header references
 * drvhost_bthhfpddi_codes_undocumented, which drvhost never defines: the loader refuses the
 * module, naming it (a module that includes the header only for its structures is refused too:
 * a deviation on the safe side). */
EXTERN_C const ULONG drvhost_bthhfpddi_codes_undocumented;
/* (Left out when scripts/check-decls.sh compiles every header at once: the reference is the
 * point of the header, not a routine a driver calls, so it is nothing for it to list.) */
#ifndef DRVHOST_CHECK_DECLS
static const ULONG *const drvhost_bthhfpddi_ref __attribute__((used, unused)) =
    &drvhost_bthhfpddi_codes_undocumented;
#endif
#define DRVHOST_BTHHFP_IOCTL(n) ((ULONG)(0xD8880000UL + (n)))

#define IOCTL_BTHHFP_DEVICE_GET_DESCRIPTOR                DRVHOST_BTHHFP_IOCTL(1)
#define IOCTL_BTHHFP_DEVICE_GET_DESCRIPTOR2               DRVHOST_BTHHFP_IOCTL(2)
#define IOCTL_BTHHFP_DEVICE_GET_KSNODETYPES               DRVHOST_BTHHFP_IOCTL(3)
#define IOCTL_BTHHFP_DEVICE_GET_CONTAINERID               DRVHOST_BTHHFP_IOCTL(4)
#define IOCTL_BTHHFP_DEVICE_GET_VOLUMEPROPERTYVALUES      DRVHOST_BTHHFP_IOCTL(5)
#define IOCTL_BTHHFP_DEVICE_REQUEST_CONNECT               DRVHOST_BTHHFP_IOCTL(6)
#define IOCTL_BTHHFP_DEVICE_REQUEST_DISCONNECT            DRVHOST_BTHHFP_IOCTL(7)
#define IOCTL_BTHHFP_DEVICE_GET_CONNECTION_STATUS_UPDATE  DRVHOST_BTHHFP_IOCTL(8)
#define IOCTL_BTHHFP_DEVICE_GET_NRECDISABLE_STATUS_UPDATE DRVHOST_BTHHFP_IOCTL(9)
#define IOCTL_BTHHFP_DEVICE_GET_CODEC_ID                  DRVHOST_BTHHFP_IOCTL(10)
#define IOCTL_BTHHFP_SPEAKER_SET_VOLUME                   DRVHOST_BTHHFP_IOCTL(11)
#define IOCTL_BTHHFP_SPEAKER_GET_VOLUME_STATUS_UPDATE     DRVHOST_BTHHFP_IOCTL(12)
#define IOCTL_BTHHFP_MIC_SET_VOLUME                       DRVHOST_BTHHFP_IOCTL(13)
#define IOCTL_BTHHFP_MIC_GET_VOLUME_STATUS_UPDATE         DRVHOST_BTHHFP_IOCTL(14)
#define IOCTL_BTHHFP_STREAM_OPEN                          DRVHOST_BTHHFP_IOCTL(15)
#define IOCTL_BTHHFP_STREAM_CLOSE                         DRVHOST_BTHHFP_IOCTL(16)
#define IOCTL_BTHHFP_STREAM_GET_STATUS_UPDATE             DRVHOST_BTHHFP_IOCTL(17)
/* Not in the reference at all (TabletAudioSample sends it with a
 * BTHHFP_AUDIO_DEVICE_CAPABILTIES): under the sample's name, numbered like the others. */
#define IOCTL_BTHHFP_DEVICE_INDICATE_AUDIO_DEVICE_CAPABILITIES DRVHOST_BTHHFP_IOCTL(18)

/* IOCTL_BTHHFP_DEVICE_GET_DESCRIPTOR's output (Windows 8): the HFP device's pin categories,
 * container, volume support and friendly name, whose characters follow the structure in the
 * same buffer. */
typedef struct _BTHHFP_DESCRIPTOR {
    GUID InputPinCategory;
    GUID OutputPinCategory;
    GUID ContainerId;
    BOOL SupportsVolume;
    ULONG VolumePropertyValuesSize;
    UNICODE_STRING FriendlyName;
} BTHHFP_DESCRIPTOR, *PBTHHFP_DESCRIPTOR;

/* IOCTL_BTHHFP_DEVICE_GET_DESCRIPTOR2's output (Windows 8.1): the same, and whether the device
 * does its own noise reduction and echo cancellation. */
typedef struct _BTHHFP_DESCRIPTOR2 {
    GUID InputPinCategory;
    GUID OutputPinCategory;
    GUID ContainerId;
    BOOL SupportsVolume;
    ULONG VolumePropertyValuesSize;
    UNICODE_STRING FriendlyName;
    BOOL SupportsNREC;
} BTHHFP_DESCRIPTOR2, *PBTHHFP_DESCRIPTOR2;

/* The codec-identifier structure versions IOCTL_BTHHFP_DEVICE_GET_CODEC_ID's input names. */
typedef enum _HFP_BYPASS_CODEC_ID_VERSION {
    REQ_HFP_BYPASS_CODEC_ID_V1 = 1
} HFP_BYPASS_CODEC_ID_VERSION, *PHFP_BYPASS_CODEC_ID_VERSION;

/* Version 1 of its output: 0 undefined codec, 1 CVSD (narrow band), 2 mSBC (wide band). */
typedef struct _HFP_BYPASS_CODEC_ID_V1 {
    UCHAR CodecId;
} HFP_BYPASS_CODEC_ID_V1, *PHFP_BYPASS_CODEC_ID_V1;

/* A device's audio capabilities (the name's misspelling is Microsoft's). The page prints the
 * type name twice where a pointer type would be; PBTHHFP_AUDIO_DEVICE_CAPABILTIES is the name
 * its INIT routine's parameter uses. */
typedef struct _BTHHFP_AUDIO_DEVICE_CAPABILTIES {
    DWORD Version;
    BOOL Supports16kHzSampling;
} BTHHFP_AUDIO_DEVICE_CAPABILTIES, *PBTHHFP_AUDIO_DEVICE_CAPABILTIES;

/* Windows' is an inline routine (FORCEINLINE); its page does not say which values it stores
 * (the Version it sets), so drvhost cannot write it: declared not provided, a module calling it
 * is refused at load naming it. */
EXTERN_C VOID BTHHFP_AUDIO_DEVICE_CAPABILTIES_INIT(_Out_ PBTHHFP_AUDIO_DEVICE_CAPABILTIES caps)
    DRVHOST_NOT_PROVIDED;

#endif /* __BTHHFPDDI_H__ */
