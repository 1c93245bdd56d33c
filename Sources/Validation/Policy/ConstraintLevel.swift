/// How a failed constraint counts (DSS `Level`).
public enum ConstraintLevel: String, Sendable, CaseIterable {
    /// Stops the block with its sub-indication.
    case fail = "FAIL"
    /// Continues, with a warning.
    case warn = "WARN"
    /// Continues, with an informational note.
    case inform = "INFORM"
    /// Not reported.
    case ignore = "IGNORE"
}
