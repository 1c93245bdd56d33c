import ArgumentParser
import CommandLineSupport
import ASiC
import DDOC
import Findings
import Reports

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a container's structure without judging trust.",
        discussion: """
        Lists the container type, every zip entry (sizes, method, CRC check), the data files with \
        their media types and SHA-256, the signature files with their signatures, the unsigned \
        files, and every finding of the container rules with its stable key.

        Exit status: 0 when everything checked is intact, 1 when a reference is changed or \
        missing or a signature value does not verify or cannot be checked, 3 when not processable.

        Examples:
          asic inspect contract.asice
          asic inspect --format json contract.asice | jq .containerFindings
        """
    )

    @Argument(help: "The container (.asice .sce .bdoc .edoc .asics .scs) or XAdES .xml file.", completion: .file())
    var path: String

    @Option(help: "Output format.")
    var format: InspectFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("detached"), help: ArgumentHelp("A data file signed by a detached XAdES .xml (repeatable).", valueName: "file"))
    var detached: [String] = []

    @Flag(help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(name: .shortAndLong, help: "Print no report; only the exit status and errors tell the outcome.")
    var quiet = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let style = output == nil ? Console.style(noColor: noColor) : TextStyle.plain
        // A legacy DDOC: its data files and signatures, every digest and signature value checked.
        if DDOCValidator.isDDOC(path: path) {
            let inspection = DDOCInspection.make(path: path)
            try finish(format == .text ? inspection.text(style: style) : inspection.json.serialized(pretty: true) + "\n",
                       error: inspection.error, intact: inspection.isIntact)
            return
        }
        let report = InspectReport.make(path: path, limits: limits.limits, detached: detached)
        try finish(format == .text ? report.text(style: style) : report.json.serialized(pretty: true) + "\n",
                   error: report.error, intact: report.isIntact)
    }

    /// Writes the report, says why the input is unreadable, and exits as the contract says.
    private func finish(_ text: String, error: InputError?, intact: Bool) throws {
        if quiet || (error != nil && format == .text && output == nil) {
            // Nothing on standard output (a text report of an unreadable input would only repeat
            // the one-line error below).
        } else if let output {
            do { try Console.write(text, to: output) } catch {
                Console.error(output, "cannot write report: \(error.reason)")
                throw Exit.cannotWrite
            }
        } else {
            Console.print(text)
        }
        if let error {
            Console.error(path, error.message)
            throw Exit.notProcessable
        }
        if !intact {
            // A changed or missing object, or a signature value that does not verify or cannot be checked.
            throw Exit.notIntact
        }
    }
}
