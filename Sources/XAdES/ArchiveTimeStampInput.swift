import ASiC
import Findings
import PKI
import XMLSecurity

extension SignedDocument {
    /// Feeds the input of an archive time-stamp (EN 319 132-1 §5.5.2, as the standards digest §3.10
    /// verified it on real LTA containers) into `digest`: every Reference's output in order, then
    /// the canonical SignedInfo, SignatureValue and KeyInfo, the unsigned properties that precede
    /// the stamp, and any ds:Object other than the one holding QualifyingProperties.
    /// Returns false when a part cannot be produced (then the imprint cannot match).
    public func feedArchiveTimeStampInput(_ signature: XAdESSignature, stamp: TimeStampElement, into digest: Digest) -> Bool {
        feedArchiveInput(signature, before: stamp.element,
                         method: stamp.canonicalizationMethod.flatMap { C14NMethod(uri: $0) } ?? .inclusive10, into: digest)
    }

    /// The input for a new archive time-stamp appended after every current unsigned property.
    public func feedNewArchiveTimeStampInput(_ signature: XAdESSignature, method: C14NMethod, into digest: Digest) -> Bool {
        feedArchiveInput(signature, before: nil, method: method, into: digest)
    }

    private func feedArchiveInput(_ signature: XAdESSignature, before stop: XMLElement?, method: C14NMethod, into digest: Digest) -> Bool {
        let data = dataObjects
        let index = idIndex(for: signature)
        for reference in signature.references {
            guard let uri = reference.uri else { return false }
            do {
                switch ReferenceURI(uri) {
                case let .path(decoded, raw):
                    guard reference.transforms.isEmpty,
                          let object = data.object(named: decoded) ?? data.object(named: raw)
                            ?? data.reservedObject(named: decoded) ?? data.reservedObject(named: raw) else { return false }
                    try data.feed(object, into: digest)
                case let .fragment(id):
                    guard let element = index[id], element.count == 1 else { return false }
                    digest.update(try element[0].canonicalized(referenceMethod(reference).withoutComments))
                case .wholeDocument:
                    digest.update(try signature.element.document.canonicalized(referenceMethod(reference).withoutComments,
                                                                               excluding: signature.element))
                case .unsupported:
                    return false
                }
            } catch {
                return false
            }
        }
        do {
            for element in [signature.signedInfo, signature.signatureValueElement, signature.element.ds("KeyInfo")].compactMap({ $0 }) {
                digest.update(try element.canonicalized(method))
            }
            for child in signature.unsigned.element?.children ?? [] {
                if let stop, child.isSame(stop) { break }
                digest.update(try child.canonicalized(method))
            }
            for object in signature.element.children(XMLNamespace.dsig, "Object")
                where object.child(XMLNamespace.xades132, "QualifyingProperties") == nil {
                digest.update(try object.canonicalized(method))
            }
        } catch {
            return false
        }
        return true
    }

    private func referenceMethod(_ reference: Reference) -> C14NMethod {
        reference.transforms.compactMap { C14NMethod(uri: $0.algorithm, inclusivePrefixes: $0.inclusivePrefixes) }.first ?? .inclusive10
    }
}
