#!/usr/bin/env python3
"""Rebuilds the project's own DDOC test vectors (legacy DIGIDOC-XML 1.2/1.3), in one command:

    python3 TestVectors/ddoc_generate.py [--reuse-pki]

1. pki/ddoc/: a small RSA test PKI made with the openssl CLI (SK's real DDOC PKI was RSA): the CA `ca` and
   its time-mark OCSP responder `responder` (the two trust anchors of the `ddoc-test` trust column), signers
   (`signer`, `signer2`: RSA 2048 with nonRepudiation; `signer-nonr` without it; `signer-expired`, valid
   2000-2001 only; `signer-rsa1024`), and an untrusted `rogue-ca` with its `rogue-responder` and
   `signer-rogue`. Only keys and certificates are kept: the openssl CA database, serial files and configs
   live in a temporary folder. --reuse-pki keeps the PKI already there (the output is then byte-identical
   from run to run: RSA PKCS#1 v1.5 is deterministic and every time in the vectors is fixed).
2. ddoc/: DDOC files written the way DigiDoc writers wrote them, with digests made by the rules of DDoc4J
   (shared/docs/ddoc.md): a DataFile digest is SHA-1 over the canonical start tag (the 1.3 namespace
   first even when the element has no own xmlns, attributes sorted) + the base64 body + </DataFile>;
   SignedInfo and SignedProperties are hashed as standalone fragments as written (we write them already
   canonical, with their own xmlns, so DDoc4J's reading and strict inclusive C14N in context agree,
   except where a vector tests the difference). SignatureValue is RSA PKCS#1 v1.5 over SHA-1; the
   time-mark is an OCSP response this script encodes itself (fixed producedAt, nonce = SHA-1 of the
   decoded SignatureValue as an OCTET STRING, responder certificate included) signed by the responder.
   Each vector is one correct signature changed in exactly one place afterwards (or, where a change
   would break the nonce too, signed so that only the tested check fails).
3. Every file is then re-read and checked by an independent path: an expat DOM parse, a DOM-based
   inclusive C14N 1.0 (in context and as a standalone fragment), cryptography's RSA and OCSP code,
   `openssl ocsp -verify`, and libxml2's C14N (`xmllint --c14n`, when installed) of the fragments
   cut out of the file. The result is compared with the expected `own-check:` of the vector (the same
   notation as shared/vectors/ddoc/MANIFEST.tsv) and the script stops on any difference.
   ddoc/MANIFEST.tsv has the columns of containers/MANIFEST.tsv; trust `ddoc-test` = pki/ddoc/ca.pem and
   pki/ddoc/responder.pem as trust anchors (the responder's CN also on the time-mark responder list).
   `notes` is a ` ; `-separated list: `form: <signatureForm>`, the exact SiVa texts as `error: …`,
   `warning: …` (and `error-startswith: …` where the rest is a Java-rendered DN), `reject: …`, a
   description, and `own-check: …`.
Uses python3 with python3-cryptography, openssl, and xmllint if present. No network.
"""
import base64, datetime, hashlib, os, shutil, subprocess, sys, tempfile
import xml.dom.minidom
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509 import ocsp
from der import integer, oid, seq, tlv
from openssl_conf import CA_USAGE, ca_database, extensions_file, profile

HERE = os.path.dirname(os.path.abspath(__file__))
PKI = os.path.join(HERE, 'pki', 'ddoc')
OUT = os.path.join(HERE, 'ddoc')
SOURCE = 'TestVectors/ddoc_generate.py'

NS13 = 'http://www.sk.ee/DigiDoc/v1.3.0#'
DSIG = 'http://www.w3.org/2000/09/xmldsig#'
ETSI = 'http://uri.etsi.org/01903/v1.1.1#'
C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'
SP_TYPE = ETSI + 'SignedProperties'
UTC = datetime.timezone.utc
BASE = datetime.datetime(2024, 5, 2, 9, 30, 0, tzinfo=UTC)  # every signing time is fixed

def run(*args, input=None, check=True):
    result = subprocess.run(list(args), input=input, capture_output=True)
    if check and result.returncode != 0:
        sys.exit('ddoc_generate: %s failed (%d): %s' % (' '.join(args), result.returncode, result.stderr.decode()[:800]))
    return result

def sha1(data):
    return hashlib.sha1(data).digest()

def b64(data):
    return base64.b64encode(data).decode()

def b64lines(data):
    text = b64(data)
    return '\n'.join(text[i:i + 64] for i in range(0, len(text), 64)) + '\n'

# ---------------------------------------------------------------------------------------- PKI

EXTENSIONS = extensions_file(
    profile('ca', CA_USAGE, ca='', ski=True),
    profile('signer', 'nonRepudiation', policy='1.3.6.1.4.1.99999.7.1', key_ids=True),
    profile('signer_nonr', 'digitalSignature,keyEncipherment', policy='1.3.6.1.4.1.99999.7.2', key_ids=True),
    profile('responder', 'digitalSignature,nonRepudiation', eku='OCSPSigning', key_ids=True))

def ca_config(folder, name):
    return ca_database(folder, name + '.index', [
        ('countryName', 'optional'), ('organizationName', 'optional'), ('organizationalUnitName', 'optional'),
        ('commonName', 'supplied'), ('surname', 'optional'), ('givenName', 'optional'), ('serialNumber', 'optional')],
        extra=['preserve = yes', 'email_in_dn = no'])

# name, key bits, issuing CA, extensions section, subject, notBefore, notAfter
PEOPLE = [
    ('responder', 2048, 'ca', 'responder', '/C=EE/O=DDOC Test/OU=OCSP/CN=DDOC Test OCSP Responder', '20050101000000Z', '20491231235959Z'),
    ('signer', 2048, 'ca', 'signer', '/C=EE/O=ESTEID/OU=digital signature/CN=TESTER\\,DDOC\\,30001010001/SN=TESTER/GN=DDOC/serialNumber=30001010001', '20050101000000Z', '20491231235959Z'),
    ('signer2', 2048, 'ca', 'signer', '/C=EE/O=ESTEID/OU=digital signature/CN=TESTER\\,SECOND\\,30001010002/SN=TESTER/GN=SECOND/serialNumber=30001010002', '20050101000000Z', '20491231235959Z'),
    ('signer-nonr', 2048, 'ca', 'signer_nonr', '/C=EE/O=ESTEID/OU=authentication/CN=TESTER\\,NO NONREPUDIATION\\,30001010003/SN=TESTER/GN=NO NONREPUDIATION/serialNumber=30001010003', '20050101000000Z', '20491231235959Z'),
    ('signer-expired', 2048, 'ca', 'signer', '/C=EE/O=ESTEID/OU=digital signature/CN=TESTER\\,EXPIRED\\,30001010004/SN=TESTER/GN=EXPIRED/serialNumber=30001010004', '20000101000000Z', '20010101000000Z'),
    ('signer-rsa1024', 1024, 'ca', 'signer', '/C=EE/O=ESTEID/OU=digital signature/CN=TESTER\\,RSA1024\\,30001010005/SN=TESTER/GN=RSA1024/serialNumber=30001010005', '20050101000000Z', '20491231235959Z'),
    ('rogue-responder', 2048, 'rogue-ca', 'responder', '/C=EE/O=DDOC Rogue/OU=OCSP/CN=DDOC Rogue OCSP Responder', '20050101000000Z', '20491231235959Z'),
    ('signer-rogue', 2048, 'rogue-ca', 'signer', '/C=EE/O=ESTEID/OU=digital signature/CN=TESTER\\,ROGUE CA\\,30001010006/SN=TESTER/GN=ROGUE CA/serialNumber=30001010006', '20050101000000Z', '20491231235959Z'),
]
CAS = [('ca', '/C=EE/O=DDOC Test/CN=DDOC Test CA'), ('rogue-ca', '/C=EE/O=DDOC Rogue/CN=DDOC Rogue CA')]

