import ArgumentParser
import CommandLineSupport
import ASiC
import Batch
import DDOC
import Findings
import PKI
import ServiceClients
import Reports
import Trust
import Validation
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate signed containers (EN 319 102-1, as DSS and SiVa do).",
        discussion: """
        Exit codes: 0 every signature TOTAL-PASSED; 1 a signature TOTAL-FAILED or a container has no \
        signature; 2 otherwise some signature INDETERMINATE; 3 an input is not a processable container; \
        64 usage error; 73 the report (--output, --summary-html) could not be written; 130 interrupted \
        (Ctrl-C). With several inputs the highest of 3, 1, 2 wins in that order.

        --shard I/N takes only the inputs whose path, as given or found in a folder, hashes (64-bit \
        FNV-1a, the same on every machine) into shard I of N, counted from 0: N runs with the same \
        paths and I = 0 … N-1 validate every input exactly once, with no coordinator. A shard that \
        gets no input exits 0 with a summary of 0 files. asic summary sums up their JSON reports as one.

        Examples:
          asic validate contract.asice
          asic validate --policy ee --format json contract.bdoc
          asic validate --offline --tsl test/tl-mp-test-EE.xml \\
              --tsl-cert test/trusted-test-tsl.crt contract.asice
          asic validate --trust-anchors company-ca.pem \\
              --at 2024-01-01T00:00:00Z sealed.asice
          asic validate --shard 2/8 --format json --output part-2.jsonl \\
              archive/
        """
    )

    @Argument(help: "Containers, folders (searched recursively) or - for standard input.", completion: .file())
    var paths: [String]

    @Option(help: "Output format.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Validation policy: default, ee, or a policy file.", valueName: "name|file"))
    var policy: String = "default"

    @OptionGroup var trust: TrustOptions

    @Option(name: .customLong("trust-anchors"), help: ArgumentHelp("CA, OCSP responder and TSA certificates trusted directly (PEM/DER file or folder).", valueName: "dir|file"))
    var trustAnchors: [String] = []

    @Option(help: ArgumentHelp("Validate as of this time (ISO 8601), with what the container and the trust sources hold.", valueName: "time"))
    var at: String?

    @Option(name: .customLong("ocsp-url"), help: ArgumentHelp("Ask this OCSP responder instead of the certificate's AIA.", valueName: "url"))
    var ocspURL: String?

    @Option(name: .customLong("detached"), help: ArgumentHelp("A data file signed by a detached XAdES .xml (repeatable).", valueName: "file"))
    var detached: [String] = []

    @Flag(name: .shortAndLong, help: "Print no report; only the exit status and errors tell the outcome.")
    var quiet = false

    @Flag(help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(help: "Show every building block, constraint and the certificate chain.")
    var verbose = false

    @Option(help: ArgumentHelp("Containers validated in parallel (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .customLong("all-files"), help: "In folders, take every file, not only container extensions.")
    var allFiles = false

    @Option(name: .customLong("summary-html"), help: ArgumentHelp("Also write a self-contained HTML audit page for the whole batch.", valueName: "file"))
    var summaryHTML: String?

    @Option(help: ArgumentHelp("Validate only shard I (0 … N-1) of the inputs cut N ways by a stable hash of their path.", valueName: "i/n"),
            transform: { try Shard(parsing: $0) })
    var shard: Shard?

    @OptionGroup var limits: LimitOptions

    /// The inputs as an error line names them: a few, then how many more (a glob over an archive
    /// must not make a megabyte-long error line).
    private var inputsLabel: String {
        paths.count <= 3 ? paths.joined(separator: " ") : paths.prefix(3).joined(separator: " ") + " and \(paths.count - 3) more"
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let at, ISOTime.parse(at) == nil { throw ValidationError("--at wants an ISO 8601 time such as 2024-05-01T10:00:00Z") }
    }

    func run() throws {
        // From the start: a Ctrl-C while the trust loads already ends the run with its summary
        // (a second one exits at once).
        Interrupt.install()
        let policy = try loadPolicy()
        let time = at.flatMap(ISOTime.parse)
        var skipped: [String] = []
        let found = try InputPaths.expand(paths, allFiles: allFiles, skipped: &skipped)
        guard !found.isEmpty else {
            Console.error(inputsLabel, "no container found (extensions \(InputPaths.extensions.sorted().joined(separator: " ")); --all-files takes every file)")
            throw Exit.notProcessable
        }
        // The whole batch decides what a report looks like, so every shard writes it alike.
        if found.count > 1 && (format == .html || format == .etsi) {
            Console.error(inputsLabel, "--format \(format.rawValue) reports one container; for a batch use --summary-html FILE")
            throw Exit.usage
        }
        let inputs = shard.map { shard in found.filter { input in
            if shard.contains(input.shown) { return true }
            input.cleanup()
            return false
        } } ?? found
        // Arguments first: when no input can even be opened, say so without loading any trust.
        if !inputs.isEmpty, inputs.allSatisfy({ !$0.temporary && access($0.path, R_OK) != 0 }) {
            for input in inputs { Console.error(input.shown, "cannot open: " + String(cString: strerror(access(input.path, F_OK) == 0 ? EACCES : ENOENT))) }
            throw Exit.notProcessable
        }
        // Only containers need the EU lists: a batch of DDOC files loads just the --trust-anchors.
        // The first container ends the search; otherwise each worker tells its own input's kind,
        // in parallel (read up front, one by one, it held the workers back by 4 ms in 550 inputs).
        let allDDOC = inputs.allSatisfy { DDOCValidator.isDDOC(path: $0.path, name: $0.shown) }
        let store = allDDOC ? TrustStore(services: [], anchors: try trust.anchors(trustAnchors))
            : try trust.store(anchors: trustAnchors, now: time ?? Int64(Glibc.time(nil)))
        let ddocValidator = trust.ddocValidator(anchors: store.anchors, paths: trustAnchors)
        let validator = Validator(policy: policy, store: store, time: time,
                                  // Today's OCSP says nothing about a past validation time.
                                  fetcher: trust.offline || time != nil ? nil : OCSPFetcher(responderURL: ocspURL, timeout: trust.timeout),
                                  crlSource: time != nil ? nil : trust.crlSource, limits: limits.limits, ddoc: ddocValidator)
        let style = output == nil ? Console.style(noColor: noColor) : TextStyle.plain
        let (format, verbose, detached, pretty, quiet) = (self.format, self.verbose, self.detached, found.count == 1, self.quiet)
        let toStandardOutput = output == nil
        let sink: OutputSink
        do { sink = try OutputSink(path: quiet ? nil : output) } catch let error as OutputError {
            Console.error(error.path, "cannot write report: \(error.reason)")
            throw Exit.cannotWrite
        }
        let rows = try RowsFile()
        var summary = BatchSummary()
        var worst: Int32 = 0
        let progress = ProgressBar(total: inputs.count, enabled: !quiet)
        let started = Date()
        let engine = InputValidator(validator: validator, ddoc: ddocValidator)
        let generator = "asic \(AsicVersion.string)"
        // Quiet without an audit page shows no summary: its rows and counts are not built.
        let keepsSummary = !quiet || summaryHTML != nil
        let runner = BatchRunner(count: inputs.count, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                 stop: { Interrupt.requested }) { index in
            let input = inputs[index]
            let result = engine.validate(path: input.path, name: input.shown, detached: detached, isDDOC: allDDOC ? true : nil)
            input.cleanup()
            let rendered: String = switch format {
            case _ where quiet: ""  // nothing is printed: nothing to render
            // On standard output the one-line error on stderr says it all; a report file keeps the record.
            case .text where result.errorMessage != nil && toStandardOutput: ""
            default: result.rendered(format, style: style, verbose: verbose, pretty: pretty, generator: generator)
            }
            return BatchItem(shown: input.shown, rendered: rendered, entry: keepsSummary ? result.summaryEntry : nil,
                             exitCode: result.exitCode, error: result.errorMessage)
        }
        var writeFailure: OutputError?
        let complete = runner.run { index, item in
            if let error = item.error { Console.error(item.shown, error) }
            worst = Self.combine(worst, item.exitCode)
            if let entry = item.entry {
                summary.add(entry)
                rows.append(entry.row)
            }
            if !quiet, writeFailure == nil, !item.rendered.isEmpty {
                do { try sink.write(index > 0 && format == .text ? "\n" + item.rendered : item.rendered) } catch let error as OutputError {
                    writeFailure = error
                } catch {}
            }
            progress.advance()
        }
        progress.finish()
        if !complete {
            // Interrupted: no partial report is left behind.
            sink.abandon()
        }
        if let failure = writeFailure {
            Console.error(failure.path, "cannot write report: \(failure.reason)")
            throw Exit.cannotWrite
        }
        do { if complete { try sink.commit() } } catch let error as OutputError {
            Console.error(error.path, "cannot write report: \(error.reason)")
            throw Exit.cannotWrite
        }
        let seconds = Date().timeIntervalSince(started)
        // A shard always says what it did, even with no input or one.
        let printsSummary = (found.count > 1 || shard != nil || !complete) && !quiet
        // By file name, not input order: a run and its shards summed up (`asic summary`) list alike.
        let ordered = printsSummary || summaryHTML != nil ? try Self.sortedRows(rows) : rows
        if printsSummary {
            Console.printToStandardError(summary.text(seconds: seconds, failures: BatchSummary.failures(rows: ordered.reader()),
                                                      interrupted: !complete))
        }
        // Files a folder search passed over are said, never silently dropped.
        if !quiet, let line = InputPaths.skippedLine(skipped) { Console.printToStandardError(line + "\n") }
        if let summaryHTML {
            try OutputSink.writeSummaryPage(to: summaryHTML, summary: summary, seconds: seconds, policy: policy.name,
                                            generated: time ?? Int64(Glibc.time(nil)), interrupted: !complete,
                                            folders: paths.filter { InputPaths.isFolder($0) }, rows: ordered)
        }
        if printsSummary || summaryHTML != nil { try ordered.requireComplete() }
        if !complete { throw ExitCode(130) }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// 3 > 1 > 2 > 0 (the library's rule).
    static func combine(_ a: Int32, _ b: Int32) -> Int32 { ValidatedInput.combinedExitCode(a, b) }

    /// The rows in the order of the summary and the audit page (`BatchSummary.rowPrecedes`).
    static func sortedRows(_ rows: RowsFile) throws -> RowsFile {
        do { return try rows.sorted(by: BatchSummary.rowPrecedes) } catch {
            Console.error(TemporaryFolder.path, "cannot sort the summary's rows: \(error)")
            throw Exit.cannotWrite
        }
    }

    private func loadPolicy() throws -> ValidationPolicy {
        do { return try ValidationPolicy.load(policy) } catch {
            Console.error(policy, error.message)
            throw Exit.usage
        }
    }

    /// Trusted lists (when their signers are known) plus own anchors. Without either, signatures
    /// can be checked but not trusted, and the user is told how to fix it.
}

/// What a worker hands back: the rendered report and the little the summary keeps (nil when no
/// summary is shown).
struct BatchItem: Sendable {
    let shown: String
    let rendered: String
    let entry: BatchSummary.Entry?
    let exitCode: Int32
    let error: String?
}

