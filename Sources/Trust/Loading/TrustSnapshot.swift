import Findings
import PKI

/// What validation needs from a verified set of trusted lists (the services with their
/// certificates, history and qualifications, and the findings of loading them), kept on disk so
/// that the next process skips parsing and re-verifying every XML list.
///
/// It is a pure function of its inputs: the bytes of every list read (LOTL, pivots, national
/// lists, by location and SHA-256) and the pinned signers. A process uses it only after reading
/// the same documents again and finding the same digests, so an edited, re-fetched or replaced
/// list always goes through full verification. Time-dependent findings (expiry) are recomputed
/// from the stored NextUpdates at each use. The file carries a format version and a SHA-256 of
/// its content: another format, a truncated or altered file is ignored, never trusted.
struct TrustSnapshot {
    /// Bumped whenever the encoding or what it means changes.
    static let formatVersion: UInt32 = 2
    /// The name hashes stored are OpenSSL's: a snapshot made with another OpenSSL is not used.
    static var magic: [UInt8] { Array("asic-trust-snapshot\n\(OpenSSLVersion.text)\n".utf8) }

    struct Input: Equatable {
        let location: String
        let sha256: [UInt8]
    }

    struct ListExpiry {
        let location: String
        let nextUpdate: Int64?
    }

    let signers: [UInt8]
    let inputs: [Input]
    let expiries: [ListExpiry]
    let findings: [Finding]
    let services: [TrustedList.Service]

    /// The cache file's name for a starting list and its pinned signers.
    static func fileName(listOfLists: String, signers: [Certificate]) -> String {
        "verified-" + Digest.hash(Array(listOfLists.utf8) + signerFingerprint(signers), .sha256).hexString.prefix(32) + ".bin"
    }

    static func signerFingerprint(_ signers: [Certificate]) -> [UInt8] {
        Digest.hash(signers.map(\.sha256Hex).sorted().joined(separator: ",").utf8.map { $0 }, .sha256)
    }

    /// The findings to show now: the stored ones and the expiry of each list at `now`.
    func findings(at now: Int64) -> [Finding] {
        findings + expiries.compactMap { list in
            guard let next = list.nextUpdate, next < now else { return nil }
            return .warning("tsl.expired", "NextUpdate \(ISOTime.format(next)) has passed", subject: list.location)
        }
    }

    // MARK: encoding

    func encoded() -> [UInt8] {
        var out = SnapshotWriter()
        out.bytes(signers)
        out.list(inputs) { out, input in
            out.string(input.location)
            out.bytes(input.sha256)
        }
        out.list(expiries) { out, list in
            out.string(list.location)
            out.optionalInt(list.nextUpdate)
        }
        out.list(findings) { out, finding in
            out.string(finding.level.rawValue)
            out.string(finding.key)
            out.string(finding.message)
            out.optionalString(finding.subject)
        }
        out.list(services) { out, service in
            out.string(service.provider)
            out.string(service.providerKey)
            out.state(service.current)
            out.list(service.history) { out, state in out.state(state) }
            let store = service.certificateStore
            out.list(Array(0..<store.count)) { out, index in
                out.bytes(store.ders[index])
                out.int(Int64(bitPattern: UInt64(store.nameHashes[index])))
            }
            out.list(service.subjectKeyIdentifiers) { out, ski in out.bytes(ski) }
        }
        // The strings first, each once: the body refers to them by number (type and status URIs,
        // service names repeat in every history instance), so decoding allocates each once.
        var strings = SnapshotWriter()
        strings.count(out.table.count)
        for string in out.table { strings.bytes(Array(string.utf8)) }
        let body = strings.buffer + out.buffer
        var header = SnapshotWriter()
        header.raw(Self.magic)
        header.int(Int64(Self.formatVersion))
        header.bytes(Digest.hash(body, .sha256))
        return header.buffer + body
    }

