import DDOC
import Foundation
import PKI
import Service
import Testing
import TestSupport
import Trust

/// The trust is reloaded on schedule and swapped whole; a failed refresh keeps the trust in use
/// and says so in /readyz and /metrics, and requests go on being answered meanwhile.
@Suite(.serialized) struct TrustRefreshTests {
    @Test func aFailedRefreshKeepsTheTrustInUseAndSaysSo() async throws {
        // The first load is the real test list; every later one finds nothing (a list that could
        // not be fetched, say).
        let loads = Locked(0)
        let good = ServiceHarness.ownTrust()
        let harness = try await ServiceHarness.start({ $0.refreshInterval = .milliseconds(200) }) {
            let count = loads.withLock { value in
                value += 1
                return value
            }
            return count == 1 ? good : TrustLoad(store: TrustStore(services: [], anchors: []), ddoc: DDOCValidator(), problems: ["the list could not be fetched"],
                                                 fetcher: nil, crlSource: nil)
        }
        let services = try #require((try await harness.get("/readyz")).object["trustedServices"] as? Int)
        #expect(services > 0)
        // Wait for at least two refreshes after the first load.
        for _ in 0..<100 where loads.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(loads.withLock { $0 } >= 3)
        let ready = try await harness.get("/readyz")
        #expect(ready.status == 200, "the old trust is still fresh enough")
        #expect(ready.object["trustedServices"] as? Int == services, "the trust in use was not replaced by the empty one")
        let last = ready.object["lastRefresh"] as? [String: Any]
        #expect(last?["succeeded"] as? Bool == false)
        let message = last?["message"] as? String ?? ""
        #expect(message.contains("no trusted service"))
        let metrics = try await harness.get("/metrics")
        #expect(metrics.text.contains("asic_trust_last_refresh_success 0"))
        #expect(metrics.text.contains(#"asic_trust_refreshes_total{outcome="failure"}"#))
        // Validation goes on with the kept trust.
        let answer = try await harness.post("/v1/validate", try readBytes(NativeAPITests.sample))
        #expect(answer.header("X-Asic-Verdict") == "PASSED")
        try await harness.stop()
    }

    @Test func staleTrustValidatesNothing() async throws {
        // Every trust is "too old" here: loaded, yet neither ready nor validating.
        let harness = try await ServiceHarness.start({ $0.staleAfter = -1 }, waitUntilReady: false)
        var loaded = false
        for _ in 0..<100 where !loaded {
            loaded = try await harness.get("/readyz").object["trustLoadedAt"] is String
            if !loaded { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(loaded)
        #expect(try await harness.get("/readyz").status == 503)
        let refused = try await harness.post("/v1/validate", try readBytes(NativeAPITests.sample))
        #expect(refused.status == 503)
        #expect(refused.errorKey == "service.not-ready")
        #expect(refused.text.contains("too old"))
        #expect(refused.header("X-Asic-Verdict") == nil)
        try await harness.stop()
    }

    @Test func notReadyUntilTheTrustIsLoaded() async throws {
        // A loader that takes its time: the probes answer at once, validations get 503.
        let harness = try await ServiceHarness.start(waitUntilReady: false, trust: {
            Thread.sleep(forTimeInterval: 2)
            return ServiceHarness.ownTrust()
        })
        #expect(try await harness.get("/healthz").status == 200)
        let loading = try await harness.get("/readyz")
        #expect(loading.status == 503)
        let reason = loading.object["reason"] as? String ?? ""
        #expect(reason.contains("loading"))
        let early = try await harness.post("/v1/validate", try readBytes(NativeAPITests.sample))
        #expect(early.status == 503)
        #expect(early.errorKey == "service.not-ready")
        #expect(early.header("Retry-After") != nil)
        var status = 0
        for _ in 0..<100 where status != 200 {
            try await Task.sleep(for: .milliseconds(50))
            status = try await harness.get("/readyz").status
        }
        #expect(status == 200)
        try await harness.stop()
    }
}

/// What a killed service left in the temporary folder goes at the next start; what a live one
/// holds stays.
struct SpoolSweepTests {
    @Test func aDeadInstancesUploadsGoALiveOnesStay() async throws {
        let folder = try scratchFolder()
        // A process id that is surely gone: a child that has exited and been reaped.
        let child = try Subprocess(["true"])
        _ = child.wait()
        let dead = child.pid
        // Folders of an asic before lock files: gone only when old and their process is unknown here.
        let stale = folder + "/asic-serve-\(dead)-abcdef", live = folder + "/asic-serve-1-ghijkl", other = folder + "/asic-serve-keep"
        let young = folder + "/asic-serve-\(dead)-young1"
        // With lock files: a process in another PID namespace (its id unknown here) holding its
        // lock keeps its folder; a lock nobody holds gives the folder up, whatever its process id.
        let elsewhere = folder + "/asic-serve-\(dead)-other1", abandoned = folder + "/asic-serve-1-nolock"
        for path in [stale, live, other, young, elsewhere, abandoned] { mkdir(path, 0o700) }
        try write("half an upload", to: stale + "/upload-XYZ123.asice")
        try write("in use", to: live + "/upload-ABC456.asice")
        try write("in use", to: young + "/upload-DEF789.asice")
        try write("in use elsewhere", to: elsewhere + "/upload-GHI012.asice")
        try write("left", to: abandoned + "/upload-JKL345.asice")
        for path in [elsewhere, abandoned] { try write("", to: path + ".lock") }
        var old = [timeval(tv_sec: time(nil) - 7200, tv_usec: 0), timeval(tv_sec: time(nil) - 7200, tv_usec: 0)]
        #expect(utimes(stale, &old) == 0)
        let holder = try Subprocess(["flock", "--exclusive", elsewhere + ".lock", "sleep", "60"])
        defer { holder.signal(SIGKILL); _ = holder.wait() }
        // Until the holder has the lock (flock(1) takes it before it runs sleep).
        var waited = 0
        while waited < 100, (try Subprocess.run(["flock", "--nonblock", elsewhere + ".lock", "true"])).status == 0 {
            usleep(50_000)
            waited += 1
        }
        try #require(waited < 100, "the holder did not take the lock")

        let harness = try await ServiceHarness.start { $0.temporaryDirectory = folder }
        #expect(!FileManager.default.fileExists(atPath: stale), "a dead instance's spool folder was left")
        #expect(FileManager.default.fileExists(atPath: live + "/upload-ABC456.asice"), "a live process's upload was removed (pid 1 is alive)")
        #expect(FileManager.default.fileExists(atPath: young + "/upload-DEF789.asice"), "a folder younger than an hour was taken for abandoned")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/upload-GHI012.asice"), "a held lock did not keep its folder")
        #expect(!FileManager.default.fileExists(atPath: abandoned) && !FileManager.default.fileExists(atPath: abandoned + ".lock"))
        #expect(FileManager.default.fileExists(atPath: other))
        // This service's own folder has its lock file beside it, and both go when it stops.
        let own = harness.service.spoolFolder
        #expect(FileManager.default.fileExists(atPath: own + ".lock"))
        #expect((try Subprocess.run(["flock", "--nonblock", own + ".lock", "true"])).status != 0, "the service does not hold its lock")
        try await harness.stop()
        #expect(!FileManager.default.fileExists(atPath: own) && !FileManager.default.fileExists(atPath: own + ".lock"))
    }
}
