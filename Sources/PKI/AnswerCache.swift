/// Answers remembered by their question, shared by every thread of the process, for checks whose
/// answer depends on nothing but the key (a CA link, a chain check). Bounded: when full, it
/// starts again.
final class AnswerCache<Key: Hashable, Value>: @unchecked Sendable {
    private let answers = Locked<[Key: Value]>([:])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The answer remembered for `key`, else `compute()`, remembered.
    func answer(_ key: Key, compute: () -> Value) -> Value {
        if let known = answers.withLock({ $0[key] }) { return known }
        // Computed outside the lock: two threads may both compute it, and agree.
        let result = compute()
        remember(key, result)
        return result
    }

    /// The answer remembered for `key`, if any.
    func known(_ key: Key) -> Value? {
        answers.withLock { $0[key] }
    }

    /// Remembers `value` as the answer for `key` (learnt from work done elsewhere).
    func remember(_ key: Key, _ value: Value) {
        answers.withLock { answers in
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = value
        }
    }
}
