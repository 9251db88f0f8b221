/*
 * sidebandaudio.h - sideband audio: the control codes an audio driver sends a bus driver's
 * sideband interface (USB Audio 1.0, Bluetooth A2DP) to learn the device's endpoints, their
 * formats, volume, mute and sidetone, to open and run a stream whose data bypasses the host,
 * and to get or set a bus's own parameters (SIOPs: a parameter set GUID, a type and a size),
 * with the structures they carry. Names and members as the sidebandaudio reference gives them
 * (wdk-ddi-src/content/sidebandaudio/); the member types, which the reference's markdown leaves
 * out, from the syntax blocks of the same pages as published (learn.microsoft.com,
 * .../ddi/sidebandaudio/ns-sidebandaudio-*). Layouts pinned by tests/headers (audio_layout.c).
 *
 * What the reference leaves out (session 13, TabletAudioSample): the values of the control
 * codes. SIDEBANDAUDIO_IOCTL's page names its parameter (an index that keeps the codes unique)
 * but not its expansion, no IOCTL_SBAUD_* page gives a code, and Microsoft's Win32 metadata
 * does not cover this kernel-mode header. Drivers switch on the codes (TabletAudioSample's
 * completion routines have them as case labels), so they must be constant expressions: drvhost
 * numbers them itself, as bthhfpddi.h does (device type 0xD889, in the range Windows leaves to
 * vendors; not Windows' values), and every module that includes this header references
 * drvhost_sidebandaudio_codes_undocumented, which drvhost never defines: the loader refuses the
 * module, naming it (one that includes the header only for its structures is refused too: a
 * deviation on the safe side). drvhost has no sideband bus driver that could answer them.
 * Pinned by tests/headers (check_audio_not_provided.sh).
 */
#ifndef __SIDEBANDAUDIO_H__
#define __SIDEBANDAUDIO_H__

#include <ntdef.h>
#include <devioctl.h>
#include <guiddef.h>
#include <windef.h>
#include <devpropdef.h>
#include <ks.h>

EXTERN_C const ULONG drvhost_sidebandaudio_codes_undocumented;
/* (Left out when scripts/check-decls.sh compiles every header at once: the reference is the
 * point of the header, not a routine a driver calls, so it is nothing for it to list.) */
#ifndef DRVHOST_CHECK_DECLS
static const ULONG *const drvhost_sidebandaudio_ref __attribute__((used, unused)) =
    &drvhost_sidebandaudio_codes_undocumented;
#endif

/* A sideband control code from its index: drvhost's numbering (above), not Windows'. */
#define SIDEBANDAUDIO_IOCTL(_index_) ((ULONG)(0xD8890000UL + (ULONG)(_index_)))

/* The documented control codes, numbered in the order of the reference's pages. */
#define IOCTL_SBAUD_GET_CONNECTION_STATUS_UPDATE      SIDEBANDAUDIO_IOCTL(1)
#define IOCTL_SBAUD_GET_DEVICE_DESCRIPTOR             SIDEBANDAUDIO_IOCTL(2)
#define IOCTL_SBAUD_GET_ENDPOINT_DESCRIPTOR           SIDEBANDAUDIO_IOCTL(3)
#define IOCTL_SBAUD_GET_ENDPOINT_DESCRIPTOR2          SIDEBANDAUDIO_IOCTL(4)
#define IOCTL_SBAUD_GET_ERROR_STATUS_UPDATE           SIDEBANDAUDIO_IOCTL(5)
#define IOCTL_SBAUD_GET_MUTE_STATUS_UPDATE            SIDEBANDAUDIO_IOCTL(6)
#define IOCTL_SBAUD_GET_MUTEPROPERTYVALUES            SIDEBANDAUDIO_IOCTL(7)
#define IOCTL_SBAUD_GET_SIDETONE_STATUS_UPDATE        SIDEBANDAUDIO_IOCTL(8)
#define IOCTL_SBAUD_GET_SIDETONE_VOLUMEPROPERTYVALUES SIDEBANDAUDIO_IOCTL(9)
#define IOCTL_SBAUD_GET_SIOP                          SIDEBANDAUDIO_IOCTL(10)
#define IOCTL_SBAUD_GET_SIOP_UPDATE                   SIDEBANDAUDIO_IOCTL(11)
#define IOCTL_SBAUD_GET_STREAM_STATUS_UPDATE          SIDEBANDAUDIO_IOCTL(12)
#define IOCTL_SBAUD_GET_SUPPORTED_FORMATS             SIDEBANDAUDIO_IOCTL(13)
#define IOCTL_SBAUD_GET_VOLUME_STATUS_UPDATE          SIDEBANDAUDIO_IOCTL(14)
#define IOCTL_SBAUD_GET_VOLUMEPROPERTYVALUES          SIDEBANDAUDIO_IOCTL(15)
#define IOCTL_SBAUD_SET_DEVICE_CLAIMED                SIDEBANDAUDIO_IOCTL(16)
#define IOCTL_SBAUD_SET_MUTE                          SIDEBANDAUDIO_IOCTL(17)
#define IOCTL_SBAUD_SET_SIDETONE_PROPERTY             SIDEBANDAUDIO_IOCTL(18)
#define IOCTL_SBAUD_SET_SIOP                          SIDEBANDAUDIO_IOCTL(19)
#define IOCTL_SBAUD_SET_VOLUME                        SIDEBANDAUDIO_IOCTL(20)
#define IOCTL_SBAUD_STREAM_CLOSE                      SIDEBANDAUDIO_IOCTL(21)
#define IOCTL_SBAUD_STREAM_OPEN                       SIDEBANDAUDIO_IOCTL(22)
#define IOCTL_SBAUD_STREAM_START                      SIDEBANDAUDIO_IOCTL(23)
#define IOCTL_SBAUD_STREAM_SUSPEND                    SIDEBANDAUDIO_IOCTL(24)

