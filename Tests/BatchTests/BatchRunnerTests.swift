import Batch
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

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

    /// Workers of uneven speed, one to five of them, a window smaller than the batch: every
    /// result once, in order, and never two `emit` calls at once (the workers take turns).
    @Test(arguments: [1, 2, 3, 5])
    func unevenWorkersEmitInOrderOneAtATime(jobs: Int) {
        let count = 300
        let runner = BatchRunner(count: count, jobs: jobs) { index in
            usleep(UInt32((index * 7919) % 5) * 100)  // 0 to 0.4 ms, scattered
            return index
        }
        let inside = Atomic<Int>(0)
        var seen: [Int] = []
        var overlapped = false
        let complete = runner.run { index, value in
            if inside.add(1, ordering: .acquiringAndReleasing).newValue != 1 { overlapped = true }
            seen.append(value)
            #expect(index == value)
            inside.subtract(1, ordering: .acquiringAndReleasing)
        }
        #expect(complete)
        #expect(!overlapped)
        #expect(seen == Array(0..<count))
    }

    /// Stopped part-way: no new item is taken, and what was taken is still emitted, in order
    /// and without a gap; `run` says the batch is incomplete.
    @Test func stoppedBatchEmitsWhatWasTakenInOrder() {
        let started = Atomic<Int>(0)
        let runner = BatchRunner(count: 1_000, jobs: 3, stop: { started.load(ordering: .relaxed) >= 40 }) { index in
            started.add(1, ordering: .relaxed)
            usleep(UInt32(index % 3) * 200)
            return index
        }
        var seen: [Int] = []
        let complete = runner.run { _, value in seen.append(value) }
        #expect(!complete)
        #expect(seen == Array(0..<seen.count), "emitted out of order or with a gap")
        #expect(seen.count == started.load(ordering: .relaxed), "an item was taken and never emitted")
        #expect(seen.count >= 40 && seen.count < 1_000)
    }

    @Test func anEmptyBatchIsComplete() {
        let runner = BatchRunner(count: 0, jobs: 4) { $0 }
        var calls = 0
        #expect(runner.run { _, _ in calls += 1 })
        #expect(calls == 0)
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
