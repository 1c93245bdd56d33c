#!/usr/bin/env python3
"""Cross-checks the signatures in containers/ with two independent implementations:

    python3 TestVectors/crosscheck_peers.py                # xmlsec1 only (the default)
    python3 TestVectors/crosscheck_peers.py --pydigidoc    # libdigidocpp 4.3 (PyPI pydigidoc) only
    python3 TestVectors/crosscheck_peers.py --xmlsec1 --pydigidoc [-v] [--keep] [CONTAINER ...]

xmlsec1 (1.2.37): every ASiC-E/BDOC row of containers/MANIFEST.tsv whose `crypto` column is `ok`
is unzipped to a temporary folder, and each META-INF/*signatures*.xml is verified with
`xmlsec1 --verify --pubkey-cert-pem <signer cert from ds:X509Certificate> --url-map:<file> <path> ...
--id-attr:Id <XAdES>:SignedProperties`. That checks the data-file digests, the SignedProperties
digest and SignatureValue, nothing else (no chain, no XAdES semantics). The url-map keys are the
percent-DECODED Reference URIs (`annex v2.csv` for URI `annex%20v2.csv`): xmlsec1 decodes the URI
before looking it up, so an encoded key never matches. xmlsec1 runs in an empty working folder so
that an unmapped URI cannot resolve by accident. RSA-PSS (`…-rsa-MGF1`) is unknown to xmlsec1
1.2.37 and is reported as skipped. Rows whose `crypto` is hash-failure or sig-failure are checked too,
as negative controls that must FAIL.

pydigidoc (libdigidocpp 4.3 with its own xmlsec/OpenSSL): a throw-away venv gets the wheel
(--wheel, default below; `pip install pydigidoc==0.0.4` from PyPI when that file is absent), and this
script re-runs itself inside it as a worker. The worker trusts only our test PKI, offline:
  * its config/cache folder holds the wheel's XSDs, pki/tsl/lotl.xml and the national list that the
    LOTL points to. libdigidocpp 4.3 looks the cached lists up by name: the LOTL by the last segment
    of the TSL URL (`lotl.xml`, hence https://asic.invalid/tsl/lotl.xml) and each pointed list as
    `<SchemeTerritory>.xml` (so pki/tsl/ZZ_T.xml is stored as ZZ.xml; a pointer with no such file
    is silently dropped);
  * set_tslcert(DER of pki/tslsigner.pem), set_ocsptmprofiles([TM OID of pki/responder.pem]);
  * tsl.autoupdate / tsl.onlineDigest cannot be switched off from here: DigiDocConf reads only
    <build prefix>/etc/digidocpp/digidocpp.conf and ~/.digidocpp/digidocpp.conf (home taken from
    getpwuid, not $HOME), and its setters write that user file. A digidocpp.conf next to the lists
    is ignored. Neither setting is consulted while the cached lists are validly signed, unexpired and
    copied fresh (mtime < 24 h), so the script reads the library log afterwards, and treats any
    connection attempt or an empty TSL certificate store as a setup failure.
Validated: every row expected `valid`, the ASiC-E negative controls above, or the CONTAINER paths
given (then rows not expected `valid` are only reported). libdigidocpp refuses some things by design
(B/T level, mimetype faults, …; see the shared docs/peers.md). Each signature's validate() result is
printed as OK or as its exception text.

Exit status: 0 when every peer agrees (positives verify, controls are rejected), 1 on any
disagreement, 2 when a peer cannot be set up. Needs python3's standard library and xmlsec1; the
pydigidoc part needs pip access to PyPI only when the wheel is not present locally.
"""
import argparse, base64, csv, glob, json, os, re, shutil, ssl, subprocess, sys, tempfile, zipfile
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, 'containers', 'MANIFEST.tsv')
PKI = os.path.join(HERE, 'pki')
WHEEL = '/tmp/pydl/pydigidoc-0.0.4-cp311-cp311-manylinux_2_28_x86_64.whl'
PYPI_REQUIREMENT = 'pydigidoc==0.0.4'
TSL_URL = 'https://asic.invalid/tsl/lotl.xml'  # last segment = cache file name of the LOTL
TM_PROFILES = ['1.3.6.1.4.1.10015.4.1.2']     # policy OID in pki/responder.pem
NEGATIVE_CRYPTO = ('hash-failure', 'sig-failure')