/* Microsoft's standard parameter set (its GUID printed by the
 * SIDEBANDAUDIO_PARAMS_MSFT_TYPE_ID page) and its one type, reserved (the syntax block gives no
 * value: 0, as C numbers a first enumerator). */
// {BF34616B-8265-4D70-ADB2-91B350CCD5D2}
DEFINE_GUID(SIDEBANDAUDIO_PARAMS_SET_STANDARD, 0xbf34616b, 0x8265, 0x4d70, 0xad, 0xb2, 0x91, 0xb3,
            0x50, 0xcc, 0xd5, 0xd2);

typedef enum _SIDEBANDAUDIO_PARAMS_MSFT_TYPE_ID {
    SBAUD_PARAMS_TYPE_RESERVED
} SIDEBANDAUDIO_PARAMS_MSFT_TYPE_ID;

/* IOCTL_SBAUD_GET_DEVICE_DESCRIPTOR's output: how many endpoints (feedback endpoints not
 * counted) the device can sideband, indexed from 0 by the other requests. */
typedef struct _SIDEBANDAUDIO_DEVICE_DESCRIPTOR {
    ULONG NumberOfEndpoints;
} SIDEBANDAUDIO_DEVICE_DESCRIPTOR, *PSIDEBANDAUDIO_DEVICE_DESCRIPTOR;

/* What an endpoint supports (the page declares no pointer type). */
typedef struct _SIDEBANDAUDIO_ENDPOINT_CAPABILITIES {
    BOOL Volume;
    BOOL Mute;
    BOOL Sidetone;
    BOOL Feedback;
} SIDEBANDAUDIO_ENDPOINT_CAPABILITIES;

/* The members both versions of the endpoint descriptor have, in their order (one list). */
#define DRVHOST_SBAUD_ENDPOINT_MEMBERS_                                                            \
    ULONG CbSize;                                                                                  \
    GUID ContainerId;                                                                              \
    GUID Category;                                                                                 \
    KSPIN_DATAFLOW Direction;                                                                      \
    SIDEBANDAUDIO_ENDPOINT_CAPABILITIES Capabilities;                                              \
    UNICODE_STRING FriendlyName;                                                                   \
    ULONG VolumePropertyValuesSize;                                                                \
    ULONG SidetoneVolumePropertyValueSize;                                                         \
    ULONG MutePropertyValuesSize;

/* IOCTL_SBAUD_GET_ENDPOINT_DESCRIPTOR's output: one endpoint's container, pin category,
 * direction and capabilities; CbSize counts the friendly name's characters, stored after the
 * structure in the same buffer, and the sizes of the property-value answers. */
typedef struct _SIDEBANDAUDIO_ENDPOINT_DESCRIPTOR {
    DRVHOST_SBAUD_ENDPOINT_MEMBERS_
} SIDEBANDAUDIO_ENDPOINT_DESCRIPTOR, *PSIDEBANDAUDIO_ENDPOINT_DESCRIPTOR;

/* IOCTL_SBAUD_GET_ENDPOINT_DESCRIPTOR2's output: the same, and device properties the audio
 * driver adds to its filter's interface. */
typedef struct _SIDEBANDAUDIO_ENDPOINT_DESCRIPTOR2 {
    DRVHOST_SBAUD_ENDPOINT_MEMBERS_
    ULONG FilterInterfacePropertyCount;
    DEVPROPERTY *FilterInterfaceProperties;
} SIDEBANDAUDIO_ENDPOINT_DESCRIPTOR2, *PSIDEBANDAUDIO_ENDPOINT_DESCRIPTOR2;

