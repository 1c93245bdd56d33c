import DDOC
import Foundation
import TestSupport
import Testing

/// The bytes whose signature is checked and the element whose References are checked must be one
/// SignedInfo. The attack: change a signed DDOC's data file, write a new SignedInfo with the new
/// digest as the Signature's child, and keep the genuine SignedInfo nested inside KeyInfo, where a
/// byte reader looking for "the first SignedInfo" finds it first.
@Suite("DDOC: a nested genuine SignedInfo does not sign a forged one")
struct DDOCSignedInfoWrappingTests {
    /// python3 rewrites `source` as the attack above (the data file's DDOC 1.3 digest recomputed).
    static let forge = #"""
    import re, hashlib, base64, sys
    src = open(sys.argv[1], 'rb').read().decode()
    NS = 'http://www.sk.ee/DigiDoc/v1.3.0#'
    def digest(attrs, body):
        tag = '<DataFile xmlns="%s"' % NS + ''.join(' %s="%s"' % (k, v) for k, v in sorted(attrs.items())) + '>'
        return base64.b64encode(hashlib.sha1((tag + body + '</DataFile>').encode()).digest()).decode()
    m = re.search(r'<DataFile (.*?)>(.*?)</DataFile>', src, re.S)
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1))); attrs.pop('xmlns')
    old = digest(attrs, m.group(2))
    content = b'PAY THE BEARER 1,000,000 EUR. Written after signing.\n'
    body = base64.b64encode(content).decode() + '\n'
    attrs['Size'] = str(len(content))
    out = src[:m.start()] + '<DataFile ' + ' '.join('%s="%s"' % kv for kv in sorted(attrs.items())) + ' xmlns="%s">' % NS + body + '</DataFile>' + src[m.end():]
    genuine = re.search(r'<SignedInfo.*?</SignedInfo>', out, re.S).group(0)
    assert old in genuine, 'the data file digest is not in SignedInfo'
    key_info = re.search(r'<KeyInfo>.*?</KeyInfo>', out, re.S).group(0)
    out = out.replace(key_info, '')
    out = out.replace(genuine, key_info.replace('<KeyInfo>', '<KeyInfo>' + genuine, 1) + genuine.replace(old, digest(attrs, body)), 1)
    open(sys.argv[2], 'w').write(out)
    """#

    @Test func theForgedSignedInfoIsRefused() throws {
        let dir = try scratchFolder()
        let source = OwnVectors.root + "/ddoc/valid-1.3.ddoc", forged = dir + "/forged.ddoc"
        try write(Self.forge, to: dir + "/forge.py")
        _ = try tool(["python3", dir + "/forge.py", source, forged])
        let trust = try OwnDDOCVectorTests.trust()
        #expect(DDOCCorpusTests.outcome(try readBytes(source), trust: trust).expect != "invalid", "the source must validate")
        let bytes = try readBytes(forged)
        #expect(String(decoding: bytes, as: UTF8.self).contains("<KeyInfo><SignedInfo"))
        let (outcome, detail) = DDOCCorpusTests.outcome(bytes, trust: trust)
        #expect(outcome == "invalid" || outcome == "reject", "\(outcome): \(detail)")
        #expect(detail.contains("2 SignedInfo elements"), "\(detail)")
    }
}
