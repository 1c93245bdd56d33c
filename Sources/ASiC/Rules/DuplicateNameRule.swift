import Findings

/// Two entries with the same name let different readers pick different bytes: exact duplicates
/// are refused (libdigidocpp, digidoc4j); names equal after Unicode normalisation (NFC/NFD)
/// or case folding are errors (SiVa requires case-insensitive uniqueness; macOS writes NFD).
public struct DuplicateNameRule: ContainerRule {
    public init() {}

    public func check(_ container: ContainerContext) -> [Finding] {
        var findings: [Finding] = []
        var exact = Set<[UInt8]>()
        // Swift String equality and hashing follow canonical equivalence, so NFC and NFD collide.
        var canonical: [String: [UInt8]] = [:]
        var folded: [String: String] = [:]
        for entry in container.archive.entries {
            // The name as shown is made only for a finding (escaping walks every character).
            var shown: String { EntryNameRule.escaped(entry.name) }
            guard exact.insert(entry.rawName).inserted else {
                findings.append(.fatal("zip.name.duplicate", "entry \"\(shown)\" occurs more than once", subject: shown))
                continue
            }
            if let other = canonical[entry.name] {
                findings.append(.error("zip.name.duplicate-unicode",
                                       "entry \"\(shown)\" differs from another entry only in Unicode normalisation (bytes \(hex(other)) vs \(hex(entry.rawName)))",
                                       subject: shown))
                continue
            }
            canonical[entry.name] = entry.rawName
            let key = entry.name.lowercased()
            if let other = folded[key] {
                findings.append(.error("zip.name.duplicate-case",
                                       "entries \"\(EntryNameRule.escaped(other))\" and \"\(shown)\" differ only in letter case",
                                       subject: shown))
            } else {
                folded[key] = entry.name
            }
        }
        return findings
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