def serial_for(name):
    # A fixed 127-bit serial per certificate (large, like SK's, and positive).
    return int.from_bytes(sha1(b'ddoc-test-serial:' + name.encode())[:16], 'big') >> 1

def make_pki():
    if os.path.isdir(PKI):
        shutil.rmtree(PKI)
    os.makedirs(PKI)
    tmp = tempfile.mkdtemp(prefix='ddoc-pki-')
    try:
        extensions = os.path.join(tmp, 'extensions.cnf')
        with open(extensions, 'w') as f:
            f.write(EXTENSIONS)
        configs = {}
        for name, _ in CAS:
            open(os.path.join(tmp, name + '.index'), 'w').close()
            configs[name] = os.path.join(tmp, name + '.cnf')
            with open(configs[name], 'w') as f:
                f.write(ca_config(tmp, name))

        def issue(name, bits, ca, section, subject, start, end, selfsign=False):
            key = os.path.join(tmp, name + '.key')
            csr = os.path.join(tmp, name + '.csr')
            cert = os.path.join(tmp, name + '.pem')
            run('openssl', 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:%d' % bits, '-out', key)
            run('openssl', 'req', '-new', '-key', key, '-subj', subject, '-utf8', '-out', csr)
            with open(os.path.join(tmp, 'serial'), 'w') as f:
                f.write('%032X\n' % serial_for(name))
            args = ['openssl', 'ca', '-batch', '-config', configs[ca], '-in', csr, '-out', cert, '-notext', '-utf8',
                    '-extfile', extensions, '-extensions', section, '-startdate', start, '-enddate', end,
                    '-keyfile', os.path.join(tmp, ca + '.key')]
            args += ['-selfsign'] if selfsign else ['-cert', os.path.join(tmp, ca + '.pem')]
            run(*args)
            for suffix in ('.key', '.pem'):
                shutil.copy(os.path.join(tmp, name + suffix), os.path.join(PKI, name + suffix))

        for name, subject in CAS:
            issue(name, 2048, name, 'ca', subject, '20000101000000Z', '20491231235959Z', selfsign=True)
        for person in PEOPLE:
            issue(*person)
    finally:
        shutil.rmtree(tmp)

class Party:
    def __init__(self, name):
        self.name = name
        with open(os.path.join(PKI, name + '.pem'), 'rb') as f:
            self.cert = x509.load_pem_x509_certificate(f.read())
        with open(os.path.join(PKI, name + '.key'), 'rb') as f:
            self.key = serialization.load_pem_private_key(f.read(), password=None)
        self.der = self.cert.public_bytes(serialization.Encoding.DER)

def load_pki():
    names = [name for name, _ in CAS] + [person[0] for person in PEOPLE]
    parties = {name: Party(name) for name in names}
    for name in names:
        issuer = 'rogue-ca' if name.startswith('rogue') or name == 'signer-rogue' else 'ca'
        parties[name].issuer = parties[issuer]
    return parties

# ---------------------------------------------------------------------------------------- DER and OCSP

def octets(data):
    return tlv(0x04, data)

def gentime(moment):
    return tlv(0x18, moment.astimezone(UTC).strftime('%Y%m%d%H%M%SZ').encode())

def explicit(number, content):
    return tlv(0xA0 + number, content)

NULL = b'\x05\x00'
SHA1_ALG = seq(oid('1.3.14.3.2.26'), NULL)

def ocsp_response(signer, responder, status, produced_at, nonce, revoked_at=None):
    """An OCSPResponse (RFC 6960) for signer's certificate: responderID byName, producedAt = thisUpdate,
    no nextUpdate, the nonce extension as SK's responders wrote it (extnValue = OCTET STRING of the
    20-byte nonce), sha256WithRSAEncryption, the responder certificate included."""
    issuer = signer.issuer
    issuer_key = issuer.cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    cert_id = seq(SHA1_ALG, octets(sha1(signer.cert.issuer.public_bytes())), octets(sha1(issuer_key)),
                  integer(signer.cert.serial_number))
    if status == 'good':
        cert_status = b'\x80\x00'
    elif status == 'revoked':
        cert_status = tlv(0xA1, gentime(revoked_at) + explicit(0, tlv(0x0A, b'\x01')))  # keyCompromise
    else:
        cert_status = b'\x82\x00'
    single = seq(cert_id, cert_status, gentime(produced_at))
    nonce_ext = seq(oid('1.3.6.1.5.5.7.48.1.2'), octets(octets(nonce)))
    tbs = seq(explicit(1, responder.cert.subject.public_bytes()), gentime(produced_at), seq(single), explicit(1, seq(nonce_ext)))
    signature = responder.key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    basic = seq(tbs, seq(oid('1.2.840.113549.1.1.11'), NULL), tlv(0x03, b'\x00' + signature), explicit(0, seq(responder.der)))
    return seq(tlv(0x0A, b'\x00'), explicit(0, seq(oid('1.3.6.1.5.5.7.48.1.1'), octets(basic))))

def bc_name(name):
    """A Name as BouncyCastle's X509Name.toString() renders it (DER order, no spaces): DDoc4J's ResponderID text."""
    symbols = {'2.5.4.6': 'C', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.3': 'CN'}
    return ','.join('%s=%s' % (symbols[a.oid.dotted_string], a.value) for rdn in name.rdns for a in rdn)

# ---------------------------------------------------------------------------------------- writing DDOC

def attr_escape(value):
    return (value.replace('&', '&amp;').replace('<', '&lt;').replace('"', '&quot;')
            .replace('\t', '&#x9;').replace('\n', '&#xA;').replace('\r', '&#xD;'))

def text_escape(value):
    return value.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('\r', '&#xD;')

def start_tag(name, attrs, xmlns=None, xmlns_last=False):
    parts = ['%s="%s"' % (k, attr_escape(v)) for k, v in attrs]
    if xmlns:
        ns = 'xmlns="%s"' % xmlns
        parts = parts + [ns] if xmlns_last else [ns] + parts
    return '<%s%s>' % (name, ''.join(' ' + part for part in parts))

class DataFile:
    """One DataFile. hashed: 'ns' (canonical, with the 1.3 namespace) or 'no-ns' (the old writers' bug).
    own_xmlns: whether the element carries xmlns itself (real 1.3 writers put it last)."""
    def __init__(self, id, filename, mime, content, content_type='EMBEDDED_BASE64', own_xmlns=True, hashed='ns'):
        self.id, self.filename, self.mime, self.content = id, filename, mime, content
        self.content_type, self.own_xmlns, self.hashed = content_type, own_xmlns, hashed

    def _attrs(self, content_type, digest=None):
        attrs = [('ContentType', content_type)]
        if digest is not None:
            attrs += [('DigestType', 'sha1'), ('DigestValue', b64(digest))]
        return attrs + [('Filename', self.filename), ('Id', self.id), ('MimeType', self.mime), ('Size', str(len(self.content)))]

    def _canonical(self, version, attrs, body, with_ns):
        ns = NS13 if version == '1.3' and with_ns else None
        return (start_tag('DataFile', sorted(attrs), xmlns=ns) + body + '</DataFile>').encode()

    def embedded_digest(self, version):
        attrs = self._attrs('EMBEDDED_BASE64')
        return sha1(self._canonical(version, attrs, b64lines(self.content), self.hashed == 'ns'))

    def render(self, version):
        """(text in the file, digest for its Reference)"""
        if self.content_type == 'EMBEDDED_BASE64':
            attrs, body = self._attrs('EMBEDDED_BASE64'), b64lines(self.content)
        elif self.content_type == 'HASHCODE':
            attrs, body = self._attrs('HASHCODE', self.embedded_digest(version)), ''
        else:  # DETATCHED: the file lives outside, the element carries the content's SHA-1
            attrs, body = self._attrs(self.content_type, sha1(self.content)), ''
        ns = NS13 if version == '1.3' and self.own_xmlns else None
        text = start_tag('DataFile', attrs, xmlns=ns, xmlns_last=True) + body + '</DataFile>'
        if self.content_type == 'HASHCODE':
            digest = self.embedded_digest(version)
        else:
            digest = sha1(self._canonical(version, attrs, body, self.hashed == 'ns'))
        return text, digest

def xml_time(moment, version):
    return moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ' if version == '1.3' else '%Y.%m.%dT%H:%M:%SZ')

def method(name, algorithm):
    return '<%s Algorithm="%s">\n</%s>\n' % (name, algorithm, name)

def reference(uri, digest, type=None):
    attrs = ([('Type', type)] if type else []) + [('URI', uri)]
    return start_tag('Reference', attrs) + '\n' + method('DigestMethod', DSIG + 'sha1') + \
        '<DigestValue>%s</DigestValue>\n</Reference>\n' % b64(digest)

def signed_properties(version, sig_id, signer, signing_time, own_xmlns=True):
    if version == '1.3':
        head = start_tag('SignedProperties', [('Id', sig_id + '-SignedProperties')], xmlns=ETSI if own_xmlns else None)
        cert = '<Cert>\n'
        issuer_serial = ('<IssuerSerial>\n<X509IssuerName xmlns="%s">%s</X509IssuerName>\n'
                         '<X509SerialNumber xmlns="%s">%d</X509SerialNumber>\n</IssuerSerial>'
                         % (DSIG, text_escape(signer.issuer.cert.subject.rfc4514_string()), DSIG, signer.cert.serial_number))
    else:
        head = start_tag('SignedProperties', [('Id', sig_id + '-SignedProperties'), ('Target', '#' + sig_id)], xmlns=DSIG)
        cert = '<Cert Id="%s-CERTINFO">\n' % sig_id
        issuer_serial = '<IssuerSerial>%d</IssuerSerial>' % signer.cert.serial_number
    return (head + '\n<SignedSignatureProperties>\n<SigningTime>%s</SigningTime>\n<SigningCertificate>\n' % xml_time(signing_time, version) +
            cert + '<CertDigest>\n' + method('DigestMethod', DSIG + 'sha1') + '<DigestValue>%s</DigestValue>\n</CertDigest>\n' % b64(sha1(signer.der)) +
            issuer_serial + '</Cert></SigningCertificate>\n'
            '<SignaturePolicyIdentifier>\n<SignaturePolicyImplied>\n</SignaturePolicyImplied>\n</SignaturePolicyIdentifier>\n'
            '<SignatureProductionPlace>\n<City>Tallinn</City>\n<StateOrProvince>Harjumaa</StateOrProvince>\n'
            '<PostalCode>10111</PostalCode>\n<CountryName>Eesti</CountryName>\n</SignatureProductionPlace>\n'
            '<SignerRole>\n<ClaimedRoles>\n<ClaimedRole>allkirjastaja</ClaimedRole>\n</ClaimedRoles>\n</SignerRole>\n'
            '</SignedSignatureProperties>\n<SignedDataObjectProperties>\n</SignedDataObjectProperties>\n</SignedProperties>')

def unsigned_properties(version, sig_id, responder, produced_at, ocsp_der):
    cert_digest = '<CertDigest>\n' + method('DigestMethod', DSIG + 'sha1') + '<DigestValue>%s</DigestValue>\n</CertDigest>\n' % b64(sha1(responder.der))
    ref = ('<OCSPRefs>\n<OCSPRef>\n<OCSPIdentifier URI="#N0">\n<ResponderID>%s</ResponderID>\n<ProducedAt>%s</ProducedAt>\n</OCSPIdentifier>\n'
           '<DigestAlgAndValue>\n' % (text_escape(bc_name(responder.cert.subject)), xml_time(produced_at, version)) +
           method('DigestMethod', DSIG + 'sha1') + '<DigestValue>%s</DigestValue>\n</DigestAlgAndValue></OCSPRef>\n</OCSPRefs>\n' % b64(sha1(ocsp_der)))
    values = '<CertificateValues>\n<EncapsulatedX509Certificate Id="%s-RESPONDER_CERT">\n%s</EncapsulatedX509Certificate>\n</CertificateValues>\n' % (
        sig_id, b64lines(responder.der))
    if version == '1.3':
        return ('<UnsignedProperties>\n<UnsignedSignatureProperties><CompleteCertificateRefs><CertRefs><Cert>\n' + cert_digest +
                '<IssuerSerial>\n<X509IssuerName xmlns="%s">%s</X509IssuerName>\n<X509SerialNumber xmlns="%s">%d</X509SerialNumber>\n</IssuerSerial>\n'
                % (DSIG, text_escape(responder.issuer.cert.subject.rfc4514_string()), DSIG, responder.cert.serial_number) +
                '</Cert></CertRefs></CompleteCertificateRefs><CompleteRevocationRefs>\n' + ref + '</CompleteRevocationRefs>\n' + values +
                '<RevocationValues><OCSPValues><EncapsulatedOCSPValue Id="N0">\n%s</EncapsulatedOCSPValue>\n</OCSPValues></RevocationValues>'
                '</UnsignedSignatureProperties>\n</UnsignedProperties>' % b64lines(ocsp_der))
    return ('<UnsignedProperties Target="#%s">\n<UnsignedSignatureProperties><CompleteCertificateRefs><Cert Id="%s-RESPONDER_CERTINFO">\n' % (sig_id, sig_id) +
            cert_digest + '<IssuerSerial>%d</IssuerSerial>\n</Cert>\n</CompleteCertificateRefs><CompleteRevocationRefs>\n' % responder.cert.serial_number +
            ref + '</CompleteRevocationRefs>\n' + values +
            '<RevocationValues><EncapsulatedOCSPValue Id="N0">\n%s</EncapsulatedOCSPValue>\n</RevocationValues>'
            '</UnsignedSignatureProperties>\n</UnsignedProperties>' % b64lines(ocsp_der))

def rsa_sign_sha1(key, data, with_null=True):
    if with_null:
        return key.sign(data, padding.PKCS1v15(), hashes.SHA1())
    # DigestInfo without the NULL parameters (301f300706052b0e03021a0414 + hash), as faileemald1.ddoc carries.
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    size = (n.bit_length() + 7) // 8
    info = bytes.fromhex('301f300706052b0e03021a0414') + sha1(data)
    block = b'\x00\x01' + b'\xff' * (size - len(info) - 3) + b'\x00' + info
    return pow(int.from_bytes(block, 'big'), d, n).to_bytes(size, 'big')

class Sig:
    """How one signature is made. Every option changes exactly one thing from a correct signature."""
    def __init__(self, id='S0', signer='signer', at=BASE, delay=3, status='good', responder='responder',
                 nonce=None, sp_xmlns=True, with_null=True, sign_other=False):
        self.id, self.signer, self.at, self.delay, self.status, self.responder = id, signer, at, delay, status, responder
        self.nonce, self.sp_xmlns, self.with_null, self.sign_other = nonce, sp_xmlns, with_null, sign_other

def signature(version, spec, datafiles, pki):
    signer, responder = pki[spec.signer], pki[spec.responder]
    sp = signed_properties(version, spec.id, signer, spec.at, own_xmlns=spec.sp_xmlns)
    refs = ''.join(reference('#' + df.id, df.render(version)[1]) for df in datafiles)
    refs += reference('#%s-SignedProperties' % spec.id, sha1(sp.encode()), type=SP_TYPE)
    si = start_tag('SignedInfo', [], xmlns=DSIG) + '\n' + method('CanonicalizationMethod', C14N) + \
        method('SignatureMethod', DSIG + 'rsa-sha1') + refs + '</SignedInfo>'
    signed = si.encode()
    if spec.sign_other:  # a genuine RSA signature by the signer's key, but over another SignedInfo
        signed = si.replace('<SignedInfo xmlns="%s">' % DSIG, '<SignedInfo xmlns="%s" Id="other">' % DSIG).encode()
    value = rsa_sign_sha1(signer.key, signed, with_null=spec.with_null)
    numbers = signer.cert.public_key().public_numbers()
    modulus = numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, 'big')
    exponent = numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, 'big')
    produced = spec.at + datetime.timedelta(seconds=spec.delay)
    nonce = sha1(value) if spec.nonce is None else spec.nonce
    der = ocsp_response(signer, responder, spec.status, produced, nonce, revoked_at=spec.at - datetime.timedelta(days=30))
    unsigned = unsigned_properties(version, spec.id, responder, produced, der)
    qp = start_tag('QualifyingProperties', [('Target', '#' + spec.id)], xmlns=ETSI) if version == '1.3' else '<QualifyingProperties>'
    return ('<Signature Id="%s" xmlns="%s">\n' % (spec.id, DSIG) + si + '<SignatureValue Id="%s-SIG">\n%s</SignatureValue>\n' % (spec.id, b64lines(value)) +
            '<KeyInfo>\n<KeyValue>\n<RSAKeyValue>\n<Modulus>%s</Modulus>\n<Exponent>%s</Exponent>\n</RSAKeyValue>\n</KeyValue>\n' % (b64lines(modulus).rstrip('\n'), b64(exponent)) +
            '<X509Data><X509Certificate>%s</X509Certificate></X509Data></KeyInfo>\n' % b64lines(signer.der).rstrip('\n') +
            '<Object>' + qp + '\n' + sp + unsigned + '</QualifyingProperties></Object>\n</Signature>')

