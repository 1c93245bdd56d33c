import Findings
import PKI
import Validation
#if canImport(Glibc)
import Glibc
#endif

/// Counts over a batch, kept in constant memory; the per-file rows live in a file the caller
/// appends to (`row`), read back only to write the audit page.
public struct BatchSummary: Sendable {
    public private(set) var files = 0
    public private(set) var byVerdict: [String: Int] = [:]
    public private(set) var bySubIndication: [String: Int] = [:]
    public private(set) var notProcessable = 0

    public init() {}

    /// The container verdict (PASSED, FAILED, INDETERMINATE, NO-SIGNATURE, NOT-PROCESSABLE).
    public static func verdict(_ result: ContainerValidation) -> String { result.verdict.rawValue }

    /// What the summary keeps of one container (the container itself is released at once).
    public struct Entry: Sendable {
        public let verdict: String
        public let subIndications: [String]
        public let row: String

        public init(verdict: String, subIndications: [String], row: String) {
            self.verdict = verdict
            self.subIndications = subIndications
            self.row = row
        }

        public init(_ result: ContainerValidation) {
            verdict = BatchSummary.verdict(result)
            subIndications = (result.signatures.compactMap(\.subIndication) + result.tokens.compactMap(\.subIndication)).map(\.rawValue)
            row = BatchSummary.row(result)
        }
    }

    public mutating func add(_ entry: Entry) {
        files += 1
        byVerdict[entry.verdict, default: 0] += 1
        if entry.verdict == "NOT-PROCESSABLE" { notProcessable += 1 }
        for sub in entry.subIndications { bySubIndication[sub, default: 0] += 1 }
    }

    /// One line per file for the audit page and the failure list (tab-separated, escaped).
    public static func row(_ fields: [String]) -> String {
        fields.map { $0.replacingTabsAndNewlines }.joined(separator: "\t") + "\n"
    }

    public static func row(_ result: ContainerValidation) -> String {
        let signers = result.signatures.map { $0.context.core.signer.map(SignerName.display) ?? "unknown" }
        let details = result.signatures.map { "\($0.indication.rawValue)\($0.subIndication.map { "/" + $0.rawValue } ?? "")" }
            + result.tokens.map { "\($0.indication.rawValue)\($0.subIndication.map { "/" + $0.rawValue } ?? "")" }
        let fields = [result.file, verdict(result), details.joined(separator: ", "), signers.joined(separator: "; "),
                      result.error?.message ?? result.judgement.reasons.first ?? ""]
        return row(fields)
    }

    /// The order of rows on the audit page and in the failure list: by file name (UTF-8 bytes), then
    /// by the whole row, so that one run, its shards merged, or the same reports read in any order
    /// give the same page.
    public static func rowPrecedes(_ a: String, _ b: String) -> Bool {
        let fileA = a.utf8.prefix { $0 != UInt8(ascii: "\t") }, fileB = b.utf8.prefix { $0 != UInt8(ascii: "\t") }
        if !fileA.elementsEqual(fileB) { return fileA.lexicographicallyPrecedes(fileB) }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The "Not passed" lines of the summary, one per row whose verdict is not PASSED: the file, the
    /// signatures' indications (or the verdict) and the first reason. `next` gives the rows in turn.
    public static func failures(rows next: () -> String?) -> [String] {
        var failures: [String] = []
        while let line = next() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count >= 5, fields[1] != "PASSED" {
                let detail = fields[2].isEmpty ? String(fields[1]) : String(fields[2])
                let why = String(fields[4]).trimmingWhitespace
                failures.append("\(fields[0].terminalSafe): \(detail.terminalSafe)\(why.isEmpty ? "" : " — " + why.terminalSafe)")
            }
        }
        return failures
    }

    /// The summary lines: counts by verdict and sub-indication, then `failures`. `seconds` nil (a
    /// summary of reports written apart, `asic summary`) leaves out the time and the rate.
    public func text(seconds: Double?, failures: [String], interrupted: Bool) -> String {
        var lines: [String] = []
        let timing = seconds.map { seconds in
            " in \(Self.decimal(seconds, 2)) s (\(Self.decimal(seconds > 0 ? Double(files) / seconds : 0, 1)) files/s)"
        } ?? ""
        lines.append("Summary: \(files) file\(files == 1 ? "" : "s")\(timing)\(interrupted ? " — INTERRUPTED" : "")")
        for verdict in ContainerVerdict.allCases.map(\.rawValue) {
            guard let count = byVerdict[verdict] else { continue }
            lines.append("  \(verdict.padding(16)) \(count)")
        }
        if !bySubIndication.isEmpty {
            lines.append("  sub-indications: " + bySubIndication.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key.terminalSafe) \($0.value)" }.joined(separator: ", "))
        }
        if !failures.isEmpty {
            lines.append("Not passed:")
            lines += failures.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension BatchSummary {
    static func decimal(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale), fraction = abs(scaled % Int(scale))
        let digits = String(fraction)
        return places == 0 ? String(whole) : "\(whole).\(String(repeating: "0", count: places - digits.count))\(digits)"
    }
}

extension String {
    /// Each tab, line feed and carriage return as a space, scalar by scalar: a row must stay one
    /// line of five fields. (Character by character, a "\r\n" pair is one character equal to
    /// neither and passed through, splitting an attacker-named file's row in two.)
    var replacingTabsAndNewlines: String {
        guard utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars { scalars.append(scalar == "\t" || scalar == "\n" || scalar == "\r" ? " " : scalar) }
        return String(scalars)
    }

    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
