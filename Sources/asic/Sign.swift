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

extension Exit {
    /// The key, its password or its certificate cannot be used.
    static let keyProblem = ExitCode(4)
    /// A TSA or OCSP service failed.
    static let serviceFailure = ExitCode(5)
}

extension SignatureLevel: ExpressibleByArgument {}

/// The levels `asic extend` can reach (B is where signatures start; LT-TM is only made when signing).
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Add a XAdES signature to an ASiC-E container (B, T, LT, LTA or the Estonian LT-TM).",
        discussion: """
        Exit codes: 0 signed; 3 the container cannot be read; 4 the key, its password or its \
        certificate cannot be used; 5 the TSA or OCSP responder failed; 64 usage; 73 cannot write.

        Examples:
          asic sign contract.asice --key seal.p12 --password-env SEAL_PASSWORD --level LT --tsa http://tsa.example/tsa
          asic sign contract.asice --key me.key --cert me.pem --chain ca.pem --level B --role Director
        """
    )

    @Argument(help: "The container to sign (changed in place, atomically).", completion: .file()) var container: String
    @OptionGroup var keys: KeyOptions
    @OptionGroup var services: ServiceOptions
    @Option(help: "Signature level.") var level: SignatureLevel = .lt
    @Option(help: ArgumentHelp("Digest algorithm: sha256, sha384 or sha512.", valueName: "name")) var digest: String = "sha256"
    @Flag(help: "Use RSASSA-PSS with an RSA key.") var pss = false
    @Option(help: ArgumentHelp("Claimed role (repeatable).", valueName: "text")) var role: [String] = []
    @Option(help: "Production place: city.") var city: String?
    @Option(help: "Production place: state or province.") var state: String?
    @Option(name: .customLong("postal-code"), help: "Production place: postal code.") var postalCode: String?
    @Option(help: "Production place: country.") var country: String?
    @Option(help: ArgumentHelp("Signature policy: bdoc21 (implied for LT-TM).", valueName: "name")) var policy: String?
    @Option(name: .customLong("signing-time"), help: ArgumentHelp("Claimed signing time (ISO 8601; default now; none to leave it out).", valueName: "time"))
    var signingTime: String?

    func validate() throws {
        if let signingTime, signingTime != "none", ISOTime.parse(signingTime) == nil { throw ValidationError("--signing-time wants ISO 8601 or none") }
        if let policy, policy != "bdoc21" { throw ValidationError("--policy knows bdoc21 only") }
        guard ["sha256", "sha384", "sha512"].contains(digest) else { throw ValidationError("--digest is sha256, sha384 or sha512") }
    }

    func run() throws {
        TemporaryFiles.removeOnSignals()
        try Self.requireWritableFolder(container)
        let (key, certificate, chain) = try keys.load()
        if pss && key.publicKey.kind != .rsa && key.publicKey.kind != .rsaPSS {
            Console.error(keys.key, "--pss needs an RSA key, this is a \(key.publicKey.summary) key")
            throw Exit.usage
        }
        var options = SignatureOptions()
        options.digest = ["sha384": .sha384, "sha512": .sha512][digest] ?? .sha256
        options.pss = pss
        options.signingTime = signingTime == "none" ? nil : (signingTime.flatMap(ISOTime.parse) ?? Int64(Date().timeIntervalSince1970))
        options.roles = role
        (options.city, options.stateOrProvince, options.postalCode, options.countryName) = (city, state, postalCode, country)
        if policy == "bdoc21" { options.policy = .bdoc21 }
        let signer = ContainerSigner(key: key, certificate: certificate, chain: chain, options: options, services: services.services)
        try Self.perform(container) { try ContainerSigner.locked(container) { try signer.sign(container, level: level) } }
    }

    /// Fails before any TSA or OCSP request when the container's folder cannot take the new file.
    static func requireWritableFolder(_ container: String) throws {
        let folder = URL(fileURLWithPath: ZipWriter.resolved(container)).deletingLastPathComponent().path
        guard access(folder, W_OK) == 0 else {
            Console.error(container, "cannot write in \(folder): \(String(cString: strerror(errno)))")
            throw Exit.cannotWrite
        }
    }

    /// Maps failures to the documented exit codes and one-line messages.
    static func perform(_ container: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as InputError {
            Console.error(container, error.message)
            throw error.key.hasPrefix("zip.write") ? Exit.cannotWrite : Exit.notProcessable
        } catch let error as SigningError {
            Console.error(container, error.message)
            if error.key.hasPrefix("sign.tsa") || error.key.hasPrefix("sign.ocsp") { throw Exit.serviceFailure }
            if ["sign.key-mismatch", "sign.algorithm", "sign.failed"].contains(error.key) { throw Exit.keyProblem }
            throw error.key.hasPrefix("extend.no-signature") || error.key == "sign.no-data" || error.key == "sign.container" ? Exit.notProcessable : Exit.usage
        }
    }
}
