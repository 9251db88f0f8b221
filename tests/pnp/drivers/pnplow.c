/* pnplow.c - the recording filter of pnpfilt.c built as a lower filter ("pnplow"). */
#define FILTER_NAME "pnplow"
#include "pnpfilt.c"
