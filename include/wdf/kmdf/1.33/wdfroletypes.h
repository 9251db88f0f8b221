/*
 * wdfroletypes.h - object-type-specific function types for the cleanup and destroy callbacks
 * (KMDF 1.9 on): the same signature as EVT_WDF_OBJECT_CONTEXT_CLEANUP / _DESTROY, named for
 * the object they are registered on so that verification tools can tell them apart (the
 * EvtCleanupCallback and EvtDestroyCallback reference pages list them).
 */
#ifndef _WDFROLETYPES_H_
#define _WDFROLETYPES_H_

typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP EVT_WDF_DEVICE_CONTEXT_CLEANUP;
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY EVT_WDF_DEVICE_CONTEXT_DESTROY;
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP EVT_WDF_IO_QUEUE_CONTEXT_CLEANUP_CALLBACK;
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY EVT_WDF_IO_QUEUE_CONTEXT_DESTROY_CALLBACK;
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP EVT_WDF_FILE_CONTEXT_CLEANUP_CALLBACK;
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY EVT_WDF_FILE_CONTEXT_DESTROY_CALLBACK;

#endif
