import ASiC
import Findings
import PKI
import Trust
import XAdES

/// The revocation answer about one intermediate CA of the signer's chain.
public struct IntermediateRevocation: Sendable {
    public let certificate: Certificate
    /// The acceptable, fresh answer; nil when there is none (`problem` says why).
    public let answer: RevocationEvidence?
    public let problem: String?
}

/// Everything the constraints of one signature judge, gathered once: the trust-free core result,
/// time-stamps, revocation evidence and the one revocation answer chosen from it, the signer's
/// chain at the best signature time, and the qualification.
public struct SignatureContext: Sendable {
    public var container: Container
    public var core: CoreResult
    public var policy: ValidationPolicy
    /// The time validation is performed for (`--at`, else now).
    public var validationTime: Int64
    public var timestamps: [TimestampEvidence]
    /// Every OCSP response examined (embedded, then fetched).
    public var revocation: [RevocationEvidence]
    /// The one answer every revocation constraint reads (``RevocationChoice``); nil when none is acceptable.
    public var revocationAnswer: RevocationEvidence?
    /// The earliest proof that the signature existed: a valid signature time-stamp's genTime,
    /// or the chosen time-mark's producedAt. Nil when there is none.
    public var proofOfExistence: Int64?
    /// The signer's chain, validated at `bestSignatureTime`.
    public var signerChain: ChainValidation?
    public var signerIssuer: Certificate?
    /// CAs between the signer and the certificate a list or anchor vouches for, each with the one
    /// revocation answer about it found in the signature (nil: none).
    public var intermediateRevocation: [IntermediateRevocation] = []
    public var qualification: Qualification

    public var signature: XAdESSignature { core.signature }
    public var profile: Profile { core.profile }
    public var isTimeMark: Bool { core.profile == .ltTM }

    /// True when a time-mark binds this signature: the LT-TM profile, or a signed BDOC time-mark
    /// policy with a signed OCSP response about the signer whose nonce is a time-mark nonce. The
    /// profile follows the unsigned properties, which anyone can change (adding a time-stamp makes
    /// a time-mark signature look like LT): the nonce binding must hold either way.
    public var isTimeMarkBound: Bool {
        isTimeMark || (signature.policy?.isBDOCTimeMark == true && revocation.contains { $0.status != nil && $0.responderSigned && $0.nonceMatches != nil })
    }

    /// DSS's best-signature-time: the proof of existence, else the validation time.
    public var bestSignatureTime: Int64 { proofOfExistence ?? validationTime }

    public var acceptableRevocation: [RevocationEvidence] { revocation.filter(\.isAcceptable) }

    /// True when the signer certificate is itself a trust anchor (no revocation data needed).
    public var signerIsAnchor: Bool {
        guard let chain = signerChain, chain.isTrusted else { return false }
        return chain.chain.count == 1 && chain.chain.first?.trustedBy != nil
    }

    /// At least one reference to signed data (a data file, or a found same-document object).
    public var hasDataReference: Bool { core.references.contains { $0.kind == .dataObject || ($0.kind == .other && $0.found) } }

    /// True when a data reference points to nothing.
    public var hasMissingData: Bool { core.references.contains { $0.kind == .dataObject && !$0.found } }
}
