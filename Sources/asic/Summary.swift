import ArgumentParser
import CommandLineSupport
import Batch
import Findings
import PKI
import Reports
import Validation
#if canImport(Glibc)
import Glibc
#endif

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Sum up JSON reports of validate (shards, several runs) as one run of all their files.",
        discussion: """
        Reads the JSON Lines that validate --format json --output writes (one report per line, \
        containers and DDOC files) and prints the batch summary one validate run of all those files \
        would have printed: the counts by verdict and sub-indication, and every file not PASSED. \
        Files are listed by name, so shards read in any order give the same summary and the same \
        --summary-html page. A report of a file already read (the same part given twice, runs that \
        overlap) is counted once and said on stderr; two reports of one file that disagree on its \
        verdict are an error. The indented report a run of a single file writes is read too. The \
        time a run took is not in the reports: it is left out. Blank lines are passed over.

        Exit codes: as validate's for one run of the same files: 0 every file PASSED; 1 a file \
        FAILED or unsigned; 2 otherwise a file INDETERMINATE; 3 a file NOT-PROCESSABLE, a \
        report file that cannot be read or has a line that is not a report object, or reports of \
        one file that disagree (said on stderr as FILE:LINE, and the rest is still summed up; of \
        disagreeing reports the first is counted); 64 usage error; 73 the page \
        (--summary-html) could not be written.

        Examples:
          parallel asic validate --shard {}/4 --format json \\
              --output part-{}.jsonl archive/ ::: 0 1 2 3
          asic summary --relative-to archive/ --summary-html audit.html \\
              part-*.jsonl
        """
    )

    @Argument(help: ArgumentHelp("JSON Lines reports of asic validate --format json (- for standard input).", valueName: "file"),
              completion: .file())
    var files: [String]

    @Option(name: .customLong("summary-html"), help: ArgumentHelp("Also write the HTML audit page of the whole batch.", valueName: "file"))
    var summaryHTML: String?

    @Option(name: .customLong("relative-to"),
            help: ArgumentHelp("Show files below this folder relative to it on the page, as validate does for a folder it is given (repeatable).",
                               valueName: "dir"))
    var relativeTo: [String] = []

    func run() throws {
        var summary = BatchSummary()
        let rows = try RowsFile()
        var worst: Int32 = 0
        var containerPolicies = Set<String>(), ddocPolicies = Set<String>()
        var latest: Int64?
        // Each input once: where its first report was read, and its verdict.
        var seen: [String: (place: String, verdict: String)] = [:]
        for file in files {
            guard let lines = LineReader(path: file) else {
                Console.error(file, "cannot open: " + String(cString: strerror(errno)))
                worst = Validate.combine(worst, Exit.notProcessable.rawValue)
                continue
            }
            var records = ReportRecords(lines)
            while true {
                let record: ReportRecords.Record
                do {
                    guard let next = try records.next() else { break }
                    record = next
                } catch {
                    Console.error("\(file):\(error.line)", error.description)
                    worst = Validate.combine(worst, Exit.notProcessable.rawValue)
                    break
                }
                let report: BatchSummary.ReportLine
                do { report = try BatchSummary.ReportLine(json: record.text) } catch {
                    Console.error("\(file):\(record.line)", error.description)
                    worst = Validate.combine(worst, Exit.notProcessable.rawValue)
                    continue
                }
                let place = "\(file):\(record.line)"
                if let first = seen[report.file] {
                    if first.verdict == report.entry.verdict {
                        Console.warning(place, "a report of \(report.file) was already read (\(first.place)): counted once")
                    } else {
                        Console.error(place, "this report of \(report.file) says \(report.entry.verdict), the one read at \(first.place) \(first.verdict): the first is counted")
                        worst = Validate.combine(worst, Exit.notProcessable.rawValue)
                    }
                    continue
                }
                seen[report.file] = (place, report.entry.verdict)
                summary.add(report.entry)
                rows.append(report.entry.row)
                worst = Validate.combine(worst, ContainerVerdict(rawValue: report.entry.verdict)?.exitCode ?? 3)
                if report.isDDOC { ddocPolicies.insert(report.policy) } else { containerPolicies.insert(report.policy) }
                if let time = report.validationTime { latest = max(latest ?? time, time) }
            }
            if lines.failed {
                Console.error(file, "cannot read: " + String(cString: strerror(errno)))
                worst = Validate.combine(worst, Exit.notProcessable.rawValue)
            }
        }
        let ordered = try Validate.sortedRows(rows)
        Console.print(summary.text(seconds: nil, failures: BatchSummary.failures(rows: ordered.reader()), interrupted: false))
        if let summaryHTML {
            // One run names its policy; a DDOC file's report says "ddoc" whatever the run's was, so
            // the containers' policies are named when there are any.
            let policies = (containerPolicies.isEmpty ? ddocPolicies : containerPolicies).sorted()
            // Dated like one run's page: as of --at when the reports were made with it (every line
            // has that time), else as of the last validation.
            try OutputSink.writeSummaryPage(to: summaryHTML, summary: summary, seconds: nil,
                                            policy: policies.isEmpty ? "none" : policies.joined(separator: ", "),
                                            generated: latest ?? Int64(Glibc.time(nil)), interrupted: false, folders: relativeTo, rows: ordered)
        }
        try ordered.requireComplete()
        if worst != 0 { throw ExitCode(worst) }
    }
}
