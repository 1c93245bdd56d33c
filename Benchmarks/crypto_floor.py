"""The crypto floor of a batch: the public-key verifications no validator can avoid, counted per
container and timed with `openssl speed` on this machine, in the same run as the benchmark.

Per signature: its signature value (the signer's key), the signer's certificate (its CA's key),
each OCSP response (the responder's key) and each time-stamp token (the TSA's key). A responder
certificate that is not itself listed is verified too: once per container uncached, once per
batch cached. CA and TSA certificates of the test lists are trust anchors, so nothing above
them is verified. Key sizes are read from the signatures themselves (an RSA signature is as long
as its modulus; an ECDSA signature's integers as long as its curve's order), so no certificate
outside the container is needed.
    python3 Benchmarks/crypto_floor.py FILE...   (prints the per-container floor)"""
import re, subprocess, sys, warnings, zipfile
import xml.etree.ElementTree as ET
from base64 import b64decode

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509 import ocsp

DS = '{http://www.w3.org/2000/09/xmldsig#}'
XADES = '{http://uri.etsi.org/01903/v1.3.2#}'
CURVES = {256: 'ecdsap256', 384: 'ecdsap384', 521: 'ecdsap521', 528: 'ecdsap521'}


def der_integers(signature):
    """The two INTEGERs of a DER ECDSA-Sig-Value, as byte strings (leading zeros kept out)."""
    def read(data, at):
        tag, length = data[at], data[at + 1]
        at += 2
        if length & 0x80:
            n = length & 0x7F
            length = int.from_bytes(data[at:at + n], 'big')
            at += n
        return tag, data[at:at + length], at + length
    _, body, _ = read(signature, 0)
    _, r, after = read(body, 0)
    _, s, _ = read(body, after)
    return r.lstrip(b'\0'), s.lstrip(b'\0')


def curve_for(bits):
    for size in (256, 384, 528):
        if bits <= size:
            return CURVES[size]
    raise ValueError('no curve for %d-bit integers' % bits)


def operation_of_signature(signature, algorithm_name):
    """`openssl speed` name of the verification that checks `signature` (DER ECDSA or RSA)."""
    if 'ecdsa' in algorithm_name.lower():
        r, s = der_integers(signature)
        # r and s are below the curve's order: the longer of the two has the order's length in
        # bytes but for a negligible share of signatures (32, 48 or 65-66 bytes).
        return curve_for(max(len(r), len(s)) * 8)
    return 'rsa%d' % (len(signature) * 8)


def operation_of_key(key):
    if isinstance(key, rsa.RSAPublicKey):
        return 'rsa%d' % key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return curve_for(key.curve.key_size)
    raise ValueError('unsupported key %r' % key)


def certificate_operation(certificate):
    """The verification of `certificate`'s own signature (made by its issuer's key)."""
    return operation_of_signature(certificate.signature, certificate.signature_algorithm_oid._name)


def count(path):
    """(per-container operations, responder certificates) of one container or bare XAdES file:
    lists of speed names, the second keyed by the responder certificate so a batch can count each
    once. What cannot be parsed counts nothing: a validator does no public-key work on it either."""
    operations, responders = [], {}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if re.match(r'META-INF/.*signatures.*\.xml$', name):
                    _count_xml(archive.read(name), operations, responders)
                elif re.match(r'META-INF/timestamp.*\.tst$', name):
                    _attempt(operations, lambda: _token_operation(archive.read(name)))
    else:
        _count_xml(open(path, 'rb').read(), operations, responders)
    return operations, responders


def _attempt(operations, operation):
    try:
        found = operation()
    except Exception:
        return
    if found is not None:
        operations.append(found)


