#!/usr/bin/env bash
# Rebuilds sample.asice: a small ASiC-E container with one XAdES baseline-B shaped signature,
# made with a throwaway self-signed P-256 key (openssl) and signed by xmlsec1, zipped by python3.
# Until our own signer exists (issue 7) this is the README's demo input; it needs no network.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

openssl ecparam -name prime256v1 -genkey -noout -out key.pem 2>/dev/null
openssl req -new -x509 -key key.pem -out cert.pem -days 10950 -utf8 \
  -subj "/C=EE/O=asic sample/CN=Sample Signer" -addext "keyUsage=critical,nonRepudiation" 2>/dev/null
printf 'Hello from the asic sample container.\n' > hello.txt

cert_b64=$(openssl x509 -in cert.pem -outform DER | openssl base64 -A)
cert_digest=$(openssl x509 -in cert.pem -outform DER | openssl dgst -sha256 -binary | openssl base64 -A)
signing_time=$(date -u +%Y-%m-%dT%H:%M:%SZ)

cat > template.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"><ds:Signature Id="S0"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><ds:Reference Id="S0-RefId0" URI="hello.txt"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference><ds:Reference Id="S0-RefId1" Type="http://uri.etsi.org/01903#SignedProperties" URI="#S0-SignedProperties"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2006/12/xml-c14n11"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue Id="S0-SIG"/><ds:KeyInfo Id="S0-KeyInfo"><ds:X509Data><ds:X509Certificate>${cert_b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo><ds:Object Id="S0-object-xades"><xades:QualifyingProperties Id="S0-QualifyingProperties" Target="#S0"><xades:SignedProperties Id="S0-SignedProperties"><xades:SignedSignatureProperties><xades:SigningTime>${signing_time}</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${cert_digest}</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2></xades:SignedSignatureProperties><xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference="#S0-RefId0"><xades:MimeType>text/plain</xades:MimeType></xades:DataObjectFormat></xades:SignedDataObjectProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature></asic:XAdESSignatures>
XML

xmlsec1 --sign --privkey-pem key.pem --url-map:hello.txt hello.txt \
  --id-attr:Id http://uri.etsi.org/01903/v1.3.2#:SignedProperties \
  --output signatures0.xml template.xml 2>sign.log || { cat sign.log >&2; exit 1; }
xmlsec1 --verify --pubkey-cert-pem cert.pem --url-map:hello.txt hello.txt \
  --id-attr:Id http://uri.etsi.org/01903/v1.3.2#:SignedProperties signatures0.xml >/dev/null 2>&1

python3 - "$here/sample.asice" <<'PY'
import sys, zipfile
manifest = ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">\n'
    ' <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/>\n'
    ' <manifest:file-entry manifest:full-path="hello.txt" manifest:media-type="text/plain"/>\n'
    '</manifest:manifest>\n')
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr(zipfile.ZipInfo('mimetype', (2026, 1, 1, 0, 0, 0)), 'application/vnd.etsi.asic-e+zip')
    z.writestr(zipfile.ZipInfo('META-INF/manifest.xml', (2026, 1, 1, 0, 0, 0)), manifest, zipfile.ZIP_DEFLATED)
    z.write('hello.txt', 'hello.txt', zipfile.ZIP_DEFLATED)
    z.write('signatures0.xml', 'META-INF/signatures0.xml', zipfile.ZIP_DEFLATED)
PY
cp cert.pem "$here/sample-signer.pem"
echo "wrote $here/sample.asice (verified by xmlsec1)"
