import Testing
import Trust

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
}
