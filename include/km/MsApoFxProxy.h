/*
 * MsApoFxProxy.h - the property an audio driver answers for Microsoft's generic proxy APO
 * (msapofxproxy.dll), which reports the effects the driver or its DSP applies on each signal
 * processing path: KSPROPSETID_AudioEffectsDiscovery, KSPROPERTY_AUDIOEFFECTSDISCOVERY_EFFECTSLIST
 * and its KSP_PINMODE descriptor.
 *
 * Where each fact comes from: KSP_PINMODE's members from its reference page (Win32 API reference,
 * msapofxproxy/ns-msapofxproxy-ksp_pinmode); the property, its descriptor and value from the
 * audio guide's KSPROPERTY_AUDIOEFFECTSDISCOVERY_EFFECTSLIST page (header Msapofxproxy.h); the
 * property set's GUID value from the guide's KSPROPSETID_AudioSignalProcessing page (which shows
 * this set's definition) and Microsoft's Win32 metadata (microsoft/win32metadata,
 * RecompiledIdlHeaders/shared/msapofxproxy.h), which also gives the property's identifier, 1,
 * that no page states. The DDI reference (windows-driver-docs-ddi) has no msapofxproxy folder.
 *
 * drvhost runs no audio stack: nothing sends this property; the header lets a miniport's
 * property table compile (docs/compatibility.md).
 */
#ifndef _MSAPOFXPROXY_PUBLIC_HEADERFILE_
#define _MSAPOFXPROXY_PUBLIC_HEADERFILE_

#include <ks.h>

#define STATIC_KSPROPSETID_AudioEffectsDiscovery                                                   \
    0x0B217A72, 0x16B8, 0x4A4D, 0xBD, 0xED, 0xF9, 0xD6, 0xBB, 0xED, 0xCD, 0x8F
DEFINE_GUIDSTRUCT("0B217A72-16B8-4A4D-BDED-F9D6BBEDCD8F", KSPROPSETID_AudioEffectsDiscovery);
#define KSPROPSETID_AudioEffectsDiscovery DEFINE_GUIDNAMED(KSPROPSETID_AudioEffectsDiscovery)

/* The set's one property: the effect type GUIDs on a pin factory's path for one processing mode
 * (get only; descriptor KSP_PINMODE). */
typedef enum {
    KSPROPERTY_AUDIOEFFECTSDISCOVERY_EFFECTSLIST = 1
} KSPROPERTY_AUDIOEFFECTSDISCOVERY;

/* The descriptor: the pin factory (a KSP_PIN) and the processing mode asked about. */
typedef struct tagKSP_PINMODE {
    KSP_PIN PinProperty;
    GUID AudioProcessingMode;
} KSP_PINMODE, *PKSP_PINMODE;

#endif /* _MSAPOFXPROXY_PUBLIC_HEADERFILE_ */
