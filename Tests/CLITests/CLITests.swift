import Foundation
import TestSupport
import Testing

/// Runs the real `asic` binary built next to the test bundle.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("asic").path
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let result = try Subprocess.run([binary] + arguments, environment: environment)
        return Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                      stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}

extension CLI {
    /// The exit status of `binary` (an installed or packaged asic) validating the bundled sample
    /// offline against the bundled test list.
    static func validateSample(with binary: String, cache: String) throws -> Int32 {
        try Subprocess.run([binary, "validate", "--offline", "--quiet", "--cache-dir", cache, "--tsl", OwnVectors.root + "/pki/tsl/lotl.xml",
                            "--tsl-cert", OwnVectors.root + "/pki/tslsigner.pem", OwnVectors.root + "/sample/sample.asice"]).status
    }
}

/// Writes a small well-formed ASiC-E container with Python's zipfile (an independent writer).
func makeContainer(in dir: String, name: String = "sample.asice") throws -> String {
    let path = dir + "/" + name
    let script = """
    import zipfile, sys
    with zipfile.ZipFile(sys.argv[1], 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-e+zip')
        z.writestr('META-INF/manifest.xml', '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/><manifest:file-entry manifest:full-path="hello.txt" manifest:media-type="text/plain"/></manifest:manifest>', zipfile.ZIP_DEFLATED)
        z.writestr('hello.txt', 'hello world\\n', zipfile.ZIP_DEFLATED)
        z.writestr('META-INF/signatures0.xml', '<asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Signature Id="S0"/></asic:XAdESSignatures>', zipfile.ZIP_DEFLATED)
    """
    guard try Subprocess.run(["python3", "-c", script, path]).status == 0 else { throw CocoaError(.fileWriteUnknown) }
    return path
}

@Suite("asic command line")
struct CLITests {
    /// The entries table says what each column is.
    @Test func inspectEntriesHaveColumnHeaders() throws {
        let text = try CLI.run(["inspect", OwnVectors.root + "/containers/lt-p256.asice"]).stdout
        let lines = text.split(separator: "\n")
        let header = try #require(lines.firstIndex { $0 == "Entries" })
        #expect(lines[header + 1].split(separator: " ") == ["name", "method", "size", "packed", "check"])
    }

