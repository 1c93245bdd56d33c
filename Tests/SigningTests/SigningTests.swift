import ASiC
import Findings
import Foundation
import PKI
import Signing
import TestSupport
import Testing
import Trust
@testable import Validation

/// Our signer end to end: containers created and signed at every level with keys from the
/// openssl CLI, time-stamps from `openssl ts` and OCSP from `openssl ocsp` on 127.0.0.1, then
/// validated by our validator and cross-checked by xmlsec1.
@Suite("Signing", .serialized)
struct SigningTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI()
    }

    func signer(_ name: String = "good") throws -> (PrivateKey, Certificate, [Certificate]) {
        let key = try PrivateKey.pem(Array(try Data(contentsOf: URL(fileURLWithPath: pki.path(name + ".key")))))
        let certificate = try pki.certificate(name), ca = try pki.certificate("ca")
        return (key, certificate, [ca])
    }

    func newContainer() throws -> String {
        let dir = try scratchFolder()
        try write("A contract worth signing.\n", to: dir + "/contract.txt")
        try write("An annex, with ü and spaces.\n", to: dir + "/annex v2.txt")
        try ContainerSigner.create(dir + "/signed.asice", files: [(dir + "/contract.txt", "contract.txt", "text/plain"),
                                                                  (dir + "/annex v2.txt", "annex v2.txt", "text/plain")])
        return dir + "/signed.asice"
    }

    @Test(arguments: [SignatureLevel.b, .t, .lt, .lta, .ltTM])
    func everyLevelValidates(level: SignatureLevel) throws {
        let ocsp = try pki.responder("ocsp"), tsa = try pki.responder("tsa")
        let (key, certificate, chain) = try signer()
        var options = SignatureOptions()
        options.signingTime = Int64(Date().timeIntervalSince1970)
        options.roles = ["Tester"]
        options.city = "Tallinn"
        options.countryName = "EE"
        let services = TrustServices(tsa: tsa.base, ocsp: ocsp.base, timeout: 10)
        let path = try newContainer()
        try ContainerSigner(key: key, certificate: certificate, chain: chain, options: options, services: services).sign(path, level: level)
        let result = Validator(policy: .dssDefault, store: pki.anchoredStore).validate(path: path)
        let signature = try #require(result.signatures.first)
        let expectedProfile: String = switch level {
        case .b: "XAdES-BASELINE-B"
        case .t: "XAdES-BASELINE-T"
        case .lt: "XAdES-BASELINE-LT"
        case .lta: "XAdES-BASELINE-LTA"
        case .ltTM: "XAdES-BASELINE-LT-TM"
        }
        #expect(signature.context.profile.rawValue == expectedProfile)
        #expect(signature.context.core.crypto == .ok)
        // B and T carry no revocation data: offline they cannot be fully confirmed.
        if level == .b || level == .t {
            #expect(signature.subIndication == .certificateChainGeneralFailure, "\(signature.findings.map(\.message))")
        } else {
            #expect(signature.indication == .totalPassed, "\(level): \(signature.findings.filter { $0.level != .info }.map(\.message))")
        }
        if level != .b { #expect(signature.context.proofOfExistence != nil) }
    }

    @Test func aSecondSignatureAndPSSKeepTheFirstIntact() throws {
        let ocsp = try pki.responder("ocsp"), tsa = try pki.responder("tsa")
        let (key, certificate, chain) = try signer()
        var options = SignatureOptions()
        options.signingTime = Int64(Date().timeIntervalSince1970)
        let services = TrustServices(tsa: tsa.base, ocsp: ocsp.base, timeout: 10)
        let path = try newContainer()
        let first = ContainerSigner(key: key, certificate: certificate, chain: chain, options: options, services: services)
        try first.sign(path, level: .lt)
        options.digest = .sha512
        try ContainerSigner(key: key, certificate: certificate, chain: chain, options: options, services: services).sign(path, level: .lt)
        let result = Validator(policy: .dssDefault, store: pki.anchoredStore).validate(path: path)
        #expect(result.signatures.count == 2)
        #expect(result.signatures.allSatisfy { $0.indication == .totalPassed })
        #expect(result.document?.container.signatureFiles.map(\.name) == ["META-INF/signatures0.xml", "META-INF/signatures1.xml"])
    }

    @Test func extendingABSignatureToLTA() throws {
        let ocsp = try pki.responder("ocsp"), tsa = try pki.responder("tsa")
        let (key, certificate, chain) = try signer()
        var options = SignatureOptions()
        options.signingTime = Int64(Date().timeIntervalSince1970)
        let path = try newContainer()
        try ContainerSigner(key: key, certificate: certificate, chain: chain, options: options, services: TrustServices()).sign(path, level: .b)
        let extender = ContainerSigner(key: nil, certificate: certificate, chain: chain, options: SignatureOptions(),
                                       services: TrustServices(tsa: tsa.base, ocsp: ocsp.base, timeout: 10))
        try extender.extend(path, signatureFile: "META-INF/signatures0.xml", to: .lta)
        let signature = try #require(Validator(policy: .dssDefault, store: pki.anchoredStore).validate(path: path).signatures.first)
        #expect(signature.context.profile == .lta)
        #expect(signature.indication == .totalPassed, "\(signature.findings.filter { $0.level != .info }.map(\.message))")
        #expect(signature.context.timestamps.map(\.kind) == [.signature, .archive])
        #expect(signature.context.timestamps.allSatisfy { $0.isValid })
    }

    @Test func xmlsec1VerifiesWhatWeSign() throws {
        let (key, certificate, chain) = try signer()
        var options = SignatureOptions()
        options.signingTime = Int64(Date().timeIntervalSince1970)
        let path = try newContainer()
        try ContainerSigner(key: key, certificate: certificate, chain: chain, options: options, services: TrustServices()).sign(path, level: .b)
        let dir = (path as NSString).deletingLastPathComponent
        try tool(["unzip", "-o", "-q", path, "-d", dir + "/unzipped"])
        try tool(["xmlsec1", "--verify", "--pubkey-cert-pem", pki.path("good.pem"),
                  "--url-map:contract.txt", dir + "/unzipped/contract.txt", "--url-map:annex v2.txt", dir + "/unzipped/annex v2.txt",
                  "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", dir + "/unzipped/META-INF/signatures0.xml"])
    }

    /// LTA asks the TSA twice; when the archive time-stamp fails, nothing of the half-made
    /// signature may be left in the container or beside it.
    @Test func aTSAFailingAtTheArchiveTimeStampLeavesTheContainerAsItWas() throws {
        let ocsp = try pki.responder("ocsp"), tsa = try pki.responder("tsa-once")
        let (key, certificate, chain) = try signer()
        let path = try newContainer()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let signer = ContainerSigner(key: key, certificate: certificate, chain: chain, options: SignatureOptions(),
                                     services: TrustServices(tsa: tsa.base, ocsp: ocsp.base, timeout: 10))
        #expect(throws: SigningError.self) { try signer.sign(path, level: .lta) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["annex v2.txt", "contract.txt", "signed.asice"])
    }

    @Test func aWrongKeyIsRefusedBeforeAnythingIsWritten() throws {
        let (_, certificate, chain) = try signer()
        let (otherKey, _, _) = try signer("revoked")
        let path = try newContainer()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: SigningError.self) {
            try ContainerSigner(key: otherKey, certificate: certificate, chain: chain, options: SignatureOptions(), services: TrustServices()).sign(path, level: .b)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
