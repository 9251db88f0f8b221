/*
 * ksmedia.h - the kernel streaming media definitions of audio drivers: audio data formats and
 * ranges, the audio, jack, real-time audio and pin-capability property and event sets, the
 * node types and friendly names of a filter topology, microphone-array geometry and the signal
 * processing modes (Microsoft's names, values and x64 layouts, per the ksmedia.h reference:
 * wdk-ddi-src/content/ksmedia/ and the audio guides; the GUID values are Microsoft's published
 * constants).
 *
 * drvhost: the audio subset the port class and ACX samples use; the video, tuner, camera and
 * other media definitions of the WDK's ksmedia.h are not provided. Definitions only: drvhost
 * runs no kernel streaming (docs/compatibility.md).
 */
#ifndef _KSMEDIA_
#define _KSMEDIA_

#include <ks.h>
#include <mmreg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Each GUID: its STATIC_ initializer list (for constant tables) and a literal DEFINE_GUID with
 * the same value (test_audio.c checks both), which tools reading DEFINE_GUID calls find. */

/* The wave format sub-types: a WAVEFORMATEX format tag in Data1 of a base GUID. */
#define DEFINE_WAVEFORMATEX_GUID(x)                                                                \
    (USHORT)(x), 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71
#define INIT_WAVEFORMATEX_GUID(Guid, x)                                                            \
    {                                                                                              \
        *(Guid) = KSDATAFORMAT_SUBTYPE_WAVEFORMATEX;                                               \
        (Guid)->Data1 = (USHORT)(x);                                                               \
    }
#define EXTRACT_WAVEFORMATEX_ID(Guid) (USHORT)((Guid)->Data1)

/* The audio GUIDs built from a USB audio terminal type. */
#define DEFINE_USB_TERMINAL_GUID(id)                                                               \
    0xDFF219E0 + (USHORT)(id), 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96

/* Major type, sub-types and specifiers of audio formats. */
#define STATIC_KSDATAFORMAT_TYPE_AUDIO                                                             \
    0x73647561, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71
DEFINE_GUID(KSDATAFORMAT_TYPE_AUDIO, 0x73647561, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38,
            0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_WAVEFORMATEX DEFINE_WAVEFORMATEX_GUID(0)
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_WAVEFORMATEX, 0x00000000, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xAA,
            0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_PCM DEFINE_WAVEFORMATEX_GUID(WAVE_FORMAT_PCM)
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_PCM, 0x00000001, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00,
            0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEEE_FLOAT DEFINE_WAVEFORMATEX_GUID(WAVE_FORMAT_IEEE_FLOAT)
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEEE_FLOAT, 0x00000003, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xAA,
            0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_ANALOG                                                         \
    0x6dba3190, 0x67bd, 0x11cf, 0xa0, 0xf7, 0x00, 0x20, 0xaf, 0xd1, 0x56, 0xe4
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_ANALOG, 0x6DBA3190, 0x67BD, 0x11CF, 0xA0, 0xF7, 0x00, 0x20, 0xAF,
            0xD1, 0x56, 0xE4);
#define STATIC_KSDATAFORMAT_SPECIFIER_WAVEFORMATEX                                                 \
    0x05589f81, 0xc356, 0x11ce, 0xbf, 0x01, 0x00, 0xaa, 0x00, 0x55, 0x59, 0x5a
DEFINE_GUID(KSDATAFORMAT_SPECIFIER_WAVEFORMATEX, 0x05589F81, 0xC356, 0x11CE, 0xBF, 0x01, 0x00, 0xAA,
            0x00, 0x55, 0x59, 0x5A);
#define STATIC_KSDATAFORMAT_SPECIFIER_DSOUND                                                       \
    0x518590a2, 0xa184, 0x11d0, 0x85, 0x22, 0x00, 0xc0, 0x4f, 0xd9, 0xba, 0xf3
DEFINE_GUID(KSDATAFORMAT_SPECIFIER_DSOUND, 0x518590A2, 0xA184, 0x11D0, 0x85, 0x22, 0x00, 0xC0, 0x4F,
            0xD9, 0xBA, 0xF3);

/* Compressed formats carried over S/PDIF or HDMI (IEC 61937). */
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL                                         \
    DEFINE_WAVEFORMATEX_GUID(WAVE_FORMAT_DOLBY_AC3_SPDIF)
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL, 0x00000092, 0x0000, 0x0010, 0x80, 0x00,
            0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DTS DEFINE_WAVEFORMATEX_GUID(WAVE_FORMAT_DTS)
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DTS, 0x00000008, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xAA,
            0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS                                    \
    0x0000000a, 0x0cea, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS, 0x0000000A, 0x0CEA, 0x0010, 0x80,
            0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DTS_HD                                                \
    0x0000000b, 0x0cea, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DTS_HD, 0x0000000B, 0x0CEA, 0x0010, 0x80, 0x00, 0x00,
            0xAA, 0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP                                             \
    0x0000000c, 0x0cea, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP, 0x0000000C, 0x0CEA, 0x0010, 0x80, 0x00, 0x00,
            0xAA, 0x00, 0x38, 0x9B, 0x71);
/* The later IEC 61937 sub-types (Dolby Digital Plus with Atmos, DTS:X, Dolby MAT 2.0/2.1): the
 * subformat reference lists only the Windows 7 ones, so these values are taken from Microsoft's
 * Win32 metadata (microsoft/win32metadata,
 * generation/WinSDK/RecompiledIdlHeaders/shared/ksmedia.h), as issue 16 decided for GUID constants
 * with no reference page. All share the 0x0CEA sub-type pattern of the ones above; the first field
 * tells them apart. */
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS_ATMOS                              \
    0x0000010A, 0x0CEA, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS_ATMOS, 0x0000010A, 0x0CEA, 0x0010,
            0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E1                                               \
    0x0000010B, 0x0CEA, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E1, 0x0000010B, 0x0CEA, 0x0010, 0x80, 0x00, 0x00,
            0xAA, 0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E2                                               \
    0x0000030B, 0x0CEA, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E2, 0x0000030B, 0x0CEA, 0x0010, 0x80, 0x00, 0x00,
            0xAA, 0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT20                                           \
    0x0000010C, 0x0CEA, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT20, 0x0000010C, 0x0CEA, 0x0010, 0x80, 0x00, 0x00,
            0xAA, 0x00, 0x38, 0x9B, 0x71);
#define STATIC_KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT21                                           \
    0x0000030C, 0x0CEA, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71
DEFINE_GUID(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT21, 0x0000030C, 0x0CEA, 0x0010, 0x80, 0x00, 0x00,
            0xAA, 0x00, 0x38, 0x9B, 0x71);

/* Filter categories. */
#define STATIC_KSCATEGORY_AUDIO                                                                    \
    0x6994AD04, 0x93EF, 0x11D0, 0xA3, 0xCC, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96
DEFINE_GUID(KSCATEGORY_AUDIO, 0x6994AD04, 0x93EF, 0x11D0, 0xA3, 0xCC, 0x00, 0xA0, 0xC9, 0x22, 0x31,
            0x96);
#define STATIC_KSCATEGORY_RENDER                                                                   \
    0x65E8773E, 0x8F56, 0x11D0, 0xA3, 0xB9, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96
DEFINE_GUID(KSCATEGORY_RENDER, 0x65E8773E, 0x8F56, 0x11D0, 0xA3, 0xB9, 0x00, 0xA0, 0xC9, 0x22, 0x31,
            0x96);
#define STATIC_KSCATEGORY_CAPTURE                                                                  \
    0x65E8773D, 0x8F56, 0x11D0, 0xA3, 0xB9, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96
DEFINE_GUID(KSCATEGORY_CAPTURE, 0x65E8773D, 0x8F56, 0x11D0, 0xA3, 0xB9, 0x00, 0xA0, 0xC9, 0x22,
            0x31, 0x96);
#define STATIC_KSCATEGORY_REALTIME                                                                 \
    0xEB115FFC, 0x10C8, 0x4964, 0x83, 0x1D, 0x6D, 0xCB, 0x02, 0xE6, 0xF2, 0x3F
DEFINE_GUID(KSCATEGORY_REALTIME, 0xEB115FFC, 0x10C8, 0x4964, 0x83, 0x1D, 0x6D, 0xCB, 0x02, 0xE6,
            0xF2, 0x3F);
