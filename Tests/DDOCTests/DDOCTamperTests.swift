import DDOC
import Foundation
import TestSupport
import Testing
import Trust

/// Every byte the signature or its time-mark protects, changed in every DDOC that validates:
/// the data, SignedInfo, SignedProperties, the SignatureValue, the OCSP response, the nonce
/// binding (another file's time-mark), and unsigned additions. No mutant may pass.
@Suite("DDOC: every mutant of a valid DDOC is refused")
struct DDOCTamperTests {
    /// The content of the first `<tag …>` … `</tag>` (any prefix) at or after `from`.
    static func content(_ bytes: [UInt8], _ tag: String, from: Int = 0) -> Range<Int>? {
        let open = Array("<\(tag)".utf8)
        var index = from
        while index + open.count < bytes.count {
            if bytes[index..<(index + open.count)].elementsEqual(open), [0x20, 0x3E, 0x0A, 0x0D, 0x09].contains(bytes[index + open.count]),
               let gt = bytes[index...].firstIndex(of: 0x3E) {
                let close = Array("</\(tag)>".utf8)
                var end = gt + 1
                while end + close.count <= bytes.count, !bytes[end..<(end + close.count)].elementsEqual(close) { end += 1 }
                return end + close.count <= bytes.count ? (gt + 1)..<end : nil
            }
            index += 1
        }
        return nil
    }

    static func find(_ bytes: [UInt8], _ text: String) -> Int? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// Changes one base64 character near the middle of `range` to another base64 character.
    static func flip(_ bytes: [UInt8], in range: Range<Int>) -> [UInt8]? {
        var out = bytes
        var index = range.lowerBound + range.count / 2
        while index < range.upperBound {
            let byte = out[index]
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                out[index] = byte == 0x41 ? 0x42 : (byte == 0x61 ? 0x62 : byte - 1)
                return out
            }
            index += 1
        }
        return nil
    }

    static func mutants(_ bytes: [UInt8], donor: [UInt8]?) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        func add(_ name: String, _ mutant: [UInt8]?) { if let mutant { result.append((name, mutant)) } }
        if let data = content(bytes, "DataFile"), !data.isEmpty { add("data file content", flip(bytes, in: data)) }
        if let info = content(bytes, "SignedInfo"), let digest = content(bytes, "DigestValue", from: info.lowerBound), digest.upperBound < info.upperBound {
            add("SignedInfo reference digest", flip(bytes, in: digest))
        }
        if let time = content(bytes, "SigningTime") {
            var mutant = bytes
            let position = time.upperBound - 4
            mutant[position] = mutant[position] == 0x31 ? 0x32 : 0x31
            add("SignedProperties SigningTime", mutant)
        }
        if let value = content(bytes, "SignatureValue") { add("SignatureValue", flip(bytes, in: value)) }
        // The genuine SignedProperties kept where only a byte scanner sees it (a comment), or a
        // second copy before it, and the real one changed: what is digested must be what is read.
        if let time = content(bytes, "SigningTime"), let start = find(bytes, "<SignedProperties"), let end = find(bytes, "</SignedProperties>") {
            let genuine = Array(bytes[start..<(end + 19)])
            var changed = bytes
            changed[time.upperBound - 4] = changed[time.upperBound - 4] == 0x31 ? 0x32 : 0x31
            if let keyInfo = find(changed, "<KeyInfo") {
                add("genuine SignedProperties in a comment", Array(changed[..<keyInfo]) + Array("<!--".utf8) + genuine + Array("-->".utf8) + Array(changed[keyInfo...]))
                add("a second SignedProperties before the real one", Array(changed[..<keyInfo]) + genuine + Array(changed[keyInfo...]))
            }
        }
        if let ocsp = content(bytes, "EncapsulatedOCSPValue") {
            add("OCSP response bytes", flip(bytes, in: ocsp))
            add("OCSP removed", Array(bytes[..<ocsp.lowerBound]) + Array(bytes[ocsp.upperBound...]))
            // Another signature's time-mark (not a copy of this one's: hashcode twins share it).
            if let donor, let other = content(donor, "EncapsulatedOCSPValue"), !donor[other].elementsEqual(bytes[ocsp]) {
                add("OCSP of another signature", Array(bytes[..<ocsp.lowerBound]) + Array(donor[other]) + Array(bytes[ocsp.upperBound...]))
            }
        }
        // The time-mark's responder: the reference to its certificate, and the certificate carried.
        if let refs = content(bytes, "CompleteCertificateRefs"), let digest = content(bytes, "DigestValue", from: refs.lowerBound),
           digest.upperBound < refs.upperBound {
            add("responder certificate reference", flip(bytes, in: digest))
        }
        if let responder = content(bytes, "EncapsulatedX509Certificate") { add("responder certificate bytes", flip(bytes, in: responder)) }
        if let signedDoc = bytes.firstIndex(of: 0x3E).flatMap({ first in bytes[(first + 1)...].firstIndex(of: 0x3E) }) {
            // A DataFile no signature covers, right after the SignedDoc start tag.
            let extra = Array("<DataFile ContentType=\"EMBEDDED_BASE64\" Filename=\"extra.txt\" Id=\"D9\" MimeType=\"text/plain\" Size=\"2\">aGk=</DataFile>\n".utf8)
            add("unsigned DataFile added", Array(bytes[...signedDoc]) + extra + Array(bytes[(signedDoc + 1)...]))
        }
        return result
    }

    /// Our own valid vectors, so the check runs without the shared corpus too.
    @Test func everyMutantOfTheOwnValidVectorsIsRefused() throws {
        let corpus = try #require(OwnDDOCVectorTests.corpus)
        try Self.refuseMutants(corpus, trust: { _ in try OwnDDOCVectorTests.trust() })
    }

    @Test func everyMutantOfTheSharedValidFilesIsRefused() throws {
        guard let corpus = DDOCCorpusTests.corpus else { return }
        let test = try DDOCCorpusTests.testTrust(corpus)
        try Self.refuseMutants(corpus, trust: { $0.trust == "test-tl" ? test : DDOCTrust.bundled })
    }

    static func refuseMutants(_ corpus: SharedCorpus, trust: (SharedCorpus.Row) throws -> DDOCTrust) throws {
        var bases = 0, count = 0, problems: [String] = []
        let rows = corpus.rows.filter { $0.expect == "valid" || $0.expect == "warning" }
        let files = try rows.map { try readBytes(corpus.root + "/" + $0.path) }
        for (index, row) in rows.enumerated() {
            let validator = DDOCValidator(trust: try trust(row))
            guard (try? validator.validate(files[index]))?.verdict == .passed else {
                problems.append("\(row.path): the base itself does not pass")
                continue
            }
            bases += 1
            for (name, mutant) in Self.mutants(files[index], donor: files[(index + 1) % files.count]) {
                count += 1
                if (try? validator.validate(mutant))?.verdict == .passed { problems.append("\(row.path): \(name) passed") }
            }
        }
        print("DDOC tamper: \(bases) bases, \(count) mutants")
        #expect(count > bases * 6)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
