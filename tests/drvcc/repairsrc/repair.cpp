/* repair.cpp - what MSVC's C++ accepts and GCC refuses, which drvcc repairs under the Windows
   rules: a goto over the initialization of scalars (/Zc:gotoScope-, MSVC's default; a const one
   used as an array bound, as spb/SpbTestTool does), a syntax error in the body of a template
   nobody instantiates (MSVC parses it only at instantiation, as spb/SkeletonI2C's hw.h) and a
   specialization's member defined without template<>. */
#include <ntddk.h>

extern "C" int CxxChecks(void);

template <typename T> class Register {
  public:
    T Value;
    T Read()
    {
        return Value;
    }
    bool TestBits(T Flags) {return ((Read() & Flags) != 0)};  // never instantiated
};

/* A member of the explicit specialization Register<USHORT> defined without template<>, as
   spb/SkeletonI2C's hw.cpp defines HWREG<ULONG>::Read. */
USHORT
Register<USHORT>::Read()
{
    return (USHORT)(Value + 1);
}

static ULONG Twice(ULONG x)
{
    return 2 * x;
}

static ULONG Skip(bool early, ULONG seed)
{
    ULONG result = 1;

    if (early) {
        goto Done;
    }
    const ULONG count = 3;
    ULONG doubled = Twice(seed);
    struct {
        ULONG Items[count];
    } table;

    for (ULONG i = 0; i < count; i++) {
        table.Items[i] = doubled + i;
    }
    result = table.Items[count - 1];
Done:
    return result;
}

int CxxChecks(void)
{
    Register<ULONG> reg = {5};

    if (Skip(true, 10) != 1) {
        return 31;
    }
    if (Skip(false, 10) != 22) {
        return 32;
    }
    if (reg.Read() != 5) {
        return 33;
    }
    Register<USHORT> narrow = {7};
    if (narrow.Read() != 8) {
        return 34;
    }
    return 0;
}
