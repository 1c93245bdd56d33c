#!/usr/bin/env python3
"""Rebuilds the project's own test vectors from scratch, in one command:

    python3 TestVectors/generate.py [--asic PATH]
    python3 TestVectors/generate.py pivots      (only the pivot LOTLs of pki/tsl/pivot*/)
    python3 TestVectors/generate.py crl         (only the crl-* containers, over the PKI already here)

1. pki/: a test PKI made with the openssl CLI (root and issuing CA, signers of every key type and
   status, an OCSP responder with the time-mark policy, a TSA, a TSL signer), valid until 2049;
2. pki/tsl/: a test LOTL and trusted list naming them (with service history), signed by xmlsec1, and
   variants of them in pki/tsl/NAME/ that rows name with tsl:NAME in their notes, and a chain of
   pivot LOTLs (pki/tsl/pivot/, two key rollovers) with a broken twin (pki/tsl/pivot-broken/);
3. containers/: every profile, multi-signature, a vector per sub-indication we produce, and the
   structural faults, made by our own `asic create/sign/extend` against `openssl ts` and
   `openssl ocsp` served on 127.0.0.1, then tampered precisely; containers/MANIFEST.tsv says
   what each must validate to (same columns as the shared corpus).
Uses only python3's standard library, openssl, xmlsec1 and the asic binary.
"""
import warnings
warnings.filterwarnings('ignore', 'Duplicate name')  # duplicate-entry.asice holds one on purpose
import base64, hashlib, http.server, os, shutil, subprocess, sys, threading, time, zipfile
from der import oid, seq
from openssl_conf import CA_USAGE, ca_database, extensions_file, profile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PKI = os.path.join(HERE, 'pki')
OUT = os.path.join(HERE, 'containers')
WORK = os.path.join(HERE, '.work')
ASIC = sys.argv[sys.argv.index('--asic') + 1] if '--asic' in sys.argv else os.path.join(ROOT, '.build', 'debug', 'asic')
UNTIL = '20491231235959Z'

def run(*args, cwd=None, input=None, check=True):
    result = subprocess.run(list(args), cwd=cwd, input=input, capture_output=True)
    if check and result.returncode != 0:
        sys.exit('generate: %s failed (%d): %s' % (' '.join(args), result.returncode, result.stderr.decode()[:800]))
    return result

def p(*parts):
    return os.path.join(PKI, *parts)

# ---------------------------------------------------------------------------------------- PKI

EXTENSIONS = extensions_file(
    profile('root', CA_USAGE, ca='', ski=True),
    profile('issuing', CA_USAGE, ca=',pathlen:0', key_ids=True),
    profile('signer', 'nonRepudiation', policy='1.3.6.1.4.1.99999.1.1', qc='%(qc_esign)s'),
    profile('signer_noqc', 'nonRepudiation', policy='1.3.6.1.4.1.99999.1.2'),
    profile('signer_nonr', 'digitalSignature', policy='1.3.6.1.4.1.99999.1.1', qc='%(qc_esign)s'),
    profile('seal', 'nonRepudiation', policy='1.3.6.1.4.1.99999.1.3', qc='%(qc_eseal)s'),
    profile('responder', 'digitalSignature', eku='OCSPSigning', policy='1.3.6.1.4.1.10015.4.1.2'),
    profile('responder_plain', 'digitalSignature', eku='OCSPSigning',
               extra=['# A CA-delegated responder (not in the trusted list): RFC 6960 lets it answer only with no-check.',
                      'noCheck = ignored']),
    profile('tsa', 'digitalSignature', eku='critical,timeStamping'),
    profile('tslsigner', 'digitalSignature'),
    profile('tsa_ca', CA_USAGE, ca=',pathlen:0', key_ids=True),
    profile('tsu_noeku', 'digitalSignature'))

def qc_statements(kind):
    # QcCompliance, QcSSCD, QcType (esign or eseal): EN 319 412-5.
    return seq(seq(oid('0.4.0.1862.1.1')), seq(oid('0.4.0.1862.1.4')),
               seq(oid('0.4.0.1862.1.6'), seq(oid('0.4.0.1862.1.6.' + ('1' if kind == 'esign' else '2'))))).hex().upper()

def key(name, kind):
    spec = {'rsa2048': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
            'rsa1024': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
            'p256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
            'p384': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
            'brainpool': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:brainpoolP384r1'],
            'rsa-pss': ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048']}[kind]
    run('openssl', 'genpkey', *spec, '-out', p(name + '.key'))

def ca_config(name):
    folder = p('ca-' + name)
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, 'index.txt'), 'w').close()
    with open(os.path.join(folder, 'serial'), 'w') as f:
        f.write('1000\n' if name == 'root' else ('2000\n' if name == 'issuing' else '3000\n'))
    with open(os.path.join(folder, 'ca.cnf'), 'w') as f:
        f.write(ca_database(folder, 'index.txt', [('commonName', 'supplied'), ('countryName', 'optional'),
                                                  ('organizationName', 'optional'), ('serialNumber', 'optional'),
                                                  ('givenName', 'optional'), ('surname', 'optional')]))
    return os.path.join(folder, 'ca.cnf')

def issue(name, by, extensions, subject, start=None, end=UNTIL):
    run('openssl', 'req', '-new', '-key', p(name + '.key'), '-subj', subject, '-utf8', '-out', p(name + '.csr'))
    args = ['openssl', 'ca', '-batch', '-config', ca_config_path[by], '-cert', p(by + '.pem'), '-keyfile', p(by + '.key'),
            '-in', p(name + '.csr'), '-out', p(name + '.pem'), '-extfile', p('extensions.cnf'), '-extensions', extensions,
            '-enddate', end, '-notext', '-utf8']
    if start:
        args += ['-startdate', start]
    run(*args)

def self_signed_ca(name, kind, subject):
    """A new key and a self-signed CA certificate for it (root and rogue are made alike; only the key and name differ)."""
    key(name, kind)
    run('openssl', 'req', '-x509', '-new', '-key', p(name + '.key'), '-subj', subject, '-days', '8766',
        '-out', p(name + '.pem'), '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')

ca_config_path = {}
FULL_INDEX = []  # the issuing CA's index lines before revocation and deletion

