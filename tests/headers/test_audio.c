/*
 * test_audio.c - what the audio headers compile into a driver: the GUID values of ks.h,
 * ksmedia.h, portcls.h and drmk.h against their registry-format strings (Microsoft's published
 * values), DEFINE_GUIDSTRUCT/DEFINE_GUIDNAMED storage with <initguid.h>, IsEqualGUIDAligned,
 * KSCONVERT_PERFORMANCE_TIME, the automation table macros, PCSTREAMRESOURCE_DESCRIPTOR_INIT,
 * the wave format sub-type GUIDs built from a format tag, and ExInitializeXxxTimerParameters.
 */
#include <wdm.h>
#include <initguid.h>
#include <windef.h>
#include <portcls.h>
#include <ksdebug.h>
#include <MsApoFxProxy.h>

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The samples initialize GUIDs from the flat STATIC_ lists (no braces around Data4), as MSVC
 * accepts; this test does the same. */
#pragma GCC diagnostic ignored "-Wmissing-braces"

/* A GUID in registry format, "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX", parsed field by field. */
static int guid_is(const GUID *g, const char *text)
{
    unsigned d1, d2, d3, b[8];
    GUID want;
    int i;
    if (sscanf(text, "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &d1, &d2, &d3, &b[0], &b[1], &b[2],
               &b[3], &b[4], &b[5], &b[6], &b[7]) != 11)
        return 0;
    want.Data1 = d1;
    want.Data2 = (unsigned short)d2;
    want.Data3 = (unsigned short)d3;
    for (i = 0; i < 8; i++)
        want.Data4[i] = (unsigned char)b[i];
    return memcmp(g, &want, sizeof(want)) == 0;
}

