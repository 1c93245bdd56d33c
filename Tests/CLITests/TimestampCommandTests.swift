import Foundation
import TestSupport
import Testing

/// `asic timestamp` against `openssl ts` on 127.0.0.1: validates, wraps atomically, skips what is
/// done, refuses what does not validate (unless --force), never overwrites, and what it writes
/// validates with the DDOC inside proven by the time-stamp.
@Suite("asic timestamp", .serialized)
struct TimestampCommandTests {
    static let ddoc = OwnVectors.root + "/ddoc/"
    static let pki = OwnVectors.root + "/pki/ddoc/"

    @Test func wrapsRefusesResumesAndNeverOverwrites() throws {
        let testPKI = try TestPKI()
        let tsa = try testPKI.responder("tsa")
        let dir = try scratchFolder()
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.ddoc + "valid-1.3.ddoc", toPath: dir + "/good.ddoc")
        try FileManager.default.copyItem(atPath: Self.ddoc + "invalid-datafile-changed.ddoc", toPath: dir + "/sub/bad.ddoc")
        try write("not a signed file\n", to: dir + "/notes.txt")
        let anchors = ["--trust-anchors", Self.pki + "ca.pem", "--trust-anchors", Self.pki + "responder.pem",
                       "--trust-anchors", testPKI.path("ca.pem")]
        let first = try CLI.run(["timestamp", "--tsa", tsa.base, "--offline"] + anchors + [dir])
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.contains("2 files: 1 wrapped, 0 already wrapped, 1 refused (validation failed), 0 failed"), "\(first.stderr)")
        #expect(first.stderr.contains("bad.ddoc: not wrapped: it does not validate (Bad digest for DataFile: D0)"), "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/good.ddoc.asics"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/sub/bad.ddoc.asics"))

        // What it wrote validates: the time-stamp and the DDOC inside, proven at the token's time.
        let check = try CLI.run(["validate", "--offline"] + anchors + [dir + "/good.ddoc.asics"])
        #expect(check.status == 0 && check.stdout.contains("Wrapped DDOC good.ddoc") && check.stdout.contains("proven to exist at"),
                "\(check.stdout)\(check.stderr)")

        // Run again: nothing to do but the refusal; --force wraps the bad one too.
        let again = try CLI.run(["timestamp", "--tsa", tsa.base, "--offline"] + anchors + [dir])
        #expect(again.stderr.contains("1 wrapped") == false && again.stderr.contains("1 already wrapped"), "\(again.stderr)")
        let forced = try CLI.run(["timestamp", "--tsa", tsa.base, "--offline", "--force"] + anchors + [dir])
        #expect(forced.status == 0 && forced.stderr.contains("1 wrapped, 1 already wrapped"), "\(forced.stderr)")
        #expect(try CLI.run(["validate", "--offline", "--quiet"] + anchors + [dir + "/sub/bad.ddoc.asics"]).status == 1)

        // The file changed since it was wrapped: its container is not overwritten.
        try FileManager.default.removeItem(atPath: dir + "/good.ddoc")
        try FileManager.default.copyItem(atPath: Self.ddoc + "valid-1.3-two-signatures.ddoc", toPath: dir + "/good.ddoc")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/good.ddoc.asics"))
        let changed = try CLI.run(["timestamp", "--tsa", tsa.base, "--offline"] + anchors + [dir + "/good.ddoc"])
        #expect(changed.status == 1 && changed.stderr.contains("exists and does not wrap this file"), "\(changed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/good.ddoc.asics")) == before)
    }

    /// A TSA that cannot be reached: the file is reported, nothing is left behind.
    @Test func aDeadTSALeavesNothing() throws {
        let dir = try scratchFolder()
        try FileManager.default.copyItem(atPath: Self.ddoc + "valid-1.3.ddoc", toPath: dir + "/good.ddoc")
        let result = try CLI.run(["timestamp", "--tsa", "http://127.0.0.1:\(closedPort())/tsa", "--service-timeout", "3", "--offline",
                                  "--trust-anchors", Self.pki + "ca.pem", "--trust-anchors", Self.pki + "responder.pem", dir])
        #expect(result.status == 1 && result.stderr.contains("1 failed"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["good.ddoc"])
    }
}
