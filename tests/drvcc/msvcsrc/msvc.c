/* msvc.c - MSVC-only spellings drvcc --windows-includes / --project rewrites: each check is
   what the Microsoft compiler gives. DriverEntry fails naming the first check that does not
   hold. */
#include <ntddk.h>
#include "inc\defs.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD Unload;
int CxxChecks(void);

static const char Untouched[] = "7i64 L#x \""
                                "__FUNCTION__"; /* 5I64 */

static int Same(const char *a, const char *b)
{
    while (*a != 0 && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static int SameWide(const WCHAR *a, const WCHAR *b)
{
    while (*a != 0 && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static int Pick(int x, ...)
{
    return x;
}

static const char *Alone(void)
{
    return __FUNCTION__;
}

static int Checks(void)
{
    int Ui64 = 1, value_i64 = 2; /* identifiers ending like a suffix stay identifiers */
    if (sizeof(100i64) != 8 || 100i64 != 100 || 0x10ui64 != 16)
        return 1;
    if (!(ALL_ONES < 0) || ALL_ONES != -1) /* __int64: signed whatever the value */
        return 2;
    if (!(HIGH_BIT > 0) || 0x10UI64 - 17 < 16) /* unsigned __int64 */
        return 3;
    if (sizeof(7i32) != 4 || 0xffffffffi32 != -1 || 0xffffffffui32 != 4294967295u)
        return 4;
    if (!IF_LINE_OK)
        return 5;
    if (!Same(TRACE_TEXT("now"), "Entering Checks: now"))
        return 6;
    if (sizeof(__FUNCTION__) != sizeof("Checks") || !Same(__FUNCTION__, "Checks") ||
        !Same(Alone(), "Alone"))
        return 7;
    if (!SameWide(WIDEN(name), L"name") || sizeof(WIDEN(ab)) != 3 * sizeof(WCHAR))
        return 8;
    if (!Same(Untouched, "7i64 L#x \"__FUNCTION__") || Ui64 + value_i64 != 3)
        return 9;
    if (PICK(10) != 10 || PICK(11, 1, 2) != 11 || PICK_PASTED(12) != 12)
        return 13;
    if (!Same(PREFIXED("text"), "pre: text!") || !SameWide(WIDE_PASTE("w"), L"w"))
        return 14;
    if (PICK_NEXT_LINE(15) != 15 || PICK_NEXT_LINE(16, 1) != 16)
        return 15;
    return CxxChecks();
}

VOID Unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    int failed = Checks();

    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = Unload;
    if (failed != 0) {
        DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "msvc: check %d failed\n", failed);
        return STATUS_UNSUCCESSFUL;
    }
    return STATUS_SUCCESS;
}