static const struct {
    const GUID *guid;
    const char *name, *text;
} known[] = {
    {&GUID_NULL, "GUID_NULL", "00000000-0000-0000-0000-000000000000"},
    {&IID_IUnknown, "IID_IUnknown", "00000000-0000-0000-C000-000000000046"},
    {&KSPROPSETID_Pin, "KSPROPSETID_Pin", "8C134960-51AD-11CF-878A-94F801C10000"},
    {&KSPROPSETID_General, "KSPROPSETID_General", "1464EDA5-6A8F-11D1-9AA7-00A0C9223196"},
    {&KSPROPSETID_Topology, "KSPROPSETID_Topology", "720D4AC0-7533-11D0-A5D6-28DB04C10000"},
    {&KSPROPSETID_Connection, "KSPROPSETID_Connection", "1D58C920-AC9B-11CF-A5D6-28DB04C10000"},
    {&KSPROPTYPESETID_General, "KSPROPTYPESETID_General", "97E99BA0-BDEA-11CF-A5D6-28DB04C10000"},
    {&KSDATAFORMAT_SPECIFIER_NONE, "KSDATAFORMAT_SPECIFIER_NONE",
     "0F6417D6-C318-11D0-A43F-00A0C9223196"},
    {&KSINTERFACESETID_Standard, "KSINTERFACESETID_Standard",
     "1A8766A0-62CE-11CF-A5D6-28DB04C10000"},
    {&KSMEDIUMSETID_Standard, "KSMEDIUMSETID_Standard", "4747B320-62CE-11CF-A5D6-28DB04C10000"},
    {&KSDATAFORMAT_TYPE_AUDIO, "KSDATAFORMAT_TYPE_AUDIO", "73647561-0000-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_PCM, "KSDATAFORMAT_SUBTYPE_PCM", "00000001-0000-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEEE_FLOAT, "KSDATAFORMAT_SUBTYPE_IEEE_FLOAT",
     "00000003-0000-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_WAVEFORMATEX, "KSDATAFORMAT_SUBTYPE_WAVEFORMATEX",
     "00000000-0000-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL, "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL",
     "00000092-0000-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DTS, "KSDATAFORMAT_SUBTYPE_IEC61937_DTS",
     "00000008-0000-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS,
     "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS", "0000000A-0CEA-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DTS_HD, "KSDATAFORMAT_SUBTYPE_IEC61937_DTS_HD",
     "0000000B-0CEA-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP, "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP",
     "0000000C-0CEA-0010-8000-00AA00389B71"},
    /* No reference page gives these five: expected values from Microsoft's Win32 metadata. */
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS_ATMOS,
     "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS_ATMOS",
     "0000010A-0CEA-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E1, "KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E1",
     "0000010B-0CEA-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E2, "KSDATAFORMAT_SUBTYPE_IEC61937_DTSX_E2",
     "0000030B-0CEA-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT20, "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT20",
     "0000010C-0CEA-0010-8000-00AA00389B71"},
    {&KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT21, "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MAT21",
     "0000030C-0CEA-0010-8000-00AA00389B71"},
    {&KSNODETYPE_DIGITAL_AUDIO_INTERFACE, "KSNODETYPE_DIGITAL_AUDIO_INTERFACE",
     "DFF21FE2-F70F-11D0-B917-00A0C9223196"},
    {&KSNODETYPE_SPDIF_INTERFACE, "KSNODETYPE_SPDIF_INTERFACE",
     "DFF21FE5-F70F-11D0-B917-00A0C9223196"},
    {&KSAUDFNAME_PEAKMETER, "KSAUDFNAME_PEAKMETER", "57E24340-FC5B-4612-A562-72B11A29DFAE"},
    {&KSDATAFORMAT_SUBTYPE_ANALOG, "KSDATAFORMAT_SUBTYPE_ANALOG",
     "6DBA3190-67BD-11CF-A0F7-0020AFD156E4"},
    {&KSDATAFORMAT_SPECIFIER_WAVEFORMATEX, "KSDATAFORMAT_SPECIFIER_WAVEFORMATEX",
     "05589F81-C356-11CE-BF01-00AA0055595A"},
    {&KSDATAFORMAT_SPECIFIER_DSOUND, "KSDATAFORMAT_SPECIFIER_DSOUND",
     "518590A2-A184-11D0-8522-00C04FD9BAF3"},
    {&KSCATEGORY_AUDIO, "KSCATEGORY_AUDIO", "6994AD04-93EF-11D0-A3CC-00A0C9223196"},
    {&KSCATEGORY_RENDER, "KSCATEGORY_RENDER", "65E8773E-8F56-11D0-A3B9-00A0C9223196"},
    {&KSCATEGORY_CAPTURE, "KSCATEGORY_CAPTURE", "65E8773D-8F56-11D0-A3B9-00A0C9223196"},
    {&KSCATEGORY_REALTIME, "KSCATEGORY_REALTIME", "EB115FFC-10C8-4964-831D-6DCB02E6F23F"},
    {&KSCATEGORY_TOPOLOGY, "KSCATEGORY_TOPOLOGY", "DDA54A40-1E4C-11D1-A050-405705C10000"},
    {&KSNODETYPE_MICROPHONE, "KSNODETYPE_MICROPHONE", "DFF21BE1-F70F-11D0-B917-00A0C9223196"},
    {&KSNODETYPE_MICROPHONE_ARRAY, "KSNODETYPE_MICROPHONE_ARRAY",
     "DFF21BE5-F70F-11D0-B917-00A0C9223196"},
    {&KSNODETYPE_SPEAKER, "KSNODETYPE_SPEAKER", "DFF21CE1-F70F-11D0-B917-00A0C9223196"},
    {&KSNODETYPE_HEADPHONES, "KSNODETYPE_HEADPHONES", "DFF21CE2-F70F-11D0-B917-00A0C9223196"},
    {&KSNODETYPE_LINE_CONNECTOR, "KSNODETYPE_LINE_CONNECTOR",
     "DFF21FE3-F70F-11D0-B917-00A0C9223196"},
    {&KSNODETYPE_DAC, "KSNODETYPE_DAC", "507AE360-C554-11D0-8A2B-00A0C9255AC1"},
    {&KSNODETYPE_ADC, "KSNODETYPE_ADC", "4D837FE0-C555-11D0-8A2B-00A0C9255AC1"},
    {&KSNODETYPE_SUM, "KSNODETYPE_SUM", "DA441A60-C556-11D0-8A2B-00A0C9255AC1"},
    {&KSNODETYPE_MUTE, "KSNODETYPE_MUTE", "02B223C0-C557-11D0-8A2B-00A0C9255AC1"},
    {&KSNODETYPE_VOLUME, "KSNODETYPE_VOLUME", "3A5ACC00-C557-11D0-8A2B-00A0C9255AC1"},
    {&KSNODETYPE_PEAKMETER, "KSNODETYPE_PEAKMETER", "A085651E-5F0D-4B36-A869-D195D6AB4B9E"},
    {&KSAUDFNAME_MASTER_VOLUME, "KSAUDFNAME_MASTER_VOLUME", "185FEDE3-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_MASTER_MUTE, "KSAUDFNAME_MASTER_MUTE", "185FEDE4-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_MIC_VOLUME, "KSAUDFNAME_MIC_VOLUME", "185FEDED-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_MIC_MUTE, "KSAUDFNAME_MIC_MUTE", "185FEDEE-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_RECORDING_CONTROL, "KSAUDFNAME_RECORDING_CONTROL",
     "185FEDFA-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_WAVE_MUTE, "KSAUDFNAME_WAVE_MUTE", "185FEDE6-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_VOLUME_CONTROL, "KSAUDFNAME_VOLUME_CONTROL",
     "185FEDF7-9905-11D1-95A9-00C04FB925D3"},
    {&KSPROPSETID_Audio, "KSPROPSETID_Audio", "45FFAAA0-6E1B-11D0-BCF2-444553540000"},
    {&KSPROPSETID_Jack, "KSPROPSETID_Jack", "4509F757-2D46-4637-8E62-CE7DB944F57B"},
    {&KSPROPSETID_AudioEffectsDiscovery, "KSPROPSETID_AudioEffectsDiscovery",
     "0B217A72-16B8-4A4D-BDED-F9D6BBEDCD8F"},
    {&KSPROPSETID_AudioModule, "KSPROPSETID_AudioModule", "C034FDB0-FF75-47C8-AA3C-EE46716B50C6"},
    {&KSNOTIFICATIONID_AudioModule, "KSNOTIFICATIONID_AudioModule",
     "9C2220F0-D9A6-4D5C-A036-573857FD50D2"},
    /* Values from Microsoft's Win32 metadata (no reference page gives them). */
    {&AUDIO_SIGNALPROCESSINGMODE_COMMUNICATIONS, "AUDIO_SIGNALPROCESSINGMODE_COMMUNICATIONS",
     "98951333-B9CD-48B1-A0A3-FF40682D73F7"},
    {&AUDIO_SIGNALPROCESSINGMODE_SPEECH, "AUDIO_SIGNALPROCESSINGMODE_SPEECH",
     "FC1CFC9B-B9D6-4CFA-B5E0-4BB2166878B2"},
    {&AUDIO_SIGNALPROCESSINGMODE_NOTIFICATION, "AUDIO_SIGNALPROCESSINGMODE_NOTIFICATION",
     "9CF2A70B-F377-403B-BD6B-360863E0355C"},
    {&AUDIO_SIGNALPROCESSINGMODE_MEDIA, "AUDIO_SIGNALPROCESSINGMODE_MEDIA",
     "4780004E-7133-41D8-8C74-660DADD2C0EE"},
    {&AUDIO_SIGNALPROCESSINGMODE_MOVIE, "AUDIO_SIGNALPROCESSINGMODE_MOVIE",
     "B26FEB0D-EC94-477C-9494-D1AB8E753F6E"},
    {&AUDIO_SIGNALPROCESSINGMODE_FAR_FIELD_SPEECH, "AUDIO_SIGNALPROCESSINGMODE_FAR_FIELD_SPEECH",
     "28941CBA-3BE6-4A78-9A76-30FD91559B64"},
    {&KSNODETYPE_HDMI_INTERFACE, "KSNODETYPE_HDMI_INTERFACE",
     "D1B9CC2A-F519-417F-91C9-55FA65481001"},
    {&KSNODETYPE_AUDIO_LOOPBACK, "KSNODETYPE_AUDIO_LOOPBACK",
     "8F42C0B2-91CE-4BCF-9CCD-0E599037AB35"},
    {&KSNODETYPE_AUDIO_KEYWORDDETECTOR, "KSNODETYPE_AUDIO_KEYWORDDETECTOR",
     "3817E0B8-DF58-4375-B669-C49634331F9D"},
    {&KSNODETYPE_AUDIO_ENGINE, "KSNODETYPE_AUDIO_ENGINE", "35CAF6E4-F3B3-4168-BB4B-55E77A461C7E"},
    {&KSAUDFNAME_WAVE_VOLUME, "KSAUDFNAME_WAVE_VOLUME", "185FEDE5-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_LINE_VOLUME, "KSAUDFNAME_LINE_VOLUME", "185FEDEB-9905-11D1-95A9-00C04FB925D3"},
    {&KSAUDFNAME_LINE_MUTE, "KSAUDFNAME_LINE_MUTE", "185FEDEC-9905-11D1-95A9-00C04FB925D3"},
    {&KSPROPSETID_BtAudio, "KSPROPSETID_BtAudio", "7FA06C40-B8F6-4C7E-8556-E8C33A12E54D"},
    {&KSEVENTSETID_AudioControlChange, "KSEVENTSETID_AudioControlChange",
     "E85E9698-FA2F-11D1-95BD-00C04FB925D3"},
    {&KSNODETYPE_HEADSET_MICROPHONE, "KSNODETYPE_HEADSET_MICROPHONE",
     "DFF21BE3-F70F-11D0-B917-00A0C9223196"},
    {&KSNODETYPE_HEADSET_SPEAKERS, "KSNODETYPE_HEADSET_SPEAKERS",
     "DFF21CE6-F70F-11D0-B917-00A0C9223196"},
    {&KSPROPSETID_RtAudio, "KSPROPSETID_RtAudio", "A855A48C-2F78-4729-9051-1968746B9EEF"},
    {&KSEVENTSETID_PinCapsChange, "KSEVENTSETID_PinCapsChange",
     "DD4F192E-3B78-49AD-A534-2C315B822000"},
    {&AUDIO_SIGNALPROCESSINGMODE_DEFAULT, "AUDIO_SIGNALPROCESSINGMODE_DEFAULT",
     "C18E2F7E-933D-4965-B7D1-1EEF228D2AF3"},
    {&AUDIO_SIGNALPROCESSINGMODE_RAW, "AUDIO_SIGNALPROCESSINGMODE_RAW",
     "9E90EA20-B493-4FD1-A1A8-7E1361A956CF"},
    {&KSATTRIBUTEID_AUDIOSIGNALPROCESSING_MODE, "KSATTRIBUTEID_AUDIOSIGNALPROCESSING_MODE",
     "E1F89EB5-5F46-419B-967B-FF6770B98401"},
    {&IID_IPort, "IID_IPort", "B4C90A25-5791-11D0-86F9-00A0C911B544"},
    {&IID_IMiniport, "IID_IMiniport", "B4C90A24-5791-11D0-86F9-00A0C911B544"},
    {&IID_IPortTopology, "IID_IPortTopology", "B4C90A30-5791-11D0-86F9-00A0C911B544"},
    {&IID_IMiniportTopology, "IID_IMiniportTopology", "B4C90A31-5791-11D0-86F9-00A0C911B544"},
    {&CLSID_PortTopology, "CLSID_PortTopology", "B4C90A32-5791-11D0-86F9-00A0C911B544"},
    {&CLSID_PortWaveRT, "CLSID_PortWaveRT", "CC9BE57A-EB9E-42B4-94FC-0CAD3DBCE7FA"},
    {&IID_IPortWaveRT, "IID_IPortWaveRT", "339FF909-68A9-4310-B09B-274E96EE4CBD"},
    {&IID_IPortWaveRTStream, "IID_IPortWaveRTStream", "1809CE5A-64BC-4E62-BD7D-95BCE43DE393"},
    {&IID_IMiniportWaveRT, "IID_IMiniportWaveRT", "0F9FC4D6-6061-4F3C-B1FC-075E35F7960A"},
    {&IID_IMiniportWaveRTStream, "IID_IMiniportWaveRTStream",
     "000AC9AB-FAAB-4F3D-9455-6FF8306A74A0"},
    {&IID_IMiniportWaveRTStreamNotification, "IID_IMiniportWaveRTStreamNotification",
     "23759128-96F1-423B-AB4D-81635BCF8CA1"},
    {&IID_IMiniportWaveRTInputStream, "IID_IMiniportWaveRTInputStream",
     "CD8E756A-5FC7-4624-984B-2AF02925B91F"},
    {&IID_IMiniportWaveRTOutputStream, "IID_IMiniportWaveRTOutputStream",
     "831FC7BC-6347-44BC-B47B-C0C657B5BF73"},
    {&IID_IMiniportAudioSignalProcessing, "IID_IMiniportAudioSignalProcessing",
     "B532678C-BE50-472D-9973-8A6F16594989"},
    {&IID_IResourceList, "IID_IResourceList", "22C6AC60-851B-11D0-9A7F-00AA0038ACFE"},
    {&IID_IServiceSink, "IID_IServiceSink", "22C6AC64-851B-11D0-9A7F-00AA0038ACFE"},
    {&IID_IServiceGroup, "IID_IServiceGroup", "22C6AC65-851B-11D0-9A7F-00AA0038ACFE"},
    {&IID_IUnregisterSubdevice, "IID_IUnregisterSubdevice", "16738177-E199-41F9-9A87-ABB2A5432F21"},
    {&IID_IUnregisterPhysicalConnection, "IID_IUnregisterPhysicalConnection",
     "6C38E231-2A0D-428D-81F8-07CC428BB9A4"},
    {&IID_IAdapterPowerManagement, "IID_IAdapterPowerManagement",
     "793417D0-35FE-11D1-AD08-00A0C90AB1B0"},
    {&IID_IPowerNotify, "IID_IPowerNotify", "3DD648B8-969F-11D1-95A9-00C04FB925D3"},
    {&IID_IPortEvents, "IID_IPortEvents", "A80F29C4-5498-11D2-95D9-00C04FB925D3"},
    {&IID_IDrmPort, "IID_IDrmPort", "286D3DF8-CA22-4E2E-B9BC-20B4F0E201CE"},
    {&IID_IDrmPort2, "IID_IDrmPort2", "1ACCE59C-7311-4B6B-9FBA-CC3BA59ACDCE"},
    {&IID_IDrmAudioStream, "IID_IDrmAudioStream", "1915C967-3299-48CB-A3E4-69FD1D1B306E"},
    {&IID_IPortClsVersion, "IID_IPortClsVersion", "7D89A7BB-869B-4567-8DBE-1E168CC853DE"},
    {&IID_IPortClsPower, "IID_IPortClsPower", "47BA0351-BC4B-4869-8134-B74FE17852D8"},
    {&IID_IPortClsRuntimePower, "IID_IPortClsRuntimePower", "E057C351-0430-4DBC-B172-C711D40A2373"},
    {&IID_IPortClsEtwHelper, "IID_IPortClsEtwHelper", "80EF6667-E8B1-4252-AB09-8F6D5EBBD19F"},
    {&IID_IPortClsStreamResourceManager, "IID_IPortClsStreamResourceManager",
     "E1CD9915-CAB1-4103-BB2F-7DC09C9BE942"},
    {&IID_IPortClsStreamResourceManager2, "IID_IPortClsStreamResourceManager2",
     "0D500BAE-D565-469D-A0E2-F283760D7148"},
};

