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
    /// For a summary made by `aggregated`, how many findings of this key it stands for; 0 otherwise.
    public let omitted: Int

    public init(key: String, level: FindingLevel, message: String, subject: String? = nil, isFatal: Bool = false,
                omitted: Int = 0) {
        self.key = key
        self.level = level
        self.message = message
        self.subject = subject
        self.isFatal = isFatal
        self.omitted = omitted
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

    /// The findings with each (key, message) pair kept once, in order.
    public func deduplicated() -> [Finding] {
        var seen = Set<String>()
        return filter { seen.insert($0.key + "\u{0}" + $0.message).inserted }
    }

    /// At most `limit` findings of one key, in order; the rest become one finding of that key
    /// (at the most severe level among them) that gives their count. A hostile container (a
    /// manifest of 100 000 ghost entries) then yields a small report that still tells how many.
    /// Aggregating again (a signature's findings inside the container's) merges earlier summaries,
    /// so the count stays right however often it runs.
    public func aggregated(limit: Int = 20) -> [Finding] {
        var counts: [String: Int] = [:]
        for finding in self { counts[finding.key, default: 0] += finding.omitted > 0 ? finding.omitted : 1 }
        guard counts.values.contains(where: { $0 > limit }) || contains(where: { $0.omitted > 0 }) else { return self }
        var kept: [Finding] = []
        var seen: [String: Int] = [:]
        var dropped: [String: (count: Int, level: FindingLevel)] = [:]
        var order: [String] = []
        for finding in self {
            let isSummary = finding.omitted > 0
            let n = seen[finding.key, default: 0] + (isSummary ? 0 : 1)
            seen[finding.key] = n
            if !isSummary && n <= limit {
                kept.append(finding)
            } else {
                if dropped[finding.key] == nil { order.append(finding.key) }
                let previous = dropped[finding.key]
                dropped[finding.key] = ((previous?.count ?? 0) + (isSummary ? finding.omitted : 1),
                                        Swift.max(previous?.level ?? finding.level, finding.level))
            }
        }
        for key in order {
            guard let (count, level) = dropped[key] else { continue }
            let shown = Swift.min(seen[key, default: 0], limit)
            kept.append(Finding(key: key, level: level,
                                message: "… and \(count) more findings \(key) (\(count + shown) in all)", omitted: count))
        }
        return kept
    }
}
