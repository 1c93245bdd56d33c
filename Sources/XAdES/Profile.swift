/// The baseline level a signature carries (what its unsigned properties hold), in DSS/SiVa
/// spelling with hyphens as the report contract writes them.
public enum Profile: String, Sendable {
    case b = "XAdES-BASELINE-B"
    case t = "XAdES-BASELINE-T"
    case lt = "XAdES-BASELINE-LT"
    case lta = "XAdES-BASELINE-LTA"
    /// The Estonian time-mark profile: BDOC policy + OCSP with a nonce, no timestamp.
    case ltTM = "XAdES-BASELINE-LT-TM"

    /// Detects the level from what the signature holds; whether each part is valid is the
    /// validation layer's question.
    public init(_ signature: XAdESSignature) {
        let unsigned = signature.unsigned
        let timestamped = !unsigned.signatureTimeStamps.isEmpty
        let revocation = !unsigned.ocspValues.isEmpty || !unsigned.crlValues.isEmpty
        if !timestamped {
            self = revocation && (signature.policy?.isBDOCTimeMark ?? false) ? .ltTM : .b
        } else if revocation && !unsigned.archiveTimeStamps.isEmpty {
            self = .lta
        } else {
            self = revocation ? .lt : .t
        }
    }

    /// The libdigidocpp / DigiDoc name: BES or EPES plus the profile suffix.
    public static func ecosystemName(_ signature: XAdESSignature) -> String {
        let base = signature.policy == nil || signature.policy?.implied == true ? "BES" : "EPES"
        let unsigned = signature.unsigned
        if !unsigned.signatureTimeStamps.isEmpty {
            return base + "/time-stamp" + (unsigned.archiveTimeStamps.isEmpty ? "" : "-archive")
        }
        return unsigned.ocspValues.isEmpty ? base : base + "/time-mark"
    }
}
