/*
 * poppack.h - ends a packed region begun by <pshpack1.h>, <pshpack2.h>, <pshpack4.h> or
 * <pshpack8.h>: restores the packing in force before it. No include guard (one per region).
 */
#pragma pack(pop)
