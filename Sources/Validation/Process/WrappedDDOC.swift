import ASiC
import DDOC
import Findings

/// A DDOC wrapped in a time-stamped ASiC-S ("TeRa", Estonia's way of keeping SHA-1/RSA-1024
/// DDOC archives provable): the outer time-stamp proves the DDOC existed at its genTime, and the
/// DDOC itself is validated as of then (DDOC validation needs no "now": every check is at its
/// time-mark), both levels reported.
public struct WrappedDDOC: Sendable {
    /// The data file's name inside the ASiC-S.
    public let name: String
    public let validation: DDOCValidation?
    /// Why the wrapped file could not be validated as a DDOC.
    public let rejection: DDOCRejection?
    /// The outer time-stamp's genTime (when it is valid).
    public let provenAt: Int64?

    /// The wrapped DDOC of an ASiC-S whose one data file is a DDOC (by name or content); nil for
    /// any other container. An empty file proves nothing about signatures and is left to the
    /// container rules.
    static func of(_ container: Container, tokens: [TokenValidation], validator: DDOCValidator) -> WrappedDDOC? {
        guard container.type == .asicS, container.dataFiles.count == 1, let archive = container.archive,
              let file = container.dataFiles.first, file.size > 0 else { return nil }
        let proven = tokens.filter { $0.indication == .totalPassed && $0.token.covered == file.name }.compactMap(\.token.genTime).min()
        // A DDOC by name, or by its first bytes (streamed, then stopped: a large data file is not read for this).
        if !file.name.lowercased().hasSuffix(".ddoc") {
            var head: [UInt8] = []
            struct Enough: Error {}
            _ = try? archive.stream(file.entry, chunkSize: 2048) { chunk in
                head += chunk
                throw Enough()
            }
            guard DDOCValidator.looksLikeDDOC(head) else { return nil }
        }
        guard file.size <= UInt64(DigiDocFile.maxBytes), let bytes = try? archive.contents(of: file.entry, limit: DigiDocFile.maxBytes) else {
            return WrappedDDOC(name: file.name, validation: nil, rejection: DDOCRejection(key: "ddoc.too-large", message: "the wrapped DDOC cannot be read"),
                               provenAt: proven)
        }
        do {
            return WrappedDDOC(name: file.name, validation: try validator.validate(bytes, wrapped: true), rejection: nil, provenAt: proven)
        } catch {
            return WrappedDDOC(name: file.name, validation: nil, rejection: error, provenAt: proven)
        }
    }

    /// Why the container cannot pass because of what it wraps.
    var failures: [String] {
        if let rejection { return ["the wrapped file \"\(EntryNameRule.escaped(name))\" is not a DDOC that can be validated: \(rejection.message)"] }
        return (validation?.signatures ?? []).filter { !$0.passed }.map { signature in
            "the wrapped DDOC's signature \(signature.id) is not valid: " + signature.errors.map(\.message).joined(separator: "; ")
        }
    }
}
