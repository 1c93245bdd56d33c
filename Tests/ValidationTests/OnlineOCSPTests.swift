import Findings
import Foundation
import PKI
import ServiceClients
import TestSupport
import Testing
import Trust
@testable import Validation

/// Online revocation against a real `openssl ocsp` behind an HTTP server on 127.0.0.1 started
/// by the test: good, revoked, unknown, wrong signer, replayed nonce, timeout, HTTP 500, garbage.
@Suite("Online OCSP", .serialized)
struct OnlineOCSPTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI()
    }

    /// Fetches for `name` from `server` and judges the answer like an embedded response.
    func check(_ name: String, server: LocalHTTPServer, timeout: Double = 5) throws -> (OCSPFetcher.Outcome, RevocationEvidence?) {
        let signer = try pki.certificate(name), issuer = try pki.certificate("ca")
        let outcome = OCSPFetcher(responderURL: server.base + "/ocsp", timeout: timeout).fetch(for: signer, issuer: issuer, label: "S0")
        guard case let .response(der) = outcome else { return (outcome, nil) }
        let evidence = RevocationValidator(store: pki.anchoredStore).examine(der, signer: signer, issuer: issuer, pool: [], signatureValue: nil,
                                                                timeMark: false, fetched: true, label: "S0")
        return (outcome, evidence)
    }

    @Test func goodRevokedAndUnknown() throws {
        let server = try pki.responder("ocsp")
        let (_, good) = try check("good", server: server)
        #expect(good?.status?.status == .good)
        #expect(good?.isAcceptable == true)
        #expect(good?.trustedBy == "anchor: ca.pem")
        let (_, revoked) = try check("revoked", server: server)
        guard case let .revoked(time, reason)? = revoked?.status?.status else {
            Issue.record("expected revoked, got \(String(describing: revoked?.status))")
            return
        }
        #expect(time == ISOTime.parse("2024-01-01T00:00:00Z"))
        #expect(reason == 1)
        let (_, unknown) = try check("unknown", server: server)
        #expect(unknown?.status?.status == .unknown)
    }

    @Test func aSignerCertificateCannotActAsResponder() throws {
        // Under the anchor, only a certificate with id-kp-OCSPSigning may answer.
        let signer = try pki.certificate("good")
        let validation = pki.anchoredStore.validate(signer, pool: [], purpose: .revocation, at: Int64(Date().timeIntervalSince1970))
        #expect(!validation.isTrusted)
    }

    @Test func aResponderOfAnotherCAIsNotTrusted() throws {
        let server = try pki.responder("ocsp", signer: "rogue-responder")
        let (_, evidence) = try check("good", server: server)
        #expect(evidence?.responderSigned == true)
        #expect(evidence?.responderTrusted == false)
        #expect(evidence?.isAcceptable == false)
    }

    @Test func aReplayedResponseFailsTheNonceCheck() throws {
        let server = try pki.responder("replay")
        let (first, _) = try check("good", server: server)
        guard case .response = first else { Issue.record("first request failed: \(first)"); return }
        let (second, _) = try check("good", server: server)
        guard case let .failure(finding) = second else { Issue.record("a replayed response was accepted"); return }
        #expect(finding.key == "ocsp.fetch.nonce-mismatch")
    }

    /// A responder that labels its answer as something else is refused with the reason.
    @Test func aWrongContentTypeIsRefused() throws {
        let server = try pki.responder("wrongtype")
        let (outcome, _) = try check("good", server: server)
        guard case let .failure(finding) = outcome else { Issue.record("accepted: \(outcome)"); return }
        #expect(finding.key == "ocsp.fetch.content-type")
    }

    @Test(arguments: ["status500", "garbage"])
    func brokenRespondersAreReported(mode: String) throws {
        let server = try pki.responder(mode)
        let (outcome, _) = try check("good", server: server)
        guard case let .failure(finding) = outcome else { Issue.record("accepted a broken response"); return }
        #expect(finding.key == (mode == "status500" ? "ocsp.fetch.http" : "ocsp.fetch.garbage"))
    }

    @Test func aSlowResponderTimesOutAndADeadOneIsReported() throws {
        let slow = try pki.responder("slow")
        let started = Date()
        let (outcome, _) = try check("good", server: slow, timeout: 1)
        #expect(Date().timeIntervalSince(started) < 4)
        guard case let .failure(finding) = outcome else { Issue.record("no timeout"); return }
        #expect(finding.key == "ocsp.fetch.timeout")
        let signer = try pki.certificate("good"), issuer = try pki.certificate("ca")
        let dead = OCSPFetcher(responderURL: "http://127.0.0.1:\(closedPort())/", timeout: 2).fetch(for: signer, issuer: issuer, label: "S0")
        guard case let .failure(refused) = dead else { Issue.record("no error for a dead responder"); return }
        #expect(refused.key == "ocsp.fetch.connect")
    }

    @Test func aBLevelSignatureGetsItsRevocationOnline() throws {
        var options = SignedFixture.Options()
        options.signerKey = pki.path("good.key")
        options.signerCertificate = pki.path("good.pem")
        let fixture = try SignedFixture.make(.p256, options)
        let server = try pki.responder("ocsp")
        var policy = ValidationPolicy.dssDefault
        policy.levels["BBB_SAV_ASCCM"] = .ignore
        let validator = Validator(policy: policy, store: pki.anchoredStore, fetcher: OCSPFetcher(responderURL: server.base, timeout: 5))
        let result = validator.validate(path: fixture.container)
        let signature = try #require(result.signatures.first)
        #expect(signature.indication == .totalPassed, "\(signature.findings.map(\.message))")
        #expect(signature.context.revocation.contains { $0.fetched && $0.isAcceptable })
        let offline = Validator(policy: policy, store: pki.anchoredStore).validate(path: fixture.container)
        #expect(offline.signatures.first?.subIndication == .certificateChainGeneralFailure)
    }

    /// Whoever makes a container writes its certificates' OCSP and CRL addresses: a signer whose
    /// chain reaches no trust anchor gets no request sent anywhere (no SSRF through a validation
    /// service, no tracker called by a validator); the same signer, anchored, does.
    @Test func anUntrustedSignerMakesNoRequest() throws {
        var options = SignedFixture.Options()
        options.signerKey = pki.path("good.key")
        options.signerCertificate = pki.path("good.pem")
        // The issuing CA rides along in KeyInfo, as an attacker's own CA would.
        options.keyInfoCertificates = [pki.path("ca.pem")]
        let fixture = try SignedFixture.make(.p256, options)
        let log = try scratchFolder() + "/requests"
        try write("", to: log)
        let script = """
        import http.server, sys
        class H(http.server.BaseHTTPRequestHandler):
            def answer(self):
                open(sys.argv[2], 'a').write(self.command + ' ' + self.path + '\\n')
                self.send_response(500); self.end_headers()
            do_GET = do_POST = answer
            def log_message(self, *a): pass
        http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
        """
        let server = try LocalHTTPServer(.script(script, [log]))
        let fetcher = OCSPFetcher(responderURL: server.base + "/ocsp", timeout: 5)
        let untrusted = Validator(policy: .dssDefault, store: .empty, fetcher: fetcher).validate(path: fixture.container)
        #expect(untrusted.signatures.first?.indication != .totalPassed)
        // (The one GET / is the harness asking whether the server is up.)
        let requests = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!requests.contains("POST"), "a request left for an untrusted signer: \(requests)")
        _ = Validator(policy: .dssDefault, store: pki.anchoredStore, fetcher: fetcher).validate(path: fixture.container)
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("POST /ocsp"), "the anchored signer's status was not asked")
    }
}