def ddoc(version, datafiles, sigs, pki):
    root = '<SignedDoc format="DIGIDOC-XML" version="%s"%s>' % (version, ' xmlns="%s"' % NS13 if version == '1.3' else '')
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', root] + [df.render(version)[0] for df in datafiles] + \
        [signature(version, spec, datafiles, pki) for spec in sigs] + ['</SignedDoc>']
    return ('\n'.join(parts) + '\n').encode()

def replace_once(data, old, new):
    if data.count(old) != 1:
        sys.exit('ddoc_generate: %r occurs %d times' % (old[:80], data.count(old)))
    return data.replace(old, new)

def cut(data, start, end, nth=0):
    """The bytes from the nth `start` to the end of the first `end` after it."""
    i = -1
    for _ in range(nth + 1):
        i = data.index(start, i + 1)
    return data[i:data.index(end, i) + len(end)]

# ---------------------------------------------------------------------------------------- independent check

def children(node, name):
    return [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE and c.localName == name]

def child(node, *path):
    for name in path:
        found = children(node, name)
        if not found:
            return None
        node = found[0]
    return node

def text(node):
    return ''.join(c.data for c in node.childNodes if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE))

def declared(element):
    out = {}
    for i in range(element.attributes.length):
        a = element.attributes.item(i)
        if a.name == 'xmlns':
            out[''] = a.value
        elif a.name.startswith('xmlns:'):
            out[a.name[6:]] = a.value
    return out