    @Test func inspectTextAndJSON() throws {
        let dir = try scratchFolder()
        let file = try makeContainer(in: dir)
        let text = try CLI.run(["inspect", file])
        // The made-up signature cannot be verified: inspect reports it and exits 1.
        #expect(text.status == 1)
        #expect(text.stdout.contains("ASiC-E, 4 entries, 1 data file, 1 signature"))
        #expect(!text.stdout.contains("\u{1B}["), "no colour when stdout is not a TTY")

        let json = try CLI.run(["inspect", "--format", "json", file])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["processable"] as? Bool == true)
        #expect(object["containerType"] as? String == "ASiC-E")
        #expect(object["signaturesCount"] as? Int == 1)
        let data = try #require(object["dataFiles"] as? [[String: Any]])
        #expect(data.first?["sha256"] as? String == "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447")
        #expect((object["entries"] as? [[String: Any]])?.allSatisfy { $0["crcOk"] as? Bool == true } == true)
    }

    @Test func notProcessableIsExit3WithOneLine() throws {
        let dir = try scratchFolder()
        let bad = dir + "/bad.asice"
        try Data("not a zip at all".utf8).write(to: URL(fileURLWithPath: bad))
        let result = try CLI.run(["inspect", bad])
        #expect(result.status == 3)
        #expect(result.stderr == "asic: \(bad): not a zip file (16 bytes)\n")
        #expect(result.stdout.isEmpty, "said once, on stderr")
        let validate = try CLI.run(["validate"] + OwnVectors.arguments(cache: dir + "/cache") + [bad])
        #expect(validate.status == 3)
        #expect(validate.stdout.isEmpty && validate.stderr == "asic: \(bad): not a zip file (16 bytes)\n", "\(validate)")
        let file = try CLI.run(["validate", "--output", dir + "/report.txt"] + OwnVectors.arguments(cache: dir + "/cache") + [bad])
        #expect(file.status == 3)
        #expect(try String(contentsOfFile: dir + "/report.txt", encoding: .utf8).contains("NOT-PROCESSABLE"), "a report file keeps the record")

        let missing = try CLI.run(["inspect", dir + "/missing.asice"])
        #expect(missing.status == 3)
        #expect(missing.stderr.hasPrefix("asic: \(dir)/missing.asice: cannot open: "))
        #expect(missing.stderr.split(separator: "\n").count == 1)

        let json = try CLI.run(["inspect", "--format", "json", bad])
        #expect(json.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["processable"] as? Bool == false)
        #expect((object["error"] as? [String: Any])?["key"] as? String == "zip.not-zip")
    }

    /// The help names every exit code the README's table does, and no example wraps mid-command in
    /// an 80-column terminal.
    @Test func helpListsEveryExitCodeAndKeepsExamplesWhole() throws {
        for command in [["--help"], ["validate", "--help"]] {
            let help = try CLI.run(command, environment: ["COLUMNS": "80"]).stdout
            for code in ["0 ", "1 ", "2 ", "3 ", "64 ", "73 ", "130 "] {
                #expect(help.contains(code), "\(command) lacks exit code \(code)")
            }
            #expect(!help.split(separator: "\n").contains { $0.hasPrefix("test/") || $0.hasPrefix("sealed.") },
                    "an example wrapped: \(help)")
        }
    }

    /// A folder's files that are not containers are counted by extension in the summary, never
    /// silently dropped; --all-files takes them.
    @Test func skippedFilesAreSaid() throws {
        let dir = try scratchFolder() + "/batch"
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        let vectors = OwnVectors.root + "/containers/"
        try FileManager.default.copyItem(atPath: vectors + "lt-p256.asice", toPath: dir + "/a.asice")
        try FileManager.default.copyItem(atPath: vectors + "lt-tm.bdoc", toPath: dir + "/sub/b.bdoc")
        for name in ["x.xml", "y.xml", "sub/old.ddoc", "README"] { try write("not a container\n", to: dir + "/" + name) }
        let result = try CLI.run(["validate", "--format", "json"] + OwnVectors.arguments(cache: dir + "-cache") + [dir])
        // A .ddoc is validated as a DDOC (this one is not one: NOT-PROCESSABLE, exit 3).
        #expect(result.stdout.split(separator: "\n").count == 3)
        #expect(result.status == 3)
        #expect(result.stderr.contains("3 files skipped (2 .xml, 1 no extension); --all-files takes them"), "\(result.stderr)")
        let all = try CLI.run(["validate", "--format", "json", "--all-files"] + OwnVectors.arguments(cache: dir + "-cache") + [dir])
        #expect(all.stdout.split(separator: "\n").count == 6)
        #expect(!all.stderr.contains("skipped"))
    }

    /// A missing argument is said first and alone: no trusted list is loaded (nor fetched) for it.
    @Test func argumentErrorsComeBeforeTrustProblems() throws {
        let dir = try scratchFolder()
        let result = try CLI.run(["validate", "--tsl", "http://127.0.0.1:\(closedPort())/lotl.xml", "--tsl-cert",
                                  OwnVectors.root + "/pki/tslsigner.pem", "--cache-dir", dir, dir + "/missing.asice"])
        #expect(result.status == 3)
        #expect(result.stderr == "asic: \(dir)/missing.asice: cannot open: No such file or directory\n", "\(result.stderr)")
    }

    @Test func usageErrorsAreExit64() throws {
        #expect(try CLI.run(["inspect"]).status == 64)
        #expect(try CLI.run(["inspect", "--format", "yaml", "x"]).status == 64)
        #expect(try CLI.run(["frobnicate"]).status == 64)
    }

    /// inspect exits 0 only when everything it checked is intact, 1 when a reference or the
    /// signature value is not (or cannot be checked), 3 when not processable.
    @Test func inspectExitStatusFollowsIntegrity() throws {
        let cases: [(String, Int32)] = [
            ("lt-p256.asice", 0), ("lt-tm.bdoc", 0), ("asics-timestamp.asics", 0), ("lt-two-signatures.asice", 0),
            ("hash-failure.asice", 1), ("digest-value.asice", 1), ("sig-crypto-failure.asice", 1),
            ("signed-data-not-found.asice", 1), ("no-signing-certificate.asice", 1), ("traversal-name.asice", 3),
        ]
        for (name, status) in cases {
            let result = try CLI.run(["inspect", "--quiet", OwnVectors.root + "/containers/" + name])
            #expect(result.status == status, "\(name): \(result.status) \(result.stderr)")
        }
    }

    @Test func outputFileIsAtomicAndUnwritableIsExit73() throws {
        let dir = try scratchFolder()
        let file = try makeContainer(in: dir)
        let report = dir + "/report.json"
        #expect(try CLI.run(["inspect", "--format", "json", "--output", report, file]).status == 1)
        #expect(FileManager.default.fileExists(atPath: report))
        let unwritable = try CLI.run(["inspect", "--output", dir + "/no/such/dir/r.txt", file])
        #expect(unwritable.status == 73)
        #expect(unwritable.stderr.hasPrefix("asic: \(dir)/no/such/dir/r.txt: cannot write report"))
    }

    @Test func extractRefusesToOverwriteUnlessForced() throws {
        let dir = try scratchFolder()
        let file = try makeContainer(in: dir)
        let out = dir + "/out"
        let first = try CLI.run(["extract", file, "--to", out])
        #expect(first.status == 0)
        #expect(try String(contentsOfFile: out + "/hello.txt", encoding: .utf8) == "hello world\n")
        #expect(!FileManager.default.fileExists(atPath: out + "/META-INF"))
        let again = try CLI.run(["extract", file, "--to", out])
        #expect(again.status == 73)
        #expect(again.stderr == "asic: \(out): hello.txt already exists (use --force to overwrite)\n")
        #expect(try CLI.run(["extract", file, "--to", out, "--force", "--quiet"]).status == 0)
        let bad = dir + "/bad.asice"
        try Data("PK\u{3}\u{4}garbage".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(try CLI.run(["extract", bad, "--to", out]).status == 3)
    }
}
