import Foundation
import TestSupport
import Testing
@testable import Validation

/// Revocation data in `xades141:TimeStampValidationData` (how LTA signatures carry what was added
/// for their time-stamps) is pooled with the signature's own, under the same choice rule: it can
/// answer for the signer, and a revocation there is as final as anywhere.
@Suite("TimeStampValidationData")
struct TimeStampValidationDataTests {
    /// Moves the CertificateValues and RevocationValues of the signature into a
    /// TimeStampValidationData element (`move`), or only its CRLs (`move-crl`), or adds another
    /// container's RevocationValues in one (a container path).
    static let edit = """
    mode = args[0]
    values = re.search(r'<xades:CertificateValues>.*</xades:RevocationValues>', x, re.S).group(0)
    open141 = '<xades141:TimeStampValidationData xmlns:xades141="http://uri.etsi.org/01903/v1.4.1#">'
    if mode == 'move':
        x = x.replace(values, open141 + values + '</xades141:TimeStampValidationData>')
    elif mode == 'move-crl':
        crls = re.search(r'<xades:CRLValues>.*</xades:CRLValues>', x, re.S).group(0)
        x = x.replace(crls, '').replace('</xades:UnsignedSignatureProperties>', open141 + '<xades:RevocationValues>' + crls
                                        + '</xades:RevocationValues></xades141:TimeStampValidationData></xades:UnsignedSignatureProperties>')
    else:
        with zipfile.ZipFile(mode) as z:
            other = z.read(name).decode()
        ocsp = re.search(r'<xades:RevocationValues>.*</xades:RevocationValues>', other, re.S).group(0)
        x = x.replace('</xades:UnsignedSignatureProperties>', open141 + ocsp + '</xades141:TimeStampValidationData></xades:UnsignedSignatureProperties>')
    """

    static func container(_ source: String, mode: String) throws -> String {
        try OwnVectors.withEditedSignature(source, edit, [mode.hasPrefix("move") ? mode : OwnVectors.root + "/containers/" + mode])
    }

    @Test func aCRLThereAnswersForTheSigner() throws {
        let path = try Self.container("crl-good.asice", mode: "move")
        let result = Validator(policy: .dssDefault, store: try OwnVectorTests.store()).validate(path: path)
        #expect(result.verdict == .passed, "\(result.signatures.first?.findings.map(\.message) ?? [])")
        #expect(result.signatures.first?.context.revocationAnswer?.source == .crl)
    }

    /// A listed responder's "good" in RevocationValues and the CA's CRL listing the signer as
    /// revoked in TimeStampValidationData, or the other way round: revoked either way.
    @Test(arguments: [("crl-revoked-ocsp-good.asice", "move-crl"), ("crl-revoked.asice", "crl-revoked-ocsp-good.asice")])
    func aRevocationThereOrHereIsFinal(source: String, mode: String) throws {
        let path = try Self.container(source, mode: mode)
        for policy in [ValidationPolicy.dssDefault, .ee] {
            let result = Validator(policy: policy, store: try OwnVectorTests.store()).validate(path: path)
            #expect(result.verdict != .passed)
            guard case .revoked? = result.signatures.first?.context.revocationAnswer?.status?.status else {
                Issue.record("[\(policy.name)] the answer is not the revocation")
                continue
            }
        }
    }
}
