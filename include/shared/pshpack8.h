/*
 * pshpack8.h - structure packing 8 from here to the matching <poppack.h> (the WDK's
 * pshpack8.h: push the current packing, then pack to 8 bytes). No include guard: included once
 * per packed region, like the WDK's.
 */
/* clang warns at the #include of this file that it changes the packing, which is its purpose:
 * off from here on in the translation unit (GCC says nothing). */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpragma-pack"
#endif
#pragma pack(push, 8)
