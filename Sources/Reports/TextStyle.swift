import Findings

/// ANSI styling for terminal reports; `.plain` when output is not a TTY or NO_COLOR is set.
public struct TextStyle: Sendable {
    public let colored: Bool

    public static let plain = TextStyle(colored: false)
    public static let color = TextStyle(colored: true)

    public init(colored: Bool) { self.colored = colored }

    /// Styles `text`, which is neutralised first (``Swift/StringProtocol/terminalSafe``): the only
    /// escape sequences in a report are the ones written here.
    func wrap(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text.terminalSafe)\u{1B}[0m" : text.terminalSafe
    }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func good(_ text: String) -> String { wrap(text, "32") }
    func bad(_ text: String) -> String { wrap(text, "31") }
    func warn(_ text: String) -> String { wrap(text, "33") }
}
