import Findings
import Foundation
import PKI
import TestSupport
import Testing
import Trust
@testable import Validation

/// ASiC-S with a time-stamp token and an ASiCArchiveManifest chain, made with `openssl ts`.
@Suite("ASiC-S time-stamps and archive manifests")
struct ASiCSArchiveTests {
    func container(tamperManifest: Bool) throws -> (String, TestPKI) {
        let pki = try TestPKI()
        let dir = try scratchFolder()
        try write("the archived document\n", to: dir + "/data.txt")
        let first = try pki.timestamp(dir + "/data.txt")
        try write(first, to: dir + "/timestamp.tst")
        let dataDigest = Digest.hash(Array("the archived document\n".utf8), .sha256)
        let tokenDigest = Digest.hash(first, .sha256)
        let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">\
        <asic:SigReference URI="META-INF/timestamp002.tst" MimeType="application/vnd.etsi.timestamp-token"/>\
        <asic:DataObjectReference URI="data.txt"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>\
        <ds:DigestValue>\(Base64.encode(tamperManifest ? Digest.hash([1, 2, 3], .sha256) : dataDigest))</ds:DigestValue></asic:DataObjectReference>\
        <asic:DataObjectReference URI="META-INF/timestamp.tst"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>\
        <ds:DigestValue>\(Base64.encode(tokenDigest))</ds:DigestValue></asic:DataObjectReference></asic:ASiCManifest>
        """
        try write(manifest, to: dir + "/manifest.xml")
        try write(try pki.timestamp(dir + "/manifest.xml"), to: dir + "/timestamp002.tst")
        let script = """
        import sys, zipfile
        d = sys.argv[2]
        with zipfile.ZipFile(sys.argv[1], 'w') as z:
            z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-s+zip')
            z.write(d + '/data.txt', 'data.txt')
            z.write(d + '/timestamp.tst', 'META-INF/timestamp.tst')
            z.write(d + '/manifest.xml', 'META-INF/ASiCArchiveManifest001.xml')
            z.write(d + '/timestamp002.tst', 'META-INF/timestamp002.tst')
        """
        try tool(["python3", "-c", script, dir + "/archived.asics", dir])
        return (dir + "/archived.asics", pki)
    }

    @Test func theChainValidates() throws {
        let (path, pki) = try container(tamperManifest: false)
        let result = Validator(policy: .dssDefault, store: pki.anchoredStore).validate(path: path)
        #expect(result.error == nil)
        #expect(result.tokens.count == 2)
        #expect(result.tokens.map(\.indication) == [.totalPassed, .totalPassed], "\(result.tokens.flatMap(\.findings).map(\.message))")
        #expect(result.tokens.map(\.token.covered) == ["data.txt", "META-INF/ASiCArchiveManifest001.xml"])
        #expect(result.exitCode == 0)
        // Untrusted TSA: cryptographically fine, but INDETERMINATE.
        let untrusted = Validator(policy: .dssDefault, store: .empty).validate(path: path)
        #expect(untrusted.tokens.map(\.subIndication) == [.noCertificateChainFound, .noCertificateChainFound])
    }

    @Test func aChangedArchivedObjectFailsTheChain() throws {
        let (path, pki) = try container(tamperManifest: true)
        let result = Validator(policy: .dssDefault, store: pki.anchoredStore).validate(path: path)
        #expect(result.tokens.first?.indication == .totalPassed)
        #expect(result.tokens.last?.subIndication == .hashFailure)
        #expect(result.tokens.last?.findings.contains { $0.key == "asic-s.archive-manifest.digest" } == true)
        #expect(result.exitCode == 1)
    }
}
