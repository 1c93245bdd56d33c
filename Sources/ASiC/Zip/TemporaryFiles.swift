#if canImport(Glibc)
import Glibc
#endif

/// The temporary and staging files a rewrite has beside a container, so that a signal handler
/// can remove them: a container rewrite killed by Ctrl-C or SIGTERM leaves nothing behind.
/// The slots are plain C strings in a fixed buffer, read by the handler without allocating.
public enum TemporaryFiles {
    private static let capacity = 16
    private nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let buffer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        buffer.initialize(repeating: nil, count: capacity)
        return buffer
    }()

    /// Notes `path` for removal on a signal; returns its slot for `forget`.
    @discardableResult
    public static func register(_ path: String) -> Int? {
        for index in 0..<capacity where slots[index] == nil {
            slots[index] = strdup(path)
            return index
        }
        return nil
    }

    /// The file was renamed into place or removed: nothing to clean up any more.
    public static func forget(_ slot: Int?) {
        guard let slot, let path = slots[slot] else { return }
        slots[slot] = nil
        free(path)
    }

    /// Removes every registered file and exits with 128 + signal on SIGINT, SIGTERM and SIGHUP.
    public static func removeOnSignals() {
        // A parent may have started us with these signals blocked; unblock them so they reach us.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                for index in 0..<TemporaryFiles.capacity {
                    if let path = TemporaryFiles.slots[index] { unlink(path) }
                }
                _exit(128 + received)
            }
        }
    }
}
