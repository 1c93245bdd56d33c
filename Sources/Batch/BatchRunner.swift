#if canImport(Glibc)
import Glibc
#endif

/// Runs work items on `jobs` threads and hands their results to `emit` in input order, as soon
/// as each next one is ready. At most `window` results wait for their turn, so memory stays
/// bounded whatever the number of inputs. When `stop` says so (Ctrl-C in the CLI, shutdown in a
/// service) no new work is handed out; what was taken still finishes and is emitted, in order.
///
/// The workers emit: the one that finishes the next result in order hands it (and any that
/// follow, already waiting) to `emit`, one worker at a time, while the calling thread only waits
/// for them to end. A separate emitting thread had to be woken for every result, and on a
/// machine with as many workers as cores each wake-up took a core from a worker.
public final class BatchRunner<Result: Sendable>: @unchecked Sendable {
    private let count: Int
    private let jobs: Int
    private let window: Int
    private let work: @Sendable (Int) -> Result
    private let stop: @Sendable () -> Bool
    private let condition = Condition()
    // All below are guarded by `condition`.
    private var next = 0
    private var emitted = 0
    private var ready: [Int: Result] = [:]
    /// A worker is handing results to `emit`: no other may, so they stay in order.
    private var emitting = false
    /// Workers waiting for the emitted results to catch up with the window.
    private var waitingForRoom = 0

    public init(count: Int, jobs: Int, stop: @escaping @Sendable () -> Bool = { false }, work: @escaping @Sendable (Int) -> Result) {
        self.stop = stop
        self.count = count
        self.jobs = max(1, min(jobs, max(count, 1)))
        window = max(4, self.jobs * 4)
        self.work = work
    }

    /// Returns false when interrupted before every item was emitted. `emit` is called on the
    /// worker threads, never two calls at once, each call's effects visible to the next and to
    /// the caller when `run` returns. Returns only after every worker thread has ended (joined):
    /// a worker still alive could release the last reference to `work`'s captures (certificates,
    /// trust stores) while the process exits and OpenSSL's exit handler frees its globals — a
    /// crash seen under load (SIGSEGV/SIGABRT in X509_free).
    public func run(emit: (Int, Result) -> Void) -> Bool {
        withoutActuallyEscaping(emit) { emit in
            let handOver = Unchecked(emit)
            var threads: [pthread_t] = []
            for _ in 0..<jobs {
                if let thread = JoinableThread.start(stackSize: 8 << 20, { [self] in worker(emit: handOver.value) }) {
                    threads.append(thread)
                }
            }
            for thread in threads { pthread_join(thread, nil) }
            condition.lock()
            defer { condition.unlock() }
            return emitted == count
        }
    }

    private func worker(emit: (Int, Result) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        while true {
            // First hand over what is next in order, unless another worker is doing so: every
            // result is put in `ready` under the lock, and whoever puts or finds the next one
            // while nobody emits takes the turn, so none is left waiting.
            if !emitting, let first = ready.removeValue(forKey: emitted) {
                emitting = true
                var result = first
                while true {
                    let index = emitted
                    condition.unlock()
                    emit(index, result)
                    condition.lock()
                    emitted += 1
                    if waitingForRoom > 0 { condition.broadcast() }
                    guard let following = ready.removeValue(forKey: emitted) else { break }
                    result = following
                }
                emitting = false
                continue
            }
            guard next < count, !stop() else { return }  // what was taken is emitted by whoever finishes it
            if next - emitted >= window {
                waitingForRoom += 1
                condition.wait()
                waitingForRoom -= 1
                continue
            }
            let index = next
            next += 1
            condition.unlock()
            let result = work(index)
            condition.lock()
            ready[index] = result
        }
    }
}

/// A value handed to the worker threads that the compiler cannot prove safe to share: `emit`,
/// which the runner calls from one thread at a time under its lock's ordering.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