DS = '{http://www.w3.org/2000/09/xmldsig#}'
XADES = 'http://uri.etsi.org/01903/v1.3.2#'
TSL_NS = '{http://uri.etsi.org/02231/v2#}'
SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties'


# ---------------------------------------------------------------------------------- common

def manifest_rows():
    """MANIFEST.tsv as a list of dicts (path made absolute, under 'file')."""
    with open(MANIFEST, newline='') as f:
        rows = list(csv.DictReader(f, delimiter='\t'))
    for row in rows:
        row['file'] = os.path.join(HERE, row['path'])
        row['name'] = os.path.basename(row['path'])
    return rows


def is_asice(path):
    return path.endswith(('.asice', '.bdoc', '.sce'))


def rows_for(containers, default_filter):
    """Rows named on the command line (by path or file name), else those passing default_filter."""
    rows = manifest_rows()
    if not containers:
        return [r for r in rows if default_filter(r)]
    by_name = {r['name']: r for r in rows}
    picked = []
    for c in containers:
        row = by_name.get(os.path.basename(c))
        if row is None:  # not in the manifest: unknown expectation
            row = {'path': c, 'file': os.path.abspath(c), 'name': os.path.basename(c), 'expect': '?', 'crypto': '?'}
        picked.append(row)
    return picked


def safe_extract(container, dest):
    """Unzips container into dest, refusing absolute or dot-segment names."""
    with zipfile.ZipFile(container) as z:
        for info in z.infolist():
            parts = info.filename.split('/')
            if info.filename.startswith('/') or '\\' in info.filename or any(p in ('.', '..') for p in parts):
                raise ValueError('unsafe zip entry name %r' % info.filename)
            if info.is_dir():
                continue
            target = os.path.join(dest, *parts)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(info) as src, open(target, 'wb') as out:
                shutil.copyfileobj(src, out)
        return [i.filename for i in z.infolist() if not i.is_dir()]


def signature_files(names):
    """The entries libdigidocpp treats as signatures: META-INF/*signatures*.xml."""
    return sorted(n for n in names if n.startswith('META-INF/') and n.count('/') == 1
                  and 'signatures' in n and n.endswith('.xml'))


def print_table(title, header, rows):
    print('\n== %s' % title)
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header) - 1)]
    for r in [header] + rows:
        print('  '.join(str(c).ljust(w) for c, w in zip(r, widths)) + '  ' + str(r[-1]))


def summarize(peer, results):
    """results: dicts with 'role', 'verdict' (OK/FAIL/SKIP/ERROR) and 'agrees' (None: not judged)."""
    counts = {}
    for r in results:
        key = (r['role'], r['verdict'])
        counts[key] = counts.get(key, 0) + 1
    parts = ['%s %s: %d' % (role, verdict, n) for (role, verdict), n in sorted(counts.items())]
    disagreements = [r for r in results if r['agrees'] is False]
    print('%s summary: %s; disagreements with MANIFEST.tsv: %d' % (peer, ', '.join(parts) or 'nothing run', len(disagreements)))
    return len(disagreements)


# ---------------------------------------------------------------------------------- xmlsec1

def xmlsec1_reason(output):
    """A short reason from xmlsec1's stderr, leaving out the chain-building noise of x509vfy.c."""
    reasons = []
    for line in output.splitlines():
        m = re.match(r'func=(\w+):file=([\w.]+):.*?:error=\d+:([^:]*):(.*)$', line)
        if m and m.group(2) != 'x509vfy.c':
            text = (m.group(3) + ': ' + m.group(4)).strip(' :')
            if text not in reasons and 'xmlsec library function failed' not in text:
                reasons.append(text)
        elif line.startswith('Error:') and 'failed to verify file' not in line and line not in reasons:
            reasons.append(line)
    return '; '.join(reasons[:3]) or 'xmlsec1 failed'


