#!/bin/sh
# check-posix.sh NM OBJECT... - the posix_only_in_os test: src/os is the only code of the runtime
# that calls the system's interfaces. Every object file given (the runtime's) outside src/os/
# must leave none of these symbols undefined: threads (pthread_*, thrd_*), signals (sig*,
# raise, kill), clocks (clock_*), files and folders (open*, read, write, pread, pwrite, close,
# fsync, rename*, unlink*, mkstemp*, flock, fcntl, *stat*, mkdir, rmdir, opendir, readdir,
# realpath), memory mapping (mmap, munmap, mprotect), dynamic loading (dl*), processes (getpid,
# syscall, fork, exec*), errno (__errno_location), non-local jumps (setjmp, longjmp and their
# variants), backtraces, sockets and readiness (socket, bind, listen, accept*, connect, *sockopt,
# getsockname, getpeername, send*, recv*, shutdown, poll, eventfd). The C library's own routines (malloc, memcpy, snprintf, ...) are fine.
set -eu
nm=$1
shift
pattern='^(pthread_|thrd_|sig[a-z]|raise$|kill$|clock_|open|read$|write$|pread|pwrite|close$|fsync|rename|unlink|mkstemp|flock$|fcntl|(__)?(f|l)?x?stat|mkdir$|rmdir$|opendir$|readdir|realpath$|mmap|munmap$|mprotect$|dl[a-z]|getpid$|syscall$|fork$|exec|__errno_location$|_?setjmp$|__sigsetjmp$|_?longjmp$|siglongjmp$|backtrace|socket$|bind$|listen$|accept4?$|connect$|[gs]etsockopt$|getsockname$|getpeername$|send(msg|to)?$|recv(msg|from)?$|shutdown$|poll$|eventfd$)'
bad=0
for o in "$@"; do
    case $o in */os/*) continue ;; esac
    syms=$("$nm" -u "$o" | awk '{ print $NF }' | grep -E "$pattern" || true)
    if [ -n "$syms" ]; then
        echo "check-posix: $(basename "$(dirname "$o")")/$(basename "$o" .o) calls $(echo $syms): only src/os may"
        bad=1
    fi
done
[ $bad = 0 ] && echo "check-posix: $# objects, no system interface outside src/os"
exit $bad
