import Foundation
import PKI
import Trust

/// A throwaway PKI made with the openssl CLI in the test: a CA, signers (good, revoked, unknown
/// to the responder), a CA-delegated OCSP responder, and a rogue CA with its own responder;
/// plus the `index.txt` that `openssl ocsp` answers from.
public struct TestPKI {
    public let dir: String
    /// Its CA as the only trust anchor (set once the CA exists).
    public private(set) var anchoredStore = TrustStore(services: [], anchors: [])

    public init() throws {
        dir = try scratchFolder()
        try write("""
        [ca]
        basicConstraints = critical,CA:true
        keyUsage = critical,keyCertSign,cRLSign
        [signer]
        basicConstraints = CA:false
        keyUsage = critical,nonRepudiation
        [tsa]
        basicConstraints = CA:false
        keyUsage = critical,digitalSignature
        extendedKeyUsage = critical,timeStamping
        [responder]
        basicConstraints = CA:false
        keyUsage = critical,digitalSignature
        extendedKeyUsage = OCSPSigning
        """, to: dir + "/ext.cnf")
        try makeCA("ca", "Test CA")
        try makeCA("rogue-ca", "Rogue CA")
        anchoredStore = TrustStore(services: [], anchors: try TrustAnchors.load(path("ca.pem")))
        try issue("good", by: "ca", serial: "1001", extensions: "signer")
        try issue("revoked", by: "ca", serial: "1002", extensions: "signer")
        try issue("unknown", by: "ca", serial: "1003", extensions: "signer")
        try issue("responder", by: "ca", serial: "2001", extensions: "responder")
        try issue("rogue-responder", by: "rogue-ca", serial: "2002", extensions: "responder")
        try issue("tsa", by: "ca", serial: "3001", extensions: "tsa")
        try write("""
        [tsa]
        default_tsa = tsa1
        [tsa1]
        dir = \(dir)
        serial = \(dir)/tsaserial
        crypto_device = builtin
        signer_cert = \(dir)/tsa.pem
        signer_key = \(dir)/tsa.key
        signer_digest = sha256
        default_policy = 1.2.3.4.1
        digests = sha256, sha384, sha512
        accuracy = secs:1
        ordering = no
        tsa_name = yes
        ess_cert_id_chain = no
        ess_cert_id_alg = sha256
        """, to: dir + "/tsa.cnf")
        try write("01\n", to: dir + "/tsaserial")
        let expiry = "351231235959Z"
        try write("""
        V\t\(expiry)\t\t1001\tunknown\t/CN=good
        R\t\(expiry)\t240101000000Z,keyCompromise\t1002\tunknown\t/CN=revoked

        """, to: dir + "/index.txt")
        try write("unique_subject = no\n", to: dir + "/index.txt.attr")
    }

    public func path(_ name: String) -> String { dir + "/" + name }

    /// Its certificate `name` (`good`, `ca`, `responder` …).
    public func certificate(_ name: String) throws -> Certificate { try firstCertificate(path(name + ".pem")) }

    /// An RFC 3161 token (DER) over the bytes of `file`, from `openssl ts` as this PKI's TSA.
    public func timestamp(_ file: String) throws -> [UInt8] {
        let query = file + ".tsq", token = file + ".tst"
        try tool(["openssl", "ts", "-query", "-data", file, "-sha256", "-cert", "-no_nonce", "-out", query])
        try tool(["openssl", "ts", "-reply", "-config", path("tsa.cnf"), "-queryfile", query, "-token_out", "-out", token])
        return Array(try Data(contentsOf: URL(fileURLWithPath: token)))
    }

    private func makeCA(_ name: String, _ cn: String) throws {
        try tool(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                  "-keyout", path(name + ".key"), "-out", path(name + ".pem"), "-subj", "/CN=\(cn)", "-days", "7300",
                  "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    private func issue(_ name: String, by ca: String, serial: String, extensions: String) throws {
        try tool(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                  "-keyout", path(name + ".key"), "-out", path(name + ".csr"), "-subj", "/CN=\(name)"])
        try tool(["openssl", "x509", "-req", "-in", path(name + ".csr"), "-CA", path(ca + ".pem"), "-CAkey", path(ca + ".key"),
                  "-set_serial", "0x" + serial, "-days", "3650", "-extfile", path("ext.cnf"), "-extensions", extensions,
                  "-out", path(name + ".pem")])
    }

    /// An HTTP OCSP responder on 127.0.0.1: `openssl ocsp` answers each POSTed request from
    /// `index.txt`, signed by `signer` (`responder` or `rogue-responder`); other modes misbehave
    /// on purpose: `status500`, `garbage`, `slow`, `replay` (always the first answer it gave).
    /// `tsa` answers time-stamp requests with `openssl ts`; `tsa-once` answers one, then HTTP 500.
    public func responder(_ mode: String, signer: String = "responder", ca: String = "ca") throws -> LocalHTTPServer {
        let script = """
        import http.server, sys, subprocess, os, time, threading
        port, mode, work, signer, ca = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
        lock = threading.Lock()
        class H(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                try:
                    self.answer()
                except subprocess.CalledProcessError as error:
                    # Say why instead of closing the connection: the test then shows openssl's complaint.
                    message = (error.stderr or b'')[:300]
                    self.send_response(500, message.decode(errors='replace').replace('\\n', ' '))
                    self.end_headers()
            def answer(self):
                body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                if mode == 'slow':
                    time.sleep(5)
                if mode == 'status500' or (mode == 'tsa-once' and os.path.exists(os.path.join(work, 'tsa-used'))):
                    self.send_response(500); self.end_headers(); return
                if mode == 'garbage':
                    out = b'this is not an OCSP response'
                elif mode in ('tsa', 'tsa-once'):
                    with lock:
                        open(os.path.join(work, 'tsa-used'), 'w').close() if mode == 'tsa-once' else None
                        req, resp = os.path.join(work, 'tsq.der'), os.path.join(work, 'tsr.der')
                        open(req, 'wb').write(body)
                        subprocess.run(['openssl', 'ts', '-reply', '-config', os.path.join(work, 'tsa.cnf'), '-queryfile', req, '-out', resp],
                                       check=True, capture_output=True)
                        out = open(resp, 'rb').read()
                else:
                    with lock:
                        replay = os.path.join(work, 'replay.der')
                        if mode == 'replay' and os.path.exists(replay):
                            out = open(replay, 'rb').read()
                        else:
                            req, resp = os.path.join(work, 'req.der'), os.path.join(work, 'resp.der')
                            open(req, 'wb').write(body)
                            subprocess.run(['openssl', 'ocsp', '-index', os.path.join(work, 'index.txt'), '-CA', os.path.join(work, ca + '.pem'),
                                            '-rsigner', os.path.join(work, signer + '.pem'), '-rkey', os.path.join(work, signer + '.key'),
                                            '-reqin', req, '-respout', resp], check=True, capture_output=True)
                            out = open(resp, 'rb').read()
                            if mode == 'replay':
                                open(replay, 'wb').write(out)
                self.send_response(200); self.send_header('Content-Type', 'text/html' if mode == 'wrongtype' else 'application/ocsp-response')
                self.send_header('Content-Length', str(len(out))); self.end_headers(); self.wfile.write(out)
            def log_message(self, *a): pass
        http.server.ThreadingHTTPServer(('127.0.0.1', port), H).serve_forever()
        """
        return try LocalHTTPServer(.script(script, [mode, dir, signer, ca]))
    }
}
