import Foundation
import TestSupport
import Testing

/// `make install-files` / `make uninstall` into a DESTDIR: the two binaries, the man page and the
/// three completion scripts land under PREFIX, the installed binary validates the bundled sample and
/// finds the service beside it, and uninstall leaves nothing behind.
@Suite("make install")
struct InstallTests {
    @Test func installValidatesTheSampleAndUninstallRemovesEverything() throws {
        let root = URL(fileURLWithPath: OwnVectors.root).deletingLastPathComponent().path
        let dest = try scratchFolder() + "/dest"
        _ = try tool(["make", "--no-print-directory", "-C", root, "install-files", "BIN=\(CLI.binary)", "DESTDIR=\(dest)", "PREFIX=/usr"])
        let files = ["bin/asic", "bin/asic-serve", "share/man/man1/asic.1", "share/bash-completion/completions/asic",
                     "share/zsh/site-functions/_asic", "share/fish/vendor_completions.d/asic.fish"]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: dest + "/usr/" + file), "\(file) not installed")
        }
        let bash = try String(contentsOfFile: dest + "/usr/share/bash-completion/completions/asic", encoding: .utf8)
        #expect(bash.contains("validate") && bash.contains("--tsl"))
        #expect(try CLI.validateSample(with: dest + "/usr/bin/asic", cache: dest + "/cache") == 0)
        let serveHelp = String(decoding: try tool([dest + "/usr/bin/asic", "serve", "--help"]), as: UTF8.self)
        #expect(serveHelp.contains("--max-body"), "asic serve did not start the installed asic-serve: \(serveHelp.prefix(300))")
        _ = try tool(["make", "--no-print-directory", "-C", root, "uninstall", "DESTDIR=\(dest)", "PREFIX=/usr"])
        for file in files {
            #expect(!FileManager.default.fileExists(atPath: dest + "/usr/" + file), "\(file) left behind")
        }
    }
}
