import ArgumentParser
import CommandLineSupport
import Batch
import DDOC
import Signing
import Trust
import Validation
#if canImport(Glibc)
import Glibc
#endif

/// `asic timestamp`: keeps DDOC and BDOC files provable by wrapping each in a time-stamped ASiC-S
/// (what Estonia's TeRa does), after checking that the file itself validates.
struct Timestamp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timestamp",
        abstract: "Wrap .ddoc and .bdoc files in time-stamped ASiC-S containers (TeRa) to keep them provable.",
        discussion: """
        Each FILE.ddoc or FILE.bdoc (folders are searched recursively) is validated first, then \
        wrapped in FILE.ddoc.asics (FILE.bdoc.asics) beside it with an RFC 3161 time-stamp over it from \
        --tsa. A file that does not validate is refused unless --force. Written atomically; a file \
        already wrapped is skipped, so an interrupted run is simply run again; an existing .asics \
        that wraps something else is never overwritten.

        Exit codes: 0 every file wrapped or already wrapped; 1 a file was refused or could not be \
        wrapped; 3 no such file was found; 64 usage error.

        Example:
          asic timestamp --tsa http://tsa.example/tsa archive/
        """
    )

    @Argument(help: "DDOC and BDOC files, or folders searched recursively.", completion: .file())
    var paths: [String]

    @Option(help: ArgumentHelp("Time-stamping authority URL (RFC 3161).", valueName: "url"))
    var tsa: String

    @Flag(help: "Wrap a file even when its own validation fails.")
    var force = false

    @Option(name: .customLong("service-timeout"), help: ArgumentHelp("Seconds allowed for each TSA request.", valueName: "seconds"))
    var serviceTimeout: Double = 20

    @OptionGroup var trust: TrustOptions

    @Option(name: .customLong("trust-anchors"), help: ArgumentHelp("CA, OCSP and TSA certificates trusted directly (for DDOC: instead of the SK set).", valueName: "dir|file"))
    var trustAnchors: [String] = []

    @Option(help: ArgumentHelp("Validation policy for BDOC files: default, ee, or a policy file.", valueName: "name|file"))
    var policy: String = "ee"

    static let wrapped: Set<String> = ["ddoc", "bdoc"]

    func run() throws {
        let files = try InputPaths.expand(paths).filter { !$0.temporary }.map(\.path).filter { path in
            Self.wrapped.contains(path.split(separator: ".").last.map { $0.lowercased() } ?? "")
        }
        guard !files.isEmpty else {
            Console.error(paths.joined(separator: " "), "no .ddoc or .bdoc file found")
            throw Exit.notProcessable
        }
        guard let builtIn = ValidationPolicy.builtIn[policy] else {
            Console.error(policy, "timestamp takes a built-in policy (default, ee)")
            throw Exit.usage
        }
        let needsLists = files.contains { !$0.lowercased().hasSuffix(".ddoc") }
        let now = Int64(Glibc.time(nil))
        let store = needsLists ? try trust.store(anchors: trustAnchors, now: now) : TrustStore(services: [], anchors: try trust.anchors(trustAnchors))
        let ddoc = trust.ddocValidator(anchors: store.anchors, paths: trustAnchors)
        let validator = Validator(policy: builtIn, store: store, fetcher: nil, crlSource: trust.offline ? nil : trust.crlSource)
        let services = TrustServices(tsa: tsa, timeout: serviceTimeout)
        var counts = (wrapped: 0, done: 0, refused: 0, failed: 0)
        for file in files {
            if !force, let problem = Self.problem(file, ddoc: ddoc, validator: validator) {
                Console.error(file, "not wrapped: it does not validate (\(problem)); --force wraps it anyway")
                counts.refused += 1
                continue
            }
            do {
                switch try ASiCSWrapper.wrap(file, services: services) {
                case .wrapped: counts.wrapped += 1
                case .alreadyDone: counts.done += 1
                }
            } catch {
                Console.error(file, error.message)
                counts.failed += 1
            }
        }
        Console.printToStandardError("timestamp: \(files.count) file\(files.count == 1 ? "" : "s"): \(counts.wrapped) wrapped, \(counts.done) already wrapped, \(counts.refused) refused (validation failed), \(counts.failed) failed\n")
        if counts.refused + counts.failed > 0 { throw ExitCode(1) }
    }

    /// Why `file` does not validate; nil when it does.
    static func problem(_ file: String, ddoc: DDOCValidator, validator: Validator) -> String? {
        if DDOCValidator.isDDOC(path: file) {
            let (validation, rejection) = ddoc.validate(path: file)
            if let rejection { return rejection.message }
            guard let validation, validation.verdict == .passed else {
                return validation?.signatures.flatMap(\.errors).first?.message ?? "no signature"
            }
            return nil
        }
        let result = validator.validate(path: file)
        return result.verdict == .passed ? nil : (result.judgement.reasons.first ?? result.verdict.rawValue)
    }
}
