import Findings

/// `META-INF/manifest.xml` of an ASiC-E container: mandatory (EN 319 162-1, BDOC 2.1), well
/// formed, one `/` entry, unique non-empty safe paths, each with a media type.
public struct ManifestRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        guard container.type == .asicE else { return [] }
        if let error = container.manifestError { return [error] }
        guard let manifest = container.manifest else {
            return [.fatal("asic.manifest.missing", "ASiC-E container has no META-INF/manifest.xml")]
        }
        var findings = manifest.findings
        var seen = Set<String>()
        var roots = 0
        for entry in manifest.entries {
            let path = entry.fullPath
            let shown = EntryNameRule.escaped(path)
            if path == "/" {
                roots += 1
            } else if path.isEmpty {
                findings.append(.fatal("asic.manifest.empty-path", "manifest entry on line \(entry.line) has an empty full-path"))
                continue
            } else if let problem = Self.pathProblem(path) {
                findings.append(.fatal("asic.manifest.invalid-path",
                                       "manifest entry \"\(shown)\" is not a valid data file path: \(problem)", subject: shown))
                continue
            }
            if !seen.insert(path).inserted {
                findings.append(.error("asic.manifest.duplicate-entry", "manifest lists \"\(shown)\" more than once", subject: shown))
            }
            guard let type = entry.mediaType, !type.isEmpty else {
                findings.append(.error("asic.manifest.no-media-type", "manifest entry \"\(shown)\" has no media type", subject: shown))
                continue
            }
            if path != "/" && !Self.isWellFormedMediaType(type) {
                findings.append(.warning("asic.manifest.media-type-format",
                                         "media type \"\(EntryNameRule.escaped(type))\" of \"\(shown)\" is not of the form type/subtype",
                                         subject: shown))
            }
        }
        if roots == 0 {
            findings.append(.error("asic.manifest.no-root-entry", "manifest has no \"/\" entry for the container itself"))
        } else if roots > 1 {
            findings.append(.error("asic.manifest.duplicate-entry", "manifest lists \"/\" \(roots) times"))
        }
        return findings
    }

    /// libdigidocpp's `validateDataFilePath`, minus the trailing `/` that marks directories.
    static func pathProblem(_ path: String) -> String? {
        // Bytes, not characters: a combining mark must not hide a `/`, `\\` or `..` (EntryPath).
        if EntryPath.startsWithSlash(path) { return "absolute path" }
        if path.utf8.contains(UInt8(ascii: "\\")) { return "backslash" }
        if path.utf8.contains(where: { $0 < 0x20 }) { return "control character" }
        var segments = EntryPath.segments(path)
        if EntryPath.endsWithSlash(path) { segments.removeLast() }
        for segment in segments {
            if segment.isEmpty { return "empty segment" }
            if EntryPath.isDotSegment(segment) { return "\"\(segment)\" segment" }
        }
        return nil
    }

    /// libdigidocpp's MimeTypeWarning pattern `([\w])*/([\w\-\+\.])*`, requiring both halves.
    static func isWellFormedMediaType(_ type: String) -> Bool {
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        func word(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        return parts[0].allSatisfy(word) && parts[1].allSatisfy { word($0) || "-+.".contains($0) }
    }
}