#define STATIC_KSCATEGORY_TOPOLOGY                                                                 \
    0xDDA54A40, 0x1E4C, 0x11D1, 0xA0, 0x50, 0x40, 0x57, 0x05, 0xC1, 0x00, 0x00
DEFINE_GUID(KSCATEGORY_TOPOLOGY, 0xDDA54A40, 0x1E4C, 0x11D1, 0xA0, 0x50, 0x40, 0x57, 0x05, 0xC1,
            0x00, 0x00);

/* Node types: terminals (USB terminal types) and processing nodes. */
#define STATIC_KSNODETYPE_MICROPHONE DEFINE_USB_TERMINAL_GUID(0x0201)
DEFINE_GUID(KSNODETYPE_MICROPHONE, 0xDFF21BE1, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0, 0xC9, 0x22,
            0x31, 0x96);
#define STATIC_KSNODETYPE_MICROPHONE_ARRAY DEFINE_USB_TERMINAL_GUID(0x0205)
DEFINE_GUID(KSNODETYPE_MICROPHONE_ARRAY, 0xDFF21BE5, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0, 0xC9,
            0x22, 0x31, 0x96);
#define STATIC_KSNODETYPE_SPEAKER DEFINE_USB_TERMINAL_GUID(0x0301)
DEFINE_GUID(KSNODETYPE_SPEAKER, 0xDFF21CE1, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0, 0xC9, 0x22,
            0x31, 0x96);
#define STATIC_KSNODETYPE_HEADPHONES DEFINE_USB_TERMINAL_GUID(0x0302)
DEFINE_GUID(KSNODETYPE_HEADPHONES, 0xDFF21CE2, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0, 0xC9, 0x22,
            0x31, 0x96);
#define STATIC_KSNODETYPE_LINE_CONNECTOR DEFINE_USB_TERMINAL_GUID(0x0603)
DEFINE_GUID(KSNODETYPE_LINE_CONNECTOR, 0xDFF21FE3, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0, 0xC9,
            0x22, 0x31, 0x96);
#define STATIC_KSNODETYPE_DIGITAL_AUDIO_INTERFACE DEFINE_USB_TERMINAL_GUID(0x0602)
DEFINE_GUID(KSNODETYPE_DIGITAL_AUDIO_INTERFACE, 0xDFF21FE2, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0,
            0xC9, 0x22, 0x31, 0x96);
#define STATIC_KSNODETYPE_SPDIF_INTERFACE DEFINE_USB_TERMINAL_GUID(0x0605)
DEFINE_GUID(KSNODETYPE_SPDIF_INTERFACE, 0xDFF21FE5, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0, 0xC9,
            0x22, 0x31, 0x96);
#define STATIC_KSNODETYPE_DAC                                                                      \
    0x507AE360, 0xC554, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A, 0xC1
DEFINE_GUID(KSNODETYPE_DAC, 0x507AE360, 0xC554, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A,
            0xC1);
#define STATIC_KSNODETYPE_ADC                                                                      \
    0x4D837FE0, 0xC555, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A, 0xC1
DEFINE_GUID(KSNODETYPE_ADC, 0x4D837FE0, 0xC555, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A,
            0xC1);
#define STATIC_KSNODETYPE_SUM                                                                      \
    0xDA441A60, 0xC556, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A, 0xC1
DEFINE_GUID(KSNODETYPE_SUM, 0xDA441A60, 0xC556, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A,
            0xC1);
#define STATIC_KSNODETYPE_MUTE                                                                     \
    0x02B223C0, 0xC557, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A, 0xC1
DEFINE_GUID(KSNODETYPE_MUTE, 0x02B223C0, 0xC557, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A,
            0xC1);
#define STATIC_KSNODETYPE_VOLUME                                                                   \
    0x3A5ACC00, 0xC557, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A, 0xC1
DEFINE_GUID(KSNODETYPE_VOLUME, 0x3A5ACC00, 0xC557, 0x11D0, 0x8A, 0x2B, 0x00, 0xA0, 0xC9, 0x25, 0x5A,
            0xC1);
#define STATIC_KSNODETYPE_PEAKMETER                                                                \
    0xa085651e, 0x5f0d, 0x4b36, 0xa8, 0x69, 0xd1, 0x95, 0xd6, 0xab, 0x4b, 0x9e
DEFINE_GUID(KSNODETYPE_PEAKMETER, 0xA085651E, 0x5F0D, 0x4B36, 0xA8, 0x69, 0xD1, 0x95, 0xD6, 0xAB,
            0x4B, 0x9E);

/* Friendly names of topology nodes. */
#define STATIC_KSAUDFNAME_MASTER_VOLUME                                                            \
    0x185FEDE3, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_MASTER_VOLUME, 0x185FEDE3, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F,
            0xB9, 0x25, 0xD3);
#define STATIC_KSAUDFNAME_MASTER_MUTE                                                              \
    0x185FEDE4, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_MASTER_MUTE, 0x185FEDE4, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9,
            0x25, 0xD3);
#define STATIC_KSAUDFNAME_MIC_VOLUME                                                               \
    0x185FEDED, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_MIC_VOLUME, 0x185FEDED, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9,
            0x25, 0xD3);
#define STATIC_KSAUDFNAME_MIC_MUTE                                                                 \
    0x185FEDEE, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_MIC_MUTE, 0x185FEDEE, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9,
            0x25, 0xD3);
#define STATIC_KSAUDFNAME_RECORDING_CONTROL                                                        \
    0x185FEDFA, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_RECORDING_CONTROL, 0x185FEDFA, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F,
            0xB9, 0x25, 0xD3);
/* Values from Microsoft's Win32 metadata (microsoft/win32metadata, RecompiledIdlHeaders/shared/
 * ksmedia.h): the friendly-name reference gives the names only. Same 185FEDxx family as above. */
#define STATIC_KSAUDFNAME_WAVE_MUTE                                                                \
    0x185FEDE6, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_WAVE_MUTE, 0x185FEDE6, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9,
            0x25, 0xD3);
#define STATIC_KSAUDFNAME_VOLUME_CONTROL                                                           \
    0x185FEDF7, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_VOLUME_CONTROL, 0x185FEDF7, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F,
            0xB9, 0x25, 0xD3);

#define STATIC_KSAUDFNAME_PEAKMETER                                                                \
    0x57e24340, 0xfc5b, 0x4612, 0xa5, 0x62, 0x72, 0xb1, 0x1a, 0x29, 0xdf, 0xae
DEFINE_GUID(KSAUDFNAME_PEAKMETER, 0x57E24340, 0xFC5B, 0x4612, 0xA5, 0x62, 0x72, 0xB1, 0x1A, 0x29,
            0xDF, 0xAE);

/* Audio formats and ranges. */
typedef struct {
    KSDATARANGE DataRange;
    ULONG MaximumChannels;
    ULONG MinimumBitsPerSample;
    ULONG MaximumBitsPerSample;
    ULONG MinimumSampleFrequency;
    ULONG MaximumSampleFrequency;
} KSDATARANGE_AUDIO, *PKSDATARANGE_AUDIO;

typedef struct {
    KSDATAFORMAT DataFormat;
    WAVEFORMATEX WaveFormatEx;
} KSDATAFORMAT_WAVEFORMATEX, *PKSDATAFORMAT_WAVEFORMATEX;

typedef struct {
    KSDATAFORMAT DataFormat;
    WAVEFORMATEXTENSIBLE WaveFormatExt;
} KSDATAFORMAT_WAVEFORMATEXTENSIBLE, *PKSDATAFORMAT_WAVEFORMATEXTENSIBLE;

typedef struct {
    ULONG Flags;
    ULONG Control;
    WAVEFORMATEX WaveFormatEx;
} KSDSOUND_BUFFERDESC, *PKSDSOUND_BUFFERDESC;

typedef struct {
    KSDATAFORMAT DataFormat;
    KSDSOUND_BUFFERDESC BufferDesc;
} KSDATAFORMAT_DSOUND, *PKSDATAFORMAT_DSOUND;

