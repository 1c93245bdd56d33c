import Foundation
import TestSupport
import Testing

/// The bundled test PKI (TestVectors/pki), made by TestVectors/generate.py.
private let pki = OwnVectors.root + "/pki"

/// `asic create/sign/extend` refusals: each with its exit code and one line naming the problem,
/// and the container left as it was. (Successful signing is covered by the Signing suite.)
@Suite("asic sign refusals")
struct SignCommandTests {
    let dir: String
    let container: String
    let before: Data

    init() throws {
        dir = NSTemporaryDirectory() + "asic-sign-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("a contract\n".utf8).write(to: URL(fileURLWithPath: dir + "/contract.txt"))
        container = dir + "/c.asice"
        let created = try CLI.run(["create", container, dir + "/contract.txt"])
        #expect(created.status == 0, "\(created.stderr)")
        before = try Data(contentsOf: URL(fileURLWithPath: container))
    }

    func expectUnchanged() throws {
        #expect(try Data(contentsOf: URL(fileURLWithPath: container)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["c.asice", "contract.txt"])
    }

    /// The P-256 test key encrypted with AES-256 under the password "secret", outside the container folder.
    func encryptedKey() throws -> String {
        let encrypted = NSTemporaryDirectory() + "asic-enc-" + UUID().uuidString + ".key"
        try tool(["openssl", "pkey", "-in", pki + "/signer-p256.key", "-aes256", "-passout", "pass:secret", "-out", encrypted])
        return encrypted
    }

