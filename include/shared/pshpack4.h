/*
 * pshpack4.h - structure packing 4 from here to the matching <poppack.h> (the WDK's
 * pshpack4.h: push the current packing, then pack to 4 bytes). No include guard: included once
 * per packed region, like the WDK's.
 */
#pragma pack(push, 4)
