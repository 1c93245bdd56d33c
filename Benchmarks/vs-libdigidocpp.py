#!/usr/bin/env python3
"""asic against libdigidocpp 4.3 (PyPI pydigidoc) on the same batch, in the same run: the `test-tl`
rows of the shared manifest, each listed REPEAT times (default 10), offline, with the shared test
TSL. asic runs as one process with --jobs 1 (and --jobs 2 for the scaling figure); pydigidoc runs
as one Python process validating every signature. Each figure is the median of RUNS runs (default
7; pydigidoc PEER_RUNS, default 3), interleaved. Prints the times, the crypto floor of the same
batch (crypto_floor.py: the unavoidable public-key verifications, timed by `openssl speed` in this
run) and the ratios; pydigidoc's clock starts after its lists are loaded and its first container
validated, so a second ratio takes asic's start (process, trust cache, first container: timed alone)
out of its batch as well.
    Benchmarks/vs-libdigidocpp.py [REPEAT]
pydigidoc is installed by pip into a venv under .build/bench (once)."""
import json, os, re, resource, shutil, statistics, subprocess, sys, time

import crypto_floor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VECTORS = os.path.realpath(os.environ.get('ASIC_SHARED_VECTORS', os.path.join(ROOT, '..', 'shared', 'vectors')))
TRUST = os.path.join(VECTORS, 'trust', 'test-tl')
WORK = os.path.join(ROOT, '.build', 'bench', 'vs-libdigidocpp')
ASIC = os.environ.get('ASIC_BINARY', os.path.join(ROOT, '.build', 'release', 'asic'))
TSL_URL = 'https://open-eid.github.io/test-TL/tl-mp-test-EE.xml'
TM_PROFILES = ['1.3.6.1.4.1.10015.4.1.2', '1.3.6.1.4.1.10015.3.1.1']
RUNS = int(os.environ.get('RUNS', '7'))
PEER_RUNS = int(os.environ.get('PEER_RUNS', '3'))

WORKER = r'''
import os, ssl, sys, time, glob, shutil
import pydigidoc
from pydigidoc import Conf, Container, DigiDocConf, StringVector
folder, trust, url = sys.argv[1:4]
files = open(sys.argv[4]).read().split('\n')
os.makedirs(folder, exist_ok=True)
for xsd in glob.glob(os.path.join(os.path.dirname(pydigidoc.__file__), 'schema', '*.xsd')):
    shutil.copy(xsd, folder)
# libdigidocpp looks cached lists up by file name: the LOTL URL's last segment, and for a national
# list its pointer's <SchemeTerritory>.xml (EE_T.xml in the test LOTL: under another name it is never
# read, and libdigidocpp trusts nothing). The configuration keeps it offline and on these files even
# once they are old (no download after the lists' next update, no online digest check).
shutil.copy(os.path.join(trust, 'tl-mp-test-EE.xml'), folder)
shutil.copy(os.path.join(trust, 'EE_T.xml'), folder)
with open(os.path.join(folder, 'digidocpp.conf'), 'w') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?><configuration>'
            '<param name="tsl.autoupdate" lock="false">false</param>'
            '<param name="tsl.onlineDigest" lock="false">false</param>'
            '<param name="tsl.cache" lock="false">' + folder + '</param></configuration>')
conf = DigiDocConf(folder)
conf.set_log_level(2)  # info: the trusted-list summary, without a debug line per call
conf.set_log_file(os.path.join(folder, 'digidocpp.log'))
conf.set_tslurl(url)
conf.set_tslcert(ssl.PEM_cert_to_DER_cert(open(os.path.join(trust, 'trusted-test-tsl.crt')).read()))
conf.set_ocsptmprofiles(StringVector(__TM__))
Conf.init(conf.transfer())
pydigidoc.initialize_lib('asic-bench', folder)
first = Container.open(files[0])  # the lists are loaded on first use: not part of the batch time
for signature in first.signatures():
    try:
        signature.validate()
    except Exception:
        pass
started = time.perf_counter()
outcomes = []  # (path, opened, valid signatures, signatures), printed after the clock stops
for path in files:
    valid = signatures = 0
    try:
        container = Container.open(path)  # kept: its signatures die with it
        for signature in container.signatures():
            signatures += 1
            try:
                signature.validate()
                valid += 1
            except Exception:
                pass
        outcomes.append((path, 1, valid, signatures))
    except Exception:
        outcomes.append((path, 0, 0, 0))
print(time.perf_counter() - started)
for outcome in outcomes:
    print('%s\t%d\t%d\t%d' % outcome)
'''.replace('__TM__', repr(TM_PROFILES))