def xmlsec1_signature(root, sigfile, workdir, verbose):
    """Verifies every ds:Signature in one extracted signatures*.xml; yields (id, verdict, detail)."""
    tree = ET.parse(os.path.join(root, sigfile))
    signatures = list(tree.getroot().iter(DS + 'Signature'))
    if not signatures:
        yield '-', 'ERROR', 'no ds:Signature in file'
    for sig in signatures:
        sig_id = sig.get('Id', '-')
        method = sig.find('%sSignedInfo/%sSignatureMethod' % (DS, DS)).get('Algorithm', '')
        if 'MGF1' in method:
            yield sig_id, 'SKIP', 'skipped: xmlsec1 lacks RSA-PSS (%s)' % method.rsplit('#', 1)[-1]
            continue
        cert = sig.find('%sKeyInfo/%sX509Data/%sX509Certificate' % (DS, DS, DS))
        if cert is None:
            yield sig_id, 'ERROR', 'no ds:X509Certificate in KeyInfo'
            continue
        pem = os.path.join(workdir, 'signer-%s.pem' % re.sub(r'\W', '_', sig_id))
        with open(pem, 'w') as f:
            f.write(ssl.DER_cert_to_PEM_cert(base64.b64decode(''.join(cert.text.split()))))
        args = ['xmlsec1', '--verify', '--pubkey-cert-pem', pem]
        for ref in sig.iter(DS + 'Reference'):
            uri = ref.get('URI', '')
            if ref.get('Type') == SIGNED_PROPERTIES_TYPE or uri.startswith('#') or not uri:
                continue
            name = unquote(uri)  # xmlsec1 looks the url-map up by the decoded URI
            args += ['--url-map:' + name, os.path.join(root, *name.split('/'))]
        args += ['--id-attr:Id', XADES + ':SignedProperties']
        if len(signatures) > 1:
            args += ['--node-id', sig_id]
        args.append(os.path.join(root, sigfile))
        empty = tempfile.mkdtemp(dir=workdir)  # cwd with nothing in it: unmapped URIs fail
        proc = subprocess.run(args, cwd=empty, capture_output=True, text=True)
        output = proc.stdout + proc.stderr
        refs = re.search(r'SignedInfo References \(ok/all\): (\d+/\d+)', output)
        refs = 'references %s' % refs.group(1) if refs else 'references ?'
        if verbose:
            print('$ ' + ' '.join("'%s'" % a if ' ' in a else a for a in args))
            print(output.rstrip())
        if proc.returncode == 0 and re.search(r'^OK$', output, re.M):
            yield sig_id, 'OK', refs
        else:
            yield sig_id, 'FAIL', '%s; %s' % (refs, xmlsec1_reason(output))


def run_xmlsec1(args, workdir):
    if shutil.which('xmlsec1') is None:
        print('xmlsec1: not installed', file=sys.stderr)
        return None
    version = subprocess.run(['xmlsec1', '--version'], capture_output=True, text=True).stdout.strip()
    rows = rows_for(args.containers, lambda r: is_asice(r['path']) and r['crypto'] in ('ok',) + NEGATIVE_CRYPTO)
    results = []
    for row in rows:
        role = 'control' if row['crypto'] in NEGATIVE_CRYPTO else 'crypto-ok'
        dest = tempfile.mkdtemp(prefix=row['name'] + '.', dir=workdir)
        try:
            names = safe_extract(row['file'], dest)
            files = signature_files(names)
            if not files:
                raise ValueError('no META-INF/*signatures*.xml')
            outcomes = [(f, sid, verdict, detail) for f in files
                        for sid, verdict, detail in xmlsec1_signature(dest, f, workdir, args.verbose)]
        except (OSError, ValueError, zipfile.BadZipFile, ET.ParseError) as e:
            outcomes = [('-', '-', 'ERROR', str(e))]
        for f, sid, verdict, detail in outcomes:
            agrees = None if verdict == 'SKIP' else (verdict == 'OK') == (role == 'crypto-ok')
            results.append(dict(container=row['name'], signature='%s %s' % (os.path.basename(f), sid),
                                role=role, verdict=verdict, detail=detail, agrees=agrees))
    print_table('xmlsec1 (%s): signature value + reference digests with the KeyInfo certificate' % version,
                ['container', 'signature', 'role', 'result', 'detail'],
                [[r['container'], r['signature'], r['role'], r['verdict'] + ('' if r['agrees'] in (None, True) else ' (!)'),
                  r['detail']] for r in results])
    return summarize('xmlsec1', results)


