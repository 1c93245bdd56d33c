/// The trust-free answer for one signed thing (a signature's references and value, an ASiC-S
/// token, a time-stamp): worst first, a missing object, then a changed one, then a signature
/// value that does not verify; `undetermined` when there was nothing to verify it with.
public enum IntegrityOutcome: String, Sendable {
    case ok
    case notFound = "not-found"
    case hashFailure = "hash-failure"
    case sigFailure = "sig-failure"
    /// The signature value could not be checked (no signer certificate).
    case undetermined = "?"

    /// Combines the three questions in their order of precedence.
    public static func of(found: Bool, intact: Bool, signature: Bool?) -> IntegrityOutcome {
        if !found { return .notFound }
        if !intact { return .hashFailure }
        switch signature {
        case true?: return .ok
        case false?: return .sigFailure
        case nil: return .undetermined
        }
    }
}
