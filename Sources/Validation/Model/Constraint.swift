import Findings

/// The answer of one constraint for one signature.
public struct Check: Sendable {
    public let passed: Bool
    public let message: String
    /// Overrides the constraint's sub-indication for this failure.
    public let subIndication: SubIndication?

    public static func pass(_ message: String) -> Check { Check(passed: true, message: message, subIndication: nil) }
    public static func fail(_ message: String, _ sub: SubIndication? = nil) -> Check { Check(passed: false, message: message, subIndication: sub) }
}

/// One EN 319 102-1 constraint: a stable key (DSS message keys where DSS has one), a default
/// level the policy may change, the sub-indication it gives when it fails at FAIL, and a check.
public protocol SignatureConstraint: Sendable {
    var key: String { get }
    var defaultLevel: ConstraintLevel { get }
    /// Nil fails with TOTAL-FAILED and no sub-indication.
    var subIndication: SubIndication? { get }
    /// Nil when the constraint does not apply to this signature.
    func evaluate(_ context: SignatureContext) -> Check?
}

extension SignatureConstraint {
    public var defaultLevel: ConstraintLevel { .fail }
}

/// A constraint as it ran: what it said and at which level.
public struct ConstraintResult: Sendable {
    public let key: String
    public let level: ConstraintLevel
    public let passed: Bool
    public let message: String
}

@resultBuilder
public enum ConstraintsBuilder {
    public static func buildExpression(_ constraint: any SignatureConstraint) -> [any SignatureConstraint] { [constraint] }
    public static func buildBlock(_ parts: [any SignatureConstraint]...) -> [any SignatureConstraint] { parts.flatMap { $0 } }
}

/// A building block (FC, ISC, VCI, XCV, CV, SAV, LTV): constraints run in order; the first
/// failure at FAIL level stops it and gives its indication.
public struct BuildingBlock: Sendable {
    public let name: String
    public let constraints: [any SignatureConstraint]

    public init(_ name: String, @ConstraintsBuilder _ constraints: () -> [any SignatureConstraint]) {
        self.name = name
        self.constraints = constraints()
    }

    public func run(_ context: SignatureContext) -> BlockResult {
        var results: [ConstraintResult] = []
        for constraint in constraints {
            guard let check = constraint.evaluate(context) else { continue }
            let level = context.policy.level(constraint.key, default: constraint.defaultLevel)
            guard level != .ignore else { continue }
            results.append(ConstraintResult(key: constraint.key, level: level, passed: check.passed, message: check.message))
            if !check.passed && level == .fail {
                let sub = check.subIndication ?? constraint.subIndication
                let indication = sub?.indication ?? .totalFailed
                return BlockResult(name: name, status: indication == .totalFailed ? .failed : .indeterminate,
                                   indication: indication, subIndication: sub, constraints: results)
            }
        }
        return BlockResult(name: name, status: .passed, indication: nil, subIndication: nil, constraints: results)
    }
}

public struct BlockResult: Sendable {
    public let name: String
    public let status: BlockStatus
    /// Set when the block did not pass.
    public let indication: Indication?
    public let subIndication: SubIndication?
    public let constraints: [ConstraintResult]

    static func notRun(_ name: String) -> BlockResult {
        BlockResult(name: name, status: .notRun, indication: nil, subIndication: nil, constraints: [])
    }

    /// Failed constraints at WARN/INFORM level, as findings.
    func findings(subject: String) -> [Finding] {
        constraints.compactMap { result in
            guard !result.passed else { return nil }
            switch result.level {
            case .fail: return .error("\(name).\(result.key)", result.message, subject: subject)
            case .warn: return .warning("\(name).\(result.key)", result.message, subject: subject)
            case .inform: return .info("\(name).\(result.key)", result.message, subject: subject)
            case .ignore: return nil
            }
        }
    }
}