TEST(guid_values)
{
    size_t i;
    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        ok(guid_is(known[i].guid, known[i].text), "%s is not {%s}\n", known[i].name, known[i].text);
}

/* A driver's own GUID, as the samples name one (STATIC_ initializer, DEFINE_GUIDSTRUCT,
 * DEFINE_GUIDNAMED): with <initguid.h> included first, the name is a defined GUID. */
#define STATIC_PID_TESTAUDIO                                                                       \
    0x836ba6d1, 0x3ff7, 0x4411, 0x8b, 0xcd, 0x46, 0x95, 0x53, 0x45, 0x2d, 0xce
DEFINE_GUIDSTRUCT("836BA6D1-3FF7-4411-8BCD-469553452DCE", PID_TESTAUDIO);
#define PID_TESTAUDIO DEFINE_GUIDNAMED(PID_TESTAUDIO)

TEST(guidstruct_and_static_initializers)
{
    static const GUID from_static = {STATICGUIDOF(KSNODETYPE_SPEAKER)};
    GUID pcm = {STATIC_KSDATAFORMAT_SUBTYPE_WAVEFORMATEX};
    ok(guid_is(&PID_TESTAUDIO, "836BA6D1-3FF7-4411-8BCD-469553452DCE"),
       "DEFINE_GUIDSTRUCT/DEFINE_GUIDNAMED did not name the STATIC_ value\n");
    ok(memcmp(&from_static, &KSNODETYPE_SPEAKER, sizeof(GUID)) == 0,
       "STATICGUIDOF(KSNODETYPE_SPEAKER) differs from the variable\n");
    /* The wave format sub-types: the format tag in Data1 of the WAVEFORMATEX base GUID. */
    INIT_WAVEFORMATEX_GUID(&pcm, WAVE_FORMAT_PCM);
    ok(memcmp(&pcm, &KSDATAFORMAT_SUBTYPE_PCM, sizeof(GUID)) == 0,
       "INIT_WAVEFORMATEX_GUID(PCM) is not KSDATAFORMAT_SUBTYPE_PCM\n");
    ok(EXTRACT_WAVEFORMATEX_ID(&KSDATAFORMAT_SUBTYPE_IEEE_FLOAT) == WAVE_FORMAT_IEEE_FLOAT,
       "EXTRACT_WAVEFORMATEX_ID(IEEE_FLOAT) = %u\n",
       (unsigned)EXTRACT_WAVEFORMATEX_ID(&KSDATAFORMAT_SUBTYPE_IEEE_FLOAT));
}

