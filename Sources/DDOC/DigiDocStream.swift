import Findings
import PKI
import XMLSecurity
#if canImport(Glibc)
import Glibc
#endif

/// What streaming computed for one DataFile whose body was never held in memory.
public struct StreamedDataFile: Sendable {
    /// SHA-1 over the canonical start tag with the namespace rule + body + `</DataFile>`.
    let primary: [UInt8]
    /// The same without any namespace (only for a start tag without its own).
    let alternate: [UInt8]?
    /// Digests and size of the decoded content; nil when the body is not valid base64.
    let contentSHA1: [UInt8]?
    public let contentSHA256: [UInt8]?
    public let contentSize: Int?
    /// Where the body lies in the file, for extraction.
    public let bodyRange: Range<Int>
}

/// Reads a DDOC too large to hold whole: one pass in bounded buffers copies everything but the
/// DataFile bodies into a skeleton (signatures and all, byte for byte, for the literal
/// fragments) and digests each body as it streams by, exactly as the tree-based reading would
/// (the canonical start tag, XML end-of-line handling, the closing tag; the decoded content for
/// SK-XML). A body holding markup, an entity or a CDATA section cannot be digested this way and
/// refuses the file (such DDOCs are read whole below the streaming size).
struct DigiDocStream {
    static let chunk = 1 << 20

    enum State {
        case outside
        case body(BodyState)
    }

    final class BodyState {
        let primary: Digest
        let alternate: Digest?
        let sha1 = Digest(.sha1)
        let sha256 = Digest(.sha256)
        var decoder = Base64Stream()
        var lastWasCR = false
        let start: Int
        let closing: [UInt8]
        let decode: Bool

        init(primary: Digest, alternate: Digest?, start: Int, closing: [UInt8], decode: Bool) {
            self.primary = primary
            self.alternate = alternate
            self.start = start
            self.closing = closing
            self.decode = decode
        }
    }

