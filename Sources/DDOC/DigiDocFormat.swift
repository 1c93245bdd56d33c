/// The legacy DigiDoc formats a `SignedDoc` root names (`format` and `version` attributes).
public struct DigiDocFormat: Sendable, Hashable {
    public enum Family: String, Sendable {
        case skXML = "SK-XML"
        case digidocXML = "DIGIDOC-XML"
    }

    public let family: Family
    /// "1.0" for SK-XML; "1.1", "1.2" or "1.3" for DIGIDOC-XML.
    public let version: String

    /// The 1.3 namespace, the only version that has one.
    public static let namespace13 = "http://www.sk.ee/DigiDoc/v1.3.0#"

    /// Why `format`/`version` are not a supported pair (SiVa's texts); nil when they are.
    static func problem(format: String?, version: String?) -> String? {
        switch format {
        case "SK-XML": return version == "1.0" ? nil : "Format SK-XML supports only version 1.0"
        case "DIGIDOC-XML": return ["1.1", "1.2", "1.3"].contains(version ?? "") ? nil : "Format DIGIDOC-XML supports only versions 1.1, 1.2, 1.3"
        default: return "Currently supports only SK-XML and DIGIDOC-XML formats"
        }
    }

    public var isSKXML: Bool { family == .skXML }
    public var is13: Bool { family == .digidocXML && version == "1.3" }
    /// Everything before DIGIDOC-XML 1.3 draws SiVa's "old and unsupported format" warning.
    public var isOld: Bool { !is13 }

    /// SiVa's `signatureFormat`: `DIGIDOC_XML_1.3`, `SK_XML_1.0`.
    public var signatureFormat: String { family.rawValue.replacing("-", with: "_") + "_" + version }
    /// SiVa's `signatureForm`: `DIGIDOC_XML_<version>` (SK-XML too), `_hashcode` when a data file is.
    func signatureForm(hashcode: Bool) -> String { "DIGIDOC_XML_" + version + (hashcode ? "_hashcode" : "") }
}
