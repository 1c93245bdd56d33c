/// What kind of signed document an input is.
public enum ContainerType: String, Sendable, Hashable {
    /// ASiC-E (`.asice`, `.sce`, `.bdoc`): data files, a manifest and XAdES signature files.
    case asicE = "ASiC-E"
    /// ASiC-S (`.asics`, `.scs`): one data object with one signature or timestamp.
    case asicS = "ASiC-S"
    /// A bare XAdES document (enveloping, enveloped or detached), not inside a container.
    case xades = "XAdES"
}

/// Media types that name a container type.
public enum ASiCMediaType {
    public static let asicE = "application/vnd.etsi.asic-e+zip"
    public static let asicS = "application/vnd.etsi.asic-s+zip"
    public static let bdoc10 = "application/vnd.bdoc-1.0"

    static func containerType(_ mediaType: String?) -> ContainerType? {
        switch mediaType {
        case asicE?: .asicE
        case asicS?: .asicS
        default: nil
        }
    }
}
