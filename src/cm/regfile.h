/*
 * regfile.h - private to src/cm: the parsed form of a .reg file shared by the parser
 * (regfile_parse.c) and the code applying it (regfile_apply.c).
 */
#ifndef DRVHOST_CM_REGFILE_H
#define DRVHOST_CM_REGFILE_H

#include "cm/cm_private.h"

enum cm_reg_op_kind {
    CM_OP_KEY,          /* [KEY]: create (with parents); the following values go there */
    CM_OP_DELETE_KEY,   /* [-KEY]: delete the subtree */
    CM_OP_SET,          /* "name"=data */
    CM_OP_DELETE_VALUE, /* "name"=- */
};

struct cm_reg_op {
    enum cm_reg_op_kind kind;
    unsigned line; /* where it was written, for messages */
    WCHAR *path;   /* keys: the NT path, NUL-terminated */
    size_t path_len;
    WCHAR *name; /* values: the name (NULL and 0 for the default value) */
    size_t name_len;
    ULONG type;
    void *data;
    ULONG size;
};

struct cm_regfile {
    char *name; /* the file name given to the parser, for messages */
    struct cm_reg_op *ops;
    size_t n, cap;
};

#endif
