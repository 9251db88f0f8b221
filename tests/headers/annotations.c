/* annotations.c - the annotations and role types public driver samples use where drvhost had
 * none (session 9): the SAL statement forms and the rest of sal.h/driverspecs.h, __annotation,
 * IO_DPC_ROUTINE. Checked at compile time: this module failing to build is the
 * test failing. */
#include <ntddk.h>
#include <driverspecs.h>

IO_DPC_ROUTINE AnnotDpcForIsr;

_Use_decl_annotations_ VOID AnnotDpcForIsr(PKDPC Dpc, struct _DEVICE_OBJECT *DeviceObject,
                                           struct _IRP *Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(Context);
    _IRQL_limited_to_(DISPATCH_LEVEL);
}

/* The role type is the routine IoInitializeDpcRequest takes. */
C_ASSERT(sizeof(PIO_DPC_ROUTINE) == sizeof(void *));
static PIO_DPC_ROUTINE annot_dpc = AnnotDpcForIsr;

_IRQL_requires_max_(PASSIVE_LEVEL) _IRQL_saves_global_(OldIrql, Irql) _Kernel_clear_do_init_(yes)
    __drv_savesIRQLGlobal(OldIrql, Irql) NTSTATUS
    annot_passive(_In_reads_or_z_opt_(n) PCWSTR s, _Inout_bytecount_(n) PVOID b,
                  _In_opt_bytecount_(n) PVOID c, _In_count_(n) PULONG d, ULONG n,
                  _Outptr_opt_result_buffer_maybenull_(n) PVOID *e,
                  _Outptr_result_bytebuffer_to_(n, n) PVOID *f, _Unreferenced_parameter_ PVOID g,
                  _At_(*e, _Pre_ _Null_ _Post_ _Notnull_) _Deref_post_null_ PVOID *h,
                  _COM_Outptr_ PVOID *i, _COM_Outptr_opt_result_maybenull_ PVOID *j)
{
    KSPIN_LOCK lock;
    UNREFERENCED_PARAMETER(s), UNREFERENCED_PARAMETER(b), UNREFERENCED_PARAMETER(c);
    UNREFERENCED_PARAMETER(d), UNREFERENCED_PARAMETER(e), UNREFERENCED_PARAMETER(f);
    UNREFERENCED_PARAMETER(g), UNREFERENCED_PARAMETER(h), UNREFERENCED_PARAMETER(i);
    UNREFERENCED_PARAMETER(j);
    _IRQL_limited_to_(PASSIVE_LEVEL);
    KeInitializeSpinLock(&lock);
    _Analysis_assume_lock_acquired_(lock);
    _Analysis_assume_lock_released_(lock);
    _Analysis_assume_same_lock_(lock, lock);
    /* MSVC's __annotation: its arguments (wide strings, L#x included) are never evaluated. */
    __annotation(L"Debug", L"AssertFail", L"n == 0");
    return n == 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

/* FILE_xxx_ALIGNMENT: MS-FSCC 2.4.3's values. */
C_ASSERT(FILE_BYTE_ALIGNMENT == 0 && FILE_WORD_ALIGNMENT == 1 && FILE_LONG_ALIGNMENT == 3);
C_ASSERT(FILE_QUAD_ALIGNMENT == 7 && FILE_OCTA_ALIGNMENT == 0xF && FILE_32_BYTE_ALIGNMENT == 0x1F);
C_ASSERT(FILE_64_BYTE_ALIGNMENT == 0x3F && FILE_128_BYTE_ALIGNMENT == 0x7F);
C_ASSERT(FILE_256_BYTE_ALIGNMENT == 0xFF && FILE_512_BYTE_ALIGNMENT == 0x1FF);

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return annot_dpc != NULL ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