    @Test func anEncryptedPEMKeyWithoutPasswordAsksForOneInsteadOfPrompting() throws {
        let encrypted = try encryptedKey()
        defer { try? FileManager.default.removeItem(atPath: encrypted) }
        let result = try CLI.run(["sign", container, "--key", encrypted, "--cert", pki + "/signer-p256.pem", "--level", "B"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("encrypted") && result.stderr.contains("--password"), "\(result.stderr)")
        #expect(!result.stderr.contains("Enter PEM pass phrase"))
        try expectUnchanged()
        let wrong = try CLI.run(["sign", container, "--key", encrypted, "--cert", pki + "/signer-p256.pem", "--level", "B", "--password-env", "ASIC_TEST_PW"],
                                environment: ["ASIC_TEST_PW": "not it"])
        #expect(wrong.status == 4)
        #expect(wrong.stderr.contains("wrong password"), "\(wrong.stderr)")
        let right = try CLI.run(["sign", container, "--key", encrypted, "--cert", pki + "/signer-p256.pem", "--level", "B", "--password-env", "ASIC_TEST_PW"],
                                environment: ["ASIC_TEST_PW": "secret"])
        #expect(right.status == 0, "\(right.stderr)")
    }

    @Test func pssWithAnECKeyIsAUsageError() throws {
        let result = try CLI.run(["sign", container, "--key", pki + "/signer-p256.key", "--cert", pki + "/signer-p256.pem", "--level", "B", "--pss"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--pss needs an RSA key"), "\(result.stderr)")
        try expectUnchanged()
    }

    @Test func aKeyOfAnotherCertificateIsAKeyProblem() throws {
        let result = try CLI.run(["sign", container, "--key", pki + "/signer-p384.key", "--cert", pki + "/signer-p256.pem", "--level", "B"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("does not belong"), "\(result.stderr)")
        try expectUnchanged()
    }

    @Test func anUnreachableTSAIsAServiceFailure() throws {
        let result = try CLI.run(["sign", container, "--key", pki + "/signer-p256.key", "--cert", pki + "/signer-p256.pem",
                                  "--level", "T", "--tsa", "http://127.0.0.1:9/tsa", "--service-timeout", "3"])
        #expect(result.status == 5)
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("cannot be reached"), "\(result.stderr)")
        try expectUnchanged()
    }

    @Test func extendRefusesLevelsItCannotReachAndUnreadableChains() throws {
        let level = try CLI.run(["extend", container, "--to", "B"])
        #expect(level.status == 64)
        let chain = try CLI.run(["extend", container, "--to", "T", "--tsa", "http://127.0.0.1:9/tsa", "--chain", dir + "/missing.pem"])
        #expect(chain.status == 64)
        #expect(chain.stderr.contains("missing.pem"), "\(chain.stderr)")
        let unsigned = try CLI.run(["extend", container, "--to", "T", "--tsa", "http://127.0.0.1:9/tsa"])
        #expect(unsigned.status == 3)
        #expect(unsigned.stderr.contains("no signature"), "\(unsigned.stderr)")
        try expectUnchanged()
    }

    func signB(_ path: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["sign", path, "--key", pki + "/signer-p256.key", "--cert", pki + "/signer-p256.pem", "--level", "B"] + extra,
                    environment: environment)
    }

    @Test func signingKeepsPermissionsAndFollowsSymbolicLinks() throws {
        #expect(chmod(container, 0o600) == 0)
        let link = dir + "/link.asice"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: container)
        let result = try signB(link)
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: container)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == container)
        #expect(try Data(contentsOf: URL(fileURLWithPath: container)) != before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["c.asice", "contract.txt", "link.asice"])
    }

    @Test func aContainerBeingChangedByAnotherProcessIsNotTouched() throws {
        let fd = open(container, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let result = try signB(container)
        #expect(result.status == 73)
        #expect(result.stderr.contains("another process"), "\(result.stderr)")
        try expectUnchanged()
    }

    @Test func passwordsFromWindowsFilesAndUnsetVariables() throws {
        let encrypted = try encryptedKey()
        defer { try? FileManager.default.removeItem(atPath: encrypted) }
        let unset = try CLI.run(["sign", container, "--key", encrypted, "--cert", pki + "/signer-p256.pem", "--level", "B",
                                 "--password-env", "ASIC_TEST_UNSET_VARIABLE"])
        #expect(unset.status == 64)
        #expect(unset.stderr.contains("not set"), "\(unset.stderr)")
        let passwordFile = dir + "/../asic-pw-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        try Data("secret\r\nsecond line\r\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        let crlf = try CLI.run(["sign", container, "--key", encrypted, "--cert", pki + "/signer-p256.pem", "--level", "B",
                                "--password-file", passwordFile])
        #expect(crlf.status == 0, "\(crlf.stderr)")
    }

    @Test func aTimeMarkSignatureIsNotExtended() throws {
        let source = URL(fileURLWithPath: pki).deletingLastPathComponent().appendingPathComponent("containers/lt-tm.bdoc").path
        let tm = dir + "/tm.bdoc"
        try FileManager.default.copyItem(atPath: source, toPath: tm)
        let original = try Data(contentsOf: URL(fileURLWithPath: tm))
        let result = try CLI.run(["extend", tm, "--to", "LTA", "--tsa", "http://127.0.0.1:9/tsa"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("time-mark"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: tm)) == original)
    }

    /// SIGTERM while the TSA keeps us waiting: exit 143, the container as it was, no stage or
    /// temporary file left beside it.
    @Test func aKilledExtendLeavesNothingBehind() throws {
        #expect(try signB(container).status == 0)
        let signed = try Data(contentsOf: URL(fileURLWithPath: container))
        let silent = try Subprocess(["python3", "-c", "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen()\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)"],
                                    stderr: .null)
        defer {
            silent.signal(SIGTERM)
            silent.wait()
        }
        let line = String(decoding: silent.readSome(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try #require(Int(line))
        let extend = try Subprocess([CLI.binary, "extend", container, "--to", "LTA", "--tsa", "http://127.0.0.1:\(port)/tsa", "--service-timeout", "30"],
                                    stdout: .null, stderr: .null)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.contains(".stage-") })
        extend.signal(SIGTERM)
        #expect(extend.wait() == 143)
        #expect(try Data(contentsOf: URL(fileURLWithPath: container)) == signed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["c.asice", "contract.txt"])
    }
}
