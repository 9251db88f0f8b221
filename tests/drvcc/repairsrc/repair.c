/* repair.c - what MSVC's C accepts and GCC refuses, which drvcc repairs under the Windows rules:
   the cast as an lvalue (C4213: &((T)x), (T)x |= y, (T)*p &= y, (T)x++), a field of an enum not
   yet defined (int), a definition without its declaration's volatile. Each check is what the
   Microsoft compiler gives; DriverEntry fails naming the first check that does not hold. */
#include <ntddk.h>
#include "repair.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD Unload;

typedef enum _KIND {
    KindNone,
    KindLow = 3,
    KindHigh = 0x7fffffff
} KIND;

typedef struct _BLOCK {
    ULONG Value;
} BLOCK, *PBLOCK;

static ULONG Released;

VOID ReleaseBlock(PVOID *Block)
{
    ExFreePoolWithTag(*Block, 'prpR');
    *Block = NULL;
    Released++;
}

static int CastLvalues(void)
{
    PBLOCK block = ExAllocatePoolZero(NonPagedPoolNx, sizeof(BLOCK), 'prpR');
    PVOID other = ExAllocatePoolZero(NonPagedPoolNx, sizeof(BLOCK), 'prpR');
    ULONG_PTR bits = 0x1000;
    PVOID tagged = (PVOID)bits;
    PVOID *indirect = &tagged;
    RECORD file = {NULL};
    PRECORD pfile = &file;

    if (block == NULL || other == NULL) {
        return 1;
    }
    ReleaseBlock(&((PVOID)(block))); /* the object block, seen as a PVOID: cleared */
    if (block != NULL || Released != 1) {
        return 2;
    }
    RELEASE_AS(PBLOCK, other); /* through a macro, the cast in its argument */
    if (other != NULL || Released != 2) {
        return 3;
    }
#pragma warning(suppress : 4213)
    ((ULONG_PTR)tagged) |= 3; /* the pointer's own bits, as cdfs keeps a type in FsContext2 */
    if ((ULONG_PTR)tagged != 0x1003) {
        return 4;
    }
    ((ULONG_PTR)*indirect) &= ~(ULONG_PTR)1; /* through an indirection */
    if ((ULONG_PTR)tagged != 0x1002) {
        return 5;
    }
    ((ULONG_PTR)tagged)++;
    (ULONG_PTR) tagged += 0x10;
    if ((ULONG_PTR)tagged != 0x1013) {
        return 6;
    }
    (ULONG_PTR) *indirect -= 3; /* an indirection, no parentheses */
    if ((ULONG_PTR)tagged != 0x1010) {
        return 7;
    }
    file.Buffer = (PVOID)0x2000;
    SetFlag((ULONG_PTR)pfile->Buffer, 5); /* a member, through a macro (cdfs's SetFlag) */
    if (file.Buffer != (PVOID)0x2005) {
        return 8;
    }
    return 0;
}

static int EnumField(void)
{
    RECORD record = {NULL, KindHigh, 5};

    if (sizeof(record.Kind) != sizeof(int) || FIELD_OFFSET(RECORD, Tail) != 12) {
        return 11;
    }
    record.Kind = KindLow;
    if (record.Kind != KindLow || record.Tail != 5) {
        return 12;
    }
    return 0;
}

/* The one object, initialised by its definition; written through a pointer to volatile as
   fastfat's InterlockedCompareExchangePointer(&FatReserveMdl, ...) does. */
static int VolatileDefinition(void)
{
    PVOID volatile *slot = &ReserveBlock;
    PVOID previous;

    if (ReserveBlock != NULL) {
        return 21;
    }
    previous = InterlockedCompareExchangePointer(slot, (PVOID)&Released, NULL);
    if (previous != NULL || ReserveBlock != (PVOID)&Released) {
        return 22;
    }
    ReserveBlock = NULL;
    return 0;
}

static int Checks(void)
{
    int failed = CastLvalues();

    if (failed == 0) {
        failed = EnumField();
    }
    if (failed == 0) {
        failed = CxxChecks();
    }
    if (failed == 0) {
        failed = C4028Checks();
    }
    if (failed == 0) {
        failed = VolatileDefinition();
    }
    return failed;
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
        DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "repair: check %d failed\n", failed);
        return STATUS_UNSUCCESSFUL;
    }
    return STATUS_SUCCESS;
}

/* Declared __volatile extern in repair.h; defined last, so that the lines above keep theirs. */
PVOID ReserveBlock = NULL;