def make_pki():
    if os.path.isdir(PKI):
        shutil.rmtree(PKI)
    os.makedirs(PKI)
    with open(p('extensions.cnf'), 'w') as f:
        f.write(EXTENSIONS % {'qc_esign': qc_statements('esign'), 'qc_eseal': qc_statements('eseal')})
    self_signed_ca('root', 'p384', '/C=EE/O=asic test/CN=asic Test Root CA')
    for name in ('root', 'issuing', 'rogue'):
        ca_config_path[name] = ca_config(name)
    key('issuing', 'p384')
    issue('issuing', 'root', 'issuing', '/C=EE/O=asic test/CN=asic Test Issuing CA', start='20200101000000Z')
    self_signed_ca('rogue', 'p256', '/C=EE/CN=Unlisted Test CA')
    people = [
        # name, key kind, extensions, subject, start, end
        ('signer-rsa2048', 'rsa2048', 'signer', '/C=EE/SN=TESTER/GN=RSA/serialNumber=PNOEE-30001010001/CN=TESTER\\,RSA\\,30001010001', None, UNTIL),
        ('signer-p256', 'p256', 'signer', '/C=EE/SN=TESTER/GN=ECC/serialNumber=PNOEE-30001010002/CN=TESTER\\,ECC\\,30001010002', None, UNTIL),
        ('signer-p384', 'p384', 'signer', '/C=EE/SN=TESTER/GN=P384/serialNumber=PNOEE-30001010003/CN=TESTER\\,P384\\,30001010003', None, UNTIL),
        ('signer-brainpool', 'brainpool', 'signer', '/C=EE/SN=TESTER/GN=BRAINPOOL/serialNumber=PNOEE-30001010004/CN=TESTER\\,BRAINPOOL\\,30001010004', None, UNTIL),
        ('signer-rsa-pss', 'rsa-pss', 'signer', '/C=EE/SN=TESTER/GN=PSS/serialNumber=PNOEE-30001010013/CN=TESTER\\,PSS\\,30001010013', None, UNTIL),
        ('signer-rsa1024', 'rsa1024', 'signer', '/C=EE/CN=TESTER\\,WEAK KEY\\,30001010005', None, UNTIL),
        ('signer-expired', 'p256', 'signer', '/C=EE/CN=TESTER\\,EXPIRED\\,30001010006', '20200101000000Z', '20210101000000Z'),
        ('signer-future', 'p256', 'signer', '/C=EE/CN=TESTER\\,NOT YET VALID\\,30001010007', '20450101000000Z', UNTIL),
        ('signer-revoked', 'p256', 'signer', '/C=EE/CN=TESTER\\,REVOKED\\,30001010008', None, UNTIL),
        ('signer-unknown', 'p256', 'signer', '/C=EE/CN=TESTER\\,UNKNOWN TO OCSP\\,30001010009', None, UNTIL),
        ('signer-nonr', 'p256', 'signer_nonr', '/C=EE/CN=TESTER\\,NO NONREPUDIATION\\,30001010010', None, UNTIL),
        ('signer-noqc', 'p256', 'signer_noqc', '/C=EE/CN=TESTER\\,NOT QUALIFIED\\,30001010011', None, UNTIL),
        ('seal', 'p256', 'seal', '/C=EE/O=asic Test Company/serialNumber=NTREE-99999999/CN=asic Test Company e-seal', None, UNTIL),
        ('responder', 'p256', 'responder', '/C=EE/O=asic test/CN=asic Test OCSP Responder', None, UNTIL),
        ('responder-plain', 'p256', 'responder_plain', '/C=EE/O=asic test/CN=asic Test OCSP Responder without time-marks', None, UNTIL),
        ('tsa', 'p256', 'tsa', '/C=EE/O=asic test/CN=asic Test TSA', None, UNTIL),
        ('tslsigner', 'p256', 'tslsigner', '/C=EE/O=asic test/CN=asic Test TSL Signer', None, UNTIL),
        # A CA-delegated responder (no-check, not listed) whose certificate expired in 2021.
        ('responder-expired', 'p256', 'responder_plain', '/C=EE/O=asic test/CN=asic Test OCSP Responder expired', '20200101000000Z', '20210101000000Z'),
    ]
    for name, kind, extensions, subject, start, end in people:
        key(name, kind)
        issue(name, 'issuing', extensions, subject, start=start, end=end)
    key('signer-rogue', 'p256')
    issue('signer-rogue', 'rogue', 'signer', '/C=EE/CN=TESTER\\,UNLISTED CA\\,30001010012')
    key('tsa-rogue', 'p256')
    issue('tsa-rogue', 'rogue', 'tsa', '/C=EE/CN=Unlisted Test TSA')
    # A TSA CA (listed as a TSA/QTST service only by the tsa-ca trusted-list variant) and two units under it:
    # tsu-ok with the critical timeStamping EKU, tsu-noeku without any extendedKeyUsage.
    key('tsa-ca', 'p256')
    issue('tsa-ca', 'root', 'tsa_ca', '/C=EE/O=asic test/CN=asic Test TSA CA', start='20200101000000Z')
    ca_config_path['tsa-ca'] = ca_config('tsa-ca')
    key('tsu-ok', 'p256')
    issue('tsu-ok', 'tsa-ca', 'tsa', '/C=EE/O=asic test/CN=asic Test TSU', start='20200101000000Z')
    key('tsu-noeku', 'p256')
    issue('tsu-noeku', 'tsa-ca', 'tsu_noeku', '/C=EE/O=asic test/CN=asic Test TSU without EKU', start='20200101000000Z')
    # Revoke the revoked signer in 2024, before any signature is made.
    index = os.path.join(PKI, 'ca-issuing', 'index.txt')
    FULL_INDEX[:] = open(index).read().splitlines()  # every certificate as valid, for responses from other indexes
    serial = serial_of('signer-revoked')
    lines = []
    for line in open(index):
        fields = line.rstrip('\n').split('\t')
        if fields[3] == serial:
            fields[0], fields[2] = 'R', '240101000000Z,keyCompromise'
        if 'UNKNOWN TO OCSP' in fields[5]:
            continue  # the responder knows nothing of it
        lines.append('\t'.join(fields))
    with open(index, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    for tsa, chain in (('tsa', 'issuing'), ('tsa-rogue', 'rogue')):
        write_tsa_config(tsa, chain)
    write_tsa_config('tsu-ok', 'tsa-ca', tsa_name='no')
    for leftover in os.listdir(PKI):
        if leftover.endswith('.csr'):
            os.remove(p(leftover))

def write_tsa_config(tsa, chain, tsa_name='yes'):
    with open(p(tsa + '.cnf'), 'w') as f:
        f.write("""[tsa]
default_tsa = tsa1
[tsa1]
serial = %s
crypto_device = builtin
signer_cert = %s
signer_key = %s
certs = %s
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.2.1
digests = sha1, sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = %s
ess_cert_id_chain = no
ess_cert_id_alg = sha256
""" % (p(tsa + 'serial'), p(tsa + '.pem'), p(tsa + '.key'), p(chain + '.pem'), tsa_name))
    with open(p(tsa + 'serial'), 'w') as f:
        f.write('01\n')

# ---------------------------------------------------------------------------------------- TSL

def certificate_b64(name):
    der = run('openssl', 'x509', '-in', p(name + '.pem'), '-outform', 'DER').stdout
    return base64.b64encode(der).decode()

def service(kind, name, cert, status_start, history='', status='granted', extensions=''):
    return """<TSPService><ServiceInformation><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/%s</ServiceTypeIdentifier>
<ServiceName><Name xml:lang="en">%s</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity>
<ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/%s</ServiceStatus><StatusStartingTime>%s</StatusStartingTime>%s</ServiceInformation>%s</TSPService>
""" % (kind, name, certificate_b64(cert), status, status_start, extensions, history)

def tsl_document(kind, sequence, body, signer='tslsigner'):
    return """<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#" Id="tsl" TSLTag="http://uri.etsi.org/19612/TSLTag">
<SchemeInformation><TSLVersionIdentifier>6</TSLVersionIdentifier><TSLSequenceNumber>%d</TSLSequenceNumber>
<TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/%s</TSLType>
<SchemeOperatorName><Name xml:lang="en">asic test</Name></SchemeOperatorName><SchemeTerritory>ZZ</SchemeTerritory>
%s
<ListIssueDateTime>2026-01-01T00:00:00Z</ListIssueDateTime><NextUpdate><dateTime>2049-12-01T00:00:00Z</dateTime></NextUpdate></SchemeInformation>
%s
<ds:Signature Id="tsl-signature"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><ds:Reference URI=""><ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>
<ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>
</TrustServiceStatusList>
""" % (sequence, kind, '%s', body, certificate_b64(signer))

def sign_tsl(name, text, folder='', signer='tslsigner'):
    template = os.path.join(PKI, 'tsl', folder, name + '.template.xml')
    with open(template, 'w') as f:
        f.write(text)
    run('xmlsec1', '--sign', '--privkey-pem', p(signer + '.key'), '--output', os.path.join(PKI, 'tsl', folder, name + '.xml'), template)
    os.remove(template)

CA_HISTORY = """<ServiceHistory><ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>
<ServiceName><Name xml:lang="en">asic Test Issuing CA</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509SKI>AA==</X509SKI></DigitalId></ServiceDigitalIdentity>
<ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/undersupervision</ServiceStatus><StatusStartingTime>2015-01-01T00:00:00Z</StatusStartingTime></ServiceHistoryInstance></ServiceHistory>"""

def providers_xml(ca_status='granted', ca_extensions='', extra=''):
    return """<TrustServiceProviderList><TrustServiceProvider><TSPInformation><TSPName><Name xml:lang="en">asic Test Trust Services</Name></TSPName></TSPInformation><TSPServices>
%s%s%s%s</TSPServices></TrustServiceProvider></TrustServiceProviderList>""" % (
        service('CA/QC', 'asic Test Issuing CA', 'issuing', '2016-07-01T00:00:00Z', CA_HISTORY, status=ca_status, extensions=ca_extensions),
        service('Certstatus/OCSP/QC', 'asic Test OCSP Responder', 'responder', '2016-07-01T00:00:00Z'),
        service('TSA/QTST', 'asic Test TSA', 'tsa', '2016-07-01T00:00:00Z'), extra)

# Trusted-list variants, each in pki/tsl/NAME/ (lotl.xml as the main one, ZZ_T.xml beside it): rows name one with tsl:NAME.
QC_FOR_ESIG = """<ServiceInformationExtensions><Extension Critical="true"><ecc:Qualifications xmlns:ecc="http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#">
<ecc:QualificationElement><ecc:Qualifiers><ecc:Qualifier uri="http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCForESig"/><ecc:Qualifier uri="http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD"/></ecc:Qualifiers>
<ecc:CriteriaList assert="atLeastOne"><ecc:PolicySet><ecc:PolicyIdentifier><xades:Identifier>1.3.6.1.4.1.99999.1.2</xades:Identifier></ecc:PolicyIdentifier></ecc:PolicySet></ecc:CriteriaList>
</ecc:QualificationElement></ecc:Qualifications></Extension></ServiceInformationExtensions>"""
TSL_VARIANTS = {
    # A TSA CA named as a TSA/QTST service: its units need the timeStamping EKU.
    'tsa-ca': lambda: dict(extra=service('TSA/QTST', 'asic Test TSA CA', 'tsa-ca', '2016-07-01T00:00:00Z')),
    # The CA/QC service says QCForESig and QCWithQSCD for signer-noqc's policy (it has no QC statements).
    'qcforesig': lambda: dict(ca_extensions=QC_FOR_ESIG),
    # The CA/QC service is only recognised at national level since 2016-07-01.
    'national': lambda: dict(ca_status='recognisedatnationallevel'),
}

def make_tsl():
    os.makedirs(os.path.join(PKI, 'tsl'), exist_ok=True)
    sign_tsl('ZZ_T', tsl_document('EUgeneric', 3, providers_xml()).replace('%s', '', 1))
    pointer = """<PointersToOtherTSL><OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities>
<TSLLocation>https://asic.invalid/tsl/ZZ_T.xml</TSLLocation><AdditionalInformation><OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType></OtherInformation>
<OtherInformation><SchemeTerritory>ZZ</SchemeTerritory></OtherInformation><OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation></AdditionalInformation></OtherTSLPointer></PointersToOtherTSL>""" % certificate_b64('tslsigner')
    sign_tsl('lotl', tsl_document('EUlistofthelists', 1, '').replace('%s', pointer, 1))
    for name, change in TSL_VARIANTS.items():
        os.makedirs(os.path.join(PKI, 'tsl', name))
        sign_tsl('ZZ_T', tsl_document('EUgeneric', 3, providers_xml(**change())).replace('%s', '', 1), name)
        sign_tsl('lotl', tsl_document('EUlistofthelists', 1, '').replace('%s', pointer, 1), name)

# Pivot LOTLs (the EU LOTL's pivot mechanism): the pinned signer tslsigner signs eu-lotl-pivot-1,
# which announces tslsigner-2 in its pointer to the LOTL itself; tslsigner-2 signs eu-lotl-pivot-2,
# which announces tslsigner-3; tslsigner-3 signs the current lotl.xml, whose SchemeInformationURI
# lists the pivots newest first and then the OJ notice: two key rollovers. pivot-broken/ is the same
# chain with eu-lotl-pivot-2 signed by a stranger (tslsigner-stranger).
PIVOT_BASE = 'https://asic.invalid/tsl/'

def lotl_pointer(location, signers, kind='EUgeneric', territory='ZZ'):
    ids = ''.join('<ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity>'
                  % certificate_b64(signer) for signer in signers)
    return ('<OtherTSLPointer><ServiceDigitalIdentities>%s</ServiceDigitalIdentities>\n<TSLLocation>%s</TSLLocation>'
            '<AdditionalInformation><OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/%s</TSLType></OtherInformation>\n'
            '<OtherInformation><SchemeTerritory>%s</SchemeTerritory></OtherInformation><OtherInformation><tslx:MimeType>'
            'application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation></AdditionalInformation></OtherTSLPointer>') % (
        ids, location, kind, territory)

def pivot_lotl(sequence, announced, signer, uris=()):
    scheme_uris = ''.join('<URI xml:lang="en">%s</URI>' % u for u in uris)
    pointers = '<PointersToOtherTSL>%s%s</PointersToOtherTSL>' % (
        lotl_pointer(PIVOT_BASE + 'eu-lotl.xml', [announced], kind='EUlistofthelists', territory='EU'),
        lotl_pointer(PIVOT_BASE + 'ZZ_T.xml', ['tslsigner']))
    info = ('<SchemeInformationURI>%s</SchemeInformationURI>' % scheme_uris if uris else '') + pointers
    return tsl_document('EUlistofthelists', sequence, '', signer=signer).replace('%s', info, 1)

def make_pivots():
    for name in ('tslsigner-2', 'tslsigner-3', 'tslsigner-stranger'):
        key(name, 'p256')
        run('openssl', 'req', '-x509', '-new', '-key', p(name + '.key'), '-subj', '/C=EE/O=asic test/CN=asic Test LOTL Signer ' + name[10:],
            '-days', '8766', '-out', p(name + '.pem'), '-addext', 'keyUsage=critical,digitalSignature')
    national = open(os.path.join(PKI, 'tsl', 'ZZ_T.xml'), 'rb').read()
    uris = [PIVOT_BASE + 'eu-lotl-pivot-2.xml', PIVOT_BASE + 'eu-lotl-pivot-1.xml',
            'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=uriserv:OJ.C_.2019.276.01.0001.01.ENG']
    for folder, second in (('pivot', 'tslsigner-2'), ('pivot-broken', 'tslsigner-stranger')):
        os.makedirs(os.path.join(PKI, 'tsl', folder), exist_ok=True)
        sign_tsl('eu-lotl-pivot-1', pivot_lotl(10, 'tslsigner-2', 'tslsigner'), folder, signer='tslsigner')
        sign_tsl('eu-lotl-pivot-2', pivot_lotl(11, 'tslsigner-3', second), folder, signer=second)
        sign_tsl('lotl', pivot_lotl(12, 'tslsigner-3', 'tslsigner-3', uris), folder, signer='tslsigner-3')
        with open(os.path.join(PKI, 'tsl', folder, 'ZZ_T.xml'), 'wb') as f:
            f.write(national)

# ---------------------------------------------------------------------------------------- services

class Service(http.server.BaseHTTPRequestHandler):
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with Service.lock:
            request, response = os.path.join(WORK, 'request.der'), os.path.join(WORK, 'response.der')
            with open(request, 'wb') as f:
                f.write(body)
            if self.path.startswith('/tsa'):
                # /tsa-rogue answers with a TSA no trusted list names; /tsa-ca with tsu-ok, under the TSA CA.
                config = ('tsa-rogue.cnf' if self.path.startswith('/tsa-rogue') else
                          'tsu-ok.cnf' if self.path.startswith('/tsa-ca') else 'tsa.cnf')
                run('openssl', 'ts', '-reply', '-config', p(config), '-queryfile', request, '-out', response)
            else:
                # /ocsp-plain answers with the responder whose certificate lacks the time-mark policy.
                responder = 'responder-plain' if self.path.startswith('/ocsp-plain') else 'responder'
                run('openssl', 'ocsp', '-index', os.path.join(PKI, 'ca-issuing', 'index.txt'), '-CA', p('issuing.pem'),
                    '-rsigner', p(responder + '.pem'), '-rkey', p(responder + '.key'), '-reqin', request, '-respout', response)
            out = open(response, 'rb').read()
        self.send_response(200)
        self.send_header('Content-Type', 'application/timestamp-reply' if self.path.startswith('/tsa') else 'application/ocsp-response')
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass

def start_services():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Service)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return 'http://127.0.0.1:%d' % server.server_address[1]

