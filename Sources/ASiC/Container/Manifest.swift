import Findings
import XMLSecurity

/// `META-INF/manifest.xml` (OpenDocument manifest) as found in an ASiC-E container.
public struct Manifest: Sendable {
    public struct Entry: Sendable, Hashable {
        /// `manifest:full-path`, a plain (not percent-encoded) path; `/` is the container itself.
        public let fullPath: String
        /// `manifest:media-type`, nil when absent.
        public let mediaType: String?
        public let line: Int
    }

    public let entries: [Entry]
    /// `manifest:version` when present.
    public let version: String?
    /// Findings about the manifest's own form (unqualified attributes and the like).
    public let findings: [Finding]

    /// The media type of the `/` entry (the container's own type).
    public var rootMediaType: String? { entries.first { $0.fullPath == "/" }?.mediaType }

    /// Parses manifest bytes with the hardened XML settings. Throws ``XMLParseError`` or ``InputError``.
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .default) throws -> Manifest {
        let document = try XMLDocument.parse(bytes, limits: limits)
        guard let root = document.root, root.is(XMLNamespace.odfManifest, "manifest") else {
            throw InputError(key: "asic.manifest.root", message: "META-INF/manifest.xml is not an OpenDocument manifest")
        }
        var findings: [Finding] = []
        var entries: [Entry] = []
        for element in root.children {
            guard element.is(XMLNamespace.odfManifest, "file-entry") else {
                findings.append(.warning("asic.manifest.unknown-element",
                                         "manifest has an unexpected element <\(element.localName)> (line \(element.line))"))
                continue
            }
            let ns = XMLNamespace.odfManifest
            var path = element.attribute("full-path", namespace: ns)
            var type = element.attribute("media-type", namespace: ns)
            if path == nil, let plain = element.attribute("full-path") {
                path = plain
                findings.append(.warning("asic.manifest.unqualified-attribute",
                                         "manifest entry on line \(element.line) uses an unqualified full-path attribute"))
            }
            if type == nil { type = element.attribute("media-type") }
            guard let path else {
                findings.append(.fatal("asic.manifest.no-path", "manifest entry on line \(element.line) has no full-path"))
                continue
            }
            entries.append(Entry(fullPath: path, mediaType: type, line: element.line))
        }
        return Manifest(entries: entries, version: root.attribute("version", namespace: XMLNamespace.odfManifest),
                        findings: findings)
    }
}
