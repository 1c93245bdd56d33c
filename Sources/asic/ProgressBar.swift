import CommandLineSupport
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on stderr (only at a TTY): files done / total, rate and ETA.
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let started = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private var done = 0

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1 && isatty(2) == 1
    }

    func advance() {
        done += 1
        guard enabled else { return }
        let now = clock.now
        guard lastDraw.map({ now - $0 > .milliseconds(100) }) ?? true || done == total else { return }
        lastDraw = now
        let elapsed = max(Self.seconds(now - started), 0.001)
        let rate = Double(done) / elapsed
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = Int(Double(width) * Double(done) / Double(max(total, 1)))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        let seconds = Int(remaining) % 60
        let eta = "\(Int(remaining) / 60):" + (seconds < 10 ? "0" : "") + "\(seconds)"
        let tenths = Int((rate * 10).rounded())
        Console.printToStandardError("\r[\(bar)] \(done)/\(total)  \(tenths / 10).\(tenths % 10) files/s  ETA \(eta) ")
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    func finish() {
        guard enabled else { return }
        Console.printToStandardError("\r\u{1B}[K")
    }
}
