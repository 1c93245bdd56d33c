import Foundation
import TestSupport
import Testing

/// `asic serve` runs the asic-serve executable beside `asic`, and the command line itself carries
/// none of the HTTP stack: linked in, Hummingbird, NIO and Foundation doubled the conformance
/// records every command's start scans (8 039 against 3 999) and added 3 ms to each start.
@Suite("asic serve launcher")
struct ServeLauncherTests {
    @Test func serveHelpIsTheServicesOwn() throws {
        let result = try CLI.run(["serve", "--help"])
        #expect(result.status == 0, "\(result.stderr)")
        for option in ["--listen", "--max-body", "--tsl-refresh", "--auth-token-file", "--max-xml-attributes"] {
            #expect(result.stdout.contains(option), "asic serve --help lacks \(option)")
        }
        #expect(result.stdout.contains("USAGE: asic serve"))
        // Usage errors are the service's, with the contract's exit code.
        #expect(try CLI.run(["serve", "--listen", "nowhere"]).status == 64)
    }

    @Test func aMissingServiceIsOneLineAndExitOne() throws {
        let dir = try scratchFolder()
        _ = try tool(["cp", CLI.binary, dir + "/asic"])
        let result = try Subprocess.run([dir + "/asic", "serve", "--listen", "127.0.0.1:0"])
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        #expect(result.status == 1)
        #expect(stderr.hasPrefix("asic: \(dir)/asic-serve: cannot start the service"), "\(stderr)")
        #expect(stderr.filter { $0 == "\n" }.count == 1, "\(stderr)")
        // Every other command still works without it.
        #expect(try CLI.validateSample(with: dir + "/asic", cache: dir + "/cache") == 0)
    }

    @Test func theCommandLineLinksNeitherTheHTTPStackNorFoundation() throws {
        let symbols = String(decoding: try tool(["nm", "--defined-only", CLI.binary]), as: UTF8.self)
        #expect(symbols.contains("$s4asic8ValidateV"), "nm listed no Swift symbol of asic")
        // Mangled module names: Hummingbird, NIOCore, Foundation (not FoundationEssentials), ICU's Foundation part.
        for module in ["11Hummingbird", "7NIOCore", "s10Foundation", "30FoundationInternationalization"] {
            #expect(!symbols.contains(module), "asic links \(module) again")
        }
        let serve = String(decoding: try tool(["nm", "--defined-only", URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path + "/asic-serve"]), as: UTF8.self)
        #expect(serve.contains("11Hummingbird"), "the check above would not see the HTTP stack")
    }
}
