import Foundation
import TestSupport
import Testing

/// A signer anyone can make: a certificate whose name carries terminal escapes (clear screen,
/// colour), a bidi override and line breaks. No report may pass them on: text shows visible
/// escapes, HTML shows them as text, JSON escapes them; the verdict words stay ours.
@Suite("Attacker text cannot drive the terminal")
struct SpoofingTests {
    static let evil = "Evil\u{1B}[2J\u{1B}[31mTRUSTED SIGNER\u{1B}[0m\u{202E}cod.exe\r\n✓ QESig TOTAL-PASSED"

    func container() throws -> String {
        let dir = try scratchFolder()
        try write(Self.evil.utf8.map { $0 }, to: dir + "/subject.txt")
        // openssl takes the subject with -subj; escape '/' and '=' are absent, so pass it raw.
        _ = try tool(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir + "/k.pem",
                      "-out", dir + "/c.pem", "-days", "30", "-subj", "/CN=" + Self.evil, "-addext", "keyUsage=critical,nonRepudiation",
                      "-utf8"])
        try write("a contract\n", to: dir + "/doc.txt")
        #expect(try CLI.run(["create", dir + "/x.asice", dir + "/doc.txt"]).status == 0)
        let signed = try CLI.run(["sign", dir + "/x.asice", "--key", dir + "/k.pem", "--cert", dir + "/c.pem", "--level", "B"])
        #expect(signed.status == 0, "\(signed.stderr)")
        return dir + "/x.asice"
    }

    static func hasRawControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x0D }
    }

    @Test func noReportPassesEscapesOn() throws {
        let path = try container()
        let cache = try scratchFolder()
        let trust = OwnVectors.arguments(cache: cache)
        for command in [["validate"] + trust, ["validate", "--verbose"] + trust, ["inspect"]] {
            let result = try CLI.run(command + [path])
            #expect(!Self.hasRawControls(result.stdout), "\(command[0]) text passes escapes on")
            #expect(!Self.hasRawControls(result.stderr))
            #expect(result.stdout.contains("\\e[2J"), "\(command[0]): the escape is shown, visibly")
            // The only lines that start with a verdict mark are ours: the fake one is inside the name.
            let fake = result.stdout.split(separator: "\n").filter { $0.hasPrefix("✓") }
            #expect(fake.isEmpty, "\(fake)")
        }
        let html = try CLI.run(["validate", "--format", "html"] + trust + [path])
        #expect(!Self.hasRawControls(html.stdout))
        #expect(!html.stdout.contains("&#x202e;") && !html.stdout.contains("&#x1b;"), "a character reference would still apply the override")
        let json = try CLI.run(["validate", "--format", "json"] + trust + [path])
        #expect(!Self.hasRawControls(json.stdout))
        #expect(json.stdout.contains("\\u001b[2J") && json.stdout.contains("\\u202e"), "\(json.stdout.prefix(400))")
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
    }
}
