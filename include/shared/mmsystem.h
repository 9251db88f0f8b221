/*
 * mmsystem.h - the Windows multimedia API header, as kernel audio drivers include it for the
 * wave format types (WAVEFORMATEX and the format tags).
 *
 * drvhost: only those types, through <mmreg.h> (deviation: the WDK's mmsystem.h declares them
 * itself and does not include mmreg.h, so its other definitions come too). The user-mode
 * multimedia routines (waveOut*, midi*, mixer*, timers) are not provided: no kernel driver can
 * call them.
 */
#ifndef _INC_MMSYSTEM
#define _INC_MMSYSTEM
#include <mmreg.h>
#endif
