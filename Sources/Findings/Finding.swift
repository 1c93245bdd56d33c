/// How serious a finding is. The order is the order of severity.
public enum FindingLevel: String, Sendable, Comparable, CaseIterable {
    case info
    case warning
    case error

    public static func < (lhs: FindingLevel, rhs: FindingLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// One observation about a container or a signature: a stable key that scripts can rely on,
/// a level, and a message a person can read.
///
/// Keys are dotted, lower-case and never reused for another meaning (`zip.local-header.mismatch`,
/// `asic.mimetype.not-first`). A *fatal* finding makes the whole input unprocessable.
public struct Finding: Sendable, Hashable {
    public let key: String
    public let level: FindingLevel
    public let message: String
    /// The zip entry, signature or object the finding is about, when there is one.
    public let subject: String?
    /// True when the input cannot be processed any further because of this finding.
    public let isFatal: Bool

    public init(key: String, level: FindingLevel, message: String, subject: String? = nil, isFatal: Bool = false) {
        self.key = key
        self.level = level
        self.message = message
        self.subject = subject
        self.isFatal = isFatal
    }

    public static func error(_ key: String, _ message: String, subject: String? = nil) -> Finding {
        Finding(key: key, level: .error, message: message, subject: subject)
    }

    public static func warning(_ key: String, _ message: String, subject: String? = nil) -> Finding {
        Finding(key: key, level: .warning, message: message, subject: subject)
    }

    public static func info(_ key: String, _ message: String, subject: String? = nil) -> Finding {
        Finding(key: key, level: .info, message: message, subject: subject)
    }

    /// An error that stops processing: the input is refused as a whole.
    public static func fatal(_ key: String, _ message: String, subject: String? = nil) -> Finding {
        Finding(key: key, level: .error, message: message, subject: subject, isFatal: true)
    }
}

extension Array where Element == Finding {
    /// The most severe level present, or nil when empty.
    public var worstLevel: FindingLevel? { map(\.level).max() }

    /// The first finding that refuses the input, if any.
    public var firstFatal: Finding? { first(where: \.isFatal) }
}
