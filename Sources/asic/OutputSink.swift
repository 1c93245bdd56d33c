import Batch
import CommandLineSupport
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// Where a report goes: standard output as it is produced, or `--output FILE` written to a
/// temporary file beside it and renamed into place only when complete.
final class OutputSink {
    private let path: String?
    private let temporary: String?
    private var handle: WritableFile?

    init(path: String?) throws {
        self.path = path
        guard let path else {
            temporary = nil
            handle = WritableFile.standardOutput
            return
        }
        let temporary = path + ".tmp-\(getpid())"
        do { handle = try WritableFile(creating: temporary, mode: 0o644) } catch {
            throw OutputError(path: path, reason: error.reason)
        }
        self.temporary = temporary
    }

    func write(_ text: String) throws {
        do { try handle?.write(Array(text.utf8)) } catch {
            abandon()
            throw OutputError(path: path ?? "-", reason: error.reason)
        }
    }

    /// Renames the finished file into place, once it is on disk: a file the system could not
    /// write out whole is removed, never put in place.
    func commit() throws {
        guard let path, let temporary else { return }
        do {
            try handle?.synchronize()
            try handle?.close()
        } catch {
            handle = nil
            unlink(temporary)
            throw OutputError(path: path, reason: error.reason)
        }
        handle = nil
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
    }

    /// Removes the partial file.
    func abandon() {
        guard let temporary else { return }
        try? handle?.close()
        handle = nil
        unlink(temporary)
    }
}

/// A private file of lines, written once and read back in passes (the batch's per-file rows).
/// A line that could not be written or read back is not silently missing: `problem` says so,
/// and the command ends with exit 73 after saying that its list of files is incomplete.
final class RowsFile {
    let path: String
    private let handle: WritableFile
    /// The first write or read failure, if any: the file and what went wrong.
    private(set) var problem: (path: String, reason: String)?

    init() throws {
        path = TemporaryFolder.path + "/asic-rows-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tsv"
        do { handle = try WritableFile(creating: path, mode: 0o600) } catch {
            throw OutputError(path: path, reason: "cannot create a temporary file: " + error.reason)
        }
    }

    deinit {
        try? handle.close()
        unlink(path)
    }

    func append(_ line: String) {
        guard problem == nil else { return }
        do { try handle.write(Array(line.utf8)) } catch { problem = (path, "cannot write it: " + error.reason) }
    }

    /// A fresh pass over the lines.
    func reader() -> () -> String? {
        do { try handle.synchronize() } catch { problem = problem ?? (path, "cannot write it: " + error.reason) }
        guard let lines = LineReader(path: path) else {
            problem = problem ?? (path, "cannot read it back: " + String(cString: strerror(errno)))
            return { nil }
        }
        return { [self] in
            let line = lines.next()
            if line == nil, lines.failed { problem = problem ?? (path, "cannot read it back: " + String(cString: strerror(errno))) }
            return line
        }
    }

    /// A new rows file with the same lines in the order `precedes` gives (sorted on disk when
    /// they do not fit in memory); it carries this file's problem, if any.
    func sorted(by precedes: (String, String) -> Bool) throws -> RowsFile {
        let sorted = try RowsFile()
        try LineSort.sort(reader(), by: precedes) { sorted.append($0) }
        if sorted.problem == nil { sorted.problem = problem }
        return sorted
    }

    /// Says on stderr that the list of files is incomplete and ends with exit 73, if a line was lost.
    func requireComplete() throws {
        guard let problem else { return }
        Console.error(problem.path, "the summary's list of files is incomplete: \(problem.reason)")
        throw Exit.cannotWrite
    }
}

extension OutputSink {
    /// Writes the batch audit page to `path` (all or nothing), as `validate --summary-html` and
    /// `summary --summary-html` both do; a write failure is said and ends with exit 73.
    static func writeSummaryPage(to path: String, summary: BatchSummary, seconds: Double?, policy: String, generated: Int64,
                                 interrupted: Bool, folders: [String], rows: RowsFile) throws {
        // A page listing fewer files than the batch had is never written.
        try rows.requireComplete()
        do {
            let page = try OutputSink(path: path)
            var pageError: Error?
            SummaryHTML.write(summary: summary, seconds: seconds, policy: policy, generated: generated, interrupted: interrupted,
                              folders: folders, openRows: { rows.reader() }) { chunk in
                if pageError == nil { do { try page.write(chunk) } catch { pageError = error } }
            }
            if let pageError { throw pageError }
            if rows.problem != nil {
                page.abandon()
                try rows.requireComplete()
            }
            try page.commit()
        } catch let error as OutputError {
            Console.error(error.path, "cannot write the summary: \(error.reason)")
            throw Exit.cannotWrite
        }
    }
}
