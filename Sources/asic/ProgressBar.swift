import Foundation

/// A one-line progress bar on stderr (only at a TTY): files done / total, rate and ETA.
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var done = 0

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1 && isatty(2) == 1
    }

    func advance() {
        done += 1
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = Int(Double(width) * Double(done) / Double(max(total, 1)))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        let eta = String(format: "%d:%02d", Int(remaining) / 60, Int(remaining) % 60)
        let line = String(format: "\r[%@] %d/%d  %.1f files/s  ETA %@ ", bar, done, total, rate, eta)
        Console.printToStandardError(line)
    }

    func finish() {
        guard enabled else { return }
        Console.printToStandardError("\r\u{1B}[K")
    }
}
