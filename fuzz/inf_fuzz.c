/*
 * inf_fuzz.c - libFuzzer target for the INF parser (src/pnp/inf_parse*.c): any bytes, as INF
 * files are UTF-16LE, UTF-8 or ASCII text. A parsed INF goes through every later step the PnP
 * manager takes (models, a match for IDs taken from the INF itself, the install of every
 * model), so each record is built and read.
 */
#include "pnp/inf.h"

#include <stdint.h>
#include <string.h>

static size_t touch(const char *s)
{
    size_t sum = 0;
    for (; s != NULL && *s != '\0'; s++)
        sum += (unsigned char)*s;
    return sum;
}

static size_t walk_install(const struct inf_install *in)
{
    size_t sum = touch(in->section);
    for (size_t i = 0; i < in->nregs; i++)
        for (size_t j = 0; j < in->regs[i].size; j++)
            sum += in->regs[i].data[j];
    for (size_t i = 0; i < in->nservices; i++)
        sum += touch(in->services[i].image_path) + touch(in->services[i].name);
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct inf_file *inf = NULL;
    struct inf_error err;
    struct inf_models models;
    volatile size_t sum = 0;
    if (inf_parse(data, size, "fuzz.inf", NULL, &inf, &err) != STATUS_SUCCESS) {
        sum += touch(err.text);
        return 0;
    }
    if (inf_models_read(inf, &models, &err) == STATUS_SUCCESS) {
        /* The first models only: each install may decode up to 65,536 registry entries. */
        for (size_t i = 0; i < models.n && i < 4; i++) {
            const struct inf_model *m = &models.v[i];
            const char *hw[] = {m->hwid};
            struct inf_match match;
            struct inf_install in;
            if (inf_match_device(inf, &models, hw, 1, m->compatible, m->ncompatible, &match,
                                 &err) == STATUS_SUCCESS)
                sum += match.rank;
            if (inf_install_read(inf, m, &in, &err) == STATUS_SUCCESS)
                sum += walk_install(&in);
        }
    }
    inf_free(inf);
    (void)sum;
    return 0;
}
