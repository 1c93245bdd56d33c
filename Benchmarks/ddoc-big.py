#!/usr/bin/env python3
"""Writes a signed DIGIDOC-XML 1.3 file of about SIZE MiB (default 1024) with the own DDOC test PKI
(TestVectors/pki/ddoc), for the bounded-memory benchmark: one EMBEDDED_BASE64 DataFile of random
content, one signature with its time-mark, made by TestVectors/ddoc_generate.py's own functions.
    Benchmarks/ddoc-big.py OUT [SIZE_MIB]"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'TestVectors'))
sys.argv, args = [sys.argv[0], '--reuse-pki'], sys.argv[1:]
import ddoc_generate as g

out = args[0]
size = int(args[1]) if len(args) > 1 else 1024
content = os.urandom(size * 3 // 4 * (1 << 20))  # base64 grows it by 4/3 (plus line ends)
pki = g.load_pki()
data = g.ddoc('1.3', [g.DataFile('D0', 'archive.bin', 'application/octet-stream', content)], [g.Sig()], pki)
with open(out, 'wb') as f:
    f.write(data)
print('ddoc-big: %s, %.0f MiB' % (out, len(data) / (1 << 20)))
