/*
 * pshpack2.h - structure packing 2 from here to the matching <poppack.h> (the WDK's
 * pshpack2.h: push the current packing, then pack to 2 bytes). No include guard: included once
 * per packed region, like the WDK's.
 */
#pragma pack(push, 2)
