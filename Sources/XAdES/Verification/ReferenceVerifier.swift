import Findings
import PKI
import XMLSecurity

/// Resolves each Reference of a signature and checks its digest.
///
/// Same-document references must resolve to exactly one element of the signature file (duplicate
/// Ids are refused as wrapping), and the SignedProperties reference must land on this signature's
/// own SignedProperties. Only canonicalization (and, for bare XML documents, the enveloped
/// signature transform) are allowed. Data references are percent-decoded (`+` stays `+`) and
/// matched byte for byte to the container's data files.
struct ReferenceVerifier {
    let signature: XAdESSignature
    let idIndex: [String: [XMLElement]]
    let data: DataObjects

    /// Data references larger than this are not transformed (XML parsing in memory).

    func verify(_ reference: Reference) -> ReferenceOutcome {
        var findings: [Finding] = []
        let label = signature.label
        let uri = reference.uri ?? ""
        let kind: ReferenceOutcome.Kind = reference.isSignedPropertiesReference ? .signedProperties
            : (reference.isSameDocument ? .other : .dataObject)
        func outcome(found: Bool, intact: Bool, target: String? = nil) -> ReferenceOutcome {
            ReferenceOutcome(uri: uri, id: reference.id, kind: kind, digestAlgorithm: reference.digestMethod,
                             target: target, found: found, intact: intact, findings: findings)
        }
        func fail(_ defect: SignatureDefect, _ message: String, found: Bool, target: String? = nil) -> ReferenceOutcome {
            fail(defect.key, message, found: found, target: target)
        }
        func fail(_ key: String, _ message: String, found: Bool, target: String? = nil) -> ReferenceOutcome {
            findings.append(.error(key, "reference \"\(uri)\": \(message)", subject: label))
            return outcome(found: found, intact: false, target: target)
        }
        guard reference.uri != nil else {
            return fail(.referenceWithoutURI, "has no URI attribute", found: false)
        }
        // Typed as SignedProperties, it must be this signature's SignedProperties, named by Id: a
        // data file or the whole document under that Type would leave the signed attributes unsigned.
        if reference.isSignedPropertiesReference, !uri.hasPrefix("#") {
            return fail(.wrappedSignedProperties, "a SignedProperties reference must point to this signature's SignedProperties by Id",
                        found: false)
        }

        // Resolve to octets to digest (or a stream for plain data objects).
        let octets: [UInt8]
        let targetName: String
        switch ReferenceURI(uri) {
        case let .unsupported(reason):
            return fail(.referenceURIUnsupported, reason, found: false)
        case .wholeDocument:
            guard let method = transformMethod(reference, findings: &findings) else {
                return outcome(found: true, intact: false)
            }
            do {
                octets = try signature.element.document.canonicalized(method.c14n.withoutComments,
                                                                        excluding: method.enveloped ? signature.element : nil)
            } catch {
                return fail("xades.reference.c14n", "cannot canonicalize the document: \(error)", found: true)
            }
            targetName = "(document)"
        case let .fragment(id):
            let matches = idIndex[id] ?? []
            if matches.count > 1 {
                return fail(.duplicateId, "Id \"\(id)\" occurs \(matches.count) times in \(signature.file) (signature wrapping)",
                            found: false)
            }
            guard let element = matches.first else {
                return fail("xades.reference.not-found", "no element has Id \"\(id)\"", found: false)
            }
            if reference.isSignedPropertiesReference {
                guard let own = signature.signedProperties, element.isSame(own) else {
                    return fail(.wrappedSignedProperties, "points to an element that is not this signature's SignedProperties",
                                found: false)
                }
            }
            if !reference.isSignedPropertiesReference, !isSignedObject(element, reference) {
                return fail(.objectOutsideSignature,
                            "#\(id) is not inside a ds:Object or ds:KeyInfo of this signature (an element found elsewhere is not signed data)",
                            found: false)
            }
            if !reference.isSignedPropertiesReference, reference.transforms.map(\.algorithm) == [XAdESURI.base64Transform] {
                // An enveloping signature's Object carried as base64 text (XML-DSig 6.6.2).
                guard let decoded = Base64.decode(element.text) else {
                    return fail("xades.reference.transform", "the content of #\(id) is not base64", found: true, target: "#" + id)
                }
                octets = decoded
            } else {
                guard let method = transformMethod(reference, findings: &findings) else {
                    return outcome(found: true, intact: false, target: "#" + id)
                }
                do {
                    octets = try element.canonicalized(method.c14n.withoutComments,
                                                       excluding: method.enveloped ? signature.element : nil)
                } catch {
                    return fail("xades.reference.c14n", "cannot canonicalize #\(id): \(error)", found: true)
                }
            }
            targetName = "#" + id
        case let .path(decoded, raw):
            var resolved = data.object(named: decoded) ?? data.object(named: raw)
            if resolved == nil, let metadata = data.reservedObject(named: decoded) ?? data.reservedObject(named: raw) {
                // Checked like data so "changed" and "misplaced" stay distinct; the misplacement is an error.
                findings.append(.defect(SignatureDefect.referenceToMetadata, .error,
                                       "reference \"\(uri)\" points to container metadata (\(metadata.name)), not to a data file",
                                       subject: label))
                resolved = metadata
            }
            guard let object = resolved else {
                return fail("xades.reference.not-found", "no data file of that name", found: false)
            }
            guard let algorithm = digestAlgorithm(reference, &findings) else {
                return outcome(found: true, intact: false, target: object.name)
            }
            if reference.transforms.isEmpty {
                switch data.digest(of: object, algorithm) {
                case let .failure(failure):
                    return fail(failure.key, "cannot read \(object.name): \(failure.message)", found: true, target: object.name)
                case let .success(digest):
                    let intact = compare(digest, reference, object.name, &findings)
                    return outcome(found: true, intact: intact, target: object.name)
                }
            }
            // A transform on a data file signs its output, not the file's bytes: a canonicalized XML
            // file can gain comments, another declaration or other quoting after signing and still
            // verify, while what is shown and extracted is the raw file. ASiC-E and BDOC sign the
            // bytes (no Transforms); anything else is refused.
            findings.append(.defect(SignatureDefect.transformUnsupported, .error,
                                    "reference \"\(uri)\" transforms the data file \(object.name) (\(reference.transforms.map(\.algorithm).joined(separator: ", "))): a data file is signed as its bytes, so what is shown would not be what is signed",
                                    subject: label))
            return outcome(found: true, intact: false, target: object.name)
        }
        guard let algorithm = digestAlgorithm(reference, &findings) else {
            return outcome(found: true, intact: false, target: targetName)
        }
        let intact = compare(Digest.hash(octets, algorithm), reference, targetName, &findings)
        return outcome(found: true, intact: intact, target: targetName)
    }

