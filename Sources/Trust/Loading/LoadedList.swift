import Findings
import PKI
import XMLSecurity

/// A trusted list as loaded: where it came from, whether its signature holds, whether it is fresh.
public struct LoadedList: Sendable {
    public enum Origin: String, Sendable {
        case file, cache, network
    }

    public let location: String
    public let origin: Origin
    /// Nil when the bytes could not be parsed as a trusted list.
    public let list: TrustedList?
    public let signature: TrustedListSignature
    public let findings: [Finding]
    /// SHA-256 of the bytes read (nil when none were).
    public internal(set) var sha256: [UInt8]? = nil

    /// True when the list may be used: parsed and its signature verified.
    public var isUsable: Bool { list != nil && signature.isValid }

    /// True when NextUpdate lies before `time`.
    public func isExpired(at time: Int64) -> Bool {
        guard let next = list?.nextUpdate else { return false }
        return next < time
    }

    /// Parses and verifies one list's bytes.
    static func read(bytes: [UInt8], location: String, origin: Origin, allowed: [Certificate], at time: Int64) -> LoadedList {
        var findings: [Finding] = []
        let list: TrustedList?
        do {
            let document = try XMLDocument.parse(bytes, limits: XMLLimits(maxBytes: 32 << 20, maxNamespacesPerDocument: 1 << 16))
            list = try TrustedListParser.parse(document, source: location)
        } catch let error as InputError {
            findings.append(.error(error.key, error.message, subject: location))
            list = nil
        } catch {
            findings.append(.error("tsl.malformed", "\(error)", subject: location))
            list = nil
        }
        let signature = list == nil
            ? TrustedListSignature(isValid: false, signer: nil, problem: "not a trusted list")
            : TrustedListSignature.verify(bytes: bytes, source: location, allowed: allowed)
        if list != nil, !signature.isValid {
            findings.append(.error("tsl.signature-invalid",
                                   "the list's signature is not valid (\(signature.problem ?? "unknown")); the list is not used",
                                   subject: location))
        }
        if let next = list?.nextUpdate, next < time {
            findings.append(.warning("tsl.expired", "NextUpdate \(ISOTime.format(next)) has passed", subject: location))
        }
        var loaded = LoadedList(location: location, origin: origin, list: list, signature: signature, findings: findings)
        loaded.sha256 = Digest.hash(bytes, .sha256)
        return loaded
    }
}