# ---------------------------------------------------------------------------------------- containers

ROWS = []

def row(name, expect, indication, subindication, crypto, notes):
    ROWS.append('\t'.join(['containers/' + name, expect, indication, subindication, 'bundled', crypto, notes, 'TestVectors/generate.py']))

def data_files():
    folder = os.path.join(WORK, 'data')
    os.makedirs(folder, exist_ok=True)
    files = {'contract.txt': b'This contract is signed by the test vectors of asic.\n',
             'annex v2.csv': b'item;amount\nfirst;1\nsecond;2\n'}
    for name, content in files.items():
        with open(os.path.join(folder, name), 'wb') as f:
            f.write(content)
    return [os.path.join(folder, name) for name in files]

def create(name):
    path = os.path.join(OUT, name)
    run(ASIC, 'create', '--force', path, *data_files())
    return path

def staged(name):
    """A new container `name` created in WORK, not OUT: a vector changed after signing is signed there, and only
    its changed copy is written to OUT."""
    path = os.path.join(WORK, name)
    shutil.copy(create(name), path)
    os.remove(os.path.join(OUT, name))
    return path

def sign(path, signer, level, services, *extra, ocsp='/ocsp', tsa='/tsa'):
    args = [ASIC, 'sign', path, '--key', p(signer + '.key'), '--cert', p(signer + '.pem'), '--chain', p('issuing.pem'),
            '--level', level, '--tsa', services + tsa, '--ocsp', services + ocsp, *extra]
    run(*args)

def rezip(source, target, change):
    """Copies a zip entry by entry; change(name, data) returns [(name, data, compress)] for each entry."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, 'w') as new:
        for info in old.infolist():
            for name, data, compress in change(info.filename, old.read(info.filename)):
                item = zipfile.ZipInfo(name, info.date_time)
                item.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
                new.writestr(item, data)

def keep(name, data):
    return [(name, data, name != 'mimetype')]

def edit_signature(source, target, change):
    """Copies a container, change(text) rewriting its META-INF/signatures0.xml."""
    rezip(source, target, lambda n, d: keep(n, change(d.decode()).encode() if n == 'META-INF/signatures0.xml' else d))

def signature_text(path):
    with zipfile.ZipFile(path) as z:
        return z.read('META-INF/signatures0.xml').decode()

def element_texts(text, tag):
    """The text of every <tag> in a signature document."""
    found, at = [], 0
    while text.find('<' + tag, at) >= 0:
        start = text.index('>', text.index('<' + tag, at)) + 1
        found.append(text[start:text.index('<', start)])
        at = start
    return found

def with_values(text, certificates, ocsps):
    """Replaces the LT validation data of a signature by CertificateValues (certificate names) and OCSPValues (base64 DER)."""
    for tag in ('xades:CertificateValues', 'xades:RevocationValues'):
        if '<' + tag + '>' in text:
            text = text[:text.index('<' + tag + '>')] + text[text.index('</' + tag + '>') + len(tag) + 3:]
    values = ('<xades:CertificateValues>%s</xades:CertificateValues><xades:RevocationValues><xades:OCSPValues>%s</xades:OCSPValues></xades:RevocationValues>'
              % (''.join('<xades:EncapsulatedX509Certificate>%s</xades:EncapsulatedX509Certificate>' % certificate_b64(c) for c in certificates),
                 ''.join('<xades:EncapsulatedOCSPValue>%s</xades:EncapsulatedOCSPValue>' % o for o in ocsps)))
    return text.replace('</xades:UnsignedSignatureProperties>', values + '</xades:UnsignedSignatureProperties>', 1)

def serial_of(name):
    return run('openssl', 'x509', '-in', p(name + '.pem'), '-noout', '-serial').stdout.decode().strip().split('=')[1]

def subject_of(name):
    """The subject of certificate `name` as the CA database's index writes it (`openssl -nameopt compat`)."""
    return run('openssl', 'x509', '-in', p(name + '.pem'), '-noout', '-subject', '-nameopt', 'compat').stdout.decode().strip().split('=', 1)[1]