    /// Nil for anything that is not a complete snapshot of this format (never a partial one).
    static func decode(_ data: [UInt8]) -> TrustSnapshot? {
        var header = SnapshotReader(data)
        guard header.raw(magic.count) == magic, header.int() == Int64(formatVersion), let digest = header.bytes() else { return nil }
        let hasher = Digest(.sha256)
        data.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[header.offset...])) }
        guard hasher.finalize() == digest else { return nil }
        var input = SnapshotReader(data, from: header.offset)
        guard input.readStringTable() else { return nil }
        return input.snapshot()
    }
}

/// Appends length-prefixed fields (little-endian integers, counted byte strings).
struct SnapshotWriter {
    var buffer: [UInt8] = []
    /// Distinct strings in order of first use; `string` writes an index into it.
    private(set) var table: [String] = []
    private var numbers: [String: Int] = [:]

    mutating func raw(_ bytes: [UInt8]) { buffer += bytes }

    mutating func int(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { buffer += $0 }
    }

    mutating func count(_ value: Int) { int(Int64(value)) }

    mutating func bytes(_ value: [UInt8]) {
        count(value.count)
        buffer += value
    }

    /// A count, then each element as `body` writes it (what ``SnapshotReader/list(_:)`` reads).
    mutating func list<T>(_ items: [T], _ body: (inout SnapshotWriter, T) -> Void) {
        count(items.count)
        for item in items { body(&self, item) }
    }

    mutating func string(_ value: String) {
        if let number = numbers[value] { return count(number) }
        numbers[value] = table.count
        count(table.count)
        table.append(value)
    }

    mutating func optionalString(_ value: String?) {
        int(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    mutating func optionalInt(_ value: Int64?) {
        int(value == nil ? 0 : 1)
        if let value { int(value) }
    }

    mutating func state(_ state: TrustedList.ServiceState) {
        string(state.type)
        string(state.name)
        string(state.status)
        int(state.statusStart)
        list(state.additionalServiceInfo) { out, uri in out.string(uri) }
        list(state.qualifications) { out, qualification in
            out.list(qualification.qualifiers) { out, qualifier in out.string(qualifier) }
            out.criteria(qualification.criteria)
        }
    }

    mutating func criteria(_ criteria: TrustedList.Criteria) {
        switch criteria {
        case let .unknown(why):
            int(0)
            string(why)
        case let .list(assert, keyUsage, policySets, nested):
            int(1)
            string(assert)
            list(keyUsage) { out, usage in
                out.string(usage.bit)
                out.int(usage.value ? 1 : 0)
            }
            list(policySets) { out, set in out.list(set) { out, oid in out.string(oid) } }
            list(nested) { out, inner in out.criteria(inner) }
        }
    }
}

/// Reads what ``SnapshotWriter`` wrote; every read is bounds-checked and yields nil past the end
/// or on an implausible count, so a damaged file decodes to nothing.
struct SnapshotReader {
    private let data: [UInt8]
    private(set) var offset = 0
    private var table: [String] = []

    init(_ data: [UInt8], from offset: Int = 0) {
        self.data = data
        self.offset = offset
    }

    mutating func raw(_ length: Int) -> [UInt8]? {
        guard length >= 0, length <= data.count - offset else { return nil }
        defer { offset += length }
        return Array(data[offset..<offset + length])
    }

    mutating func int() -> Int64? {
        guard data.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return Int64(littleEndian: data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int64.self) })
    }

