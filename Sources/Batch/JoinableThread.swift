#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread that can be joined. Foundation's `Thread` cannot be, so a caller could return
/// (and the process exit) while the thread still releases what its closure captured.
enum JoinableThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a new thread with `stackSize` bytes of stack; nil when it cannot start.
    /// The closure (and what it captures) is released on that thread before it ends, so after
    /// `pthread_join` nothing of it is left.
    static func start(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> pthread_t? {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}
