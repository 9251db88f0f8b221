/*
 * elamtest.c - an early-launch style driver: registers a boot driver callback in DriverEntry
 * (context: its driver object) and keeps the events it hears in its service key, value
 * "Events" (REG_BINARY, one ULONG each: ELAMTEST_STATUS + the status type, ELAMTEST_IMAGE + the
 * classification it found, ELAMTEST_BAD_CONTEXT when the context is not the one it gave), so
 * that the events delivered during its own unload can be read afterwards. "Callback" (REG_QWORD)
 * is the callback's address. With "KeepRegistration" (REG_DWORD 1) in the service key at load,
 * its unload routine leaves the registration behind (a driver bug); "Answer" (REG_DWORD) is the
 * classification it gives every image (default: it leaves the one it found).
 * Written against the WDK documentation only.
 */
#include <ntddk.h>

#define ELAMTEST_STATUS      0x100
#define ELAMTEST_IMAGE       0x200
#define ELAMTEST_BAD_CONTEXT 0x300

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD ElamTestUnload;
BOOT_DRIVER_CALLBACK_FUNCTION ElamTestCallback;

static PVOID g_Handle;
static PDRIVER_OBJECT g_Driver;
static BOOLEAN g_Keep;
static ULONG g_Answer = MAXULONG;
static WCHAR g_KeyBuffer[256];
static UNICODE_STRING g_Key;
static ULONG g_Events[32];
static ULONG g_Count;

static HANDLE OpenServiceKey(void)
{
    OBJECT_ATTRIBUTES oa;
    HANDLE key = NULL;
    InitializeObjectAttributes(&oa, &g_Key, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    if (!NT_SUCCESS(ZwOpenKey(&key, KEY_READ | KEY_WRITE, &oa)))
        return NULL;
    return key;
}

static VOID SetValue(PCWSTR Name, ULONG Type, PVOID Data, ULONG Size)
{
    UNICODE_STRING name;
    HANDLE key = OpenServiceKey();
    if (key == NULL)
        return;
    RtlInitUnicodeString(&name, Name);
    ZwSetValueKey(key, &name, 0, Type, Data, Size);
    ZwClose(key);
}

static VOID Record(ULONG Event)
{
    if (g_Count < RTL_NUMBER_OF(g_Events))
        g_Events[g_Count++] = Event;
    SetValue(L"Events", REG_BINARY, g_Events, g_Count * sizeof(ULONG));
}

VOID ElamTestCallback(PVOID CallbackContext, BDCB_CALLBACK_TYPE Classification,
                      PBDCB_IMAGE_INFORMATION ImageInformation)
{
    if (CallbackContext != g_Driver)
        Record(ELAMTEST_BAD_CONTEXT);
    if (Classification == BdCbStatusUpdate)
        Record(ELAMTEST_STATUS + ((PBDCB_STATUS_UPDATE_CONTEXT)ImageInformation)->StatusType);
    else if (Classification == BdCbInitializeImage) {
        Record(ELAMTEST_IMAGE + ImageInformation->Classification);
        if (g_Answer != MAXULONG)
            ImageInformation->Classification = (BDCB_CLASSIFICATION)g_Answer;
    }
}

/* A REG_DWORD of the service key; MAXULONG when missing. */
static ULONG QueryDword(PCWSTR Name)
{
    UCHAR buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + sizeof(ULONG)];
    PKEY_VALUE_PARTIAL_INFORMATION info = (PKEY_VALUE_PARTIAL_INFORMATION)buffer;
    UNICODE_STRING name;
    ULONG length = 0;
    NTSTATUS status;
    HANDLE key = OpenServiceKey();
    if (key == NULL)
        return MAXULONG;
    RtlInitUnicodeString(&name, Name);
    status = ZwQueryValueKey(key, &name, KeyValuePartialInformation, info, sizeof(buffer), &length);
    ZwClose(key);
    return NT_SUCCESS(status) && info->Type == REG_DWORD ? *(PULONG)info->Data : MAXULONG;
}

VOID ElamTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (!g_Keep)
        IoUnregisterBootDriverCallback(g_Handle);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    ULONGLONG callback = (ULONGLONG)(ULONG_PTR)ElamTestCallback;
    g_Driver = DriverObject;
    RtlInitEmptyUnicodeString(&g_Key, g_KeyBuffer, sizeof(g_KeyBuffer));
    RtlCopyUnicodeString(&g_Key, RegistryPath);
    g_Keep = QueryDword(L"KeepRegistration") == 1;
    g_Answer = QueryDword(L"Answer");
    SetValue(L"Callback", REG_QWORD, &callback, sizeof(callback));
    g_Handle = IoRegisterBootDriverCallback(ElamTestCallback, DriverObject);
    if (g_Handle == NULL)
        return STATUS_UNSUCCESSFUL;
    DriverObject->DriverUnload = ElamTestUnload;
    return STATUS_SUCCESS;
}
