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

struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
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
