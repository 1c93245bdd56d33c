#if canImport(Glibc)
import Glibc
#endif

/// Sorts lines that may not fit in memory (the rows of a batch of millions of files): runs of at
/// most `runBytes` are sorted in memory and spilled to private temporary files, then merged. A
/// batch whose rows fit in one run never touches the disk.
public enum LineSort {
    /// Why the temporary files could not be written.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Hands the lines `next` yields to `emit` in the order `precedes` gives. Each line ends with a
    /// newline (as rows do: a spilled run is read back by lines). `precedes` must be a strict total
    /// order on distinct lines, so the result does not depend on the run size.
    public static func sort(_ next: () -> String?, by precedes: (String, String) -> Bool, runBytes: Int = 64 << 20,
                            emit: (String) -> Void) throws(Failure) {
        var run: [String] = []
        var bytes = 0
        var spilled: [String] = []
        defer { for path in spilled { unlink(path) } }
        while let line = next() {
            run.append(line)
            bytes += line.utf8.count + 32
            if bytes >= runBytes {
                spilled.append(try spill(run.sorted(by: precedes)))
                run.removeAll(keepingCapacity: true)
                bytes = 0
            }
        }
        run.sort(by: precedes)
        if spilled.isEmpty {
            run.forEach(emit)
            return
        }
        // A k-way merge by scanning the heads: k stays small (the total over runBytes).
        var sources: [() -> String?] = run.isEmpty ? [] : [{ var rest = run[...]; return { rest.popFirst() } }()]
        var readers: [(path: String, reader: LineReader)] = []
        for path in spilled {
            guard let reader = LineReader(path: path) else { throw Failure(description: "cannot read back \(path)") }
            sources.append(reader.next)
            readers.append((path, reader))
        }
        var heads = sources.map { $0() }
        while true {
            var best: Int?
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if let current = best, let bestHead = heads[current], !precedes(head, bestHead) { continue }
                best = index
            }
            guard let best, let line = heads[best] else { break }
            emit(line)
            heads[best] = sources[best]()
        }
        // A run that stopped on a read error would otherwise just look shorter.
        if let broken = readers.first(where: { $0.reader.failed }) {
            throw Failure(description: "cannot read back \(broken.path): " + String(cString: strerror(errno)))
        }
    }

    /// Writes a sorted run to a private temporary file (removed by the caller); its path.
    private static func spill(_ lines: [String]) throws(Failure) -> String {
        let folder = TemporaryFolder.path
        var template = Array((folder + "/asic-sort-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(description: "cannot create a temporary file in \(folder): " + String(cString: strerror(errno))) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let file = fdopen(fd, "w") else {
            close(fd)
            unlink(path)
            throw Failure(description: "cannot write \(path)")
        }
        var failed = false
        for var line in lines {
            let written = line.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
            if written != line.utf8.count { failed = true; break }
        }
        if fclose(file) != 0 || failed {
            unlink(path)
            throw Failure(description: "cannot write \(path): " + String(cString: strerror(errno)))
        }
        return path
    }
}
