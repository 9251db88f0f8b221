/* repair_c4028.c - a function defined with a typed first parameter where its declaration (the
   callback type) has PVOID: MSVC warns C4028 and keeps the declaration's type; the body sees the
   definition's. */
#include <ntddk.h>

typedef enum _KIND {
    KindNone
} KIND;
#include "repair.h"

static PVOID SeenContext;

static ULONG Call(RECORD_CALLBACK *Callback, PVOID Record, PVOID Context)
{
    return Callback(Record, Context);
}

#pragma warning(suppress : 28208)
ULONG ReadTail(PRECORD Record, PVOID Context)
{
    SeenContext = Context;
    return Record->Tail;
}

int C4028Checks(void)
{
    RECORD record = {NULL, KindNone, 42};
    RECORD_CALLBACK *declared = ReadTail; /* the declared type: no cast needed */

    if (Call(declared, &record, &record) != 42 || SeenContext != &record) {
        return 21;
    }
    if (ReadTail(&record, NULL) != 42 || SeenContext != NULL) {
        return 22;
    }
    return 0;
}
