import Foundation
import Net
import Testing
import TestSupport

/// Body size, back-pressure, deadlines and clients that go away: bounded, answered in JSON,
/// and never a temporary file left behind.
@Suite(.serialized) struct LimitsTests {
    @Test func aBodyOverTheLimitIs413() async throws {
        let harness = try await ServiceHarness.start { $0.maxBody = 1024 }
        let big = try readBytes(NativeAPITests.sample)
        #expect(big.count > 1024)
        let native = try await harness.post("/v1/validate", big)
        #expect(native.status == 413)
        #expect(native.errorKey == "request.too-large")
        let siva = try await harness.siva(big, filename: "a.asice")
        #expect(siva.status == 413)
        // Declared small, sent large (chunked, no Content-Length): cut off while streaming.
        let port = harness.port
        let answer = try await offPool {
            let client = try RawSocket(port: port)
            client.send("POST /v1/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in 0..<4 { client.send(String(600, radix: 16) + "\r\n" + String(repeating: "A", count: 600) + "\r\n") }
            client.send("0\r\n\r\n")
            return client.readAll(seconds: 10)
        }
        #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer)")
        try await Self.expectEmpty(harness.service.spoolFolder)
        try await harness.stop()
    }

    @Test func aFullServiceSays503WithRetryAfter() async throws {
        // One place in all: a client that is still uploading holds it.
        let harness = try await ServiceHarness.start { $0.maxConcurrent = 1; $0.maxQueue = 0 }
        let slow = try await Self.partialUpload(port: harness.port, declared: 100_000, sent: 1000)
        try await Task.sleep(for: .milliseconds(300))
        let refused = try await harness.post("/v1/validate", try readBytes(NativeAPITests.sample))
        #expect(refused.status == 503)
        #expect(refused.errorKey == "service.busy")
        #expect(refused.header("Retry-After") != nil)
        slow.close()
        // The place comes back once the slow client is gone.
        var status = 0
        for _ in 0..<50 where status != 200 {
            try await Task.sleep(for: .milliseconds(50))
            status = try await harness.post("/v1/validate", try readBytes(NativeAPITests.sample)).status
        }
        #expect(status == 200)
        try await harness.stop()
    }

    @Test func aClientThatHangsUpMidUploadLeavesNoFile() async throws {
        let harness = try await ServiceHarness.start()
        for _ in 0..<5 {
            let client = try await Self.partialUpload(port: harness.port, declared: 1_000_000, sent: 200_000)
            try await Task.sleep(for: .milliseconds(100))
            #expect(!entries(harness.service.spoolFolder).isEmpty, "the upload is being spooled")
            client.close()
            try await Self.expectEmpty(harness.service.spoolFolder)
        }
        let metrics = try await harness.get("/metrics")
        #expect(metrics.text.contains("asic_requests_in_flight 0"))
        try await harness.stop()
    }

    @Test func aTricklingUploadIsCutOffAtTheDeadline() async throws {
        let harness = try await ServiceHarness.start { $0.deadline = .seconds(1) }
        let port = harness.port
        let started = Date()
        let answer = try await offPool {
            let client = try RawSocket(port: port)
            client.send("POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\nPK")
            return client.readAll(seconds: 8)
        }
        #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
        #expect(answer.contains("request.deadline"))
        #expect(Date().timeIntervalSince(started) < 7, "cut off at the 1 s deadline, not by the client's patience")
        try await Self.expectEmpty(harness.service.spoolFolder)
        try await harness.stop()
    }

    /// A connection that declared `declared` bytes of body and sent only `sent`, still open.
    static func partialUpload(port: Int, declared: Int, sent: Int) async throws -> RawSocket {
        try await offPool {
            let client = try RawSocket(port: port)
            client.send("POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: \(declared)\r\n\r\n" + String(repeating: "B", count: sent))
            return client
        }
    }

    /// The spool folder empties (within ten seconds, however loaded the machine).
    static func expectEmpty(_ folder: String) async throws {
        for _ in 0..<200 where !entries(folder).isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        #expect(entries(folder).isEmpty, "left in the spool: \(entries(folder))")
    }
}
