/*
 * kbdkmdf.h - the device control of the KMDF keyboard filter test driver (drivers/kbdkmdf.c),
 * sent to its raw PDO (interface GUID_DEVINTERFACE_KBDKMDF).
 */
#ifndef KBDKMDF_H
#define KBDKMDF_H

/* {6d1c7f3a-52b4-4e0b-9a61-2f8e0c4d7b19} */
DEFINE_GUID(GUID_DEVINTERFACE_KBDKMDF, 0x6d1c7f3a, 0x52b4, 0x4e0b, 0x9a, 0x61, 0x2f, 0x8e, 0x0c,
            0x4d, 0x7b, 0x19);

/* Output: KBDKMDF_STATE. */
#define IOCTL_KBDKMDF_STATE CTL_CODE(FILE_DEVICE_KEYBOARD, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _KBDKMDF_STATE {
    ULONG AttributeQueries;  /* IOCTL_KEYBOARD_QUERY_ATTRIBUTES that came back to the filter */
    ULONG LastInformation;   /* WdfRequestGetInformation in the completion routine */
    NTSTATUS RetrieveBefore; /* WdfDeviceRetrieveDeviceInterfaceString before the PDO is reported */
    NTSTATUS RetrieveStarted; /* the same, from the started raw PDO's queue */
} KBDKMDF_STATE;

#endif
