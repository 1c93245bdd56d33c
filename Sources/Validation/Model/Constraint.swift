import Findings

/// What one constraint concluded. "Could not be evaluated" is never a pass: it is `cannotDecide`,
/// which makes the block INDETERMINATE; a constraint that does not concern this signature says so
/// with `notApplicable` and its reason, which the verbose report shows.
public enum Outcome: String, Sendable, Equatable {
    case passed = "PASSED"
    case failed = "FAILED"
    case cannotDecide = "CANNOT_DECIDE"
    case notApplicable = "NOT_APPLICABLE"
}

/// The answer of one constraint for one signature.
public struct Check: Sendable {
    public let outcome: Outcome
    public let message: String
    /// Overrides the constraint's sub-indication for this failure; required for `cannotDecide`.
    public let subIndication: SubIndication?

    public var passed: Bool { outcome == .passed }

    public static func pass(_ message: String) -> Check { Check(outcome: .passed, message: message, subIndication: nil) }
    public static func fail(_ message: String, _ sub: SubIndication? = nil) -> Check {
        Check(outcome: .failed, message: message, subIndication: sub)
    }
    /// The constraint could not be evaluated: INDETERMINATE with `sub`, never a pass.
    public static func cannotDecide(_ message: String, _ sub: SubIndication) -> Check {
        Check(outcome: .cannotDecide, message: message, subIndication: sub)
    }
    /// The constraint does not concern this signature, for the stated reason.
    public static func notApplicable(_ reason: String) -> Check { Check(outcome: .notApplicable, message: reason, subIndication: nil) }
}

/// One EN 319 102-1 constraint: a stable key (DSS message keys where DSS has one), a default
/// level the policy may change, the sub-indication it gives when it fails at FAIL, and a check
/// that always answers (pass, fail, cannot decide, or not applicable with a reason).
public protocol SignatureConstraint: Sendable {
    var key: String { get }
    var defaultLevel: ConstraintLevel { get }
    /// Nil fails with TOTAL-FAILED and no sub-indication.
    var subIndication: SubIndication? { get }
    func evaluate(_ context: SignatureContext) -> Check
}

extension SignatureConstraint {
    public var defaultLevel: ConstraintLevel { .fail }
}

/// A constraint as it ran: what it said and at which level.
public struct ConstraintResult: Sendable {
    public let key: String
    public let level: ConstraintLevel
    public let outcome: Outcome
    public let message: String
    /// The sub-indication it gives when it decides the block.
    public let subIndication: SubIndication?

    public var passed: Bool { outcome == .passed }
    /// A failure or an undecided check that counts against the signature (not "not applicable").
    public var isAdverse: Bool { outcome == .failed || outcome == .cannotDecide }
}

@resultBuilder
public enum ConstraintsBuilder {
    public static func buildExpression(_ constraint: any SignatureConstraint) -> [any SignatureConstraint] { [constraint] }
    public static func buildBlock(_ parts: [any SignatureConstraint]...) -> [any SignatureConstraint] { parts.flatMap { $0 } }
}

/// A building block (FC, ISC, VCI, XCV, CV, SAV, LTV): constraints run in order; the first
/// failure or undecided check at FAIL level stops it and gives its indication.
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
            let check = constraint.evaluate(context)
            let level = context.policy.level(constraint.key, default: constraint.defaultLevel)
            guard level != .ignore else { continue }
            let sub: SubIndication? = check.outcome == .cannotDecide ? check.subIndication : (check.subIndication ?? constraint.subIndication)
            let result = ConstraintResult(key: constraint.key, level: level, outcome: check.outcome, message: check.message, subIndication: sub)
            results.append(result)
            guard level == .fail else { continue }
            switch check.outcome {
            case .passed, .notApplicable:
                continue
            case .failed:
                let indication = sub?.indication ?? .totalFailed
                return BlockResult(name: name, status: indication == .totalFailed ? .failed : .indeterminate, indication: indication,
                                   subIndication: sub, constraints: results, decisive: result,
                                   outranksIndeterminate: indication == .totalFailed && context.policy.outranking.contains(constraint.key))
            case .cannotDecide:
                // Whatever sub-indication it names, an undecided check is never a pass nor a proven failure.
                return BlockResult(name: name, status: .indeterminate, indication: .indeterminate, subIndication: sub,
                                   constraints: results, decisive: result, outranksIndeterminate: false)
            }
        }
        return BlockResult(name: name, status: .passed, indication: nil, subIndication: nil, constraints: results, decisive: nil,
                           outranksIndeterminate: false)
    }
}

public struct BlockResult: Sendable {
    public let name: String
    public let status: BlockStatus
    /// Set when the block did not pass.
    public let indication: Indication?
    public let subIndication: SubIndication?
    public let constraints: [ConstraintResult]
    /// The constraint that stopped the block.
    public let decisive: ConstraintResult?
    /// A TOTAL-FAILED this policy ranks above an earlier INDETERMINATE (``ValidationPolicy/outranking``).
    public let outranksIndeterminate: Bool

    static func notRun(_ name: String) -> BlockResult {
        BlockResult(name: name, status: .notRun, indication: nil, subIndication: nil, constraints: [], decisive: nil,
                    outranksIndeterminate: false)
    }

    /// Adverse constraints below FAIL level, and the decisive one, as findings.
    func findings(subject: String) -> [Finding] {
        constraints.compactMap { result in
            guard result.isAdverse else { return nil }
            let message = result.outcome == .cannotDecide ? "could not be checked: " + result.message : result.message
            switch result.level {
            case .fail: return .error("\(name).\(result.key)", message, subject: subject)
            case .warn: return .warning("\(name).\(result.key)", message, subject: subject)
            case .inform: return .info("\(name).\(result.key)", message, subject: subject)
            case .ignore: return nil
            }
        }
    }
}
