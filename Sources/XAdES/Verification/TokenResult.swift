import ASiC
import Findings
import PKI

/// The trust-free check of an ASiC-S time-stamp token (`META-INF/timestamp.tst`): does its
/// message imprint equal the hash of the data object, and is its CMS signature intact?
public struct TokenResult: Sendable {
    public let file: String
    /// The data object the token must cover.
    public let covered: String?
    public let genTime: Int64?
    public let imprintMatches: Bool
    public let signatureIntact: Bool?
    public let tsa: Certificate?
    public let findings: [Finding]

    public var crypto: CoreResult.Crypto {
        if covered == nil { return .notFound }
        if !imprintMatches { return .hashFailure }
        switch signatureIntact {
        case true?: return .ok
        case false?: return .sigFailure
        case nil: return .undetermined
        }
    }

    static func check(entry: ZipEntry, container: Container, data: DataObjects) -> TokenResult {
        let name = entry.name
        func result(_ findings: [Finding], covered: String? = nil, token: TimeStampToken? = nil, imprint: Bool = false,
                    intact: Bool? = nil) -> TokenResult {
            TokenResult(file: name, covered: covered, genTime: token?.genTime, imprintMatches: imprint, signatureIntact: intact,
                        tsa: token?.certificates.first, findings: findings)
        }
        guard let archive = container.archive, let bytes = try? archive.contents(of: entry) else {
            return result([.error("asic-s.timestamp.unreadable", "\(name) cannot be read", subject: name)])
        }
        guard let token = TimeStampToken(der: bytes) else {
            return result([.error("asic-s.timestamp.malformed", "\(name) is not an RFC 3161 time-stamp token", subject: name)])
        }
        guard let object = container.dataFiles.first, container.dataFiles.count == 1 else {
            return result([.error("asic-s.timestamp.no-data", "no single data object for \(name) to cover", subject: name)], token: token)
        }
        guard let algorithm = token.imprintAlgorithm else {
            return result([.error("asic-s.timestamp.digest-algorithm", "\(name) uses an unknown imprint algorithm", subject: name)],
                          covered: object.name, token: token)
        }
        var findings: [Finding] = []
        var imprint = false
        switch data.digest(of: .entry(object.entry), algorithm) {
        case let .success(digest):
            imprint = digest == token.imprint
            if !imprint {
                findings.append(.error("asic-s.timestamp.imprint-mismatch",
                                       "\(object.name) does not match the hash \(name) time-stamped (changed after time-stamping)", subject: name))
            }
        case let .failure(failure):
            findings.append(.error(failure.key, "\(object.name) cannot be read: \(failure.message)", subject: name))
        }
        if algorithm == .sha1 {
            findings.append(.warning("asic-s.timestamp.weak-digest", "\(name) imprint uses SHA-1", subject: name))
        }
        let intact: Bool?
        switch token.verifySignature() {
        case .valid: intact = true
        case let .invalid(reason):
            intact = false
            findings.append(.error("asic-s.timestamp.signature", "\(name) signature does not verify: \(reason)", subject: name))
        case let .unsupported(reason):
            intact = nil
            findings.append(.warning("asic-s.timestamp.signature-unchecked", "\(name) signature not checked: \(reason)", subject: name))
        }
        return result(findings, covered: object.name, token: token, imprint: imprint, intact: intact)
    }
}