def c14n(element, in_context, inject=None):
    """Inclusive C14N 1.0 (no comments) of the subtree at element, computed on the DOM: in_context renders
    every namespace in scope at the apex (the XML-DSig reading), otherwise only what the fragment itself
    declares (DDoc4J's reading), with `inject` as the apex's default namespace when it declares none."""
    scope = {}
    if in_context:
        chain, node = [], element.parentNode
        while node is not None and node.nodeType == node.ELEMENT_NODE:
            chain.append(node)
            node = node.parentNode
        for ancestor in reversed(chain):
            scope.update(declared(ancestor))
    out = []

    def render(el, scope, rendered, apex):
        scope = dict(scope)
        own = declared(el)
        if apex and inject and '' not in own:
            own[''] = inject
        scope.update(own)
        namespaces = []
        for prefix in sorted(scope):
            uri = scope[prefix]
            if rendered.get(prefix, '') != uri:
                namespaces.append((prefix, uri))
        rendered = dict(rendered)
        rendered.update(namespaces)
        attrs = []
        for i in range(el.attributes.length):
            a = el.attributes.item(i)
            if a.name == 'xmlns' or a.name.startswith('xmlns:'):
                continue
            attrs.append(((a.namespaceURI or '', a.localName), a.name, a.value))
        out.append('<' + el.tagName)
        for prefix, uri in namespaces:
            out.append(' xmlns%s="%s"' % (':' + prefix if prefix else '', attr_escape(uri)))
        for _, name, value in sorted(attrs):
            out.append(' %s="%s"' % (name, attr_escape(value)))
        out.append('>')
        for c in el.childNodes:
            if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE):
                out.append(text_escape(c.data))
            elif c.nodeType == c.ELEMENT_NODE:
                render(c, scope, rendered, False)
        out.append('</%s>' % el.tagName)

    render(element, scope, {}, True)
    return ''.join(out).encode()

