import PKI
import XMLSecurity

/// One `xades:CRLRef` or `xades:OCSPRef` of `CompleteRevocationRefs` (XAdES-C): a digest of
/// revocation data the signature claims to rely on. Unsigned like the values it names, so it can
/// only point at evidence, never stand for it.
public struct RevocationReference: Sendable, DigestedReference {
    public enum Kind: String, Sendable { case crl = "CRL", ocsp = "OCSP" }

    public let kind: Kind
    public let digestMethod: String?
    public let digestValue: [UInt8]?

    init(_ element: XMLElement, kind: Kind) {
        self.kind = kind
        (digestMethod, digestValue) = digestMethodAndValue(in: element.xades("DigestAlgAndValue"))
    }

    /// Every reference of `CompleteRevocationRefs` elements.
    static func all(in refs: [XMLElement]) -> [RevocationReference] {
        refs.flatMap { refs in
            refs.children(XMLNamespace.xades132, "CRLRefs").flatMap { $0.children(XMLNamespace.xades132, "CRLRef") }.map { Self($0, kind: .crl) }
                + refs.children(XMLNamespace.xades132, "OCSPRefs").flatMap { $0.children(XMLNamespace.xades132, "OCSPRef") }.map { Self($0, kind: .ocsp) }
        }
    }
}
