import Batch
import Synchronization
import Testing

/// The batch runner's threads: results in input order, and nothing of the work left alive on a
/// worker thread once `run` returns (a worker releasing the last certificates while the process
/// exits crashed `asic validate` in OpenSSL's exit handler).
@Suite("Batch runner")
struct BatchRunnerTests {
    final class Canary: Sendable {
        let touched = Atomic<Int>(0)
        func touch() { touched.add(1, ordering: .relaxed) }
    }

    @Test func resultsComeInInputOrder() {
        let runner = BatchRunner(count: 200, jobs: 4) { index in index * 2 }
        var seen: [Int] = [], values: [Int] = []
        let complete = runner.run { index, value in
            seen.append(index)
            values.append(value)
        }
        #expect(complete)
        #expect(seen == Array(0..<200))
        #expect(values == seen.map { $0 * 2 })
    }

    /// When `run` returns, every worker has ended and dropped the work closure: the last
    /// reference to what it captured is the caller's.
    @Test func nothingOutlivesRunOnAWorkerThread() {
        for _ in 0..<200 {
            weak var watched: Canary?
            do {
                let canary = Canary()
                watched = canary
                let runner = BatchRunner(count: 3, jobs: 3) { _ in canary.touch() }
                _ = runner.run { _, _ in }
                #expect(canary.touched.load(ordering: .relaxed) == 3)
            }
            #expect(watched == nil, "a worker thread still held the work closure after run returned")
        }
    }
}
