/// One of `count` slices of a batch (`asic validate --shard I/N`), chosen by a stable hash of each
/// input's path as shown, so that N machines (an indexed job, an array job, GNU parallel) split
/// one archive with no coordinator and no shared state: every path falls in exactly one slice.
///
/// The hash is 64-bit FNV-1a over the path's UTF-8 bytes, never Swift's `Hasher`, which is seeded
/// anew in every process and would send a file to a different slice on every machine.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// The slice taken, 0-based: `0..<count`.
    public let index: Int
    /// How many slices the batch is cut into (at least 1).
    public let count: Int

    /// Why a `--shard` value was refused (the value itself is not repeated: the caller quotes it).
    public struct SyntaxError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A slice; nil unless `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses "I/N" (decimal, 0-based I below N).
    public init(parsing text: String) throws(SyntaxError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        // Digits only: Int("+1") and Int(" 1") would accept what a typo more likely is.
        func number(_ part: Substring) -> Int? { part.allSatisfy { $0.isASCII && $0.isNumber } ? Int(part) : nil }
        guard parts.count == 2, let index = number(parts[0]), let count = number(parts[1]) else {
            throw SyntaxError(description: "not I/N: two whole numbers, such as 0/4 for the first of 4 shards")
        }
        guard count >= 1 else { throw SyntaxError(description: "the number of shards must be at least 1") }
        guard let shard = Shard(index: index, count: count) else {
            throw SyntaxError(description: count == 1 ? "the only shard of 1 is 0/1" : "the shards of \(count) are numbered 0 to \(count - 1)")
        }
        self = shard
    }

    /// "I/N".
    public var description: String { "\(index)/\(count)" }

    /// Whether the input shown as `path` belongs to this slice.
    public func contains(_ path: String) -> Bool {
        Int(Self.hash(path) % UInt64(count)) == index
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: the same on every machine, every run and every build.
    public static func hash(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
