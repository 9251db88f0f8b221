/*
 * os.h - the platform layer: the only code that calls POSIX (threads, locks, clocks, memory,
 * dynamic loading). Everything above it is written against these wrappers.
 */
#ifndef DRVHOST_OS_H
#define DRVHOST_OS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which sanitizer the runtime is built with. GCC defines __SANITIZE_ADDRESS__ and
 * __SANITIZE_THREAD__; clang (the fuzz preset) does not, and answers __has_feature instead. */
#if defined(__SANITIZE_ADDRESS__)
#define DRVHOST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DRVHOST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define DRVHOST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DRVHOST_TSAN 1
#endif
#endif

/* Mutexes and condition variables (condition variables use CLOCK_MONOTONIC). */
typedef struct os_mutex {
    pthread_mutex_t m;
} os_mutex;
typedef struct os_cond {
    pthread_cond_t c;
} os_cond;

/* A mutex defined statically: `static os_mutex m = OS_MUTEX_INIT;`. */
#define OS_MUTEX_INIT                                                                              \
    {                                                                                              \
        PTHREAD_MUTEX_INITIALIZER                                                                  \
    }
void os_mutex_init(os_mutex *m);
void os_mutex_destroy(os_mutex *m);
void os_mutex_lock(os_mutex *m);
void os_mutex_unlock(os_mutex *m);
bool os_mutex_trylock(os_mutex *m);
void os_cond_init(os_cond *c);
void os_cond_destroy(os_cond *c);
void os_cond_wait(os_cond *c, os_mutex *m);
/* Waits until the monotonic deadline (ns, see os_monotonic_ns). Returns false on time-out. */
bool os_cond_wait_until(os_cond *c, os_mutex *m, uint64_t deadline_ns);
void os_cond_signal(os_cond *c);
void os_cond_broadcast(os_cond *c);

/* A read-write lock defined statically (`OS_RWLOCK_INIT`); writers are not starved. */
typedef struct os_rwlock {
    pthread_rwlock_t l;
} os_rwlock;
#define OS_RWLOCK_INIT                                                                             \
    {                                                                                              \
        PTHREAD_RWLOCK_INITIALIZER                                                                 \
    }
void os_rwlock_read(os_rwlock *l);
void os_rwlock_write(os_rwlock *l);
void os_rwlock_unlock(os_rwlock *l);

/* Run-once initialisation: `static os_once once = OS_ONCE_INIT; os_run_once(&once, init);`. */
typedef struct os_once {
    pthread_once_t o;
} os_once;
#define OS_ONCE_INIT                                                                               \
    {                                                                                              \
        PTHREAD_ONCE_INIT                                                                          \
    }
void os_run_once(os_once *once, void (*init)(void));

/* Threads. */
typedef struct os_thread {
    pthread_t t;
} os_thread;
int os_thread_create(os_thread *t, void *(*fn)(void *), void *arg, const char *name);
void os_thread_join(os_thread *t);
uint64_t os_thread_id(void); /* the kernel thread id (gettid) */
void os_yield(void);
/* Thread-exit destructor for per-thread runtime state. */
typedef struct os_tls_key {
    pthread_key_t k;
} os_tls_key;
int os_tls_key_create(os_tls_key *key, void (*destructor)(void *));
void os_tls_set(os_tls_key *key, void *value);

/* The calling thread's stack (stack.c). os_stack_prepare, before the thread first runs driver
 * code: records its bounds and gives it an alternate signal stack (unless it has one), so that
 * the fault handler can run when the stack is exhausted; idempotent. os_stack_release at thread
 * exit. os_stack_overflow_address (async-signal-safe): the address lies in the guard area just
 * below the prepared stack. os_stack_bounds: false if the thread was not prepared. */
void os_stack_prepare(void);
void os_stack_release(void);
bool os_stack_overflow_address(uintptr_t address);
bool os_stack_bounds(uintptr_t *low, uintptr_t *high);

/* Clocks. */
uint64_t os_monotonic_ns(void);
/* A cheap, monotonic count for stamping hot-path events (the processor's time-stamp counter
 * where it has one, else os_monotonic_ns): its rate is unknown; convert pairs with
 * os_monotonic_ns taken at two moments (see trace's stamps). */
