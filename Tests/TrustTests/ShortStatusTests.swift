import Testing
@testable import Trust

/// `shortStatus` names a status by its URI's last segment without splitting the URI; the odd
/// shapes (no slash, trailing slashes, only slashes) answer as splitting did.
@Suite("Trusted-list status names")
struct ShortStatusTests {
    @Test func lastSegmentAsSplittingGaveIt() {
        let uris = ["http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted", "granted", "", "/", "///",
                    "http://x/withdrawn/", "http://x/withdrawn//", "a/b", "/a", "ä/ö"]
        for uri in uris {
            #expect(TrustedListURI.shortStatus(uri) == (uri.split(separator: "/").last.map(String.init) ?? uri), "\(uri)")
        }
    }

    /// Qualification reads the whole status URI: a list naming `http://evil/granted`, or an ETSI
    /// status with a combining mark before its last `/`, is not granted.
    @Test func grantedForQualificationNeedsTheWholeURI() {
        func state(_ status: String) -> TrustedList.ServiceState {
            TrustedList.ServiceState(type: TrustedListURI.serviceTypePrefix + "CA/QC", name: "test CA", status: status, statusStart: 0,
                                     additionalServiceInfo: [], qualifications: [])
        }
        let after = TrustedListURI.eIDASDate + 86400, before = TrustedListURI.eIDASDate - 86400
        #expect(state(TrustedListURI.statusPrefix + "granted").isGrantedForQualification(at: after))
        #expect(state(TrustedListURI.statusPrefix + "granted").isGrantedForQualification(at: before))
        #expect(state("http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/accredited").isGrantedForQualification(at: before))
        #expect(!state("http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/accredited").isGrantedForQualification(at: after))
        for forged in ["http://evil/granted", "granted", TrustedListURI.statusPrefix + "withdrawn\u{600}/granted", "http://evil/accredited"] {
            #expect(!state(forged).isGrantedForQualification(at: after), "\(forged)")
            #expect(!state(forged).isGrantedForQualification(at: before), "\(forged)")
        }
    }
}