/* Speaker configurations (channel masks). */
#define KSAUDIO_SPEAKER_DIRECTOUT 0
#define KSAUDIO_SPEAKER_MONO      (SPEAKER_FRONT_CENTER)
#define KSAUDIO_SPEAKER_1POINT1   (SPEAKER_FRONT_CENTER | SPEAKER_LOW_FREQUENCY)
#define KSAUDIO_SPEAKER_STEREO    (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT)
#define KSAUDIO_SPEAKER_2POINT1   (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT | SPEAKER_LOW_FREQUENCY)
#define KSAUDIO_SPEAKER_QUAD                                                                       \
    (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT | SPEAKER_BACK_LEFT | SPEAKER_BACK_RIGHT)
#define KSAUDIO_SPEAKER_SURROUND                                                                   \
    (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT | SPEAKER_FRONT_CENTER | SPEAKER_BACK_CENTER)
#define KSAUDIO_SPEAKER_5POINT1                                                                    \
    (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT | SPEAKER_FRONT_CENTER | SPEAKER_LOW_FREQUENCY |     \
     SPEAKER_BACK_LEFT | SPEAKER_BACK_RIGHT)
#define KSAUDIO_SPEAKER_5POINT1_SURROUND                                                           \
    (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT | SPEAKER_FRONT_CENTER | SPEAKER_LOW_FREQUENCY |     \
     SPEAKER_SIDE_LEFT | SPEAKER_SIDE_RIGHT)
/* Obsolete (front left/right of centre instead of sides) but still a documented mask. */
#define KSAUDIO_SPEAKER_7POINT1                                                                    \
    (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT | SPEAKER_FRONT_CENTER | SPEAKER_LOW_FREQUENCY |     \
     SPEAKER_BACK_LEFT | SPEAKER_BACK_RIGHT | SPEAKER_FRONT_LEFT_OF_CENTER |                       \
     SPEAKER_FRONT_RIGHT_OF_CENTER)
#define KSAUDIO_SPEAKER_7POINT1_SURROUND                                                           \
    (SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT | SPEAKER_FRONT_CENTER | SPEAKER_LOW_FREQUENCY |     \
     SPEAKER_BACK_LEFT | SPEAKER_BACK_RIGHT | SPEAKER_SIDE_LEFT | SPEAKER_SIDE_RIGHT)

/* The audio property set. */
#define STATIC_KSPROPSETID_Audio                                                                   \
    0x45FFAAA0, 0x6E1B, 0x11D0, 0xBC, 0xF2, 0x44, 0x45, 0x53, 0x54, 0x00, 0x00
DEFINE_GUID(KSPROPSETID_Audio, 0x45FFAAA0, 0x6E1B, 0x11D0, 0xBC, 0xF2, 0x44, 0x45, 0x53, 0x54, 0x00,
            0x00);

typedef enum {
    KSPROPERTY_AUDIO_LATENCY = 1,
    KSPROPERTY_AUDIO_COPY_PROTECTION,
    KSPROPERTY_AUDIO_CHANNEL_CONFIG,
    KSPROPERTY_AUDIO_VOLUMELEVEL,
    KSPROPERTY_AUDIO_POSITION,
    KSPROPERTY_AUDIO_DYNAMIC_RANGE,
    KSPROPERTY_AUDIO_QUALITY,
    KSPROPERTY_AUDIO_SAMPLING_RATE,
    KSPROPERTY_AUDIO_DYNAMIC_SAMPLING_RATE,
    KSPROPERTY_AUDIO_MIX_LEVEL_TABLE,
    KSPROPERTY_AUDIO_MIX_LEVEL_CAPS,
    KSPROPERTY_AUDIO_MUX_SOURCE,
    KSPROPERTY_AUDIO_MUTE,
    KSPROPERTY_AUDIO_BASS,
    KSPROPERTY_AUDIO_MID,
    KSPROPERTY_AUDIO_TREBLE,
    KSPROPERTY_AUDIO_BASS_BOOST,
    KSPROPERTY_AUDIO_EQ_LEVEL,
    KSPROPERTY_AUDIO_NUM_EQ_BANDS,
    KSPROPERTY_AUDIO_EQ_BANDS,
    KSPROPERTY_AUDIO_AGC,
    KSPROPERTY_AUDIO_DELAY,
    KSPROPERTY_AUDIO_LOUDNESS,
    KSPROPERTY_AUDIO_WIDE_MODE,
    KSPROPERTY_AUDIO_WIDENESS,
    KSPROPERTY_AUDIO_REVERB_LEVEL,
    KSPROPERTY_AUDIO_CHORUS_LEVEL,
    KSPROPERTY_AUDIO_DEV_SPECIFIC,
    KSPROPERTY_AUDIO_DEMUX_DEST,
    KSPROPERTY_AUDIO_STEREO_ENHANCE,
    KSPROPERTY_AUDIO_MANUFACTURE_GUID,
    KSPROPERTY_AUDIO_PRODUCT_GUID,
    KSPROPERTY_AUDIO_CPU_RESOURCES,
    KSPROPERTY_AUDIO_STEREO_SPEAKER_GEOMETRY,
    KSPROPERTY_AUDIO_SURROUND_ENCODE,
    KSPROPERTY_AUDIO_3D_INTERFACE,
    KSPROPERTY_AUDIO_PEAKMETER,
    KSPROPERTY_AUDIO_ALGORITHM_INSTANCE,
    KSPROPERTY_AUDIO_FILTER_STATE,
    KSPROPERTY_AUDIO_PREFERRED_STATUS,
    KSPROPERTY_AUDIO_PEQ_MAX_BANDS,
    KSPROPERTY_AUDIO_PEQ_NUM_BANDS,
    KSPROPERTY_AUDIO_PEQ_BAND_CENTER_FREQ,
    KSPROPERTY_AUDIO_PEQ_BAND_Q_FACTOR,
    KSPROPERTY_AUDIO_PEQ_BAND_LEVEL,
    KSPROPERTY_AUDIO_CHORUS_MODULATION_RATE,
    KSPROPERTY_AUDIO_CHORUS_MODULATION_DEPTH,
    KSPROPERTY_AUDIO_REVERB_TIME,
    KSPROPERTY_AUDIO_REVERB_DELAY_FEEDBACK,
    KSPROPERTY_AUDIO_POSITIONEX,
    KSPROPERTY_AUDIO_MIC_ARRAY_GEOMETRY,
    KSPROPERTY_AUDIO_PRESENTATION_POSITION,
    KSPROPERTY_AUDIO_WAVERT_CURRENT_WRITE_POSITION,
    KSPROPERTY_AUDIO_LINEAR_BUFFER_POSITION,
    KSPROPERTY_AUDIO_PEAKMETER2,
    KSPROPERTY_AUDIO_WAVERT_CURRENT_WRITE_LASTBUFFER_POSITION,
    KSPROPERTY_AUDIO_VOLUMELIMIT_ENGAGED,
    KSPROPERTY_AUDIO_MIC_SENSITIVITY,
    KSPROPERTY_AUDIO_MIC_SNR,
    KSPROPERTY_AUDIO_MIC_SENSITIVITY2
} KSPROPERTY_AUDIO;

#define KSAUDIO_CPU_RESOURCES_NOT_HOST_CPU 0x00000000
#define KSAUDIO_CPU_RESOURCES_HOST_CPU     0x7FFFFFFF

typedef struct {
    DWORDLONG PlayOffset;
    DWORDLONG WriteOffset;
} KSAUDIO_POSITION, *PKSAUDIO_POSITION;

typedef struct {
    UINT64 u64PositionInBlocks;
    UINT64 u64QPCPosition;
} KSAUDIO_PRESENTATION_POSITION, *PKSAUDIO_PRESENTATION_POSITION;

typedef struct {
    LONG ActiveSpeakerPositions;
} KSAUDIO_CHANNEL_CONFIG, *PKSAUDIO_CHANNEL_CONFIG;

/* Microphone arrays (KSPROPERTY_AUDIO_MIC_ARRAY_GEOMETRY). */
typedef enum {
    KSMICARRAY_MICTYPE_OMNIDIRECTIONAL,
    KSMICARRAY_MICTYPE_SUBCARDIOID,
    KSMICARRAY_MICTYPE_CARDIOID,
    KSMICARRAY_MICTYPE_SUPERCARDIOID,
    KSMICARRAY_MICTYPE_HYPERCARDIOID,
    KSMICARRAY_MICTYPE_8SHAPED,
    KSMICARRAY_MICTYPE_VENDORDEFINED = 0x0F
} KSMICARRAY_MICTYPE;

