/* guiddef.h - GUID, DEFINE_GUID (INITGUID defines the storage), comparisons. */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    unsigned int Data1;
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID;
/* C++ spells it static_assert (msvc.h maps it, but this header may come before msvc.h). */
#ifdef __cplusplus
static_assert(sizeof(GUID) == 16, "GUID layout");
#else
_Static_assert(sizeof(GUID) == 16, "GUID layout");
#endif
#endif

#ifndef _GUIDDEF_H_COMMON_
#define _GUIDDEF_H_COMMON_
#include <string.h>
typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
/* The const-pointer spelling the ACX reference uses (ACX_STREAM_BRIDGE_CONFIG.InModes). */
typedef const GUID *PCGUID;
typedef GUID IID, *LPIID, CLSID, *LPCLSID, FMTID, *LPFMTID;
#ifdef __cplusplus
/* C++ passes GUIDs by reference and compares the objects (IsEqualGUID(a, b), a == b), as the
 * WDK's guiddef.h does for C++; C passes and compares pointers. The ABI is the same (a reference
 * is passed as a pointer), so a C routine taking REFGUID serves both. */
#define REFGUID  const GUID &
#define REFIID   const IID &
#define REFCLSID const IID &
#define REFFMTID const IID &
extern "C++" {
inline int IsEqualGUID(REFGUID a, REFGUID b)
{
    return !memcmp(&a, &b, sizeof(GUID));
}
inline int InlineIsEqualGUID(REFGUID a, REFGUID b)
{
    return IsEqualGUID(a, b);
}
inline bool operator==(REFGUID a, REFGUID b)
{
    return IsEqualGUID(a, b) != 0;
}
inline bool operator!=(REFGUID a, REFGUID b)
{
    return !(a == b);
}
}
#define IsEqualIID(a, b)   IsEqualGUID(a, b)
#define IsEqualCLSID(a, b) IsEqualGUID(a, b)
#else
#define REFGUID                 const GUID *
#define REFIID                  const IID *
#define REFCLSID                const IID *
#define REFFMTID                const IID *
#define IsEqualGUID(a, b)       (!memcmp((a), (b), sizeof(GUID)))
#define InlineIsEqualGUID(a, b) IsEqualGUID(a, b)
#define IsEqualIID(a, b)        IsEqualGUID(a, b)
#define IsEqualCLSID(a, b)      IsEqualGUID(a, b)
#endif
#endif

/* DEFINE_GUID is re-evaluated on every inclusion so that <initguid.h> followed by a GUID header
 * defines the storage, as with the WDK. */
#undef DEFINE_GUID
#ifdef INITGUID
/* C++: a namespace-scope const has internal linkage unless declared extern; the weak definition
 * must be public (one GUID shared by every source file of a module, as MSVC's selectany). */
#ifdef __cplusplus
#define DRVHOST_GUID_LINKAGE_ extern "C"
#else
#define DRVHOST_GUID_LINKAGE_
#endif
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)                               \
    DRVHOST_GUID_LINKAGE_ const GUID name                                                          \
        __attribute__((weak)) = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) extern const GUID name
#endif