    /// XML signature wrapping defence (DSS): a same-document reference must land in a `ds:Object`
    /// (or `ds:KeyInfo`) that is a direct child of this `ds:Signature`. Exceptions with their own
    /// meaning: an enveloped-signature reference (the enclosing document), and a counter-signature
    /// over the SignatureValue of the signature it counter-signs.
    private func isSignedObject(_ element: XMLElement, _ reference: Reference) -> Bool {
        if reference.transforms.contains(where: { $0.algorithm == XAdESURI.envelopedSignature }) {
            return signature.element.isInside(element)
        }
        if reference.type == XAdESURI.countersignedSignatureType {
            return element.is(XMLNamespace.dsig, "SignatureValue") && signature.element.isInside(element.parent ?? element)
        }
        var current: XMLElement? = element
        while let node = current {
            if let parent = node.parent, parent.isSame(signature.element) {
                return node.is(XMLNamespace.dsig, "Object") || node.is(XMLNamespace.dsig, "KeyInfo")
            }
            current = node.parent
        }
        return false
    }

    /// Compares a computed digest with the signed one; records why when they differ.
    private func compare(_ digest: [UInt8], _ reference: Reference, _ target: String, _ findings: inout [Finding]) -> Bool {
        guard let expected = reference.digestValue else {
            findings.append(.error("xades.reference.no-digest-value", "reference \"\(reference.uri ?? "")\" has no base64 DigestValue",
                                   subject: signature.label))
            return false
        }
        if digest != expected {
            findings.append(.error("xades.reference.digest-mismatch",
                                   "\(target): the content does not match the signed digest (changed after signing)",
                                   subject: signature.label))
            return false
        }
        if reference.digestAlgorithm == .sha1 {
            findings.append(.warning("xades.reference.weak-digest", "reference \"\(reference.uri ?? "")\" uses SHA-1", subject: signature.label))
        }
        return true
    }

    private func digestAlgorithm(_ reference: Reference, _ findings: inout [Finding]) -> DigestAlgorithm? {
        guard let algorithm = reference.digestAlgorithm else {
            findings.append(.error("xades.reference.digest-algorithm",
                                   "reference \"\(reference.uri ?? "")\": unknown digest algorithm \"\(reference.digestMethod ?? "(none)")\"",
                                   subject: signature.label))
            return nil
        }
        return algorithm
    }

    /// The canonicalization a same-document reference is digested with: its C14N transform, or
    /// C14N 1.0 (XML-DSig's node-set to octets default). Anything else is refused.
    private func transformMethod(_ reference: Reference, findings: inout [Finding]) -> (c14n: C14NMethod, enveloped: Bool)? {
        var method: C14NMethod?
        var enveloped = false
        for transform in reference.transforms {
            if let c14n = C14NMethod(uri: transform.algorithm, inclusivePrefixes: transform.inclusivePrefixes), method == nil {
                method = c14n
            } else if transform.algorithm == XAdESURI.envelopedSignature, method == nil, !enveloped {
                enveloped = true
            } else {
                findings.append(.defect(SignatureDefect.transformUnsupported, .error,
                                       "reference \"\(reference.uri ?? "")\": transform \(transform.algorithm) is not allowed",
                                       subject: signature.label))
                return nil
            }
        }
        return (method ?? .inclusive10, enveloped)
    }
}
