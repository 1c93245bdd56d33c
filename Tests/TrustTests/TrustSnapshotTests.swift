import Findings
import Foundation
import PKI
import TestSupport
import Testing
@testable import Trust

/// The verified trust snapshot: a later process gets the same services and findings as a full
/// load, and never from a snapshot whose lists changed, were edited on disk, expired, or whose
/// file is damaged, of another format, or made for other pinned signers.
@Suite("Verified trust snapshot")
struct TrustSnapshotTests {
    static let tsl = OwnVectors.root + "/pki/tsl"
    let dir: String
    let now = Int64(Date().timeIntervalSince1970)

    init() throws {
        dir = try scratchFolder()
        for name in ["lotl.xml", "ZZ_T.xml"] {
            try FileManager.default.copyItem(atPath: Self.tsl + "/" + name, toPath: dir + "/" + name)
        }
    }

    func settings(signer: String = "tslsigner", now: Int64? = nil) throws -> TrustSettings {
        TrustSettings(listOfLists: dir + "/lotl.xml",
                      listOfListsSigners: [try OwnVectors.certificate(signer)],
                      cache: TrustedListCache(directory: dir + "/cache"), offline: true, now: now ?? self.now)
    }

    var snapshotFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/cache")) ?? []).filter { $0.hasPrefix("verified-") }
    }

    static func summary(_ services: [TrustedList.Service]) -> [String] {
        services.map { "\($0.current.name)|\($0.current.type)|\($0.history.count)|\($0.certificates.map(\.sha256Hex))" }
    }

    @Test func theSnapshotGivesWhatAFullLoadGives() throws {
        let full = TrustedListLoader.load(try settings())
        #expect(snapshotFiles.count == 1, "a clean load writes the snapshot")
        let cached = TrustedListLoader.loadServices(try settings())
        #expect(Self.summary(cached.services) == Self.summary(full.services))
        #expect(cached.findings.map(\.key) == full.findings.map(\.key))
        // The store built from it validates as the full one does (name index, lazily parsed certificates).
        let signer = try OwnVectors.certificate("signer-p256"), issuing = try OwnVectors.certificate("issuing")
        for services in [full.services, cached.services] {
            let chain = TrustStore(services: services, anchors: []).validate(signer, pool: [issuing], purpose: .signing, at: now)
            #expect(chain.isTrusted && chain.service?.current.name == "asic Test Issuing CA")
        }
    }

    /// A national list edited beside the LOTL (one character of a service name): its signature no
    /// longer holds, and the snapshot made before must not hide that.
    @Test func anEditedListIsVerifiedAgain() throws {
        _ = TrustedListLoader.load(try settings())
        let path = dir + "/ZZ_T.xml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "asic Test TSA<", with: "asic Test TSB<").write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = TrustedListLoader.loadServices(try settings())
        #expect(loaded.services.isEmpty)
        #expect(loaded.findings.contains { $0.key == "tsl.signature-invalid" })
    }

    /// The snapshot decides trust without the lists' signatures: a cache that someone else could
    /// have written (a file or folder writable by group or others, or owned by another user) is
    /// read as not cached, so a snapshot planted there is never used.
    @Test func aCacheOthersCouldWriteIsNotRead() throws {
        let cache = TrustedListCache(directory: dir + "/cache")
        try cache.store(file: "probe", [1, 2, 3])
        #expect(cache.read(file: "probe") == [1, 2, 3])
        #expect(chmod(dir + "/cache/probe", 0o666) == 0)
        #expect(cache.read(file: "probe") == nil, "a world-writable file was read")
        #expect(chmod(dir + "/cache/probe", 0o644) == 0)
        #expect(chmod(dir + "/cache", 0o777) == 0)
        #expect(cache.read(file: "probe") == nil, "a file in a world-writable folder was read")
        #expect(chmod(dir + "/cache", 0o700) == 0)
        #expect(cache.read(file: "probe") == [1, 2, 3])
        if getuid() == 0 {
            #expect(chown(dir + "/cache/probe", 65534, 65534) == 0)
            #expect(cache.read(file: "probe") == nil, "another user's file was read")
        }
        // With the snapshot unreadable so, the signed lists are verified again and give the same services.
        let full = TrustedListLoader.load(try settings())
        #expect(chmod(dir + "/cache", 0o777) == 0)
        #expect(Self.summary(TrustedListLoader.loadServices(try settings()).services) == Self.summary(full.services))
        #expect(chmod(dir + "/cache", 0o700) == 0)
        #expect(TrustedListCache.defaultDirectory().hasSuffix("/asic/tsl"))
    }

    /// Damaged snapshots (truncated, one bit flipped, another format version) are ignored: the
    /// result is a full load's.
    @Test(arguments: ["truncate", "flip", "version"])
    func aDamagedSnapshotIsIgnored(damage: String) throws {
        let full = TrustedListLoader.load(try settings())
        let path = dir + "/cache/" + (try #require(snapshotFiles.first))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "truncate": bytes.removeLast(bytes.count / 3)
        case "flip": bytes[bytes.count - 100] ^= 0x01
        default:
            let at = TrustSnapshot.magic.count
            bytes[at] &+= 1  // format version (little-endian)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(TrustSnapshot.decode(bytes) == nil)
        let loaded = TrustedListLoader.loadServices(try settings())
        #expect(Self.summary(loaded.services) == Self.summary(full.services))
    }

    /// Garbage of any length decodes to nothing and never traps.
    @Test func garbageNeverDecodes() throws {
        _ = TrustedListLoader.load(try settings())
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/cache/" + (try #require(snapshotFiles.first)))))
        for length in [0, 1, 7, 8, 20, 64, 300] {
            #expect(TrustSnapshot.decode(randomBytes(length)) == nil)
        }
        for cut in stride(from: 0, to: good.count, by: max(1, good.count / 50)) {
            #expect(TrustSnapshot.decode(Array(good[..<cut])) == nil)
        }
    }

    /// Another pinned set is another snapshot: a stranger's pin never reads tslsigner's.
    @Test func otherPinnedSignersDoNotShareIt() throws {
        _ = TrustedListLoader.load(try settings())
        let stranger = TrustedListLoader.loadServices(try settings(signer: "tslsigner-stranger"))
        #expect(stranger.services.isEmpty)
        #expect(stranger.findings.contains { $0.key == "tsl.signature-invalid" })
    }

    /// Expiry is judged at each use from the stored NextUpdate, not frozen in the snapshot.
    @Test func expiryIsJudgedAtUse() throws {
        _ = TrustedListLoader.load(try settings())
        let later = TrustedListLoader.loadServices(try settings(now: 2_600_000_000))  // 2052, after NextUpdate 2049
        #expect(later.findings.filter { $0.key == "tsl.expired" }.count == 2)
        #expect(!later.services.isEmpty)
    }

    /// A cached copy (a list named by URL, offline) edited on disk is not vouched for by its
    /// sidecar any more: the snapshot is not used and the damaged copy is not either.
    @Test func anEditedCachedCopyIsNotUsed() throws {
        let cache = TrustedListCache(directory: dir + "/cache")
        let url = "https://asic.invalid/tsl/ZZ_T.xml"
        try FileManager.default.removeItem(atPath: dir + "/ZZ_T.xml")  // only the cache has it
        try cache.store(url, body: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.tsl + "/ZZ_T.xml"))), etag: nil, lastModified: nil)
        let full = TrustedListLoader.load(try settings())
        #expect(!full.services.isEmpty && snapshotFiles.count == 1)
        #expect(cache.peekDigest(url) != nil)
        let body = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").first { $0.hasSuffix(".xml") })
        let path = dir + "/cache/" + body
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(cache.peekDigest(url) == nil)
        let loaded = TrustedListLoader.loadServices(try settings())
        #expect(loaded.services.isEmpty)
        #expect(loaded.findings.contains { $0.key == "tsl.unavailable" })
    }
}
