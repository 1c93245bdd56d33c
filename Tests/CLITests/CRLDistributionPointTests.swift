import Foundation
import TestSupport
import Testing

/// A B-level signature whose certificate names only a CRL distribution point (no OCSP): `asic
/// validate` fetches the CRL from a python3 server on 127.0.0.1, uses the cached copy offline,
/// and refuses when the CRL lists the signer or cannot be obtained. The certificate is issued
/// by the test PKI's issuing CA (which the bundled test list names) for this test's server port.
@Suite("CRL distribution points")
struct CRLDistributionPointTests {
    static let pki = OwnVectors.root + "/pki/"
    let dir: String
    let served: String

    init() throws {
        dir = try scratchFolder()
        served = dir + "/served"
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
    }

    func openssl(_ arguments: [String]) throws {
        _ = try tool(["openssl"] + arguments)
    }

    /// A signer certificate naming `url` as its CRL distribution point, and its key.
    func signer(cdp url: String) throws -> (cert: String, key: String) {
        let key = dir + "/signer.key", csr = dir + "/signer.csr", cert = dir + "/signer.pem", ext = dir + "/ext.cnf"
        try write("basicConstraints = CA:false\nkeyUsage = critical, nonRepudiation\ncrlDistributionPoints = URI:\(url)\n", to: ext)
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key])
        try openssl(["req", "-new", "-key", key, "-subj", "/C=EE/CN=TESTER,CRL ONLY,30001010099", "-out", csr])
        try openssl(["x509", "-req", "-in", csr, "-CA", Self.pki + "issuing.pem", "-CAkey", Self.pki + "issuing.key",
                     "-set_serial", "0x7E57C4", "-days", "30", "-extfile", ext, "-out", cert])
        return (cert, key)
    }

    /// The issuing CA's CRL (DER) into the served folder, listing the signer when `revoked`.
    func publishCRL(revoked: Bool, cert: String) throws {
        let index = dir + "/index.txt"
        var line = ""
        if revoked {
            line = "R\t491231235959Z\t240101000000Z,keyCompromise\t7E57C4\tunknown\t/CN=x\n"
        }
        try write(line, to: index)
        try write("01\n", to: dir + "/crlnumber")
        try write("[ca]\ndefault_ca = this\n[this]\ndatabase = \(index)\ncrlnumber = \(dir)/crlnumber\ndefault_md = sha256\ndefault_crl_days = 7\n",
                  to: dir + "/ca.cnf")
        try openssl(["ca", "-gencrl", "-batch", "-config", dir + "/ca.cnf", "-cert", Self.pki + "issuing.pem", "-keyfile", Self.pki + "issuing.key",
                     "-out", dir + "/crl.pem"])
        try openssl(["crl", "-in", dir + "/crl.pem", "-outform", "DER", "-out", served + "/issuing.crl"])
    }

    func signedContainer(cert: String, key: String) throws -> String {
        try write("a contract\n", to: dir + "/contract.txt")
        let container = dir + "/c.asice"
        #expect(try CLI.run(["create", "--force", container, dir + "/contract.txt"]).status == 0)
        let signed = try CLI.run(["sign", container, "--key", key, "--cert", cert, "--chain", Self.pki + "issuing.pem", "--level", "B"])
        #expect(signed.status == 0, "\(signed.stderr)")
        return container
    }

    func validate(_ container: String, offline: Bool = false, cache: String) throws -> (status: Int32, json: [String: Any]) {
        var arguments = ["validate", "--format", "json", "--cache-dir", cache, "--tsl", Self.pki + "tsl/lotl.xml",
                         "--tsl-cert", Self.pki + "tslsigner.pem", "--timeout", "5"]
        if offline { arguments.append("--offline") }
        let result = try CLI.run(arguments + [container])
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (result.status, json)
    }

    static func revocation(_ json: [String: Any]) -> [[String: Any]] {
        ((json["signatures"] as? [[String: Any]])?.first?["revocation"] as? [[String: Any]]) ?? []
    }

    @Test func aGoodCRLIsFetchedThenReusedOffline() throws {
        // The TSL files are read beside the LOTL; only the CRL comes from the server.
        let server = try LocalHTTPServer(.files(served))
        let (cert, key) = try signer(cdp: server.base + "/issuing.crl")
        try publishCRL(revoked: false, cert: cert)
        let container = try signedContainer(cert: cert, key: key)
        let cache = dir + "/cache"
        let online = try validate(container, cache: cache)
        #expect(online.status == 0, "\(online.json)")
        let used = Self.revocation(online.json).first { $0["used"] as? Bool == true }
        #expect(used?["type"] as? String == "CRL" && used?["status"] as? String == "good" && used?["fetched"] as? Bool == true)
        // The server gone, offline: the cached CRL (nextUpdate in a week) still answers.
        try FileManager.default.removeItem(atPath: served + "/issuing.crl")
        let offline = try validate(container, offline: true, cache: cache)
        #expect(offline.status == 0, "\(offline.json)")
        _ = server
    }

    @Test func aCRLListingTheSignerRefusesIt() throws {
        let server = try LocalHTTPServer(.files(served))
        let (cert, key) = try signer(cdp: server.base + "/issuing.crl")
        try publishCRL(revoked: true, cert: cert)
        let container = try signedContainer(cert: cert, key: key)
        let result = try validate(container, cache: dir + "/cache")
        #expect(result.status != 0)
        let used = Self.revocation(result.json).first { $0["used"] as? Bool == true }
        #expect(used?["type"] as? String == "CRL" && used?["status"] as? String == "revoked")
        _ = server
    }

    /// Nothing served, or not a CRL: no revocation answer, never a pass.
    @Test func noCRLNoPass() throws {
        let server = try LocalHTTPServer(.files(served))
        let (cert, key) = try signer(cdp: server.base + "/issuing.crl")
        let container = try signedContainer(cert: cert, key: key)
        let missing = try validate(container, cache: dir + "/cache-1")
        #expect(missing.status != 0)
        try write("not a CRL", to: served + "/issuing.crl")
        let garbage = try validate(container, cache: dir + "/cache-2")
        #expect(garbage.status != 0)
        let offline = try validate(container, offline: true, cache: dir + "/cache-3")
        #expect(offline.status != 0)
        _ = server
    }
}