/* IOCTL_SBAUD_GET_SUPPORTED_FORMATS's output: an endpoint's formats, the pointer array stored
 * after the structure (CbSize counts it). */
typedef struct _SIDEBANDAUDIO_SUPPORTED_FORMATS {
    ULONG CbSize;
    ULONG EpIndex;
    ULONG NumFormats;
    PKSDATAFORMAT *Formats;
} SIDEBANDAUDIO_SUPPORTED_FORMATS, *PSIDEBANDAUDIO_SUPPORTED_FORMATS;

/* The parameters of the status requests. Immediate: TRUE asks for the current value, FALSE
 * completes the request at the next change. Channel: a channel's index from 0. A volume's Value
 * is what its page calls a dbValue. */
typedef struct _SIDEBANDAUDIO_CONNECTION_PARAMS {
    ULONG EpIndex;
    BOOL Immediate;
    BOOL Connected;
} SIDEBANDAUDIO_CONNECTION_PARAMS, *PSIDEBANDAUDIO_CONNECTION_PARAMS;

typedef struct _SIDEBANDAUDIO_DEVICE_ERROR {
    ULONG EpIndex;
    BOOL Immediate;
    NTSTATUS Status;
} SIDEBANDAUDIO_DEVICE_ERROR, *PSIDEBANDAUDIO_DEVICE_ERROR;

typedef struct _SIDEBANDAUDIO_STREAM_STATUS_PARAMS {
    ULONG EpIndex;
    BOOL Immediate;
    NTSTATUS Status;
} SIDEBANDAUDIO_STREAM_STATUS_PARAMS, *PSIDEBANDAUDIO_STREAM_STATUS_PARAMS;

typedef struct _SIDEBANDAUDIO_VOLUME_PARAMS {
    ULONG EpIndex;
    BOOL Immediate;
    LONG Channel;
    LONG Value;
} SIDEBANDAUDIO_VOLUME_PARAMS, *PSIDEBANDAUDIO_VOLUME_PARAMS;

typedef struct _SIDEBANDAUDIO_MUTE_PARAMS {
    ULONG EpIndex;
    BOOL Immediate;
    LONG Channel;
    BOOL Value;
} SIDEBANDAUDIO_MUTE_PARAMS, *PSIDEBANDAUDIO_MUTE_PARAMS;

/* Sidetone: its volume and mute; Channel -1 (the page: ULONG(-1)) when they are not per
 * channel. */
typedef struct _SIDEBANDAUDIO_SIDETONE_DESCRIPTOR {
    LONG Volume;
    BOOL Mute;
} SIDEBANDAUDIO_SIDETONE_DESCRIPTOR, *PSIDEBANDAUDIO_SIDETONE_DESCRIPTOR;

typedef struct _SIDEBANDAUDIO_SIDETONE_PARAMS {
    ULONG EpIndex;
    BOOL Immediate;
    LONG Channel;
    SIDEBANDAUDIO_SIDETONE_DESCRIPTOR Sidetone;
} SIDEBANDAUDIO_SIDETONE_PARAMS, *PSIDEBANDAUDIO_SIDETONE_PARAMS;

/* The variable-size parameters: each a union with a LONGLONG, so that a header and what follows
 * it in a buffer stay 8-byte aligned. A SIOP is this header followed by Size bytes of data; a
 * GET_SIOP request's Size counts its extra input. */
typedef union {
    struct {
        GUID ParamSet;
        ULONG TypeId;
        ULONG Size;
    };
    LONGLONG Alignment;
} SIDEBANDAUDIO_IO_PARAM_HEADER, *PSIDEBANDAUDIO_IO_PARAM_HEADER;

/* IOCTL_SBAUD_GET_SIOP's and IOCTL_SBAUD_SET_SIOP's input: an endpoint and the SIOP. */
typedef union {
    struct {
        ULONG EpIndex;
        SIDEBANDAUDIO_IO_PARAM_HEADER RequestedSiop;
    };
    LONGLONG Alignment;
} SIDEBANDAUDIO_SIOP_REQUEST_PARAM, *PSIDEBANDAUDIO_SIOP_REQUEST_PARAM;

/* IOCTL_SBAUD_STREAM_OPEN's input: an endpoint, its stream format and how many SIOPs follow. */
typedef union {
    struct {
        ULONG EpIndex;
        PKSDATAFORMAT Format;
        ULONG SiopCount;
    };
    LONGLONG Alignment;
} SIDEBANDAUDIO_STREAM_OPEN_PARAMS, *PSIDEBANDAUDIO_STREAM_OPEN_PARAMS;

#endif /* __SIDEBANDAUDIO_H__ */
