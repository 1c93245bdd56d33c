import ArgumentParser
import ASiC
import DDOC
import Reports

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        if DDOCValidator.isDDOC(path: path) { return try runDDOC() }
        let report = InspectReport.make(path: path, limits: limits.limits, detached: detached)
        let text = switch format {
        case .text: report.text(style: output == nil ? Console.style(noColor: noColor) : .plain)
        case .json: report.json.serialized(pretty: true) + "\n"
        }
        if quiet || (report.error != nil && format == .text && output == nil) {
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
        if let error = report.error {
            Console.error(path, error.message)
            throw Exit.notProcessable
        }
        if !report.isIntact {
            // A changed or missing object, or a signature value that does not verify or cannot be checked.
            throw Exit.notIntact
        }
    }

    /// A legacy DDOC: its data files and signatures, every digest and signature value checked.
    private func runDDOC() throws {
        let inspection = DDOCInspection.make(path: path)
        let text = switch format {
        case .text: inspection.text(style: output == nil ? Console.style(noColor: noColor) : .plain)
        case .json: inspection.json.serialized(pretty: true) + "\n"
        }
        if !quiet && !(inspection.error != nil && format == .text && output == nil) {
            if let output {
                do { try Console.write(text, to: output) } catch {
                    Console.error(output, "cannot write report: \(error.reason)")
                    throw Exit.cannotWrite
                }
            } else {
                Console.print(text)
            }
        }
        if let error = inspection.error {
            Console.error(path, error.message)
            throw Exit.notProcessable
        }
        if !inspection.isIntact { throw Exit.notIntact }
    }
}
