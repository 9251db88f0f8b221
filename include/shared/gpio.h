/*
 * gpio.h - what a GPIO client (peripheral driver) sends to the GPIO controller through the
 * resource hub path of its GPIO I/O connection (reshub.h): the pin IOCTLs (Microsoft's names and
 * values). Plain definitions: the controller side is GpioClx (gpioclx.h).
 */
#ifndef __GPIO_W__
#define __GPIO_W__

#include <devioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Read / write the connection's pins: the buffer holds one bit per pin of the connection. */
#define IOCTL_GPIO_READ_PINS  CTL_CODE(FILE_DEVICE_GPIO, 0x0, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_GPIO_WRITE_PINS CTL_CODE(FILE_DEVICE_GPIO, 0x1, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_GPIO_CONTROLLER_SPECIFIC_FUNCTION                                                    \
    CTL_CODE(FILE_DEVICE_GPIO, 0x2, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_GPIO_COMMIT_FUNCTION_CONFIG_PINS                                                     \
    CTL_CODE(FILE_DEVICE_GPIO, 0x4, METHOD_BUFFERED, FILE_ANY_ACCESS)

#ifdef __cplusplus
}
#endif

#endif
