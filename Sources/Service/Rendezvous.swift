import PKI

/// One value handed from a worker thread to a waiting request, or nothing when the request's
/// deadline passes first; whichever comes first wins, the other is ignored.
final class Rendezvous<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiter: CheckedContinuation<Value?, Never>?
        var done = false
    }

    private let state = Locked(State())

    init() {}

    /// Hands the value over (called once, from the worker).
    func fulfil(_ value: Value) {
        let waiter: CheckedContinuation<Value?, Never>? = state.withLock { state in
            guard !state.done else { return nil }
            guard let waiter = state.waiter else {
                state.value = value
                return nil
            }
            state.done = true
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: value)
    }

    /// The value, or nil when `timeout` passes first.
    func wait(timeout: Duration) async -> Value? {
        let timer = Locked<Task<Void, Never>?>(nil)
        let value: Value? = await withCheckedContinuation { continuation in
            let ready: Value?? = state.withLock { state in
                if let value = state.value {
                    state.done = true
                    return .some(value)
                }
                state.waiter = continuation
                return .none
            }
            if let ready {
                continuation.resume(returning: ready)
                return
            }
            let task = Task { [state] in
                try? await Task.sleep(for: timeout)
                let waiter: CheckedContinuation<Value?, Never>? = state.withLock { state in
                    guard !state.done, let waiter = state.waiter else { return nil }
                    state.done = true
                    state.waiter = nil
                    return waiter
                }
                waiter?.resume(returning: nil)
            }
            timer.withLock { $0 = task }
        }
        timer.withLock { $0?.cancel() }
        return value
    }
}
