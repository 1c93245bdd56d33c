import Batch
import Foundation
import Reports

/// Where a report goes: standard output as it is produced, or `--output FILE` written to a
/// temporary file beside it and renamed into place only when complete.
final class OutputSink {
    private let path: String?
    private let temporary: String?
    private var handle: FileHandle?

    init(path: String?) throws {
        self.path = path
        guard let path else {
            temporary = nil
            handle = FileHandle.standardOutput
            return
        }
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw OutputError(path: path, reason: String(cString: strerror(errno)))
        }
        self.temporary = temporary
        self.handle = handle
    }

    func write(_ text: String) throws {
        do { try handle?.write(contentsOf: Data(text.utf8)) } catch {
            abandon()
            throw OutputError(path: path ?? "-", reason: "\(error)")
        }
    }

    /// Renames the finished file into place.
    func commit() throws {
        guard let path, let temporary else { return }
        try? handle?.synchronize()
        try? handle?.close()
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
final class RowsFile {
    let path: String
    private let handle: FileHandle

    init() throws {
        path = NSTemporaryDirectory() + "asic-rows-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tsv"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputError(path: path, reason: "cannot create a temporary file")
        }
        self.handle = handle
    }

    deinit {
        try? handle.close()
        unlink(path)
    }

    func append(_ line: String) { try? handle.write(contentsOf: Data(line.utf8)) }

    /// A fresh pass over the lines.
    func reader() -> () -> String? {
        try? handle.synchronize()
        guard let lines = LineReader(path: path) else { return { nil } }
        return lines.next
    }

    /// A new rows file with the same lines in the order `precedes` gives (sorted on disk when
    /// they do not fit in memory).
    func sorted(by precedes: (String, String) -> Bool) throws -> RowsFile {
        let sorted = try RowsFile()
        try LineSort.sort(reader(), by: precedes) { sorted.append($0) }
        return sorted
    }
}

extension OutputSink {
    /// Writes the batch audit page to `path` (all or nothing), as `validate --summary-html` and
    /// `summary --summary-html` both do; a write failure is said and ends with exit 73.
    static func writeSummaryPage(to path: String, summary: BatchSummary, seconds: Double?, policy: String, generated: Int64,
                                 interrupted: Bool, folders: [String], rows: RowsFile) throws {
        do {
            let page = try OutputSink(path: path)
            var pageError: Error?
            SummaryHTML.write(summary: summary, seconds: seconds, policy: policy, generated: generated, interrupted: interrupted,
                              folders: folders, openRows: { rows.reader() }) { chunk in
                if pageError == nil { do { try page.write(chunk) } catch { pageError = error } }
            }
            if let pageError { throw pageError }
            try page.commit()
        } catch let error as OutputError {
            Console.error(error.path, "cannot write the summary: \(error.reason)")
            throw Exit.cannotWrite
        }
    }
}
