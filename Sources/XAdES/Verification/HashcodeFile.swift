import PKI

/// A data file given by name and digests only (SiVa's `validateHashcode`): references to it are
/// checked against these digests; anything that needs its bytes (a transform, an archive
/// time-stamp over it) cannot be checked and fails.
public struct HashcodeFile: Sendable {
    public let name: String
    public let digests: [DigestAlgorithm: [UInt8]]

    public init(name: String, digests: [DigestAlgorithm: [UInt8]]) {
        self.name = name
        self.digests = digests
    }
}
