import Findings
import PKI
import XMLSecurity

extension Container {
    /// Checks the ASiC-S time-stamp token (`META-INF/timestamp.tst`) against the data object,
    /// then each `META-INF/ASiCArchiveManifest*.xml`: its references must be intact and the token
    /// its SigReference names must cover the manifest's bytes (an archive chain, as libdigidocpp's
    /// `SignatureTST` checks it). No trust involved: that is the validation layer's.
    public func verifyTimestampTokens() -> [TokenResult] {
        guard type == .asicS, let archive, let entry = archive.entry(named: "META-INF/timestamp.tst") else { return [] }
        var results = [TokenResult.check(entry: entry, container: self)]
        let manifests = archive.entries.filter { $0.name.hasPrefix("META-INF/ASiCArchiveManifest") && $0.name.hasSuffix(".xml") }
        for manifest in manifests {
            results.append(TokenResult.checkArchiveManifest(manifest, container: self))
        }
        return results
    }
}

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
    /// The token's imprint algorithm, judged against the policy by the validation layer.
    public var imprintAlgorithm: DigestAlgorithm? = nil
    public let findings: [Finding]

    public var crypto: IntegrityOutcome { .of(found: covered != nil, intact: imprintMatches, signature: signatureIntact) }

    static func check(entry: ZipEntry, container: Container) -> TokenResult {
        let name = entry.name
        func result(_ findings: [Finding], covered: String? = nil, token: TimeStampToken? = nil, imprint: Bool = false,
                    intact: Bool? = nil) -> TokenResult {
            TokenResult(file: name, covered: covered, genTime: token?.genTime, imprintMatches: imprint, signatureIntact: intact,
                        tsa: token?.signer() ?? token?.certificates.first, imprintAlgorithm: token?.imprintAlgorithm, findings: findings)
        }
        guard let archive = container.archive, let bytes = try? archive.contents(of: entry) else {
            return result([.error("asic-s.timestamp.unreadable", "\(name) cannot be read", subject: name)])
        }
        guard let token = TimeStampToken.parsed(bytes) else {
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
        let digest = Digest(algorithm)
        do {
            try archive.stream(object.entry) { digest.update($0) }
            imprint = digest.finalize() == token.imprint
            if !imprint {
                findings.append(.error("asic-s.timestamp.imprint-mismatch",
                                       "\(object.name) does not match the hash \(name) time-stamped (changed after time-stamping)", subject: name))
            }
        } catch let error as ZipReadError {
            findings.append(.error(error.key, "\(object.name) cannot be read: \(error.message)", subject: name))
        } catch {
            findings.append(.error("io.read", "\(object.name) cannot be read: \(error)", subject: name))
        }
        if algorithm == .sha1 {
            findings.append(.warning("asic-s.timestamp.weak-digest", "\(name) imprint uses SHA-1", subject: name))
        }
        var intact: Bool?
        switch token.verifySignature() {
        case .valid: intact = true
        case let .invalid(reason):
            intact = false
            findings.append(.error("asic-s.timestamp.signature", "\(name) signature does not verify: \(reason)", subject: name))
        case let .unsupported(reason):
            intact = nil
            findings.append(.warning("asic-s.timestamp.signature-unchecked", "\(name) signature not checked: \(reason)", subject: name))
        }
        if intact == true, let problem = token.unboundSigner() {
            intact = nil
            findings.append(.error("asic-s.timestamp.signer-unbound", "\(name) is not bound to its TSA certificate: \(problem)", subject: name))
        }
        return result(findings, covered: object.name, token: token, imprint: imprint, intact: intact)
    }

    /// An ASiCArchiveManifest and the token that covers it.
    static func checkArchiveManifest(_ manifest: ZipEntry, container: Container) -> TokenResult {
        let name = manifest.name
        guard let archive = container.archive, let bytes = try? archive.contents(of: manifest),
              let document = try? XMLDocument.parse(bytes), let root = document.root, root.is(XMLNamespace.asic, "ASiCManifest") else {
            return TokenResult(file: name, covered: nil, genTime: nil, imprintMatches: false, signatureIntact: nil, tsa: nil,
                               findings: [.error("asic-s.archive-manifest.malformed", "\(name) is not an ASiCManifest", subject: name)])
        }
        var findings: [Finding] = []
        var intact = true
        for reference in root.children(XMLNamespace.asic, "DataObjectReference") {
            let uri = reference.attribute("URI") ?? ""
            guard let target = archive.entry(named: uri),
                  let algorithm = reference.child(XMLNamespace.dsig, "DigestMethod")?.attribute("Algorithm").flatMap(DigestAlgorithm.init(uri:)),
                  let expected = reference.child(XMLNamespace.dsig, "DigestValue").flatMap({ Base64.decode($0.text) }) else {
                intact = false
                findings.append(.error("asic-s.archive-manifest.reference", "\(name): reference \"\(uri)\" cannot be checked", subject: name))
                continue
            }
            let digest = Digest(algorithm)
            do { try archive.stream(target) { digest.update($0) } } catch { intact = false; continue }
            if digest.finalize() != expected {
                intact = false
                findings.append(.error("asic-s.archive-manifest.digest", "\(name): \(uri) changed after it was archived", subject: name))
            }
        }
        guard let sigReference = root.child(XMLNamespace.asic, "SigReference")?.attribute("URI"),
              let tokenEntry = archive.entry(named: sigReference), let tokenBytes = try? archive.contents(of: tokenEntry),
              let token = TimeStampToken.parsed(tokenBytes) else {
            findings.append(.error("asic-s.archive-manifest.no-token", "\(name) names no readable time-stamp token", subject: name))
            return TokenResult(file: name, covered: name, genTime: nil, imprintMatches: false, signatureIntact: nil, tsa: nil, findings: findings)
        }
        var imprint = false
        if let algorithm = token.imprintAlgorithm { imprint = Digest.hash(bytes, algorithm) == token.imprint }
        if !imprint {
            findings.append(.error("asic-s.timestamp.imprint-mismatch", "\(sigReference) does not cover \(name)", subject: sigReference))
        }
        var signature: Bool?
        switch token.verifySignature() {
        case .valid: signature = true
        case .invalid: signature = false
        case .unsupported: signature = nil
        }
        if signature == true, let problem = token.unboundSigner() {
            signature = nil
            findings.append(.error("asic-s.timestamp.signer-unbound", "\(sigReference) is not bound to its TSA certificate: \(problem)",
                                   subject: sigReference))
        }
        return TokenResult(file: sigReference, covered: name, genTime: token.genTime, imprintMatches: imprint && intact,
                           signatureIntact: signature, tsa: token.signer(), imprintAlgorithm: token.imprintAlgorithm, findings: findings)
    }
}
