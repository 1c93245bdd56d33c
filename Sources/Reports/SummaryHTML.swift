import PKI
import Validation

/// The audit page for a batch: counts, a chart of outcomes, and a table of every container whose
/// verdict links to its own section. Written in pieces from the rows file, so it never holds the
/// whole batch in memory.
public enum SummaryHTML {
    static let colors = ["PASSED": "#1b7f3b", "INDETERMINATE": "#8a5a00", "FAILED": "#b3261e",
                         "NO-SIGNATURE": "#6b3fa0", "NOT-PROCESSABLE": "#3c4043"]
    static let order = ContainerVerdict.allCases.map(\.rawValue)

    /// `openRows` starts a pass over the lines `BatchSummary.row` produced, in the order they are
    /// shown (`BatchSummary.rowPrecedes`); it is called twice (the table, then the sections).
    /// `seconds`: how long the run took, nil when unknown (reports summed up after the fact).
    /// `folders`: the folders the batch was given; paths below them are shown relative to them.
    public static func write(summary: BatchSummary, seconds: Double?, policy: String, generated: Int64, interrupted: Bool,
                             folders: [String] = [], openRows: () -> () -> String?, emit: (String) -> Void) {
        func shown(_ path: String) -> String {
            for folder in folders {
                let prefix = folder.hasSuffix("/") ? folder : folder + "/"
                if path.hasPrefix(prefix), path.count > prefix.count { return String(path.dropFirst(prefix.count)) }
            }
            return path
        }
        let passed = summary.byVerdict[ContainerVerdict.passed.rawValue] ?? 0
        let failed = summary.files - passed - (summary.byVerdict[ContainerVerdict.indeterminate.rawValue] ?? 0)
        let kind = passed == summary.files ? "ok" : (failed > 0 ? "bad" : "unknown")
        emit("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
             + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
             + "<title>Signature audit – \(summary.files) containers</title><style>\(HTML.style)</style></head><body>")
        emit("<header class=\"banner \(kind)\">\(HTML.icon(kind))<div><h1>\(passed) of \(summary.files) containers signed and unchanged</h1>"
             + "<p>Audit of \(summary.files) signed container\(summary.files == 1 ? "" : "s") · policy \(HTML.escape(policy)) · \(ISOTime.format(generated))"
             + (folders.isEmpty ? "" : " · in " + folders.map(HTML.escape).joined(separator: ", "))
             + (interrupted ? " · <strong>interrupted before the end</strong>" : "") + "</p></div></header><main>")
        emit("<section class=\"card\"><h2>Outcomes</h2>" + chart(summary) + "<div class=\"wide\"><table><thead><tr><th>Verdict</th><th>Containers</th><th>Meaning</th></tr></thead><tbody>")
        let meaning = ["PASSED": "every signature valid and every file signed", "INDETERMINATE": "at least one signature could not be confirmed",
                       "FAILED": "a signature invalid, a file unsigned, or the container damaged", "NO-SIGNATURE": "the container is not signed",
                       "NOT-PROCESSABLE": "not a readable signed container"]
        for verdict in order { emit("<tr><td>\(verdict)</td><td>\(summary.byVerdict[verdict] ?? 0)</td><td>\(meaning[verdict] ?? "")</td></tr>") }
        emit("</tbody></table></div>")
        if !summary.bySubIndication.isEmpty {
            emit("<p class=\"small\">Reasons: " + summary.bySubIndication.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { "\(HTML.escape($0.key)) × \($0.value)" }.joined(separator: " · ") + "</p>")
        }
        emit("</section><section class=\"card\"><h2>Every container</h2><div class=\"wide\"><table><thead><tr><th>#</th><th>Container</th><th>Verdict</th><th>Signatures</th><th>Signed by</th></tr></thead><tbody>")
        func parse(_ line: String) -> (file: String, verdict: String, details: String, signers: String, error: String)? {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5 else { return nil }
            return (fields[0], fields[1], fields[2], fields[3], fields[4].trimmedNewline)
        }
        var rows = openRows()
        var index = 0
        while let line = rows() {
            guard let row = parse(line) else { continue }
            index += 1
            let color = colors[row.verdict] ?? "#3c4043"
            emit("<tr><td class=\"n\">\(index)</td><td><a href=\"#f\(index)\">\(HTML.escape(shown(row.file)))</a></td>"
                 + "<td><span class=\"badge\" style=\"background:\(color)\">\(row.verdict)</span></td>"
                 + "<td>\(HTML.escape(row.details))</td><td>\(HTML.escape(row.signers))</td></tr>")
        }
        emit("</tbody></table></div></section>")
        rows = openRows()
        index = 0
        while let line = rows() {
            guard let row = parse(line) else { continue }
            index += 1
            let color = colors[row.verdict] ?? "#3c4043"
            emit("<section class=\"card\" id=\"f\(index)\"><h2>\(index). \(HTML.escape(shown(row.file))) <span class=\"badge\" style=\"background:\(color)\">\(row.verdict)</span></h2>"
                 + "<dl><dt>Signatures</dt><dd>\(HTML.escape(row.details.isEmpty ? "none" : row.details))</dd><dt>Signed by</dt><dd>\(HTML.escape(row.signers.isEmpty ? "—" : row.signers))</dd>"
                 + (row.error.isEmpty ? "" : "<dt>Why not processable</dt><dd>\(HTML.escape(row.error))</dd>") + "</dl></section>")
        }
        emit("</main><footer>Generated by asic\(seconds.map { " in \(BatchSummary.decimal($0, 2)) s" } ?? "")</footer></body></html>\n")
    }

    static func chart(_ summary: BatchSummary) -> String {
        let counts = order.map { ($0, summary.byVerdict[$0] ?? 0) }.filter { $0.1 > 0 }
        let total = max(counts.reduce(0) { $0 + $1.1 }, 1)
        var svg = "<svg viewBox=\"0 0 600 \(30 * counts.count + 10)\" width=\"100%\" role=\"img\" aria-label=\"Outcomes\">"
        for (index, (verdict, count)) in counts.enumerated() {
            let width = Int(400.0 * Double(count) / Double(total))
            let y = 10 + index * 30
            svg += "<text x=\"0\" y=\"\(y + 14)\">\(verdict)</text>"
            svg += "<rect x=\"140\" y=\"\(y)\" width=\"\(max(width, 2))\" height=\"20\" rx=\"3\" fill=\"\(colors[verdict] ?? "#999")\"/>"
            svg += "<text x=\"\(146 + width)\" y=\"\(y + 14)\">\(count) (\(count * 100 / total)%)</text>"
        }
        return svg + "</svg>"
    }
}

extension String {
    var trimmedNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
