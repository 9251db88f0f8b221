/* Bom.h - begins with a byte-order mark, as some samples do. */
__inline ULONG BomFirst(ULONG Value)
{
    return Value + 100;
}
