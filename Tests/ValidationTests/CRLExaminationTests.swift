import Foundation
@testable import PKI
import TestSupport
import Testing
import Trust
@testable import Validation

/// CRLs made by `openssl ca -gencrl` with the test PKI's issuing CA, one property changed at a
/// time: only a complete, direct CRL signed by the certificate's own issuer is acceptable
/// revocation evidence, and what it says about the certificate is read exactly.
@Suite("CRL examination")
struct CRLExaminationTests {
    static let pki = OwnVectors.root + "/pki/"

    /// A CRL of the issuing CA listing `revoked` (certificate names of the test PKI, with reasons),
    /// with `extensions` (openssl config lines) in its crl_ext section, signed by `key`/`cert`.
    static func crl(revoked: [(String, String)] = [], extensions: [String] = [], cert: String = pki + "issuing.pem",
                    key: String = pki + "issuing.key", digest: String = "sha256") throws -> CRL {
        let dir = try scratchFolder()
        var index = ""
        for (name, reason) in revoked {
            let file = name.hasPrefix("/") ? name : pki + name + ".pem"
            let certificate = try #require(TrustAnchors.load(file).first?.certificate)
            let serial = String(decoding: try tool(["openssl", "x509", "-in", file, "-noout", "-serial"]), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "=")[1]
            index += "R\t491231235959Z\t240101000000Z,\(reason)\t\(serial)\tunknown\t/CN=\(certificate.subjectAttribute("CN") ?? "x")\n"
        }
        try write(index, to: dir + "/index.txt")
        try write("01\n", to: dir + "/crlnumber")
        try write("""
            [ca]
            default_ca = this
            [this]
            database = \(dir)/index.txt
            crlnumber = \(dir)/crlnumber
            default_md = \(digest)
            default_crl_days = 7
            [crl_ext]
            authorityKeyIdentifier = keyid:always
            \(extensions.joined(separator: "\n"))
            [idp]
            fullname = URI:http://127.0.0.1/ca.crl
            onlysomereasons = keyCompromise
            [idp_indirect]
            indirectCRL = TRUE
            [idp_indirect_named]
            fullname = URI:http://127.0.0.1/indirect.crl
            indirectCRL = TRUE
            [idp_indirect_elsewhere]
            fullname = URI:http://127.0.0.1/ca.crl
            indirectCRL = TRUE
            [idp_partition_a]
            fullname = URI:http://127.0.0.1/partition-A.crl
            [idp_partition_b]
            fullname = URI:http://127.0.0.1/partition-B.crl
            [idp_relative]
            relativename = idp_relative_name
            [idp_relative_name]
            CN = partition A
            [idp_ca]
            fullname = URI:http://127.0.0.1/ca.crl
            onlyCA = TRUE
            """, to: dir + "/ca.cnf")
        _ = try tool(["openssl", "ca", "-gencrl", "-batch", "-config", dir + "/ca.cnf", "-cert", cert, "-keyfile", key,
                      "-crlexts", "crl_ext", "-out", dir + "/crl.pem"])
        let der = try tool(["openssl", "crl", "-in", dir + "/crl.pem", "-outform", "DER"])
        return try #require(CRL(der: der))
    }

    static func examine(_ crl: CRL, _ subject: String = "signer-p256") throws -> RevocationEvidence {
        CRLExamination.examine(crl, certificate: try OwnVectors.certificate(subject), issuer: try OwnVectors.certificate("issuing"), fetched: false, label: "S0")
    }

    @Test func aPlainCRLAnswersForItsCA() throws {
        let crl = try Self.crl(revoked: [("signer-revoked", "keyCompromise"), ("signer-rsa2048", "certificateHold")])
        #expect(crl.thisUpdate != nil && crl.nextUpdate != nil && crl.scope == CRL.Scope())
        let good = try Self.examine(crl)
        #expect(good.isAcceptable && good.source == .crl && good.status?.status == .good)
        #expect(good.producedAt == crl.thisUpdate)
        let revoked = try Self.examine(crl, "signer-revoked")
        #expect(revoked.isAcceptable && revoked.status?.status == .revoked(time: 1_704_067_200, reason: 1))
        let held = try Self.examine(crl, "signer-rsa2048")
        #expect(held.status?.status == .revoked(time: 1_704_067_200, reason: RevocationChoice.certificateHold))
    }

