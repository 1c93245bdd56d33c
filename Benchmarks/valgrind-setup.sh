# Sourced by the callgrind benchmarks: what valgrind 3.19 (Debian 12) needs to run a Swift binary.
# prepare_valgrind DIR BINARY writes DIR/asic and DIR/sigsuspend.so (use LD_PRELOAD=DIR/sigsuspend.so).
#  - valgrind cannot read the DWARF 5 debug info the Swift toolchain writes ("unhandled dwarf2 abbrev
#    form code 0x25", then it gives up): measure a copy without debug info. The code, and so the count,
#    is the same; callgrind still names functions from the symbol table.
#  - it crashes on the first instruction of any Swift program that starts with dispatch_main:
#    libdispatch calls sigsuspend with a mask in read-only memory and valgrind's rt_sigsuspend wrapper
#    writes into the caller's mask. The preload passes a copy on the stack.
prepare_valgrind() {
    local dir=$1 binary=$2
    objcopy --strip-debug "$binary" "$dir/asic"
    cat >"$dir/sigsuspend.c" <<'C'
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)8);
}
C
    cc -shared -fPIC -O2 -o "$dir/sigsuspend.so" "$dir/sigsuspend.c"
}
