// helper.cpp - the C++ source of the test project: a class with a constructor and a virtual
// function, built in place with placement new (declared here, as kernel C++ drivers do), and
// operator new/delete defined by the driver over the pool.
#include <ntddk.h>
#include "Local.h"

void *__cdecl operator new(size_t, void *where) noexcept
{
    return where;
}

void *__cdecl operator new(size_t size) noexcept
{
    return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'jorP');
}

void __cdecl operator delete(void *p, size_t) noexcept
{
    if (p) {
        ExFreePoolWithTag(p, 'jorP');
    }
}

namespace {
class Base {
  public:
    explicit Base(ULONG seed) : seed_(seed)
    {}
    virtual ~Base()
    {}
    virtual ULONG Value() const
    {
        return seed_;
    }

  protected:
    ULONG seed_;
};

class Doubler : public Base {
  public:
    explicit Doubler(ULONG seed) : Base(seed)
    {}
    ULONG Value() const override
    {
        return seed_ * 2 + 2;
    }
};
} // namespace

extern "C" ULONG ProjCppValue(ULONG Seed)
{
    alignas(Doubler) unsigned char storage[sizeof(Doubler)];
    Base *inPlace = new (storage) Doubler(Seed);
    ULONG value = inPlace->Value();
    inPlace->~Base();

    Base *onPool = new Doubler(value);
    if (onPool == nullptr) {
        return 0;
    }
    value = onPool->Value() - value; // (2s + 2) * 2 + 2 - (2s + 2) = 2s + 4
    delete onPool;
    return value;
}