typedef enum {
    KSMICARRAY_MICARRAYTYPE_LINEAR,
    KSMICARRAY_MICARRAYTYPE_PLANAR,
    KSMICARRAY_MICARRAYTYPE_3D
} KSMICARRAY_MICARRAYTYPE;

typedef struct {
    USHORT usType;
    SHORT wXCoord;
    SHORT wYCoord;
    SHORT wZCoord;
    SHORT wVerticalAngle;
    SHORT wHorizontalAngle;
} KSAUDIO_MICROPHONE_COORDINATES, *PKSAUDIO_MICROPHONE_COORDINATES;

typedef struct {
    USHORT usVersion;
    USHORT usMicArrayType;
    SHORT wVerticalAngleBegin;
    SHORT wVerticalAngleEnd;
    SHORT wHorizontalAngleBegin;
    SHORT wHorizontalAngleEnd;
    USHORT usFrequencyBandLo;
    USHORT usFrequencyBandHi;
    USHORT usNumberOfMicrophones;
    KSAUDIO_MICROPHONE_COORDINATES KsMicCoord[1];
} KSAUDIO_MIC_ARRAY_GEOMETRY, *PKSAUDIO_MIC_ARRAY_GEOMETRY;

/* Jacks (KSPROPSETID_Jack). */
#define STATIC_KSPROPSETID_Jack                                                                    \
    0x4509F757, 0x2D46, 0x4637, 0x8E, 0x62, 0xCE, 0x7D, 0xB9, 0x44, 0xF5, 0x7B
DEFINE_GUID(KSPROPSETID_Jack, 0x4509F757, 0x2D46, 0x4637, 0x8E, 0x62, 0xCE, 0x7D, 0xB9, 0x44, 0xF5,
            0x7B);

typedef enum {
    KSPROPERTY_JACK_DESCRIPTION = 1,
    KSPROPERTY_JACK_DESCRIPTION2,
    KSPROPERTY_JACK_SINK_INFO,
    KSPROPERTY_JACK_CONTAINERID,
    KSPROPERTY_JACK_DESCRIPTION3
} KSPROPERTY_JACK;

typedef enum {
    eConnTypeUnknown,
    eConnType3Point5mm,
    eConnTypeQuarter,
    eConnTypeAtapiInternal,
    eConnTypeRCA,
    eConnTypeOptical,
    eConnTypeOtherDigital,
    eConnTypeOtherAnalog,
    eConnTypeMultichannelAnalogDIN,
    eConnTypeXlrProfessional,
    eConnTypeRJ11Modem,
    eConnTypeCombination
} EPcxConnectionType;

typedef enum {
    eGeoLocRear = 0x1,
    eGeoLocFront,
    eGeoLocLeft,
    eGeoLocRight,
    eGeoLocTop,
    eGeoLocBottom,
    eGeoLocRearPanel,
    eGeoLocRiser,
    eGeoLocInsideMobileLid,
    eGeoLocDrivebay,
    eGeoLocHDMI,
    eGeoLocOutsideMobileLid,
    eGeoLocATAPI,
    eGeoLocNotApplicable,
    eGeoLocReserved6,
    EPcxGeoLocation_enum_count
} EPcxGeoLocation;

typedef enum {
    eGenLocPrimaryBox = 0,
    eGenLocInternal,
    eGenLocSeparate,
    eGenLocOther,
    EPcxGenLocation_enum_count
} EPcxGenLocation;

typedef enum {
    ePortConnJack = 0,
    ePortConnIntegratedDevice,
    ePortConnBothIntegratedAndJack,
    ePortConnUnknown
} EPxcPortConnection;

typedef struct {
    DWORD ChannelMapping;
    DWORD Color;
    EPcxConnectionType ConnectionType;
    EPcxGeoLocation GeoLocation;
    EPcxGenLocation GenLocation;
    EPxcPortConnection PortConnection;
    BOOL IsConnected;
} KSJACK_DESCRIPTION, *PKSJACK_DESCRIPTION;

#define JACKDESC_RGB(r, g, b) ((DWORD)((((r)&0xFF) << 16) | (((g)&0xFF) << 8) | ((b)&0xFF)))

#define JACKDESC2_PRESENCE_DETECT_CAPABILITY       0x00000001
#define JACKDESC2_DYNAMIC_FORMAT_CHANGE_CAPABILITY 0x00000002

typedef struct {
    DWORD DeviceStateInfo;
    DWORD JackCapabilities;
} KSJACK_DESCRIPTION2, *PKSJACK_DESCRIPTION2;

/* KSPROPERTY_JACK_DESCRIPTION3's value (session 12, TabletAudioSample): the driver's own
 * configuration identifier, a ULONG per the ksjack_description3 page. */
typedef struct _tagKSJACK_DESCRIPTION3 {
    ULONG ConfigId;
} KSJACK_DESCRIPTION3, *PKSJACK_DESCRIPTION3;

/* The sink of an HDMI or DisplayPort jack (KSPROPERTY_JACK_SINK_INFO). */
typedef enum {
    KSJACK_SINK_CONNECTIONTYPE_HDMI = 0,
    KSJACK_SINK_CONNECTIONTYPE_DISPLAYPORT
} KSJACK_SINK_CONNECTIONTYPE;

#define MAX_SINK_DESCRIPTION_NAME_LENGTH 32

typedef struct _tagKSJACK_SINK_INFORMATION {
    KSJACK_SINK_CONNECTIONTYPE ConnType;
    WORD ManufacturerId;
    WORD ProductId;
    WORD AudioLatency;
    BOOL HDCPCapable;
    BOOL AICapable;
    UCHAR SinkDescriptionLength;
    WCHAR SinkDescription[MAX_SINK_DESCRIPTION_NAME_LENGTH];
    LUID PortId;
} KSJACK_SINK_INFORMATION, *PKSJACK_SINK_INFORMATION;

/* Pin capability change events. */
#define STATIC_KSEVENTSETID_PinCapsChange                                                          \
    0xDD4F192E, 0x3B78, 0x49AD, 0xA5, 0x34, 0x2C, 0x31, 0x5B, 0x82, 0x20, 0x00
DEFINE_GUID(KSEVENTSETID_PinCapsChange, 0xDD4F192E, 0x3B78, 0x49AD, 0xA5, 0x34, 0x2C, 0x31, 0x5B,
            0x82, 0x20, 0x00);

typedef enum {
    KSEVENT_PINCAPS_FORMATCHANGE,
    KSEVENT_PINCAPS_JACKINFOCHANGE
} KSEVENT_PINCAPS_CHANGENOTIFICATIONS;

/* The real-time (WaveRT) audio property set. */
#define STATIC_KSPROPSETID_RtAudio                                                                 \
    0xa855a48c, 0x2f78, 0x4729, 0x90, 0x51, 0x19, 0x68, 0x74, 0x6b, 0x9e, 0xef
DEFINE_GUID(KSPROPSETID_RtAudio, 0xA855A48C, 0x2F78, 0x4729, 0x90, 0x51, 0x19, 0x68, 0x74, 0x6B,
            0x9E, 0xEF);

typedef struct {
    ULONG FifoSize;
    ULONG ChipsetDelay;
    ULONG CodecDelay;
} KSRTAUDIO_HWLATENCY, *PKSRTAUDIO_HWLATENCY;

typedef struct {
    PVOID Register;
    ULONG Width;
    ULONGLONG Numerator;
    ULONGLONG Denominator;
    ULONG Accuracy;
} KSRTAUDIO_HWREGISTER, *PKSRTAUDIO_HWREGISTER;

/* Signal processing modes and the format attribute that names one. */
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_DEFAULT                                                  \
    0xc18e2f7e, 0x933d, 0x4965, 0xb7, 0xd1, 0x1e, 0xef, 0x22, 0x8d, 0x2a, 0xf3
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_DEFAULT, 0xC18E2F7E, 0x933D, 0x4965, 0xB7, 0xD1, 0x1E, 0xEF,
            0x22, 0x8D, 0x2A, 0xF3);
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_RAW                                                      \
    0x9e90ea20, 0xb493, 0x4fd1, 0xa1, 0xa8, 0x7e, 0x13, 0x61, 0xa9, 0x56, 0xcf
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_RAW, 0x9E90EA20, 0xB493, 0x4FD1, 0xA1, 0xA8, 0x7E, 0x13,
            0x61, 0xA9, 0x56, 0xCF);
