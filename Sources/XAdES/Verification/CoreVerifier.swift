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
        if signature.signedInfo != nil,
           signature.canonicalizationMethod.flatMap({ C14NMethod(uri: $0, inclusivePrefixes: prefixes()) }) == nil {
            findings.append(.defect(SignatureDefect.canonicalizationUnsupported, .error,
                                    "SignedInfo canonicalization \"\(signature.canonicalizationMethod ?? "(none)")\" is not allowed", subject: label))
        }
        if let container { findings += coverage(outcomes, container: container, label: label) }

        let selection = SignerSelector(signature: signature).select()
        findings += selection.findings
        var algorithm: SignatureAlgorithm?
        var value = SignatureValueOutcome.noSigner
        var notes: [Finding] = []
        if let signer = selection.certificate {
            (value, algorithm) = checkSignatureValue(signer: signer, notes: &notes)
            if value != .valid {
                findings.append(.error(value.findingKey, value.reason, subject: label))
            }
            if !signer.hasNonRepudiation {
                findings.append(.warning("xades.signer.key-usage",
                                         "the signer certificate's key usage does not include nonRepudiation", subject: label))
            }
            if let algorithm, algorithm.isWeak {
                findings.append(.warning("xades.signature-method.weak", "the signature uses \(algorithm.name) (SHA-1)", subject: label))
            }
        }
        return CoreResult(signature: signature, references: outcomes, signatureValue: value, signer: selection.certificate,
                          signerIdentification: selection.identification, certificates: selection.pool, signatureAlgorithm: algorithm,
                          profile: Profile(signature), findings: (findings + notes).aggregated())
    }

    /// Exactly one SignedProperties reference (digidoc4j: none → "missing", more → "Multiple
    /// signed properties") and at least one data reference.
    private func structureOfReferences(_ outcomes: [ReferenceOutcome], label: String) -> [Finding] {
        var findings: [Finding] = []
        let signedProperties = outcomes.filter { $0.kind == .signedProperties }.count
        if signedProperties != 1 {
            findings.append(.defect(SignatureDefect.signedPropertiesReferenceCount, .error,
                                   "SignedInfo has \(signedProperties) SignedProperties references, expected exactly 1", subject: label))
        }
        if !outcomes.contains(where: { $0.kind == .dataObject }) && container != nil {
            findings.append(.defect(SignatureDefect.noDataReference, .error, "the signature references no data file", subject: label))
        }
        return findings
    }

    /// Every data file must be signed by every signature (BDOC, SiVa POLv4 "all files signed"),
    /// and each signed file's DataObjectFormat must state the manifest's media type.
    private func coverage(_ outcomes: [ReferenceOutcome], container: Container, label: String) -> [Finding] {
        var findings: [Finding] = []
        let signed = Set(outcomes.filter { $0.kind == .dataObject && $0.found }.compactMap(\.target))
        for file in container.dataFiles where !signed.contains(file.name) {
            findings.append(.defect(SignatureDefect.dataFileNotSigned, .error,
                                   "data file \"\(EntryNameRule.escaped(file.name))\" is not covered by this signature", subject: label))
        }
        let types = Dictionary(container.dataFiles.map { ($0.name, $0.mediaType) }, uniquingKeysWith: { first, _ in first })
        for (reference, outcome) in zip(signature.references, outcomes) where outcome.kind == .dataObject && outcome.found {
            let format = reference.id.flatMap { id in signature.dataObjectFormats.first { $0.objectReference == "#" + id } }
            guard let format else {
                findings.append(.defect(SignatureDefect.dataObjectFormatMissing, .error,
                                       "no DataObjectFormat describes \"\(outcome.target ?? outcome.uri)\"", subject: label))
                continue
            }
            if container.type == .asicE, let target = outcome.target, let manifestType = types[target] ?? nil,
               let signedType = format.mimeType, signedType != manifestType {
                findings.append(.defect(SignatureDefect.mediaTypeMismatch, .error,
                                       "\"\(target)\" is signed as \(signedType) but the manifest says \(manifestType)", subject: label))
            }
        }
        return findings
    }

    /// Canonicalizes SignedInfo in its document and verifies SignatureValue with the signer's key,
    /// under an allowlisted method that fits the key. Every way it cannot be checked is a typed
    /// failure, never a skip.
    private func checkSignatureValue(signer: Certificate, notes: inout [Finding]) -> (SignatureValueOutcome, SignatureAlgorithm?) {
        guard let uri = signature.signatureMethod, !uri.isEmpty else { return (.methodMissing, nil) }
        guard let algorithm = SignatureAlgorithm(uri: uri, pssParameters: signature.pssParameters) else {
            return (.methodNotAllowed(uri), nil)
        }
        guard let signedInfo = signature.signedInfo else { return (.canonicalizationFailed("no SignedInfo"), algorithm) }
        guard let value = signature.signatureValue else { return (.valueMissing, algorithm) }
        guard !value.isEmpty else { return (.valueEmpty, algorithm) }
        guard let c14nURI = signature.canonicalizationMethod, let method = C14NMethod(uri: c14nURI, inclusivePrefixes: prefixes()) else {
            return (.canonicalizationFailed("method \"\(signature.canonicalizationMethod ?? "(none)")\" is not allowed"), algorithm)
        }
        guard let key = signer.publicKey else { return (.keyUnreadable, algorithm) }
        guard algorithm.fits(key) else {
            return (.methodDoesNotFitKey("\(algorithm.name) cannot be used with a \(key.summary) key"), algorithm)
        }
        let octets: [UInt8]
        do {
            octets = try signedInfo.canonicalized(method)
        } catch {
            return (.canonicalizationFailed("\(error)"), algorithm)
        }
        var verifierNotes = SignatureVerifier.Notes()
        let check = SignatureVerifier.verify(value, over: octets, key: key, algorithm: algorithm, notes: &verifierNotes)
        if verifierNotes.ecdsaWasDER {
            notes.append(.warning("xades.signature-value.der-ecdsa", "the ECDSA value is DER-encoded, not r‖s", subject: signature.label))
        }
        switch check {
        case .valid: return (.valid, algorithm)
        case let .invalid(reason): return (.invalid(reason), algorithm)
        case let .unsupported(reason): return (.valueMalformed(reason), algorithm)
        }
    }

    private func prefixes() -> [String] {
        signature.signedInfo?.ds("CanonicalizationMethod")?.children.first { $0.localName == "InclusiveNamespaces" }?
            .attribute("PrefixList")?.split(separator: " ").map(String.init) ?? []
    }
}