def ocsp_response(subject, responder, status):
    """Base64 of an OCSP response about subject's certificate (no nonce), produced now and signed by responder's
    certificate and key, from a copy of the issuing CA's index where subject's line is valid ('V') or absent (None)."""
    serial = serial_of(subject)
    lines = [l for l in open(os.path.join(PKI, 'ca-issuing', 'index.txt')).read().splitlines() if l.split('\t')[3] != serial]
    if status == 'V':
        lines += [l for l in FULL_INDEX if l.split('\t')[3] == serial]
    return signed_ocsp(subject, 'issuing', responder, lines)

def signed_ocsp(subject, ca, responder, lines):
    """Base64 of `openssl ocsp`'s answer about subject (issued by ca) from an index of `lines`, signed by responder."""
    folder = os.path.join(WORK, 'ocsp-%d' % len(os.listdir(WORK)))
    os.makedirs(folder)
    index, request, response = (os.path.join(folder, n) for n in ('index.txt', 'request.der', 'response.der'))
    with open(index, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    run('openssl', 'ocsp', '-issuer', p(ca + '.pem'), '-cert', p(subject + '.pem'), '-no_nonce', '-reqout', request)
    run('openssl', 'ocsp', '-index', index, '-CA', p(ca + '.pem'), '-rsigner', p(responder + '.pem'), '-rkey', p(responder + '.key'),
        '-reqin', request, '-respout', response)
    return base64.b64encode(open(response, 'rb').read()).decode()

def ocsp_by_ca(subject, ca):
    """Base64 of a "good" OCSP response about subject's certificate signed by its issuing CA itself (RFC 6960 case (a))."""
    serial = serial_of(subject)
    lines = [l for l in open(os.path.join(PKI, 'ca-' + ca, 'index.txt')).read().splitlines() if l.split('\t')[3] == serial]
    return signed_ocsp(subject, ca, ca, lines)

def resign_token(token, signer, chain, gen_time=None):
    """Base64 of a time-stamp token holding the TSTInfo of token (base64), its genTime replaced by gen_time
    (GeneralizedTime text of the same length) if given, signed by signer with openssl cms (CAdES signing-certificate-v2)."""
    folder = os.path.join(WORK, 'token-%d' % len(os.listdir(WORK)))
    os.makedirs(folder)
    original, info, out = (os.path.join(folder, n) for n in ('original.der', 'tstinfo.der', 'token.der'))
    with open(original, 'wb') as f:
        f.write(base64.b64decode(token))
    run('openssl', 'cms', '-verify', '-noverify', '-binary', '-inform', 'DER', '-in', original, '-out', info)
    data = open(info, 'rb').read()
    if gen_time:
        start = data.index(b'\x18\x0f') + 2  # the only GeneralizedTime: genTime, whole seconds, Z
        assert data[start + 14:start + 15] == b'Z' and len(gen_time) == 15
        data = data[:start] + gen_time.encode() + data[start + 15:]
        with open(info, 'wb') as f:
            f.write(data)
    run('openssl', 'cms', '-sign', '-binary', '-nodetach', '-in', info, '-econtent_type', '1.2.840.113549.1.9.16.1.4',
        '-signer', p(signer + '.pem'), '-inkey', p(signer + '.key'), '-certfile', p(chain + '.pem'),
        '-md', 'sha256', '-cades', '-nosmimecap', '-outform', 'DER', '-out', out)
    return base64.b64encode(open(out, 'rb').read()).decode()

def make_containers(services):
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    # Profiles and key types.
    for name, signer, level, extra in [
        ('lt-rsa2048.asice', 'signer-rsa2048', 'LT', []),
        ('lt-rsa-pss.asice', 'signer-rsa2048', 'LT', ['--pss']),
        ('lt-rsa-pss-key.asice', 'signer-rsa-pss', 'LT', []),
        ('lt-p256.asice', 'signer-p256', 'LT', []),
        ('lt-p384-sha384.asice', 'signer-p384', 'LT', ['--digest', 'sha384']),
        ('lt-brainpool.asice', 'signer-brainpool', 'LT', []),
        ('lta-p256.asice', 'signer-p256', 'LTA', []),
        ('lt-tm.bdoc', 'signer-rsa2048', 'LT-TM', []),
        ('lt-eseal.asice', 'seal', 'LT', []),
        ('lt-roles-place.asice', 'signer-p256', 'LT', ['--role', 'Board member', '--role', 'Tester', '--city', 'Tartu', '--country', 'Estonia']),
    ]:
        sign(create(name), signer, level, services, *extra)
        row(name, 'valid', 'TOTAL_PASSED', '-', 'ok', 'profile %s, %s' % (level, signer))
    path = create('lt-two-signatures.asice')
    sign(path, 'signer-p256', 'LT', services)
    sign(path, 'signer-rsa2048', 'LT', services, '--digest', 'sha512')
    row('lt-two-signatures.asice', 'valid', 'TOTAL_PASSED', '-', 'ok', 'two LT signatures, P-256 and RSA with SHA-512')
    sign(create('b-p256.asice'), 'signer-p256', 'B', services)
    row('b-p256.asice', 'indeterminate', 'INDETERMINATE', 'CERTIFICATE_CHAIN_GENERAL_FAILURE', 'ok', 'B level: no revocation data offline')
    sign(create('t-p256.asice'), 'signer-p256', 'T', services)
    row('t-p256.asice', 'indeterminate', 'INDETERMINATE', 'CERTIFICATE_CHAIN_GENERAL_FAILURE', 'ok', 'T level: no revocation data offline')
    path = create('b-p256-ee.asice')
    sign(path, 'signer-p256', 'B', services)
    row('b-p256-ee.asice', 'invalid', 'TOTAL_FAILED', 'FORMAT_FAILURE', 'ok', 'policy:ee; B level is not an accepted format')
    # ASiC-S with a time-stamp token over its data object.
    data = os.path.join(WORK, 'archived.txt')
    with open(data, 'wb') as f:
        f.write(b'An archived document.\n')
    def timestamped_asics(name, token):
        with zipfile.ZipFile(os.path.join(OUT, name), 'w') as z:
            z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-s+zip')
            z.write(data, 'archived.txt', zipfile.ZIP_DEFLATED)
            z.write(token, 'META-INF/timestamp.tst', zipfile.ZIP_DEFLATED)
    timestamped_asics('asics-timestamp.asics', ts_token(data))
    row('asics-timestamp.asics', 'valid', 'TOTAL_PASSED', '-', 'ok', 'ASiC-S with an RFC 3161 token')
    # The same with a SHA-1 imprint: SHA-1 expired for new time-stamps in 2012 under the default policy.
    timestamped_asics('asics-sha1-imprint.asics', ts_token(data, 'sha1', '.sha1'))
    row('asics-sha1-imprint.asics', 'indeterminate', 'INDETERMINATE', 'NO_POE', 'ok', 'ASiC-S token with a SHA-1 imprint made today: not acceptable under the default policy (ts.algorithm-unacceptable)')

    base = staged('base.asice')
    sign(base, 'signer-p256', 'LT', services)
    # Sub-indications.
    def tampered(name, change, expect, indication, sub, crypto, notes):
        rezip(base, os.path.join(OUT, name), change)
        row(name, expect, indication, sub, crypto, notes)
    tampered('hash-failure.asice', lambda n, d: keep(n, bytes([d[0] ^ 1]) + d[1:] if n == 'contract.txt' else d),
             'invalid', 'TOTAL_FAILED', 'HASH_FAILURE', 'hash-failure', 'one bit of a signed file flipped')
    def flip(n, d):
        if n != 'META-INF/signatures0.xml':
            return keep(n, d)
        text = d.decode()
        start = text.index('<ds:SignatureValue')
        start = text.index('>', start) + 1
        value = base64.b64decode(text[start:text.index('<', start)])
        value = bytes([value[0] ^ 1]) + value[1:]
        return keep(n, (text[:start] + base64.b64encode(value).decode() + text[text.index('<', start):]).encode())
    tampered('sig-crypto-failure.asice', flip, 'invalid', 'TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', 'sig-failure', 'one bit of SignatureValue flipped')
    tampered('signed-data-not-found.asice', lambda n, d: [] if n == 'contract.txt' else keep(n, d),
             'indeterminate', 'INDETERMINATE', 'SIGNED_DATA_NOT_FOUND', 'not-found', 'a signed file removed from the zip')
    tampered('unsigned-file-ee.asice', lambda n, d: keep(n, d) + ([('extra.txt', b'added later\n', True)] if n == 'annex v2.csv' else []),
             'invalid', 'TOTAL_FAILED', 'FORMAT_FAILURE', 'ok', 'policy:ee; an unsigned data file added')
    def swap_keyinfo(n, d):
        if n != 'META-INF/signatures0.xml':
            return keep(n, d)
        text = d.decode()
        start = text.index('<ds:X509Certificate>') + len('<ds:X509Certificate>')
        return keep(n, (text[:start] + certificate_b64('signer-rsa2048') + text[text.index('<', start):]).encode())
    tampered('no-signing-certificate.asice', swap_keyinfo, 'indeterminate', 'INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', '?',
             'KeyInfo certificate replaced by another signer\'s')
    wrong_digest = base64.b64encode(hashlib.sha256(b'another contract').digest()).decode()
    tampered('digest-value.asice', lambda n, d: replace_first(n, d, 'ds:DigestValue', wrong_digest),
             'invalid', 'TOTAL_FAILED', 'HASH_FAILURE', 'hash-failure', 'the DigestValue of a data file reference replaced')
    other = os.path.join(WORK, 'other.txt')
    with open(other, 'wb') as f:
        f.write(b'not the signature value\n')
    foreign_token = base64.b64encode(open(ts_token(other), 'rb').read()).decode()
    tampered('timestamp-imprint-ee.asice', lambda n, d: replace_first(n, d, 'xades:EncapsulatedTimeStamp', foreign_token),
             'invalid', 'TOTAL_FAILED', 'HASH_FAILURE', 'ok',
             'policy:ee; signature time-stamp replaced by a genuine token over other data (the default policy only warns, as DSS)')
    # LT-TM carrying the time-mark of another signature: a genuine OCSP response whose nonce is the
    # DigestInfo of that other signature's value.
    def tm_signature(name, *extra):
        path = staged(name)
        sign(path, 'signer-rsa2048', 'LT-TM', services, *extra)
        return path
    # A role makes the other signature value differ (RSA PKCS#1 v1.5 signs the same input alike).
    tm_base, tm_other = tm_signature('tm.bdoc'), tm_signature('tm-other.bdoc', '--role', 'Another signer')
    with zipfile.ZipFile(tm_other) as z:
        text = z.read('META-INF/signatures0.xml').decode()
    start = text.index('>', text.index('<xades:EncapsulatedOCSPValue')) + 1
    other_ocsp = text[start:text.index('<', start)]
    rezip(tm_base, os.path.join(OUT, 'tm-ocsp-nonce.bdoc'), lambda n, d: replace_first(n, d, 'xades:EncapsulatedOCSPValue', other_ocsp))
    sign(create('untrusted-tsa-ee.asice'), 'signer-p256', 'LT', services, tsa='/tsa-rogue')
    row('untrusted-tsa-ee.asice', 'indeterminate', 'INDETERMINATE', 'NO_POE|TRY_LATER', 'ok', 'policy:ee; signature time-stamp by a TSA no trusted list names (without a proof of time the OCSP of the signing day is not fresh a day later: TRY_LATER)')
    sign(create('tm-responder-not-tm-ee.bdoc'), 'signer-rsa2048', 'LT-TM', services, ocsp='/ocsp-plain')
    row('tm-responder-not-tm-ee.bdoc', 'invalid', 'TOTAL_FAILED', '-', 'ok', 'policy:ee; LT-TM whose OCSP responder certificate lacks the time-mark policy OID; fails LTV_TM_RESPONDER')
    row('tm-ocsp-nonce.bdoc', 'invalid', 'TOTAL_FAILED', '-', 'ok', 'LT-TM carrying the time-mark (OCSP with its nonce) of another signature; fails LTV_TM_NONCE')
    # Signers with a status of their own.
    for name, signer, level, expect, indication, sub, notes in [
        ('no-chain.asice', 'signer-rogue', 'B', 'indeterminate', 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', 'signer CA not in the trusted list'),
        ('revoked.asice', 'signer-revoked', 'LT', 'indeterminate', 'INDETERMINATE', 'REVOKED_NO_POE', 'signer revoked in 2024, signed later'),
        ('expired.asice', 'signer-expired', 'T', 'invalid', 'TOTAL_FAILED', 'EXPIRED', 'time-stamped after the signer certificate expired'),
        ('expired-b.asice', 'signer-expired', 'B', 'indeterminate', 'INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE', 'expired signer, no proof of earlier signing'),
        ('not-yet-valid.asice', 'signer-future', 'T', 'invalid', 'TOTAL_FAILED', 'NOT_YET_VALID', 'time-stamped before the signer certificate became valid'),
        ('unknown-status.asice', 'signer-unknown', 'LT', 'indeterminate', 'INDETERMINATE', 'TRY_LATER', 'OCSP answers unknown'),
        ('no-nonrepudiation-ee.asice', 'signer-nonr', 'LT', 'indeterminate', 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE', 'policy:ee; key usage without nonRepudiation'),
        ('weak-key.asice', 'signer-rsa1024', 'LT', 'indeterminate', 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE', 'RSA-1024 key past its sunset date'),
        ('not-qualified-ee.asice', 'signer-noqc', 'LT', 'invalid', 'TOTAL_FAILED', '-', 'policy:ee; certificate without QC statements (AdESig); fails QUAL_QES_REQUIRED'),
    ]:
        sign(create(name), signer, level, services)
        row(name, expect, indication, sub, 'ok' if sub not in ('NO_SIGNING_CERTIFICATE_FOUND',) else '?', notes)
    path = create('no-signing-time.asice')
    sign(path, 'signer-p256', 'LT', services, '--signing-time', 'none')
    row('no-signing-time.asice', 'indeterminate', 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', 'ok', 'signed without SigningTime')
    # OCSP taken before the signature time-stamp.
    path = create('ocsp-before-timestamp.asice')
    sign(path, 'signer-p256', 'B', services)
    run('openssl', 'ocsp', '-issuer', p('issuing.pem'), '-cert', p('signer-p256.pem'), '-no_nonce', '-reqout', os.path.join(WORK, 'early.req'))
    run('openssl', 'ocsp', '-index', os.path.join(PKI, 'ca-issuing', 'index.txt'), '-CA', p('issuing.pem'), '-rsigner', p('responder.pem'),
        '-rkey', p('responder.key'), '-reqin', os.path.join(WORK, 'early.req'), '-respout', os.path.join(WORK, 'early.der'))
    early = base64.b64encode(open(os.path.join(WORK, 'early.der'), 'rb').read()).decode()
    def add_early(n, d):
        if n != 'META-INF/signatures0.xml':
            return keep(n, d)
        values = ('<xades:UnsignedProperties><xades:UnsignedSignatureProperties><xades:CertificateValues><xades:EncapsulatedX509Certificate>%s'
                  '</xades:EncapsulatedX509Certificate></xades:CertificateValues><xades:RevocationValues><xades:OCSPValues><xades:EncapsulatedOCSPValue>%s'
                  '</xades:EncapsulatedOCSPValue></xades:OCSPValues></xades:RevocationValues></xades:UnsignedSignatureProperties></xades:UnsignedProperties>'
                  % (certificate_b64('issuing'), early))
        return keep(n, d.decode().replace('</xades:QualifyingProperties>', values + '</xades:QualifyingProperties>').encode())
    staged = os.path.join(WORK, 'early.asice')
    rezip(path, staged, add_early)
    time.sleep(1.2)
    run(ASIC, 'extend', staged, '--to', 'T', '--tsa', services + '/tsa')
    shutil.move(staged, path)
    row('ocsp-before-timestamp.asice', 'indeterminate', 'INDETERMINATE', 'TIMESTAMP_ORDER_FAILURE', 'ok', 'OCSP produced before the signature time-stamp')
    # Structural faults: each mimetype and manifest rule.
    def structural(name, change, expect, notes, crypto='ok', indication=None, sub='-'):
        rezip(base, os.path.join(OUT, name), change)
        row(name, expect, indication or ('TOTAL_PASSED' if expect in ('valid', 'warning') else '-'), sub, crypto, notes)
    structural('mimetype-missing.asice', lambda n, d: [] if n == 'mimetype' else keep(n, d), 'warning', 'asic.mimetype.missing')
    structural('mimetype-compressed.asice', lambda n, d: [(n, d, True)], 'warning', 'asic.mimetype.compressed')
    structural('mimetype-newline.asice', lambda n, d: keep(n, d + b'\n' if n == 'mimetype' else d), 'warning', 'asic.mimetype.whitespace')
    structural('mimetype-bom.asice', lambda n, d: keep(n, b'\xef\xbb\xbf' + d if n == 'mimetype' else d), 'warning', 'asic.mimetype.bom')
    structural('mimetype-wrong.asice', lambda n, d: keep(n, b'application/zip' if n == 'mimetype' else d), 'warning', 'asic.mimetype.wrong')
    def mimetype_last(n, d):
        return [] if n == 'mimetype' else keep(n, d) + ([('mimetype', b'application/vnd.etsi.asic-e+zip', False)] if n == 'META-INF/signatures0.xml' else [])
    structural('mimetype-not-first.asice', mimetype_last, 'warning', 'asic.mimetype.not-first')
    structural('manifest-missing.asice', lambda n, d: [] if n == 'META-INF/manifest.xml' else keep(n, d), 'reject', 'asic.manifest.missing', 'n/a')
    structural('manifest-malformed.asice', lambda n, d: keep(n, d[:40] if n == 'META-INF/manifest.xml' else d), 'reject', 'asic.manifest.malformed', 'n/a')
    structural('manifest-empty-path.asice', lambda n, d: keep(n, d.replace(b'full-path="contract.txt"', b'full-path=""') if n == 'META-INF/manifest.xml' else d),
               'reject', 'asic.manifest.empty-path', 'n/a')
    structural('manifest-root-asics.asice', lambda n, d: keep(n, d.replace(b'"/" manifest:media-type="application/vnd.etsi.asic-e+zip"', b'"/" manifest:media-type="application/vnd.etsi.asic-s+zip"') if n == 'META-INF/manifest.xml' else d),
               'reject', 'asic.manifest.root-mismatch', 'n/a')
    structural('manifest-ghost-file.asice', lambda n, d: keep(n, d.replace(b'</manifest:manifest>', b' <manifest:file-entry manifest:full-path="ghost.txt" manifest:media-type="text/plain"/>\n</manifest:manifest>') if n == 'META-INF/manifest.xml' else d),
               'warning', 'asic.manifest.file-missing: SiVa-style, the signature still decides')
    structural('manifest-ghost-file-ee.asice', lambda n, d: keep(n, d.replace(b'</manifest:manifest>', b' <manifest:file-entry manifest:full-path="ghost.txt" manifest:media-type="text/plain"/>\n</manifest:manifest>') if n == 'META-INF/manifest.xml' else d),
               'invalid', 'policy:ee; a manifest entry names a file the container lacks (libdigidocpp, digidoc4j refuse it); fails BBB_FC_MANIFEST_ENTRIES', indication='TOTAL_FAILED', sub='FORMAT_FAILURE')
    structural('manifest-media-type-mismatch-ee.asice', lambda n, d: keep(n, d.replace(b'full-path="contract.txt" manifest:media-type="text/plain"', b'full-path="contract.txt" manifest:media-type="application/octet-stream"') if n == 'META-INF/manifest.xml' else d),
               'invalid', 'policy:ee; manifest media type differs from the signed DataObjectFormat; fails BBB_FC_MANIFEST_MIMETYPE', indication='TOTAL_FAILED', sub='FORMAT_FAILURE')
    structural('duplicate-entry.asice', lambda n, d: keep(n, d) + ([(n, d, True)] if n == 'contract.txt' else []), 'reject', 'zip.name.duplicate', 'n/a')
    structural('traversal-name.asice', lambda n, d: keep(n, d) + ([('../evil.txt', b'x', True)] if n == 'contract.txt' else []), 'reject', 'zip.name.dot-segment', 'n/a')
    # The README's demo container.
    shutil.copy(os.path.join(OUT, 'lt-p256.asice'), os.path.join(HERE, 'sample', 'sample.asice'))
    # Latvian eParaksts files are ASiC-E named .edoc: same structure, that name.
    sign(create('latvian-style.edoc'), 'signer-p256', 'LT', services)
    row('latvian-style.edoc', 'valid', 'TOTAL_PASSED', '-', 'ok', 'an ASiC-E container named .edoc, as Latvian eParaksts writes them')

def make_attack_containers(services):
    """Revocation-data choice, OCSP responder rights, time-stamping units and trusted-list qualification."""
    # Two answers for a signer revoked in 2024: a stale "good" produced before the signature time-stamp and a
    # trusted "unknown" produced after it; only the latter is acceptable, so the status is not known.
    path = staged('revoked-stale.asice')
    sign(path, 'signer-revoked', 'B', services)
    good = ocsp_response('signer-revoked', 'responder', 'V')
    time.sleep(2.1)  # beyond the token's accuracy (1 s) on both sides
    run(ASIC, 'extend', path, '--to', 'T', '--tsa', services + '/tsa')
    time.sleep(2.1)
    unknown = ocsp_response('signer-revoked', 'responder', None)
    edit_signature(path, os.path.join(OUT, 'revoked-stale-good-then-unknown.asice'), lambda t: with_values(t, ['issuing', 'responder'], [good, unknown]))
    shutil.copy(os.path.join(OUT, 'revoked-stale-good-then-unknown.asice'), os.path.join(OUT, 'revoked-stale-good-then-unknown-ee.asice'))
    for name, policy in (('revoked-stale-good-then-unknown.asice', ''), ('revoked-stale-good-then-unknown-ee.asice', 'policy:ee; ')):
        row(name, 'indeterminate', 'INDETERMINATE', 'TRY_LATER', 'ok', policy + 'signer-revoked (revoked 2024) with a genuine time-stamp; OCSPValues: "good" produced before the time-stamp (from an index where it is valid), then a listed responder\'s "unknown" produced after it; only the latest answer after the best-signature-time counts')
    # LT-TM whose nonce-bound time-mark says "unknown", followed by a "good" without nonce produced after it.
    path = staged('tm-unknown.bdoc')
    sign(path, 'signer-unknown', 'LT-TM', services)
    time.sleep(1.2)
    good = ocsp_response('signer-unknown', 'responder', 'V')
    edit_signature(path, os.path.join(OUT, 'tm-unknown-plus-stale-good-ee.bdoc'),
                   lambda t: with_values(t, ['issuing', 'responder'], element_texts(t, 'xades:EncapsulatedOCSPValue') + [good]))
    row('tm-unknown-plus-stale-good-ee.bdoc', 'indeterminate', 'INDETERMINATE', 'TRY_LATER', 'ok', 'policy:ee; LT-TM of signer-unknown: its nonce-bound time-mark says "unknown"; a second OCSP "good" without nonce (produced after it) is appended; the status comes only from the time-mark')
    shutil.copy(os.path.join(OUT, 'tm-ocsp-nonce.bdoc'), os.path.join(OUT, 'tm-ocsp-nonce-ee.bdoc'))
    row('tm-ocsp-nonce-ee.bdoc', 'invalid', 'TOTAL_FAILED', '-', 'ok', 'policy:ee; LT-TM carrying the time-mark (OCSP with its nonce) of another signature; fails LTV_TM_NONCE')
    # Responders without the right to answer: a delegated responder expired before it answered, an ordinary end-entity certificate.
    for name, responder, notes in [
        ('delegated-responder-expired.asice', 'responder-expired', 'the only OCSP ("good", produced now) signed by a CA-delegated responder (OCSPSigning, no-check, not listed) whose certificate expired in 2021'),
        ('ocsp-by-ordinary-cert.asice', 'signer-p256', 'the only OCSP ("good") signed by signer-p256, an end-entity certificate of the same CA without OCSPSigning'),
    ]:
        path = staged(name)
        sign(path, 'signer-revoked', 'LT', services)
        answer = ocsp_response('signer-revoked', responder, 'V')
        edit_signature(path, os.path.join(OUT, name), lambda t: with_values(t, ['issuing', responder], [answer]))
        row(name, 'indeterminate', 'INDETERMINATE', 'CERTIFICATE_CHAIN_GENERAL_FAILURE', 'ok', 'signer-revoked, genuine time-stamp; ' + notes + '; no acceptable revocation data')
    # Time-stamps under a TSA CA listed as a TSA/QTST service (tsl:tsa-ca): each token is the TSTInfo of a genuine
    # token by tsu-ok, re-signed with openssl cms by a unit with or without the timeStamping EKU.
    for name, signer, unit, gen_time, expect, sub, notes in [
        ('tsu-without-eku.asice', 'signer-expired', 'tsu-noeku', '20200601000000Z', 'indeterminate', 'OUT_OF_BOUNDS_NO_POE|NO_POE',
         'signer-expired (2020-2021); signature time-stamp with genTime 2020-06-01 signed by tsu-noeku (under the listed TSA CA, no extendedKeyUsage): no proof of existence; OCSP genuine "good"'),
        ('tsu-with-eku.asice', 'signer-p256', 'tsu-ok', None, 'valid', '-',
         'control: signature time-stamp (genTime now) re-signed by tsu-ok (critical timeStamping EKU) under the listed TSA CA'),
    ]:
        path = staged(name)
        sign(path, signer, 'LT', services, tsa='/tsa-ca')
        token = resign_token(element_texts(signature_text(path), 'xades:EncapsulatedTimeStamp')[0], unit, 'tsa-ca', gen_time)
        # EN 319 102-1 5.4: a TSU under a listed TSA CA needs its own revocation status; the TSA CA answers for it.
        tsu_status = ocsp_by_ca(unit, 'tsa-ca')
        def stamp(n, d, token=token, tsu_status=tsu_status):
            entries = replace_first(n, d, 'xades:EncapsulatedTimeStamp', token)
            if n != 'META-INF/signatures0.xml':
                return entries
            value = ('<xades:EncapsulatedOCSPValue>%s</xades:EncapsulatedOCSPValue></xades:OCSPValues>' % tsu_status).encode()
            return [(name, data.replace(b'</xades:OCSPValues>', value, 1), compress) for name, data, compress in entries]
        rezip(path, os.path.join(OUT, name), stamp)
        row(name, expect, 'INDETERMINATE' if expect == 'indeterminate' else 'TOTAL_PASSED', sub, 'ok', 'tsl:tsa-ca; ' + notes)
        if expect == 'valid':
            # Under ee an invalid time-stamp fails the signature: this row proves the token itself is valid.
            shutil.copy(os.path.join(OUT, name), os.path.join(OUT, name.replace('.asice', '-ee.asice')))
            row(name.replace('.asice', '-ee.asice'), expect, 'TOTAL_PASSED', '-', 'ok',
                'policy:ee; tsl:tsa-ca; the same under ee, where the time-stamp must be valid: TSU revocation from the TSA CA (RFC 6960 case a)')
    # Qualification from the trusted list.
    sign(create('qcforesig-on-noqc.asice'), 'signer-noqc', 'LT', services)
    shutil.copy(os.path.join(OUT, 'qcforesig-on-noqc.asice'), os.path.join(OUT, 'qcforesig-on-noqc-ee.asice'))
    row('qcforesig-on-noqc.asice', 'valid', 'TOTAL_PASSED', '-', 'ok', 'tsl:qcforesig; qual:AdESig; signer-noqc (no QC statements) under a CA/QC service whose Qualifications say QCForESig and QCWithQSCD for its policy: QCForESig sets only the type, it never makes a certificate qualified')
    row('qcforesig-on-noqc-ee.asice', 'invalid', 'TOTAL_FAILED', '-', 'ok', 'policy:ee; tsl:qcforesig; signer-noqc under a CA/QC service saying QCForESig and QCWithQSCD for its policy; fails QUAL_QES_REQUIRED')
    sign(create('national-level.asice'), 'signer-p256', 'LT', services)
    shutil.copy(os.path.join(OUT, 'national-level.asice'), os.path.join(OUT, 'national-level-ee.asice'))
    row('national-level-ee.asice', 'invalid', 'TOTAL_FAILED', '-', 'ok', 'policy:ee; tsl:national; CA/QC service recognisedatnationallevel since 2016-07-01 (TS 119 615: only granted qualifies after that); fails QUAL_QES_REQUIRED')
    row('national-level.asice', 'valid', 'TOTAL_PASSED', '-', 'ok', 'tsl:national; qual:AdESig; CA/QC service recognisedatnationallevel since 2016-07-01: not granted for qualification (TS 119 615), so the QC statements are not confirmed: AdESig')

def ts_token(data, digest='sha256', suffix=''):
    """A token over the file `data` from `openssl ts` as the test TSA (config pki/tsa.cnf); its path,
    `data` + `suffix` + `.tst`."""
    query, token = data + suffix + '.tsq', data + suffix + '.tst'
    run('openssl', 'ts', '-query', '-data', data, '-' + digest, '-cert', '-no_nonce', '-out', query)
    run('openssl', 'ts', '-reply', '-config', p('tsa.cnf'), '-queryfile', query, '-token_out', '-out', token)
    return token

def replace_first(n, d, tag, value):
    """Replaces the text of the first <tag> in the signature document."""
    if n != 'META-INF/signatures0.xml':
        return keep(n, d)
    text = d.decode()
    start = text.index('>', text.index('<' + tag)) + 1
    return keep(n, (text[:start] + value + text[text.index('<', start):]).encode())

# ---------------------------------------------------------------------------------------- CRLs

def make_crl(ca, entries, last=None, next_update=None, cert=None, keyfile=None):
    """Base64 DER of a CRL of `ca` made by `openssl ca -gencrl`, listing entries [(subject name, revoked at
    YYYYMMDDHHMMSSZ, reason)], signed with cert/keyfile (default: the CA's own)."""
    folder = os.path.join(WORK, 'crl-%d' % len(os.listdir(WORK)))
    os.makedirs(folder)
    with open(os.path.join(folder, 'index.txt'), 'w') as f:
        for subject, when, reason in entries:
            name = subject_of(subject)
            f.write('R\t491231235959Z\t%s,%s\t%s\tunknown\t%s\n' % (when[2:], reason, serial_of(subject), name))
    with open(os.path.join(folder, 'crlnumber'), 'w') as f:
        f.write('01\n')
    config = os.path.join(folder, 'ca.cnf')
    with open(config, 'w') as f:
        f.write('[ca]\ndefault_ca = this\n[this]\ndatabase = %s\ncrlnumber = %s\ndefault_md = sha256\ndefault_crl_days = 7\n'
                '[crl_ext]\nauthorityKeyIdentifier = keyid:always\n' % (os.path.join(folder, 'index.txt'), os.path.join(folder, 'crlnumber')))
    out = os.path.join(folder, 'crl.pem')
    args = ['openssl', 'ca', '-gencrl', '-batch', '-config', config, '-cert', cert or p(ca + '.pem'), '-keyfile', keyfile or p(ca + '.key'),
            '-crlexts', 'crl_ext', '-out', out]
    if last:
        args += ['-crl_lastupdate', last]
    if next_update:
        args += ['-crl_nextupdate', next_update]
    run(*args)
    return base64.b64encode(run('openssl', 'crl', '-in', out, '-outform', 'DER').stdout).decode()

def with_crls(text, certificates, crls, ocsps=()):
    """Replaces the LT validation data of a signature by CertificateValues and RevocationValues with CRLValues (and OCSPValues)."""
    text = with_values(text, certificates, list(ocsps))
    values = '<xades:CRLValues>%s</xades:CRLValues>' % ''.join('<xades:EncapsulatedCRLValue>%s</xades:EncapsulatedCRLValue>' % c for c in crls)
    if ocsps:
        return text.replace('</xades:OCSPValues>', '</xades:OCSPValues>' + values, 1)
    return text.replace('<xades:OCSPValues></xades:OCSPValues>', values, 1)

def utc(offset=0):
    return time.strftime('%Y%m%d%H%M%SZ', time.gmtime(time.time() + offset))

def make_crl_containers(services):
    """Signatures whose revocation data is a CRL of the issuing CA (embedded, RFC 5280): good, revoked before
    signing, revoked after the time-stamp, expired, signed by a stranger, next to a contradicting OCSP, and LTA."""
    def t_signed(name, signer):
        path = staged(name)
        sign(path, signer, 'T', services)
        return path
    revoked_2024 = ('signer-revoked', '20240101000000Z', 'keyCompromise')
    def crl_row(name, expect, indication, sub, notes):
        row(name, expect, indication, sub, 'ok', 'CRL: ' + notes)

    path = t_signed('crl-good.asice', 'signer-p256')
    time.sleep(1.2)
    edit_signature(path, os.path.join(OUT, 'crl-good.asice'), lambda t: with_crls(t, ['issuing'], [make_crl('issuing', [revoked_2024])]))
    crl_row('crl-good.asice', 'valid', 'TOTAL_PASSED', '-', 'T signature of signer-p256 with the issuing CA\'s CRL (issued after the time-stamp, lists only signer-revoked) as its only revocation data')

    shutil.copy(os.path.join(OUT, 'crl-good.asice'), os.path.join(WORK, 'crl-lta.asice'))
    run(ASIC, 'extend', os.path.join(WORK, 'crl-lta.asice'), '--to', 'LTA', '--tsa', services + '/tsa')
    shutil.copy(os.path.join(WORK, 'crl-lta.asice'), os.path.join(OUT, 'crl-lta.asice'))
    crl_row('crl-lta.asice', 'valid', 'TOTAL_PASSED', '-', 'crl-good extended to LTA (archive time-stamp over the CRL)')

    path = t_signed('crl-revoked.asice', 'signer-revoked')
    time.sleep(1.2)
    edit_signature(path, os.path.join(OUT, 'crl-revoked.asice'), lambda t: with_crls(t, ['issuing'], [make_crl('issuing', [revoked_2024])]))
    crl_row('crl-revoked.asice', 'indeterminate', 'INDETERMINATE', 'REVOKED_NO_POE', 'signer-revoked, listed as revoked in 2024 (keyCompromise)')

    # A contradicting pair: a trusted responder's "good" produced after the time-stamp and the CA's CRL listing the signer.
    path = t_signed('crl-revoked-ocsp-good.asice', 'signer-revoked')
    time.sleep(1.2)
    name = subject_of('signer-revoked')
    good = signed_ocsp('signer-revoked', 'issuing', 'responder',
                       ['V\t491231235959Z\t\t%s\tunknown\t%s' % (serial_of('signer-revoked'), name)])
    edit_signature(path, os.path.join(OUT, 'crl-revoked-ocsp-good.asice'),
                   lambda t: with_crls(t, ['issuing', 'responder'], [make_crl('issuing', [revoked_2024])], [good]))
    crl_row('crl-revoked-ocsp-good.asice', 'indeterminate', 'INDETERMINATE', 'REVOKED_NO_POE', 'signer-revoked with a listed responder\'s "good" and the CA\'s CRL listing it revoked in 2024: OCSP is preferred, but a revocation is final')

    path = t_signed('crl-revoked-after-ts.asice', 'signer-p384')
    edit_signature(path, os.path.join(OUT, 'crl-revoked-after-ts.asice'),
                   lambda t: with_crls(t, ['issuing'], [make_crl('issuing', [('signer-p384', utc(30), 'superseded')], last=utc(60))]))
    crl_row('crl-revoked-after-ts.asice', 'valid', 'TOTAL_PASSED', '-', 'signer-p384 revoked (superseded) 30 s after its signature time-stamp; the CRL issued 60 s after it: the signature existed before the revocation')

    path = t_signed('crl-expired.asice', 'signer-p256')
    edit_signature(path, os.path.join(OUT, 'crl-expired.asice'),
                   lambda t: with_crls(t, ['issuing'], [make_crl('issuing', [revoked_2024], last='20250101000000Z', next_update='20250201000000Z')]))
    crl_row('crl-expired.asice', 'indeterminate', 'INDETERMINATE', 'TRY_LATER', 'the only CRL was issued 2025-01-01 with nextUpdate 2025-02-01, long before the time-stamp: not fresh (BBB_RFC_IRIF)')

    stranger = os.path.join(WORK, 'stranger-issuing.pem')
    run('openssl', 'req', '-x509', '-new', '-key', p('rogue.key'), '-subj', subject_of('issuing'), '-days', '30', '-out', stranger)
    path = t_signed('crl-stranger.asice', 'signer-p256')
    time.sleep(1.2)
    edit_signature(path, os.path.join(OUT, 'crl-stranger.asice'),
                   lambda t: with_crls(t, ['issuing'], [make_crl('issuing', [], cert=stranger, keyfile=p('rogue.key'))]))
    crl_row('crl-stranger.asice', 'indeterminate', 'INDETERMINATE', 'CERTIFICATE_CHAIN_GENERAL_FAILURE', 'the only CRL names the issuing CA as its issuer but is signed by another key (the rogue CA\'s)')

    make_indirect_crl_containers(services, t_signed, crl_row, revoked_2024)

INDIRECT_EXTENSIONS = """
[crl_issuer]
basicConstraints = CA:false
keyUsage = critical,cRLSign,digitalSignature
[signer_indirect]
basicConstraints = CA:false
keyUsage = critical,nonRepudiation
certificatePolicies = 1.3.6.1.4.1.99999.1.1
1.3.6.1.5.5.7.1.3 = DER:%(qc_esign)s
crlDistributionPoints = dp_indirect
[dp_indirect]
fullname = URI:http://127.0.0.1:1/indirect.crl
CRLissuer = dirName:crl_issuer_dn
[crl_issuer_dn]
C = EE
O = asic test
CN = asic Test CRL Issuer
"""

def issue_direct(name, by, section, subject, serial, folder=PKI):
    """Issues a certificate without the CA database (`openssl x509 -req`), for PKI additions made over an existing PKI."""
    extfile = os.path.join(WORK, 'indirect.cnf')
    with open(extfile, 'w') as f:
        f.write(INDIRECT_EXTENSIONS % {'qc_esign': qc_statements('esign')})
    key_file, pem = os.path.join(folder, name + '.key'), os.path.join(folder, name + '.pem')
    if not os.path.exists(key_file):
        run('openssl', 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key_file)
    csr = os.path.join(WORK, name + '.csr')
    run('openssl', 'req', '-new', '-key', key_file, '-subj', subject, '-utf8', '-out', csr)
    run('openssl', 'x509', '-req', '-in', csr, '-CA', p(by + '.pem'), '-CAkey', p(by + '.key'), '-set_serial', serial,
        '-days', '7000', '-extfile', extfile, '-extensions', section, '-out', pem)
    return pem

def ensure_indirect_pki():
    """A CRL issuer the issuing CA certified (cRLSign) and a signer whose distribution point delegates to it (cRLIssuer)."""
    if not os.path.exists(p('crl-issuer.pem')):
        issue_direct('crl-issuer', 'issuing', 'crl_issuer', '/C=EE/O=asic test/CN=asic Test CRL Issuer', '0x7001')
    if not os.path.exists(p('signer-indirect.pem')):
        issue_direct('signer-indirect', 'issuing', 'signer_indirect', '/C=EE/CN=TESTER\\,INDIRECT CRL\\,30001010014', '0x7002')

def make_indirect_crl(entries, cert=None, keyfile=None):
    """Base64 DER of an indirect CRL (IssuingDistributionPoint indirectCRL) of the CRL issuer, listing entries
    [(subject name, its CA's name, revoked at datetime)] each with a certificateIssuer naming its CA. openssl ca
    cannot write certificateIssuer entries, so this one is made with python3-cryptography (generation only)."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    load = lambda path: x509.load_pem_x509_certificate(open(path, 'rb').read())
    signer = load(cert or p('crl-issuer.pem'))
    private = serialization.load_pem_private_key(open(keyfile or p('crl-issuer.key'), 'rb').read(), None)
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateRevocationListBuilder().issuer_name(signer.subject)
               .last_update(now).next_update(now + datetime.timedelta(days=7))
               .add_extension(x509.CRLNumber(1), critical=False)
               .add_extension(x509.IssuingDistributionPoint(full_name=[x509.UniformResourceIdentifier('http://127.0.0.1:1/indirect.crl')],
                                                            relative_name=None, only_contains_user_certs=False, only_contains_ca_certs=False,
                                                            only_some_reasons=None, indirect_crl=True, only_contains_attribute_certs=False),
                              critical=True))
    for subject, ca, when in entries:
        entry = (x509.RevokedCertificateBuilder().serial_number(load(p(subject + '.pem')).serial_number).revocation_date(when)
                 .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
                 .add_extension(x509.CertificateIssuer([x509.DirectoryName(load(p(ca + '.pem')).subject)]), critical=True))
        builder = builder.add_revoked_certificate(entry.build())
    der = builder.sign(private, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    return base64.b64encode(der).decode()

def make_indirect_crl_containers(services, t_signed, crl_row, revoked_2024):
    """Signatures of signer-indirect, whose distribution point names the CRL issuer: its indirect CRL answers,
    once the CA's own CRL shows the CRL issuer's certificate unrevoked."""
    import datetime
    ensure_indirect_pki()
    from cryptography import x509
    not_before = x509.load_pem_x509_certificate(open(p('signer-indirect.pem'), 'rb').read()).not_valid_before_utc
    long_ago = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)

    path = t_signed('crl-indirect-good.asice', 'signer-indirect')
    time.sleep(1.2)
    # signer-indirect's serial also appears under the root CA's name: another CA's certificate, not this one.
    crls = lambda: [make_indirect_crl([('signer-revoked', 'issuing', long_ago), ('signer-indirect', 'root', long_ago)]),
                    make_crl('issuing', [revoked_2024])]
    edit_signature(path, os.path.join(OUT, 'crl-indirect-good.asice'), lambda t: with_crls(t, ['issuing', 'crl-issuer'], crls()))
    crl_row('crl-indirect-good.asice', 'valid', 'TOTAL_PASSED', '-', 'T signature of signer-indirect (cRLIssuer = the CRL issuer) with the CRL issuer\'s indirect CRL (signer-indirect\'s serial listed only under the root CA\'s name) and the issuing CA\'s CRL showing the CRL issuer unrevoked')

    path = t_signed('crl-indirect-revoked.asice', 'signer-indirect')
    time.sleep(1.2)
    crls = lambda: [make_indirect_crl([('signer-indirect', 'issuing', not_before)]), make_crl('issuing', [revoked_2024])]
    edit_signature(path, os.path.join(OUT, 'crl-indirect-revoked.asice'), lambda t: with_crls(t, ['issuing', 'crl-issuer'], crls()))
    crl_row('crl-indirect-revoked.asice', 'indeterminate', 'INDETERMINATE', 'REVOKED_NO_POE', 'signer-indirect listed (certificateIssuer = issuing CA) by the CRL issuer\'s indirect CRL as revoked before signing; the CA\'s own CRL does not list it: a revocation is final')

    rogue_issuer = issue_direct('crl-issuer-rogue', 'rogue', 'crl_issuer', '/C=EE/O=asic test/CN=asic Test CRL Issuer', '0x7003', folder=WORK)
    path = t_signed('crl-indirect-rogue.asice', 'signer-indirect')
    time.sleep(1.2)
    crls = lambda: [make_indirect_crl([], cert=rogue_issuer, keyfile=os.path.join(WORK, 'crl-issuer-rogue.key'))]
    def with_rogue(text):
        text = with_crls(text, ['issuing'], crls())
        der = run('openssl', 'x509', '-in', rogue_issuer, '-outform', 'DER').stdout
        value = '<xades:EncapsulatedX509Certificate>%s</xades:EncapsulatedX509Certificate>' % base64.b64encode(der).decode()
        return text.replace('</xades:CertificateValues>', value + '</xades:CertificateValues>', 1)
    edit_signature(path, os.path.join(OUT, 'crl-indirect-rogue.asice'), with_rogue)
    crl_row('crl-indirect-rogue.asice', 'indeterminate', 'INDETERMINATE', 'CERTIFICATE_CHAIN_GENERAL_FAILURE', 'signer-indirect with only an indirect CRL whose issuer bears the delegated CRL issuer\'s name but was certified by the unlisted rogue CA: no entitled signer, no revocation answer')

def crl_vectors_only():
    """`generate.py crl`: (re)makes the crl-* containers over the PKI already here and rewrites their MANIFEST rows."""
    if os.path.isdir(WORK):
        shutil.rmtree(WORK)
    os.makedirs(WORK)
    write_tsa_config('tsa', 'issuing')
    services = start_services()
    make_crl_containers(services)
    manifest = os.path.join(OUT, 'MANIFEST.tsv')
    kept = [l for l in open(manifest).read().splitlines() if not l.startswith('containers/crl-')]
    with open(manifest, 'w') as f:
        f.write('\n'.join(kept + ROWS) + '\n')
    shutil.rmtree(WORK)
    forget_machine_state()
    print('generate: %d CRL containers in %s' % (len(ROWS), OUT))

def forget_machine_state():
    """The CA databases and openssl configs hold this machine's absolute paths and serial state:
    they are needed only while generating, so none of them stays in the repository."""
    for name in os.listdir(PKI):
        path = os.path.join(PKI, name)
        if name.startswith('ca-') and os.path.isdir(path):
            shutil.rmtree(path)
        elif name.endswith('.cnf') or name.endswith('serial'):
            os.remove(path)

def main():
    if sys.argv[1:2] == ['pivots']:  # only the pivot LOTLs, over the PKI and lists already here
        make_pivots()
        return
    if sys.argv[1:2] == ['crl']:  # only the crl-* containers, over the PKI already here
        crl_vectors_only()
        return
    if not os.access(ASIC, os.X_OK):
        sys.exit('generate: %s is not built (swift build first, or --asic PATH)' % ASIC)
    if os.path.isdir(WORK):
        shutil.rmtree(WORK)
    os.makedirs(WORK)
    make_pki()
    make_tsl()
    make_pivots()
    services = start_services()
    make_containers(services)
    make_attack_containers(services)
    make_crl_containers(services)
    header = 'path\texpect\tindication\tsubindication\ttrust\tcrypto\tnotes\tsource'
    with open(os.path.join(OUT, 'MANIFEST.tsv'), 'w') as f:
        f.write(header + '\n' + '\n'.join(ROWS) + '\n')
    shutil.rmtree(WORK)
    forget_machine_state()
    print('generate: %d containers in %s, PKI and trusted lists in %s' % (len(ROWS), OUT, PKI))

main()
