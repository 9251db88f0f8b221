/*
 * drmk.h - the kernel DRM definitions audio drivers carry: the content rights of a stream
 * (DRMRIGHTS), the forwarding structure of content sent to a lower device (DRMFORWARD) and the
 * IDrmAudioStream interface a miniport stream exposes (Microsoft's names, values and layouts,
 * per the drmk.h reference).
 *
 * drvhost: definitions only; DrmCreateContentMixed, DrmForwardContentToDeviceObject and the
 * other drmk.sys routines are declared not provided (the loader refuses a module importing
 * them, naming them): drvhost has no protected audio path.
 */
#ifndef _DRMK_H_
#define _DRMK_H_

#include <unknown.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tagDRMRIGHTS {
    BOOL CopyProtect;
    ULONG Reserved;
    BOOL DigitalOutputDisable;
} DRMRIGHTS, *PDRMRIGHTS;
typedef const DRMRIGHTS *PCDRMRIGHTS;

#define DEFINE_DRMRIGHTS_DEFAULT(DrmRights) const DRMRIGHTS DrmRights = {FALSE, 0, FALSE}

#define DRMFORWARD_VERSION 0

typedef struct tagDRMFORWARD {
    DWORD Flags;
    PDEVICE_OBJECT DeviceObject;
    PFILE_OBJECT FileObject;
    PVOID Context;
} DRMFORWARD, *PDRMFORWARD;
typedef const DRMFORWARD *PCDRMFORWARD;

NTSTATUS NTAPI DrmAddContentHandlers(_In_ ULONG ContentId, _In_ PVOID *paHandlers,
                                     _In_ ULONG NumHandlers) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI DrmCreateContentMixed(_In_ PULONG paContentId, _In_ ULONG cContentId,
                                     _Out_ PULONG pMixedContentId) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI DrmDestroyContent(_In_ ULONG ContentId) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI DrmForwardContentToDeviceObject(_In_ ULONG ContentId, _In_opt_ PVOID Reserved,
                                               _In_ PCDRMFORWARD DrmForward) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI DrmForwardContentToFileObject(_In_ ULONG ContentId,
                                             _In_ PFILE_OBJECT FileObject) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI DrmForwardContentToInterface(_In_ ULONG ContentId, _In_ PUNKNOWN pUnknown,
                                            _In_ ULONG NumMethods) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI DrmGetContentRights(_In_ ULONG ContentId,
                                   _Out_ PDRMRIGHTS DrmRights) DRVHOST_NOT_PROVIDED;

DEFINE_GUID(IID_IDrmAudioStream, 0x1915c967, 0x3299, 0x48cb, 0xa3, 0xe4, 0x69, 0xfd, 0x1d, 0x1b,
            0x30, 0x6e);

#ifdef __cplusplus
}
extern "C++" {
#undef INTERFACE
#define INTERFACE IDrmAudioStream
/* A stream that plays protected content: the port gives it the content identifier and rights. */
DECLARE_INTERFACE_(IDrmAudioStream, IUnknown)
{
    STDMETHOD_(NTSTATUS, SetContentId)(THIS_ _In_ ULONG contentId, _In_ PCDRMRIGHTS drmRights) PURE;
};
#undef INTERFACE
}
#define IMP_IDrmAudioStream                                                                        \
    STDMETHODIMP_(NTSTATUS) SetContentId(_In_ ULONG contentId, _In_ PCDRMRIGHTS drmRights)
#else
typedef struct IDrmAudioStream IDrmAudioStream;
#endif

typedef IDrmAudioStream *PDRMAUDIOSTREAM;

#endif /* _DRMK_H_ */
