#!/usr/bin/env python3
"""Tamper generator: writes forged variants ("mutants") of genuine signed containers.

    python3 TestVectors/tamper.py --out DIR [--per-kind N] [--seed S] [--pki DIR] BASE...

Every BASE is a valid ASiC-E/BDOC (or ASiC-S) container. For each one the script writes mutants
that each carry exactly one kind of forgery (see KINDS below) and DIR/MUTANTS.tsv, whose columns are

    file  base  kind  detail  expected

`expected` lists the EN 319 102-1 sub-indications (DSS spelling) a validator may report for the
mutant; `NONE` admits TOTAL-FAILED without a sub-indication, `SIGNED_OK` admits a signature that
stays TOTAL-PASSED provided the *container* is refused, and `PASS` (the `control` kind only: the
base rewritten through this pipeline with no change) means the mutant must still be accepted.
`NOT_BETTER` (the up-* kinds: unsigned properties, which anyone may add, remove, reorder or
duplicate because the signature does not cover them) admits any outcome that is not better than the
base's: the mutant's verdict must not rank above the base's (PASSED > INDETERMINATE > FAILED), and
when both pass, no signature's proven best-signature-time may be earlier than the base's.

Edits are byte-surgical: XML is never re-serialised. expat locates each element's start tag, end
tag and text bytes; the raw bytes are then patched, and the zip is rewritten entry by entry with
the original order, names, compression methods, times and attributes, so the mutation is the only
difference. Signature kinds apply to every ds:Signature of every signature file (the detail column
starts with [file#Id] to say which one was hit; the other signatures stay intact). The up-* kinds
move whole elements of xades:UnsignedSignatureProperties (and single Encapsulated* values inside
CertificateValues, AttrAuthoritiesCertValues, OCSPValues and CRLValues) as raw byte spans; up-foreign
takes a value from another base and re-prefixes only its element names to this document's prefixes
for the same namespace URIs (declaring a namespace on the moved element when none is in scope).

Only the standard library and the openssl CLI (for the --pki kinds) are used.
"""
import argparse
import base64
import datetime
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import warnings
import xml.parsers.expat
import zipfile

from der import tlv

# ------------------------------------------------------------------------------- the kinds table

SI = 'FORMAT_FAILURE,HASH_FAILURE,SIG_CRYPTO_FAILURE,SIGNED_DATA_NOT_FOUND'
SP = 'HASH_FAILURE,FORMAT_FAILURE,NO_SIGNING_CERTIFICATE_FOUND,SIGNED_DATA_NOT_FOUND,SIG_CRYPTO_FAILURE'
SIGCRYPTO = 'SIG_CRYPTO_FAILURE,FORMAT_FAILURE'

# kind -> (expected sub-indications, sampled by --per-kind, needs --pki, what it does)
KINDS = {
    'control':     ('PASS', False, False, 'the base rewritten through the zip pipeline, no change'),
    'si-attr':     (SI, True, False, 'one attribute inside ds:SignedInfo given another plausible value'),
    'si-text':     (SI, True, False, 'one text node inside ds:SignedInfo given another plausible value'),
    'si-delete':   (SI, True, False, 'one element inside ds:SignedInfo deleted'),
    'sp-attr':     (SP, True, False, 'one attribute inside xades:SignedProperties changed'),
    'sp-text':     (SP, True, False, 'one text node inside xades:SignedProperties changed'),
    'sp-delete':   (SP, True, False, 'one element inside xades:SignedProperties deleted'),
    'swap':        ('SIG_CRYPTO_FAILURE', True, False,
                    'a signed data file replaced, every Reference DigestValue to it recomputed'),
    'swap-si':     (SI, True, False, 'swap + one si-attr/si-text/si-delete change'),
    'swap-method': (SIGCRYPTO, False, False, 'swap + a SignatureMethod that is unknown/wrong/missing'),
    'sigvalue':    (SIGCRYPTO, True, False, 'ds:SignatureValue emptied/zeroed/truncated/bit-flipped/foreign'),
    'data-byte':   ('HASH_FAILURE', True, False, 'one byte of a signed data file changed'),
    'data-add':    ('SIGNED_OK,FORMAT_FAILURE', True, False, 'an unsigned file added (and listed in the manifest)'),
    'data-remove': ('SIGNED_DATA_NOT_FOUND,FORMAT_FAILURE', True, False, 'a signed data file removed'),
    'data-rename': ('SIGNED_DATA_NOT_FOUND,FORMAT_FAILURE', True, False, 'a signed data file renamed in the zip'),
    'keyinfo-cert': ('NO_SIGNING_CERTIFICATE_FOUND,SIG_CRYPTO_FAILURE', True, False,
                     'KeyInfo signer certificate replaced by another of the same CA'),
    'ocsp-by-ordinary-cert': ('NO_CERTIFICATE_CHAIN_FOUND,CERTIFICATE_CHAIN_GENERAL_FAILURE,TRY_LATER,'
                              'REVOKED_NO_POE,NO_POE', True, True,
                              'OCSP value replaced by a good response signed by an ordinary end-entity cert'),
    # REVOKED_NO_POE: a signer revoked after its (now worthless) time-stamp has no proof left.
    'tst-by-ordinary-cert': ('NO_POE,NO_CERTIFICATE_CHAIN_FOUND,CERTIFICATE_CHAIN_GENERAL_FAILURE,'
                             'TIMESTAMP_ORDER_FAILURE,TRY_LATER,REVOKED_NO_POE', True, True,
                             'signature time-stamp re-signed (same TSTInfo) by an ordinary end-entity cert'),
    'up-remove':    ('NOT_BETTER', True, False, 'one unsigned property (or one Encapsulated* value) removed'),
    'up-duplicate': ('NOT_BETTER', True, False, 'one unsigned property (or one Encapsulated* value) repeated in place'),
    'up-reorder':   ('NOT_BETTER', True, False, 'two adjacent unsigned properties (or Encapsulated* values) swapped'),
    'up-foreign':   ('NOT_BETTER', True, False,
                     'an OCSP value, certificate or SignatureTimeStamp of another base appended'),
}
UP_KINDS = ('up-remove', 'up-duplicate', 'up-reorder', 'up-foreign')
# value containers inside xades:UnsignedSignatureProperties -> the element of their single values
UP_VALUES = {'CertificateValues': 'EncapsulatedX509Certificate',
             'AttrAuthoritiesCertValues': 'EncapsulatedX509Certificate',
             'OCSPValues': 'EncapsulatedOCSPValue', 'CRLValues': 'EncapsulatedCRLValue'}
DATA_KINDS = ('data-byte', 'data-add', 'data-remove', 'data-rename')
# sp-* mutants inside xades:SignaturePolicyIdentifier may also end in VCI, which EN 319 102-1
# (5.3.4) evaluates before CV: a policy that can no longer be processed is a correct answer too.
EXTRA_IN_POLICY = 'POLICY_PROCESSING_ERROR'

# ------------------------------------------------------------------------------- algorithms

DS = 'http://www.w3.org/2000/09/xmldsig#'
MANIFEST_NS = 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0'


def is_xades(ns):
    return ns is not None and ns.startswith('http://uri.etsi.org/01903/')


DIGEST_URI = {
    'sha1': 'http://www.w3.org/2000/09/xmldsig#sha1',
    'sha224': 'http://www.w3.org/2001/04/xmldsig-more#sha224',
    'sha256': 'http://www.w3.org/2001/04/xmlenc#sha256',
    'sha384': 'http://www.w3.org/2001/04/xmldsig-more#sha384',
    'sha512': 'http://www.w3.org/2001/04/xmlenc#sha512',
    'sha3-224': 'http://www.w3.org/2007/05/xmldsig-more#sha3-224',
    'sha3-256': 'http://www.w3.org/2007/05/xmldsig-more#sha3-256',
    'sha3-384': 'http://www.w3.org/2007/05/xmldsig-more#sha3-384',
    'sha3-512': 'http://www.w3.org/2007/05/xmldsig-more#sha3-512',
}
URI_DIGEST = {v: k for k, v in DIGEST_URI.items()}
URI_DIGEST['http://www.w3.org/2001/04/xmlenc#sha384'] = 'sha384'  # seen in the wild

SIG_URI = {('rsa', 'sha1'): DS + 'rsa-sha1', ('dsa', 'sha1'): DS + 'dsa-sha1',
           ('dsa', 'sha256'): 'http://www.w3.org/2009/xmldsig11#dsa-sha256',
           ('hmac', 'sha1'): DS + 'hmac-sha1',
           ('eddsa', 'ed25519'): 'http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519',
           ('eddsa', 'ed448'): 'http://www.w3.org/2021/04/xmldsig-more#eddsa-ed448'}
for _d in ('sha224', 'sha256', 'sha384', 'sha512'):
    SIG_URI[('rsa', _d)] = 'http://www.w3.org/2001/04/xmldsig-more#rsa-' + _d
for _d in ('sha1', 'sha224', 'sha256', 'sha384', 'sha512'):
    SIG_URI[('ecdsa', _d)] = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-' + _d
for _d in ('sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512'):
    SIG_URI[('rsa-pss', _d)] = 'http://www.w3.org/2007/05/xmldsig-more#%s-rsa-MGF1' % _d
