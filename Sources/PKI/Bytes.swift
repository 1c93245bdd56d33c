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

    /// Whether the UTF-8 of `text` starts with the UTF-8 of `prefix` (`memcmp`; nil when either is
    /// not stored contiguously, which the caller answers the slow way).
    public static func utf8(of text: String, startsWith prefix: String) -> Bool? {
        text.utf8.withContiguousStorageIfAvailable { whole in
            prefix.utf8.withContiguousStorageIfAvailable { head in
                head.count <= whole.count && (head.isEmpty || memcmp(whole.baseAddress!, head.baseAddress!, head.count) == 0)
            }
        } ?? nil
    }

    /// Whether the bytes of `needle` occur in `haystack` (`memchr` and `memcmp` on contiguous bytes, copied
    /// once when they are not).
    @inlinable
    public static func contains(_ haystack: some Collection<UInt8>, _ needle: StaticString) -> Bool {
        if let found = haystack.withContiguousStorageIfAvailable({ find(UnsafeRawBufferPointer($0), needle) }) { return found }
        return Array(haystack).withUnsafeBytes { find($0, needle) }
    }

    @usableFromInline
    static func find(_ haystack: UnsafeRawBufferPointer, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        guard haystack.count >= count, let base = haystack.baseAddress else { return false }
        let first = Int32(needle.utf8Start.pointee)
        var start = 0
        let last = haystack.count - count  // the last place the needle can start
        while start <= last, let hit = memchr(base + start, first, last - start + 1) {
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needle.utf8Start, count) == 0 { return true }
            start = offset + 1
        }
        return false
    }

    /// Whether every byte is ASCII: there each byte is one character, so a byte search answers
    /// as a character-wise `contains` would.
    /// Inlinable, so that each caller gets it specialized: unspecialized, the generic walk cost
    /// about 70 instructions a byte (a sixth of a container's non-crypto time went to two callers).
    @inlinable
    public static func isASCII(_ bytes: some Sequence<UInt8>) -> Bool {
        if let ascii = bytes.withContiguousStorageIfAvailable({ isASCII(UnsafeRawBufferPointer($0)) }) { return ascii }
        return bytes.allSatisfy { $0 < 0x80 }
    }

    /// The high bits of all bytes OR-ed together, eight at a time.
    @usableFromInline
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= bytes.count {
            high |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(bytes[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
