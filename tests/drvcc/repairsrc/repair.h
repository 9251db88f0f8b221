/* repair.h - declarations the repaired sources share. The field of an enumeration defined only
   later (in repair.c, after this header): MSVC gives it the type int. */
#pragma once

typedef struct _RECORD {
    PVOID Buffer;
    enum _KIND Kind;
    ULONG Tail;
} RECORD, *PRECORD;

/* Frees a pool block and clears the pointer (as filesystem samples' XxFreePool). */
VOID ReleaseBlock(PVOID *Block);
#define RELEASE_AS(Type, Pointer) ReleaseBlock(&((Type)(Pointer)))
#ifndef SetFlag /* as ntifs.h */
#define SetFlag(_F, _SF) ((_F) |= (_SF))
#endif

/* A callback type whose parameters are PVOID, a definition in repair_c4028.c with a typed
   first parameter (MSVC C4028). */
typedef ULONG RECORD_CALLBACK(PVOID Record, PVOID Context);
RECORD_CALLBACK ReadTail;

/* Declared volatile, defined in repair.c without it (fastfat's FatReserveMdl): MSVC accepts it. */
__volatile extern PVOID ReserveBlock;

int CxxChecks(void);
int C4028Checks(void);