# ---------------------------------------------------------------------------------- pydigidoc

def tsl_pointers(lotl):
    """(SchemeTerritory, TSLLocation) of every pointer in a LOTL."""
    pointers = []
    for p in ET.parse(lotl).getroot().iter(TSL_NS + 'OtherTSLPointer'):
        territory = p.find('.//%sSchemeTerritory' % TSL_NS)
        location = p.find('%sTSLLocation' % TSL_NS)
        if territory is not None and location is not None:
            pointers.append((territory.text.strip(), location.text.strip()))
    return pointers


def prepare_config(folder, schema_dir):
    """Fills the libdigidocpp config/cache folder: XSDs, the LOTL, and each pointed list by territory."""
    os.makedirs(folder, exist_ok=True)
    for xsd in glob.glob(os.path.join(schema_dir, '*.xsd')):
        shutil.copy(xsd, folder)
    lotl = os.path.join(PKI, 'tsl', 'lotl.xml')
    shutil.copy(lotl, os.path.join(folder, os.path.basename(urlsplit(TSL_URL).path)))
    for territory, location in tsl_pointers(lotl):
        local = os.path.join(PKI, 'tsl', os.path.basename(urlsplit(location).path))
        if not os.path.exists(local):
            raise SystemExit('pydigidoc: LOTL points to %s, but %s is missing' % (location, local))
        shutil.copy(local, os.path.join(folder, territory + '.xml'))  # copy, not copy2: fresh mtime


def pydigidoc_worker(args):
    """Runs inside the venv: validates each container, prints one JSON line per signature."""
    import pydigidoc
    from pydigidoc import Conf, Container, DigiDocConf, StringVector
    folder = args.worker_config
    prepare_config(folder, os.path.join(os.path.dirname(pydigidoc.__file__), 'schema'))
    conf = DigiDocConf(folder)
    conf.set_log_level(4)
    conf.set_log_file(os.path.join(folder, 'digidocpp.log'))
    conf.set_tslurl(TSL_URL)
    with open(os.path.join(PKI, 'tslsigner.pem')) as f:
        conf.set_tslcert(ssl.PEM_cert_to_DER_cert(f.read()))
    conf.set_ocsptmprofiles(StringVector(TM_PROFILES))
    Conf.init(conf.transfer())
    pydigidoc.initialize_lib('asic-crosscheck', folder)
    print(json.dumps({'version': pydigidoc.version()}), flush=True)
    for path in args.containers:
        try:
            container = Container.open(path)
            signatures = list(container.signatures())
        except Exception as e:  # SWIG turns digidoc::Exception into RuntimeError
            print(json.dumps({'container': path, 'signature': '-', 'ok': False, 'detail': 'open: ' + str(e)}), flush=True)
            continue
        if not signatures:
            print(json.dumps({'container': path, 'signature': '-', 'ok': False, 'detail': 'no signatures'}), flush=True)
        for sig in signatures:
            label = '%s %s' % (sig.id(), sig.profile())
            try:
                sig.validate()
                print(json.dumps({'container': path, 'signature': label, 'ok': True, 'detail': ''}), flush=True)
            except Exception as e:
                print(json.dumps({'container': path, 'signature': label, 'ok': False, 'detail': str(e)}), flush=True)