XMLLINT = shutil.which('xmllint')

def libxml2_c14n(data, tag, nth, inject=None):
    """libxml2's C14N of the nth <tag> element cut out of the file as a standalone document, with `inject`
    as its default namespace when it declares none; None without xmllint."""
    if not XMLLINT:
        return None
    fragment = cut(data, b'<' + tag.encode() + b' ', b'</' + tag.encode() + b'>', nth)
    head = fragment.split(b'>', 1)[0]
    if inject and b' xmlns="' not in head:
        fragment = fragment.replace(b' ', b' xmlns="%s" ' % inject.encode(), 1)
    result = run(XMLLINT, '--c14n', '-', input=b'<?xml version="1.0" encoding="UTF-8"?>\n' + fragment)
    return result.stdout

def agree(mine, theirs, what):
    if theirs is not None and mine != theirs:
        sys.exit('ddoc_generate: libxml2 and the DOM canonicalise %s differently' % what)

def parse_time(value, version):
    return datetime.datetime.strptime(value, '%Y-%m-%dT%H:%M:%SZ' if version == '1.3' else '%Y.%m.%dT%H:%M:%SZ').replace(tzinfo=UTC)

def rsa_check(cert, data, value):
    """'ok' (DigestInfo with NULL, also accepted by cryptography), 'ok(no-NULL)' or 'BAD'."""
    numbers = cert.public_key().public_numbers()
    size = (numbers.n.bit_length() + 7) // 8
    block = pow(int.from_bytes(value, 'big'), numbers.e, numbers.n).to_bytes(size, 'big')
    for prefix, label in (('3021300906052b0e03021a05000414', 'ok'), ('301f300706052b0e03021a0414', 'ok(no-NULL)')):
        info = bytes.fromhex(prefix) + sha1(data)
        if block == b'\x00\x01' + b'\xff' * (size - len(info) - 3) + b'\x00' + info:
            if label == 'ok':
                cert.public_key().verify(value, data, padding.PKCS1v15(), hashes.SHA1())  # a second library agrees
            return label
    return 'BAD'

def check(data, pki, log):
    """Re-reads a DDOC and returns its own-check text, e.g. 'S0[df=ok sp=ok sv=ok OCSP GOOD nonce=ok ref=ok ...]'."""
    doc = xml.dom.minidom.parseString(data)
    root = doc.documentElement
    version = root.getAttribute('version')
    datafiles = children(root, 'DataFile')
    sigs = children(root, 'Signature')
    if not sigs:
        return 'no signatures'
    anchors = {'ca': pki['ca'].cert, 'responder': pki['responder'].cert}
    out = []
    for sig in sigs:
        sid = sig.getAttribute('Id')
        si = child(sig, 'SignedInfo')
        refs = {r.getAttribute('URI'): base64.b64decode(text(child(r, 'DigestValue'))) for r in children(si, 'Reference')}
        facts = []
        # DataFiles
        df_notes = []
        for df in datafiles:
            id = df.getAttribute('Id')
            if '#' + id not in refs:
                df_notes.append(id + ':no-reference')
                continue
            want = refs['#' + id]
            if df.getAttribute('ContentType') == 'HASHCODE':
                ok = base64.b64decode(df.getAttribute('DigestValue')) == want
                df_notes.append(None if ok else id + ':MISMATCH')
                continue
            primary = c14n(df, True) if version == '1.3' else c14n(df, False)
            agree(primary, libxml2_c14n(data, 'DataFile', datafiles.index(df), inject=NS13 if version == '1.3' else None), 'DataFile ' + id)
            if sha1(primary) == want:
                df_notes.append(None)
            elif version == '1.3' and not df.hasAttribute('xmlns') and sha1(c14n(df, False)) == want:
                df_notes.append(id + ':alt-match')
            else:
                df_notes.append(id + ':MISMATCH')
        known = {'#' + df.getAttribute('Id') for df in datafiles}
        for uri in refs:
            if uri not in known and not uri.endswith('-SignedProperties'):
                df_notes.append(uri + ':missing-datafile')
        df_notes = [n for n in df_notes if n]
        facts.append('df=' + (','.join(df_notes) if df_notes else 'ok'))
        # SignedProperties: DDoc4J hashes it as written (xmldsig injected below 1.3), XML-DSig in context
        sp = child(sig, 'Object', 'QualifyingProperties', 'SignedProperties')
        inject = None if version == '1.3' else DSIG
        as_written = c14n(sp, False, inject=inject)
        in_context = c14n(sp, True)
        agree(as_written, libxml2_c14n(data, 'SignedProperties', sigs.index(sig), inject=inject), 'SignedProperties of ' + sid)
        want = refs.get('#%s-SignedProperties' % sid)
        if sha1(as_written) == want:
            facts.append('sp=ok' if sha1(in_context) == want else 'sp=ok(as-written)')
        else:
            facts.append('sp=BAD')
        # SignatureValue over SignedInfo (as written = in context for the files we write, asserted)
        si_bytes = c14n(si, False, inject=inject)
        if si_bytes != c14n(si, True):
            sys.exit('ddoc_generate: SignedInfo of %s differs between the two readings' % sid)
        agree(si_bytes, libxml2_c14n(data, 'SignedInfo', sigs.index(sig), inject=inject), 'SignedInfo of ' + sid)
        cert = x509.load_der_x509_certificate(base64.b64decode(text(child(sig, 'KeyInfo', 'X509Data', 'X509Certificate'))))
        value = base64.b64decode(text(child(sig, 'SignatureValue')))
        facts.append('sv=' + rsa_check(cert, si_bytes, value))
        # signing certificate reference
        cert_ref = child(sp, 'SignedSignatureProperties', 'SigningCertificate', 'Cert')
        ok = base64.b64decode(text(child(cert_ref, 'CertDigest', 'DigestValue'))) == sha1(cert.public_bytes(serialization.Encoding.DER))
        if version == '1.3':
            ok = ok and int(text(child(cert_ref, 'IssuerSerial', 'X509SerialNumber'))) == cert.serial_number
            ok = ok and text(child(cert_ref, 'IssuerSerial', 'X509IssuerName')) == cert.issuer.rfc4514_string()
        else:
            ok = ok and int(text(child(cert_ref, 'IssuerSerial'))) == cert.serial_number
        facts.append('certref=' + ('ok' if ok else 'BAD'))
        # time-mark
        unsigned = child(sig, 'Object', 'QualifyingProperties', 'UnsignedProperties')
        produced = None
        if unsigned is None:
            facts.append('no-OCSP')
        else:
            usp = child(unsigned, 'UnsignedSignatureProperties')
            values = child(usp, 'RevocationValues', 'OCSPValues') if version == '1.3' else child(usp, 'RevocationValues')
            der = base64.b64decode(text(child(values, 'EncapsulatedOCSPValue')))
            response = ocsp.load_der_ocsp_response(der)
            embedded = x509.load_der_x509_certificate(base64.b64decode(text(child(usp, 'CertificateValues', 'EncapsulatedX509Certificate'))))
            embedded.public_key().verify(response.signature, response.tbs_response_bytes, padding.PKCS1v15(), response.signature_hash_algorithm)
            issuer = pki['rogue-ca'].cert if cert.issuer == pki['rogue-ca'].cert.subject else pki['ca'].cert
            request = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
            if (response.serial_number, response.issuer_name_hash, response.issuer_key_hash) != \
                    (request.serial_number, request.issuer_name_hash, request.issuer_key_hash):
                sys.exit('ddoc_generate: the OCSP response of %s is about another certificate' % sid)
            status = response.certificate_status.name
            facts.append('OCSP ' + status)
            nonce = response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
            facts.append('nonce=' + ('ok' if nonce == sha1(value) else 'BAD'))
            orf = child(usp, 'CompleteRevocationRefs', 'OCSPRefs', 'OCSPRef')
            ok = base64.b64decode(text(child(orf, 'DigestAlgAndValue', 'DigestValue'))) == sha1(der)
            facts.append('ref=' + ('ok' if ok else 'BAD'))
            produced = response.produced_at_utc
            ok = parse_time(text(child(orf, 'OCSPIdentifier', 'ProducedAt')), version) == produced
            crefs = child(usp, 'CompleteCertificateRefs', 'CertRefs', 'Cert') if version == '1.3' else child(usp, 'CompleteCertificateRefs', 'Cert')
            ok = ok and base64.b64decode(text(child(crefs, 'CertDigest', 'DigestValue'))) == sha1(embedded.public_bytes(serialization.Encoding.DER))
            facts.append('notary=' + ('ok' if ok else 'BAD'))
            trusted = embedded == anchors['responder']
            facts.append('responder=' + ('trusted' if trusted else 'untrusted'))
            # openssl's OCSP code agrees on the signature, the status and the certificate
            with tempfile.TemporaryDirectory() as tmp:
                paths = {}
                for name, content in (('resp.der', der), ('cert.pem', cert.public_bytes(serialization.Encoding.PEM)),
                                      ('issuer.pem', issuer.public_bytes(serialization.Encoding.PEM)),
                                      ('va.pem', embedded.public_bytes(serialization.Encoding.PEM))):
                    paths[name] = os.path.join(tmp, name)
                    with open(paths[name], 'wb') as f:
                        f.write(content)
                result = run('openssl', 'ocsp', '-respin', paths['resp.der'], '-issuer', paths['issuer.pem'], '-cert', paths['cert.pem'],
                             '-VAfile', paths['va.pem'], '-no_nonce')
                said = result.stdout.decode() + result.stderr.decode()
                if 'Response verify OK' not in said or (': %s' % status.lower()) not in said:
                    sys.exit('ddoc_generate: openssl ocsp disagrees on %s: %s' % (sid, said))
        # the signer's certificate against the ddoc-test CA (what DDoc4J checks besides crypto)
        problems = []
        try:
            cert.verify_directly_issued_by(anchors['ca'])
        except Exception:
            problems.append('untrusted-ca')
        if not cert.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment:
            problems.append('no-nonrepudiation')
        if produced is not None and not (cert.not_valid_before_utc <= produced <= cert.not_valid_after_utc):
            problems.append('expired')
        facts.append('cert=' + (','.join(problems) if problems else 'ok'))
        out.append('%s[%s]' % (sid, ' '.join(facts)))
    log.append(' '.join(out))
    return ' '.join(out)

