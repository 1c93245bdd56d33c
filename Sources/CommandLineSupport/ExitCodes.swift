import ArgumentParser

/// Exit codes of the contract (`../shared/docs/contract.md`) and the man page.
package enum Exit {
    /// inspect: something it checked is not intact.
    package static let notIntact = ExitCode(1)
    /// An input is not a processable container.
    package static let notProcessable = ExitCode(3)
    /// Usage error (ArgumentParser uses 64 for validation errors too).
    package static let usage = ExitCode(64)
    /// An output (extraction target, --output file) could not be written.
    package static let cannotWrite = ExitCode(73)
}
