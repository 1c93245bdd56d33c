import ASiC
import Findings
import PKI
import Trust
import XAdES

/// Everything the constraints of one signature judge, gathered once: the trust-free core result,
/// time-stamps, revocation evidence, the signer's chain at the best signature time, and the
/// qualification.
public struct SignatureContext: Sendable {
    public let container: Container
    public let core: CoreResult
    public let policy: ValidationPolicy
    /// The time validation is performed for (`--at`, else now).
    public let validationTime: Int64
    public let timestamps: [TimestampEvidence]
    public let revocation: [RevocationEvidence]
    /// The earliest proof that the signature existed: a valid signature time-stamp's genTime,
    /// or a time-mark's producedAt. Nil when there is none.
    public let proofOfExistence: Int64?
    /// The signer's chain, validated at `bestSignatureTime`.
    public let signerChain: ChainValidation?
    public let signerIssuer: Certificate?
    public let qualification: Qualification

    public var signature: XAdESSignature { core.signature }
    public var profile: Profile { core.profile }
    public var isTimeMark: Bool { core.profile == .ltTM }

    /// DSS's best-signature-time: the proof of existence, else the validation time.
    public var bestSignatureTime: Int64 { proofOfExistence ?? validationTime }

    public var acceptableRevocation: [RevocationEvidence] { revocation.filter(\.isAcceptable) }

    /// Findings of the core and of the container that concern this signature.
    public var findingKeys: Set<String> { Set(core.findings.map(\.key)) }

    /// True when a data reference points to nothing.
    public var hasMissingData: Bool { core.references.contains { $0.kind == .dataObject && !$0.found } }

    public func hasFinding(_ key: String) -> Bool { core.findings.contains { $0.key == key } }
}
