/* Inline.h - non-static __inline functions in a header included by several sources, as MSVC's
   C compiles them: external linkage, a copy in each object that uses one, a single copy kept by
   the linker (general/ioctl/kmdf's log_xstr, general/pcidrv/kmdf's D100IssueScbCommand). */
#ifndef INLINE_H
#define INLINE_H

#ifdef __cplusplus
extern "C" { /* C names in C++ too: its COMDAT copies and the C sources' copies are one */
#endif

/* No non-inline declaration anywhere: C99 would emit no definition at all. */
__inline ULONG InlineScale(ULONG Value)
{
    return Value * 3 + 1;
}

/* Defined __inline, then declared without it (C99 would make every copy a definition); the
   declaration spread over lines as the samples write it. */
/* clang-format off */
_IRQL_requires_max_(DISPATCH_LEVEL)
__inline
NTSTATUS
InlineIssue(
    _Inout_ PULONG Counter
    )
{
    *Counter += 1;
    return *Counter > 2 ? STATUS_DEVICE_BUSY : STATUS_SUCCESS;
}

/* clang-format on */

NTSTATUS InlineIssue(PULONG Counter);

/* After a macro that declares something without a semicolon of its own. */
#define INLINE_DECLARE_TWICE(prefix)                                                               \
    static ULONG prefix##Twice(ULONG Value)                                                        \
    {                                                                                              \
        return Value * 2;                                                                          \
    }
INLINE_DECLARE_TWICE(Inline)
__inline ULONG InlineAfterMacro(ULONG Value)
{
    return InlineTwice(Value) + 1;
}

/* The C99 keyword: MSVC's C gives inline the meaning of __inline. */
inline ULONG InlineKeyword(ULONG Value)
{
    return Value * 2;
}

/* static __inline: one private copy per source, with either compiler. */
static __inline ULONG InlinePrivate(ULONG Value)
{
    return Value + 5;
}

#ifdef __cplusplus
}
#endif

#endif