    /// The issuing CA's name on a CRL signed by another key: not the CA's word.
    @Test func aCRLSignedByAStrangerIsNotAcceptable() throws {
        let dir = try scratchFolder()
        let subject = String(decoding: try tool(["openssl", "x509", "-in", Self.pki + "issuing.pem", "-noout", "-subject", "-nameopt", "compat"]),
                             as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "=", maxSplits: 1)[1]
        _ = try tool(["openssl", "req", "-x509", "-new", "-key", Self.pki + "rogue.key", "-subj", String(subject), "-days", "2",
                      "-out", dir + "/stranger.pem"])
        let evidence = try Self.examine(try Self.crl(cert: dir + "/stranger.pem", key: Self.pki + "rogue.key"))
        #expect(!evidence.isAcceptable && !evidence.responderSigned)
        #expect(evidence.findings.contains { $0.key == "crl.signature-invalid" })
    }

    /// Another CA's CRL says nothing about this certificate (not even "good").
    @Test func anotherCAsCRLDoesNotConcernTheCertificate() throws {
        let evidence = try Self.examine(try Self.crl(cert: Self.pki + "root.pem", key: Self.pki + "root.key"))
        #expect(evidence.status == nil && !evidence.isAcceptable)
    }

    /// A CRL of the CA itself marked indirect still answers for the CA's own certificates (its
    /// entries without a certificateIssuer are the CA's).
    @Test func anIndirectCRLOfTheCAItselfAnswersForItsCertificates() throws {
        let crl = try Self.crl(revoked: [("signer-revoked", "keyCompromise")], extensions: ["issuingDistributionPoint = critical, @idp_indirect"])
        #expect(crl.scope.isIndirect)
        #expect(try Self.examine(crl).isAcceptable && Self.examine(crl).status?.status == .good)
        let revoked = try Self.examine(crl, "signer-revoked")
        #expect(revoked.isAcceptable && revoked.status?.status == .revoked(time: 1_704_067_200, reason: 1))
    }

