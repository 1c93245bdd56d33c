import ArgumentParser
import CommandLineSupport
import Findings
import Reports
import Trust
#if canImport(Glibc)
import Glibc
#endif

/// `asic tsl` formats.
enum TSLFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `asic validate` formats (the library's ``ReportFormat``).
extension ReportFormat: ExpressibleByArgument {}

struct TSL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsl",
        abstract: "Fetch, refresh, show and verify trusted lists and the local cache.",
        discussion: """
        Exit codes: 0 every list loaded and its signature verified; 1 a list is unusable (bad \
        signature, unreadable) or expired; 3 the starting list cannot be obtained; 64 usage error.

        Examples:
          asic tsl refresh --tsl-cert lotl-signer.pem
          asic tsl show --offline --tsl trust/tl-mp-test-EE.xml --tsl-cert trust/trusted-test-tsl.crt
        """,
        subcommands: [Show.self, Refresh.self, Verify.self]
    )

    /// What every `tsl` subcommand takes; they differ only in what they fetch and show.
    struct Options: ParsableArguments {
        @OptionGroup var trust: TrustOptions
        @Option(help: "Output format.") var format: TSLFormat = .text
        @Flag(help: "Never colour the output.") var noColor = false

        func run(offline: Bool?, services: Bool) throws {
            try TSL.run(trust, offline: offline, services: services, format: format, noColor: noColor)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the lists, their freshness, signature status and services.")
        @OptionGroup var options: Options
        func run() throws { try options.run(offline: nil, services: true) }
    }

    struct Refresh: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "refresh", abstract: "Download changed lists (conditional GET) into the cache and verify them.")
        @OptionGroup var options: Options
        func run() throws { try options.run(offline: nil, services: false) }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify the lists at hand (files and cache) without fetching anything.")
        @OptionGroup var options: Options
        func run() throws { try options.run(offline: true, services: false) }
    }

    static func run(_ trust: TrustOptions, offline: Bool?, services: Bool, format: TSLFormat, noColor: Bool) throws {
        let settings: TrustSettings
        for path in trust.tslCert where access(path, R_OK) != 0 {
            Console.error(path, "cannot read this --tsl-cert file")
            throw Exit.usage
        }
        do { settings = try trust.settings(offline: offline) } catch let error as InputError {
            Console.error(trust.tsl, error.message)
            throw Exit.notProcessable
        }
        let set = TrustedListLoader.load(settings)
        let signers = try trust.signers()
        let report = TrustedListReport(set: set, now: settings.now, includeServices: services, signers: signers)
        switch format {
        case .text: Console.print(report.text(style: Console.style(noColor: noColor)))
        case .json: Console.print(report.json.serialized(pretty: true) + "\n")
        }
        for warning in signers.expiryWarnings(now: settings.now) { Console.warning(trust.tsl, warning.message) }
        if set.listOfLists.list != nil, !set.listOfLists.isUsable {
            Console.warning(trust.tsl, "none of the pinned signers (\(signers.source)) signs this list: install the newly published set")
        }
        guard set.listOfLists.list != nil else {
            Console.error(trust.tsl, set.findings.first { $0.level == .error }?.message ?? "the list cannot be obtained")
            throw Exit.notProcessable
        }
        let lists = [set.listOfLists] + set.lists
        if lists.contains(where: { !$0.isUsable || $0.isExpired(at: settings.now) }) || set.findings.contains(where: { $0.level == .error }) {
            throw ExitCode(1)
        }
    }
}