URI_SIG = {v: k for k, v in SIG_URI.items()}
URI_SIG['http://www.w3.org/2007/05/xmldsig-more#rsa-pss'] = ('rsa-pss', 'sha256')

C14N10 = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'
EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#'
C14N11 = 'http://www.w3.org/2006/12/xml-c14n11'
C14N_ALT = {C14N10: EXC, C14N10 + '#WithComments': C14N10, EXC: C14N11, EXC + 'WithComments': EXC,
            C14N11: C14N10, C14N11 + '#WithComments': C14N11}
TRANSFORM_ALT = {DS + 'enveloped-signature': C14N10,
                 'http://www.w3.org/TR/1999/REC-xpath-19991116': 'http://www.w3.org/2002/06/xmldsig-filter2',
                 'http://www.w3.org/2002/06/xmldsig-filter2': 'http://www.w3.org/TR/1999/REC-xpath-19991116',
                 DS + 'base64': C14N10}
TYPE_ALT = {'http://uri.etsi.org/01903#SignedProperties': DS + 'Object',
            DS + 'Object': 'http://uri.etsi.org/01903#SignedProperties',
            DS + 'Manifest': DS + 'Object',
            '': DS + 'Object'}

UNKNOWN_SIG = 'http://example.com/unknown-sig'


def digest_alt(uri):
    d = URI_DIGEST.get(uri)
    return DIGEST_URI['sha512'] if d == 'sha256' else DIGEST_URI['sha256']


def sigmethod_alt(uri, prefer):
    """Same family, other digest: sha256 -> prefer[family], anything else -> sha256."""
    fam, d = URI_SIG.get(uri, (None, None))
    if fam == 'eddsa':
        return SIG_URI[('eddsa', 'ed448' if d == 'ed25519' else 'ed25519')]
    if fam in ('rsa', 'ecdsa', 'rsa-pss', 'dsa'):
        nd = prefer.get(fam, 'sha512') if d == 'sha256' else 'sha256'
        return SIG_URI.get((fam, nd), SIG_URI[(fam, 'sha1')])
    return SIG_URI[('rsa', 'sha256')] if uri != SIG_URI[('rsa', 'sha256')] else SIG_URI[('ecdsa', 'sha256')]


def short_uri(uri):
    if '#' in uri and uri.rsplit('#', 1)[1]:
        return uri.rsplit('#', 1)[1]
    return uri.rstrip('/').rsplit('/', 1)[-1] or uri


def hash_bytes(alg_uri, data):
    d = URI_DIGEST.get(alg_uri)
    if d is None:
        return None
    return hashlib.new(d.replace('-', '_'), data).digest()

# ------------------------------------------------------------------------------- byte-located XML

TAG_RE = re.compile(rb'<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*(/?)>')
ATTR_RE = re.compile(rb'([^\s=/>]+)\s*=\s*("([^"]*)"|\'([^\']*)\')')


class Elem:
    __slots__ = ('qname', 'prefix', 'local', 'ns', 'attrs', 'start', 'stag_end', 'etag_start', 'end',
                 'empty', 'parent', 'children', 'nsmap', 'doc', '_spans')

    def text_span(self):
        """Byte span of the text of a leaf element (None when it has children or is empty-tagged)."""
        if self.empty or self.children:
            return None
        return (self.stag_end, self.etag_start)

    def text(self):
        span = self.text_span()
        return self.doc.data[span[0]:span[1]] if span else b''

    def attr(self, name, default=None):
        for q, v in self.attrs:
            if q == name:
                return v
        return default

    def attr_spans(self):
        """[(qname, value_start, value_end, quote)] in document order, re-scanned from the start tag."""
        if self._spans is None:
            m = TAG_RE.match(self.doc.data, self.start)
            spans = []
            for a in ATTR_RE.finditer(m.group(2)):
                base = m.start(2)
                spans.append((a.group(1).decode('utf-8'), base + a.start(2) + 1, base + a.end(2) - 1,
                              a.group(2)[:1]))
            self._spans = spans
        return self._spans

    def kids(self, ns, local):
        return [c for c in self.children if c.local == local and (ns is None or c.ns == ns
                                                                     or (ns == 'xades' and is_xades(c.ns)))]

    def kid(self, ns, local):
        k = self.kids(ns, local)
        return k[0] if k else None

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find_all(self, ns, local):
        return [e for e in self.walk() if e.local == local and (e.ns == ns or (ns == 'xades' and is_xades(e.ns)))]

    def find(self, ns, local):
        f = self.find_all(ns, local)
        return f[0] if f else None


class Doc:
    def __init__(self, data, name):
        self.data = data
        self.name = name
        self.elems = []
        stack = []
        parser = xml.parsers.expat.ParserCreate()
        parser.ordered_attributes = True

        def start(qname, attrs):
            pos = parser.CurrentByteIndex
            m = TAG_RE.match(data, pos)
            if m is None or m.group(1).decode('utf-8') != qname:
                raise ValueError('%s: cannot locate the start tag of %s at byte %d' % (name, qname, pos))
            e = Elem()
            e.doc = self
            e.qname = qname
            e.attrs = [(attrs[i], attrs[i + 1]) for i in range(0, len(attrs), 2)]
            parent = stack[-1] if stack else None
            nsmap = parent.nsmap if parent else {'xml': 'http://www.w3.org/XML/1998/namespace'}
            decl = [(q, v) for q, v in e.attrs if q == 'xmlns' or q.startswith('xmlns:')]
            if decl:
                nsmap = dict(nsmap)
                for q, v in decl:
                    nsmap['' if q == 'xmlns' else q[6:]] = v
            e.nsmap = nsmap
            e.prefix, _, e.local = qname.rpartition(':')
            e.ns = nsmap.get(e.prefix)
            e.start, e.stag_end, e.empty = pos, m.end(), m.group(3) == b'/'
            e.parent, e.children, e._spans = parent, [], None
            if len(e.attr_spans()) != len(e.attrs):
                raise ValueError('%s: attribute scan mismatch on %s' % (name, qname))
            if parent:
                parent.children.append(e)
            stack.append(e)
            self.elems.append(e)

        def end(qname):
            e = stack.pop()
            if e.empty:
                e.etag_start = e.end = e.stag_end
            else:
                pos = parser.CurrentByteIndex
                if data[pos:pos + 2] != b'</':
                    raise ValueError('%s: cannot locate the end tag of %s' % (name, qname))
                e.etag_start, e.end = pos, data.index(b'>', pos) + 1

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.Parse(data, True)
        self.root = self.elems[0]


def well_formed(data):
    try:
        p = xml.parsers.expat.ParserCreate()
        p.Parse(data, True)
        return True
    except xml.parsers.expat.ExpatError:
        return False


def xml_escape_attr(value, quote):
    v = value.replace('&', '&amp;').replace('<', '&lt;')
    return v.replace('"', '&quot;') if quote == b'"' else v.replace("'", '&apos;')


def rel_path(e, top):
    """Detail path of e below top, e.g. SignedInfo/Reference[2]/DigestMethod."""
    parts = []
    while e is not None:
        same = [s for s in e.parent.children if s.local == e.local] if e.parent is not None else [e]
        parts.append(e.local + ('[%d]' % (same.index(e) + 1) if len(same) > 1 else ''))
        if e is top:
            break
        e = e.parent
    return '/'.join(reversed(parts))

# ------------------------------------------------------------------------------- base64 and text

B64_RE = re.compile(rb'^[A-Za-z0-9+/=\s]+$')
WS_RE = re.compile(rb'\s+')


def split_ws(raw):
    core = raw.strip()
    if not core:
        return raw, b'', b''
    lead = raw[:raw.index(core[:1])]
    return lead, core, raw[len(lead) + len(core):]


def reflow(orig_raw, new_b64):
    """new_b64 laid out like the original text (same surrounding whitespace and line wrapping)."""
    lead, core, trail = split_ws(orig_raw)
    if not WS_RE.search(core) or not new_b64:
        return lead + new_b64 + trail
    flat = WS_RE.sub(b'', core)
    if len(flat) == len(new_b64):
        out, j = bytearray(), 0
        for ch in core:
            if chr(ch).isspace():
                out.append(ch)
            else:
                out.append(new_b64[j])
                j += 1
        return lead + bytes(out) + trail
    first = WS_RE.search(core)
    width, sep = first.start(), first.group(0)
    return lead + sep.join(new_b64[i:i + width] for i in range(0, len(new_b64), width)) + trail


def b64decode_loose(raw):
    try:
        return base64.b64decode(WS_RE.sub(b'', raw), validate=True)
    except Exception:
        return None


def other_bytes(rng, orig):
    new = bytes(rng.getrandbits(8) for _ in range(len(orig)))
    if new == orig and orig:
        new = bytes([orig[0] ^ 1]) + orig[1:]
    return new


def b64(data):
    return base64.b64encode(data)


DT_RE = re.compile(rb'(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})')
OID_RE = re.compile(rb'^(urn:oid:)?(\d+(?:\.\d+)+)$')
MIME_RE = re.compile(rb'^[a-z]+/[A-Za-z0-9.+_-]+$')


