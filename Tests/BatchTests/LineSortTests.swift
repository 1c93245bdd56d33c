import Batch
import Testing

/// The rows of a batch sorted for its summary, in memory or through spilled runs alike.
@Suite("Sorting lines larger than memory")
struct LineSortTests {
    @Test(arguments: [1 << 20, 200, 64])
    func sortsAcrossSpilledRuns(_ runBytes: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let lines = (0..<500).map { "row \(UInt32.random(in: 0...9999, using: &generator))\t\($0)\n" } + ["row 5\t1\n", "row 5\t1\n"]
        var remaining = lines[...]
        var sorted: [String] = []
        try LineSort.sort({ remaining.popFirst() }, by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }, runBytes: runBytes) { sorted.append($0) }
        #expect(sorted == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}
