/* wdfcxx2.cpp - the second source file of the C++ KMDF test driver (wdfcxx.h). */
#include "wdfcxx.h"

EXTERN_C ULONG CxxReadValue(WDFOBJECT Object)
{
    PCXX_CONTEXT context = CxxGetContext(Object);
    return context != NULL ? context->Value : 0;
}
