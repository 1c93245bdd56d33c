import ArgumentParser
import ASiC
import Findings
import Foundation
import PKI
import Signing
import Trust
import XAdES

/// Media types by extension for new containers (the manifest's `media-type`).
enum MediaTypes {
    static let byExtension: [String: String] = [
        "pdf": "application/pdf", "txt": "text/plain", "xml": "application/xml", "html": "text/html", "htm": "text/html",
        "json": "application/json", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "doc": "application/msword", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "zip": "application/zip", "csv": "text/csv", "rtf": "application/rtf",
    ]

    static func guess(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}

extension Exit {
    /// The key, its password or its certificate cannot be used.
    static let keyProblem = ExitCode(4)
    /// A TSA or OCSP service failed.
    static let serviceFailure = ExitCode(5)
}

struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an unsigned ASiC-E container from files.",
        discussion: """
        The mimetype comes first and stored, the manifest lists every file with its media type \
        (guessed from the extension, or --media-type NAME=TYPE).

        Example:
          asic create contract.asice contract.pdf annex.xlsx
        """
    )

    @Argument(help: "The container to write.", completion: .file()) var output: String
    @Argument(help: "Files to put in it (stored under their base names).", completion: .file()) var files: [String]
    @Option(name: .customLong("media-type"), help: ArgumentHelp("Media type of a file, as NAME=TYPE (repeatable).", valueName: "name=type"))
    var mediaTypes: [String] = []
    @Flag(help: "Replace OUTPUT if it exists.") var force = false

    func run() throws {
        TemporaryFiles.removeOnSignals()
        if !force && FileManager.default.fileExists(atPath: output) {
            Console.error(output, "already exists (use --force to replace it)")
            throw Exit.cannotWrite
        }
        var explicit: [String: String] = [:]
        for pair in mediaTypes {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--media-type wants NAME=TYPE") }
            explicit[parts[0]] = parts[1]
        }
        var seen = Set<String>()
        var entries: [(source: String, name: String, mediaType: String)] = []
        for file in files {
            let name = URL(fileURLWithPath: file).lastPathComponent
            guard seen.insert(name.lowercased()).inserted else { throw ValidationError("two files are named \(name)") }
            guard FileManager.default.isReadableFile(atPath: file) else {
                Console.error(file, "cannot read this file")
                throw Exit.notProcessable
            }
            entries.append((file, name, explicit[name] ?? MediaTypes.guess(name)))
        }
        do { try ContainerSigner.create(output, files: entries) } catch let error as InputError {
            Console.error(output, error.message)
            throw Exit.cannotWrite
        }
    }
}

/// The signer's key and certificate.
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
        var extra: [Certificate] = []
        for file in chain {
            do { extra += try TrustAnchors.load(file).map(\.certificate) } catch {
                Console.error(file, "cannot read this certificate file")
                throw Exit.usage
            }
        }
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
}

/// Time-stamp and OCSP services.
struct ServiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Time-stamping authority URL (RFC 3161) for T, LT and LTA.", valueName: "url"))
    var tsa: String?

    @Option(help: ArgumentHelp("OCSP responder URL, or auto for the certificate's AIA (LT, LTA, LT-TM).", valueName: "url|auto"))
    var ocsp: String = "auto"

    @Option(name: .customLong("service-timeout"), help: ArgumentHelp("Seconds allowed for each TSA or OCSP request.", valueName: "seconds"))
    var serviceTimeout: Double = 20

    var services: TrustServices { TrustServices(tsa: tsa, ocsp: ocsp == "auto" ? nil : ocsp, timeout: serviceTimeout) }
}

extension SignatureLevel: ExpressibleByArgument {}

/// The levels `asic extend` can reach (B is where signatures start; LT-TM is only made when signing).
enum ExtendLevel: String, CaseIterable, ExpressibleByArgument {
    case t = "T", lt = "LT", lta = "LTA"
    var level: SignatureLevel { [.t: .t, .lt: .lt, .lta: .lta][self]! }
}

struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
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

struct Extend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extend signatures to T, LT or LTA (time-stamp, validation data, archive time-stamp).",
        discussion: """
        Example:
          asic extend contract.asice --to LTA --tsa http://tsa.example/tsa --chain issuer.pem
        """
    )

    @Argument(help: "The container (changed in place, atomically).", completion: .file()) var container: String
    @Option(help: "Target level.") var to: ExtendLevel
    @Option(help: ArgumentHelp("Only this signature file (default: every signature file).", valueName: "file")) var signature: String?
    @Option(help: ArgumentHelp("Issuer certificates of the signers, for OCSP requests (repeatable).", valueName: "file"), completion: .file()) var chain: [String] = []
    @OptionGroup var services: ServiceOptions

    func run() throws {
        TemporaryFiles.removeOnSignals()
        try Sign.requireWritableFolder(container)
        let document: SignedDocument
        do { document = try SignedDocument.open(path: container) } catch let error as InputError {
            Console.error(container, error.message)
            throw Exit.notProcessable
        }
        var issuers: [Certificate] = []
        for file in chain {
            do { issuers += try TrustAnchors.load(file).map(\.certificate) } catch {
                Console.error(file, "cannot read this certificate file")
                throw Exit.usage
            }
        }
        let targets = document.signatures.filter { signature == nil || $0.file == signature }
        guard !targets.isEmpty else {
            Console.error(container, signature.map { "no signature in \($0)" } ?? "the container holds no signature")
            throw Exit.notProcessable
        }
        let cores = document.verifyCore()
        var extenders: [(file: String, signer: ContainerSigner)] = []
        for target in targets {
            let core = cores.first { $0.signature.file == target.file && $0.signature.label == target.label }
            guard let certificate = core?.signer else {
                Console.error(container, "\(target.file): the signer certificate is not identified")
                throw Exit.notProcessable
            }
            let pool: [Certificate] = issuers + target.unsigned.certificateValues.compactMap { Certificate(der: $0) }
            // Extending needs no private key: only public services are asked.
            extenders.append((target.file, ContainerSigner(key: nil, certificate: certificate, chain: pool, options: SignatureOptions(),
                                                           services: services.services)))
        }
        // Every signature is extended on a staged copy: one failing service leaves the container as it was.
        try Sign.perform(container) {
            try ContainerSigner.locked(container) { try ContainerSigner.staged(container) { stage in
                do { try FileManager.default.copyItem(atPath: ZipWriter.resolved(container), toPath: stage) } catch {
                    throw InputError(key: "zip.write", message: "cannot stage a copy beside \(container)")
                }
                for (file, extender) in extenders { try extender.extend(stage, signatureFile: file, to: to.level) }
            } }
        }
    }
}
