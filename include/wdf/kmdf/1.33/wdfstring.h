/*
 * wdfstring.h - framework string objects (docs/wdf.md).
 */
#ifndef _WDFSTRING_H_
#define _WDFSTRING_H_

typedef NTSTATUS (*PFN_WDFSTRINGCREATE)(PWDF_DRIVER_GLOBALS, PCUNICODE_STRING,
                                        PWDF_OBJECT_ATTRIBUTES, WDFSTRING *);
FORCEINLINE NTSTATUS WdfStringCreate(PCUNICODE_STRING UnicodeString,
                                     PWDF_OBJECT_ATTRIBUTES StringAttributes, WDFSTRING *String)
{
    return ((PFN_WDFSTRINGCREATE)WdfFunctions[WdfStringCreateTableIndex])(
        WdfDriverGlobals, UnicodeString, StringAttributes, String);
}

typedef VOID (*PFN_WDFSTRINGGETUNICODESTRING)(PWDF_DRIVER_GLOBALS, WDFSTRING, PUNICODE_STRING);
FORCEINLINE VOID WdfStringGetUnicodeString(WDFSTRING String, PUNICODE_STRING UnicodeString)
{
    ((PFN_WDFSTRINGGETUNICODESTRING)WdfFunctions[WdfStringGetUnicodeStringTableIndex])(
        WdfDriverGlobals, String, UnicodeString);
}

#endif
