import Foundation
import TestSupport
import Testing
@testable import Validation

/// Trusted OCSP answers about the same signer lifted from another container into a refused one:
/// the responder's genuine "good" produced after its "revoked" (a responder that contradicts
/// itself, or a stale answer re-dated by the test PKI) must not undo the revocation, whatever the
/// order of the values. Each mutant is a container rewritten by python's zipfile with one value
/// of the donor appended to OCSPValues, first and last.
@Suite("Lifted revocation answers")
struct LiftedRevocationTests {
    static let script = """
    import base64, re, sys, zipfile
    target, donor, out = sys.argv[1:4]
    def xml(p):
        with zipfile.ZipFile(p) as z:
            name = [n for n in z.namelist() if n.startswith('META-INF/signatures')][0]
            return name, z.read(name).decode()
    name, x = xml(target)
    values = re.findall(r'<(?:\\w+:)?EncapsulatedOCSPValue[^>]*>([^<]+)<', xml(donor)[1])
    prefix = re.search(r'<(\\w+:)?OCSPValues>', x).group(1) or ''
    start = x.index('<%sOCSPValues>' % prefix) + len('<%sOCSPValues>' % prefix)
    end = x.index('</%sOCSPValues>' % prefix)
    n = 0
    for v in values:
        element = '<%sEncapsulatedOCSPValue>%s</%sEncapsulatedOCSPValue>' % (prefix, v.strip(), prefix)
        for at in (start, end):
            n += 1
            with zipfile.ZipFile(target) as zi, zipfile.ZipFile('%s/m%d.asice' % (out, n), 'w') as zo:
                for info in zi.infolist():
                    data = zi.read(info.filename)
                    zo.writestr(info, (x[:at] + element + x[at:]).encode() if info.filename == name else data)
    print(n)
    """

    @Test(arguments: [("revoked.asice", "revoked-stale-good-then-unknown-ee.asice"),
                      ("revoked.asice", "revoked-stale-good-then-unknown.asice")])
    func aRevocationStaysWhateverIsAppended(target: String, donor: String) throws {
        let corpus = try #require(OwnVectors.corpus)
        let store = try OwnVectorTests.store()
        let out = try scratchFolder()
        let printed = try tool(["python3", "-c", Self.script, corpus.root + "/containers/" + target, corpus.root + "/containers/" + donor, out])
        let count = Int(String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(count >= 4, "the donor carries a good and an unknown answer")
        for index in 1...max(count, 1) {
            for policy in [ValidationPolicy.dssDefault, .ee] {
                let result = Validator(policy: policy, store: store).validate(path: out + "/m\(index).asice")
                #expect(result.verdict != .passed, "m\(index) [\(policy.name)] passed")
                guard case .revoked? = result.signatures.first?.context.revocationAnswer?.status?.status else {
                    Issue.record("m\(index) [\(policy.name)]: the answer is not the revocation")
                    continue
                }
            }
        }
    }
}
