import Foundation
import TestSupport
import Testing

/// `scripts/make-deb.sh` (what `make deb` runs on the static release binary) packages the binary
/// it is given: the package names its Debian dependencies, holds the binary, the man page and the
/// completions, and the binary unpacked from it validates the bundled sample.
@Suite("Debian package", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-deb"), "dpkg-deb is absent"))
struct DebianPackageTests {
    @Test func thePackagedBinaryValidatesTheSample() throws {
        let root = URL(fileURLWithPath: OwnVectors.root).deletingLastPathComponent().path
        let dir = try scratchFolder()
        let deb = String(decoding: try tool([root + "/scripts/make-deb.sh", CLI.binary, dir + "/out"]), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(deb.hasSuffix(".deb"))
        let depends = String(decoding: try tool(["dpkg-deb", "-f", deb, "Depends"]), as: UTF8.self)
        for package in ["libc6", "libssl3", "libcurl4", "libxml2", "zlib1g", "libhogweed6", "libnettle8", "libgmp10"] {
            #expect(depends.contains(package + " (>="), "Depends lacks \(package): \(depends)")
        }
        let files = String(decoding: try tool(["dpkg-deb", "-c", deb]), as: UTF8.self)
        for file in ["./usr/bin/asic", "./usr/bin/asic-serve", "./usr/share/man/man1/asic.1.gz", "./usr/share/bash-completion/completions/asic",
                     "./usr/share/zsh/vendor-completions/_asic", "./usr/share/fish/vendor_completions.d/asic.fish",
                     "./usr/share/doc/asic/copyright", "./usr/share/doc/asic/changelog.Debian.gz"] {
            #expect(files.contains(file), "\(file) not packaged")
        }
        _ = try tool(["dpkg-deb", "-x", deb, dir + "/root"])
        #expect(try CLI.validateSample(with: dir + "/root/usr/bin/asic", cache: dir + "/cache") == 0)
        let serveHelp = String(decoding: try tool([dir + "/root/usr/bin/asic", "serve", "--help"]), as: UTF8.self)
        #expect(serveHelp.contains("--max-body"), "asic serve did not start the packaged asic-serve: \(serveHelp.prefix(300))")
    }

    /// libcurl (and the two dozen libraries it pulls in) is opened only when something is fetched:
    /// linked, it cost every run about 4 ms and 440 page faults before `main`.
    @Test func theBinaryDoesNotLinkLibcurl() throws {
        let needed = String(decoding: try tool(["readelf", "-d", CLI.binary]), as: UTF8.self)
        #expect(needed.contains("Shared library: [libssl.so.3]"), "readelf did not list the libraries: \(needed)")
        #expect(!needed.contains("libcurl"), "the binary links libcurl again")
    }
}
