import ArgumentParser
import CommandLineSupport
import ASiC
import Findings
import PKI
import Signing
import Trust
import XAdES
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

struct KeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Private key: PKCS#12 (.p12/.pfx, with its certificate and chain) or PEM.", valueName: "file"), completion: .file())
    var key: String

    @Option(help: ArgumentHelp("Signer certificate (PEM/DER) when --key is PEM.", valueName: "file"), completion: .file())
    var cert: String?

    @Option(help: ArgumentHelp("Issuer and other chain certificates (PEM/DER, repeatable).", valueName: "file"), completion: .file())
    var chain: [String] = []

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the key's password from this file (first line).", valueName: "file"), completion: .file())
    var passwordFile: String?

    @Option(name: .customLong("password-env"), help: ArgumentHelp("Read the key's password from this environment variable.", valueName: "name"))
    var passwordEnv: String?

    func load() throws -> (PrivateKey, Certificate, [Certificate]) {
        var password: String?
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                Console.error(passwordFile, "cannot read the password file")
                throw Exit.usage
            }
            // The first line, whatever its ending (CR LF from Windows editors included).
            password = String(text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
        } else if let passwordEnv {
            guard let value = ProcessInfo.processInfo.environment[passwordEnv] else {
                Console.error(key, "--password-env \(passwordEnv): the variable is not set")
                throw Exit.usage
            }
            password = value
        }
        guard let bytes = FileManager.default.contents(atPath: key).map(Array.init) else {
            Console.error(key, "cannot read the key file")
            throw Exit.keyProblem
        }
        let extra = try Self.certificates(in: chain)
        do {
            if bytes.first == 0x30 {
                let (privateKey, certificate, included) = try PrivateKey.pkcs12(bytes, password: password ?? "")
                return (privateKey, certificate, included + extra)
            }
            let privateKey = try PrivateKey.pem(bytes, password: password)
            guard let cert, let certificate = try? TrustAnchors.load(cert).first?.certificate else {
                Console.error(cert ?? key, "a PEM key needs its certificate (--cert FILE)")
                throw Exit.keyProblem
            }
            return (privateKey, certificate, extra)
        } catch let error as PrivateKey.LoadError {
            Console.error(key, error.description)
            throw Exit.keyProblem
        }
    }

    /// Every certificate in the `--chain` files (`sign`, `extend`); an unreadable file is a usage error.
    static func certificates(in files: [String]) throws -> [Certificate] {
        var certificates: [Certificate] = []
        for file in files {
            do { certificates += try TrustAnchors.load(file).map(\.certificate) } catch {
                Console.error(file, "cannot read this certificate file")
                throw Exit.usage
            }
        }
        return certificates
    }
}

/// Time-stamp and OCSP services.