def alt_text(local, raw, rng):
    """Another plausible value for a text node; returns (new raw bytes, short description)."""
    lead, core, trail = split_ws(raw)
    decoded = b64decode_loose(core) if B64_RE.match(core) else None
    b64_locals = ('DigestValue', 'IssuerSerialV2', 'SignatureValue', 'EncapsulatedTimeStamp',
                  'X509Certificate', 'EncapsulatedX509Certificate', 'EncapsulatedOCSPValue')
    m = DT_RE.search(core)
    if m and (local.endswith('Time') or len(core) <= 35):
        t = datetime.datetime(*[int(x) for x in m.groups()]) + datetime.timedelta(days=1, seconds=17)
        new = core[:m.start()] + t.strftime('%Y-%m-%dT%H:%M:%S').encode() + core[m.end():]
        return lead + new + trail, '+1d 17s'
    if decoded is not None and (local in b64_locals or (len(core) >= 16 and len(core) % 4 == 0)):
        return reflow(raw, b64(other_bytes(rng, decoded))), 'other %d bytes (base64)' % len(decoded)
    if core.isdigit():
        return lead + str(int(core) + 1).encode() + trail, '+1'
    m = OID_RE.match(core)
    if m:
        arcs = m.group(2).split(b'.')
        arcs[-1] = str(int(arcs[-1]) + 1).encode()
        return lead + (m.group(1) or b'') + b'.'.join(arcs) + trail, 'last OID arc +1'
    if core.startswith((b'http://', b'https://')):
        return lead + b'https://example.com/other/policy.pdf' + trail, 'another URL'
    if MIME_RE.match(core):
        new = b'application/octet-stream' if core != b'application/octet-stream' else b'text/plain'
        return lead + new + trail, new.decode()
    if local == 'XPath':
        return lead + b'not(' + core + b')' + trail, 'negated XPath'
    if local == 'X509IssuerName':
        if b'CN=' in core:
            i = core.index(b'CN=') + 3
            return lead + core[:i] + b'Other ' + core[i:] + trail, 'CN prefixed "Other "'
        return lead + b'CN=Other CA,' + core + trail, 'CN=Other CA added'
    if core.isalpha() and len(core) <= 3:
        new = b'LV' if core.upper() != b'LV' else b'EE'
        return lead + new + trail, new.decode()
    return lead + core + b' (changed)' + trail, 'text + " (changed)"'

# ------------------------------------------------------------------------------- minimal DER


def der_item(b, i):
    tag = b[i]
    n = b[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[i:i + k], 'big')
        i += k
    return tag, i, i + n


def der_kids(b, start, end):
    out, i = [], start
    while i < end:
        t, s, e = der_item(b, i)
        out.append((t, s, e))
        i = e
    return out


