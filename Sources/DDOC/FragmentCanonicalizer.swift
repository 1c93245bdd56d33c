import XMLSecurity

/// Canonicalises a literal SignedInfo or SignedProperties fragment as the reference implementation
/// does: the fragment alone (no namespace inherited from its ancestors), with a default
/// `xmlns` added to its start tag when the format version calls for one and the tag has none,
/// then inclusive C14N 1.0 without comments.
enum FragmentCanonicalizer {
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"

    enum Failure: Error {
        case unparsable(String)
    }

    /// `inject`: the namespace to declare when the fragment's start tag declares no default one.
    static func canonicalize(_ fragment: [UInt8], inject: String?) throws -> [UInt8] {
        var bytes = fragment
        if let inject, let end = startTagEnd(bytes), !declaresDefaultNamespace(bytes[0..<end]) {
            // After the element name: `<Name` + ` xmlns="…"`.
            var nameEnd = 1
            while nameEnd < end, ![0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(bytes[nameEnd]) { nameEnd += 1 }
            bytes.insert(contentsOf: Array(" xmlns=\"\(inject)\"".utf8), at: nameEnd)
        }
        do {
            let document = try XMLDocument.parse(bytes, limits: XMLLimits.default.with(maxBytes: 64 << 20))
            guard let root = document.root else { throw Failure.unparsable("empty fragment") }
            return try root.canonicalized(.inclusive10)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.unparsable("\(error)")
        }
    }

    private static func startTagEnd(_ bytes: [UInt8]) -> Int? {
        var quote: UInt8?
        for (index, byte) in bytes.enumerated() {
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == 0x3E {
                return index
            }
        }
        return nil
    }

    /// True when the start tag has an attribute named exactly `xmlns` (not `xmlns:p`).
    private static func declaresDefaultNamespace(_ tag: ArraySlice<UInt8>) -> Bool {
        let name = Array("xmlns".utf8)
        var index = tag.startIndex
        while index + name.count < tag.endIndex {
            if [0x20, 0x09, 0x0A, 0x0D].contains(tag[index]), tag[(index + 1)...].starts(with: name) {
                var after = index + 1 + name.count
                while after < tag.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(tag[after]) { after += 1 }
                if after < tag.endIndex, tag[after] == 0x3D { return true }
            }
            index += 1
        }
        return false
    }
}
