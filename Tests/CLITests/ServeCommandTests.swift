import Foundation
import Net
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `asic serve` as a process: SIGTERM finishes what is in flight and exits 0, and schemathesis
/// finds no server error and no answer outside the OpenAPI document.
@Suite(.serialized) struct ServeCommandTests {
    /// A running `asic serve` on a free port, with the bundled test trust.
    final class Server {
        let process: Subprocess
        let port: Int
        var base: String { "http://127.0.0.1:\(port)" }

        /// `trust` defaults to the bundled test list; `extra` are more `asic serve` options.
        init(_ extra: [String] = [], trust: [String]? = nil) throws {
            process = try Subprocess([CLI.binary, "serve", "--listen", "127.0.0.1:0", "--tsl-refresh", "0"]
                                     + (trust ?? OwnVectors.arguments(cache: try scratchFolder())) + extra, stdout: .pipe, stderr: .stdout)
            var log = ""
            var found: Int?
            let deadline = Date().addingTimeInterval(20)
            while found == nil, Date() < deadline {
                let chunk = process.readSome()
                if chunk.isEmpty { break }
                log += String(decoding: chunk, as: UTF8.self)
                // "… port=40123 [Service] listening"
                if let range = log.range(of: #"port=(\d+) \[Service\] listening"#, options: .regularExpression) {
                    found = Int(log[range].dropFirst(5).prefix { $0.isNumber })
                }
            }
            guard let found else { throw ServeTestError.noPort(log) }
            port = found
            // The log (a line per request) is drained so that a full pipe never blocks the server.
            let process = self.process
            Thread.detachNewThread { while !process.readSome().isEmpty {} }
            for _ in 0..<200 where (try? HTTPClient.send(HTTPRequest(url: base + "/readyz")).status) != 200 { usleep(25_000) }
        }

        /// A test that stopped early must not leave its server running.
        deinit {
            if process.isRunning {
                process.signal(SIGKILL)
                _ = process.wait()
            }
        }
    }

    @Test func sigtermLetsTheRequestInFlightFinishAndExitsZero() throws {
        let server = try Server()
        let sample = try readBytes(OwnVectors.root + "/sample/sample.asice")
        // Half the container is sent, then SIGTERM, then the rest: the answer must still come.
        let client = try RawSocket(port: server.port)
        client.send(Array("POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: \(sample.count)\r\nConnection: close\r\n\r\n".utf8)
                    + sample.prefix(sample.count / 2))
        usleep(200_000)
        server.process.signal(SIGTERM)
        usleep(300_000)
        client.send(Array(sample.dropFirst(sample.count / 2)))
        let answer = client.readAll(seconds: 10)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(300))")
        #expect(answer.contains("X-Asic-Verdict: PASSED"))
        #expect(server.process.wait() == 0)
        // Gone: nothing listens any more.
        #expect(throws: (any Error).self) { try HTTPClient.send(HTTPRequest(url: server.base + "/healthz", timeout: 2)) }
    }

    @Test func outOfRangeOptionsAreUsageErrors() throws {
        for options in [["--max-body", "99999999999999999"], ["--tsl-refresh", "99999999999999999d"], ["--max-queue", "-1"],
                        ["--listen", "127.0.0.1"], ["--tsl-refresh", "soon"]] {
            let result = try CLI.run(["serve"] + options)
            #expect(result.status == 64, "\(options): \(result.stderr)")
        }
    }

    @Test func schemathesisFindsNoServerErrorAndNoSchemaViolation() throws {
        let tool = OwnVectors.root + "/../.build/pytools/bin/schemathesis"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            print("skipped: schemathesis is not installed (make test-deps installs it into .build/pytools)")
            return
        }
        let server = try Server(["--max-body", "1048576"])
        let run = try Subprocess.run([tool, "run", server.base + "/openapi.yaml", "--checks", "all",
                                      // A document that matches the schema may still be no container: 400 is right.
                                      "--exclude-checks", "positive_data_acceptance",
                                      "--max-examples", "25", "--seed", "1", "--no-color", "--suppress-health-check", "all"],
                                     environment: ["SCHEMATHESIS_HOOKS": "", "HOME": try scratchFolder()], cwd: try scratchFolder())
        let output = String(decoding: run.stdout + run.stderr, as: UTF8.self)
        #expect(run.status == 0, "\(output.suffix(3000))")
        server.process.signal(SIGTERM)
        #expect(server.process.wait() == 0)
    }
}

enum ServeTestError: Error { case noPort(String) }
