/*
 * stdunk.h - the standard kernel-mode COM object base of the audio samples: the non-delegating
 * IUnknown (INonDelegatingUnknown), the CUnknown base class that counts references and
 * supports aggregation (an outer IUnknown), DECLARE_STD_UNKNOWN (an object's IUnknown methods
 * forwarding to its outer unknown) and DEFINE_STD_CONSTRUCTOR, and the pool operators new and
 * delete kernel C++ code allocates objects with.
 *
 * drvhost does not provide stdunk.lib: CUnknown's constructor, destructor and non-delegating
 * methods are declared, not defined, so a module that constructs a CUnknown is refused at load,
 * naming them (audio drivers are compile-only in drvhost: docs/compatibility.md). The operators
 * new and delete are inline, as the WDK's are, unless the driver defines _NEW_DELETE_OPERATORS_
 * and supplies its own; they allocate with ExAllocatePool2 (drvhost's default tag 'DUnk' where
 * the caller gives none: the WDK's own default tag is not documented).
 */
#ifndef _STDUNK_H_
#define _STDUNK_H_

#include <unknown.h>

#ifdef __cplusplus
extern "C++" {

#undef INTERFACE
#define INTERFACE INonDelegatingUnknown
/* The IUnknown of an aggregated object itself: QueryInterface, AddRef and Release of the
 * object's own identity, whatever its outer unknown is. */
DECLARE_INTERFACE(INonDelegatingUnknown)
{
    STDMETHOD_(NTSTATUS, NonDelegatingQueryInterface)
    (THIS_ _In_ REFIID InterfaceId, _Out_ PVOID * Interface) PURE;
    STDMETHOD_(ULONG, NonDelegatingAddRef)(THIS) PURE;
    STDMETHOD_(ULONG, NonDelegatingRelease)(THIS) PURE;
};
#undef INTERFACE
typedef INonDelegatingUnknown *PNONDELEGATINGUNKNOWN;

/* The base class: a reference count starting at 0 and the outer unknown (the object's own
 * non-delegating unknown when constructed with NULL). Release of the last reference deletes the
 * object (virtual destructor). */
class CUnknown : public INonDelegatingUnknown {
  private:
    LONG m_lRefCount;
    PUNKNOWN m_pUnknownOuter;

  public:
    CUnknown(_In_opt_ PUNKNOWN pUnknownOuter);
    virtual ~CUnknown();
    PUNKNOWN GetOuterUnknown()
    {
        return m_pUnknownOuter;
    }
    STDMETHODIMP_(ULONG) NonDelegatingAddRef();
    STDMETHODIMP_(ULONG) NonDelegatingRelease();
    STDMETHODIMP_(NTSTATUS) NonDelegatingQueryInterface(_In_ REFIID rIID, _Out_ PVOID *ppVoid);
};

/* In a class derived from CUnknown and from interfaces: the IUnknown methods delegate to the
 * outer unknown; the class defines NonDelegatingQueryInterface itself. */
#define DECLARE_STD_UNKNOWN()                                                                      \
    STDMETHODIMP_(NTSTATUS) NonDelegatingQueryInterface(_In_ REFIID iid, _Out_ PVOID *ppvObject);  \
    STDMETHODIMP_(NTSTATUS) QueryInterface(_In_ REFIID riid, _Out_ PVOID *ppv)                     \
    {                                                                                              \
        return GetOuterUnknown()->QueryInterface(riid, ppv);                                       \
    }                                                                                              \
    STDMETHODIMP_(ULONG) AddRef()                                                                  \
    {                                                                                              \
        return GetOuterUnknown()->AddRef();                                                        \
    }                                                                                              \
    STDMETHODIMP_(ULONG) Release()                                                                 \
    {                                                                                              \
        return GetOuterUnknown()->Release();                                                       \
    }

/* A constructor taking only the outer unknown. */
#define DEFINE_STD_CONSTRUCTOR(Class)                                                              \
    Class(_In_opt_ PUNKNOWN pUnknownOuter) : CUnknown(pUnknownOuter)                               \
    {}

#ifndef _NEW_DELETE_OPERATORS_
#define DRVHOST_STDUNK_DEFAULT_TAG 'DUnk'
inline PVOID operator new(size_t iSize, POOL_FLAGS poolFlags)
{
    return ExAllocatePool2(poolFlags, iSize, DRVHOST_STDUNK_DEFAULT_TAG);
}
inline PVOID operator new(size_t iSize, POOL_FLAGS poolFlags, ULONG tag)
{
    return ExAllocatePool2(poolFlags, iSize, tag);
}
inline void __cdecl operator delete(PVOID pVoid)
{
    if (pVoid != NULL) {
        ExFreePool(pVoid);
    }
}
inline void __cdecl operator delete(PVOID pVoid, ULONG tag)
{
    if (pVoid != NULL) {
        ExFreePoolWithTag(pVoid, tag);
    }
}
inline void __cdecl operator delete(PVOID pVoid, size_t cbSize)
{
    UNREFERENCED_PARAMETER(cbSize);
    if (pVoid != NULL) {
        ExFreePool(pVoid);
    }
}
#endif /* _NEW_DELETE_OPERATORS_ */

} /* extern "C++" */
#endif /* __cplusplus */

#endif /* _STDUNK_H_ */
