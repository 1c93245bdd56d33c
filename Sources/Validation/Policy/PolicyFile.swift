import Findings
import PKI

/// The text format of `--policy FILE` (version 1): a built-in policy to start from, then changes.
///
///     asic-policy 1
///     base ee
///     name my-company
///     description EE policy, but B-level signatures accepted
///     level BBB_FC_IEFF IGNORE
///     formats XAdES-BASELINE-B XAdES-BASELINE-T XAdES-BASELINE-LT
///     ocsp-late-warning 900
///     ocsp-late-failure 86400
///     revocation-max-age 86400
///     digest-expiry SHA-1 2012-08-01
///     digest-expiry SHA-224 never
///     min-rsa-bits 2048
///
/// Blank lines and lines starting with `#` are ignored; anything else is an error with its line.
public enum PolicyFile {
    public static func parse(_ text: String, source: String) throws -> ValidationPolicy {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { (number: $0.offset + 1, text: $0.element.trimmingWhitespace) }
            .filter { !$0.text.isEmpty && !$0.text.hasPrefix("#") }
        guard let header = lines.first, header.text == "asic-policy 1" else {
            throw InputError(key: "policy.version", message: "the first line must be \"asic-policy 1\"")
        }
        lines.removeFirst()
        var policy = ValidationPolicy.dssDefault
        let fileName = source.split(separator: "/").last.map(String.init) ?? source
        policy.name = "file:" + fileName
        policy.description = "policy file \(fileName), based on default"
        for (position, line) in lines.enumerated() {
            let parts = line.text.split(separator: " ", maxSplits: 1).map(String.init)
            let (word, rest) = (parts[0], parts.count > 1 ? parts[1] : "")
            func fail(_ why: String) -> InputError { InputError(key: "policy.syntax", message: "line \(line.number): \(why)") }
            switch word {
            case "base":
                guard position == 0 else { throw fail("\"base\" must come first: it replaces everything before it") }
                guard var base = ValidationPolicy.builtIn[rest] else { throw fail("unknown base policy \"\(rest)\" (default, ee)") }
                base.name = "file:" + fileName
                base.description = "policy file \(fileName), based on \(rest)"
                policy = base
            case "name": policy.name = rest
            case "description": policy.description = rest
            case "level":
                let fields = rest.split(separator: " ").map(String.init)
                guard fields.count == 2, let level = ConstraintLevel(rawValue: fields[1]) else {
                    throw fail("expected \"level KEY FAIL|WARN|INFORM|IGNORE\"")
                }
                guard ConstraintCatalog.keys.contains(fields[0]) else {
                    throw fail("unknown constraint key \"\(fields[0])\" (see man asic, VALIDATION)")
                }
                if ValidationPolicy.protectedKeys.contains(fields[0]) && level != .fail {
                    throw fail("\(fields[0]) cannot be lowered below FAIL: it is one of the checks that prove the signature (\(ValidationPolicy.protectedKeys.sorted().joined(separator: ", ")))")
                }
                policy.levels[fields[0]] = level
            case "formats": policy.acceptedFormats = Set(rest.split(separator: " ").map(String.init))
            case "ocsp-late-warning", "ocsp-late-failure", "revocation-max-age", "min-rsa-bits", "min-ec-bits":
                guard let value = Int(rest), value >= 0 else { throw fail("expected a whole number of \(word.hasSuffix("bits") ? "bits" : "seconds")") }
                switch word {
                case "ocsp-late-warning": policy.ocspLateWarning = Int64(value)
                case "ocsp-late-failure": policy.ocspLateFailure = Int64(value)
                case "revocation-max-age": policy.revocationMaxAge = Int64(value)
                case "min-rsa-bits": policy.minRSABits = value
                default: policy.minECBits = value
                }
            case "digest-expiry":
                let fields = rest.split(separator: " ").map(String.init)
                guard fields.count == 2, let algorithm = DigestAlgorithm(rawValue: fields[0]) else {
                    throw fail("expected \"digest-expiry SHA-256 YYYY-MM-DD|never|forbidden\"")
                }
                switch fields[1] {
                case "never": policy.digestExpiry[algorithm] = .some(nil)
                case "forbidden": policy.digestExpiry.removeValue(forKey: algorithm)
                default:
                    guard let date = ISOTime.parse(fields[1] + "T00:00:00Z") else { throw fail("bad date \(fields[1])") }
                    policy.digestExpiry[algorithm] = .some(date)
                }
            default:
                throw fail("unknown setting \"\(word)\"")
            }
        }
        return policy
    }
}
