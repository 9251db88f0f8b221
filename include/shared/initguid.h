/* initguid.h - makes DEFINE_GUID define its GUIDs' storage. */
#ifndef INITGUID
#define INITGUID
#endif
#include <guiddef.h>
