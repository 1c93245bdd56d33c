import Foundation
import TestSupport
import Testing
@testable import Validation

/// Revocation data in `xades141:TimeStampValidationData` (how LTA signatures carry what was added
/// for their time-stamps) is pooled with the signature's own, under the same choice rule: it can
/// answer for the signer, and a revocation there is as final as anywhere.
@Suite("TimeStampValidationData")
struct TimeStampValidationDataTests {
    /// Moves the CertificateValues and RevocationValues of `source` into a TimeStampValidationData
    /// element (`move`), or only its CRLs (`move-crl`), or adds another container's RevocationValues
    /// in one (a file name).
    static let script = """
    import re, sys, zipfile
    source, out, mode = sys.argv[1:4]
    name = 'META-INF/signatures0.xml'
    with zipfile.ZipFile(source) as z:
        x = z.read(name).decode()
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
    with zipfile.ZipFile(source) as zi, zipfile.ZipFile(out, 'w') as zo:
        for info in zi.infolist():
            zo.writestr(info, x.encode() if info.filename == name else zi.read(info.filename))
    """

    static func container(_ source: String, mode: String) throws -> String {
        let corpus = try #require(OwnVectors.corpus)
        let out = try scratchFolder() + "/tsvd.asice"
        let modeArgument = mode.hasPrefix("move") ? mode : corpus.root + "/containers/" + mode
        _ = try tool(["python3", "-c", script, corpus.root + "/containers/" + source, out, modeArgument])
        return out
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
