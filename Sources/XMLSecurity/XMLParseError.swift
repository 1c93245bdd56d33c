/// Why an untrusted XML document was refused.
public enum XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(size: Int, limit: Int)
    case doctypeForbidden
    case tooDeep(limit: Int)
    case malformed(line: Int, reason: String)
    case empty
    /// A shape limit of ``XMLLimits`` was exceeded (found before parsing).
    case limit(what: String, count: Int, limit: Int)

    /// Stable finding key for reports.
    public var key: String {
        switch self {
        case .tooLarge: "xml.too-large"
        case .doctypeForbidden: "xml.doctype"
        case .tooDeep: "xml.too-deep"
        case .malformed: "xml.malformed"
        case .empty: "xml.empty"
        case .limit: "xml.limit"
        }
    }

    public var description: String {
        switch self {
        case let .tooLarge(size, limit): "XML document of \(size) bytes exceeds the \(limit)-byte limit"
        case .doctypeForbidden: "XML document has a DOCTYPE (DTDs and entity declarations are refused)"
        case let .tooDeep(limit): "XML elements nest deeper than \(limit) levels"
        case let .malformed(line, reason): "XML is not well-formed (line \(line)): \(reason)"
        case .empty: "XML document is empty"
        case let .limit(what, count, limit): "XML document has more than \(limit) \(what) (\(count) seen): refused before parsing"
        }
    }
}
