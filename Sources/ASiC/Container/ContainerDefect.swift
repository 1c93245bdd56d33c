import Findings

/// A defect of the container as a typed fact, spelled once: the rules report it only through
/// ``Finding/defect(_:_:_:subject:)`` and validation classifies every case with an exhaustive `switch`.
public enum ContainerDefect: String, Defect {
    case mimetypeNotFirst = "asic.mimetype.not-first"
    case mimetypeCompressed = "asic.mimetype.compressed"
    case mimetypeExtraField = "asic.mimetype.extra-field"
    case mimetypeDataDescriptor = "asic.mimetype.data-descriptor"
    case mimetypeUTF16 = "asic.mimetype.utf16"
    case mimetypeBOM = "asic.mimetype.bom"
    case mimetypeWhitespace = "asic.mimetype.whitespace"
    case mimetypeLegacy = "asic.mimetype.legacy"
    case mimetypeWrong = "asic.mimetype.wrong"
    case mimetypeMisspelt = "asic.mimetype.misspelt"
    case mimetypeMissing = "asic.mimetype.missing"
    case manifestFileNotListed = "asic.manifest.file-not-listed"
    case manifestFileMissing = "asic.manifest.file-missing"

    /// What the defect means for format checking.
    public enum Role: Sendable {
        /// The mimetype entry's content or placement (BBB_FC_IEMCF_ASICE).
        case mimetypeContent
        /// No mimetype entry (BBB_FC_IMFP_ASICE).
        case mimetypeAbsent
        /// A file the manifest does not list (an unsigned-content risk, judged by the container verdict).
        case unlistedFile
        /// A manifest entry without a file (BBB_FC_MANIFEST_ENTRIES).
        case ghostEntry
    }

    public var role: Role {
        switch self {
        case .mimetypeNotFirst, .mimetypeCompressed, .mimetypeExtraField, .mimetypeDataDescriptor, .mimetypeUTF16, .mimetypeBOM,
             .mimetypeWhitespace, .mimetypeLegacy, .mimetypeWrong, .mimetypeMisspelt:
            .mimetypeContent
        case .mimetypeMissing: .mimetypeAbsent
        case .manifestFileNotListed: .unlistedFile
        case .manifestFileMissing: .ghostEntry
        }
    }
}

extension Container {
    /// Findings of the container defects with `role`.
    public func findings(role: ContainerDefect.Role) -> [Finding] {
        findings.of(ContainerDefect.self, role: role)
    }
}
