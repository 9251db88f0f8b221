/* zwfile.h - shared by the I/O manager's file sandbox files (zwfile.c, zwfile_io.c). */
#ifndef DRVHOST_IO_ZWFILE_H
#define DRVHOST_IO_ZWFILE_H

#include "io/io_private.h"

/* A file of the sandbox folder behind a FILE_OBJECT (struct io_file.host). */
struct io_hostfile {
    int fd;
    BOOLEAN directory;
    BOOLEAN synchronous;     /* FILE_SYNCHRONOUS_IO_*: the I/O manager keeps the position */
    BOOLEAN delete_on_close; /* FILE_DELETE_ON_CLOSE: removed when the file object goes */
    os_mutex lock;           /* serialises synchronous I/O and CurrentByteOffset */
    char rel[];              /* the path beneath the root ('/'-separated UTF-8) */
};

/* The referenced sandbox file object of a handle; STATUS_NOT_SUPPORTED for other files. */
NTSTATUS io_fs_file_of(HANDLE handle, struct io_file **file);
NTSTATUS io_fs_status(enum os_fs_status s);

#endif
