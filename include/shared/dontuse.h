/*
 * dontuse.h - the WDK header that marks the unbounded C string routines (strcpy, strcat,
 * sprintf, ... and their wide forms) as deprecated for drivers, to steer code to ntstrsafe.h.
 *
 * Deviation from Windows: drvhost does not mark them, so including it changes nothing and a
 * driver using those routines gets no deprecation warning (the WDK's marks only warn).
 */
#ifndef DRVHOST_DONTUSE_H
#define DRVHOST_DONTUSE_H
#endif
