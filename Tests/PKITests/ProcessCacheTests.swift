import Foundation
@testable import PKI
import TestSupport
import Testing

/// The process-wide caches of chain checks and parsed tokens answer exactly what doing the work
/// again would: a chain checked while valid is not "valid" at a time it has expired, other
/// anchors are another question, and a token differing in one byte is another token.
@Suite("Process caches")
struct ProcessCacheTests {
    @Test func aChainCheckIsNeverCarriedToATimeOfOtherValidity() throws {
        let signer = try TrustAnchorsFree.certificate("signer-p256")
        let issuing = try TrustAnchorsFree.certificate("issuing")
        let inside = signer.notBefore + (signer.notAfter - signer.notBefore) / 2
        #expect(ChainBuilder.check(signer, intermediates: [], anchors: [issuing], at: inside).isValid)
        // Asked again a moment later: the cached answer, and the same one.
        let later = ChainBuilder.check(signer, intermediates: [], anchors: [issuing], at: inside + 3600)
        #expect(later.isValid && later.chain == [signer, issuing])
        #expect(ChainCheckCache.key(signer, intermediates: [], anchors: [issuing], at: inside)
            == ChainCheckCache.key(signer, intermediates: [], anchors: [issuing], at: inside + 3600))
        // After the signer expired, and before it was issued: not the valid answer of before.
        #expect(ChainBuilder.check(signer, intermediates: [], anchors: [issuing], at: signer.notAfter + 10).error == .expired)
        #expect(ChainBuilder.check(signer, intermediates: [], anchors: [issuing], at: signer.notBefore - 10).error == .notYetValid)
        // At a bound itself nothing is cached (OpenSSL's rules decide there, every time).
        for bound in [signer.notBefore, signer.notAfter, issuing.notAfter] {
            #expect(ChainCheckCache.key(signer, intermediates: [], anchors: [issuing], at: bound) == nil)
        }
    }

    @Test func otherAnchorsOrIntermediatesAreAnotherQuestion() throws {
        let signer = try TrustAnchorsFree.certificate("signer-p256")
        let issuing = try TrustAnchorsFree.certificate("issuing")
        let root = try TrustAnchorsFree.certificate("root")
        let rogue = try TrustAnchorsFree.certificate("rogue")
        let time = signer.notBefore + 86400
        #expect(ChainBuilder.check(signer, intermediates: [], anchors: [issuing], at: time).isValid)
        // The same leaf against a rogue anchor, and against the root without the issuing CA.
        #expect(ChainBuilder.check(signer, intermediates: [], anchors: [rogue], at: time).error == .noIssuer)
        #expect(ChainBuilder.check(signer, intermediates: [], anchors: [root], at: time).error == .noIssuer)
        // With the issuing CA as an intermediate under the root: a longer chain, found.
        let viaRoot = ChainBuilder.check(signer, intermediates: [issuing], anchors: [root], at: time)
        #expect(viaRoot.isValid && viaRoot.chain == [signer, issuing, root])
        #expect(ChainCheckCache.key(signer, intermediates: [], anchors: [issuing, rogue], at: time)
            != ChainCheckCache.key(signer, intermediates: [], anchors: [rogue, issuing], at: time))
    }

    @Test func aParsedTokenIsSharedOnlyByItsOwnBytes() throws {
        let unzip = try Subprocess.run(["unzip", "-p", OwnVectors.root + "/containers/asics-timestamp.asics", "META-INF/timestamp.tst"])
        let der = unzip.stdout
        try #require(unzip.status == 0 && der.count > 100)
        let first = try #require(TimeStampToken.parsed(der))
        #expect(TimeStampToken.parsed(der) === first)
        #expect(first.verifySignature() == .valid)
        // One byte of the signature changed: parsed on its own, and it does not verify.
        var changed = der
        changed[changed.count - 10] ^= 0x01
        let other = try #require(TimeStampToken.parsed(changed))
        #expect(other !== first)
        #expect(other.verifySignature() != .valid)
        // Bytes that are no token are not remembered as one.
        #expect(TimeStampToken.parsed(Array(der.prefix(40))) == nil)
        #expect(TimeStampToken.parsed(Array(der.prefix(40))) == nil)
    }

    /// A chain OpenSSL accepted teaches the issuance cache its links, so a later `isIssued` does
    /// not verify them again; a chain it refused teaches nothing, and a forged signature is never
    /// taken for a verified link. The pair is made here, so no other test can have cached it.
    @Test func verifiedChainsTeachTheirLinksAndRefusedOnesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let steps = [
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
             "-subj", "/CN=Links CA", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"],
            ["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=Links leaf"],
            ["openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "10", "-outform", "DER", "-out", "leaf.der"],
            ["openssl", "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"],
        ]
        for step in steps { try #require(try Subprocess.run(step, cwd: folder).status == 0, "\(step)") }
        let leaf = try #require(Certificate(der: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/leaf.der")))))
        let ca = try #require(Certificate(der: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/ca.der")))))
        var forgedDER = leaf.der
        forgedDER[forgedDER.count - 5] ^= 0x01
        let forged = try #require(Certificate(der: forgedDER))
        let time = leaf.notBefore + 86400

        #expect(IssuanceCache.shared.known(subject: leaf, issuer: ca) == nil)
        #expect(ChainBuilder.check(forged, intermediates: [], anchors: [ca], at: time).error == .badSignature)
        #expect(IssuanceCache.shared.known(subject: forged, issuer: ca) == nil)
        #expect(!forged.isIssued(by: ca))
        #expect(IssuanceCache.shared.known(subject: forged, issuer: ca) == false)

        #expect(ChainBuilder.check(leaf, intermediates: [], anchors: [ca], at: time).isValid)
        #expect(IssuanceCache.shared.known(subject: leaf, issuer: ca) == true)
        #expect(leaf.isIssued(by: ca) && !ca.isIssued(by: leaf))
        // The naming check is still asked every time: a learnt signature makes no other pair issued.
        #expect(!leaf.isIssued(by: leaf) && !forged.isIssued(by: ca))
    }
}
