import TestSupport
import Findings
import Foundation
import Net
import PKI
import Testing
@testable import Trust

/// Fetching, caching and refreshing trusted lists over HTTP from a server on 127.0.0.1.
/// The national test list is served directly (no pointer ever leads off the loopback).
@Suite("Trusted-list fetching and cache", .enabled(if: SharedTrust.available, "../shared/vectors/trust is absent"), .serialized)
struct TrustedListFetchTests {
    let folder: String
    let cache: String

    init() throws {
        folder = try scratchFolder()
        cache = try scratchFolder() + "/cache"
        let root = try #require(SharedTrust.root)
        try FileManager.default.copyItem(atPath: root + "/test-tl/EE_T.xml", toPath: folder + "/EE_T.xml")
    }

    func load(_ url: String, offline: Bool = false, timeout: Double = 5) throws -> TrustedListSet {
        TrustedListLoader.load(TrustSettings(listOfLists: url, listOfListsSigners: [try SharedTrust.certificate("test-tl/trusted-test-tsl.crt")],
                                             cache: TrustedListCache(directory: cache), offline: offline, timeout: timeout, now: now))
    }

    @Test func fetchThenConditionalRefetchThenOffline() throws {
        let server = try LocalHTTPServer(.files(folder))
        let url = server.base + "/EE_T.xml"
        let first = try load(url)
        #expect(first.listOfLists.origin == .network)
        #expect(first.listOfLists.isUsable, "\(first.findings.map(\.message))")
        #expect(first.services.count == 29)
        // Unchanged on the server: If-Modified-Since gets 304 and the cached copy is used.
        let second = try load(url)
        #expect(second.listOfLists.origin == .cache)
        #expect(second.listOfLists.isUsable)
        let offline = try load(url, offline: true)
        #expect(offline.listOfLists.origin == .cache)
        #expect(offline.services.count == 29)
    }

    /// A server that answers 200 with half a list: refused (not a list, or a signature that no
    /// longer verifies), nothing trusted from it, and the truncated copy is not cached as good.
    @Test func aTruncatedListServedWith200IsNotUsed() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/EE_T.xml"))
        let served = try scratchFolder()
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: served + "/EE_T.xml"))
        let server = try LocalHTTPServer(.files(served))
        let set = try load(server.base + "/EE_T.xml")
        #expect(!set.listOfLists.isUsable)
        #expect(set.services.isEmpty)
        #expect(set.findings.contains { $0.level == .error }, "\(set.findings.map(\.key))")
        let offline = try load(server.base + "/EE_T.xml", offline: true)
        #expect(!offline.listOfLists.isUsable)
    }

    @Test func aCorruptCacheIsDetectedAndRefetched() throws {
        let server = try LocalHTTPServer(.files(folder))
        let url = server.base + "/EE_T.xml"
        _ = try load(url)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".xml") }
        let cached = cache + "/" + (try #require(files.first))
        // Truncate it, as a crash half-way through a foreign write would.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cached))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cached))
        let offline = try load(url, offline: true)
        #expect(offline.listOfLists.list == nil)
        #expect(offline.findings.contains { $0.key == "tsl.unavailable" })
        let online = try load(url)
        #expect(online.listOfLists.origin == .network)
        #expect(online.listOfLists.isUsable)
    }

    @Test func serverDownFallsBackToTheCacheOrSaysSo() throws {
        let url = "http://127.0.0.1:\(closedPort())/EE_T.xml"
        let none = try load(url)
        #expect(none.listOfLists.list == nil)
        #expect(none.findings.contains { $0.key == "tsl.unavailable" && (($0.subject ?? "") + $0.message).contains("127.0.0.1") })
        // Seed the cache from a live server, then take the server away: the cached copy is used, with a warning.
        var server: LocalHTTPServer? = try LocalHTTPServer(.files(folder))
        let live = try #require(server).base + "/EE_T.xml"
        #expect(try load(live).listOfLists.origin == .network)
        server = nil
        let fallback = try load(live)
        #expect(fallback.listOfLists.origin == .cache)
        #expect(fallback.listOfLists.isUsable)
        #expect(fallback.findings.contains { $0.key == "tsl.fetch-failed" })
    }

    @Test func aSlowServerTimesOut() throws {
        let server = try LocalHTTPServer(.slow(seconds: 5))
        let started = Date()
        let set = try load(server.base + "/EE_T.xml", timeout: 1)
        #expect(Date().timeIntervalSince(started) < 4)
        #expect(set.listOfLists.list == nil)
        #expect(set.findings.contains { $0.message.contains("Timeout") || $0.message.contains("timed out") })
    }

    @Test func twoLoadersSharingTheCacheNeverSeeAHalfWrittenList() async throws {
        let server = try LocalHTTPServer(.files(folder))
        let url = server.base + "/EE_T.xml"
        let signer = try SharedTrust.certificate("test-tl/trusted-test-tsl.crt")
        let cacheDir = cache
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let set = TrustedListLoader.load(TrustSettings(listOfLists: url, listOfListsSigners: [signer],
                                                                   cache: TrustedListCache(directory: cacheDir), offline: false, now: now))
                    return set.listOfLists.isUsable
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results == Array(repeating: true, count: 6))
        #expect(TrustedListCache(directory: cache).load(url) != nil)
        withExtendedLifetime(server) {}
    }
}
