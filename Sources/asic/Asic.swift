import ArgumentParser
import CommandLineSupport

/// Every command names itself (`commandName:`): without it ArgumentParser derives each name with
/// `String(describing:)` on start, a protocol-conformance scan that was a third of the
/// instructions `asic --version` ran.
@main
struct Asic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asic",
        abstract: "Validate, inspect and extract signed ASiC-E / ASiC-S / BDOC containers.",
        discussion: """
        Exit codes: 0 success (validate: every signature TOTAL-PASSED); 1 a signature TOTAL-FAILED or \
        no signature; 2 a signature INDETERMINATE; 3 an input is not a processable container; \
        4 (create, sign, extend) the key, its password or its certificate cannot be used; \
        5 (sign, extend) the TSA or OCSP responder failed; 64 usage error; \
        73 an output (extraction folder, --output file, container) could not be written; \
        130 interrupted (Ctrl-C).
        """,
        version: AsicVersion.string,
        subcommands: [Validate.self, Inspect.self, Extract.self, TSL.self, Create.self, Sign.self, Extend.self, Timestamp.self, Explain.self, Serve.self, Summary.self]
    )

    /// ArgumentParser's entry point with two front doors of its own: `asic serve …` becomes
    /// `asic-serve …` before any parsing, and a `validate` with a long path list parses only its
    /// options (see `LongPathLists`).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "serve" { ServeLauncher.replaceProcess(arguments: Array(arguments.dropFirst())) }
        guard arguments.first == "validate", let split = LongPathLists.split(Array(arguments.dropFirst())) else {
            await main(nil)
            return
        }
        do {
            // Parsed from the root, so usage errors name `asic validate` as they always do. One path
            // keeps the required argument satisfied; the whole list replaces it.
            var command = try parseAsRoot(["validate"] + split.options + ["--", split.paths[0]])
            if var validate = command as? Validate {
                validate.paths = split.paths
                command = validate
            }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
