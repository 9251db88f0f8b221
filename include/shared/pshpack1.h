/*
 * pshpack1.h - structure packing 1 from here to the matching <poppack.h> (the WDK's
 * pshpack1.h: push the current packing, then pack to 1 bytes). No include guard: included once
 * per packed region, like the WDK's.
 */
#pragma pack(push, 1)
