import ASiC
import Findings
import PKI
import XAdES
import XMLSecurity

/// The verdict on a trusted list's own enveloped signature (TS 119 612 Annex B).
public struct TrustedListSignature: Sendable {
    public let isValid: Bool
    public let signer: Certificate?
    /// Why it is not valid, or nil.
    public let problem: String?

    /// Verifies the XAdES enveloped signature of a trusted list document: one signature, whose data
    /// reference covers the whole list, intact, made by one of `allowed` (byte-equal, as the LOTL
    /// pointer or `--tsl-cert` gives them).
    static func verify(bytes: [UInt8], source: String, allowed: [Certificate]) -> TrustedListSignature {
        let document: SignedDocument
        do {
            document = try SignedDocument(container: Container.xml(bytes: bytes, name: source))
        } catch let error as InputError {
            return TrustedListSignature(isValid: false, signer: nil, problem: error.message)
        } catch {
            return TrustedListSignature(isValid: false, signer: nil, problem: "\(error)")
        }
        guard document.signatures.count == 1, let result = document.verifyCore().first else {
            return TrustedListSignature(isValid: false, signer: nil,
                                        problem: "has \(document.signatures.count) signatures, expected exactly one")
        }
        let root = result.signature.element.document.root
        let rootId = root?.attribute("Id")
        let coversList = result.signature.references.contains { reference in
            guard !reference.isSignedPropertiesReference, let uri = reference.uri else { return false }
            let enveloped = reference.transforms.contains { $0.algorithm == "http://www.w3.org/2000/09/xmldsig#enveloped-signature" }
            return enveloped && (uri.isEmpty || (rootId != nil && uri == "#" + rootId!))
        }
        guard coversList else {
            return TrustedListSignature(isValid: false, signer: result.signer, problem: "the signature does not cover the whole list")
        }
        guard result.isIntact else {
            let why = result.findings.first { $0.level == .error }?.message ?? result.crypto.rawValue
            return TrustedListSignature(isValid: false, signer: result.signer, problem: "the signature does not verify: \(why)")
        }
        guard let signer = result.signer, allowed.contains(signer) else {
            return TrustedListSignature(isValid: false, signer: result.signer,
                                        problem: "signed by \(result.signer?.subject ?? "an unknown key"), which is not a certificate allowed to sign this list")
        }
        return TrustedListSignature(isValid: true, signer: signer, problem: nil)
    }
}
