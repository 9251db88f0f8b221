/* wdfcxx.h - a KMDF driver written in C++ over two source files (wdfcxx.cpp, wdfcxx2.cpp) that
 * share one object context type: its WDF_DECLARE_CONTEXT_TYPE object must be one object of the
 * module (the framework compares the type pointer), so both files reach the same context. */
#pragma once
#include <ntddk.h>
#include <wdf.h>

typedef struct _CXX_CONTEXT {
    ULONG Value;
} CXX_CONTEXT, *PCXX_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CXX_CONTEXT, CxxGetContext)

/* wdfcxx2.cpp: the context's value, read through that file's casting function. */
EXTERN_C ULONG CxxReadValue(WDFOBJECT Object);
