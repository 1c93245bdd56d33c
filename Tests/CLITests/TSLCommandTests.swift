import Foundation
import TestSupport
import Testing

private var sharedTrust: String? { SharedTrust.root }

@Suite("asic tsl", .enabled(if: sharedTrust != nil, "../shared/vectors/trust is absent"))
struct TSLCommandTests {
    @Test func showsTheTestListsOffline() throws {
        let trust = try #require(sharedTrust)
        let cache = try scratchFolder()
        let result = try CLI.run(["tsl", "show", "--offline", "--format", "json", "--cache-dir", cache,
                                  "--tsl", trust + "/test-tl/tl-mp-test-EE.xml", "--tsl-cert", trust + "/test-tl/trusted-test-tsl.crt"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let lists = try #require(object["lists"] as? [[String: Any]])
        #expect(lists.count == 2)
        #expect(lists.allSatisfy { $0["signatureValid"] as? Bool == true })
        #expect((lists[1]["services"] as? [Any])?.count == 29)
    }

    /// A list's texts are the list publisher's (or, for a list whose signature fails, anyone's):
    /// `tsl show` neutralises controls and bidirectional overrides in them like every other report.
    @Test func listTextsCannotDriveTheTerminal() throws {
        let dir = try scratchFolder()
        var list = try String(contentsOfFile: OwnVectors.root + "/pki/tsl/lotl.xml", encoding: .utf8)
        let territory = try #require(list.range(of: "<SchemeTerritory>"))
        // C1 CSI and a right-to-left override (ESC and BEL are not XML characters at all).
        list.insert(contentsOf: "\u{9B}2J\u{9B}31m\u{202E}", at: territory.upperBound)
        try write(list, to: dir + "/evil.xml")
        let result = try CLI.run(["tsl", "show", "--offline", "--cache-dir", dir + "/cache", "--tsl", dir + "/evil.xml",
                                  "--tsl-cert", OwnVectors.root + "/pki/tslsigner.pem"])
        #expect(result.stdout.contains("signature NOT valid"), "\(result.stdout)")
        for raw in ["\u{9B}", "\u{202E}"] {
            #expect(!result.stdout.contains(raw), "raw \(raw.debugDescription) in: \(result.stdout.debugDescription)")
        }
        #expect(result.stdout.contains("\\u009B2J") && result.stdout.contains("\\u202E"), "\(result.stdout)")
    }

    @Test func aWrongSignerIsExit1AndAMissingListExit3() throws {
        let trust = try #require(sharedTrust)
        let cache = try scratchFolder()
        let wrong = try CLI.run(["tsl", "verify", "--cache-dir", cache, "--tsl", trust + "/test-tl/tl-mp-test-EE.xml",
                                 "--tsl-cert", trust + "/eu-lotl/tl-mp1.crt"])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("signature NOT valid"))
        let missing = try CLI.run(["tsl", "verify", "--cache-dir", cache, "--tsl", cache + "/none.xml",
                                   "--tsl-cert", trust + "/test-tl/trusted-test-tsl.crt"])
        #expect(missing.status == 3)
        #expect(missing.stderr.hasPrefix("asic: \(cache)/none.xml: "))
        // Nothing configured: the bundled EU LOTL signers are pinned, and offline the lists are not cached yet.
        let unconfigured = try CLI.run(["tsl", "verify", "--cache-dir", cache], environment: ["HOME": cache, "XDG_CONFIG_HOME": cache])
        #expect(unconfigured.status == 3)
        #expect(unconfigured.stdout.contains("pinned signers of the starting list: the EU LOTL signers bundled with asic"))
        #expect(unconfigured.stderr.contains("not cached yet"), "\(unconfigured.stderr)")
        let validate = try CLI.run(["validate", "--offline", "--cache-dir", cache, OwnVectors.root + "/containers/lt-p256.asice"],
                                   environment: ["HOME": cache, "XDG_CONFIG_HOME": cache])
        #expect(validate.status == 2)
        #expect(validate.stderr.split(separator: "\n").filter { $0.contains("not cached yet") }.count == 1, "\(validate.stderr)")
    }
}
