import Foundation
import TestSupport
import Testing
@testable import Validation

/// `CompleteRevocationRefs` (XAdES-C) only point at revocation values by digest: a reference that
/// matches a carried CRL or OCSP response is quiet, one that matches nothing (or has no digest
/// that can be checked) is a warning, and none of them can turn a refused signature into a pass.
@Suite("CompleteRevocationRefs")
struct RevocationRefsTests {
    /// Adds CompleteRevocationRefs to the signature: `match` references the digest (SHA-256) of
    /// every carried CRL and OCSP value, `bogus` a digest of nothing, `nodigest` a reference without one.
    static let edit = """
    def ref(kind, value):
        digest = base64.b64encode(hashlib.sha256(value).digest()).decode() if value is not None else None
        inner = ('<xades:DigestAlgAndValue><ds:DigestMethod xmlns:ds="http://www.w3.org/2000/09/xmldsig#" '
                 'Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue xmlns:ds="http://www.w3.org/2000/09/xmldsig#">%s'
                 '</ds:DigestValue></xades:DigestAlgAndValue>' % digest) if digest else ''
        return '<xades:%sRefs><xades:%sRef>%s</xades:%sRef></xades:%sRefs>' % (kind, kind, inner, kind, kind)
    crls = [base64.b64decode(v) for v in re.findall(r'<xades:EncapsulatedCRLValue>(.*?)</xades:EncapsulatedCRLValue>', x, re.S)]
    ocsps = [base64.b64decode(v) for v in re.findall(r'<xades:EncapsulatedOCSPValue>(.*?)</xades:EncapsulatedOCSPValue>', x, re.S)]
    if args[0] == 'match':
        refs = ''.join(ref('CRL', c) for c in crls) + ''.join(ref('OCSP', o) for o in ocsps)
    elif args[0] == 'bogus':
        refs = ref('CRL', b'nothing carried') + ref('OCSP', b'nothing either')
    else:
        refs = ref('CRL', None)
    x = x.replace('</xades:UnsignedSignatureProperties>', '<xades:CompleteRevocationRefs>' + refs
                  + '</xades:CompleteRevocationRefs></xades:UnsignedSignatureProperties>')
    """

    static func validate(_ source: String, mode: String) throws -> ContainerValidation {
        let path = try OwnVectors.withEditedSignature(source, edit, [mode])
        return Validator(policy: .dssDefault, store: try OwnVectorTests.store()).validate(path: path)
    }

    static func keys(_ result: ContainerValidation) -> [String] { result.signatures.flatMap(\.findings).map(\.key) }

    @Test(arguments: ["crl-good.asice", "lt-p256.asice"])
    func referencesToCarriedValuesAreQuiet(source: String) throws {
        let result = try Self.validate(source, mode: "match")
        #expect(result.verdict == .passed)
        #expect(!Self.keys(result).contains { $0.hasPrefix("xades.revocation-ref") || $0 == "xades.unsupported.property" })
    }

    @Test func referencesToNothingAreSaid() throws {
        let result = try Self.validate("crl-good.asice", mode: "bogus")
        #expect(result.verdict == .passed)
        #expect(Self.keys(result).filter { $0 == "xades.revocation-ref.unmatched" }.count == 2)
        let unchecked = try Self.validate("crl-good.asice", mode: "nodigest")
        #expect(Self.keys(unchecked).contains("xades.revocation-ref.unchecked"))
    }

    /// References cannot stand in for values: a revoked signer stays refused.
    @Test func referencesDoNotChangeARefusal() throws {
        for mode in ["match", "bogus"] {
            #expect(try Self.validate("crl-revoked.asice", mode: mode).verdict != .passed)
        }
    }
}
