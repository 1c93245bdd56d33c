/// A defect as a typed fact: an enum whose raw value is the finding key, spelled once in its case,
/// with a role that says what the defect means to the constraints that judge it. The container
/// rules (`ContainerDefect`) and the signature core (`SignatureDefect`) report defects only
/// through ``Finding/defect(_:_:_:subject:)``, and validation classifies every case with an
/// exhaustive `switch` over `role`, so a new or renamed defect cannot slip past as a pass.
public protocol Defect: RawRepresentable, Sendable, CaseIterable where RawValue == String {
    associatedtype Role: Equatable
    /// What the defect means for the constraint that reads it.
    var role: Role { get }
}

extension Defect {
    /// The finding key reports and scripts see.
    public var key: String { rawValue }
}

extension Finding {
    /// A finding for a typed defect, at `level`.
    public static func defect(_ defect: some Defect, _ level: FindingLevel, _ message: String, subject: String? = nil) -> Finding {
        Finding(key: defect.key, level: level, message: message, subject: subject)
    }

    /// A fatal finding for a typed defect: the input is refused as a whole.
    public static func fatalDefect(_ defect: some Defect, _ message: String, subject: String? = nil) -> Finding {
        Finding(key: defect.key, level: .error, message: message, subject: subject, isFatal: true)
    }
}

extension Sequence<Finding> {
    /// The findings of the defects of type `D` whose role is `role`; findings of other keys are not theirs.
    @inlinable public func of<D: Defect>(_ type: D.Type, role: D.Role) -> [Finding] {
        filter { D(rawValue: $0.key)?.role == role }
    }
}
