#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// SIGINT sets a flag the batch workers check; a second Ctrl-C exits at once. The flag is a
/// lock-free atomic: written in the signal handler, read by every worker thread (a plain
/// `sig_atomic_t` read from other threads is a data race, as ThreadSanitizer reported).
enum Interrupt {
    private static let flag = Atomic<Int32>(0)

    static var requested: Bool { flag.load(ordering: .acquiring) != 0 }

    static func install() {
        // A parent may have started us with SIGINT blocked; a batch must still stop on Ctrl-C.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            if Interrupt.flag.exchange(1, ordering: .acquiringAndReleasing) != 0 { _exit(130) }
        }
    }
}