#define STATIC_KSATTRIBUTEID_AUDIOSIGNALPROCESSING_MODE                                            \
    0xe1f89eb5, 0x5f46, 0x419b, 0x96, 0x7b, 0xff, 0x67, 0x70, 0xb9, 0x84, 0x01
DEFINE_GUID(KSATTRIBUTEID_AUDIOSIGNALPROCESSING_MODE, 0xE1F89EB5, 0x5F46, 0x419B, 0x96, 0x7B, 0xFF,
            0x67, 0x70, 0xB9, 0x84, 0x01);

typedef struct {
    KSATTRIBUTE AttributeHeader;
    GUID SignalProcessingMode;
} KSATTRIBUTE_AUDIOSIGNALPROCESSING_MODE, *PKSATTRIBUTE_AUDIOSIGNALPROCESSING_MODE;

/* ---- Audio modules (session 12, TabletAudioSample): the KSPROPSETID_AudioModule property set,
 * its descriptors and change notification. GUIDs as the KSPROPSETID_AudioModule page and the
 * KSAUDIOMODULE_NOTIFICATION page print them; the name's size from the descriptor page. */
#define AUDIOMODULE_MAX_NAME_CCH_SIZE 128

#define STATIC_KSPROPSETID_AudioModule                                                             \
    0xC034FDB0, 0xFF75, 0x47C8, 0xAA, 0x3C, 0xEE, 0x46, 0x71, 0x6B, 0x50, 0xC6
DEFINE_GUIDSTRUCT("C034FDB0-FF75-47C8-AA3C-EE46716B50C6", KSPROPSETID_AudioModule);
#define KSPROPSETID_AudioModule DEFINE_GUIDNAMED(KSPROPSETID_AudioModule)

typedef enum {
    KSPROPERTY_AUDIOMODULE_DESCRIPTORS = 1,
    KSPROPERTY_AUDIOMODULE_COMMAND = 2,
    KSPROPERTY_AUDIOMODULE_NOTIFICATION_DEVICE_ID = 3
} KSPROPERTY_AUDIOMODULE;

/* One module as KSPROPERTY_AUDIOMODULE_DESCRIPTORS lists it. */
typedef struct _KSAUDIOMODULE_DESCRIPTOR {
    GUID ClassId;
    ULONG InstanceId;
    ULONG VersionMajor;
    ULONG VersionMinor;
    WCHAR Name[AUDIOMODULE_MAX_NAME_CCH_SIZE];
} KSAUDIOMODULE_DESCRIPTOR, *PKSAUDIOMODULE_DESCRIPTOR;

/* The property descriptor that addresses one module instance. */
typedef struct _KSAUDIOMODULE_PROPERTY {
    KSPROPERTY Property;
    GUID ClassId;
    ULONG InstanceId;
} KSAUDIOMODULE_PROPERTY, *PKSAUDIOMODULE_PROPERTY;

/* The payload's header of a module's change notification (IPortClsNotifications). */
typedef struct _KSAUDIOMODULE_NOTIFICATION {
    union {
        struct {
            GUID DeviceId; /* as KSPROPERTY_AUDIOMODULE_NOTIFICATION_DEVICE_ID returns it */
            GUID ClassId;
            ULONG InstanceId;
            ULONG Reserved;
        } ProviderId;
        LONGLONG Alignment;
    };
} KSAUDIOMODULE_NOTIFICATION, *PKSAUDIOMODULE_NOTIFICATION;

#define STATIC_KSNOTIFICATIONID_AudioModule                                                        \
    0x9C2220F0, 0xD9A6, 0x4D5C, 0xA0, 0x36, 0x57, 0x38, 0x57, 0xFD, 0x50, 0xD2
DEFINE_GUIDSTRUCT("9C2220F0-D9A6-4D5C-A036-573857FD50D2", KSNOTIFICATIONID_AudioModule);
#define KSNOTIFICATIONID_AudioModule DEFINE_GUIDNAMED(KSNOTIFICATIONID_AudioModule)

/* ---- Session 12 (TabletAudioSample): the other signal processing modes, node types, friendly
 * names, the Bluetooth audio property set and the control-change event set. Their GUID values
 * are on no reference page: taken from Microsoft's Win32 metadata (microsoft/win32metadata,
 * generation/WinSDK/RecompiledIdlHeaders/shared/ksmedia.h), as issue 16 decided for GUIDs.
 * The headset node types are the metadata's aliases of two USB terminal types (personal
 * microphone 0x0203, communication speaker 0x0306). */
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_COMMUNICATIONS                                           \
    0x98951333, 0xB9CD, 0x48B1, 0xA0, 0xA3, 0xFF, 0x40, 0x68, 0x2D, 0x73, 0xF7
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_COMMUNICATIONS, 0x98951333, 0xB9CD, 0x48B1, 0xA0, 0xA3, 0xFF,
            0x40, 0x68, 0x2D, 0x73, 0xF7);
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_SPEECH                                                   \
    0xFC1CFC9B, 0xB9D6, 0x4CFA, 0xB5, 0xE0, 0x4B, 0xB2, 0x16, 0x68, 0x78, 0xB2
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_SPEECH, 0xFC1CFC9B, 0xB9D6, 0x4CFA, 0xB5, 0xE0, 0x4B, 0xB2,
            0x16, 0x68, 0x78, 0xB2);
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_NOTIFICATION                                             \
    0x9CF2A70B, 0xF377, 0x403B, 0xBD, 0x6B, 0x36, 0x08, 0x63, 0xE0, 0x35, 0x5C
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_NOTIFICATION, 0x9CF2A70B, 0xF377, 0x403B, 0xBD, 0x6B, 0x36,
            0x08, 0x63, 0xE0, 0x35, 0x5C);
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_MEDIA                                                    \
    0x4780004E, 0x7133, 0x41D8, 0x8C, 0x74, 0x66, 0x0D, 0xAD, 0xD2, 0xC0, 0xEE
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_MEDIA, 0x4780004E, 0x7133, 0x41D8, 0x8C, 0x74, 0x66, 0x0D,
            0xAD, 0xD2, 0xC0, 0xEE);
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_MOVIE                                                    \
    0xB26FEB0D, 0xEC94, 0x477C, 0x94, 0x94, 0xD1, 0xAB, 0x8E, 0x75, 0x3F, 0x6E
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_MOVIE, 0xB26FEB0D, 0xEC94, 0x477C, 0x94, 0x94, 0xD1, 0xAB,
            0x8E, 0x75, 0x3F, 0x6E);
#define STATIC_AUDIO_SIGNALPROCESSINGMODE_FAR_FIELD_SPEECH                                         \
    0x28941CBA, 0x3BE6, 0x4A78, 0x9A, 0x76, 0x30, 0xFD, 0x91, 0x55, 0x9B, 0x64
DEFINE_GUID(AUDIO_SIGNALPROCESSINGMODE_FAR_FIELD_SPEECH, 0x28941CBA, 0x3BE6, 0x4A78, 0x9A, 0x76,
            0x30, 0xFD, 0x91, 0x55, 0x9B, 0x64);
#define STATIC_KSNODETYPE_HDMI_INTERFACE                                                           \
    0xD1B9CC2A, 0xF519, 0x417F, 0x91, 0xC9, 0x55, 0xFA, 0x65, 0x48, 0x10, 0x01
DEFINE_GUID(KSNODETYPE_HDMI_INTERFACE, 0xD1B9CC2A, 0xF519, 0x417F, 0x91, 0xC9, 0x55, 0xFA, 0x65,
            0x48, 0x10, 0x01);
#define STATIC_KSNODETYPE_AUDIO_LOOPBACK                                                           \
    0x8F42C0B2, 0x91CE, 0x4BCF, 0x9C, 0xCD, 0x0E, 0x59, 0x90, 0x37, 0xAB, 0x35
DEFINE_GUID(KSNODETYPE_AUDIO_LOOPBACK, 0x8F42C0B2, 0x91CE, 0x4BCF, 0x9C, 0xCD, 0x0E, 0x59, 0x90,
            0x37, 0xAB, 0x35);
#define STATIC_KSNODETYPE_AUDIO_KEYWORDDETECTOR                                                    \
    0x3817E0B8, 0xDF58, 0x4375, 0xB6, 0x69, 0xC4, 0x96, 0x34, 0x33, 0x1F, 0x9D
