import Findings

/// The Info-ZIP Unicode Path extra field (0x7075: version, CRC-32 of the header name, a UTF-8
/// name). Tools that honour it (Info-ZIP unzip, 7-Zip) extract the entry under that name instead
/// of the one in the header, so a field naming anything else lets two readers see two containers:
/// the bytes signed as `contract.txt` written to disk as `annex.csv`. A field that repeats the
/// entry's own name is harmless.
enum UnicodePathField {
    static let id: UInt16 = 0x7075

    /// Findings for Unicode Path fields in `extra` (central or local) that name another file than
    /// `entry`, or that cannot be read.
    static func check(_ extra: [UInt8], of entry: ZipEntry, where header: String) -> [Finding] {
        var findings: [Finding] = []
        let shown = EntryNameRule.escaped(entry.name)
        func unreadable() {
            findings.append(.error("zip.name.unicode-path", "entry \"\(shown)\" has an unreadable Unicode Path extra field in its \(header)",
                                   subject: shown))
        }
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.u16(at), length = Int(extra.u16(at + 2))
            let body = at + 4
            // A field running past the extra data: a reader that trusts its length would read on.
            guard body + length <= extra.count else {
                if id == Self.id { unreadable() }
                break
            }
            if id == Self.id {
                // version 1, then the CRC-32 of the header name, then the name itself.
                if length < 5 || extra[body] != 1 {
                    unreadable()
                } else {
                    // Byte for byte: a name that is only canonically equal (NFC against NFD) is another file name on disk.
                    let named = extra[(body + 5)..<(body + length)]
                    if !named.elementsEqual(entry.name.utf8) {
                        let other = String(decoding: named, as: UTF8.self)
                        findings.append(.error("zip.name.unicode-path",
                                               "entry \"\(shown)\" has a Unicode Path extra field in its \(header) naming \"\(EntryNameRule.escaped(other))\": tools that read it extract the entry under that name",
                                               subject: shown))
                    }
                }
            }
            at = body + length
        }
        return findings
    }
}