    /// A certificate of the issuing CA whose CRL distribution point is `uri`, in a scratch folder.
    static func subject(distributionPoint uri: String) throws -> Certificate {
        let dir = try scratchFolder()
        try write("[subject]\nbasicConstraints = CA:false\nkeyUsage = critical,nonRepudiation\ncrlDistributionPoints = URI:\(uri)\n",
                  to: dir + "/ext.cnf")
        _ = try tool(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", dir + "/subject.key"])
        _ = try tool(["openssl", "req", "-new", "-key", dir + "/subject.key", "-subj", "/C=EE/CN=TESTER,PARTITIONED CRL,30001010098",
                      "-out", dir + "/subject.csr"])
        _ = try tool(["openssl", "x509", "-req", "-in", dir + "/subject.csr", "-CA", pki + "issuing.pem", "-CAkey", pki + "issuing.key",
                      "-set_serial", "0x7003", "-days", "30", "-extfile", dir + "/ext.cnf", "-extensions", "subject", "-out", dir + "/subject.pem"])
        return try #require(TrustAnchors.load(dir + "/subject.pem").first?.certificate)
    }

    /// A partition of the CA's CRL (its IssuingDistributionPoint names one point) answers only for
    /// certificates whose distribution point is that one (RFC 5280 §6.3.3 (b)(2)(i)): the partition
    /// that does not list a revoked certificate is no proof that it is good.
    @Test func aPartitionOfTheCAsCRLAnswersOnlyForItsOwnCertificates() throws {
        let partitionA = try Self.crl(extensions: ["issuingDistributionPoint = critical, @idp_partition_a"])
        #expect(partitionA.scope.distributionPoint?.shown == "http://127.0.0.1/partition-A.crl")
        let issuer = try OwnVectors.certificate("issuing")
        let inA = try Self.subject(distributionPoint: "http://127.0.0.1/partition-A.crl")
        let covered = CRLExamination.examine(partitionA, certificate: inA, issuer: issuer, fetched: false, label: "S0")
        #expect(covered.isAcceptable && covered.status?.status == .good, "\(covered.findings.map(\.message))")
        // The revoked signer has no distribution point: partition A says nothing about it.
        let revoked = try Self.examine(partitionA, "signer-revoked")
        #expect(!revoked.isAcceptable)
        #expect(revoked.findings.contains { $0.key == "crl.unusable" && $0.message.contains("partition-A.crl") })
        // Another partition does not speak for a certificate of partition A.
        let partitionB = try Self.crl(extensions: ["issuingDistributionPoint = critical, @idp_partition_b"])
        #expect(!CRLExamination.examine(partitionB, certificate: inA, issuer: issuer, fetched: false, label: "S0").isAcceptable)
        // A point named relative to the CRL issuer is not compared (this reader does not build the
        // full name): it matches no certificate's point, never every one.
        let relative = try Self.crl(extensions: ["issuingDistributionPoint = critical, @idp_relative"])
        #expect(relative.scope.distributionPoint?.fullNames == [])
        #expect(!CRLExamination.examine(relative, certificate: inA, issuer: issuer, fetched: false, label: "S0").isAcceptable)
        // The CA's whole CRL (no point named) still answers for both.
        let whole = try Self.crl(revoked: [("signer-revoked", "keyCompromise")])
        #expect(CRLExamination.examine(whole, certificate: inA, issuer: issuer, fetched: false, label: "S0").isAcceptable)
        #expect(try Self.examine(whole, "signer-revoked").status?.status == .revoked(time: 1_704_067_200, reason: 1))
    }

    /// Delta, partial-reason and CA-only CRLs are not a complete answer for an end-entity
    /// certificate, and an unknown critical extension forbids the CRL's use (RFC 5280 §5.2).
    @Test(arguments: [
        ["2.5.29.27 = critical, ASN1:INTEGER:1"],
        ["issuingDistributionPoint = critical, @idp"],
        ["issuingDistributionPoint = critical, @idp_ca"],
        ["1.3.6.1.4.1.99999.7 = critical, ASN1:NULL"],
    ])
    func incompleteCRLsAreNotAcceptable(extensions: [String]) throws {
        let evidence = try Self.examine(try Self.crl(extensions: extensions))
        #expect(!evidence.isAcceptable, "\(extensions)")
        #expect(evidence.findings.contains { $0.key == "crl.unusable" }, "\(extensions)")
    }

    /// The CRL's own signature algorithm counts: a SHA-1 CRL is refused where the policy no longer
    /// accepts SHA-1 (DSS's default since 2012), kept where it does (the Estonian policy).
    @Test func aCRLSignedWithAnExpiredDigestIsNotAcceptable() throws {
        let sha1 = try Self.crl(digest: "sha1")
        #expect(CRL.signatureDigest(der: sha1.der) == .sha1)
        let examined = try Self.examine(sha1)
        #expect(examined.isAcceptable)
        let refused = examined.checkingAlgorithms(.dssDefault, at: 1_800_000_000, label: "S0")
        #expect(!refused.isAcceptable && refused.findings.contains { $0.key == "revocation.algorithm-not-acceptable" })
        #expect(examined.checkingAlgorithms(.ee, at: 1_800_000_000, label: "S0").isAcceptable)
        let sha384 = try Self.examine(try Self.crl(digest: "sha384"))
        #expect(CRL.signatureDigest(der: try #require(sha384.der)) == .sha384)
        #expect(sha384.checkingAlgorithms(.dssDefault, at: 1_800_000_000, label: "S0").isAcceptable)
    }

    /// Not a CRL at all: no answer, a finding, no crash.
    @Test func garbageIsNoCRL() throws {
        #expect(CRL(der: [0x30, 0x03, 0x02, 0x01, 0x00]) == nil)
        let evidence = CRLExamination.examine(nil, certificate: try OwnVectors.certificate("signer-p256"), issuer: try OwnVectors.certificate("issuing"),
                                              fetched: false, label: "S0")
        #expect(!evidence.isAcceptable && evidence.findings.contains { $0.key == "crl.malformed" })
    }
}
