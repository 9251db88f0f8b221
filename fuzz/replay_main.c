/*
 * replay_main.c - runs a fuzz target's inputs without libFuzzer: the entry point of the replay
 * tests (tests/fuzz/), built with the normal compiler.
 *
 *   replay FILE|DIR...
 *
 * Calls LLVMFuzzerInitialize (if the target has one) once, then LLVMFuzzerTestOneInput on
 * each FILE and on each regular file of each DIR (not recursive, in name order), each input in
 * an exact-size heap block as libFuzzer passes it. Exit status 0 when every input ran.
 * With $DRVHOST_FUZZ_EXPECT_BUGCHECK set, the inputs are expected to end in that bug check
 * (the target's handler exits 0 when it happens): running them all without it is a failure.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data;
    long n;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        if (f != NULL)
            fclose(f);
        return -1;
    }
    data = malloc(n > 0 ? (size_t)n : 1);
    if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        fclose(f);
        free(data);
        return -1;
    }
    fclose(f);
    fprintf(stderr, "replay: %s (%ld bytes)\n", path, n);
    LLVMFuzzerTestOneInput(data, (size_t)n);
    free(data);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file of dir; returns the count, or -1 on an error. */
static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0;
    int done = 0;
    if (d == NULL) {
        fprintf(stderr, "replay: cannot open %s\n", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            names = realloc(names, cap * sizeof(*names));
        }
        names[count++] = strdup(path);
    }
    closedir(d);
    if (count > 0)
        qsort(names, count, sizeof(*names), cmp_str);
    for (size_t i = 0; i < count; i++) {
        if (done >= 0)
            done = replay_file(names[i]) == 0 ? done + 1 : -1;
        free(names[i]);
    }
    free(names);
    return done;
}

int main(int argc, char **argv)
{
    int inputs = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize != NULL)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        struct stat st;
        int n;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s does not exist\n", argv[i]);
            return 1;
        }
        n = S_ISDIR(st.st_mode) ? replay_dir(argv[i]) : (replay_file(argv[i]) == 0 ? 1 : -1);
        if (n < 0)
            return 1;
        inputs += n;
    }
    if (getenv("DRVHOST_FUZZ_EXPECT_BUGCHECK") != NULL) {
        fprintf(stderr, "replay: %d input(s) ran without the expected bug check %s\n", inputs,
                getenv("DRVHOST_FUZZ_EXPECT_BUGCHECK"));
        return 1;
    }
    printf("replay: %d input(s) ran clean\n", inputs);
    return 0;
}
