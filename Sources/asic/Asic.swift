import ArgumentParser

@main
struct Asic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asic",
        abstract: "Inspect and extract signed ASiC-E / ASiC-S / BDOC containers (validation comes next).",
        discussion: """
        Exit codes: 0 success; 3 an input is not a processable container; 64 usage error; \
        73 an output (extraction folder, --output file) could not be written.
        """,
        version: "0.1.0",
        subcommands: [Inspect.self, Extract.self, TSL.self]
    )
}
