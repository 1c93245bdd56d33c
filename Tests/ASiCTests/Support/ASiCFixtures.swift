import Foundation

/// Well-formed pieces of an ASiC-E container, to be bent by each test.
enum ASiCFixtures {
    static let asicE = "application/vnd.etsi.asic-e+zip"
    static let asicS = "application/vnd.etsi.asic-s+zip"

    static func manifest(_ files: [(String, String)], root: String = asicE) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
        <manifest:file-entry manifest:full-path="/" manifest:media-type="\(root)"/>

        """
        for (path, type) in files {
            xml += "<manifest:file-entry manifest:full-path=\"\(path)\" manifest:media-type=\"\(type)\"/>\n"
        }
        return xml + "</manifest:manifest>\n"
    }

    static func signatures(count: Int = 1) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        """
        for index in 0..<count {
            xml += "<ds:Signature Id=\"S\(index)\"><ds:SignedInfo/><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>"
        }
        return xml + "</asic:XAdESSignatures>"
    }

    /// mimetype, manifest, the data files, one signature file.
    static func container(_ files: [(String, String)] = [("doc.txt", "hello")]) -> ZipBuilder {
        var zip = ZipBuilder()
        zip.add(.init("mimetype", asicE, method: 0))
        zip.add(.init("META-INF/manifest.xml", manifest(files.map { ($0.0, "text/plain") })))
        for (name, content) in files { zip.add(.init(name, content)) }
        zip.add(.init("META-INF/signatures0.xml", signatures()))
        return zip
    }
}
