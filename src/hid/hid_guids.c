/*
 * hid_guids.c - the runtime's one definition of hidclass.h's GUIDs (GUID_DEVINTERFACE_HID),
 * hidden like every runtime symbol; src/hid/class.c includes <hidclass.h> for the declaration.
 */
#include <wdm.h>

#include <initguid.h>
#include <hidclass.h>
