/*
 * regfile_fuzz.c - libFuzzer target for the .reg file parser (src/cm/regfile_parse.c): any
 * bytes, as regedit files are UTF-16 or 8-bit text. The parser is pure (no registry, no
 * globals); a parsed file is walked so that every path, name and value it holds is read.
 */
#include "cm/cm.h"
#include "cm/regfile.h"

#include <stdint.h>

static size_t touch(const void *p, size_t n)
{
    const uint8_t *b = p;
    size_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += b[i];
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cm_regfile *rf = NULL;
    char err[256];
    volatile size_t sum = 0;
    if (cm_regfile_parse(data, size, "fuzz.reg", &rf, err, sizeof(err)) != STATUS_SUCCESS)
        return 0;
    for (size_t i = 0; i < rf->n; i++) {
        const struct cm_reg_op *op = &rf->ops[i];
        sum += touch(op->path, op->path_len * sizeof(WCHAR));
        sum += touch(op->name, op->name_len * sizeof(WCHAR));
        sum += touch(op->data, op->size);
    }
    cm_regfile_free(rf);
    (void)sum;
    return 0;
}
