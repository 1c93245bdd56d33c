import ArgumentParser

@main
struct Asic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asic",
        abstract: "Validate and inspect signed ASiC-E / ASiC-S / BDOC containers.",
        discussion: """
        Exit codes: 0 success, 3 an input is not a processable container, 64 usage error,
        73 extract could not write its output.
        """,
        version: "0.1.0",
        subcommands: [Inspect.self, Extract.self]
    )
}
