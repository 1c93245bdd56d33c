#!/usr/bin/env python3
"""Writes a synthetic EU of trusted lists for the trust-cache benchmark:

    python3 Benchmarks/synthetic-eu.py OUT_DIR BASE_URL [--services N]

OUT_DIR/eu-lotl.xml points to 31 national lists OUT_DIR/XX_T.xml (at BASE_URL/XX_T.xml), each with
N services (default 110) of realistic shape: a certificate, a status with three history instances,
qualification extensions on the CA/QC ones. Together they are over 15 MB of XML. The EE list also
names the test PKI's issuing CA, OCSP responder and TSA, so our own vectors validate against it.
Everything is signed by xmlsec1 with the test PKI's TSL signer (TestVectors/pki/tslsigner.*).
Uses python3's standard library, openssl and xmlsec1 only.
"""
import base64, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKI = os.path.join(ROOT, 'TestVectors', 'pki')
TERRITORIES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IS',
               'IT', 'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'UK']
STATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/'
TYPE = 'http://uri.etsi.org/TrstSvc/Svctype/'


def cert_b64(name):
    der = subprocess.run(['openssl', 'x509', '-in', os.path.join(PKI, name + '.pem'), '-outform', 'DER'],
                         capture_output=True, check=True).stdout
    return base64.b64encode(der).decode()


def state(kind, name, cert, status, start, extensions=''):
    return ('<ServiceTypeIdentifier>%s%s</ServiceTypeIdentifier><ServiceName><Name xml:lang="en">%s</Name></ServiceName>'
            '<ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity>'
            '<ServiceStatus>%s%s</ServiceStatus><StatusStartingTime>%s</StatusStartingTime>%s') % (
        TYPE, kind, name, cert, STATUS, status, start, extensions)


QUALIFIERS = ('<ServiceInformationExtensions><Extension Critical="true"><ecc:Qualifications '
              'xmlns:ecc="http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#" '
              'xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"><ecc:QualificationElement><ecc:Qualifiers>'
              '<ecc:Qualifier uri="http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD"/></ecc:Qualifiers>'
              '<ecc:CriteriaList assert="atLeastOne"><ecc:PolicySet><ecc:PolicyIdentifier><xades:Identifier>'
              '1.3.6.1.4.1.99999.%d.%d</xades:Identifier></ecc:PolicyIdentifier></ecc:PolicySet></ecc:CriteriaList>'
              '</ecc:QualificationElement></ecc:Qualifications></Extension>'
              '<Extension Critical="false"><AdditionalServiceInformation><URI xml:lang="en">'
              'http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures</URI></AdditionalServiceInformation>'
              '</Extension></ServiceInformationExtensions>')


def unique(cert, territory, index):
    """A copy of a certificate (base64 DER) with its own subject common name: each service of a real list has
    its own certificate and name, so the copies must not share them (their signatures no longer verify, which
    no one checks: they anchor nothing we validate)."""
    der = bytearray(base64.b64decode(cert))
    tag = ('%s%05d' % (territory, index)).encode()
    cn = der.rindex(b'\x06\x03\x55\x04\x03') + 5  # the last CN attribute (OID 2.5.4.3): the subject's
    assert der[cn + 1] >= len(tag)
    der[cn + 2:cn + 2 + len(tag)] = tag
    return base64.b64encode(bytes(der)).decode()


def service(index, territory, certs):
    kind = ['CA/QC', 'Certstatus/OCSP/QC', 'TSA/QTST', 'CA/PKC'][index % 4]
    cert = unique(certs[index % len(certs)], territory, index)
    name = '%s synthetic %s service %d' % (territory, kind, index)
    extensions = QUALIFIERS % (ord(territory[0]), index) if kind == 'CA/QC' else ''
    history = ''.join('<ServiceHistoryInstance>%s</ServiceHistoryInstance>' % state(
        kind, name, cert, status, start, extensions)
        for status, start in (('undersupervision', '2012-01-01T00:00:00Z'), ('accredited', '2014-01-01T00:00:00Z'),
                              ('undersupervision', '2015-06-01T00:00:00Z')))
    return '<TSPService><ServiceInformation>%s</ServiceInformation><ServiceHistory>%s</ServiceHistory></TSPService>' % (
        state(kind, name, cert, 'granted', '2016-07-01T00:00:00Z', extensions), history)


