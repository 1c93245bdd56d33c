import PKI
import TestSupport
import Testing

/// Every digest algorithm, through the implementations fetched once per process, agrees with
/// `openssl dgst` on the same bytes, fed whole or in pieces, and again on a second use (the
/// fetched implementation is shared, never consumed).
@Suite("Digests")
struct DigestTests {
    @Test func everyAlgorithmAgreesWithOpenSSLDgst() throws {
        let dir = try scratchFolder()
        let bytes = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try write(bytes, to: dir + "/data")
        let names: [DigestAlgorithm: String] = [.sha1: "sha1", .sha224: "sha224", .sha256: "sha256", .sha384: "sha384", .sha512: "sha512",
                                                .sha3_256: "sha3-256", .sha3_384: "sha3-384", .sha3_512: "sha3-512"]
        for algorithm in DigestAlgorithm.allCases {
            let name = try #require(names[algorithm])
            let output = String(decoding: try tool(["openssl", "dgst", "-" + name, "-r", dir + "/data"]), as: UTF8.self)
            let expected = String(output.prefix { $0 != " " })
            #expect(Digest.hash(bytes, algorithm).hexString == expected, "\(algorithm)")
            let pieces = Digest(algorithm)
            for chunk in stride(from: 0, to: bytes.count, by: 777) { pieces.update(Array(bytes[chunk..<min(chunk + 777, bytes.count)])) }
            #expect(pieces.finalize().hexString == expected, "\(algorithm) in pieces")
            #expect(Digest.hash(bytes, algorithm).hexString == expected, "\(algorithm) again")
        }
    }
}
