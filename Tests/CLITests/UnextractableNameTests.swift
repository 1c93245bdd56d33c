import Foundation
import TestSupport
import Testing

/// Names no file system can hold, or that need both a file and a folder at one path, are
/// container faults: found when the container is read, before anything is written (exit 3), and
/// every message shows such a name shortened.
@Suite("Names that cannot be extracted")
struct UnextractableNameTests {
    static let builder = """
    import sys, zipfile
    out, kind = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(out, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-e+zip')
        if kind == 'long':
            z.writestr('d/' + 'n' * 65000, 'x')
        elif kind == 'segment':
            z.writestr('s' * 300 + '.txt', 'x')
        elif kind == 'file-and-folder':
            z.writestr('a', 'x')
            z.writestr('a/b.txt', 'y')
        elif kind == 'symlink':
            info = zipfile.ZipInfo('link')
            info.external_attr = (0o120777 << 16)
            z.writestr(info, '/etc')
            z.writestr('link/passwd', 'y')
        z.writestr('META-INF/manifest.xml', '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    """

    @Test(arguments: ["long", "segment", "file-and-folder", "symlink"])
    func refusedBeforeAnythingIsWritten(kind: String) throws {
        let dir = try scratchFolder()
        let path = dir + "/c.asice"
        _ = try tool(["python3", "-c", Self.builder, path, kind])
        let target = dir + "/out"
        let extract = try CLI.run(["extract", path, "--to", target])
        #expect(extract.status == 3, "\(kind): \(extract.status) \(extract.stderr.prefix(300))")
        #expect(extract.stderr.utf8.count < 400, "\(kind): the message repeats the whole name (\(extract.stderr.utf8.count) bytes)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        #expect(written.isEmpty, "\(kind): \(written)")
        let validate = try CLI.run(["validate", "--offline", "--trust-anchors", OwnVectors.root + "/pki/root.pem", path])
        #expect(validate.status == 3)
        #expect(validate.stdout.utf8.count + validate.stderr.utf8.count < 1200)
    }
}
