/*
 * input_guids.c - the runtime's one definition of the keyboard and mouse interface GUIDs
 * (GUID_DEVINTERFACE_KEYBOARD, GUID_DEVINTERFACE_MOUSE), hidden like every runtime symbol;
 * src/input/class.c includes the headers for the declarations.
 */
#include <wdm.h>

#include <initguid.h>
#include <ntddkbd.h>
#include <ntddmou.h>
