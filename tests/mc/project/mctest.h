/* mctest.h - the message compiler test driver's control codes (tests/mc/project). */
#ifndef MCTEST_H
#define MCTEST_H

/* IOCTL_MC_WRITE (0x222000): writes every event of mctest.man once; output: a ULONG, how many
 * times an argument expression was evaluated (only for enabled events, as with mc.exe). */
#define IOCTL_MC_WRITE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)

EXTERN_C NTSTATUS McTestWriteAll(PULONG Evaluated);

#endif
