import Findings

/// Entry names are findings, never paths. Refused (as libdigidocpp's `validateDataFilePath`
/// refuses them): absolute paths, drive letters, backslashes, empty, `.` and `..` segments, NUL
/// and control characters. Bidirectional and zero-width characters, which can spoof a name on
/// screen, are warned about.
public struct EntryNameRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        container.archive.entries.flatMap { Self.check(rawName: $0.rawName, name: $0.name, isDirectory: $0.isDirectory) }
    }

    static func check(rawName: [UInt8], name: String, isDirectory: Bool) -> [Finding] {
        let shown = escaped(name)
        if rawName.isEmpty {
            return [.fatal("zip.name.empty", "an entry has an empty name")]
        }
        if rawName.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return [.fatal("zip.name.control", "entry name \"\(shown)\" contains NUL or control characters", subject: shown)]
        }
        if rawName.contains(UInt8(ascii: "\\")) {
            return [.fatal("zip.name.backslash", "entry name \"\(shown)\" contains a backslash", subject: shown)]
        }
        if rawName.first == UInt8(ascii: "/") {
            return [.fatal("zip.name.absolute", "entry name \"\(shown)\" is an absolute path", subject: shown)]
        }
        if rawName.count >= 2, rawName[1] == UInt8(ascii: ":"),
           (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(rawName[0] & 0xDF) {
            return [.fatal("zip.name.absolute", "entry name \"\(shown)\" starts with a drive letter", subject: shown)]
        }
        // Names no file system can hold are container faults, found before anything is written.
        if rawName.count > maxNameBytes {
            return [.fatal("zip.name.too-long", "entry name \"\(shown)\" is longer than \(maxNameBytes) bytes", subject: shown)]
        }
        // On the bytes of the name, as the file system will see it (EntryPath).
        var segments = EntryPath.segments(name)
        if isDirectory { segments.removeLast() }
        if let long = segments.first(where: { $0.utf8.count > maxSegmentBytes }) {
            return [.fatal("zip.name.segment-too-long",
                           "entry name \"\(shown)\" has a path segment of \(long.utf8.count) bytes (file systems hold \(maxSegmentBytes))", subject: shown)]
        }
        for segment in segments {
            if segment.isEmpty {
                return [.fatal("zip.name.empty-segment", "entry name \"\(shown)\" has an empty path segment", subject: shown)]
            }
            if EntryPath.isDotSegment(segment) {
                return [.fatal("zip.name.dot-segment", "entry name \"\(shown)\" has a \"\(segment)\" path segment", subject: shown)]
            }
        }
        var findings: [Finding] = []
        if name.unicodeScalars.contains(where: spoofing) {
            findings.append(.warning("zip.name.bidi",
                                     "entry name \"\(shown)\" contains bidirectional or invisible characters that can disguise it",
                                     subject: shown))
        }
        if String(validating: rawName, as: UTF8.self) == nil {
            findings.append(.info("zip.name.cp437", "entry name is not UTF-8; decoded as CP437 for display", subject: shown))
        }
        return findings
    }

    private static func spoofing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// Makes an untrusted name safe to print: control and spoofing characters become `\u{…}`.
    /// Longest entry name and path segment a container may use (NAME_MAX is 255 bytes).
    static let maxNameBytes = 1024
    static let maxSegmentBytes = 255

    /// A name as messages show it: controls and spoofing characters escaped, and a long name
    /// shortened to its first 40 and last 30 characters around "…", then its length. The end
    /// stays: it holds the file name of a long path and the real extension of a name padded to
    /// push it out of sight (`contract.pdf` + spaces + `.exe`).
    public static func escaped(_ name: String) -> String {
        if name.utf8.count > 80, name.count > 80 {
            return escapedWhole(String(name.prefix(40))) + "…" + escapedWhole(String(name.suffix(30))) + " (\(name.utf8.count) bytes)"
        }
        return escapedWhole(name)
    }

    static func escapedWhole(_ name: String) -> String {
        // Printable ASCII (most names) has nothing to escape.
        if name.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return name }
        var out = ""
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || spoofing(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
