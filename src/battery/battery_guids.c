/*
 * battery_guids.c - the runtime's one definition of poclass.h's and batclass.h's GUIDs
 * (GUID_DEVICE_BATTERY, the battery WMI blocks), hidden like every runtime symbol; the other
 * battery files include the headers for the declarations.
 */
#include <wdm.h>

#include <initguid.h>
#include <batclass.h>
