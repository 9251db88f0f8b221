/*
 * layout.c - the header drvmof writes for all.mof and named.mof (check_drvmof.sh), checked at
 * compile time against the documented WMI layout: natural alignment as /Zp8 gives it, items in
 * WmiDataId order, the fixed part ending at the first variable-length item (VariableData), the
 * _SIZE, _ID, method id and method parameter structure names of wmimofck -h -m.
 */
#include <ntddk.h>

#include "all.h"
#include "named.h"

/* The embedded class, under its HeaderName; Small (id 1) comes first. */
C_ASSERT(FIELD_OFFSET(MOFT_PAIR, Small) == 0);
C_ASSERT(FIELD_OFFSET(MOFT_PAIR, Big) == 8);
C_ASSERT(sizeof(MOFT_PAIR) == 16 && MOFT_PAIR_SIZE == 16);
C_ASSERT(MOFT_PAIR_Small_ID == 1 && MOFT_PAIR_Big_ID == 2);
C_ASSERT(MOFT_PAIR_Big_SIZE == 8);
#if !defined(MOFT_PAIRGuid) || defined(MofTest_PairGuid)
#error "the GUID macro is named by the HeaderName"
#endif

/* Every basic type, arrays, embedded classes, datetime. */
C_ASSERT(sizeof(((MofTest_AllTypes *)0)->Flag) == 1);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, S8) == 1);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, U16) == 2);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, S16) == 4);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, U32) == 8);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, S32) == 12);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, U64) == 16);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, S64) == 24);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, Bytes) == 32 && MofTest_AllTypes_Bytes_SIZE == 3);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, Pair) == 40 && MofTest_AllTypes_Pair_SIZE == 16);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, Pairs) == 56 && MofTest_AllTypes_Pairs_SIZE == 32);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, When) == 88 && MofTest_AllTypes_When_SIZE == 50);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, Mode) == 140);
C_ASSERT(FIELD_OFFSET(MofTest_AllTypes, VariableData) == 144);
C_ASSERT(MofTest_AllTypes_Flag_ID == 1 && MofTest_AllTypes_S64_ID == 8);
C_ASSERT(MofTest_AllTypes_Mode_ID == 13 && MofTest_AllTypes_Counts_ID == 14);
C_ASSERT(MofTest_AllTypes_Trailer_ID == 15 && MofTest_AllTypes_Bounded_ID == 16);
C_ASSERT(MOFT_MODE_OFF == 0 && MOFT_MODE_ON == 5);
#if defined(MofTest_AllTypes_SIZE) || defined(MofTest_AllTypes_Trailer_SIZE)
#error "a block with a variable-length item has no _SIZE, nor sizes after that item"
#endif

/* A fixed-size block and its methods. */
C_ASSERT(FIELD_OFFSET(MofTest_Fixed, Tail) == 4 && MofTest_Fixed_SIZE == 5);
C_ASSERT(MofTest_Fixed_Value_ID == 1 && MofTest_Fixed_Tail_SIZE == 1);
C_ASSERT(Swap == 1 && Ping == 2 && Both == 3);
C_ASSERT(FIELD_OFFSET(Swap_IN, A) == 0 && FIELD_OFFSET(Swap_IN, B) == 8 && Swap_IN_SIZE == 16);
C_ASSERT(FIELD_OFFSET(Swap_OUT, C) == 0 && FIELD_OFFSET(Swap_OUT, D) == 8 && Swap_OUT_SIZE == 12);
C_ASSERT(Swap_IN_A_ID == 1 && Swap_IN_B_ID == 2 && Swap_OUT_C_ID == 3 && Swap_OUT_D_ID == 4);
C_ASSERT(Both_IN_X_ID == 1 && Both_OUT_X_ID == 1 && Both_IN_SIZE == 2 && Both_OUT_SIZE == 2);
#if defined(Ping_IN_SIZE) || defined(Ping_OUT_SIZE)
#error "a method without parameters has no parameter structures"
#endif

/* An event block. */
C_ASSERT(MofTest_Event_SIZE == 4 && MofTest_Event_Code_ID == 1);

/* A MaxLen string: the fixed part ends at it, unless -u (then WCHAR[MaxLen + 1]). */
#ifdef WITH_U
C_ASSERT(FIELD_OFFSET(MofTest_Named, Name) == 2 && MofTest_Named_Name_SIZE == 18);
C_ASSERT(FIELD_OFFSET(MofTest_Named, After) == 20 && MofTest_Named_SIZE == 24);
#else
C_ASSERT(FIELD_OFFSET(MofTest_Named, VariableData) == 2);
C_ASSERT(MofTest_Named_Name_ID == 2 && MofTest_Named_After_ID == 3);
#if defined(MofTest_Named_SIZE)
#error "a string without -u is variable length"
#endif
#endif
C_ASSERT(MofTest_Named_Id_ID == 1 && MofTest_Named_Id_SIZE == 2);
