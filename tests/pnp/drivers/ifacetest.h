/* ifacetest.h - what the device-interface test driver (ifacetest.sys) tells its test. */
#ifndef IFACETEST_H
#define IFACETEST_H

/* On \Device\IfaceTest (\??\IfaceTest): output IFACETEST_INFO. */
#define IOCTL_IFT_INFO CTL_CODE(FILE_DEVICE_UNKNOWN, 0x940, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _IFACETEST_INFO {
    PDRIVER_OBJECT Driver;
    PDEVICE_OBJECT Pdo[2];     /* \Device\IfaceTestPdo0, \Device\IfaceTestPdo1 */
    PDEVICE_OBJECT Fdo;        /* unnamed, attached over Pdo[0] */
    PDEVICE_OBJECT LastCreate; /* the device whose IRP_MJ_CREATE ran last (not the control one) */
    ULONG Creates;
    WCHAR LastFileName[64]; /* that create's FileObject->FileName, NUL-terminated */
} IFACETEST_INFO;

#endif
