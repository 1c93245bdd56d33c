import Foundation
@testable import PKI
import TestSupport
import Testing

/// P-384 ECDSA through nettle says what OpenSSL says: the same keys, digests and values, valid and
/// broken (bits flipped in r, s and the data, r and s swapped, zero, the order n and n + 1, the
/// other valid value n − s, another key's value), compared case by case, empty data included.
/// SHA-1 and keys of other curves or encodings never reach nettle. If nettle refused what it
/// should accept, or accepted what OpenSSL refuses, the counts below would differ.
@Suite("P-384 ECDSA through nettle")
struct P384VerificationTests {
    /// The order of P-384.
    static let order = hex("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")
    static let digests: [String] = ["ecdsa-sha224", "ecdsa-sha256", "ecdsa-sha384", "ecdsa-sha512",
                                    "ecdsa-sha3-256", "ecdsa-sha3-384", "ecdsa-sha3-512"]

    static func key(_ curve: String, in dir: String, _ index: Int) throws -> PrivateKey {
        let path = dir + "/\(curve)-\(index).pem"
        _ = try tool(["openssl", "ecparam", "-name", curve, "-genkey", "-noout", "-out", path])
        return try PrivateKey.pem(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    static func algorithm(_ name: String) throws -> SignatureAlgorithm {
        let namespace = name.hasPrefix("ecdsa-sha3-") ? "http://www.w3.org/2021/04/xmldsig-more#" : "http://www.w3.org/2001/04/xmldsig-more#"
        return try #require(SignatureAlgorithm(uri: namespace + name))
    }

    /// A new P-384 key, the algorithm `name`, 100 random bytes and their signature value.
    static func sample(_ name: String) throws -> (key: PrivateKey, algorithm: SignatureAlgorithm, data: [UInt8], raw: [UInt8]) {
        let key = try Self.key("secp384r1", in: try scratchFolder(), 0)
        let algorithm = try Self.algorithm(name)
        let data = randomBytes(100)
        return (key, algorithm, data, try #require(key.sign(data, algorithm: algorithm)))
    }

    /// Every value a test case tries for one valid signature.
    static func variants(of raw: [UInt8], data: [UInt8], other: [UInt8]) -> [(String, [UInt8], [UInt8])] {
        let r = Array(raw[..<48]), s = Array(raw[48...])
        var cases: [(String, [UInt8], [UInt8])] = [("valid", raw, data)]
        var flipped = raw
        flipped[Int.random(in: 0..<48)] ^= 1 << UInt8.random(in: 0..<8)
        cases.append(("bit in r", flipped, data))
        flipped = raw
        flipped[Int.random(in: 48..<96)] ^= 1 << UInt8.random(in: 0..<8)
        cases.append(("bit in s", flipped, data))
        var changed = data.isEmpty ? [0] : data
        if !data.isEmpty { changed[Int.random(in: 0..<changed.count)] ^= 0x01 }
        cases.append(("bit in the data", raw, changed))
        let zero = [UInt8](repeating: 0, count: 48), ones = [UInt8](repeating: 0xFF, count: 48)
        let one = Array(zero.dropLast()) + [1]
        cases += [("r and s swapped", s + r, data), ("r = 0", zero + s, data), ("s = 0", r + zero, data),
                  ("r = n", order + s, data), ("s = n", r + order, data), ("r = n + 1", add(order, one) + s, data),
                  ("r, s all ones", ones + ones, data), ("s = n - s", r + subtract(order, s), data),
                  ("another key's value", other, data)]
        return cases
    }

    @Test func nettleAgreesWithOpenSSLCaseByCase() throws {
        let dir = try scratchFolder()
        var compared = 0, accepted = 0, refused = 0, disagreements: [String] = []
        let keys = try (0..<6).map { try Self.key("secp384r1", in: dir, $0) }
        for (index, key) in keys.enumerated() {
            let publicKey = key.publicKey
            #expect(publicKey.p384Point?.count == 97)
            let otherKey = keys[(index + 1) % keys.count]
            for name in Self.digests {
                let algorithm = try Self.algorithm(name)
                for size in [0, 1, 64, 1_000] {
                    let data = size == 0 ? [] : randomBytes(size)
                    let raw = try #require(key.sign(data, algorithm: algorithm))
                    let other = try #require(otherKey.sign(data, algorithm: algorithm))
                    for (label, value, signed) in Self.variants(of: raw, data: data, other: other) {
                        let nettle = P384Verification.verifies(value, over: signed, key: publicKey, digest: algorithm.digest)
                        let openSSL = SignatureVerifier.ecdsaDER(fromRaw: value).map {
                            SignatureVerifier.verifyRaw($0, signed, publicKey, algorithm)
                        } ?? false
                        compared += 1
                        if nettle { accepted += 1 } else { refused += 1 }
                        if nettle != openSSL { disagreements.append("\(name), \(label): nettle \(nettle), OpenSSL \(openSSL)") }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, the first: \(disagreements.prefix(5))")
        // Each key, digest and size: the valid value and n − s verify; the eleven others do not.
        #expect(compared == 6 * 7 * 4 * 13)
        #expect(accepted == 6 * 7 * 4 * 2)
        #expect(refused == compared - accepted)
    }

    /// The verifier's answer is unchanged: valid, invalid, and r‖s of the wrong length unsupported.
    @Test func theVerifierAnswersAsBefore() throws {
        let (key, algorithm, data, signed) = try Self.sample("ecdsa-sha384")
        var raw = signed
        var notes = SignatureVerifier.Notes()
        #expect(SignatureVerifier.verify(raw, over: data, key: key.publicKey, algorithm: algorithm, notes: &notes) == .valid)
        raw[5] ^= 0x80
        guard case .invalid = SignatureVerifier.verify(raw, over: data, key: key.publicKey, algorithm: algorithm, notes: &notes) else {
            Issue.record("a broken P-384 value did not come back invalid")
            return
        }
        guard case .unsupported = SignatureVerifier.verify(Array(raw.prefix(95)), over: data, key: key.publicKey, algorithm: algorithm,
                                                           notes: &notes) else {
            Issue.record("an odd-length value did not come back unsupported")
            return
        }
    }

    /// Keys of other curves take OpenSSL's path alone; P-384 keys written with a compressed point
    /// or explicit curve parameters verify as before, whichever path they take.
    @Test func otherCurvesNeverReachNettle() throws {
        let dir = try scratchFolder()
        for curve in ["prime256v1", "secp521r1", "brainpoolP384r1"] {
            let key = try Self.key(curve, in: dir, 0)
            #expect(key.publicKey.p384Point == nil, "\(curve)")
            let algorithm = try Self.algorithm("ecdsa-sha384")
            let data = randomBytes(100)
            let raw = try #require(key.sign(data, algorithm: algorithm))
            #expect(!P384Verification.verifies(raw, over: data, key: key.publicKey, digest: .sha384), "\(curve)")
            var notes = SignatureVerifier.Notes()
            #expect(SignatureVerifier.verify(raw, over: data, key: key.publicKey, algorithm: algorithm, notes: &notes) == .valid, "\(curve)")
        }
        for encoding in [["-conv_form", "compressed"], ["-param_enc", "explicit"]] {
            let path = dir + "/p384-\(encoding[1]).pem"
            _ = try tool(["openssl", "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", path] + encoding)
            let key = try PrivateKey.pem(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            if let point = key.publicKey.p384Point { #expect(point.count == 97 && point[0] == 4, "\(encoding)") }
            let algorithm = try Self.algorithm("ecdsa-sha384")
            let data = randomBytes(100)
            var raw = try #require(key.sign(data, algorithm: algorithm))
            var notes = SignatureVerifier.Notes()
            #expect(SignatureVerifier.verify(raw, over: data, key: key.publicKey, algorithm: algorithm, notes: &notes) == .valid, "\(encoding)")
            raw[70] ^= 1
            #expect(SignatureVerifier.verify(raw, over: data, key: key.publicKey, algorithm: algorithm, notes: &notes) != .valid, "\(encoding)")
        }
    }

    /// SHA-1 is OpenSSL's to accept or refuse (a system policy may forbid it): nettle never answers.
    @Test func sha1NeverReachesNettle() throws {
        let (key, algorithm, data, raw) = try Self.sample("ecdsa-sha1")
        #expect(!P384Verification.verifies(raw, over: data, key: key.publicKey, digest: .sha1))
        #expect(SignatureVerifier.ecdsaDER(fromRaw: raw).map { SignatureVerifier.verifyRaw($0, data, key.publicKey, algorithm) } == true)
    }
}

private func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}

/// a + b as 48 bytes (the callers' sums fit).
private func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 48), carry = 0
    for i in (0..<48).reversed() {
        let sum = Int(a[i]) + Int(b[i]) + carry
        out[i] = UInt8(sum & 0xFF)
        carry = sum >> 8
    }
    return out
}

/// a − b for a ≥ b, as 48 bytes.
private func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 48), borrow = 0
    for i in (0..<48).reversed() {
        var difference = Int(a[i]) - Int(b[i]) - borrow
        borrow = difference < 0 ? 1 : 0
        if borrow == 1 { difference += 256 }
        out[i] = UInt8(difference)
    }
    return out
}
