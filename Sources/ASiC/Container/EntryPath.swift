/// Entry names and manifest paths taken apart on the byte `/`, as file systems and other
/// readers do. Never by `Character`: Swift joins a combining mark to the character before it, so
/// `"../\u{301}x"` is one character-wise segment, `"../́x"`, that is not `..`, while a file system
/// sees `..` and `́x`. Every rule that refuses unsafe names, and the extractor, use these.
public enum EntryPath {
    /// The segments between `/` bytes; empty ones kept unless `omittingEmpty`.
    public static func segments(_ name: String, omittingEmpty: Bool = false) -> [String] {
        Array(name.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: omittingEmpty)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// `.` or `..`, byte for byte.
    public static func isDotSegment(_ segment: String) -> Bool {
        segment.utf8.elementsEqual(".".utf8) || segment.utf8.elementsEqual("..".utf8)
    }

    public static func startsWithSlash(_ name: String) -> Bool { name.utf8.first == UInt8(ascii: "/") }
    public static func endsWithSlash(_ name: String) -> Bool { name.utf8.last == UInt8(ascii: "/") }
}
