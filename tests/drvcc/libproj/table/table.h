/* table.h - the table library (a StaticLibrary project), referenced by libdrv's project. */
#ifndef TABLE_H
#define TABLE_H
#include <ntddk.h>
/* The library's base (its own TABLE_BASE, per configuration) plus Index. */
ULONG TableLookup(ULONG Index);
#endif
