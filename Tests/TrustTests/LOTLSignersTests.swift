import Foundation
import PKI
import TestSupport
import Testing
@testable import Trust

/// The pinned EU LOTL signers: compiled into asic from TrustData/eu-lotl-signers, overridden by an
/// installed folder and by --tsl-cert, in that order of precedence.
@Suite("Pinned LOTL signers")
struct LOTLSignersTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func theBundledSetIsTheProductDataFolder() throws {
        let folder = Self.repository + "/TrustData/eu-lotl-signers"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".pem") }.sorted()
        #expect(files.count == 6)
        #expect(BundledLOTLSigners.certificates.map(\.file) == files, "run make trust-data")
        let fromFolder = try TrustAnchors.load(folder).map(\.certificate)
        #expect(Set(LOTLSigners.bundled.certificates) == Set(fromFolder))
        #expect(LOTLSigners.bundled.certificates.count == 6)
    }

    @Test func precedenceIsCommandLineThenFoldersThenBundled() throws {
        let dir = try scratchFolder()
        let user = dir + "/user", system = dir + "/system", missing = dir + "/missing"
        try FileManager.default.createDirectory(atPath: user, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: system, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: OwnVectors.root + "/pki/tslsigner.pem", toPath: user + "/a.pem")
        try FileManager.default.copyItem(atPath: OwnVectors.root + "/pki/root.pem", toPath: system + "/b.pem")
        let cli = try LOTLSigners.resolve(commandLine: [OwnVectors.root + "/pki/issuing.pem"], folders: [user, system])
        #expect(cli.source == .commandLine([OwnVectors.root + "/pki/issuing.pem"]))
        #expect(try LOTLSigners.resolve(commandLine: [], folders: [user, system]).source == .folder(user))
        #expect(try LOTLSigners.resolve(commandLine: [], folders: [missing, system]).source == .folder(system))
        #expect(try LOTLSigners.resolve(commandLine: [], folders: [missing]).source == .bundled)
        // An installed folder without certificates is an error, not a silent fallback.
        let empty = dir + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try LOTLSigners.resolve(commandLine: [], folders: [empty]) }
    }

    @Test func expiryWithinNinetyDaysIsWarned() throws {
        let set = LOTLSigners.bundled
        let first = try #require(set.certificates.map(\.notAfter).min())
        #expect(set.expiryWarnings(now: first - 100 * 86_400).isEmpty)
        #expect(set.expiryWarnings(now: first - 30 * 86_400).contains { $0.key == "tsl.signer-expiring" })
        #expect(set.expiryWarnings(now: first + 86_400).contains { $0.key == "tsl.signer-expired" })
    }
}
