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
