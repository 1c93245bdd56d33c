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
    /// Core, trust, time-stamp, revocation and constraint findings.
    public let findings: [Finding]

    public func block(_ name: String) -> BlockResult? { blocks.first { $0.name == name } }

    /// A warning-free pass is `valid`; a pass with warnings is still TOTAL-PASSED.
    public var hasWarnings: Bool { findings.contains { $0.level == .warning } }
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

    public var signatureCount: Int { signatures.count + tokens.count }
    public var validCount: Int {
        signatures.filter { $0.indication == .totalPassed }.count + tokens.filter { $0.indication == .totalPassed }.count
    }

    /// Contract exit code for this input: 3 not processable, 1 failed or unsigned, 2 indeterminate, 0 passed.
    public var exitCode: Int32 {
        if error != nil { return 3 }
        let indications = signatures.map(\.indication) + tokens.map(\.indication)
        if indications.isEmpty || indications.contains(.totalFailed) { return 1 }
        if indications.contains(.indeterminate) { return 2 }
        return 0
    }
}