def venv_python():
    venv = os.path.join(WORK, 'venv')
    python = os.path.join(venv, 'bin', 'python')
    if not os.path.exists(python):
        subprocess.run([sys.executable, '-m', 'venv', venv], check=True)
        subprocess.run([python, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'pydigidoc==0.0.4'], check=True)
    return python


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    rows = [line.split('\t') for line in open(os.path.join(VECTORS, 'MANIFEST.tsv')).read().splitlines()[1:]]
    files = [os.path.join(VECTORS, r[0]) for r in rows if len(r) > 4 and r[4] == 'test-tl']
    batch = os.path.join(WORK, 'batch')
    shutil.rmtree(batch, ignore_errors=True)
    os.makedirs(batch)
    listed = []
    for copy in range(repeat):
        for index, path in enumerate(files):
            link = os.path.join(batch, '%02d-%03d-%s' % (copy, index, os.path.basename(path)))
            os.symlink(path, link)
            listed.append(link)
    with open(os.path.join(WORK, 'files.txt'), 'w') as f:
        f.write('\n'.join(listed))
    trust = ['--offline', '--cache-dir', os.path.join(WORK, 'cache'), '--tsl', os.path.join(TRUST, 'tl-mp-test-EE.xml'),
             '--tsl-cert', os.path.join(TRUST, 'trusted-test-tsl.crt')]
    subprocess.run([ASIC, 'validate', '--quiet'] + trust + [files[0]])  # warm the trust cache
    cpu = {1: [], 2: []}
    def asic(jobs):
        # Wall time, and the CPU time the run used (user + system): a second job that adds work
        # (locks, shared caches) shows there, while a host that lends fewer cycles shows only in
        # the wall time.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([ASIC, 'validate', '--quiet', '--jobs', str(jobs)] + trust + listed)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[jobs].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return elapsed
    def start():
        # The process start, the trust (from its cache) and the first container: what pydigidoc
        # does before its clock starts (lists loaded, first container validated).
        started = time.perf_counter()
        subprocess.run([ASIC, 'validate', '--quiet', '--jobs', '1'] + trust + [listed[0]])
        return time.perf_counter() - started
    def pydigidoc():
        out = subprocess.run([python, '-c', WORKER, os.path.join(WORK, 'ddconf'), TRUST, TSL_URL, os.path.join(WORK, 'files.txt')],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit('pydigidoc failed: ' + out.stderr[-2000:])
        lines = out.stdout.splitlines()
        peer_outcomes[:] = [line.split('\t') for line in lines[1:]]
        return float(lines[0])
    # This host's speed swings by a fifth from one moment to the next: every figure is the median
    # of several runs, the runs of the three interleaved so that a slow moment hits all of them.
    python = venv_python()
    # A fresh configuration folder for each run of this script: what is measured is the recipe above,
    # not a leftover (its runs share it, as one deployment would).
    shutil.rmtree(os.path.join(WORK, 'ddconf'), ignore_errors=True)
    peer_outcomes = []
    runs = {'one': [], 'two': [], 'peer': [], 'start': []}
    for round in range(RUNS):
        runs['start'].append(start())
        runs['one'].append(asic(1))
        runs['two'].append(asic(2))
        if round < PEER_RUNS:
            runs['peer'].append(pydigidoc())
    one, two, peer, first = (statistics.median(runs[k]) for k in ('one', 'two', 'peer', 'start'))
    # Same trust: a libdigidocpp that loaded nothing from the test lists fails every chain at its
    # first step and skips the work a trusted chain costs, which once made it look faster. Its log
    # counts the trust services it loaded; a warning or error there means a list was not used.
    log = open(os.path.join(WORK, 'ddconf', 'digidocpp.log'), errors='replace').read()
    loaded = max([int(n) for n in re.findall(r'Loaded (\d+) certificates into TSL certificate store', log)] or [0])
    complaints = re.findall(r'Z [WE] \[.*', log)
    if loaded == 0 or complaints:
        sys.exit('vs-libdigidocpp: pydigidoc did not load the test lists (%d services; %s): it would not validate with the same trust'
                 % (loaded, (complaints or ['no complaint'])[0]))
    # Both validators on the first copy, file by file, over the containers both open.
    peer_first = {os.path.basename(p)[3:6]: (o == '1', int(v), int(n)) for p, o, v, n in peer_outcomes if os.path.basename(p).startswith('00-')}
    ours = [json.loads(line) for line in subprocess.run([ASIC, 'validate', '--format', 'json', '--jobs', '1'] + trust + listed[:len(files)],
                                                        capture_output=True, text=True).stdout.splitlines() if line.strip()]
    both = [(peer_first[os.path.basename(r['file'])[3:6]], r) for r in ours
            if r.get('processable') and peer_first.get(os.path.basename(r['file'])[3:6], (False,))[0]]
    peer_valid, peer_signatures = sum(p[1] for p, _ in both), sum(p[2] for p, _ in both)
    if peer_valid == 0:
        sys.exit('vs-libdigidocpp: pydigidoc found no valid signature: it would not validate with the same trust')
    spread = lambda k: '%.2f-%.2f s' % (min(runs[k]), max(runs[k]))
    n = len(listed)
    print('vs-libdigidocpp: %d containers (%d test-tl rows x %d); medians of %d runs (pydigidoc %d)' % (n, len(files), repeat, RUNS, PEER_RUNS))
    print('  asic --jobs 1   %.2f s (%.2f ms per container; runs %s)' % (one, one * 1000 / n, spread('one')))
    print('  asic --jobs 2   %.2f s (%.2fx the throughput of 1 job; runs %s)' % (two, one / two, spread('two')))
    print('  pydigidoc       %.2f s (%.2f ms per container; lists loaded before timing; runs %s)' % (peer, peer * 1000 / n, spread('peer')))
    print('  ratio           %.1fx faster with 1 job, %.1fx with 2' % (peer / one, peer / two))
    print('  same trust      pydigidoc loaded %d trust services from the test lists; on the %d containers both open, valid signatures: '
          'pydigidoc %d of %d, asic %d of %d (%d containers pydigidoc refuses)' % (
              loaded, len(both), peer_valid, peer_signatures, sum(r.get('validSignaturesCount') or 0 for _, r in both),
              sum(r.get('signaturesCount') or 0 for _, r in both), sum(1 for o, _, _ in peer_first.values() if not o)))
    # Both clocks alike: asic's batch less its start (process, trust, first container), per container.
    after = (one - first) / (n - 1)
    print('  after start-up  asic %.2f ms per container (start and first container %.1f ms); %.1fx faster with 1 job' % (
        after * 1000, first * 1000, peer / n / after))
    best = {k: min(v) for k, v in runs.items()}
    print('  best runs       asic %.2f s with 1 job, %.2f s with 2 (%.2fx); pydigidoc %.2f s: %.1fx with 1 job' % (
        best['one'], best['two'], best['one'] / best['two'], best['peer'], best['peer'] / best['one']))
    print('  CPU time        2 jobs used %.2fx the CPU time of 1 job (medians %.2f s and %.2f s)' % (
        statistics.median(cpu[2]) / statistics.median(cpu[1]), statistics.median(cpu[2]), statistics.median(cpu[1])))
    uncached, cached, tally, cost = crypto_floor.floor(listed)
    print('  crypto floor    %.3f ms per container uncached, %.3f ms cached (%s)' % (
        uncached * 1000 / n, cached * 1000 / n,
        ', '.join('%d %s at %.0f us' % (tally[k] // repeat, k, cost[k] * 1e6) for k in sorted(tally))))
    print('  over the floor  asic %.1fx, pydigidoc %.1fx the cached floor' % (one / cached, peer / cached))


main()