# ---------------------------------------------------------------------------------------- vectors

ROWS = []

def vector(name, data, pki, expect, indication, crypto, form, texts, description, own_check):
    """Writes ddoc/NAME, checks it independently and adds its MANIFEST row. own_check: what the check must say."""
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
    log = []
    said = check(data, pki, log)
    if said != own_check:
        sys.exit('ddoc_generate: %s checks as\n  %s\nnot\n  %s' % (name, said, own_check))
    notes = ['form: ' + form] if form else []
    notes += texts + [description, 'own-check: ' + said]
    ROWS.append('\t'.join(['ddoc/' + name, expect, indication, '-', 'ddoc-test', crypto, ' ; '.join(notes), SOURCE]))
    print('%-44s %-12s %s' % (name, expect, said))

OK = 'df=ok sp=ok sv=ok certref=ok OCSP GOOD nonce=ok ref=ok notary=ok responder=trusted cert=ok'

def own(sid='S0', **changes):
    facts = dict(f.split('=', 1) if '=' in f else (f, None) for f in OK.replace('OCSP GOOD', 'OCSP=GOOD').split())
    for key, value in changes.items():
        facts[key] = value
    parts = []
    for key, value in facts.items():
        if value is None:
            continue
        if key == 'OCSP':
            parts.append('OCSP ' + value)
        else:
            parts.append('%s=%s' % (key, value))
    return '%s[%s]' % (sid, ' '.join(parts))

