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
}
