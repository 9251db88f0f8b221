/*
 * wsk.h - the Winsock Kernel provider (src/wsk): what the other layers call. The provider's
 * DDIs (WskRegister and the dispatch tables it hands out) are reached by drivers only.
 */
#ifndef DRVHOST_WSK_H
#define DRVHOST_WSK_H

/* Stops the poll thread (drvhost_shutdown, after every driver unloaded: no socket is left). */
void wsk_shutdown(void);

#endif
