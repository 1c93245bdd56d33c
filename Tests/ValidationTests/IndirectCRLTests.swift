import Foundation
@testable import PKI
import TestSupport
import Testing
import Trust
@testable import Validation

/// Indirect CRLs (RFC 5280 §5.2.5): a CRL issuer other than the CA speaks for a certificate only
/// when that certificate's distribution point names it (cRLIssuer), the CRL is marked indirect, and
/// the CRL issuer's certificate is entitled: cRLSign, certified by the same trusted CA and shown
/// unrevoked by the CA's own CRL. Each test takes one of these away.
@Suite("Indirect CRLs")
struct IndirectCRLTests {
    static let pki = CRLExaminationTests.pki
    static let issuerDN = "/C=EE/O=asic test/CN=asic Test CRL Issuer"

    /// A CRL-issuer certificate and a subject certificate whose distribution point names it, both
    /// issued by the test PKI's issuing CA (or by `ca`), in a scratch folder.
    struct Material {
        let dir: String
        var crlIssuer: String { dir + "/crl-issuer.pem" }
        var crlIssuerKey: String { dir + "/crl-issuer.key" }
        var subject: String { dir + "/subject.pem" }
    }

    static func material(crlIssuerUsage: String = "critical,cRLSign,digitalSignature", ca: String = "issuing") throws -> Material {
        let dir = try scratchFolder()
        try write("""
            [crl_issuer]
            basicConstraints = CA:false
            keyUsage = \(crlIssuerUsage)
            [subject]
            basicConstraints = CA:false
            keyUsage = critical,nonRepudiation
            crlDistributionPoints = dp
            [dp]
            fullname = URI:http://127.0.0.1/indirect.crl
            CRLissuer = dirName:crl_issuer_dn
            [crl_issuer_dn]
            C = EE
            O = asic test
            CN = asic Test CRL Issuer
            """, to: dir + "/ext.cnf")
        for (name, subject, section, serial, signer) in [("crl-issuer", issuerDN, "crl_issuer", "0x7001", ca),
                                                         ("subject", "/C=EE/CN=TESTER,DELEGATED CRL,30001010099", "subject", "0x7002", "issuing")] {
            _ = try tool(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", dir + "/\(name).key"])
            _ = try tool(["openssl", "req", "-new", "-key", dir + "/\(name).key", "-subj", subject, "-out", dir + "/\(name).csr"])
            _ = try tool(["openssl", "x509", "-req", "-in", dir + "/\(name).csr", "-CA", pki + signer + ".pem", "-CAkey", pki + signer + ".key",
                          "-set_serial", serial, "-days", "30", "-extfile", dir + "/ext.cnf", "-extensions", section, "-out", dir + "/\(name).pem"])
        }
        return Material(dir: dir)
    }

    static func certificate(_ file: String) throws -> Certificate { try #require(TrustAnchors.load(file).first?.certificate) }

    /// Examines `crl` about the material's subject with the own test trust, the CRL issuer's
    /// certificate in the pool, and `others` as the rest of the evidence.
    static func examine(_ crl: CRL, _ material: Material, others: [CRL] = [], subject: String? = nil) throws -> RevocationEvidence {
        let set = try OwnVectors.load(variant: nil)
        let store = TrustStore(services: set.services, anchors: [])
        let pool = [try certificate(material.crlIssuer), try certificate(pki + "issuing.pem")]
        let authority = IndirectCRLAuthority(store: store, pool: pool, crls: [crl] + others)
        return CRLExamination.examine(crl, certificate: try certificate(subject ?? material.subject), issuer: try certificate(pki + "issuing.pem"),
                                      fetched: false, label: "S0", indirect: authority)
    }

    static func indirectCRL(_ material: Material, revoked: [(String, String)] = [], marked: Bool = true,
                            point: String = "idp_indirect_named") throws -> CRL {
        try CRLExaminationTests.crl(revoked: revoked, extensions: marked ? ["issuingDistributionPoint = critical, @\(point)"] : [],
                                    cert: material.crlIssuer, key: material.crlIssuerKey)
    }

    /// The CA's own CRL, which shows the CRL issuer's certificate unrevoked.
    static func caCRL() throws -> CRL { try CRLExaminationTests.crl(revoked: [("signer-revoked", "keyCompromise")]) }

    @Test func anEntitledIndirectCRLAnswers() throws {
        let material = try Self.material()
        // The subject's serial listed without a certificateIssuer is the CRL issuer's own certificate: not ours.
        let crl = try Self.indirectCRL(material, revoked: [(material.subject, "keyCompromise")])
        let evidence = try Self.examine(crl, material, others: [try Self.caCRL()])
        #expect(evidence.isAcceptable && evidence.status?.status == .good, "\(evidence.findings.map(\.message))")
        #expect(evidence.trustedBy?.contains("indirect CRL issuer") == true)
        #expect(evidence.responder == (try Self.certificate(material.crlIssuer)))
    }

    /// Nothing shows that the CRL issuer's own certificate is not revoked.
    @Test func withoutTheCAsCRLTheIssuerIsNotEntitled() throws {
        let material = try Self.material()
        let evidence = try Self.examine(try Self.indirectCRL(material), material)
        #expect(!evidence.isAcceptable && evidence.findings.contains { $0.key == "crl.issuer-not-entitled" })
    }

    /// The CA's CRL lists the CRL issuer's certificate: it may no longer speak.
    @Test func aRevokedCRLIssuerIsNotEntitled() throws {
        let material = try Self.material()
        let caCRL = try CRLExaminationTests.crl(revoked: [(material.crlIssuer, "keyCompromise")])
        let evidence = try Self.examine(try Self.indirectCRL(material), material, others: [caCRL])
        #expect(!evidence.isAcceptable && evidence.findings.contains { $0.key == "crl.issuer-not-entitled" })
    }

    /// A certificate whose distribution point does not name the CRL issuer: the CRL says nothing about it.
    @Test func aCertificateThatDoesNotDelegateIsNotConcerned() throws {
        let material = try Self.material()
        let evidence = try Self.examine(try Self.indirectCRL(material), material, others: [try Self.caCRL()], subject: Self.pki + "signer-p256.pem")
        #expect(evidence.status == nil && !evidence.isAcceptable)
    }

    /// The delegated issuer's CRL for another distribution point than the certificate's: not its answer.
    @Test func anIndirectCRLOfAnotherPointIsNotConcerned() throws {
        let material = try Self.material()
        let elsewhere = try Self.examine(try Self.indirectCRL(material, point: "idp_indirect_elsewhere"), material, others: [try Self.caCRL()])
        #expect(!elsewhere.isAcceptable && elsewhere.findings.contains { $0.key == "crl.unusable" })
        // Naming no point at all, it is the issuer's whole CRL and answers.
        let whole = try Self.examine(try Self.indirectCRL(material, point: "idp_indirect"), material, others: [try Self.caCRL()])
        #expect(whole.isAcceptable && whole.status?.status == .good)
    }

    @Test func aCRLIssuerWithoutCRLSignIsNotEntitled() throws {
        let material = try Self.material(crlIssuerUsage: "critical,digitalSignature")
        let evidence = try Self.examine(try Self.indirectCRL(material), material, others: [try Self.caCRL()])
        #expect(!evidence.isAcceptable && evidence.findings.contains { $0.key == "crl.issuer-not-entitled" })
    }

    /// The delegated issuer's name on a certificate another CA made: not certified by the subject's CA.
    @Test func aCRLIssuerOfAnotherCAIsNotEntitled() throws {
        let material = try Self.material(ca: "rogue")
        let evidence = try Self.examine(try Self.indirectCRL(material), material, others: [try Self.caCRL()])
        #expect(!evidence.isAcceptable && evidence.findings.contains { $0.key == "crl.issuer-not-entitled" })
    }

    /// The delegated issuer's CRL without the indirectCRL mark is not acceptable.
    @Test func anUnmarkedCRLOfTheDelegatedIssuerIsNotAcceptable() throws {
        let material = try Self.material()
        let evidence = try Self.examine(try Self.indirectCRL(material, marked: false), material, others: [try Self.caCRL()])
        #expect(!evidence.isAcceptable && evidence.findings.contains { $0.key == "crl.unusable" })
    }
}
