#if canImport(Glibc)
import Glibc
#endif

/// Runs work items on `jobs` threads and hands their results to `emit` in input order, as soon
/// as each next one is ready. At most `window` results wait for their turn, so memory stays
/// bounded whatever the number of inputs. When `stop` says so (Ctrl-C in the CLI, shutdown in a
/// service) no new work is handed out; what finished is still emitted, in order, up to the first gap.
public final class BatchRunner<Result: Sendable>: @unchecked Sendable {
    private let count: Int
    private let jobs: Int
    private let window: Int
    private let work: @Sendable (Int) -> Result
    private let stop: @Sendable () -> Bool
    private let condition = Condition()
    private var next = 0
    private var emitted = 0
    private var ready: [Int: Result] = [:]
    private var finishedWorkers = 0

    public init(count: Int, jobs: Int, stop: @escaping @Sendable () -> Bool = { false }, work: @escaping @Sendable (Int) -> Result) {
        self.stop = stop
        self.count = count
        self.jobs = max(1, min(jobs, max(count, 1)))
        window = max(4, self.jobs * 4)
        self.work = work
    }

    /// Returns false when interrupted before every item was emitted. Returns only after every
    /// worker thread has ended (joined): a worker still alive could release the last reference
    /// to `work`'s captures (certificates, trust stores) while the process exits and OpenSSL's
    /// exit handler frees its globals — a crash seen under load (SIGSEGV/SIGABRT in X509_free).
    public func run(emit: (Int, Result) -> Void) -> Bool {
        var threads: [pthread_t] = []
        for _ in 0..<jobs {
            if let thread = JoinableThread.start(stackSize: 8 << 20, { [self] in worker() }) {
                threads.append(thread)
            } else {
                condition.lock()
                finishedWorkers += 1  // never started: counts as done
                condition.unlock()
            }
        }
        defer { for thread in threads { pthread_join(thread, nil) } }
        condition.lock()
        while emitted < count {
            if let result = ready.removeValue(forKey: emitted) {
                let index = emitted
                emitted += 1
                condition.broadcast()
                condition.unlock()
                emit(index, result)
                condition.lock()
                continue
            }
            if finishedWorkers == jobs { break } // interrupted: nothing more will come
            condition.wait()
        }
        let complete = emitted == count
        condition.unlock()
        return complete
    }

    private func worker() {
        while true {
            condition.lock()
            // Wait while too far ahead of the emitter.
            while next < count && next - emitted >= window && !stop() { condition.wait() }
            guard next < count, !stop() else {
                finishedWorkers += 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let index = next
            next += 1
            condition.unlock()
            let result = work(index)
            condition.lock()
            ready[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }
}

