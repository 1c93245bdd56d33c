import Foundation

/// Runs work items on `jobs` threads and hands their results to `emit` in input order, as soon
/// as each next one is ready. At most `window` results wait for their turn, so memory stays
/// bounded whatever the number of inputs. Ctrl-C (SIGINT) stops handing out new work; what
/// finished is still emitted, in order, up to the first gap.
final class BatchRunner<Result: Sendable>: @unchecked Sendable {
    private let count: Int
    private let jobs: Int
    private let window: Int
    private let work: @Sendable (Int) -> Result
    private let condition = NSCondition()
    private var next = 0
    private var emitted = 0
    private var ready: [Int: Result] = [:]
    private var finishedWorkers = 0

    init(count: Int, jobs: Int, work: @escaping @Sendable (Int) -> Result) {
        self.count = count
        self.jobs = max(1, min(jobs, max(count, 1)))
        window = max(4, self.jobs * 4)
        self.work = work
    }

    /// Returns false when interrupted before every item was emitted.
    func run(emit: (Int, Result) -> Void) -> Bool {
        for _ in 0..<jobs {
            let thread = Thread { [self] in worker() }
            thread.stackSize = 8 << 20
            thread.start()
        }
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
            while next < count && next - emitted >= window && !Interrupt.requested { condition.wait() }
            guard next < count, !Interrupt.requested else {
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

/// SIGINT sets a flag the batch checks; a second Ctrl-C exits at once.
enum Interrupt {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    static var requested: Bool { flag != 0 }

    static func install() {
        // A parent may have started us with SIGINT blocked; a batch must still stop on Ctrl-C.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            if Interrupt.flag != 0 { _exit(130) }
            Interrupt.flag = 1
        }
    }
}