DEFINE_GUID(KSNODETYPE_AUDIO_KEYWORDDETECTOR, 0x3817E0B8, 0xDF58, 0x4375, 0xB6, 0x69, 0xC4, 0x96,
            0x34, 0x33, 0x1F, 0x9D);
#define STATIC_KSNODETYPE_AUDIO_ENGINE                                                             \
    0x35CAF6E4, 0xF3B3, 0x4168, 0xBB, 0x4B, 0x55, 0xE7, 0x7A, 0x46, 0x1C, 0x7E
DEFINE_GUID(KSNODETYPE_AUDIO_ENGINE, 0x35CAF6E4, 0xF3B3, 0x4168, 0xBB, 0x4B, 0x55, 0xE7, 0x7A, 0x46,
            0x1C, 0x7E);
#define STATIC_KSNODETYPE_PERSONAL_MICROPHONE DEFINE_USB_TERMINAL_GUID(0x0203)
DEFINE_GUID(KSNODETYPE_PERSONAL_MICROPHONE, 0xDFF21BE3, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0,
            0xC9, 0x22, 0x31, 0x96);
#define STATIC_KSNODETYPE_COMMUNICATION_SPEAKER DEFINE_USB_TERMINAL_GUID(0x0306)
DEFINE_GUID(KSNODETYPE_COMMUNICATION_SPEAKER, 0xDFF21CE6, 0xF70F, 0x11D0, 0xB9, 0x17, 0x00, 0xA0,
            0xC9, 0x22, 0x31, 0x96);
#define KSNODETYPE_HEADSET_MICROPHONE KSNODETYPE_PERSONAL_MICROPHONE
#define KSNODETYPE_HEADSET_SPEAKERS   KSNODETYPE_COMMUNICATION_SPEAKER
#define STATIC_KSAUDFNAME_WAVE_VOLUME                                                              \
    0x185FEDE5, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_WAVE_VOLUME, 0x185FEDE5, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9,
            0x25, 0xD3);
#define STATIC_KSAUDFNAME_LINE_VOLUME                                                              \
    0x185FEDEB, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_LINE_VOLUME, 0x185FEDEB, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9,
            0x25, 0xD3);
#define STATIC_KSAUDFNAME_LINE_MUTE                                                                \
    0x185FEDEC, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSAUDFNAME_LINE_MUTE, 0x185FEDEC, 0x9905, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9,
            0x25, 0xD3);
#define STATIC_KSPROPSETID_BtAudio                                                                 \
    0x7FA06C40, 0xB8F6, 0x4C7E, 0x85, 0x56, 0xE8, 0xC3, 0x3A, 0x12, 0xE5, 0x4D
DEFINE_GUID(KSPROPSETID_BtAudio, 0x7FA06C40, 0xB8F6, 0x4C7E, 0x85, 0x56, 0xE8, 0xC3, 0x3A, 0x12,
            0xE5, 0x4D);
/* The pages list the members without values: numbered from 0 in their order. */
typedef enum {
    KSPROPERTY_ONESHOT_RECONNECT,
    KSPROPERTY_ONESHOT_DISCONNECT
} KSPROPERTY_BTAUDIO;
#define STATIC_KSEVENTSETID_AudioControlChange                                                     \
    0xE85E9698, 0xFA2F, 0x11D1, 0x95, 0xBD, 0x00, 0xC0, 0x4F, 0xB9, 0x25, 0xD3
DEFINE_GUID(KSEVENTSETID_AudioControlChange, 0xE85E9698, 0xFA2F, 0x11D1, 0x95, 0xBD, 0x00, 0xC0,
            0x4F, 0xB9, 0x25, 0xD3);
typedef enum {
    KSEVENT_CONTROL_CHANGE
} KSEVENT_AUDIO_CONTROL_CHANGE;

/* ---- Sound detectors (keyword spotters) and interleaved loopback audio (session 12,
 * TabletAudioSample). Members from the KSPROPERTY_SOUNDDETECTOR, KSEVENT_SOUNDDETECTOR,
 * KSSOUNDDETECTORPROPERTY, KSPROPERTY_INTERLEAVEDAUDIO and INTERLEAVED_AUDIO_FORMAT_INFORMATION
 * pages. The pages give neither the GUIDs nor the enumerations' values nor the structure
 * members' types: those come from Microsoft's Win32 metadata (RecompiledIdlHeaders/shared/
 * ksmedia.h; each enumeration starts at 1, every member a 32-bit count, index or mask). */
#define STATIC_KSPROPSETID_SoundDetector                                                           \
    0x113C425E, 0xFD17, 0x4057, 0xB4, 0x22, 0xED, 0x40, 0x74, 0xF1, 0xAF, 0xDF
DEFINE_GUID(KSPROPSETID_SoundDetector, 0x113C425E, 0xFD17, 0x4057, 0xB4, 0x22, 0xED, 0x40, 0x74,
            0xF1, 0xAF, 0xDF);
#define STATIC_KSPROPSETID_SoundDetector2                                                          \
    0xFE07E322, 0x450C, 0x4BD5, 0x84, 0xCA, 0xA9, 0x48, 0x50, 0x0E, 0xA6, 0xAA
DEFINE_GUID(KSPROPSETID_SoundDetector2, 0xFE07E322, 0x450C, 0x4BD5, 0x84, 0xCA, 0xA9, 0x48, 0x50,
            0x0E, 0xA6, 0xAA);
typedef enum {
    KSPROPERTY_SOUNDDETECTOR_SUPPORTEDPATTERNS = 1,
    KSPROPERTY_SOUNDDETECTOR_PATTERNS,
    KSPROPERTY_SOUNDDETECTOR_ARMED,
    KSPROPERTY_SOUNDDETECTOR_MATCHRESULT,
    KSPROPERTY_SOUNDDETECTOR_RESET,
    KSPROPERTY_SOUNDDETECTOR_STREAMINGSUPPORT
} KSPROPERTY_SOUNDDETECTOR;

/* Every KSPROPSETID_SoundDetector2 request: the property and the voice agent's event ID. */
typedef struct {
    KSPROPERTY Property;
    GUID EventId;
} KSSOUNDDETECTORPROPERTY, *PKSSOUNDDETECTORPROPERTY;

#define STATIC_KSEVENTSETID_SoundDetector                                                          \
    0x69785C9B, 0xFC2D, 0x49D6, 0xAC, 0x32, 0x47, 0x99, 0xF8, 0x7D, 0xE9, 0xF6
DEFINE_GUID(KSEVENTSETID_SoundDetector, 0x69785C9B, 0xFC2D, 0x49D6, 0xAC, 0x32, 0x47, 0x99, 0xF8,
            0x7D, 0xE9, 0xF6);
typedef enum {
    KSEVENT_SOUNDDETECTOR_MATCHDETECTED = 1
} KSEVENT_SOUNDDETECTOR;

/* An IPortClsNotifications notification whose payload is a SOUNDDETECTOR_PATTERNHEADER. */
#define STATIC_KSNOTIFICATIONID_SoundDetector                                                      \
    0x6389D844, 0xBB32, 0x4C4C, 0xA8, 0x02, 0xF4, 0xB4, 0xB7, 0x7A, 0xFE, 0xAD
DEFINE_GUID(KSNOTIFICATIONID_SoundDetector, 0x6389D844, 0xBB32, 0x4C4C, 0xA8, 0x02, 0xF4, 0xB4,
            0xB7, 0x7A, 0xFE, 0xAD);
#define STATIC_KSPROPSETID_InterleavedAudio                                                        \
    0xE9EBE550, 0xD619, 0x4C0A, 0x97, 0x6B, 0x70, 0x62, 0x32, 0x2B, 0x30, 0x06
DEFINE_GUID(KSPROPSETID_InterleavedAudio, 0xE9EBE550, 0xD619, 0x4C0A, 0x97, 0x6B, 0x70, 0x62, 0x32,
            0x2B, 0x30, 0x06);
typedef enum {
    KSPROPERTY_INTERLEAVEDAUDIO_FORMATINFORMATION = 1
} KSPROPERTY_INTERLEAVEDAUDIO;

/* Which channels of a keyword spotter pin's stream are the microphones and which the
 * interleaved loopback audio. */