def _count_xml(data, operations, responders):
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return
    for signature in root.iter(DS + 'Signature'):
        method = signature.find('.//' + DS + 'SignatureMethod')
        value = signature.find(DS + 'SignatureValue')
        if method is not None and value is not None and value.text:
            _attempt(operations, lambda: _signature_value_operation(method.get('Algorithm', ''), b64decode(value.text)))
        certificate_text = signature.find('.//' + DS + 'KeyInfo//' + DS + 'X509Certificate')
        if certificate_text is not None:
            _attempt(operations, lambda: certificate_operation(x509.load_der_x509_certificate(b64decode(certificate_text.text))))
        for encapsulated in signature.iter(XADES + 'EncapsulatedOCSPValue'):
            try:
                response = ocsp.load_der_ocsp_response(b64decode(encapsulated.text))
                operations.append(operation_of_signature(response.signature, response.signature_algorithm_oid._name))
                for certificate in response.certificates:
                    responders[certificate.tbs_certificate_bytes] = certificate_operation(certificate)
            except Exception:
                pass
        for token in signature.iter(XADES + 'EncapsulatedTimeStamp'):
            _attempt(operations, lambda: _token_operation(b64decode(token.text)))


def _signature_value_operation(algorithm, value):
    """XMLDSig's ECDSA value is r || s, each as long as the curve's order; RSA's the modulus."""
    if 'ecdsa' in algorithm.lower():
        return curve_for(len(value) // 2 * 8)
    return 'rsa%d' % (len(value) * 8)


def _token_operation(der):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # BER tokens parse with a warning
        certificates = pkcs7.load_der_pkcs7_certificates(der)
    tsa = next((c for c in certificates if _is_tsa(c)), certificates[0] if certificates else None)
    return None if tsa is None else operation_of_key(tsa.public_key())


def _is_tsa(certificate):
    try:
        usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        return x509.oid.ExtendedKeyUsageOID.TIME_STAMPING in usage
    except x509.ExtensionNotFound:
        return False


RSA_SIZES = (512, 1024, 2048, 3072, 4096, 7680, 15360)  # what `openssl speed` measures


def _measurable(name):
    if not name.startswith('rsa'):
        return name
    bits = int(name[3:])
    return 'rsa%d' % max([size for size in RSA_SIZES if size <= bits] or [RSA_SIZES[0]])


def speed(names):
    """Seconds per verification for each `openssl speed` name, measured now."""
    output = subprocess.run(['openssl', 'speed', '-seconds', '1', '-mr'] + sorted(names),
                            capture_output=True, text=True, check=True).stdout
    seconds = {}
    for line in output.splitlines():
        fields = line.split(':')
        if fields[0] == '+F2':
            seconds['rsa' + fields[2]] = 1 / float(fields[4])
        elif fields[0] == '+F4':
            seconds[CURVES.get(int(fields[2]), 'ecdsa' + fields[2])] = 1 / float(fields[4])
    return seconds


def floor(paths):
    """(uncached, cached) floor in seconds for the whole list, and the operation counts."""
    per_container, batch_responders, tally = [], {}, {}
    for path in paths:
        try:
            operations, responders = count(path)
        except Exception:  # not a zip or not parseable: whatever a validator does there is not crypto
            operations, responders = [], {}
        per_container.append((operations, list(responders.values())))
        batch_responders.update(responders)
        for name in operations + list(responders.values()):
            tally[name] = tally.get(name, 0) + 1
    cost = speed({_measurable(n) for n in tally})
    for name in tally:
        if name not in cost:  # e.g. rsa6144: verification grows with the square of the modulus
            base = _measurable(name)
            cost[name] = cost[base] * (int(name[3:]) / int(base[3:])) ** 2
    uncached = sum(sum(cost[n] for n in ops + resp) for ops, resp in per_container)
    cached = sum(sum(cost[n] for n in ops) for ops, _ in per_container) + sum(cost[n] for n in batch_responders.values())
    return uncached, cached, tally, cost


if __name__ == '__main__':
    uncached, cached, tally, cost = floor(sys.argv[1:])
    n = max(len(sys.argv) - 1, 1)
    for name in sorted(tally):
        print('  %-10s %5d verifications x %.1f us' % (name, tally[name], cost[name] * 1e6))
    print('floor: %.3f ms per container uncached, %.3f ms cached' % (uncached * 1000 / n, cached * 1000 / n))
