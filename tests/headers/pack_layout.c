/* pack_layout.c - the packing headers (pshpackN.h, poppack.h), dontuse.h and suppress.h as a
 * driver includes them; each layout pinned at compile time (this module failing to build is
 * the test failing). */
#include <ntddk.h>
#include <dontuse.h>
#include <suppress.h>

#include <pshpack1.h>
typedef struct {
    UCHAR a;
    ULONG b;
    USHORT c;
} PACK1;
#include <poppack.h>
#include <pshpack2.h>
typedef struct {
    UCHAR a;
    ULONG b;
} PACK2;
#include <pshpack4.h>
typedef struct {
    UCHAR a;
    ULONGLONG b;
} PACK4; /* nested: 4 inside the 2 region */
#include <poppack.h>
typedef struct {
    UCHAR a;
    ULONGLONG b;
} PACK2_AGAIN; /* poppack.h restored 2, not 4 */
#include <poppack.h>
#include <pshpack8.h>
typedef struct {
    UCHAR a;
    ULONGLONG b;
} PACK8;
#include <poppack.h>
typedef struct {
    UCHAR a;
    ULONG b;
} NATURAL; /* after the last poppack.h: natural alignment */

_Static_assert(sizeof(PACK1) == 7 && FIELD_OFFSET(PACK1, b) == 1, "pshpack1.h");
_Static_assert(sizeof(PACK2) == 6 && FIELD_OFFSET(PACK2, b) == 2, "pshpack2.h");
_Static_assert(sizeof(PACK4) == 12 && FIELD_OFFSET(PACK4, b) == 4, "pshpack4.h");
_Static_assert(sizeof(PACK2_AGAIN) == 10, "poppack.h restores the enclosing packing");
_Static_assert(sizeof(PACK8) == 16 && FIELD_OFFSET(PACK8, b) == 8, "pshpack8.h");
_Static_assert(sizeof(NATURAL) == 8, "poppack.h restores natural alignment");

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return STATUS_SUCCESS;
}