    /// A count no larger than the bytes left (each element takes at least one byte).
    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= Int64(data.count - offset) else { return nil }
        return Int(value)
    }

    mutating func bytes() -> [UInt8]? {
        guard let length = count() else { return nil }
        return raw(length)
    }

    /// The string table that precedes the body.
    mutating func readStringTable() -> Bool {
        guard let count = count() else { return false }
        table.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = self.count(), length <= data.count - offset,
                  let string = String(validating: data[offset..<offset + length], as: UTF8.self) else { return false }
            offset += length
            table.append(string)
        }
        return true
    }

    mutating func string() -> String? {
        guard let number = int(), number >= 0, number < Int64(table.count) else { return nil }
        return table[Int(number)]
    }

    mutating func optionalString() -> String?? {
        switch int() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }

    mutating func optionalInt() -> Int64?? {
        switch int() {
        case 0: return .some(nil)
        case 1: return int().map { .some($0) }
        default: return nil
        }
    }

    mutating func list<T>(_ element: (inout SnapshotReader) -> T?) -> [T]? {
        guard let count = count() else { return nil }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = element(&self) else { return nil }
            out.append(value)
        }
        return out
    }

    mutating func state() -> TrustedList.ServiceState? {
        guard let type = string(), let name = string(), let status = string(), let start = int(),
              let additional = list({ $0.string() }),
              let qualifications = list({ reader -> TrustedList.Qualification? in
                  guard let qualifiers = reader.list({ $0.string() }), let criteria = reader.criteria() else { return nil }
                  return TrustedList.Qualification(qualifiers: qualifiers, criteria: criteria)
              }) else { return nil }
        return TrustedList.ServiceState(type: type, name: name, status: status, statusStart: start,
                                        additionalServiceInfo: additional, qualifications: qualifications)
    }

    mutating func criteria(depth: Int = 0) -> TrustedList.Criteria? {
        guard depth < 16 else { return nil }
        switch int() {
        case 0: return string().map { .unknown($0) }
        case 1:
            guard let assert = string(),
                  let keyUsage = list({ reader -> (bit: String, value: Bool)? in
                      guard let bit = reader.string(), let value = reader.int(), value == 0 || value == 1 else { return nil }
                      return (bit, value == 1)
                  }),
                  let policySets = list({ $0.list({ $0.string() }) }),
                  let nested = list({ $0.criteria(depth: depth + 1) }) else { return nil }
            return .list(assert: assert, keyUsage: keyUsage, policySets: policySets, nested: nested)
        default: return nil
        }
    }

    mutating func snapshot() -> TrustSnapshot? {
        guard let signers = bytes(),
              let inputs = list({ reader -> TrustSnapshot.Input? in
                  guard let location = reader.string(), let digest = reader.bytes() else { return nil }
                  return TrustSnapshot.Input(location: location, sha256: digest)
              }),
              let expiries = list({ reader -> TrustSnapshot.ListExpiry? in
                  guard let location = reader.string(), let next = reader.optionalInt() else { return nil }
                  return TrustSnapshot.ListExpiry(location: location, nextUpdate: next)
              }),
              let findings = list({ reader -> Finding? in
                  guard let levelName = reader.string(), let level = FindingLevel(rawValue: levelName), let key = reader.string(),
                        let message = reader.string(), let subject = reader.optionalString() else { return nil }
                  return Finding(key: key, level: level, message: message, subject: subject)
              }),
              let services = list({ reader -> TrustedList.Service? in
                  guard let provider = reader.string(), let providerKey = reader.string(), let current = reader.state(),
                        let history = reader.list({ $0.state() }),
                        let certificates = reader.list({ reader -> ([UInt8], UInt)? in
                            guard let der = reader.bytes(), let hash = reader.int() else { return nil }
                            return (der, UInt(UInt64(bitPattern: hash)))
                        }),
                        let skis = reader.list({ $0.bytes() }) else { return nil }
                  return TrustedList.Service(provider: provider, providerKey: providerKey, current: current, history: history,
                                             certificateStore: ServiceCertificates(ders: certificates.map(\.0), nameHashes: certificates.map(\.1)),
                                             subjectKeyIdentifiers: skis)
              }),
              offset == data.count else { return nil }
        return TrustSnapshot(signers: signers, inputs: inputs, expiries: expiries, findings: findings, services: services)
    }
}
