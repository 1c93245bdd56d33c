#if canImport(Glibc)
import Glibc
#endif

/// Byte comparisons the parsers and caches share. `[UInt8]`'s `==` compares element by element
/// and `String.contains` goes through the generic string-processing searcher; both showed in
/// profiles of every container (DER keys compared, entry names searched).
public enum Bytes {
    /// Whether `lhs` and `rhs` hold the same bytes (`memcmp`).
    public static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 }
        }
    }

    /// Whether the bytes of `needle` occur in `haystack`.
    public static func contains(_ haystack: some Collection<UInt8>, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard pattern.count > 0 else { return true }
        let bytes = Array(haystack)
        guard bytes.count >= pattern.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            (0...(bytes.count - pattern.count)).contains { start in
                bytes[start] == pattern[0] && (1..<pattern.count).allSatisfy { bytes[start + $0] == pattern[$0] }
            }
        }
    }

    /// Whether every byte is ASCII: there each byte is one character, so a byte search answers
    /// as a character-wise `contains` would.
    public static func isASCII(_ bytes: some Sequence<UInt8>) -> Bool { bytes.allSatisfy { $0 < 0x80 } }
}
