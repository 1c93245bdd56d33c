import DDOC
import Findings
import Validation
import XAdES
#if canImport(Glibc)
import Glibc
#endif

/// The report formats a validation can be rendered in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, html, etsi
}

/// One validated input, a container or a legacy DDOC file, behind one face: the command line
/// and the service render, count and judge both the same way.
public enum ValidatedInput: Sendable {
    case container(ContainerValidation)
    case ddoc(DDOCReport)

    /// The contract's container verdict (PASSED, FAILED, INDETERMINATE, NO-SIGNATURE, NOT-PROCESSABLE).
    public var verdict: String {
        switch self {
        case let .container(result): result.verdict.rawValue
        case let .ddoc(report): report.verdict
        }
    }

    /// The contract's exit code for this input alone.
    public var exitCode: Int32 {
        switch self {
        case let .container(result): result.exitCode
        case let .ddoc(report): report.exitCode
        }
    }

    /// The exit code of several inputs together: the worst of the two, ranked 3 > 1 > 2 > 0 (not
    /// processable, failed, indeterminate, passed); an unknown code ranks worst.
    public static func combinedExitCode(_ a: Int32, _ b: Int32) -> Int32 {
        let rank: [Int32: Int] = [0: 0, 2: 1, 1: 2, 3: 3]
        return (rank[a] ?? 4) >= (rank[b] ?? 4) ? a : b
    }

    /// Why the input could not be processed (one line), or nil.
    public var errorMessage: String? {
        switch self {
        case let .container(result): result.error?.message
        case let .ddoc(report): report.error?.message
        }
    }

    /// The stable key of that error (`zip.…`, `ddoc.…`), or nil.
    public var errorKey: String? {
        switch self {
        case let .container(result): result.error?.key
        case let .ddoc(report): report.error?.key
        }
    }

    /// What a batch summary keeps of it.
    public var summaryEntry: BatchSummary.Entry {
        switch self {
        case let .container(result): BatchSummary.Entry(result)
        case let .ddoc(report): report.summaryEntry
        }
    }

    /// The contract's JSON report.
    public var json: JSON {
        switch self {
        case let .container(result): result.json
        case let .ddoc(report): report.json
        }
    }

    /// The report in `format`; `pretty` indents JSON (one input) instead of one line (JSON Lines).
    public func rendered(_ format: ReportFormat, style: TextStyle = .plain, verbose: Bool = false, pretty: Bool = true,
                         generator: String = "asic") -> String {
        switch (self, format) {
        case let (.container(result), .text): result.text(style: style, verbose: verbose)
        case let (.ddoc(report), .text): report.text(style: style, verbose: verbose)
        case (_, .json): json.serialized(pretty: pretty) + "\n"
        case let (.container(result), .html): result.html(generator: generator)
        case let (.ddoc(report), .html): report.html(generator: generator)
        case let (.container(result), .etsi): result.etsiXML
        case let (.ddoc(report), .etsi): report.etsiXML
        }
    }
}

/// Validates one input with the right engine: DDOC files (recognised by their first bytes or
/// name) with SiVa's DDOC rules, everything else as an ASiC container.
public struct InputValidator: Sendable {
    public let validator: Validator
    public let ddoc: DDOCValidator

    public init(validator: Validator, ddoc: DDOCValidator) {
        self.validator = validator
        self.ddoc = ddoc
    }

    /// Whether `path` (shown as `name`) is a DDOC file rather than a container.
    public static func isDDOC(path: String, name: String? = nil) -> Bool {
        DDOCValidator.isDDOC(path: path, name: name)
    }

    /// Validates the file at `path`; reports name it `name`.
    public func validate(path: String, name: String, detached: [String] = [], hashcodes: [HashcodeFile] = [],
                         isDDOC: Bool? = nil) -> ValidatedInput {
        if isDDOC ?? Self.isDDOC(path: path, name: name) {
            let (validation, rejection) = ddoc.validate(path: path)
            return .ddoc(DDOCReport(file: name, validation: validation, error: rejection,
                                    validationTime: validator.time ?? Int64(Glibc.time(nil))))
        }
        return .container(validator.validate(path: path, detached: detached, hashcodes: hashcodes, name: name))
    }
}
