// fs_routines_cxx.cpp - the file-system declaration checks (driver/fs_routines.c) compiled as
// kernel C++ by drvcc: the documented prototypes hold for C++ drivers too.
#include "driver/fs_routines.c"