    /// `chunk`: the read size (tests use tiny ones to split every token across reads).
    /// `decode`: also decode the content (its size and digests), which only SK-XML's check and
    /// inspect need; nil decodes it for SK-XML only.
    static func read(path: String, limit: Int, chunk: Int = Self.chunk, decode: Bool? = nil) throws(DDOCRejection) -> (skeleton: [UInt8], files: [StreamedDataFile]) {
        guard let handle = fopen(path, "rb") else {
            throw DDOCRejection(key: "ddoc.unreadable", message: "cannot open: " + String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var skeleton: [UInt8] = []
        var files: [StreamedDataFile] = []
        var pending: [UInt8] = []
        var consumedBefore = 0 // file offset of pending[0]
        var state = State.outside
        var format: DigiDocFormat?
        var buffer = [UInt8](repeating: 0, count: max(chunk, 1))
        var atEnd = false
        while !atEnd || !pending.isEmpty {
            if !atEnd {
                let count = fread(&buffer, 1, buffer.count, handle)
                if count > 0 { pending += buffer[0..<count] }
                if count < buffer.count { atEnd = true }
                guard consumedBefore + pending.count <= limit else {
                    throw DDOCRejection(key: "ddoc.too-large", message: "a DDOC larger than \(limit >> 30) GiB is not read")
                }
            }
            var index = 0
            progress: while index < pending.count {
                switch state {
                case .outside:
                    guard let lt = pending[index...].firstIndex(of: 0x3C) else {
                        skeleton += pending[index...]
                        index = pending.count
                        break progress
                    }
                    skeleton += pending[index..<lt]
                    index = lt
                    // A start tag: read it whole (it may straddle a chunk).
                    guard let end = tagEnd(pending, from: lt) else {
                        if atEnd { throw DDOCRejection(key: "ddoc.malformed", message: "Document malformed or not matching documentType: a tag is not closed") }
                        guard pending.count - lt <= 1 << 16 else { throw DDOCRejection(key: "ddoc.malformed", message: "Document malformed or not matching documentType: a tag longer than 64 KiB") }
                        break progress
                    }
                    let tag = Array(pending[lt...end])
                    // Markup this scanner does not parse (comments, CDATA, declarations, processing
                    // instructions after the XML declaration) could hide a DataFile tag from one of
                    // the two readers, or show it to only one: bodies are paired with elements by
                    // position, so none may exist here.
                    if tag.starts(with: Array("<!DOCTYPE".utf8)) { throw DigiDocFile.doctypeRejection }
                    if tag.count > 1, tag[1] == 0x21 || (tag[1] == 0x3F && !Self.isDeclaration(tag, at: consumedBefore + lt)) {
                        throw DDOCRejection(key: "ddoc.stream-markup",
                                            message: "a comment, CDATA section, declaration or processing instruction cannot be read from a DDOC this large")
                    }
                    skeleton += tag
                    index = end + 1
                    let name = elementName(tag)
                    if localName(name) == "SignedDoc" {
                        format = try signedDocFormat(tag, name: name)
                    } else if localName(name) == "DataFile", tag[tag.count - 2] == 0x2F {
                        throw DDOCRejection(key: "ddoc.stream-markup", message: "an empty DataFile element cannot be read from a DDOC this large")
                    } else if localName(name) == "DataFile" {
                        guard let format else {
                            throw DDOCRejection(key: "ddoc.malformed", message: "Document malformed or not matching documentType: a DataFile outside SignedDoc")
                        }
                        let (primary, alternate) = try canonicalTags(tag, name: name, format: format)
                        state = .body(BodyState(primary: primary, alternate: alternate, start: consumedBefore + index,
                                                closing: Array("</\(name)".utf8), decode: decode ?? format.isSKXML))
                    }
                case let .body(body):
                    // Plain base64 text streams through; the first '<' must be the closing tag.
                    let stop = Self.firstMarkup(pending, from: index)
                    feed(body, pending, index..<stop)
                    index = stop
                    guard index < pending.count else { break progress }
                    guard pending[index] == 0x3C else {
                        throw DDOCRejection(key: "ddoc.stream-markup", message: "a DataFile body with an entity reference cannot be read from a DDOC this large")
                    }
                    guard pending.count - index > body.closing.count || atEnd else { break progress }
                    guard pending[index...].starts(with: body.closing), index + body.closing.count < pending.count,
                          [0x3E, 0x20, 0x09, 0x0A, 0x0D].contains(pending[index + body.closing.count]) else {
                        throw DDOCRejection(key: "ddoc.stream-markup", message: "a DataFile body with markup cannot be read from a DDOC this large")
                    }
                    let closingTag = Array("</DataFile>".utf8)
                    body.primary.update(closingTag)
                    body.alternate?.update(closingTag)
                    let decoded = body.decode && body.decoder.isComplete
                    files.append(StreamedDataFile(primary: body.primary.finalize(), alternate: body.alternate?.finalize(),
                                                  contentSHA1: decoded ? body.sha1.finalize() : nil,
                                                  contentSHA256: decoded ? body.sha256.finalize() : nil,
                                                  contentSize: decoded ? body.decoder.produced : nil,
                                                  bodyRange: body.start..<(consumedBefore + index)))
                    state = .outside
                }
            }
            consumedBefore += index
            pending.removeFirst(index)
            if atEnd, index == 0, !pending.isEmpty {
                throw DDOCRejection(key: "ddoc.malformed", message: "Document malformed or not matching documentType: the file ends inside an element")
            }
        }
        if case .body = state {
            throw DDOCRejection(key: "ddoc.malformed", message: "Document malformed or not matching documentType: a DataFile is not closed")
        }
        return (skeleton, files)
    }

    /// The index of the first `<` or `&` at or after `from` (the end when there is none).
    private static func firstMarkup(_ bytes: [UInt8], from: Int) -> Int {
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress, from < all.count else { return all.count }
            let count = all.count - from
            let lt = find(0x3C, base, from, count) ?? all.count
            return find(0x26, base, from, lt - from) ?? lt
        }
    }

    /// The offset from `base` of the first `byte` in `count` bytes from `from` (memchr).
    private static func find(_ byte: Int32, _ base: UnsafePointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        guard count > 0, let hit = memchr(base + from, byte, count) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    /// XML end-of-line handling (CR LF and lone CR read as LF) into the tag digests, run by run
    /// between carriage returns; every byte into the base64 decoder.
    private static func feed(_ body: BodyState, _ bytes: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        bytes.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[range])
            guard let base = slice.baseAddress else { return }
            var position = 0
            if body.lastWasCR, slice[0] == 0x0A { position = 1 } // the LF of a CR LF split across buffers
            body.lastWasCR = false
            while position < slice.count {
                let rest = slice.count - position
                let cr = find(0x0D, base, position, rest) ?? slice.count
                if cr > position {
                    let run = UnsafeRawBufferPointer(start: base + position, count: cr - position)
                    body.primary.update(run)
                    body.alternate?.update(run)
                }
                guard cr < slice.count else { break }
                body.primary.update([0x0A])
                body.alternate?.update([0x0A])
                if cr + 1 < slice.count {
                    position = slice[cr + 1] == 0x0A ? cr + 2 : cr + 1
                } else {
                    body.lastWasCR = true
                    position = slice.count
                }
            }
            if body.decode {
                body.decoder.decode(slice) { decoded in
                    body.sha1.update(decoded)
                    body.sha256.update(decoded)
                }
            }
        }
    }

