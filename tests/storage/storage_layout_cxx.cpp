// storage_layout_cxx.cpp - the storage layout checks (driver/storage_layout.c) compiled as kernel
// C++ by drvcc: the storage headers must build in C++ drivers too, with the same layouts.
#include "driver/storage_layout.c"
