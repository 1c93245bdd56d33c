#if canImport(Glibc)
import Glibc
#endif

/// A value shared by threads behind a pthread mutex. ThreadSanitizer sees pthread mutexes (it
/// intercepts them), while the standard library's `Mutex` synchronises in code it does not
/// instrument and is reported as a race; the caches and lazily parsed sets use this instead.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