def make_vectors(pki):
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    letter = b'This letter is signed by the DDOC test vectors of asic.\nIt has a few lines, so its base64 spans more than one line.\n'
    annex = 'Lisa 1: hinnakiri\nToode;Hind\nõun;1,20\n'.encode()
    d0 = lambda **kw: DataFile('D0', 'letter.txt', 'text/plain', letter, **kw)
    d1 = DataFile('D1', 'lisa õunad.csv', 'text/csv', annex)
    unsigned = DataFile('D1', 'unsigned.txt', 'text/plain', b'Added after signing.\n')
    no_ocsp = own(**{'OCSP': None, 'nonce': None, 'ref': None, 'notary': None, 'responder': None})
    no_ocsp = no_ocsp.replace('certref=ok', 'certref=ok no-OCSP')

    # ---- valid and warning
    one = ddoc('1.3', [d0()], [Sig()], pki)
    vector('valid-1.3.ddoc', one, pki, 'valid', 'TOTAL_PASSED', 'ok', 'DIGIDOC_XML_1.3', [],
           'DIGIDOC-XML 1.3, one EMBEDDED_BASE64 DataFile, one signature (signer, time-mark by responder)', own())
    vector('valid-1.3-two-signatures.ddoc', ddoc('1.3', [d0()], [Sig(), Sig(id='S1', signer='signer2', at=BASE + datetime.timedelta(hours=2), delay=5)], pki),
           pki, 'valid', 'TOTAL_PASSED', 'ok', 'DIGIDOC_XML_1.3', [],
           'two signatures S0 (signer) and S1 (signer2, two hours later), each over D0 and with its own time-mark', own() + ' ' + own('S1'))
    vector('valid-1.3-two-datafiles.ddoc', ddoc('1.3', [d0(), d1], [Sig()], pki), pki, 'valid', 'TOTAL_PASSED', 'ok', 'DIGIDOC_XML_1.3', [],
           'two DataFiles D0 and D1 (file name with a space and a non-ASCII letter), one signature over both', own())
    vector('valid-1.3-hashcode.ddoc', ddoc('1.3', [d0(content_type='HASHCODE')], [Sig()], pki), pki, 'valid', 'TOTAL_PASSED', 'ok',
           'DIGIDOC_XML_1.3_hashcode', [],
           'HASHCODE form as in "DigiDoc 1.3 hashcode.ddoc": empty DataFile body, DigestType="sha1", DigestValue = the digest of the '
           'EMBEDDED_BASE64 form of the same DataFile (which the Reference carries); SiVa validates in hashcode mode', own())
    vector('warning-1.2.ddoc', ddoc('1.2', [d0()], [Sig()], pki), pki, 'warning', 'TOTAL_PASSED', 'ok', 'DIGIDOC_XML_1.2',
           ['warning: Old and unsupported format: DIGIDOC-XML version: 1.2'],
           'DIGIDOC-XML 1.2 layout as DIGIDOC-XML1.2.ddoc: no namespace on SignedDoc/DataFile, xmldsig SignedProperties with Target, '
           'yyyy.MM.ddTHH:mm:ssZ times, Cert Id="S0-CERTINFO" with a bare IssuerSerial serial, bare CompleteCertificateRefs/Cert and '
           'RevocationValues/EncapsulatedOCSPValue', own())
    vector('warning-1.3-datafile-no-xmlns.ddoc', ddoc('1.3', [d0(own_xmlns=False, hashed='no-ns')], [Sig()], pki), pki, 'warning', 'TOTAL_PASSED', 'ok',
           'DIGIDOC_XML_1.3', ['warning: Bad digest for DataFile: D0 alternate digest matches!'],
           'the DataFile has no own xmlns and its Reference digest was computed without the 1.3 namespace (the old writers\' bug, as 18912.ddoc): '
           'the canonical digest with the namespace fails, the alternate one matches', own(df='D0:alt-match'))
    vector('valid-1.3-digestinfo-no-null.ddoc', ddoc('1.3', [d0()], [Sig(with_null=False)], pki), pki, 'valid', 'TOTAL_PASSED', 'ok', 'DIGIDOC_XML_1.3', [],
           'the RSA signature\'s DigestInfo has no NULL parameters (301f300706052b0e03021a0414 + SHA-1, as faileemald1.ddoc): '
           'DDoc4J accepts it, a strict PKCS#1 verifier does not', own(sv='ok(no-NULL)'))
    vector('valid-1.3-rsa1024.ddoc', ddoc('1.3', [d0()], [Sig(signer='signer-rsa1024')], pki), pki, 'valid', 'TOTAL_PASSED', 'ok', 'DIGIDOC_XML_1.3', [],
           'signed with a 1024-bit RSA key (signer-rsa1024), as ID cards issued before 2011 were: DDoc4J has no key-size rule', own())
    vector('valid-1.3-signedproperties-no-xmlns.ddoc', ddoc('1.3', [d0()], [Sig(sp_xmlns=False)], pki), pki, 'valid', 'TOTAL_PASSED', 'ok',
           'DIGIDOC_XML_1.3', [],
           'SignedProperties without its own xmlns inside the etsi-namespaced QualifyingProperties, hashed as written without the namespace '
           '(as valid_XML1_3.ddoc; strict in-context C14N fails it, DDoc4J and SiVa pass it)', own(sp='ok(as-written)'))
    vector('no-signature-1.3.ddoc', ddoc('1.3', [d0()], [], pki), pki, 'no-signature', '-', 'n/a', 'DIGIDOC_XML_1.3', [],
           'one DataFile and no Signature (as DdocContainerNoSignature.ddoc): signaturesCount 0, no error', 'no signatures')

    # ---- invalid: a correct signature changed in one place
    body = b64lines(letter).encode()
    changed = b64lines(letter.replace(b'signed', b'forged')).encode()
    vector('invalid-datafile-changed.ddoc', replace_once(one, body, changed), pki, 'invalid', 'TOTAL_FAILED', 'hash-failure', 'DIGIDOC_XML_1.3',
           ['error: Bad digest for DataFile: D0'], 'D0\'s content changed after signing (same length and Size)', own(df='D0:MISMATCH'))
    time = b'<SigningTime>%s</SigningTime>' % xml_time(BASE, '1.3').encode()
    vector('invalid-signedproperties-changed.ddoc', replace_once(one, time, time.replace(b'09:30:00', b'09:25:00')), pki, 'invalid', 'TOTAL_FAILED',
           'hash-failure', 'DIGIDOC_XML_1.3', ['error: Bad digest for SignedProperties: S0-SignedProperties'],
           'SigningTime moved five minutes back after signing, so the SignedProperties digest fails (DDoc4J\'s text; ddoc.md does not list it)',
           own(sp='BAD'))
    vector('invalid-signature-value.ddoc', ddoc('1.3', [d0()], [Sig(sign_other=True)], pki), pki, 'invalid', 'TOTAL_FAILED', 'sig-failure', 'DIGIDOC_XML_1.3',
           ['error: Invalid signature value!'],
           'SignatureValue is a well-formed RSA signature by the signer\'s key over another SignedInfo (padding and DigestInfo decode, the '
           'digest differs); the time-mark was made for this value, so its nonce still matches (as test-inv-sig-inf.ddoc)', own(sv='BAD'))
    vector('invalid-ocsp-nonce.ddoc', ddoc('1.3', [d0()], [Sig(nonce=sha1(b'another signature value'))], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok',
           'DIGIDOC_XML_1.3', ["error: OCSP response's nonce doesn't match the requests nonce!"],
           'the OCSP nonce is SHA-1 of other bytes, not of the SignatureValue (the OCSPRef digest matches the response)', own(nonce='BAD'))
    vector('invalid-ocsp-revoked.ddoc', ddoc('1.3', [d0()], [Sig(status='revoked')], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok', 'DIGIDOC_XML_1.3',
           ['error: Certificate has been revoked!'], 'the time-mark says revoked (keyCompromise, 30 days before signing)', own(OCSP='REVOKED'))
    vector('invalid-ocsp-unknown.ddoc', ddoc('1.3', [d0()], [Sig(status='unknown')], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok', 'DIGIDOC_XML_1.3',
           ['error: Certificate status is unknown!'], 'the time-mark says unknown', own(OCSP='UNKNOWN'))
    rogue = pki['rogue-responder'].cert.subject
    vector('invalid-ocsp-rogue-responder.ddoc', ddoc('1.3', [d0()], [Sig(responder='rogue-responder')], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok',
           'DIGIDOC_XML_1.3', ["error: No certificate for responder: 'byName: %s' found in local certificate store!" % bc_name(rogue)],
           'the time-mark is signed by rogue-responder (issued by rogue-ca, neither trusted; the responder certificate, CompleteCertificateRefs '
           'and OCSPRef are consistent with it): DDoc4J looks the responder up by CN and stops there', own(responder='untrusted'))
    unsigned_text = cut(one, b'<UnsignedProperties>', b'</UnsignedProperties>')
    vector('invalid-ocsp-missing.ddoc', replace_once(one, unsigned_text, b''), pki, 'invalid', 'TOTAL_FAILED', 'ok', 'DIGIDOC_XML_1.3',
           ['error: Signature has no OCSP confirmation!'], 'UnsignedProperties removed: a signature without a time-mark', no_ocsp)
    ref_digest = cut(one, b'<DigestAlgAndValue>', b'</DigestAlgAndValue>')
    wrong_digest = ref_digest.split(b'<DigestValue>')[0] + b'<DigestValue>%s</DigestValue>\n</DigestAlgAndValue>' % b64(sha1(b'other')).encode()
    vector('invalid-ocspref-digest.ddoc', replace_once(one, ref_digest, wrong_digest),
           pki, 'invalid', 'TOTAL_FAILED', 'hash-failure', 'DIGIDOC_XML_1.3', ["error: Notarys digest doesn't match!"],
           'the OCSPRef DigestValue is not the SHA-1 of the embedded OCSP response', own(ref='BAD'))
    vector('invalid-signer-no-nonrepudiation.ddoc', ddoc('1.3', [d0()], [Sig(signer='signer-nonr')], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok',
           'DIGIDOC_XML_1.3', ['error: Signers cert does not have non-repudiation bit set!'],
           'signer-nonr\'s keyUsage is digitalSignature,keyEncipherment', own(cert='no-nonrepudiation'))
    vector('invalid-signer-expired.ddoc', ddoc('1.3', [d0()], [Sig(signer='signer-expired')], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok',
           'DIGIDOC_XML_1.3', ['error: Signers certificate has expired!'],
           'signer-expired was valid 2000-01-01..2001-01-01, the time-mark\'s producedAt is %s' % xml_time(BASE + datetime.timedelta(seconds=3), '1.3'),
           own(cert='expired'))
    vector('invalid-signer-rogue-ca.ddoc', ddoc('1.3', [d0()], [Sig(signer='signer-rogue')], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok',
           'DIGIDOC_XML_1.3', ['error: Signers cert not trusted, missing CA cert!', 'error-startswith: Unknown CA cert:'],
           'signer-rogue is issued by rogue-ca, which is not a trust anchor; the trusted responder answered good for it. DDoc4J\'s OCSP status '
           'check then finds no CA for the CertID either and adds "Unknown CA cert: " + the issuer DN as Java renders it', own(cert='untrusted-ca'))
    d0_text = d0().render('1.3')[0].encode()
    vector('invalid-datafile-unreferenced.ddoc', replace_once(one, d0_text, d0_text + b'\n' + unsigned.render('1.3')[0].encode()), pki, 'invalid',
           'TOTAL_FAILED', 'ok', 'DIGIDOC_XML_1.3', ['error: Missing Reference for file: unsigned.txt'],
           'a DataFile D1 "unsigned.txt" added after signing: no Reference covers it', own(df='D1:no-reference'))
    vector('invalid-datafile-id.ddoc', ddoc('1.3', [DataFile('X0', 'letter.txt', 'text/plain', letter)], [Sig()], pki), pki, 'invalid', 'TOTAL_FAILED',
           'ok', 'DIGIDOC_XML_1.3', ['error: Id attribute value has to be in form D<number> or DO'],
           'the DataFile\'s Id is "X0" (signed so, Reference URI="#X0", every digest verifies): a container error copied into the signature', own())
    vector('invalid-crcrlf-line-ends.ddoc', one.replace(b'\n', b'\r\r\n'), pki, 'invalid', 'TOTAL_FAILED', 'hash-failure', 'DIGIDOC_XML_1.3',
           ['error: Bad digest for DataFile: D0', 'error: Bad digest for SignedProperties: S0-SignedProperties', 'error: Invalid signature value!'],
           'valid-1.3.ddoc with every "\\n" turned into "\\r\\r\\n" (a double CRLF conversion, as ddoc_1_3.xml.ddoc): after XML line-end '
           'normalisation each line break reads as two, so the DataFile body, SignedProperties and SignedInfo all change '
           '(the base64 values still decode the same, so the OCSP checks pass)', own(df='D0:MISMATCH', sp='BAD', sv='BAD'))

    vector('invalid-contenttype-detatched.ddoc', ddoc('1.3', [d0(content_type='DETATCHED')], [Sig()], pki), pki, 'invalid', 'TOTAL_FAILED', 'ok',
           'DIGIDOC_XML_1.3', ['error: Currently supports only content types EMBEDDED_BASE64 for DDOC format',
                               'error: Missing DataFile for signature: S0 reference #D0'],
           'a DETATCHED DataFile (empty body, DigestType/DigestValue of the outside file), signed over its canonical form (every digest '
           'verifies). DDoc4J\'s DataFile constructor refuses the content type with a non-fatal error (code ERR_DATA_FILE_CONTENT_TYPE, not '
           'ERR_PARSE_XML, so DDocOpener does not throw and SiVa gives a report, not a request error), the DataFile is dropped and the '
           'Reference to #D0 then finds no DataFile', own())

    # ---- rejected before validation
    doctype = b'<!DOCTYPE SignedDoc [\n<!ENTITY place "Tallinn">\n]>\n'
    vector('reject-doctype-entity.ddoc', replace_once(one, b'<SignedDoc ', doctype + b'<SignedDoc '), pki, 'reject', '-', 'n/a', '',
           ['reject: Document malformed or not matching documentType'],
           'valid-1.3.ddoc with an internal DOCTYPE declaring an entity (never used): SiVa\'s secure pre-parse refuses any DOCTYPE', own())
    vector('reject-unknown-element.ddoc', replace_once(one, d0_text, d0_text + b'\n<Note>added after signing</Note>'), pki, 'reject', '-', 'n/a', '',
           ['reject: Document malformed or not matching documentType'],
           'valid-1.3.ddoc with an element <Note> between the DataFile and the Signature: DDoc4J\'s element-path whitelist raises the fatal '
           '(ERR_PARSE_XML) "Invalid xml element: …", so DDocOpener throws and SiVa answers with a request error', own())

    with open(os.path.join(OUT, 'MANIFEST.tsv'), 'w') as f:
        f.write('path\texpect\tindication\tsubindication\ttrust\tcrypto\tnotes\tsource\n')
        f.write('\n'.join(ROWS) + '\n')

def main():
    if '--reuse-pki' not in sys.argv or not os.path.exists(os.path.join(PKI, 'ca.pem')):
        make_pki()
    pki = load_pki()
    if not XMLLINT:
        print('ddoc_generate: xmllint not found, the libxml2 C14N cross-check is skipped')
    make_vectors(pki)
    print('ddoc_generate: %d vectors in %s' % (len(ROWS), OUT))

if __name__ == '__main__':
    main()
