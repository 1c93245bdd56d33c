import ArgumentParser

/// Exit codes of the contract (`../shared/docs/contract.md`) and the man page.
enum Exit {
    /// inspect: something it checked is not intact.
    static let notIntact = ExitCode(1)
    /// An input is not a processable container.
    static let notProcessable = ExitCode(3)
    /// Usage error (ArgumentParser uses 64 for validation errors too).
    static let usage = ExitCode(64)
    /// An output (extraction target, --output file) could not be written.
    static let cannotWrite = ExitCode(73)
}
