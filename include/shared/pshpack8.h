/*
 * pshpack8.h - structure packing 8 from here to the matching <poppack.h> (the WDK's
 * pshpack8.h: push the current packing, then pack to 8 bytes). No include guard: included once
 * per packed region, like the WDK's.
 */
#pragma pack(push, 8)
