import ASiC
import Findings
import PKI
import XMLSecurity

/// Runs the trust-free checks of one signature: references, coverage of the data files,
/// DataObjectFormat against the manifest, signer certificate, signature value.
struct CoreVerifier {
    let signature: XAdESSignature
    let idIndex: [String: [XMLElement]]
    let data: DataObjects
    /// The container, for coverage and media-type checks (nil for a bare XAdES document).
    let container: Container?

    func verify() -> CoreResult {
        let label = signature.label
        var findings = signature.findings
        let referenceVerifier = ReferenceVerifier(signature: signature, idIndex: idIndex, data: data)
        let outcomes = signature.references.map(referenceVerifier.verify)
        findings += outcomes.flatMap(\.findings)
        findings += structureOfReferences(outcomes, label: label)
        if let container { findings += coverage(outcomes, container: container, label: label) }

        let selection = SignerSelector(signature: signature).select()
        findings += selection.findings
        var algorithm: SignatureAlgorithm?
        var intact: Bool?
        if let signer = selection.certificate {
            (intact, algorithm) = checkSignatureValue(signer: signer, findings: &findings)
            if !signer.hasNonRepudiation {
                findings.append(.warning("xades.signer.key-usage",
                                         "the signer certificate's key usage does not include nonRepudiation", subject: label))
            }
        }
        return CoreResult(signature: signature, references: outcomes, signatureIntact: intact, signer: selection.certificate,
                          certificates: selection.pool, signatureAlgorithm: algorithm, profile: Profile(signature),
                          findings: findings)
    }

    /// Exactly one SignedProperties reference (digidoc4j: none → "missing", more → "Multiple
    /// signed properties") and at least one data reference.
    private func structureOfReferences(_ outcomes: [ReferenceOutcome], label: String) -> [Finding] {
        var findings: [Finding] = []
        let signedProperties = outcomes.filter { $0.kind == .signedProperties }.count
        if signedProperties != 1 {
            findings.append(.error("xades.reference.signed-properties-count",
                                   "SignedInfo has \(signedProperties) SignedProperties references, expected exactly 1", subject: label))
        }
        if !outcomes.contains(where: { $0.kind == .dataObject }) && container != nil {
            findings.append(.error("xades.reference.no-data", "the signature references no data file", subject: label))
        }
        return findings
    }

    /// Every data file must be signed by every signature (BDOC, SiVa POLv4 "all files signed"),
    /// and each signed file's DataObjectFormat must state the manifest's media type.
    private func coverage(_ outcomes: [ReferenceOutcome], container: Container, label: String) -> [Finding] {
        var findings: [Finding] = []
        let signed = Set(outcomes.filter { $0.kind == .dataObject && $0.found }.compactMap(\.target))
        for file in container.dataFiles where !signed.contains(file.name) {
            findings.append(.error("xades.datafile.not-signed",
                                   "data file \"\(EntryNameRule.escaped(file.name))\" is not covered by this signature", subject: label))
        }
        let types = Dictionary(container.dataFiles.map { ($0.name, $0.mediaType) }, uniquingKeysWith: { first, _ in first })
        for (reference, outcome) in zip(signature.references, outcomes) where outcome.kind == .dataObject && outcome.found {
            let format = reference.id.flatMap { id in signature.dataObjectFormats.first { $0.objectReference == "#" + id } }
            guard let format else {
                findings.append(.error("xades.data-object-format.missing",
                                       "no DataObjectFormat describes \"\(outcome.target ?? outcome.uri)\"", subject: label))
                continue
            }
            if container.type == .asicE, let target = outcome.target, let manifestType = types[target] ?? nil,
               let signedType = format.mimeType, signedType != manifestType {
                findings.append(.error("xades.data-object-format.mime-mismatch",
                                       "\"\(target)\" is signed as \(signedType) but the manifest says \(manifestType)", subject: label))
            }
        }
        return findings
    }

    /// Canonicalizes SignedInfo in its document and verifies SignatureValue with the signer's key.
    private func checkSignatureValue(signer: Certificate, findings: inout [Finding]) -> (Bool?, SignatureAlgorithm?) {
        let label = signature.label
        let algorithm = signature.signatureMethod.flatMap { SignatureAlgorithm(uri: $0, pssParameters: signature.pssParameters) }
        guard let signedInfo = signature.signedInfo, let value = signature.signatureValue else { return (false, algorithm) }
        guard let c14nURI = signature.canonicalizationMethod, let method = C14NMethod(uri: c14nURI, inclusivePrefixes: prefixes()) else {
            findings.append(.error("xades.signed-info.c14n-unsupported",
                                   "SignedInfo canonicalization \"\(signature.canonicalizationMethod ?? "(none)")\" is not allowed", subject: label))
            return (false, nil)
        }
        guard let algorithm else {
            findings.append(.error("xades.signature-method.unsupported",
                                   "signature method \"\(signature.signatureMethod ?? "(none)")\" is not supported", subject: label))
            return (nil, nil)
        }
        guard let key = signer.publicKey else {
            findings.append(.error("xades.signer.key", "the signer certificate's public key cannot be read", subject: label))
            return (nil, algorithm)
        }
        let octets: [UInt8]
        do {
            octets = try signedInfo.canonicalized(method)
        } catch {
            findings.append(.error("xades.signed-info.c14n", "cannot canonicalize SignedInfo: \(error)", subject: label))
            return (false, algorithm)
        }
        var notes = SignatureVerifier.Notes()
        let check = SignatureVerifier.verify(value, over: octets, key: key, algorithm: algorithm, notes: &notes)
        if notes.ecdsaWasDER {
            findings.append(.warning("xades.signature-value.der-ecdsa", "the ECDSA value is DER-encoded, not r‖s", subject: label))
        }
        if algorithm.isWeak {
            findings.append(.warning("xades.signature-method.weak", "the signature uses \(algorithm.name) (SHA-1)", subject: label))
        }
        switch check {
        case .valid:
            return (true, algorithm)
        case let .invalid(reason):
            findings.append(.error("xades.signature-value.invalid",
                                   "the signature value does not verify with the signer's key (\(reason))", subject: label))
            return (false, algorithm)
        case let .unsupported(reason):
            findings.append(.error("xades.signature-value.unsupported", reason, subject: label))
            return (nil, algorithm)
        }
    }

    private func prefixes() -> [String] {
        signature.signedInfo?.ds("CanonicalizationMethod")?.children.first { $0.localName == "InclusiveNamespaces" }?
            .attribute("PrefixList")?.split(separator: " ").map(String.init) ?? []
    }
}