TEST(is_equal_guid_aligned)
{
    GUID copy;
    memcpy(&copy, &KSPROPSETID_Audio, sizeof(copy));
    ok(IsEqualGUIDAligned(&copy, &KSPROPSETID_Audio), "a copy differs\n");
    copy.Data4[7] ^= 1; /* the last byte: in the second 64-bit half */
    ok(!IsEqualGUIDAligned(&copy, &KSPROPSETID_Audio), "second half not compared\n");
    memcpy(&copy, &KSPROPSETID_Audio, sizeof(copy));
    copy.Data1 ^= 0x80000000;
    ok(!IsEqualGUIDAligned(&copy, &KSPROPSETID_Audio), "first half not compared\n");
}

/* 100-ns units: PerformanceTime * 10^7 / Frequency, computed without overflowing 64 bits. */
TEST(convert_performance_time)
{
    LARGE_INTEGER t;
    ULONGLONG f = 3579545;        /* an ACPI PM timer frequency */
    t.QuadPart = 3579545LL * 100; /* 100 s */
    ok(KSCONVERT_PERFORMANCE_TIME(f, t) == 1000000000ULL, "100 s -> %llu\n",
       (unsigned long long)KSCONVERT_PERFORMANCE_TIME(f, t));
    /* A counter whose plain product would overflow: 2^40 ticks at 10 MHz is 2^40 units. */
    t.QuadPart = 1LL << 40;
    ok(KSCONVERT_PERFORMANCE_TIME(10000000ULL, t) == (1ULL << 40), "2^40 ticks -> %llu\n",
       (unsigned long long)KSCONVERT_PERFORMANCE_TIME(10000000ULL, t));
    t.QuadPart = 1;
    ok(KSCONVERT_PERFORMANCE_TIME(10000000ULL, t) == 1, "1 tick -> %llu\n",
       (unsigned long long)KSCONVERT_PERFORMANCE_TIME(10000000ULL, t));
    /* A high part whose scaled value leaves a remainder: the exact quotient (128-bit). */
    t.QuadPart = (5LL << 32) + 12345;
    ok(KSCONVERT_PERFORMANCE_TIME(f, t) ==
           (ULONGLONG)(((unsigned __int128)t.QuadPart * 10000000) / f),
       "2^32*5+12345 ticks -> %llu, expected %llu\n",
       (unsigned long long)KSCONVERT_PERFORMANCE_TIME(f, t),
       (unsigned long long)(((unsigned __int128)t.QuadPart * 10000000) / f));
}

