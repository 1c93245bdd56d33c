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

    /// `shortType` and `shortQualifier` cut their prefix by bytes for ASCII URIs: they answer as the
    /// character-wise cut did, also where a combining mark or a CR LF meets the prefix's last `/`.
    @Test func prefixCutAsCharactersGaveIt() {
        let prefixes = [TrustedListURI.serviceTypePrefix, TrustedListURI.qualifierPrefix]
        var uris = ["", "/", "CA/QC", "http://uri.etsi.org/", "http://uri.etsi.org/TrstSvc/Svctype", "http://evil/CA/QC"]
        for prefix in prefixes {
            uris += [prefix, prefix + "CA/QC", prefix + "QCWithSSCD", prefix + "\u{301}CA/QC", prefix + "\r\nCA", prefix + "ä",
                     String(prefix.dropLast()) + "\u{301}/CA/QC", prefix.uppercased() + "CA/QC", " " + prefix + "CA/QC", prefix + prefix]
        }
        for uri in uris {
            #expect(TrustedListURI.shortType(uri) == Self.characterwise(TrustedListURI.serviceTypePrefix, uri), "\(uri.debugDescription)")
            #expect(TrustedListURI.shortQualifier(uri) == Self.characterwise(TrustedListURI.qualifierPrefix, uri), "\(uri.debugDescription)")
        }
        #expect(TrustedListURI.shortType(TrustedListURI.serviceTypePrefix + "CA/QC") == "CA/QC")
    }

    static func characterwise(_ prefix: String, _ uri: String) -> String {
        uri.hasPrefix(prefix) ? String(uri.dropFirst(prefix.count)) : uri
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
