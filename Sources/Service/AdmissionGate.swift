import PKI

/// Back-pressure: at most `running` validations at once and `waiting` more admitted behind
/// them; anything beyond is refused at once (503), so no queue grows without bound.
final class AdmissionGate: Sendable {
    private struct State {
        var admitted = 0
        var running = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextID: UInt64 = 0
    }

    let maxRunning: Int
    let maxAdmitted: Int
    private let state = Locked(State())

    init(running: Int, waiting: Int) {
        maxRunning = max(1, running)
        maxAdmitted = max(1, running) + max(0, waiting)
    }

    /// Requests admitted and not yet answered (uploading, waiting or running).
    var admitted: Int { state.withLock { $0.admitted } }
    var running: Int { state.withLock { $0.running } }

    /// Takes a place for a request, or returns false when the service is full.
    func admit() -> Bool {
        state.withLock { state in
            guard state.admitted < maxAdmitted else { return false }
            state.admitted += 1
            return true
        }
    }

    /// Gives back an admitted request's place (after its run, or when it never ran).
    func release() {
        state.withLock { $0.admitted -= 1 }
    }

    /// Waits for a run slot; false when the waiting task was cancelled (its deadline passed).
    func startRun() async -> Bool {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                // Decided under the lock, so a waiter is either queued (and resumed once, by
                // endRun or onCancel) or answered here, never both.
                let answer: Bool? = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.running < maxRunning {
                        state.running += 1
                        return true
                    }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Bool, Never>? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: false)
        }
    }

    /// Ends a run: the slot passes to the longest waiter, if any.
    func endRun() {
        let next: CheckedContinuation<Bool, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume(returning: true)
    }
}