static NTSTATUS NTAPI property_handler(PPCPROPERTY_REQUEST Request)
{
    return Request->Verb == KSPROPERTY_TYPE_GET ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
}
static const PCPROPERTY_ITEM filter_properties[] = {
    {&KSPROPSETID_General, KSPROPERTY_GENERAL_COMPONENTID,
     PCPROPERTY_ITEM_FLAG_GET | PCPROPERTY_ITEM_FLAG_BASICSUPPORT, property_handler},
    {&KSPROPSETID_Pin, KSPROPERTY_PIN_PROPOSEDATAFORMAT, PCPROPERTY_ITEM_FLAG_SET,
     property_handler},
    {&KSPROPSETID_Audio, KSPROPERTY_AUDIO_VOLUMELEVEL, PCPROPERTY_ITEM_FLAG_GET, property_handler},
};
static const PCEVENT_ITEM filter_events[] = {
    {&KSEVENTSETID_PinCapsChange, KSEVENT_PINCAPS_FORMATCHANGE, KSEVENT_TYPE_ENABLE, NULL},
};
DEFINE_PCAUTOMATION_TABLE_PROP(automation_filter, filter_properties);
DEFINE_PCAUTOMATION_TABLE_PROP_EVENT(automation_filter_events, filter_properties, filter_events);

TEST(automation_table_macros)
{
    ok(automation_filter.PropertyItemSize == sizeof(PCPROPERTY_ITEM) &&
           automation_filter.PropertyCount == 3 &&
           automation_filter.Properties == filter_properties,
       "properties: size %lu count %lu\n", (unsigned long)automation_filter.PropertyItemSize,
       (unsigned long)automation_filter.PropertyCount);
    ok(automation_filter.MethodItemSize == sizeof(PCMETHOD_ITEM) &&
           automation_filter.MethodCount == 0 && automation_filter.Methods == NULL,
       "methods: size %lu count %lu\n", (unsigned long)automation_filter.MethodItemSize,
       (unsigned long)automation_filter.MethodCount);
    ok(automation_filter.EventItemSize == sizeof(PCEVENT_ITEM) &&
           automation_filter.EventCount == 0 && automation_filter.Events == NULL &&
           automation_filter.Reserved == 0,
       "events of the property-only table: count %lu\n",
       (unsigned long)automation_filter.EventCount);
    ok(automation_filter_events.EventCount == 1 &&
           automation_filter_events.Events == filter_events &&
           automation_filter_events.PropertyCount == 3,
       "events: count %lu\n", (unsigned long)automation_filter_events.EventCount);
}