def make_venv(workdir, wheel):
    """A venv with pydigidoc installed; returns its python."""
    venv = os.path.join(workdir, 'venv')
    subprocess.run([sys.executable, '-m', 'venv', venv], check=True)
    python = os.path.join(venv, 'bin', 'python')
    source = wheel if wheel and os.path.exists(wheel) else PYPI_REQUIREMENT
    print('pydigidoc: installing %s into %s' % (source, venv))
    proc = subprocess.run([python, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', source],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError('pip install %s failed:\n%s' % (source, proc.stderr[-2000:]))
    return python


def log_facts(log):
    """(TSL certificates loaded, network connection lines) from the libdigidocpp log."""
    text = open(log, errors='replace').read() if os.path.exists(log) else ''
    loaded = [int(n) for n in re.findall(r'Loaded (\d+) certificates into TSL certificate store', text)]
    network = [l for l in text.splitlines() if 'Connect.cpp' in l or 'Connecting to' in l]
    lists = sorted(set(re.findall(r'TSL (\S+) \(\d+\) signature is valid', text)))
    return loaded, network, lists


def run_pydigidoc(args, workdir):
    expected = lambda r: r['expect'] == 'valid' or (is_asice(r['path']) and r['crypto'] in NEGATIVE_CRYPTO)
    rows = rows_for(args.containers, expected)
    try:
        python = make_venv(workdir, args.wheel)
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print('pydigidoc: %s' % e, file=sys.stderr)
        return None
    config = os.path.join(workdir, 'digidocpp')
    cmd = [python, os.path.abspath(__file__), '--worker-config', config] + [r['file'] for r in rows]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        print('pydigidoc worker timed out (network access attempted?)', file=sys.stderr)
        return None
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith('{')]
    if proc.returncode != 0 or not lines:
        print('pydigidoc worker failed (%d):\n%s' % (proc.returncode, proc.stderr[-3000:]), file=sys.stderr)
        return None
    version = lines.pop(0).get('version', '?')
    by_file = {r['file']: r for r in rows}
    results = []
    for line in lines:
        row = by_file[line['container']]
        role = 'valid' if row['expect'] == 'valid' else 'control' if row['crypto'] in NEGATIVE_CRYPTO else 'expect ' + row['expect']
        verdict = 'OK' if line['ok'] else 'FAIL'
        agrees = None if role.startswith('expect') else (verdict == 'OK') == (role == 'valid')
        results.append(dict(container=row['name'], signature=line['signature'], role=role, verdict=verdict,
                            detail=' | '.join(s.strip() for s in line['detail'].splitlines() if s.strip()), agrees=agrees))
    loaded, network, lists = log_facts(os.path.join(config, 'digidocpp.log'))
    print_table('pydigidoc (libdigidocpp %s), test LOTL %s, TSL URL %s' % (version, ', '.join(lists) or 'NOT LOADED', TSL_URL),
                ['container', 'signature', 'role', 'result', 'detail'],
                [[r['container'], r['signature'], r['role'], r['verdict'] + ('' if r['agrees'] in (None, True) else ' (!)'),
                  r['detail']] for r in results])
    print('pydigidoc: TSL certificate store loads: %s; network connection attempts in the log: %d'
          % (loaded or 'none', len(network)))
    if args.verbose or network:
        print('\n'.join('  ' + l for l in network[:10]))
    if not loaded or min(loaded) == 0 or network:
        print('pydigidoc: the run was not offline against the test trust (see %s)' % config, file=sys.stderr)
        return None
    return summarize('pydigidoc', results)


# ---------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--xmlsec1', action='store_true', help='run the xmlsec1 check (default when no peer is chosen)')
    ap.add_argument('--pydigidoc', action='store_true', help='run the libdigidocpp check in a temporary venv')
    ap.add_argument('--wheel', default=WHEEL, help='pydigidoc wheel to install (else %s from PyPI)' % PYPI_REQUIREMENT)
    ap.add_argument('--keep', action='store_true', help='keep the temporary folder (venv, extracted files, log)')
    ap.add_argument('-v', '--verbose', action='store_true', help='print each xmlsec1 command and its output')
    ap.add_argument('--worker-config', help=argparse.SUPPRESS)  # internal: run as the pydigidoc worker
    ap.add_argument('containers', nargs='*', help='containers to check instead of the MANIFEST.tsv selection')
    args = ap.parse_args()
    if args.worker_config:
        return pydigidoc_worker(args)
    if not args.xmlsec1 and not args.pydigidoc:
        args.xmlsec1 = True
    workdir = tempfile.mkdtemp(prefix='asic-crosscheck.')
    status = 0
    try:
        for enabled, run in ((args.xmlsec1, run_xmlsec1), (args.pydigidoc, run_pydigidoc)):
            if enabled:
                disagreements = run(args, workdir)
                status = max(status, 2 if disagreements is None else 1 if disagreements else 0)
    finally:
        if args.keep:
            print('kept %s' % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return status


if __name__ == '__main__':
    sys.exit(main())