typedef struct {
    ULONG Size;
    ULONG PrimaryChannelCount;
    ULONG PrimaryChannelStartPosition;
    ULONG PrimaryChannelMask;
    ULONG InterleavedChannelCount;
    ULONG InterleavedChannelStartPosition;
    ULONG InterleavedChannelMask;
} INTERLEAVED_AUDIO_FORMAT_INFORMATION, *PINTERLEAVED_AUDIO_FORMAT_INFORMATION;

/* ---- Audio posture, resource groups and packet-size constraints (session 12,
 * TabletAudioSample). Members from the AUDIOPOSTURE_ORIENTATION, KSPROPERTY_AUDIOPOSTURE,
 * KSPROPERTY_AUDIORESOURCEMANAGEMENT and KSAUDIO_PACKETSIZE_* pages; the GUIDs, the devpkey,
 * the enumerations' values, MAX_RESOURCEGROUPID_LENGTH and the member types the pages leave out
 * from Microsoft's Win32 metadata (RecompiledIdlHeaders/shared/ksmedia.h). */
#define STATIC_KSPROPSETID_AudioPosture                                                            \
    0xA3FB7B0D, 0x474E, 0x4F51, 0xA3, 0x79, 0x51, 0x28, 0x2D, 0xD4, 0xFA, 0x8F
DEFINE_GUID(KSPROPSETID_AudioPosture, 0xA3FB7B0D, 0x474E, 0x4F51, 0xA3, 0x79, 0x51, 0x28, 0x2D,
            0xD4, 0xFA, 0x8F);
typedef enum {
    KSPROPERTY_AUDIOPOSTURE_ORIENTATION = 1
} KSPROPERTY_AUDIOPOSTURE;

/* The UI's (not the sensor's) rotation of the screen the endpoint is tied to. */
typedef enum {
    AUDIOPOSTURE_ORIENTATION_NOTROTATED = 0,
    AUDIOPOSTURE_ORIENTATION_ROTATED90DEGREESCOUNTERCLOCKWISE,
    AUDIOPOSTURE_ORIENTATION_ROTATED180DEGREESCOUNTERCLOCKWISE,
    AUDIOPOSTURE_ORIENTATION_ROTATED270DEGREESCOUNTERCLOCKWISE
} AUDIOPOSTURE_ORIENTATION;

#define STATIC_KSPROPSETID_AudioResourceManagement                                                 \
    0xD0B305E1, 0xB2CC, 0x484C, 0x8F, 0x23, 0xE5, 0xD2, 0x8A, 0xD9, 0xCF, 0x88
DEFINE_GUID(KSPROPSETID_AudioResourceManagement, 0xD0B305E1, 0xB2CC, 0x484C, 0x8F, 0x23, 0xE5, 0xD2,
            0x8A, 0xD9, 0xCF, 0x88);
typedef enum {
    KSPROPERTY_AUDIORESOURCEMANAGEMENT_RESOURCEGROUP
} KSPROPERTY_AUDIORESOURCEMANAGEMENT;

#define MAX_RESOURCEGROUPID_LENGTH 256

/* KSPROPERTY_AUDIORESOURCEMANAGEMENT_RESOURCEGROUP's value: a resource group taken or released. */
typedef struct {
    BOOL ResourceGroupAcquired;
    WCHAR ResourceGroupName[MAX_RESOURCEGROUPID_LENGTH];
} AUDIORESOURCEMANAGEMENT_RESOURCEGROUP, *PAUDIORESOURCEMANAGEMENT_RESOURCEGROUP;

/* A signal processing mode's packet size: samples per packet, or its duration (100 ns). */
typedef struct _KSAUDIO_PACKETSIZE_SIGNALPROCESSINGMODE_CONSTRAINT {
    GUID ProcessingMode;
    ULONG SamplesPerProcessingPacket;
    ULONG ProcessingPacketDurationInHns;
} KSAUDIO_PACKETSIZE_PROCESSINGMODE_CONSTRAINT;

typedef struct _KSAUDIO_PACKETSIZE_CONSTRAINTS {
    ULONG MinPacketPeriodInHns;
    ULONG PacketSizeFileAlignment;
    ULONG Reserved;
    ULONG NumProcessingModeConstraints;
    KSAUDIO_PACKETSIZE_PROCESSINGMODE_CONSTRAINT ProcessingModeConstraints[ANYSIZE_ARRAY];
} KSAUDIO_PACKETSIZE_CONSTRAINTS;

/* Version 2 caps the packet's size where version 1 had a reserved member. */
typedef struct _KSAUDIO_PACKETSIZE_CONSTRAINTS2 {
    ULONG MinPacketPeriodInHns;
    ULONG PacketSizeFileAlignment;
    ULONG MaxPacketSizeInBytes;
    ULONG NumProcessingModeConstraints;
    KSAUDIO_PACKETSIZE_PROCESSINGMODE_CONSTRAINT ProcessingModeConstraints[ANYSIZE_ARRAY];
} KSAUDIO_PACKETSIZE_CONSTRAINTS2;

/* The device interface property a driver sets to a KSAUDIO_PACKETSIZE_CONSTRAINTS2 (binary). */
DEFINE_DEVPROPKEY(DEVPKEY_KsAudio_PacketSize_Constraints2, 0x9404F781, 0x7191, 0x409B, 0x8B, 0x0B,
                  0x80, 0xBF, 0x6E, 0xC2, 0x29, 0xAE, 2);

/* ---- Audio effect types (the GUIDs a KSPROPERTY_AUDIOEFFECTSDISCOVERY_EFFECTSLIST value lists)
 * and the loopback constrictor's options (session 12, TabletAudioSample). No page gives these
 * values: from Microsoft's Win32 metadata (RecompiledIdlHeaders/shared/ksmedia.h), where the
 * effect types are one family, consecutive in their first field from 0x6F64ADBE. The
 * CONSTRICTOR_OPTION page lists DISABLE and MUTE; the metadata numbers them from 0. */
#define DRVHOST_AUDIO_EFFECT_TYPE_(n)                                                              \
    0x6F64ADBE + (n), 0x8211, 0x11E2, 0x8C, 0x70, 0x2C, 0x27, 0xD7, 0xF0, 0x01, 0xFA
#define STATIC_AUDIO_EFFECT_TYPE_ACOUSTIC_ECHO_CANCELLATION DRVHOST_AUDIO_EFFECT_TYPE_(0)
DEFINE_GUIDSTRUCT("6F64ADBE-8211-11E2-8C70-2C27D7F001FA",
                  AUDIO_EFFECT_TYPE_ACOUSTIC_ECHO_CANCELLATION);
