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

/* A member declared twice, with the same type, in anonymous unions and structs of one class,
   as network/trans/WFPSampler's IP_HEADER_V4 declares typeOfService (a byte, and a 6-bit field
   of a byte beside the ECN bits). MSVC accepts it (C2658 is for different types); the first
   declaration names the member (the C2658 page: the second is "not needed because it is
   defined in the first union"), and the later one keeps its storage: the layout is MSVC's. */
typedef struct _TOS_HEADER {
    union {
        UCHAR tos;
        UCHAR dscpAndEcn;
        struct {
            UCHAR ecn : 2;
            UCHAR tos : 6;
        };
    };
    UCHAR ttl;
} TOS_HEADER;

typedef struct _TWO_UNIONS {
    union {
        ULONG a;
    };
    union {
        ULONG a;
        ULONG b;
    };
} TWO_UNIONS;

static int AnonymousChecks(void)
{
    TOS_HEADER header = {};
    TWO_UNIONS two = {};

    header.tos = 0xFD;
    if (sizeof(TOS_HEADER) != 2 || FIELD_OFFSET(TOS_HEADER, ttl) != 1) {
        return 1;
    }
    if (header.tos != 0xFD || header.dscpAndEcn != 0xFD || header.ecn != 1) {
        return 2; /* tos is the whole byte, the first declaration */
    }
    two.a = 7;
    two.b = 9;
    if (sizeof(TWO_UNIONS) != 8 || FIELD_OFFSET(TWO_UNIONS, b) != 4 || two.a != 7) {
        return 3; /* the second union's a keeps its place, at b's offset */
    }
    return 0;
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
    if (AnonymousChecks() != 0) {
        return 40 + AnonymousChecks();
    }
    return 0;
}
