/// The reports in a file of `asic validate --format json` output: one per line (JSON Lines, what a
/// batch writes), or one indented object over many lines (what a run of a single file writes:
/// its first line is `{` alone and its last `}` alone, at the start of the line).
public struct ReportRecords {
    /// One report's text and the line it starts on (counted from 1).
    public struct Record {
        public let line: Int
        public let text: String
    }

    /// Why a record could not be read whole.
    public struct Unfinished: Error, CustomStringConvertible {
        public let line: Int
        public let description: String
    }

    /// An indented report larger than this is refused rather than held in memory.
    public static let maxIndentedBytes = 64 << 20

    private let lines: LineReader
    private var number = 0

    public init(_ lines: LineReader) {
        self.lines = lines
    }

    /// The next report, nil at the end; blank lines are passed over.
    public mutating func next() throws(Unfinished) -> Record? {
        while let line = lines.next() {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            guard Self.bare(line) == "{" else { return Record(line: number, text: line) }
            let start = number
            var text = line
            while let more = lines.next() {
                number += 1
                text += more
                if Self.bare(more) == "}", more.first == "}" { return Record(line: start, text: text) }
                if text.utf8.count > Self.maxIndentedBytes {
                    throw Unfinished(line: start, description: "an indented report of more than \(Self.maxIndentedBytes >> 20) MiB")
                }
            }
            throw Unfinished(line: start, description: "an indented report that does not end (no line '}')")
        }
        return nil
    }

    private static func bare(_ line: String) -> Substring {
        line.hasSuffix("\r\n") ? line.dropLast(2) : line.hasSuffix("\n") ? line.dropLast() : Substring(line)
    }
}