    /// Whether `tag` is the XML declaration, at the start of the file (after a UTF-8 byte-order mark).
    private static func isDeclaration(_ tag: [UInt8], at offset: Int) -> Bool {
        (offset == 0 || offset == 3) && tag.starts(with: Array("<?xml".utf8)) && tag.count > 5 && [0x20, 0x09, 0x0A, 0x0D, 0x3F].contains(tag[5])
    }

    /// The index of the `>` closing the tag that starts at `start` (quotes respected), nil when
    /// the buffer ends first. Comments, processing instructions and end tags end at their `>` too.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var quote: UInt8?
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                if index > start + 1, bytes[start + 1] != 0x21, bytes[start + 1] != 0x3F { quote = byte }
            } else if byte == 0x3E {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func elementName(_ tag: [UInt8]) -> String {
        var end = 1
        while end < tag.count, ![0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(tag[end]) { end += 1 }
        return String(decoding: tag[1..<end], as: UTF8.self)
    }

    private static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    private static func signedDocFormat(_ tag: [UInt8], name: String) throws(DDOCRejection) -> DigiDocFormat {
        guard let element = try? XMLDocument.parse(tag + Array("</\(name)>".utf8)).root else {
            throw DDOCRejection(key: "ddoc.malformed", message: "Document malformed or not matching documentType: the SignedDoc start tag cannot be read")
        }
        let formatName = element.attribute("format"), version = element.attribute("version")
        if let problem = DigiDocFormat.problem(format: formatName, version: version) { throw DDOCRejection(key: "ddoc.format", message: problem) }
        return DigiDocFormat(family: DigiDocFormat.Family(rawValue: formatName ?? "") ?? .digidocXML, version: version ?? "")
    }

    /// Two digests started with the canonical start tag: with the namespace rule, and (for a tag
    /// without its own namespace in 1.3) without one.
    private static func canonicalTags(_ tag: [UInt8], name: String, format: DigiDocFormat) throws(DDOCRejection) -> (Digest, Digest?) {
        guard let element = try? XMLDocument.parse(tag + Array("</\(name)>".utf8)).root else {
            throw DDOCRejection(key: "ddoc.malformed", message: "Document malformed or not matching documentType: a DataFile start tag cannot be read")
        }
        let file = DigiDocDataFile(id: "", fileName: "", mimeType: "", contentType: "", attributes: element.attributes,
                                   ownNamespace: element.ownDefaultNamespace, body: "", digestValue: nil)
        let primary = Digest(.sha1)
        primary.update(DataFileDigest.startTag(file, namespace: file.ownNamespace ?? (format.is13 ? DigiDocFormat.namespace13 : nil)))
        guard file.ownNamespace == nil, format.is13 else { return (primary, nil) }
        let alternate = Digest(.sha1)
        alternate.update(DataFileDigest.startTag(file, namespace: nil))
        return (primary, alternate)
    }
}

/// A streaming base64 decoder (whitespace skipped, `=` padding only at the end) that feeds the
/// decoded bytes to digests; any other byte makes the content undecodable.
struct Base64Stream {
    private var quad: UInt32 = 0
    private var count = 0
    private var padding = 0
    private var broken = false
    private(set) var produced = 0
    private var out: [UInt8] = []

    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8).enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ sink: (UnsafeRawBufferPointer) -> Void) {
        guard !broken else { return }
        // A quad completed by this call may have started in an earlier one: room for its 3 bytes too.
        if out.count < bytes.count + 3 { out = [UInt8](repeating: 0, count: bytes.count + 3) }
        var written = 0
        var quad = self.quad, count = self.count, padding = self.padding
        let ok: Bool = out.withUnsafeMutableBufferPointer { target in
            Self.table.withUnsafeBufferPointer { table in
                for byte in bytes {
                    if byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 { continue }
                    if byte == 0x3D {
                        padding += 1
                        guard padding <= 2 else { return false }
                        quad <<= 6
                    } else {
                        let value = table[Int(byte)]
                        guard value >= 0, padding == 0 else { return false }
                        quad = quad << 6 | UInt32(value)
                    }
                    count += 1
                    if count == 4 {
                        target[written] = UInt8(truncatingIfNeeded: quad >> 16)
                        target[written + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                        target[written + 2] = UInt8(truncatingIfNeeded: quad)
                        written += 3 - padding
                        quad = 0
                        count = 0
                    }
                }
                return true
            }
        }
        self.quad = quad
        self.count = count
        self.padding = padding
        guard ok else {
            broken = true
            return
        }
        produced += written
        out.withUnsafeBytes { raw in sink(UnsafeRawBufferPointer(rebasing: raw[0..<written])) }
    }

    /// True when everything fed so far was valid base64 ending on a whole quad.
    var isComplete: Bool { !broken && count == 0 }
}