def der_oid(b):
    arcs, v = [], 0
    for x in b:
        v = (v << 7) | (x & 0x7f)
        if not x & 0x80:
            arcs.append(v)
            v = 0
    first = min(arcs[0] // 40, 2)
    return '.'.join(str(a) for a in [first, arcs[0] - 40 * first] + arcs[1:])


def der_name(b, s, e):
    """A Name as a tuple of (oid, string) pairs: equality as RFC 2253 strings would compare."""
    out = []
    for _, rs, re_ in der_kids(b, s, e):
        for _, as_, ae in der_kids(b, rs, re_):
            (_, os_, oe), (vt, vs, ve) = der_kids(b, as_, ae)[:2]
            raw = b[vs:ve]
            if vt == 0x1e:
                val = raw.decode('utf-16-be', 'replace')
            elif vt == 0x1c:
                val = raw.decode('utf-32-be', 'replace')
            else:
                try:
                    val = raw.decode('utf-8')
                except UnicodeDecodeError:
                    val = raw.decode('latin-1')
            out.append((der_oid(b[os_:oe]), val))
    return tuple(out)


KEY_OIDS = {'1.2.840.113549.1.1.1': 'rsa', '1.2.840.113549.1.1.10': 'rsa', '1.2.840.10045.2.1': 'ec',
            '1.3.101.112': 'ed', '1.3.101.113': 'ed', '1.2.840.10040.4.1': 'dsa'}


class Cert:
    def __init__(self, der, source):
        self.der, self.source = der, source
        self.sha256 = hashlib.sha256(der).hexdigest()
        _, s, e = der_item(der, 0)
        _, ts, te = der_kids(der, s, e)[0]
        tbs = der_kids(der, ts, te)
        i = 1 if tbs[0][0] == 0xa0 else 0
        st = tbs[i]
        self.serial = int.from_bytes(der[st[1]:st[2]], 'big', signed=True)
        self.issuer = der_name(der, *tbs[i + 2][1:])
        self.subject = der_name(der, *tbs[i + 4][1:])
        alg = der_kids(der, *tbs[i + 5][1:])[0]
        self.keytype = KEY_OIDS.get(der_oid(der[slice(*der_kids(der, alg[1], alg[2])[0][1:])]), 'other')
        self.is_ca = False
        for t, xs, xe in tbs[i + 6:]:
            if t != 0xa3:
                continue
            for _, es, ee in der_kids(der, *der_kids(der, xs, xe)[0][1:]):
                parts = der_kids(der, es, ee)
                if der_oid(der[parts[0][1]:parts[0][2]]) == '2.5.29.19':
                    ot, os_, oe = parts[-1]
                    _, bs, be = der_item(der, os_)
                    inner = der_kids(der, bs, be)
                    self.is_ca = bool(inner) and inner[0][0] == 0x01 and der[inner[0][1]] != 0


def pem_certs(text):
    return [base64.b64decode(m) for m in re.findall(
        r'-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----', text, re.S)]


def der_tlvs(b, start, end):
    """[(tag, header_start, content_start, end)] of the items in b[start:end]."""
    out, i = [], start
    while i < end:
        t, s, e = der_item(b, i)
        out.append((t, i, s, e))
        i = e
    return out


OID_OCSP_BASIC = bytes.fromhex('2b0601050507300101')


def ocsp_basic(resp):
    """The BasicOCSPResponse items [(tag, hs, cs, end)] of a DER OCSPResponse."""
    _, s, e = der_item(resp, 0)
    top = der_tlvs(resp, s, e)
    _, s, e = der_item(resp, top[1][2])                    # [0] EXPLICIT -> ResponseBytes
    rb = der_tlvs(resp, s, e)
    _, s, e = der_item(resp, rb[1][2])                     # OCTET STRING -> BasicOCSPResponse
    return der_tlvs(resp, s, e)


def ocsp_produced_at(resp):
    t, _, s, e = ocsp_basic(resp)[0]
    for t, _, s, e in der_tlvs(resp, s, e):
        if t == 0x18:
            return resp[s:e]
    return None


def ocsp_retime(resp, when, sign):
    """resp with producedAt/thisUpdate set to `when` (a GeneralizedTime) and nextUpdate a day later,
    re-signed: sign(tbsResponseData DER) -> signature bytes. Times keep their 15-byte form, so only
    the signature and the lengths around it change."""
    basic = ocsp_basic(resp)
    t0 = datetime.datetime.strptime(when[:14].decode(), '%Y%m%d%H%M%S')
    stamp = t0.strftime('%Y%m%d%H%M%SZ').encode()
    later = (t0 + datetime.timedelta(days=1)).strftime('%Y%m%d%H%M%SZ').encode()
    _, hs, _, e = basic[0]
    tbs = bytearray(resp[hs:e])
    hits = 0
    for m in re.finditer(rb'\x18\x0f(\d{14}Z)', bytes(tbs)):
        nxt = m.start() >= 2 and tbs[m.start() - 2] == 0xa0    # nextUpdate is [0] EXPLICIT
        tbs[m.start(1):m.end(1)] = later if nxt else stamp
        hits += 1
    if hits < 2:
        raise RuntimeError('unexpected OCSP tbsResponseData layout')
    sig = sign(bytes(tbs))
    alg = resp[basic[1][1]:basic[1][3]]
    rest = b''.join(resp[hs:e] for _, hs, _, e in basic[3:])
    basic_der = tlv(0x30, bytes(tbs) + alg + tlv(0x03, b'\x00' + sig) + rest)
    rb = tlv(0x30, tlv(0x06, OID_OCSP_BASIC) + tlv(0x04, basic_der))
    return tlv(0x30, tlv(0x0a, b'\x00') + tlv(0xa0, rb))


def tstinfo_of(token):
    """The TSTInfo (eContent) bytes of a CMS SignedData time-stamp token."""
    _, s, e = der_item(token, 0)
    ci = der_kids(token, s, e)
    _, s, e = der_item(token, ci[1][1])  # [0] -> SignedData
    sd = der_kids(token, s, e)
    enc = der_kids(token, *sd[2][1:])
    if der_oid(token[enc[0][1]:enc[0][2]]) != '1.2.840.113549.1.9.16.1.4':
        raise ValueError('not a TSTInfo')
    t, s, e = der_item(token, enc[1][1])
    if t == 0x04:
        return token[s:e]
    return b''.join(token[cs:ce] for _, cs, ce in der_kids(token, s, e))  # constructed OCTET STRING



def tst_gentime(token):
    """genTime (GeneralizedTime bytes) of a time-stamp token, or None."""
    try:
        info = tstinfo_of(token)
        _, s, e = der_item(info, 0)
        for t, cs, ce in der_kids(info, s, e):
            if t == 0x18:
                return info[cs:ce]
    except (ValueError, IndexError):
        pass
    return None


def gap_before(e):
    """(start, bytes) of the whitespace-only run just before e (after its previous sibling or the
    parent's start tag); (e.start, b'') when there is none or it holds anything but whitespace."""
    sibs = e.parent.children
    i = sibs.index(e)
    s = sibs[i - 1].end if i else e.parent.stag_end
    g = e.doc.data[s:e.start]
    return (s, g) if not g.strip() else (e.start, b'')


def transplant(e, target_nsmap, taken_ids=()):
    """The bytes of element e (of another document) ready to be placed where target_nsmap is in scope:
    element names whose prefix is not declared inside e are re-prefixed to the target's prefix for the
    same namespace URI (a declaration is added on e when the target has none); Id values found in
    taken_ids get '-foreign' appended. Returns (bytes, [notes])."""
    data = e.doc.data
    edits, decl, notes, renamed = [], {}, [], {}
    no_ns = any(x.ns is None for x in e.walk())  # then xmlns="" may be needed: keep '' off namespaced names
    for x in e.walk():
        y, inside = x, False
        while True:
            if any(q == ('xmlns:' + x.prefix if x.prefix else 'xmlns') for q, _ in y.attrs):
                inside = True
                break
            if y is e:
                break
            y = y.parent
        if inside:
            continue
        want = x.ns
        if x.prefix in decl and decl[x.prefix] == want:
            newp = x.prefix
        else:
            cands = sorted(p for p, u in target_nsmap.items() if u == want and p != 'xml' and (p or not no_ns))
            if want is None:
                cands = [] if target_nsmap.get('') else ['']
            if x.prefix in cands:
                newp = x.prefix
            elif want is None and not cands:
                newp = ''
                decl[''] = ''
            elif cands:
                newp = sorted(cands, key=lambda p: (p == '', p))[0]
            else:
                newp = x.prefix
                k = 2
                while newp in target_nsmap or (newp in decl and decl[newp] != want):
                    newp = '%s%d' % (x.prefix or 'ns', k)
                    k += 1
                decl[newp] = want if want is not None else ''
        if newp != x.prefix:
            qn = (newp + ':' if newp else '') + x.local
            n = len(x.qname.encode('utf-8'))
            edits.append((x.start + 1, x.start + 1 + n, qn.encode('utf-8')))
            if not x.empty:
                edits.append((x.etag_start + 2, x.etag_start + 2 + n, qn.encode('utf-8')))
            renamed[x.prefix or '(none)'] = newp or '(none)'
        for q, vs, ve, quote in x.attr_spans():
            v = x.attr(q)
            if q == 'Id' and v in taken_ids:
                edits.append((vs, ve, xml_escape_attr(v + '-foreign', quote).encode('utf-8')))
                notes.append('Id %s -> %s-foreign' % (v, v))
    if decl:
        at = e.start + 1 + len(e.qname.encode('utf-8'))
        txt = ''.join(' xmlns%s="%s"' % (':' + p if p else '', xml_escape_attr(u, b'"'))
                      for p, u in sorted(decl.items()))
        edits.append((at, at, txt.encode('utf-8')))
        notes.append('declared ' + txt.strip())
    for a, b in sorted(renamed.items()):
        notes.append('prefix %s -> %s' % (a, b))
    out = apply_edits(data, [(s, t, r, False) for s, t, r in edits])
    return out[e.start:e.end + len(out) - len(data)], notes

# ------------------------------------------------------------------------------- containers


def sigvalue_of(sig):
    """The decoded SignatureValue of a signature (None when absent or unreadable)."""
    return b64decode_loose(sig.sigvalue.text()) or None if sig.sigvalue is not None else None


def signed_info_content(sig):
    """Every attribute value and text of a signature's SignedInfo: equal when two signatures sign the same."""
    if sig.si is None:
        return None
    return tuple((e.local, tuple(e.attrs), e.text().strip()) for e in sig.si.walk())


class Sig:
    """One ds:Signature with the elements the mutations need."""

    def __init__(self, base, doc, elem):
        self.base, self.doc, self.elem = base, doc, elem
        self.id = elem.attr('Id', '')
        self.tag = '[%s#%s]' % (doc.name.rsplit('/', 1)[-1], self.id or '?')
        self.si = elem.kid(DS, 'SignedInfo')
        self.sigmethod = self.si.kid(DS, 'SignatureMethod') if self.si is not None else None
        self.refs = self.si.kids(DS, 'Reference') if self.si is not None else []
        self.sigvalue = elem.kid(DS, 'SignatureValue')
        ki = elem.kid(DS, 'KeyInfo')
        self.keyinfo_certs = ki.find_all(DS, 'X509Certificate') if ki is not None else []
        self.sp = elem.find('xades', 'SignedProperties')
        self.tsts = [t for st in elem.find_all('xades', 'SignatureTimeStamp')
                     for t in st.kids('xades', 'EncapsulatedTimeStamp')]
        self.ocsps = elem.find_all('xades', 'EncapsulatedOCSPValue')
        self.usp = elem.find('xades', 'UnsignedSignatureProperties')
        self.ids = [v for e in elem.walk() for q, v in e.attrs if q == 'Id' and v]
        self.signer = self._signer()

    def data_refs(self):
        """[(Reference elem, zip entry name)] for references to files of the container."""
        out = []
        for r in self.refs:
            uri = r.attr('URI')
            if uri is None or uri.startswith('#') or uri == '':
                continue
            name = urllib.parse.unquote(uri)
            for cand in (name, name[2:] if name.startswith('./') else name, name.lstrip('/')):
                if cand in self.base.data_names:
                    out.append((r, cand))
                    break
        return out

    def _signer(self):
        certs = []
        for e in self.keyinfo_certs:
            der = b64decode_loose(e.text())
            if der:
                try:
                    certs.append((e, Cert(der, self.base.path)))
                except Exception:
                    pass
        if not certs:
            return None
        if self.sp is not None:
            for sc in ('SigningCertificateV2', 'SigningCertificate'):
                scel = self.sp.find('xades', sc)
                cd = scel.find('xades', 'CertDigest') if scel is not None else None
                if cd is None:
                    continue
                dm, dv = cd.kid(DS, 'DigestMethod'), cd.kid(DS, 'DigestValue')
                want = b64decode_loose(dv.text()) if dv is not None else None
                for e, c in certs:
                    if dm is not None and want and hash_bytes(dm.attr('Algorithm', ''), c.der) == want:
                        return e, c
        return certs[0]

    def keytype(self):
        if self.signer:
            if self.signer[1].keytype != 'other':
                return self.signer[1].keytype
        fam = URI_SIG.get(self.sigmethod.attr('Algorithm', '') if self.sigmethod is not None else '',
                          ('?', None))[0]
        return {'rsa': 'rsa', 'rsa-pss': 'rsa', 'ecdsa': 'ec', 'eddsa': 'ed', 'dsa': 'dsa'}.get(fam, 'other')


class Base:
    def __init__(self, path):
        self.path = path
        try:
            zf = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as e:
            raise SystemExit('tamper: %s: not a readable zip container (%s)' % (path, e))
        with zf:
            self.infos = zf.infolist()
            names = [i.filename for i in self.infos]
            if len(set(names)) != len(names):
                raise SystemExit('tamper: %s: duplicate zip entry names; not a usable base' % path)
            self.data = {i.filename: zf.read(i) for i in self.infos}
            self.comment = zf.comment
        self.data_names = [n for n in names if not n.startswith('META-INF/') and n != 'mimetype'
                           and not n.endswith('/')]
        self.sigfiles = [n for n in names if n.startswith('META-INF/') and n.lower().endswith('.xml')
                         and 'signatures' in n.rsplit('/', 1)[-1].lower()]
        self.manifest = 'META-INF/manifest.xml' if 'META-INF/manifest.xml' in self.data else None
        self.timestamp_only = not self.sigfiles and 'META-INF/timestamp.tst' in self.data
        if not self.sigfiles and not self.timestamp_only:
            raise SystemExit('tamper: %s: neither META-INF/*signatures*.xml nor META-INF/timestamp.tst' % path)
        self.docs, self.sigs = {}, []
        for n in self.sigfiles:
            try:
                doc = Doc(self.data[n], n)
            except (ValueError, xml.parsers.expat.ExpatError) as e:
                raise SystemExit('tamper: %s: %s: %s' % (path, n, e))
            self.docs[n] = doc
            for e in doc.root.walk():
                if e.ns == DS and e.local == 'Signature':
                    self.sigs.append(Sig(self, doc, e))
        if self.sigfiles and not self.sigs:
            raise SystemExit('tamper: %s: no ds:Signature in %s' % (path, ', '.join(self.sigfiles)))

    def signed_files(self):
        if self.timestamp_only:
            return list(self.data_names)
        seen = []
        for s in self.sigs:
            for _, n in s.data_refs():
                if n not in seen:
                    seen.append(n)
        return seen

# ------------------------------------------------------------------------------- mutations


class Mut:
    """One mutant: XML edits per entry, replaced/removed/renamed/added entries."""

    def __init__(self, detail, xml=None, files=None, remove=(), rename=None, add=()):
        self.detail = detail
        self.xml = xml or {}          # entry -> [(start, end, bytes, is_delete)]
        self.files = files or {}      # entry -> new bytes
        self.remove = set(remove)
        self.rename = rename or {}
        self.add = list(add)          # [(name, bytes, template entry)]
        self.extra = ''               # sub-indications admitted on top of the kind's set


def edit(doc, start, end, repl, is_delete=False):
    return {doc.name: [(start, end, repl, is_delete)]}


def merge_edits(a, b):
    """Union of two edit maps; an edit inside a deleted span is dropped; other overlaps -> None."""
    out = {k: list(v) for k, v in a.items()}
    for k, v in b.items():
        out.setdefault(k, []).extend(v)
    for k, edits in out.items():
        keep = []
        for e in edits:
            if any(d is not e and d[3] and d[0] <= e[0] and e[1] <= d[1] for d in edits):
                continue
            keep.append(e)
        keep.sort()
        for x, y in zip(keep, keep[1:]):
            if y[0] < x[1] or (x[0], x[1]) == (y[0], y[1]):
                return None
        out[k] = keep
    return out


def apply_edits(data, edits):
    out = data
    for s, e, r, _ in sorted(edits, key=lambda x: x[0], reverse=True):
        out = out[:s] + r + out[e:]
    return out


def attr_mut(sig, e, top, qname, new, tag):
    for q, vs, ve, quote in e.attr_spans():
        if q == qname:
            old = e.attr(qname)
            if new == old:
                return None
            shown = short_uri(new) if qname == 'Algorithm' else new
            shown_old = short_uri(old) if qname == 'Algorithm' else old
            detail = '%s %s@%s %s -> %s' % (tag, rel_path(e, top), qname, clip(shown_old), clip(shown))
            return Mut(detail, edit(e.doc, vs, ve, xml_escape_attr(new, quote).encode('utf-8')))
    return None


def clip(s, n=48):
    if isinstance(s, bytes):
        s = s.decode('utf-8', 'replace')
    s = re.sub(r'[\t\r\n]+', ' ', s)
    return s if len(s) <= n else s[:n - 3] + '...'


class Generator:
    def __init__(self, args, bases):
        self.args, self.bases = args, bases
        self.notes = []
        self.tmp = tempfile.mkdtemp(prefix='tamper-')
        self.pki = args.pki
        self.certs = {}
        self.sigvalues = []  # (base path, decoded bytes, what its SignedInfo says)
        for b in bases:
            for s in b.sigs:
                if s.sigvalue is not None:
                    v = b64decode_loose(s.sigvalue.text())
                    if v:
                        self.sigvalues.append((b.path, v, signed_info_content(s)))
                for e in s.elem.walk():
                    if e.local in ('X509Certificate', 'EncapsulatedX509Certificate'):
                        self.add_cert(b64decode_loose(e.text()), b.path, 2)
        self.up_donors = []  # dicts: what (ocsp/cert/tst), base, sig, elem, value, ca, gentime
        for b in bases:
            for s in b.sigs:
                self.up_donors += self.up_values(b, s)
        self.issuing = None
        if self.pki:
            for fn in sorted(os.listdir(self.pki)):
                if fn.endswith('.pem'):
                    with open(os.path.join(self.pki, fn)) as f:
                        for der in pem_certs(f.read()):
                            rank = 0 if fn.startswith(('signer-', 'seal')) else 1
                            c = self.add_cert(der, os.path.join(self.pki, fn), rank)
                            if fn == 'issuing.pem':
                                self.issuing = c

    def add_cert(self, der, source, rank):
        if not der:
            return None
        h = hashlib.sha256(der).hexdigest()
        if h in self.certs:
            c = self.certs[h]
            if rank < c.rank:
                c.rank, c.source = rank, source
            return c
        try:
            c = Cert(der, source)
        except Exception:
            return None
        c.rank = rank
        self.certs[h] = c
        return c

    def openssl(self, *args):
        r = subprocess.run(('openssl',) + args, capture_output=True)
        if r.returncode != 0:
            raise RuntimeError('openssl %s: %s' % (args[0], r.stderr.decode('utf-8', 'replace').strip()[:300]))
        return r.stdout

    # ---- signature-level mutation lists

    def attr_muts(self, base, sig, top, rng):
        """A mutation per attribute below `top` (SignedInfo or SignedProperties) that has another
        value to take; namespace declarations are left alone."""
        out = []
        for e in top.walk():
            for q, v in e.attrs:
                if q == 'xmlns' or q.startswith('xmlns:'):
                    continue
                new = self.alt_attr(base, sig, e, q, v, rng)
                m = attr_mut(sig, e, top, q, new, sig.tag) if new is not None else None
                if m:
                    out.append(m)
        return out

    def alt_attr(self, base, sig, e, q, v, rng):
        local = q.rpartition(':')[2]
        if local == 'Algorithm':
            if e.local == 'DigestMethod':
                return digest_alt(v)
            if e.local == 'SignatureMethod':
                return sigmethod_alt(v, {'rsa': 'sha512', 'ecdsa': 'sha384', 'rsa-pss': 'sha512'})
            if v in C14N_ALT:
                return C14N_ALT[v]
            return TRANSFORM_ALT.get(v, C14N10 if v != C14N10 else EXC)
        if local == 'URI' or local == 'ObjectReference' or local == 'Target':
            if v.startswith('#') or v == '' or local != 'URI':
                if local == 'ObjectReference':
                    pool = [r.attr('Id') for r in sig.refs if r.attr('Id')]
                else:
                    pool = list(sig.ids)
                pool = [i for i in pool if '#' + i != v]
                return '#' + (pool[0] if pool else (v.lstrip('#') or 'S') + '-2')
            cur = urllib.parse.unquote(v)
            others = [n for n in base.data_names if n != cur] or ['META-INF/manifest.xml']
            return urllib.parse.quote(others[0], safe='/')
        if local == 'Id':
            return v + '-2'
        if local == 'Type':
            return TYPE_ALT.get(v, DS + 'Object')
        if local == 'Qualifier':
            return 'OIDAsURI' if v == 'OIDAsURN' else 'OIDAsURN'
        return v + '-2' if v else 'x'

    def si_text(self, base, sig, rng, top=None):
        top = top or sig.si
        out = []
        for e in top.walk():
            span = e.text_span()
            if not span or not e.text().strip():
                continue
            new, what = alt_text(e.local, e.text(), rng)
            if new != e.text():
                out.append(Mut('%s %s text -> %s' % (sig.tag, rel_path(e, top), what),
                               edit(e.doc, span[0], span[1], new)))
        return out

    def deletes(self, sig, top):
        return [Mut('%s %s deleted' % (sig.tag, rel_path(e, top)), edit(e.doc, e.start, e.end, b'', True))
                for e in top.walk() if e is not top]

    def swap(self, base, name, only_ref=None):
        """Mut replacing file `name` and recomputing every Reference DigestValue to it."""
        new = ('This is not the document that was signed (%s); it was swapped in afterwards.\n'
               % name).encode('utf-8')
        xml, refs = {}, 0
        for s in base.sigs:
            for r, n in s.data_refs():
                if n != name:
                    continue
                if r.kid(DS, 'Transforms') is not None:
                    return None
                dm, dv = r.kid(DS, 'DigestMethod'), r.kid(DS, 'DigestValue')
                if dm is None or dv is None or dv.text_span() is None:
                    return None
                h = hash_bytes(dm.attr('Algorithm', ''), new)
                if h is None:
                    return None
                span = dv.text_span()
                xml = merge_edits(xml, edit(dv.doc, span[0], span[1], reflow(dv.text(), b64(h))))
                refs += 1
        if not refs:
            return None
        return Mut('%s replaced, %d Reference DigestValue(s) recomputed' % (name, refs), xml,
                   files={name: new})

    def first_swap(self, base, sig):
        for _, n in sig.data_refs():
            m = self.swap(base, n)
            if m:
                return m
        return None

    def combine(self, a, b):
        xml = merge_edits(a.xml, b.xml)
        if xml is None:
            return None
        return Mut('swap of %s + %s' % (a.detail.split(' replaced')[0], b.detail), xml,
                   files={**a.files, **b.files})

    def swap_methods(self, base, sig):
        sm = sig.sigmethod
        if sm is None:
            return []
        kt = sig.keytype()
        orig = sm.attr('Algorithm', '')
        variants = [UNKNOWN_SIG, SIG_URI[('hmac', 'sha1')], SIG_URI[('dsa', 'sha1')], SIG_URI[('dsa', 'sha256')], '']
        if kt == 'ec':
            variants += [SIG_URI[('rsa', 'sha384')], SIG_URI[('rsa-pss', 'sha256')]]
        elif kt == 'rsa':
            variants += [SIG_URI[('ecdsa', 'sha256')]]
        else:
            variants += [SIG_URI[('rsa', 'sha256')], SIG_URI[('ecdsa', 'sha256')]]
        variants.append(sigmethod_alt(orig, {'rsa': 'sha384', 'ecdsa': 'sha384', 'rsa-pss': 'sha384',
                                             'dsa': 'sha1'}))
        out = []
        for v in variants:
            m = attr_mut(sig, sm, sig.si, 'Algorithm', v, sig.tag)
            if m:
                if v == '':
                    m.detail = m.detail.replace('->  ', '-> ').rstrip() + '(empty)'
                out.append(m)
        out.append(Mut('%s SignedInfo/SignatureMethod deleted' % sig.tag,
                       edit(sm.doc, sm.start, sm.end, b'', True)))
        return out

    def sigvalue(self, base, sig, rng):
        sv = sig.sigvalue
        if sv is None or sv.text_span() is None:
            return []
        span = sv.text_span()
        raw = sv.text()
        val = b64decode_loose(raw) or b''
        t = sig.tag + ' SignatureValue'
        out = [Mut(t + ' emptied', edit(sv.doc, span[0], span[1], b'')),
               Mut(t + ' zeroed (%d bytes)' % len(val), edit(sv.doc, span[0], span[1], reflow(raw, b64(bytes(len(val)))))),
               Mut(t + ' truncated to %d of %d bytes' % (len(val) // 2, len(val)),
                   edit(sv.doc, span[0], span[1], reflow(raw, b64(val[:len(val) // 2]))))]
        if val:
            flipped = bytearray(val)
            flipped[len(val) // 2] ^= 0x01
            out.append(Mut(t + ' bit 0 of byte %d flipped' % (len(val) // 2),
                           edit(sv.doc, span[0], span[1], reflow(raw, b64(bytes(flipped))))))
        # A value over the same SignedInfo content is a genuine signature, not a forgery: two bases
        # signed by one key within one second over one file have the same SignedInfo.
        mine = signed_info_content(sig)
        foreign = [v for p, v, si in self.sigvalues if p != base.path and v != val and si != mine]
        if foreign:
            same = [v for v in foreign if len(v) == len(val)]
            pick = rng.choice(same or foreign)
            what = 'another base\'s value (%d bytes)' % len(pick)
        else:
            pick = other_bytes(rng, val)
            what = 'random value (%d bytes, no other base)' % len(pick)
        out.append(Mut(t + ' replaced by ' + what, edit(sv.doc, span[0], span[1], reflow(raw, b64(pick)))))
        return out

    def keyinfo(self, base, sig, rng):
        if not sig.signer:
            return []
        el, signer = sig.signer
        donors = [c for c in self.certs.values() if c.sha256 != signer.sha256 and not c.is_ca]
        same = [c for c in donors if c.issuer == signer.issuer]
        if same:
            best = min(c.rank for c in same)
            pick = rng.choice(sorted([c for c in same if c.rank == best], key=lambda c: c.sha256))
            what = 'same-CA donor'
        elif donors:
            pick = rng.choice(sorted(donors, key=lambda c: c.sha256))
            what = 'other-CA donor'
        else:
            return []
        span = el.text_span()
        name = dict(pick.subject).get('2.5.4.3', pick.sha256[:12])
        top = el
        while top.parent is not None and top.local != 'KeyInfo':
            top = top.parent
        return [Mut('%s %s -> %s "%s" (%s)' % (sig.tag, rel_path(el, top), what, clip(name, 40),
                                                     os.path.basename(pick.source)),
                    edit(el.doc, span[0], span[1], reflow(el.text(), b64(pick.der))))]

    def pki_signer(self, sig):
        return bool(self.pki and self.issuing and sig.signer and sig.signer[1].issuer == self.issuing.subject)

    def ocsp(self, base, sig, rng):
        if not self.pki_signer(sig) or not sig.ocsps:
            return []
        if not sig.tsts:
            self.notes.append('%s %s: ocsp-by-ordinary-cert skipped (LT-TM: the time-mark OCSP must carry the '
                              'signature\'s nonce, which openssl ocsp cannot set)' % (base.path, sig.tag))
            return []
        signer = sig.signer[1]
        d = tempfile.mkdtemp(dir=self.tmp)
        target = sig.ocsps[0]
        for o in sig.ocsps:
            with open(os.path.join(d, 'o.der'), 'wb') as f:
                f.write(b64decode_loose(o.text()) or b'')
            try:
                txt = self.openssl('ocsp', '-respin', os.path.join(d, 'o.der'), '-resp_text', '-noverify').decode()
            except RuntimeError:
                continue
            if any(int(s, 16) == signer.serial for s in re.findall(r'Serial Number: ([0-9A-Fa-f]+)', txt)):
                target = o
                break
        cert = os.path.join(d, 'signer.pem')
        with open(cert, 'w') as f:
            f.write('-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n'
                    % base64.encodebytes(signer.der).decode().strip())
        serial = '%X' % signer.serial
        serial = ('0' if len(serial) % 2 else '') + serial
        with open(os.path.join(d, 'index.txt'), 'w') as f:
            f.write('V\t491231235959Z\t\t%s\tunknown\t/CN=signer\n' % serial)
        p = lambda n: os.path.join(self.pki, n)
        self.openssl('ocsp', '-issuer', p('issuing.pem'), '-cert', cert, '-reqout', os.path.join(d, 'req.der'),
                     '-no_nonce')
        self.openssl('ocsp', '-index', os.path.join(d, 'index.txt'), '-CA', p('issuing.pem'),
                     '-rsigner', p('signer-p256.pem'), '-rkey', p('signer-p256.key'), '-ndays', '1',
                     '-reqin', os.path.join(d, 'req.der'), '-respout', os.path.join(d, 'resp.der'))
        txt = self.openssl('ocsp', '-respin', os.path.join(d, 'resp.der'), '-resp_text', '-noverify').decode()
        if 'Cert Status: good' not in txt:
            raise RuntimeError('fresh OCSP response is not "good"')
        with open(os.path.join(d, 'resp.der'), 'rb') as f:
            resp = f.read()
        # openssl stamps the current time; move producedAt/thisUpdate back to the original response's
        # producedAt so that freshness/lateness rules cannot be what refuses the mutant.
        orig = b64decode_loose(target.text())
        when = ocsp_produced_at(orig) if orig else None
        timing = 'produced now'
        if when:
            def sign(tbs):
                with open(os.path.join(d, 'tbs.der'), 'wb') as f:
                    f.write(tbs)
                return self.openssl('dgst', '-sha256', '-sign', p('signer-p256.key'), os.path.join(d, 'tbs.der'))
            resp = ocsp_retime(resp, when, sign)
            with open(os.path.join(d, 'resp2.der'), 'wb') as f:
                f.write(resp)
            txt = self.openssl('ocsp', '-respin', os.path.join(d, 'resp2.der'), '-resp_text',
                               '-VAfile', p('signer-p256.pem'), '-issuer', p('issuing.pem'),
                               '-no_cert_checks').decode()
            if 'Cert Status: good' not in txt:
                raise RuntimeError('re-timed OCSP response does not parse')
            timing = 'producedAt %s as the original' % when.decode()
        span = target.text_span()
        return [Mut('%s %s -> good response for serial %s signed by signer-p256 (no OCSPSigning EKU), %s'
                    % (sig.tag, rel_path(target, sig.elem.find('xades', 'UnsignedSignatureProperties')), serial,
                       timing),
                    edit(target.doc, span[0], span[1], reflow(target.text(), b64(resp))))]

    def tst(self, base, sig, rng):
        if not self.pki_signer(sig) or not sig.tsts:
            return []
        out = []
        for k, t in enumerate(sig.tsts):
            d = tempfile.mkdtemp(dir=self.tmp)
            tok = b64decode_loose(t.text())
            info = tstinfo_of(tok)
            p = lambda n: os.path.join(self.pki, n)
            with open(os.path.join(d, 'tstinfo.der'), 'wb') as f:
                f.write(info)
            self.openssl('cms', '-sign', '-binary', '-nodetach', '-in', os.path.join(d, 'tstinfo.der'),
                         '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-signer', p('signer-p256.pem'),
                         '-inkey', p('signer-p256.key'), '-outform', 'DER', '-md', 'sha256', '-cades',
                         '-nosmimecap', '-out', os.path.join(d, 'new.der'))
            self.openssl('ts', '-reply', '-in', os.path.join(d, 'new.der'), '-token_in', '-text')
            with open(os.path.join(d, 'new.der'), 'rb') as f:
                new = f.read()
            if tstinfo_of(new) != info:
                raise RuntimeError('re-signed token carries another TSTInfo')
            span = t.text_span()
            out.append(Mut('%s SignatureTimeStamp[%d] re-signed by signer-p256 (same TSTInfo, CAdES signer attrs)'
                           % (sig.tag, k + 1), edit(t.doc, span[0], span[1], reflow(t.text(), b64(new)))))
        return out

    # ---- unsigned-property mutations (expected NOT_BETTER)

    def up_values(self, base, sig):
        """The values of sig's unsigned properties that up-foreign can give to other bases."""
        usp = sig.usp
        if usp is None:
            return []
        ca = sig.signer[1].issuer if sig.signer else None
        out = []
        for c in usp.walk():
            if not is_xades(c.ns):
                continue
            if c.local == 'OCSPValues' or c.local == 'CertificateValues':
                what = 'ocsp' if c.local == 'OCSPValues' else 'cert'
                for v in c.kids('xades', UP_VALUES[c.local]):
                    val = b64decode_loose(v.text())
                    if val:
                        out.append(dict(what=what, base=base.path, sig=sig, elem=v, value=val, ca=ca,
                                        gentime=None))
        for st in usp.kids('xades', 'SignatureTimeStamp'):
            toks = [b64decode_loose(t.text()) for t in st.kids('xades', 'EncapsulatedTimeStamp')]
            toks = [t for t in toks if t]
            if toks:
                out.append(dict(what='tst', base=base.path, sig=sig, elem=st, value=b''.join(toks), ca=ca,
                                gentime=tst_gentime(toks[0])))
        return out

    def up_units(self, sig):
        """Elements the up-remove/up-duplicate kinds move: every child of UnsignedSignatureProperties,
        then every single value of the value containers below it."""
        usp = sig.usp
        out = list(usp.children)
        for c in usp.walk():
            if c.local in UP_VALUES and is_xades(c.ns):
                out += c.kids('xades', UP_VALUES[c.local])
        return out

    def up_remove(self, sig):
        out = []
        for e in self.up_units(sig):
            s, _ = gap_before(e)
            out.append(Mut('%s %s removed' % (sig.tag, rel_path(e, sig.usp)), edit(e.doc, s, e.end, b'', True)))
        return out

    def up_duplicate(self, sig):
        out = []
        for e in self.up_units(sig):
            _, g = gap_before(e)
            dup = e.doc.data[e.start:e.end]
            ids = [v for x in e.walk() for q, v in x.attrs if q == 'Id' and v]
            note = ' (Id %s now twice)' % ', '.join(ids) if ids else ''
            out.append(Mut('%s %s repeated right after itself%s' % (sig.tag, rel_path(e, sig.usp), note),
                           edit(e.doc, e.end, e.end, g + dup)))
        return out

    def up_reorder(self, sig):
        groups = [sig.usp.children]
        for c in sig.usp.walk():
            if c.local in UP_VALUES and is_xades(c.ns):
                groups.append(c.kids('xades', UP_VALUES[c.local]))
        out = []
        for g in groups:
            for a, b in zip(g, g[1:]):
                if a.end > b.start:
                    continue
                data = a.doc.data
                new = data[b.start:b.end] + data[a.end:b.start] + data[a.start:a.end]
                if new == data[a.start:b.end]:
                    continue  # identical siblings: swapping them changes nothing
                out.append(Mut('%s %s and %s swapped' % (sig.tag, rel_path(a, sig.usp), rel_path(b, sig.usp)),
                               edit(a.doc, a.start, b.end, new)))
        return out

    def up_foreign(self, base, sig, rng):
        usp = sig.usp
        ca = sig.signer[1].issuer if sig.signer else None
        own = self.up_values(base, sig)
        doc_ids = {v for x in sig.doc.elems for q, v in x.attrs if q == 'Id' and v}
        # this signature's own containers (not those of a TimeStampValidationData), non-empty-tagged
        ocspv = [o for rv in usp.kids('xades', 'RevocationValues') for o in rv.kids('xades', 'OCSPValues')]
        certv = usp.kids('xades', 'CertificateValues')
        uniq = [(what, c[0]) for what, c in (('ocsp', ocspv), ('cert', certv)) if c and not c[0].empty]
        if not usp.empty:
            uniq.append(('tst', usp))
        own_tst = [d['gentime'] for d in own if d['what'] == 'tst' and d['gentime']]
        earliest = min(own_tst) if own_tst else None
        out = []
        for what, container in uniq:
            have = {d['value'] for d in own if d['what'] == what}
            if what == 'cert':
                have |= {b64decode_loose(k.text()) for k in sig.keyinfo_certs}
            # Evidence of the same signature (another copy of it, same SignatureValue) is not foreign:
            # it genuinely covers this signature.
            pool = [d for d in self.up_donors if d['what'] == what and d['base'] != base.path
                    and d['value'] not in have and sigvalue_of(d['sig']) != sigvalue_of(sig)]
            if not pool:
                self.notes.append('%s %s: up-foreign: no donor %s' % (base.path, sig.tag, what))
                continue

            def rank(d):
                if what == 'cert':
                    try:
                        same = ca is not None and Cert(d['value'], d['base']).issuer == ca
                    except Exception:
                        same = False
                else:
                    same = ca is not None and d['ca'] == ca
                early = what == 'tst' and earliest is not None and d['gentime'] is not None \
                    and d['gentime'] < earliest
                return (0 if early else 1, 0 if same else 1)
            uniq_pool, vals = [], set()
            for d in sorted(pool, key=lambda d: (rank(d), d['base'], d['sig'].tag, d['elem'].start)):
                if d['value'] not in vals:
                    vals.add(d['value'])
                    uniq_pool.append(d)
            best = rank(uniq_pool[0])
            d = rng.choice([x for x in uniq_pool if rank(x) == best])
            why = []
            if what == 'tst' and best[0] == 0:
                why.append('genTime %s, earlier than %s' % (d['gentime'].decode(), earliest.decode()))
            why.append('same-CA donor' if best[1] == 0 else 'other-CA donor')
            kids = container.children
            if kids:
                at = kids[-1].end
                ws = gap_before(kids[-1])[1]
            else:
                at, ws = container.etag_start, b''
            new, notes = transplant(d['elem'], container.nsmap, doc_ids)
            src = '%s of %s %s' % (d['elem'].local, os.path.basename(d['base']), d['sig'].tag)
            detail = '%s %s (%s%s) appended to %s' % (sig.tag, src, ', '.join(why),
                                                     ''.join('; ' + n for n in notes), rel_path(container, usp))
            out.append(Mut(detail, edit(container.doc, at, at, ws + new)))
        return out

    # ---- data-file mutations

    def data_byte(self, base):
        out = []
        for n in base.signed_files():
            data = base.data[n]
            if not data:
                self.notes.append('%s: data-byte skipped for empty file %s' % (base.path, n))
                continue
            for where, i in (('first', 0), ('middle', len(data) // 2), ('last', len(data) - 1)):
                b = bytearray(data)
                b[i] = b[i] ^ 0x01 if chr(b[i]).isalnum() else (0x58 if b[i] != 0x58 else 0x59)
                if where != 'first' and i == 0:
                    continue
                if where == 'last' and i == len(data) // 2:
                    continue
                out.append(Mut('%s byte %d (%s) 0x%02x -> 0x%02x' % (n, i, where, data[i], b[i]),
                               files={n: bytes(b)}))
        return out

    def data_add(self, base):
        name = 'added-after-signing.txt'
        k = 2
        while name in base.data:
            name = 'added-after-signing-%d.txt' % k
            k += 1
        content = b'This file was added to the container after it was signed.\n'
        tmpl = (base.data_names or [base.infos[-1].filename])[0]
        edits, how = {}, 'not in manifest (container has none)'
        if base.manifest:
            try:
                doc = Doc(base.data[base.manifest], base.manifest)
            except (ValueError, xml.parsers.expat.ExpatError):
                doc = None
            entries = [e for e in doc.elems if e.local == 'file-entry'] if doc else []
            if entries:
                last = entries[-1]
                fp = next((q for q, _ in last.attrs if q.rpartition(':')[2] == 'full-path'), None)
                mt = next((q for q, _ in last.attrs if q.rpartition(':')[2] == 'media-type'), None)
                if fp:
                    ws = b''
                    if len(entries) > 1 and entries[-2].end <= last.start:
                        gap = base.data[base.manifest][entries[-2].end:last.start]
                        ws = gap if not gap.strip() else b''
                    tag = '<%s %s="%s"%s/>' % (last.qname, fp, name,
                                                ' %s="text/plain"' % mt if mt else '')
                    edits = edit(doc, last.end, last.end, ws + tag.encode('utf-8'))
                    how = 'listed in manifest as text/plain'
        return [Mut('%s added, %s' % (name, how), edits, add=[(name, content, tmpl)])]

    def data_remove(self, base):
        return [Mut('%s removed from the zip (manifest untouched)' % n, remove=[n]) for n in base.signed_files()]

    def data_rename(self, base):
        if base.timestamp_only:
            # An RFC 3161 token binds the content only: a renamed file is still the time-stamped
            # object, so the rename is no forgery the container could reveal.
            self.notes.append('%s: data-rename skipped (ASiC-S time-stamp: the token does not bind the name)'
                              % base.path)
            return []
        out = []
        for n in base.signed_files():
            d, _, f = n.rpartition('/')
            new = (d + '/' if d else '') + 'renamed-' + f
            while new in base.data:
                new = (d + '/' if d else '') + 'renamed-' + new.rpartition('/')[2]
            out.append(Mut('%s renamed to %s in the zip (manifest untouched)' % (n, new), rename={n: new}))
        return out

    # ---- per base

    def candidates(self, base, kind):
        """List of Mut (or callables producing a list of Mut, for the openssl kinds)."""
        rng = random.Random('%s|%s|%s|values' % (self.args.seed, os.path.basename(base.path), kind))
        if kind == 'control':
            return [Mut('no change (zip rewritten through the pipeline)')]
        if kind == 'data-byte':
            return self.data_byte(base)
        if kind == 'data-add':
            return self.data_add(base)
        if kind == 'data-remove':
            return self.data_remove(base)
        if kind == 'data-rename':
            return self.data_rename(base)
        out = []
        for sig in base.sigs:
            if sig.si is None:
                continue
            if kind == 'si-attr':
                out += self.attr_muts(base, sig, sig.si, rng)
            elif kind == 'si-text':
                out += self.si_text(base, sig, rng)
            elif kind == 'si-delete':
                out += self.deletes(sig, sig.si)
            elif kind in ('sp-attr', 'sp-text', 'sp-delete') and sig.sp is not None:
                if kind == 'sp-attr':
                    muts = self.attr_muts(base, sig, sig.sp, rng)
                elif kind == 'sp-text':
                    muts = self.si_text(base, sig, rng, top=sig.sp)
                else:
                    muts = self.deletes(sig, sig.sp)
                for m in muts:
                    if '/SignaturePolicyIdentifier' in m.detail:
                        m.extra = EXTRA_IN_POLICY
                out += muts
            elif kind == 'sigvalue':
                out += self.sigvalue(base, sig, rng)
            elif kind == 'keyinfo-cert':
                out += self.keyinfo(base, sig, rng)
            elif kind in ('swap-si', 'swap-method'):
                sw = self.first_swap(base, sig)
                if sw is None:
                    continue
                if kind == 'swap-method':
                    changes = self.swap_methods(base, sig)
                else:
                    changes = (self.attr_muts(base, sig, sig.si, rng) + self.si_text(base, sig, rng)
                               + self.deletes(sig, sig.si))
                for c in changes:
                    m = self.combine(sw, c)
                    if m is not None:
                        out.append(m)
            elif kind == 'ocsp-by-ordinary-cert':
                out.append(lambda b=base, s=sig, r=rng: self.ocsp(b, s, r))
            elif kind == 'tst-by-ordinary-cert':
                out.append(lambda b=base, s=sig, r=rng: self.tst(b, s, r))
            elif kind in UP_KINDS and sig.usp is not None:
                if kind == 'up-remove':
                    out += self.up_remove(sig)
                elif kind == 'up-duplicate':
                    out += self.up_duplicate(sig)
                elif kind == 'up-reorder':
                    out += self.up_reorder(sig)
                else:
                    out += self.up_foreign(base, sig, rng)
        if kind == 'swap':
            for n in base.signed_files():
                m = self.swap(base, n)
                if m:
                    out.append(m)
        return out

    def expand(self, base, kind, cands):
        out = []
        for c in cands:
            if callable(c):
                try:
                    out += c()
                except (RuntimeError, ValueError, IndexError, OSError) as e:
                    self.notes.append('%s: %s failed: %s' % (base.path, kind, e))
            else:
                out.append(c)
        return out

# ------------------------------------------------------------------------------- zip writing


class _ZipInfo(zipfile.ZipInfo):
    __slots__ = ('utf8',)

    def _encodeFilenameFlags(self):
        name, flags = super()._encodeFilenameFlags()
        return name, flags | (0x800 if getattr(self, 'utf8', False) else 0)


class _KeptZero(int):
    """0 that zipfile will not replace with its default 0o600 permissions (it tests truthiness)."""

    def __bool__(self):
        return True


def strip_zip64(extra):
    out, i = b'', 0
    while i + 4 <= len(extra):
        hid = int.from_bytes(extra[i:i + 2], 'little')
        n = int.from_bytes(extra[i + 2:i + 4], 'little')
        if hid != 0x0001:
            out += extra[i:i + 4 + n]
        i += 4 + n
    return out


def clone_info(info, name):
    z = _ZipInfo(name, date_time=info.date_time)
    z.compress_type = info.compress_type
    z.comment = info.comment
    z.extra = strip_zip64(info.extra)
    z.create_system = info.create_system
    z.create_version = info.create_version
    z.extract_version = info.extract_version
    z.external_attr = info.external_attr or _KeptZero(0)
    z.internal_attr = info.internal_attr
    z.utf8 = bool(info.flag_bits & 0x800)
    return z


def build_entries(base, mut):
    infos = {i.filename: i for i in base.infos}
    entries = []
    for info in base.infos:
        n = info.filename
        if n in mut.remove:
            continue
        data = base.data[n]
        if n in mut.xml:
            data = apply_edits(data, mut.xml[n])
        if n in mut.files:
            data = mut.files[n]
        entries.append((clone_info(info, mut.rename.get(n, n)), data))
    for name, data, tmpl in mut.add:
        entries.append((clone_info(infos[tmpl], name), data))
    return entries


def write_zip(path, base, entries):
    with zipfile.ZipFile(path, 'w') as zf:
        for zi, data in entries:
            zf.writestr(zi, data)
        zf.comment = base.comment

# ------------------------------------------------------------------------------- main


def main(argv=None):
    ap = argparse.ArgumentParser(description='Write tampered variants of valid signed containers.')
    ap.add_argument('--out', required=True, help='output folder (created)')
    ap.add_argument('--per-kind', type=int, default=0, help='at most N mutants per (base, kind); 0 = all')
    ap.add_argument('--seed', default='1', help='sampling seed (default 1)')
    ap.add_argument('--pki', help='the test PKI folder (enables the *-by-ordinary-cert kinds)')
    ap.add_argument('--kinds', help='comma-separated kinds to write (default: all)')
    ap.add_argument('bases', nargs='+', metavar='BASE')
    args = ap.parse_args(argv)
    only = set(args.kinds.split(',')) if args.kinds else None
    if only and not only <= set(KINDS):
        ap.error('unknown kinds: %s' % ', '.join(sorted(only - set(KINDS))))
    if args.per_kind < 0:
        ap.error('--per-kind must be >= 0')
    if args.pki:
        need = ('issuing.pem', 'signer-p256.pem', 'signer-p256.key')
        missing = [n for n in need if not os.path.isfile(os.path.join(args.pki, n))]
        if missing:
            ap.error('--pki %s lacks %s' % (args.pki, ', '.join(missing)))
        if shutil.which('openssl') is None:
            ap.error('--pki needs the openssl command')
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        ap.error('--out %s exists and is not a folder' % args.out)
    t0 = time.time()
    paths = []
    for p in args.bases:
        if not os.path.isfile(p):
            ap.error('no such file: %s' % p)
        if p not in paths:
            paths.append(p)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        bases = [Base(p) for p in paths]
    os.makedirs(args.out, exist_ok=True)
    old_tsv = os.path.join(args.out, 'MUTANTS.tsv')
    if os.path.isfile(old_tsv):  # mutants of an earlier run, so that DIR matches the new TSV
        with open(old_tsv, encoding='utf-8') as f:
            for line in f.read().splitlines()[1:]:
                old = line.split('\t', 1)[0]
                if '__' in old and '/' not in old and os.path.isfile(os.path.join(args.out, old)):
                    os.remove(os.path.join(args.out, old))
    gen = Generator(args, bases)
    counts = {k: 0 for k in KINDS}
    rows = []
    stems = {}
    try:
        for base in bases:
            fname = os.path.basename(base.path)
            stem, dot, ext = fname.rpartition('.')
            if not dot:
                stem, ext = fname, 'zip'
            key = stem
            k = 2
            while key in stems.values():
                key = '%s~%d' % (stem, k)
                k += 1
            stems[base.path] = key
            for kind, (expected, sampled, needs_pki, _) in KINDS.items():
                if only and kind not in only:
                    continue
                if needs_pki and not args.pki:
                    continue
                if base.timestamp_only and kind not in DATA_KINDS and kind != 'control':
                    continue
                cands = gen.candidates(base, kind)
                if not cands:
                    continue
                if sampled and args.per_kind and len(cands) > args.per_kind:
                    pick = random.Random('%s|%s|%s' % (args.seed, os.path.basename(base.path), kind)).sample(
                        range(len(cands)), args.per_kind)
                    cands = [cands[i] for i in sorted(pick)]
                muts = gen.expand(base, kind, cands)
                for n, mut in enumerate(muts, 1):
                    out_name = '%s__%s__%d.%s' % (key, kind, n, ext)
                    entries = build_entries(base, mut)
                    for zi, data in entries:
                        if mut.xml.get(zi.filename) and not well_formed(data):
                            raise SystemExit('tamper: internal error: %s %s made %s ill-formed'
                                             % (base.path, mut.detail, zi.filename))
                    if kind != 'control' and all(data == base.data.get(zi.filename) for zi, data in entries) \
                            and len(entries) == len(base.infos):
                        gen.notes.append('%s: %s no-op skipped: %s' % (base.path, kind, mut.detail))
                        continue
                    write_zip(os.path.join(args.out, out_name), base, entries)
                    if kind == 'control':
                        with zipfile.ZipFile(os.path.join(args.out, out_name)) as zf:
                            if [i.filename for i in zf.infolist()] != [i.filename for i in base.infos] or \
                                    any(zf.read(i.filename) != base.data[i.filename] for i in base.infos):
                                raise SystemExit('tamper: internal error: control of %s differs' % base.path)
                    detail = re.sub(r'[\t\r\n]+', ' ', mut.detail)
                    exp = expected + (',' + mut.extra if mut.extra else '')
                    rows.append((out_name, base.path, kind, detail, exp))
                    counts[kind] += 1
    finally:
        shutil.rmtree(gen.tmp, ignore_errors=True)
    with open(os.path.join(args.out, 'MUTANTS.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('file\tbase\tkind\tdetail\texpected\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')
    for n in gen.notes:
        print('tamper: note: ' + n, file=sys.stderr)
    print('tamper: %d mutants from %d bases in %.1fs: %s' % (
        len(rows), len(bases), time.time() - t0,
        ' '.join('%s=%d' % (k, v) for k, v in counts.items() if v or not KINDS[k][2] or args.pki)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