/// A stale embedded "good" must not stand in for the status at the time that matters: without a
/// time-stamp that time is now, so an OCSP response older than the policy's revocation-max-age is
/// not fresh (BBB_RFC_IRIF) and the validator asks the responder again.
@Suite("Revocation freshness")
struct RevocationFreshnessTests {
    /// `lt-p256.asice` with its signature time-stamp removed: a B-level signature carrying the
    /// OCSP response taken when the vector was made.
    static func withoutTimestamp() throws -> String {
        let dir = try scratchFolder()
        let out = dir + "/b-with-ocsp.asice"
        let script = """
        import re, sys, zipfile
        src, dst = sys.argv[1], sys.argv[2]
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w') as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename.startswith('META-INF/signatures'):
                    data = re.sub(rb'<xades:SignatureTimeStamp.*?</xades:SignatureTimeStamp>', b'', data, flags=re.S)
                zout.writestr(info, data, compress_type=info.compress_type)
        """
        _ = try tool(["python3", "-c", script, OwnVectors.root + "/containers/lt-p256.asice", out])
        return out
    }

    @Test func aStaleEmbeddedResponseIsRefetchedAndAFreshOneIsNot() throws {
        let path = try Self.withoutTimestamp()
        let store = try OwnVectorTests.store()
        // A dead responder: the attempt itself is what this test looks for.
        let fetcher = OCSPFetcher(responderURL: "http://127.0.0.1:9/ocsp", timeout: 2)
        var strict = ValidationPolicy.dssDefault
        strict.revocationMaxAge = 0
        Thread.sleep(forTimeInterval: 1.1)
        let stale = try #require(Validator(policy: strict, store: store, fetcher: fetcher).validate(path: path).signatures.first)
        #expect(stale.context.revocation.contains { $0.fetched }, "no online attempt for a stale response")
        #expect(stale.indication == .indeterminate)
        #expect(stale.decision?.constraint.key == "BBB_RFC_IRIF")

        let lenient = try #require(Validator(policy: .dssDefault, store: store, fetcher: fetcher).validate(path: path).signatures.first)
        let age = now - (lenient.context.revocationAnswer?.status?.thisUpdate ?? 0)
        if age < ValidationPolicy.dssDefault.revocationMaxAge {
            #expect(!lenient.context.revocation.contains { $0.fetched }, "a fresh response was refetched")
            #expect(lenient.indication == .totalPassed, "\(lenient.decision?.constraint.message ?? "")")
        } else {
            // Vectors older than a day: the embedded answer is stale for "now" as well.
            #expect(lenient.context.revocation.contains { $0.fetched })
            #expect(lenient.indication == .indeterminate)
        }
    }
}