TEST(inline_initializers)
{
    PCSTREAMRESOURCE_DESCRIPTOR resource;
    EXT_SET_PARAMETERS set;
    EXT_DELETE_PARAMETERS del;
    memset(&resource, 0xcc, sizeof(resource));
    PCSTREAMRESOURCE_DESCRIPTOR_INIT(&resource);
    ok(resource.Size == sizeof(resource) && resource.Flags == 0 && resource.Pdo == NULL &&
           resource.Type == ePcStreamResourceInterrupt && resource.Resource.Thread == NULL,
       "PCSTREAMRESOURCE_DESCRIPTOR_INIT: size %lu flags %#lx\n", (unsigned long)resource.Size,
       (unsigned long)resource.Flags);
    memset(&set, 0xcc, sizeof(set));
    ExInitializeSetTimerParameters(&set);
    ok(set.Version == 0 && set.Reserved == 0 && set.NoWakeTolerance == 0,
       "ExInitializeSetTimerParameters: version %lu tolerance %lld\n", (unsigned long)set.Version,
       (long long)set.NoWakeTolerance);
    memset(&del, 0xcc, sizeof(del));
    ExInitializeDeleteTimerParameters(&del);
    ok(del.Version == 0 && del.DeleteCallback == NULL && del.DeleteContext == NULL,
       "ExInitializeDeleteTimerParameters: version %lu\n", (unsigned long)del.Version);
}

/* The GUID-building macros give the variables' values. */
#define STATIC_TEST_GUIDEX                                                                         \
    0x01234567, 0x89ab, 0xcdef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef
DEFINE_GUIDEX(TEST_GUIDEX);

TEST(guid_building_macros)
{
    static const GUID speaker = {DEFINE_USB_TERMINAL_GUID(0x0301)};
    static const GUID pcm = {DEFINE_WAVEFORMATEX_GUID(WAVE_FORMAT_PCM)};
    ok(memcmp(&speaker, &KSNODETYPE_SPEAKER, sizeof(GUID)) == 0,
       "DEFINE_USB_TERMINAL_GUID(0x0301) is not KSNODETYPE_SPEAKER\n");
    ok(guid_is(&pcm, "00000001-0000-0010-8000-00AA00389B71"),
       "DEFINE_WAVEFORMATEX_GUID(WAVE_FORMAT_PCM) is not the PCM sub-type\n");
    ok(guid_is(&TEST_GUIDEX, "01234567-89AB-CDEF-0123-456789ABCDEF"),
       "DEFINE_GUIDEX did not define the STATIC_ value\n");
}

static NTSTATUS NTAPI method_handler(PPCMETHOD_REQUEST Request)
{
    return Request->Verb == KSMETHOD_TYPE_SEND ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
}
static const PCMETHOD_ITEM filter_methods[] = {
    {&KSPROPSETID_General, 1, PCMETHOD_ITEM_FLAG_READ, method_handler},
    {&KSPROPSETID_General, 2, PCMETHOD_ITEM_FLAG_WRITE, method_handler},
};
DEFINE_PCAUTOMATION_TABLE_PROP_METHOD(automation_filter_methods, filter_properties, filter_methods);

TEST(automation_table_with_methods)
{
    ok(automation_filter_methods.MethodItemSize == sizeof(PCMETHOD_ITEM) &&
           automation_filter_methods.MethodCount == 2 &&
           automation_filter_methods.Methods == filter_methods,
       "methods: size %lu count %lu\n", (unsigned long)automation_filter_methods.MethodItemSize,
       (unsigned long)automation_filter_methods.MethodCount);
    ok(automation_filter_methods.PropertyCount == 3 && automation_filter_methods.EventCount == 0 &&
           automation_filter_methods.Events == NULL,
       "properties %lu events %lu\n", (unsigned long)automation_filter_methods.PropertyCount,
       (unsigned long)automation_filter_methods.EventCount);
}

/* _DbgPrintF prints STR_MODULENAME and the message, then a new line, when the level is at most
 * DEBUG_LEVEL (DEBUGLVL_TERSE by default); the runtime is booted again with every debug print
 * written (the harness boots it quiet). */
#define STR_MODULENAME "audiotest: "
TEST(dbgprintf_levels)
{
    drvhost_options options = {.debug_print = DRVHOST_DEBUG_PRINT_ALL};
    char *text;
    ok(DEBUG_LEVEL == DEBUGLVL_TERSE, "DEBUG_LEVEL %d\n", DEBUG_LEVEL);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
    harness_stderr_begin();
    _DbgPrintF(DEBUGLVL_ERROR, ("error %d", 1));
    _DbgPrintF(DEBUGLVL_TERSE, ("terse %s", "two"));
    _DbgPrintF(DEBUGLVL_VERBOSE, ("verbose is above the level"));
    _DbgPrintF(DEBUGLVL_BLAB, ("blab is above the level"));
    text = harness_stderr_end();
    ok(strstr(text, "audiotest: error 1\n") != NULL, "no error message in [%s]\n", text);
    ok(strstr(text, "audiotest: terse two\n") != NULL, "no terse message in [%s]\n", text);
    ok(strstr(text, "above the level") == NULL, "a message above DEBUG_LEVEL printed: [%s]\n",
       text);
    free(text);
}

