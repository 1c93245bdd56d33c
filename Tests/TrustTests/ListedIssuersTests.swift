import PKI
import TestSupport
import Testing
@testable import Trust

/// `listedIssuers` answers from the store's name index what walking every service answered: each
/// listed certificate whose subject is the certificate's issuer name, in list order (service, then
/// place), once per listing, whatever the service's type.
@Suite("Listed issuers")
struct ListedIssuersTests {
    static func service(_ type: String, _ names: [String]) throws -> TrustedList.Service {
        let state = TrustedList.ServiceState(type: TrustedListURI.serviceTypePrefix + type, name: type, status: TrustedListURI.statusPrefix + "granted",
                                             statusStart: 0, additionalServiceInfo: [], qualifications: [])
        return TrustedList.Service(provider: "test", providerKey: "ZZ test#\(type)", current: state, history: [],
                                   certificates: try names.map(OwnVectors.certificate), subjectKeyIdentifiers: [])
    }

    /// The walk the index replaced.
    static func walked(_ services: [TrustedList.Service], _ certificate: Certificate) -> [Certificate] {
        services.flatMap { $0.certificates.filter { $0.subjectNameHash == certificate.issuerNameHash } }
    }

    @Test func theIndexAnswersAsTheWalkDid() throws {
        let services = [try Self.service("CA/QC", ["root", "issuing"]), try Self.service("Certstatus/OCSP/QC", ["responder"]),
                        try Self.service("TSA/QTST", ["issuing", "tsa"]), try Self.service("CA/PKC", ["rogue"])]
        let store = TrustStore(services: services, anchors: [])
        let issuing = try OwnVectors.certificate("issuing")
        let signer = try OwnVectors.certificate("signer-p256")
        // Listed twice (a CA and a TSA service): found twice, in list order.
        #expect(store.listedIssuers(of: signer) == [issuing, issuing])
        #expect(store.listedIssuers(of: issuing) == [try OwnVectors.certificate("root")])
        #expect(store.listedIssuers(of: try OwnVectors.certificate("signer-rogue")) == [try OwnVectors.certificate("rogue")])
        #expect(store.listedIssuers(of: try OwnVectors.certificate("tsa-rogue")) == [try OwnVectors.certificate("rogue")])
        for name in ["root", "issuing", "responder", "tsa", "crl-issuer", "signer-p256", "signer-rogue", "tsa-rogue", "tslsigner"] {
            let certificate = try OwnVectors.certificate(name)
            #expect(store.listedIssuers(of: certificate) == Self.walked(services, certificate), "\(name)")
        }
        #expect(TrustStore(services: [], anchors: []).listedIssuers(of: signer).isEmpty)
    }
}