#define AUDIO_EFFECT_TYPE_ACOUSTIC_ECHO_CANCELLATION                                               \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_ACOUSTIC_ECHO_CANCELLATION)
#define STATIC_AUDIO_EFFECT_TYPE_NOISE_SUPPRESSION DRVHOST_AUDIO_EFFECT_TYPE_(1)
DEFINE_GUIDSTRUCT("6F64ADBF-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_NOISE_SUPPRESSION);
#define AUDIO_EFFECT_TYPE_NOISE_SUPPRESSION             DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_NOISE_SUPPRESSION)
#define STATIC_AUDIO_EFFECT_TYPE_AUTOMATIC_GAIN_CONTROL DRVHOST_AUDIO_EFFECT_TYPE_(2)
DEFINE_GUIDSTRUCT("6F64ADC0-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_AUTOMATIC_GAIN_CONTROL);
#define AUDIO_EFFECT_TYPE_AUTOMATIC_GAIN_CONTROL                                                   \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_AUTOMATIC_GAIN_CONTROL)
#define STATIC_AUDIO_EFFECT_TYPE_BEAMFORMING DRVHOST_AUDIO_EFFECT_TYPE_(3)
DEFINE_GUIDSTRUCT("6F64ADC1-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_BEAMFORMING);
#define AUDIO_EFFECT_TYPE_BEAMFORMING                  DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_BEAMFORMING)
#define STATIC_AUDIO_EFFECT_TYPE_CONSTANT_TONE_REMOVAL DRVHOST_AUDIO_EFFECT_TYPE_(4)
DEFINE_GUIDSTRUCT("6F64ADC2-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_CONSTANT_TONE_REMOVAL);
#define AUDIO_EFFECT_TYPE_CONSTANT_TONE_REMOVAL                                                    \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_CONSTANT_TONE_REMOVAL)
#define STATIC_AUDIO_EFFECT_TYPE_EQUALIZER DRVHOST_AUDIO_EFFECT_TYPE_(5)
DEFINE_GUIDSTRUCT("6F64ADC3-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_EQUALIZER);
#define AUDIO_EFFECT_TYPE_EQUALIZER                 DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_EQUALIZER)
#define STATIC_AUDIO_EFFECT_TYPE_LOUDNESS_EQUALIZER DRVHOST_AUDIO_EFFECT_TYPE_(6)
DEFINE_GUIDSTRUCT("6F64ADC4-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_LOUDNESS_EQUALIZER);
#define AUDIO_EFFECT_TYPE_LOUDNESS_EQUALIZER DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_LOUDNESS_EQUALIZER)
#define STATIC_AUDIO_EFFECT_TYPE_BASS_BOOST  DRVHOST_AUDIO_EFFECT_TYPE_(7)
DEFINE_GUIDSTRUCT("6F64ADC5-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_BASS_BOOST);
#define AUDIO_EFFECT_TYPE_BASS_BOOST              DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_BASS_BOOST)
#define STATIC_AUDIO_EFFECT_TYPE_VIRTUAL_SURROUND DRVHOST_AUDIO_EFFECT_TYPE_(8)
DEFINE_GUIDSTRUCT("6F64ADC6-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_VIRTUAL_SURROUND);
#define AUDIO_EFFECT_TYPE_VIRTUAL_SURROUND          DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_VIRTUAL_SURROUND)
#define STATIC_AUDIO_EFFECT_TYPE_VIRTUAL_HEADPHONES DRVHOST_AUDIO_EFFECT_TYPE_(9)
DEFINE_GUIDSTRUCT("6F64ADC7-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_VIRTUAL_HEADPHONES);
#define AUDIO_EFFECT_TYPE_VIRTUAL_HEADPHONES  DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_VIRTUAL_HEADPHONES)
#define STATIC_AUDIO_EFFECT_TYPE_SPEAKER_FILL DRVHOST_AUDIO_EFFECT_TYPE_(10)
DEFINE_GUIDSTRUCT("6F64ADC8-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_SPEAKER_FILL);
#define AUDIO_EFFECT_TYPE_SPEAKER_FILL           DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_SPEAKER_FILL)
#define STATIC_AUDIO_EFFECT_TYPE_ROOM_CORRECTION DRVHOST_AUDIO_EFFECT_TYPE_(11)
DEFINE_GUIDSTRUCT("6F64ADC9-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_ROOM_CORRECTION);
#define AUDIO_EFFECT_TYPE_ROOM_CORRECTION        DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_ROOM_CORRECTION)
#define STATIC_AUDIO_EFFECT_TYPE_BASS_MANAGEMENT DRVHOST_AUDIO_EFFECT_TYPE_(12)
DEFINE_GUIDSTRUCT("6F64ADCA-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_BASS_MANAGEMENT);
#define AUDIO_EFFECT_TYPE_BASS_MANAGEMENT              DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_BASS_MANAGEMENT)
#define STATIC_AUDIO_EFFECT_TYPE_ENVIRONMENTAL_EFFECTS DRVHOST_AUDIO_EFFECT_TYPE_(13)
DEFINE_GUIDSTRUCT("6F64ADCB-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_ENVIRONMENTAL_EFFECTS);
#define AUDIO_EFFECT_TYPE_ENVIRONMENTAL_EFFECTS                                                    \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_ENVIRONMENTAL_EFFECTS)
#define STATIC_AUDIO_EFFECT_TYPE_SPEAKER_PROTECTION DRVHOST_AUDIO_EFFECT_TYPE_(14)
DEFINE_GUIDSTRUCT("6F64ADCC-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_SPEAKER_PROTECTION);
#define AUDIO_EFFECT_TYPE_SPEAKER_PROTECTION          DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_SPEAKER_PROTECTION)
#define STATIC_AUDIO_EFFECT_TYPE_SPEAKER_COMPENSATION DRVHOST_AUDIO_EFFECT_TYPE_(15)
DEFINE_GUIDSTRUCT("6F64ADCD-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_SPEAKER_COMPENSATION);
#define AUDIO_EFFECT_TYPE_SPEAKER_COMPENSATION                                                     \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_SPEAKER_COMPENSATION)
#define STATIC_AUDIO_EFFECT_TYPE_DYNAMIC_RANGE_COMPRESSION DRVHOST_AUDIO_EFFECT_TYPE_(16)
DEFINE_GUIDSTRUCT("6F64ADCE-8211-11E2-8C70-2C27D7F001FA",
                  AUDIO_EFFECT_TYPE_DYNAMIC_RANGE_COMPRESSION);
#define AUDIO_EFFECT_TYPE_DYNAMIC_RANGE_COMPRESSION                                                \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_DYNAMIC_RANGE_COMPRESSION)
#define STATIC_AUDIO_EFFECT_TYPE_FAR_FIELD_BEAMFORMING DRVHOST_AUDIO_EFFECT_TYPE_(17)
DEFINE_GUIDSTRUCT("6F64ADCF-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_FAR_FIELD_BEAMFORMING);
#define AUDIO_EFFECT_TYPE_FAR_FIELD_BEAMFORMING                                                    \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_FAR_FIELD_BEAMFORMING)
#define STATIC_AUDIO_EFFECT_TYPE_DEEP_NOISE_SUPPRESSION DRVHOST_AUDIO_EFFECT_TYPE_(18)
DEFINE_GUIDSTRUCT("6F64ADD0-8211-11E2-8C70-2C27D7F001FA", AUDIO_EFFECT_TYPE_DEEP_NOISE_SUPPRESSION);
#define AUDIO_EFFECT_TYPE_DEEP_NOISE_SUPPRESSION                                                   \
    DEFINE_GUIDNAMED(AUDIO_EFFECT_TYPE_DEEP_NOISE_SUPPRESSION)

typedef enum {
    CONSTRICTOR_OPTION_DISABLE = 0,
    CONSTRICTOR_OPTION_MUTE
} CONSTRICTOR_OPTION;

/* The header of each keyword pattern in KSPROPERTY_SOUNDDETECTOR_PATTERNS: Size bytes of pattern
 * data in the PatternType format follow it. */
typedef struct {
    ULONG Size;
    GUID PatternType;
} SOUNDDETECTOR_PATTERNHEADER, *PSOUNDDETECTOR_PATTERNHEADER;

/* ---- The hardware audio engine's structures (session 12, TabletAudioSample's offload pin:
 * IMiniportAudioEngineNode in portcls.h takes them). Members, their order and types as the
 * ksmedia reference pages (_tagksaudioengine_descriptor, _tagksaudioengine_buffer_size_range,
 * _tagksaudioengine_volumelevel, audio_curve_type) give them. The buffer-size range's page lists
 * MinBufferBytes first (an earlier revision's syntax block had Max first); Microsoft's Win32
 * metadata (RecompiledIdlHeaders/shared/ksmedia.h) agrees with the member list: Min first. */
typedef struct _tagKSAUDIOENGINE_DESCRIPTOR {
    UINT nHostPinId;
    UINT nOffloadPinId;
    UINT nLoopbackPinId;
} KSAUDIOENGINE_DESCRIPTOR, *PKSAUDIOENGINE_DESCRIPTOR;

typedef struct _tagKSAUDIOENGINE_BUFFER_SIZE_RANGE {
    ULONG MinBufferBytes;
    ULONG MaxBufferBytes;
} KSAUDIOENGINE_BUFFER_SIZE_RANGE, *PKSAUDIOENGINE_BUFFER_SIZE_RANGE;

#ifndef _AUDIO_CURVE_TYPE_
#define _AUDIO_CURVE_TYPE_
typedef enum {
    AUDIO_CURVE_TYPE_NONE = 0,
    AUDIO_CURVE_TYPE_WINDOWS_FADE = 1
} AUDIO_CURVE_TYPE;
#endif

typedef struct _tagKSAUDIOENGINE_VOLUMELEVEL {
    LONG TargetVolume;
    AUDIO_CURVE_TYPE CurveType;
    ULONGLONG CurveDuration;
} KSAUDIOENGINE_VOLUMELEVEL, *PKSAUDIOENGINE_VOLUMELEVEL;

#ifdef __cplusplus
}
#endif

#endif /* _KSMEDIA_ */
