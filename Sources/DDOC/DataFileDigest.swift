import PKI

/// The SHA-1 digests a DataFile reference may match (see `ddoc.md` §3).
enum DataFileDigest {
    /// DIGIDOC-XML: SHA-1 over the canonical start tag (its default namespace first, the
    /// attributes sorted, values escaped as C14N does) + the body text as parsed + `</DataFile>`.
    /// In 1.3 the tag carries the 1.3 namespace even when the file left it out.
    static func primary(_ file: DigiDocDataFile, format: DigiDocFormat) -> [UInt8] {
        if let streamed = file.streamed { return streamed.primary }
        return Digest.hash(form(file, namespace: file.ownNamespace ?? (format.is13 ? DigiDocFormat.namespace13 : nil)), .sha1)
    }

    /// The same without any namespace: old writers digested a 1.3 DataFile that way. Only for a
    /// start tag with no namespace of its own; nil otherwise.
    static func alternate(_ file: DigiDocDataFile, format: DigiDocFormat) -> [UInt8]? {
        guard file.ownNamespace == nil, format.is13 else { return nil }
        if let streamed = file.streamed { return streamed.alternate }
        return Digest.hash(form(file, namespace: nil), .sha1)
    }

    static func form(_ file: DigiDocDataFile, namespace: String?) -> [UInt8] {
        var out = startTag(file, namespace: namespace)
        out += Array(escape(file.body, attribute: false).utf8)
        out += Array("</DataFile>".utf8)
        return out
    }

    /// The canonical start tag: its default namespace first, then the attributes sorted.
    static func startTag(_ file: DigiDocDataFile, namespace: String?) -> [UInt8] {
        var out = Array("<DataFile".utf8)
        if let namespace { out += Array(" xmlns=\"\(escape(namespace, attribute: true))\"".utf8) }
        for (name, value) in file.attributes.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
            out += Array(" \(name)=\"\(escape(value, attribute: true))\"".utf8)
        }
        out += Array(">".utf8)
        return out
    }

    /// C14N escaping (XML-C14N 1.0 §2.3): in attribute values `&`, `<`, `"`, tab, LF and CR; in
    /// text `&`, `<`, `>` and CR.
    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let replacement: String? = switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">" where !attribute: "&gt;"
            case "\"" where attribute: "&quot;"
            case "\t" where attribute: "&#x9;"
            case "\n" where attribute: "&#xA;"
            case "\r": "&#xD;"
            default: nil
            }
            if let replacement { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
