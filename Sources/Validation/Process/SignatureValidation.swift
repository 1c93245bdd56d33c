import ASiC
import Findings
import PKI
import Trust
import XAdES

/// The verdict on one signature, with the building blocks and the reasons behind it.
public struct SignatureValidation: Sendable {
    public let context: SignatureContext
    /// FC, ISC, VCI, XCV, CV, SAV, LTV, QUAL in that order.
    public let blocks: [BlockResult]
    public let indication: Indication
    public let subIndication: SubIndication?
    /// The block and constraint that decided a verdict other than TOTAL-PASSED; every report reads it.
    public let decision: Decision?
    /// Core, trust, time-stamp, revocation and constraint findings.
    public let findings: [Finding]

    public func block(_ name: String) -> BlockResult? { blocks.first { $0.name == name } }

    /// A warning-free pass is `valid`; a pass with warnings is still TOTAL-PASSED.
    public var hasWarnings: Bool { findings.contains { $0.level == .warning } }
}

/// Which block and constraint decided a signature's verdict.
public struct Decision: Sendable {
    /// FC, ISC, VCI, XCV, CV, SAV, LTV, QUAL, or PROOF for the positive-proof gate.
    public let block: String
    public let constraint: ConstraintResult
}

/// An ASiC-S time-stamp token judged as the container's proof (no XAdES signature).
public struct TokenValidation: Sendable {
    public let token: TokenResult
    public let tsaValidation: ChainValidation?
    public let indication: Indication
    public let subIndication: SubIndication?
    public let findings: [Finding]
}

/// The verdict on one input.
public struct ContainerValidation: Sendable {
    public let file: String
    public let document: SignedDocument?
    /// Why the input is not processable.
    public let error: InputError?
    public let policy: ValidationPolicy
    public let validationTime: Int64
    public let signatures: [SignatureValidation]
    public let tokens: [TokenValidation]
    /// The DDOC a time-stamped ASiC-S wraps (TeRa), validated as of the time-stamp.
    public let wrappedDDOC: WrappedDDOC?

    public var signatureCount: Int { signatures.count + tokens.count }
    public var validCount: Int {
        signatures.filter { $0.indication == .totalPassed }.count + tokens.filter { $0.indication == .totalPassed }.count
    }

    /// The container verdict (``ContainerJudge``), computed once.
    public let judgement: ContainerJudgement

    public init(file: String, document: SignedDocument?, error: InputError?, policy: ValidationPolicy, validationTime: Int64,
                signatures: [SignatureValidation], tokens: [TokenValidation], wrappedDDOC: WrappedDDOC? = nil) {
        self.file = file
        self.document = document
        self.error = error
        self.policy = policy
        self.validationTime = validationTime
        self.signatures = signatures
        self.tokens = tokens
        self.wrappedDDOC = wrappedDDOC
        judgement = ContainerJudge.judge(document: document, error: error, signatures: signatures, tokens: tokens, wrapped: wrappedDDOC)
    }

    public var verdict: ContainerVerdict { judgement.verdict }

    /// Contract exit code for this input, following the container verdict.
    public var exitCode: Int32 { judgement.verdict.exitCode }
}