/* Every STATIC_ initializer list of ks.h and ksmedia.h gives the value of its DEFINE_GUID
 * variable (the headers spell each value twice). */
static const struct {
    GUID value;
    const GUID *variable;
    const char *name;
} statics[] = {
    {{STATICGUIDOF(AUDIO_SIGNALPROCESSINGMODE_DEFAULT)},
     &AUDIO_SIGNALPROCESSINGMODE_DEFAULT,
     "AUDIO_SIGNALPROCESSINGMODE_DEFAULT"},
    {{STATICGUIDOF(AUDIO_SIGNALPROCESSINGMODE_RAW)},
     &AUDIO_SIGNALPROCESSINGMODE_RAW,
     "AUDIO_SIGNALPROCESSINGMODE_RAW"},
    {{STATICGUIDOF(KSATTRIBUTEID_AUDIOSIGNALPROCESSING_MODE)},
     &KSATTRIBUTEID_AUDIOSIGNALPROCESSING_MODE,
     "KSATTRIBUTEID_AUDIOSIGNALPROCESSING_MODE"},
    {{STATICGUIDOF(KSAUDFNAME_MASTER_MUTE)}, &KSAUDFNAME_MASTER_MUTE, "KSAUDFNAME_MASTER_MUTE"},
    {{STATICGUIDOF(KSAUDFNAME_MASTER_VOLUME)},
     &KSAUDFNAME_MASTER_VOLUME,
     "KSAUDFNAME_MASTER_VOLUME"},
    {{STATICGUIDOF(KSAUDFNAME_MIC_MUTE)}, &KSAUDFNAME_MIC_MUTE, "KSAUDFNAME_MIC_MUTE"},
    {{STATICGUIDOF(KSAUDFNAME_MIC_VOLUME)}, &KSAUDFNAME_MIC_VOLUME, "KSAUDFNAME_MIC_VOLUME"},
    {{STATICGUIDOF(KSAUDFNAME_PEAKMETER)}, &KSAUDFNAME_PEAKMETER, "KSAUDFNAME_PEAKMETER"},
    {{STATICGUIDOF(KSAUDFNAME_RECORDING_CONTROL)},
     &KSAUDFNAME_RECORDING_CONTROL,
     "KSAUDFNAME_RECORDING_CONTROL"},
    {{STATICGUIDOF(KSCATEGORY_AUDIO)}, &KSCATEGORY_AUDIO, "KSCATEGORY_AUDIO"},
    {{STATICGUIDOF(KSCATEGORY_CAPTURE)}, &KSCATEGORY_CAPTURE, "KSCATEGORY_CAPTURE"},
    {{STATICGUIDOF(KSCATEGORY_REALTIME)}, &KSCATEGORY_REALTIME, "KSCATEGORY_REALTIME"},
    {{STATICGUIDOF(KSCATEGORY_RENDER)}, &KSCATEGORY_RENDER, "KSCATEGORY_RENDER"},
    {{STATICGUIDOF(KSCATEGORY_TOPOLOGY)}, &KSCATEGORY_TOPOLOGY, "KSCATEGORY_TOPOLOGY"},
    {{STATICGUIDOF(KSDATAFORMAT_SPECIFIER_DSOUND)},
     &KSDATAFORMAT_SPECIFIER_DSOUND,
     "KSDATAFORMAT_SPECIFIER_DSOUND"},
    {{STATICGUIDOF(KSDATAFORMAT_SPECIFIER_NONE)},
     &KSDATAFORMAT_SPECIFIER_NONE,
     "KSDATAFORMAT_SPECIFIER_NONE"},
    {{STATICGUIDOF(KSDATAFORMAT_SPECIFIER_WAVEFORMATEX)},
     &KSDATAFORMAT_SPECIFIER_WAVEFORMATEX,
     "KSDATAFORMAT_SPECIFIER_WAVEFORMATEX"},
    {{STATICGUIDOF(KSDATAFORMAT_SPECIFIER_WILDCARD)},
     &KSDATAFORMAT_SPECIFIER_WILDCARD,
     "KSDATAFORMAT_SPECIFIER_WILDCARD"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_ANALOG)},
     &KSDATAFORMAT_SUBTYPE_ANALOG,
     "KSDATAFORMAT_SUBTYPE_ANALOG"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL)},
     &KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL,
     "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS)},
     &KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS,
     "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP)},
     &KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP,
     "KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_IEC61937_DTS)},
     &KSDATAFORMAT_SUBTYPE_IEC61937_DTS,
     "KSDATAFORMAT_SUBTYPE_IEC61937_DTS"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_IEC61937_DTS_HD)},
     &KSDATAFORMAT_SUBTYPE_IEC61937_DTS_HD,
     "KSDATAFORMAT_SUBTYPE_IEC61937_DTS_HD"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_IEEE_FLOAT)},
     &KSDATAFORMAT_SUBTYPE_IEEE_FLOAT,
     "KSDATAFORMAT_SUBTYPE_IEEE_FLOAT"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_PCM)},
     &KSDATAFORMAT_SUBTYPE_PCM,
     "KSDATAFORMAT_SUBTYPE_PCM"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_WAVEFORMATEX)},
     &KSDATAFORMAT_SUBTYPE_WAVEFORMATEX,
     "KSDATAFORMAT_SUBTYPE_WAVEFORMATEX"},
    {{STATICGUIDOF(KSDATAFORMAT_SUBTYPE_WILDCARD)},
     &KSDATAFORMAT_SUBTYPE_WILDCARD,
     "KSDATAFORMAT_SUBTYPE_WILDCARD"},
    {{STATICGUIDOF(KSDATAFORMAT_TYPE_AUDIO)}, &KSDATAFORMAT_TYPE_AUDIO, "KSDATAFORMAT_TYPE_AUDIO"},
    {{STATICGUIDOF(KSDATAFORMAT_TYPE_WILDCARD)},
     &KSDATAFORMAT_TYPE_WILDCARD,
     "KSDATAFORMAT_TYPE_WILDCARD"},
    {{STATICGUIDOF(KSEVENTSETID_PinCapsChange)},
     &KSEVENTSETID_PinCapsChange,
     "KSEVENTSETID_PinCapsChange"},
    {{STATICGUIDOF(KSINTERFACESETID_Standard)},
     &KSINTERFACESETID_Standard,
     "KSINTERFACESETID_Standard"},
    {{STATICGUIDOF(KSMEDIUMSETID_Standard)}, &KSMEDIUMSETID_Standard, "KSMEDIUMSETID_Standard"},
    {{STATICGUIDOF(KSNODETYPE_ADC)}, &KSNODETYPE_ADC, "KSNODETYPE_ADC"},
    {{STATICGUIDOF(KSNODETYPE_DAC)}, &KSNODETYPE_DAC, "KSNODETYPE_DAC"},
    {{STATICGUIDOF(KSNODETYPE_DIGITAL_AUDIO_INTERFACE)},
     &KSNODETYPE_DIGITAL_AUDIO_INTERFACE,
     "KSNODETYPE_DIGITAL_AUDIO_INTERFACE"},
    {{STATICGUIDOF(KSNODETYPE_HEADPHONES)}, &KSNODETYPE_HEADPHONES, "KSNODETYPE_HEADPHONES"},
    {{STATICGUIDOF(KSNODETYPE_LINE_CONNECTOR)},
     &KSNODETYPE_LINE_CONNECTOR,
     "KSNODETYPE_LINE_CONNECTOR"},
    {{STATICGUIDOF(KSNODETYPE_MICROPHONE)}, &KSNODETYPE_MICROPHONE, "KSNODETYPE_MICROPHONE"},
    {{STATICGUIDOF(KSNODETYPE_MICROPHONE_ARRAY)},
     &KSNODETYPE_MICROPHONE_ARRAY,
     "KSNODETYPE_MICROPHONE_ARRAY"},
    {{STATICGUIDOF(KSNODETYPE_MUTE)}, &KSNODETYPE_MUTE, "KSNODETYPE_MUTE"},
    {{STATICGUIDOF(KSNODETYPE_PEAKMETER)}, &KSNODETYPE_PEAKMETER, "KSNODETYPE_PEAKMETER"},
    {{STATICGUIDOF(KSNODETYPE_SPDIF_INTERFACE)},
     &KSNODETYPE_SPDIF_INTERFACE,
     "KSNODETYPE_SPDIF_INTERFACE"},
    {{STATICGUIDOF(KSNODETYPE_SPEAKER)}, &KSNODETYPE_SPEAKER, "KSNODETYPE_SPEAKER"},
    {{STATICGUIDOF(KSNODETYPE_SUM)}, &KSNODETYPE_SUM, "KSNODETYPE_SUM"},
    {{STATICGUIDOF(KSNODETYPE_VOLUME)}, &KSNODETYPE_VOLUME, "KSNODETYPE_VOLUME"},
    {{STATICGUIDOF(KSPROPSETID_Audio)}, &KSPROPSETID_Audio, "KSPROPSETID_Audio"},
    {{STATICGUIDOF(KSPROPSETID_Connection)}, &KSPROPSETID_Connection, "KSPROPSETID_Connection"},
    {{STATICGUIDOF(KSPROPSETID_General)}, &KSPROPSETID_General, "KSPROPSETID_General"},
    {{STATICGUIDOF(KSPROPSETID_Jack)}, &KSPROPSETID_Jack, "KSPROPSETID_Jack"},
    {{STATICGUIDOF(KSPROPSETID_Pin)}, &KSPROPSETID_Pin, "KSPROPSETID_Pin"},
    {{STATICGUIDOF(KSPROPSETID_RtAudio)}, &KSPROPSETID_RtAudio, "KSPROPSETID_RtAudio"},
    {{STATICGUIDOF(KSPROPSETID_Topology)}, &KSPROPSETID_Topology, "KSPROPSETID_Topology"},
    {{STATICGUIDOF(KSPROPTYPESETID_General)}, &KSPROPTYPESETID_General, "KSPROPTYPESETID_General"},
};

TEST(static_lists_match_variables)
{
    size_t i;
    for (i = 0; i < sizeof(statics) / sizeof(statics[0]); i++)
        ok(memcmp(&statics[i].value, statics[i].variable, sizeof(GUID)) == 0,
           "STATIC_%s differs from %s\n", statics[i].name, statics[i].name);
}