static inline uint64_t os_cycles(void)
{
#if defined(__x86_64__) || defined(__i386__)
    return __builtin_ia32_rdtsc();
#else
    return os_monotonic_ns();
#endif
}
/* Wall-clock time as Windows counts it: 100 ns units since 1601-01-01 UTC. */
int64_t os_system_time_100ns(void);
/* `size` bytes from the host's random source (getrandom); FALSE if it failed. */
int os_random_bytes(void *buffer, size_t size);
void os_sleep_ns(uint64_t ns);

/* Asymmetric fences (Linux membarrier, private expedited): a pair of threads that needs a full
 * barrier between a store and a load on both sides, one side hot (every request) and one rare,
 * puts only a compiler barrier on the hot side (os_fence_light) and makes the rare side call
 * os_fence_heavy, which runs a full barrier on every thread of the process. Registered once;
 * false where the kernel lacks it: then the hot side must keep its own full barrier. */
bool os_fence_register(void);
void os_fence_heavy(void);
static inline void os_fence_light(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
unsigned os_cpu_count(void);

/* Process. */
uint64_t os_process_id(void);
void os_write_stderr(const char *text, size_t len);
__attribute__((noreturn)) void os_exit_now(int status);
/* Writes a backtrace of the calling thread to stderr (skip the first `skip` frames). */
void os_backtrace(int skip);
/* Fills frames[] with up to max return addresses of the calling thread; returns the count. */
int os_backtrace_frames(void **frames, int max);

/* Termination signals and thread stacks (stacks.c). */
/* Blocks SIGINT and SIGTERM in the calling thread (and so in every thread it creates after). */
void os_block_termination_signals(void);
/* Waits up to timeout_ns for SIGINT or SIGTERM (blocked everywhere): the signal, or 0. */
int os_wait_termination_signal(uint64_t timeout_ns);
const char *os_signal_name(int sig);
/* Writes the calling thread's stack, then every other thread's (each asked by a signal and
 * given timeout_ms to answer), to stderr. */
void os_dump_thread_stacks(unsigned timeout_ms);

/* Faults (fault.c): SIGSEGV and SIGBUS turned into a description for the kernel layer's handler,
 * which runs on the faulting thread (on its alternate stack when it has one), async-signal
 * context. It either resumes the thread elsewhere (os_fault_resume_at) or returns, and the
 * fault goes to the handler that was installed before (a sanitizer's) or to the default
 * action. Signals sent by kill or raise go there directly. */
enum os_fault_kind {
    OS_FAULT_ACCESS,
    OS_FAULT_MISALIGNED,
    OS_FAULT_BUS
};
struct os_fault {
    enum os_fault_kind kind;
    uintptr_t pc;      /* the faulting instruction */
    uintptr_t address; /* the address it touched */
    int access;        /* as Windows reports it: 0 read, 1 write, 8 execute */
    void *context;     /* the thread's saved registers (os_fault_resume_at) */
};
typedef void (*os_fault_handler)(struct os_fault *fault);
/* Installs the handler once (later calls do nothing). */
void os_fault_install(os_fault_handler handler);
/* Makes the thread continue in entry() when the handler returns, as if the faulting instruction
 * had called it (its return address is the faulting pc). */
void os_fault_resume_at(struct os_fault *fault, void (*entry)(void));

/* Dynamic loading. */
void *os_module_symbol(void *module, const char *name);
void os_module_close(void *module);
/* The module base address and file of an address in a loaded module (dladdr); false if none. */
bool os_address_module(const void *address, void **base, const char **file);

/* The address range [base, base+size) a loaded module occupies (its PT_LOAD segments). */
bool os_module_range(void *module, uintptr_t *base, size_t *size);

/* Host files (file.c). Errors are errno values (0: success); os_error_text names them. */
enum {
    OS_FILE_REGULAR,
    OS_FILE_DIRECTORY,
    OS_FILE_OTHER
};
const char *os_error_text(int error);
/* Opens for reading: a descriptor, or -errno. */
int os_file_open_read(const char *path);
void os_file_close(int fd);
/* OS_FILE_*, or -errno. */
int os_file_kind(int fd);
/* Reads the whole file (at most max bytes: EFBIG beyond, EISDIR for a folder) into a malloc'ed
 * buffer with a NUL byte after its end (not counted in *size). */
int os_file_read_fd(int fd, size_t max, void **data, size_t *size);
int os_file_read(const char *path, size_t max, void **data, size_t *size);
bool os_path_exists(const char *path);
/* The canonical absolute path (malloc'ed); a copy of path if it cannot be resolved. */
char *os_path_absolute(const char *path);
/* A new file in memory (memfd, named `name` for /proc/self/maps) holding a copy of data: a
 * descriptor, or -errno. The loader maps a second copy of a module through it. */
int os_file_memory_copy(const char *name, const void *data, size_t size);
/* dlopen of the file open as fd (the descriptor may be closed afterwards). */
void *os_module_open_fd(int fd, char *error, size_t error_size);
/* The folder holding libdrvhost.so (malloc'ed), or NULL. */
char *os_runtime_dir(void);
/* True if `name` is a symbol defined by the runtime library itself (not by a library it uses). */
bool os_runtime_exports(const char *name);
/* The address of `name` if the runtime library itself defines and exports it, else NULL. */
void *os_runtime_symbol(const char *name);
/* True if `name` resolves in the process (used for the C library routines drivers may call). */
bool os_process_has_symbol(const char *name);
/* The address `name` resolves to in the process, or NULL. */
void *os_process_symbol(const char *name);

/* ---- files confined to a folder (fs.c; the ZwCreateFile sandbox) ----------------------- */

enum os_fs_status {
    OS_FS_OK,
    OS_FS_NOT_FOUND,      /* the last component does not exist */
    OS_FS_PATH_NOT_FOUND, /* a folder on the way does not exist (or is not a folder) */
    OS_FS_EXISTS,
    OS_FS_IS_DIR,
    OS_FS_NOT_DIR,
    OS_FS_DENIED,
    OS_FS_NO_SPACE,
    OS_FS_LINK, /* a symbolic link or an escape from the root was refused */
    OS_FS_NAME_INVALID,
    OS_FS_NOT_EMPTY,
    OS_FS_BUSY,      /* another process holds it (a lock) */
    OS_FS_NO_MEMORY, /* out of memory */
    OS_FS_ERROR      /* anything else: the caller's own status for a failure */
};
/* What an errno value means depends on what was being done: ENOENT opening a file means the
 * file is missing, ENOENT creating one means a folder on the way is. os_status_from_errno is the
 * runtime's one errno -> status mapping (file.c); rtl_status_from_os turns the class into an
 * NTSTATUS. */
enum os_errno_context {
    OS_ERRNO_OPEN, /* opening or reading a whole file by its host path (a module, a .reg file) */
    OS_ERRNO_SAVE, /* creating or replacing a file by its host path (the registry file) */
    OS_ERRNO_FS    /* the ZwCreateFile sandbox (fs.c), which tells a missing folder itself */
};
enum os_fs_status os_status_from_errno(int error, enum os_errno_context context);
enum os_fs_how {
    OS_FS_OPEN_EXISTING,
    OS_FS_CREATE_NEW,
    OS_FS_OPEN_ALWAYS,
    OS_FS_TRUNCATE_EXISTING,
    OS_FS_TRUNCATE_ALWAYS
};
struct os_fs_open {
    enum os_fs_how how;
    bool directory; /* open or create a folder (a file otherwise) */
    bool write;     /* open for writing as well as reading */
};
struct os_fs_info {
    uint64_t size, allocated;
    uint32_t links;
    bool directory, read_only;
    int64_t access_time, write_time, change_time; /* 100 ns units since 1601 */
};

/* Opens (create: making it first if missing, one level) a root folder; -1 on failure. */
int os_fs_root_open(const char *path, bool create);
/* Creates a fresh folder $TMPDIR/drvhost-files.XXXXXX; its path in out. */
bool os_fs_temp_dir(char *out, size_t size);
/* Removes a folder and everything in it (symbolic links are removed, not followed). */
bool os_fs_remove_tree(const char *path);
/* Opens rel (relative, '/'-separated, no "." or ".." components; "" = the root) beneath root.
 * *existed: the file or folder was there before. */
enum os_fs_status os_fs_open(int root, const char *rel, const struct os_fs_open *how, int *fd,
                             bool *existed);
enum os_fs_status os_fs_unlink(int root, const char *rel, bool directory);
/* Rewrites each component of rel that does not exist as spelled into the spelling of an entry
 * of its folder that differs only in ASCII letter case, if one does (Windows' file systems
 * compare names without case; Linux's compare bytes). Stops at the first component that is
 * not a folder; the lengths never change. */
void os_fs_match_case(int root, char *rel);
enum os_fs_status os_fs_read(int fd, void *buffer, size_t length, uint64_t offset, size_t *done);
enum os_fs_status os_fs_write(int fd, const void *buffer, size_t length, uint64_t offset,
                              size_t *done);
enum os_fs_status os_fs_stat(int fd, struct os_fs_info *info);
void os_fs_close(int fd);
/* The environment variable DRVHOST_FS_WALK (any value) makes path resolution use the
 * component walk instead of openat2 (tests of the fallback). */

/* Saved files (savefile.c). Each returns 0 or an errno value.
 * os_file_replace: replaces path's content atomically (a new exclusive temporary file beside
 * it, never following a link planted there; the old file's mode; fsync; rename; fsync of the
 * folder). A symlink at path is followed: its target is replaced and the link kept.
 * os_file_lock: takes an exclusive advisory lock (flock) on the lock file "TARGET.lock" beside
 * path's resolved target, without waiting: EBUSY if another process holds it. The lock lasts
 * until os_file_unlock(*handle) or the process's end; the lock file is left in place.
 * os_file_remove_temps: removes the temporary files os_file_replace left for path's target when
 * its process was killed mid-save ("TARGET.tmp-*"); call only while holding os_file_lock. */
int os_file_replace(const char *path, const void *data, size_t size);
int os_file_lock(const char *path, int *handle);
void os_file_unlock(int handle);
void os_file_remove_temps(const char *path);

/* ---- fault injection (faultinject.c; builds other than Release only) -------------------------
 * Makes the Nth pool allocation (ex_track_alloc: every ExAllocatePool* and the runtime's own
 * ex_alloc, Rtl string buffers included; and the framework's request objects, tag 'FxRq',
 * src/wdf/object.c) or the Nth thread creation (os_thread_create) fail, so that tests reach the
 * failure paths. Armed two ways:
 * - drvhost_fault_arm(kind, n, tag), by white-box tests: the nth call counted from now fails,
 *   once;
 *   for OS_INJECT_ALLOC with tag != 0 only allocations with that pool tag count (a test's own
 *   call, not a runtime thread's allocation, is the one that fails). n == 0 disarms.
 * - the environment variable DRVHOST_FAULT, read by drvhost_init (os_inject_from_env):
 *   "alloc:N", "alloc:N:TAG" (TAG: the tag's four characters as a pool report prints them),
 *   "thread:N", comma-separated; counted from that boot (it disarms what was armed before;
 *   unset, it changes nothing). A malformed value is reported on stderr (the variable, the
 *   part, what is wrong) and makes the boot fail.
 * os_inject_hit is called by the allocation and thread creation points: true when this call is
 * the armed one. Counting is atomic; it is deterministic while only the test's thread does the
 * counted calls. In a Release build these compile to nothing and DRVHOST_FAULT is ignored. */
enum os_inject_kind {
    OS_INJECT_ALLOC,
    OS_INJECT_THREAD,
    OS_INJECT_KINDS
};
#ifdef DRVHOST_FAULT_INJECTION
/* Exported from libdrvhost.so though not in the public headers: a white-box test links the
 * internal archive, whose hidden functions are copies with their own globals, so it must arm
 * the one copy the runtime uses (drvhost_* names are exempt from the manifest check). */
__attribute__((visibility("default"))) void drvhost_fault_arm(enum os_inject_kind kind, unsigned n,
                                                              uint32_t tag);
bool os_inject_hit(enum os_inject_kind kind, uint32_t tag);
bool os_inject_from_env(void);
#else
static inline void drvhost_fault_arm(enum os_inject_kind kind, unsigned n, uint32_t tag)
{
    (void)kind, (void)n, (void)tag;
}
static inline bool os_inject_hit(enum os_inject_kind kind, uint32_t tag)
{
    (void)kind, (void)tag;
    return false;
}
static inline bool os_inject_from_env(void)
{
    return true;
}
#endif

/* Whole pages (pages.c): `size` bytes (a multiple of the page size), zeroed, page-aligned, below
 * 4 GiB when below_4g; NULL when none can be had. For DMA common buffers (src/io/dma.c). */
void *os_pages_alloc(size_t size, bool below_4g);
void os_pages_free(void *p, size_t size);
/* Address space without memory (pages.c), for the verifier's special pool (src/ex/special.c):
 * os_pages_reserve maps `size` bytes no-access and uncommitted (NULL when refused);
 * os_pages_protect makes whole pages of it read-write (writable) or no-access again, and on
 * the way back to no-access gives their memory back to the host (their contents are lost). */
void *os_pages_reserve(size_t size);
/* The host's page size (what os_pages_protect works in). */
size_t os_page_size(void);
bool os_pages_protect(void *p, size_t size, bool writable);

/* TCP sockets for the Winsock Kernel provider (net.c). Every socket is non-blocking and
 * close-on-exec; an operation that would block returns OS_NET_AGAIN and the caller waits with
 * os_net_poll. Addresses are family-neutral (4 or 6), ports and addresses in network order. */
enum os_net_status {
    OS_NET_OK,
    OS_NET_AGAIN,       /* would block (EAGAIN, EINPROGRESS) */
    OS_NET_RESET,       /* ECONNRESET, EPIPE */
    OS_NET_ABORTED,     /* ECONNABORTED */
    OS_NET_REFUSED,     /* ECONNREFUSED */
    OS_NET_IN_USE,      /* EADDRINUSE */
    OS_NET_NO_ADDRESS,  /* EADDRNOTAVAIL */
    OS_NET_UNREACHABLE, /* ENETUNREACH, EHOSTUNREACH */
    OS_NET_NOT_CONNECTED,
    OS_NET_NO_MEMORY,
    OS_NET_DENIED,
    OS_NET_INVALID,
    OS_NET_TIMEOUT,
    OS_NET_ERROR
};
struct os_net_addr {
    int family; /* 4 or 6 */
    uint16_t port;
    uint32_t flowinfo, scope;
    uint8_t addr[16]; /* 4 bytes for IPv4 */
};
struct os_iov {
    void *base;
    size_t len;
};
enum os_net_status os_net_socket(int family, int *fd);
enum os_net_status os_net_bind(int fd, const struct os_net_addr *addr);
enum os_net_status os_net_listen(int fd);
enum os_net_status os_net_accept(int fd, int *conn);
/* OS_NET_AGAIN: in progress, the socket turns writable when done (then os_net_connect_result). */
enum os_net_status os_net_connect(int fd, const struct os_net_addr *addr);
enum os_net_status os_net_connect_result(int fd);
enum os_net_status os_net_name(int fd, bool peer, struct os_net_addr *addr);
enum os_net_status os_net_set_v6only(int fd, bool on);
enum os_net_status os_net_send(int fd, const struct os_iov *iov, int count, size_t *done);
enum os_net_status os_net_recv(int fd, const struct os_iov *iov, int count, size_t *done);
enum os_net_status os_net_shutdown_send(int fd);
/* Resets the connection (RST) and leaves the descriptor open but unconnected. */
enum os_net_status os_net_abort(int fd);
void os_net_close(int fd, bool abortive);
/* A listening socket stops listening now (connections it has not accepted are reset), even
 * while another thread's poll() still holds its file and so delays the close's release. */
void os_net_stop_listening(int fd);
/* Readiness: want/got are OS_POLL_* bits; returns the number of ready entries, -1 on error. */
#define OS_POLL_IN  1
#define OS_POLL_OUT 2
#define OS_POLL_ERR 4
struct os_poll_entry {
    int fd;
    short want, got;
};
int os_net_poll(struct os_poll_entry *entries, unsigned count, int timeout_ms);
/* A client exchange on the IPv4 loopback (the scenario verb tcp-echo): connects to 127.0.0.1:port
 * (retrying while refused: a listener may still be starting), sends size bytes, ends its sending
 * side, then reads until the peer closes or cap bytes came; each step waits until deadline_ns
 * (os_monotonic_ns) at the most. */
enum os_net_status os_net_exchange(uint16_t port, const void *data, size_t size, void *in,
                                   size_t cap, size_t *got, uint64_t deadline_ns);
/* A descriptor a thread can poll and another can signal (eventfd). */
int os_wake_create(void);
void os_wake_signal(int fd);
void os_wake_drain(int fd);
void os_wake_close(int fd);

#endif
