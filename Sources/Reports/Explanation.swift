import Validation
#if canImport(Glibc)
import Glibc
#endif

/// What `asic explain` says of a name found in a report: a finding key (`zip.not-zip`), a
/// constraint key (`BBB_XCV_IRDC`), a sub-indication (`TRY_LATER`) or a verdict (`PASSED`). The text
/// is the manual's (``ManualEntries``, compiled from man/asic.1) and the reports' own plain words.
public enum Explanation {
    /// The explanation, nil for a name this version does not know.
    public static func explain(_ name: String) -> String? {
        let trimmed = name.trimmingWhitespace
        let subName = trimmed.uppercased().replacing("-", with: "_")
        if let sub = SubIndication(rawValue: subName) {
            var text = "\(sub.rawValue): a sub-indication of \(sub.indication.rawValue).\n\(PlainWords.explanation(sub.indication, sub))"
            if let advice = advice[sub] { text += "\nWhat to do: " + advice }
            return text
        }
        let key = ManualEntries.text[trimmed] != nil ? trimmed
            : ManualEntries.text.keys.first { $0.lowercased() == trimmed.lowercased() }
        guard let key, let text = ManualEntries.text[key] else { return nil }
        return "\(key): \(text)"
    }

    /// What a person can do about the usual causes.
    static let advice: [SubIndication: String] = [
        .hashFailure: "do not rely on the file; ask the sender for the original and validate that.",
        .sigCryptoFailure: "do not rely on it: the signature was forged or damaged; ask for the document again.",
        .formatFailure: "the sender's software made a container the standard does not allow; ask for a new one.",
        .tryLater: "validate again online (without --offline), or later: the revocation status was not known, or the answer was not fresh enough for the time the signature was proven to exist.",
        .certificateChainGeneralFailure: "validate online so that the responder or the CRL can be asked, or ask for an LT/LTA signature that carries its revocation data.",
        .noCertificateChainFound: "the signer's CA is in none of the trusted lists used: refresh them (asic tsl refresh), check --tsl and --tsl-cert, or add the CA with --trust-anchors if you trust it yourself.",
        .revokedNoPOE: "the certificate was revoked and nothing proves the signature existed before: only a signature time-stamped before the revocation can be accepted.",
        .revoked: "the certificate was revoked before the signature was made: the signature is not valid.",
        .expired: "the certificate had expired when the signature was made: the signature is not valid.",
        .noPOE: "nothing trusted proves when the signature was made; a time-stamp from a listed TSA would.",
        .signedDataNotFound: "a signed file is missing from the container; ask the sender for the complete container.",
        .timestampOrderFailure: "the container's evidence is in an impossible order (revocation data taken before the time-stamp): ask for a correctly extended signature.",
    ]
}
