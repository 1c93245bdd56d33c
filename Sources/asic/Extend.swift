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

enum ExtendLevel: String, CaseIterable, ExpressibleByArgument {
    case t = "T", lt = "LT", lta = "LTA"
    var level: SignatureLevel { [.t: .t, .lt: .lt, .lta: .lta][self]! }
}

struct Extend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
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
        let issuers = try KeyOptions.certificates(in: chain)
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
