import Findings
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// The certificates allowed to sign the list of trusted lists, and where they came from. The first
/// source that exists wins: `--tsl-cert` files, then `$XDG_CONFIG_HOME/asic/lotl-signers/` (else
/// `~/.config/asic/lotl-signers/`), then `/etc/asic/lotl-signers/`, then the set compiled into
/// `asic` (the EU LOTL signers the Commission published; `TrustData/eu-lotl-signers`).
public struct LOTLSigners: Sendable {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case commandLine([String])
        case folder(String)
        case bundled

        public var description: String {
            switch self {
            case let .commandLine(files): "--tsl-cert " + files.joined(separator: ", ")
            case let .folder(path): path
            case .bundled: "the EU LOTL signers bundled with asic"
            }
        }
    }

    public let source: Source
    public let certificates: [Certificate]

    /// The folders a newer set may be installed in, in order of precedence.
    public static func installedFolders() -> [String] {
        let home = getenv("HOME").map { String(cString: $0) } ?? ""
        let config = getenv("XDG_CONFIG_HOME").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return [config + "/asic/lotl-signers", "/etc/asic/lotl-signers"]
    }

    /// Resolves the set by the order of precedence above. Throws when a configured source cannot
    /// be read or holds no certificate (a broken override is never silently replaced).
    public static func resolve(commandLine files: [String], folders: [String] = installedFolders()) throws -> LOTLSigners {
        if !files.isEmpty {
            return LOTLSigners(source: .commandLine(files), certificates: try files.flatMap { try TrustAnchors.load($0).map(\.certificate) })
        }
        for folder in folders where access(folder, F_OK) == 0 {
            let certificates = try TrustAnchors.load(folder).map(\.certificate)
            guard !certificates.isEmpty else {
                throw InputError(key: "tsl.no-signer-certificates", message: "\(folder) holds no certificate; remove it to use the bundled set")
            }
            return LOTLSigners(source: .folder(folder), certificates: certificates)
        }
        return bundled
    }

    /// The set compiled into `asic`.
    public static let bundled = LOTLSigners(
        source: .bundled, certificates: BundledLOTLSigners.certificates.compactMap { Base64.decode($0.base64).flatMap(Certificate.init(der:)) })

    /// Warnings about the set at `now`: a certificate that expires within 90 days, or that has expired.
    public func expiryWarnings(now: Int64) -> [Finding] {
        certificates.compactMap { certificate in
            let name = certificate.subjectAttribute("CN") ?? certificate.subject
            if certificate.notAfter < now {
                return .warning("tsl.signer-expired", "the pinned LOTL signer \(name) expired on \(ISOTime.format(certificate.notAfter))")
            }
            if certificate.notAfter < now + 90 * 86_400 {
                return .warning("tsl.signer-expiring", "the pinned LOTL signer \(name) expires on \(ISOTime.format(certificate.notAfter)) (within 90 days): install a newer set")
            }
            return nil
        }
    }
}