def document(kind, territory, sequence, scheme, body):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" '
            'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#" '
            'Id="tsl" TSLTag="http://uri.etsi.org/19612/TSLTag"><SchemeInformation><TSLVersionIdentifier>6</TSLVersionIdentifier>'
            '<TSLSequenceNumber>%d</TSLSequenceNumber><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/%s</TSLType>'
            '<SchemeOperatorName><Name xml:lang="en">synthetic %s</Name></SchemeOperatorName><SchemeTerritory>%s</SchemeTerritory>'
            '%s<ListIssueDateTime>2026-01-01T00:00:00Z</ListIssueDateTime><NextUpdate><dateTime>2049-12-01T00:00:00Z</dateTime>'
            '</NextUpdate></SchemeInformation>%s<ds:Signature Id="tsl-signature"><ds:SignedInfo><ds:CanonicalizationMethod '
            'Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>'
            '<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
            '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod '
            'Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>'
            '<ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>'
            '</TrustServiceStatusList>\n') % (sequence, kind, territory, territory, scheme, body, cert_b64('tslsigner'))


def sign(text, path):
    template = path + '.template'
    with open(template, 'w') as f:
        f.write(text)
    subprocess.run(['xmlsec1', '--sign', '--privkey-pem', os.path.join(PKI, 'tslsigner.key'), '--output', path, template],
                   check=True, capture_output=True)
    os.remove(template)


def main():
    out, base = sys.argv[1], sys.argv[2].rstrip('/')
    count = int(sys.argv[sys.argv.index('--services') + 1]) if '--services' in sys.argv else 110
    os.makedirs(out, exist_ok=True)
    certs = [cert_b64(n) for n in ('root', 'issuing', 'tsa-ca', 'rogue', 'responder', 'responder-plain', 'tsa', 'seal',
                                   'signer-p256', 'signer-p384', 'signer-rsa2048', 'signer-brainpool', 'signer-noqc')]
    real = ''.join('<TSPService><ServiceInformation>%s</ServiceInformation></TSPService>' % state(kind, name, cert_b64(cert),
                                                                                                  'granted', '2016-07-01T00:00:00Z')
                   for kind, name, cert in (('CA/QC', 'asic Test Issuing CA', 'issuing'),
                                            ('Certstatus/OCSP/QC', 'asic Test OCSP Responder', 'responder'),
                                            ('TSA/QTST', 'asic Test TSA', 'tsa')))
    pointers, total = [], 0
    for territory in TERRITORIES:
        services = ''.join(service(i, territory, certs) for i in range(count))
        if territory == 'EE':
            services = real + services
        body = ('<TrustServiceProviderList><TrustServiceProvider><TSPInformation><TSPName><Name xml:lang="en">%s synthetic '
                'provider</Name></TSPName></TSPInformation><TSPServices>%s</TSPServices></TrustServiceProvider>'
                '</TrustServiceProviderList>') % (territory, services)
        path = os.path.join(out, territory + '_T.xml')
        sign(document('EUgeneric', territory, 7, '', body), path)
        total += os.path.getsize(path)
        pointers.append('<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId><X509Certificate>%s'
                        '</X509Certificate></DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities><TSLLocation>%s/%s_T.xml'
                        '</TSLLocation><AdditionalInformation><OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/'
                        'TSLType/EUgeneric</TSLType></OtherInformation><OtherInformation><SchemeTerritory>%s</SchemeTerritory>'
                        '</OtherInformation><OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType>'
                        '</OtherInformation></AdditionalInformation></OtherTSLPointer>' % (cert_b64('tslsigner'), base, territory, territory))
    lotl = os.path.join(out, 'eu-lotl.xml')
    sign(document('EUlistofthelists', 'EU', 300, '<PointersToOtherTSL>%s</PointersToOtherTSL>' % ''.join(pointers), ''), lotl)
    total += os.path.getsize(lotl)
    print('synthetic-eu: %d lists, %d services each, %.1f MB of XML in %s' % (len(TERRITORIES) + 1, count, total / 1e6, out))


main()