extension DigiDocStream {
    /// Decodes the base64 body at `range` of the file at `path` into `sink`, in bounded buffers
    /// (extraction of a streamed DataFile). Throws when the body is not valid base64.
    static func decodeBody(path: String, range: Range<Int>, into sink: (UnsafeRawBufferPointer) throws -> Void) throws(DDOCRejection) {
        guard let handle = fopen(path, "rb") else {
            throw DDOCRejection(key: "ddoc.unreadable", message: "cannot open: " + String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        guard fseeko(handle, off_t(range.lowerBound), SEEK_SET) == 0 else {
            throw DDOCRejection(key: "ddoc.unreadable", message: "cannot read the data file")
        }
        var decoder = Base64Stream()
        var buffer = [UInt8](repeating: 0, count: chunk)
        var left = range.count
        var failure: Error?
        while left > 0 {
            let count = fread(&buffer, 1, min(buffer.count, left), handle)
            guard count > 0 else { throw DDOCRejection(key: "ddoc.unreadable", message: "the file ended inside a data file") }
            left -= count
            buffer.withUnsafeBufferPointer { all in
                decoder.decode(UnsafeBufferPointer(rebasing: all[0..<count])) { decoded in
                    if failure == nil { do { try sink(decoded) } catch { failure = error } }
                }
            }
            if let failure { throw DDOCRejection(key: "ddoc.write", message: "\(failure)") }
        }
        guard decoder.isComplete else { throw DDOCRejection(key: "ddoc.base64", message: "its base64 content cannot be decoded") }
    }
}
