/*
 * unknown.h - the kernel-mode COM base: IUnknown as kernel streaming and the audio port class
 * driver (portcls.h, stdunk.h) use it, and the basetyps.h macros interfaces are declared with
 * (DECLARE_INTERFACE, STDMETHOD, PURE, THIS ...).
 *
 * Kernel-mode IUnknown::QueryInterface returns an NTSTATUS (STATUS_SUCCESS, or
 * STATUS_INVALID_PARAMETER for an interface the object does not expose), not an HRESULT.
 *
 * drvhost: the interfaces are C++ classes with pure virtual methods (the vtable layout MSVC gives
 * single-inheritance interfaces, which g++ gives too). C code sees PUNKNOWN as an opaque pointer;
 * the C vtable spellings (lpVtbl, CINTERFACE) are not provided. IID_IUnknown is declared with
 * DEFINE_GUID (storage with <initguid.h>).
 */
#ifndef _UNKNOWN_H_
#define _UNKNOWN_H_

#include <wdm.h>

#ifndef interface
#define interface struct
#endif

#ifndef STDMETHODCALLTYPE /* ntdef.h defines it, empty: x64 has one calling convention */
#define STDMETHODCALLTYPE
#endif
#define STDMETHODVCALLTYPE __cdecl
#define STDAPICALLTYPE     __stdcall
#define STDAPI             EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type)      EXTERN_C type STDAPICALLTYPE

#ifdef __cplusplus
#define STDMETHOD(method)        virtual HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual type STDMETHODCALLTYPE method
#define STDMETHODIMP             HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type)      type STDMETHODCALLTYPE
#define PURE                     = 0
#define THIS_
#define THIS                                 void
#define DECLARE_INTERFACE(iface)             interface DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_(iface, baseiface) interface DECLSPEC_NOVTABLE iface : public baseiface
#endif

/* {00000000-0000-0000-C000-000000000046}, the COM IUnknown interface identifier. */
DEFINE_GUID(IID_IUnknown, 0x00000000, 0x0000, 0x0000, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x46);

#ifdef __cplusplus
extern "C++" {
#undef INTERFACE
#define INTERFACE IUnknown
DECLARE_INTERFACE(IUnknown)
{
    STDMETHOD_(NTSTATUS, QueryInterface)
    (THIS_ _In_ REFIID InterfaceId, _Out_ PVOID * Interface) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
};
#undef INTERFACE
}
#else
typedef struct IUnknown IUnknown;
#endif

typedef IUnknown *PUNKNOWN;

/* A class factory's creation routine (the port class driver's PcNewPort and similar routines
 * take one indirectly through their class identifiers). */
typedef HRESULT(NTAPI *PFNCREATEINSTANCE)(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                                          _In_opt_ PUNKNOWN OuterUnknown, _In_ POOL_TYPE PoolType);

#endif /* _UNKNOWN_H_ */
