import Findings

/// The facts about an opened archive that container rules judge. Built once by the opener;
/// rules only read it.
public struct ContainerContext: Sendable {
    /// The path as given (rules look at the extension: `.bdoc` requires a mimetype).
    public let path: String
    public let archive: ZipArchive
    public let type: ContainerType
    /// How the type was decided: `mimetype`, `manifest` or `structure`.
    public let typeSource: String
    public let mimetype: Mimetype?
    /// The manifest when present and parseable.
    public let manifest: Manifest?
    /// Why the manifest could not be read, when it could not.
    public let manifestError: Finding?
    public let dataFiles: [DataFile]
    public let signatureFiles: [SignatureFile]
    /// META-INF entries that are neither the manifest nor a signature file.
    public let otherMetaFiles: [ZipEntry]

    /// Lower-cased file extension of `path`, without the dot.
    public var fileExtension: String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

    public var hasManifestEntry: Bool { archive.entry(named: "META-INF/manifest.xml") != nil }
}

/// Entry classification shared by the opener and the rules.
enum EntryKind {
    static let manifest = "META-INF/manifest.xml"

    static func isMeta(_ entry: ZipEntry) -> Bool { entry.name.hasPrefix("META-INF/") }

    /// `META-INF/…signatures….xml` directly in META-INF (libdigidocpp, digidoc4j).
    static func isSignatureFile(_ entry: ZipEntry) -> Bool {
        let name = entry.name
        guard name.hasPrefix("META-INF/"), !entry.isDirectory else { return false }
        let file = name.dropFirst("META-INF/".count)
        return !file.contains("/") && file.contains("signatures") && file.hasSuffix(".xml")
    }

    static func isData(_ entry: ZipEntry) -> Bool {
        entry.name != "mimetype" && !isMeta(entry) && !entry.isDirectory
    }
}
