import ArgumentParser
import CommandLineSupport
import ASiC
import DDOC
import Findings

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract a container's data files safely.",
        discussion: """
        Writes only the data files (never META-INF or mimetype) under DIR. Nothing is written \
        outside DIR, no symbolic link is followed, nothing is overwritten without --force, and \
        every file is CRC-checked before any is moved into place, so an error leaves no partial file.

        Examples:
          asic extract contract.asice --to ./contract
          asic extract contract.asice --to ./contract --force
        """
    )

    @Argument(help: "The container to extract from.", completion: .file())
    var path: String

    @Option(help: ArgumentHelp("Destination folder (created with its parents when missing; removed again if extraction fails).", valueName: "dir"))
    var to: String

    @Flag(help: "Replace files that already exist.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let extractor: Extractor
        if DDOCValidator.isDDOC(path: path) {
            extractor = Extractor(items: try ddocItems(), overwrite: force)
        } else {
            let container: Container
            do {
                container = try Container.open(path: path, limits: limits.limits)
            } catch let error as InputError {
                Console.error(path, error.message)
                throw Exit.notProcessable
            }
            do { extractor = try Extractor(container: container, overwrite: force) } catch let error as ExtractError {
                Console.error(path, error.message)
                throw Exit.notProcessable
            }
        }
        do {
            let written = try extractor.extract(to: to)
            if !quiet {
                let folder = to.hasSuffix("/") && to.count > 1 ? String(to.dropLast()) : to
                for name in written { Console.print("\(folder)/\(EntryNameRule.escaped(name))\n") }
            }
        } catch let error as ExtractError {
            Console.error(error.concernsInput ? path : to, error.message)
            throw error.concernsInput ? Exit.notProcessable : Exit.cannotWrite
        } catch let error as InputError {
            Console.error(path, error.message)
            throw Exit.notProcessable
        }
    }

    /// A DDOC's embedded data files, decoded; a HASHCODE file (no content) or undecodable base64
    /// refuses the whole extraction before anything is written.
    private func ddocItems() throws -> [Extractor.Item] {
        let file: DigiDocFile
        do {
            let (bytes, streamed) = try DDOCValidator.load(path: path)
            file = try DigiDocFile.parse(bytes, streamed: streamed)
        } catch {
            Console.error(path, error.message)
            throw Exit.notProcessable
        }
        if let hashcode = file.dataFiles.first(where: \.isHashcode) {
            Console.error(path, "\(EntryNameRule.escaped(hashcode.fileName)): a HASHCODE data file holds no content; nothing was extracted")
            throw Exit.notProcessable
        }
        let source = path
        return file.dataFiles.map { dataFile in
            Extractor.Item(name: dataFile.fileName) { fd in
                do {
                    try dataFile.writeContent(from: source) { chunk in try Extractor.write(Array(chunk), to: fd) }
                } catch let error as DDOCRejection {
                    // A write failure is the destination's; anything else is the file's.
                    throw ExtractError(key: error.key == "ddoc.write" ? "extract.io" : error.key,
                                       message: "\(EntryNameRule.escaped(dataFile.fileName)): \(error.message); nothing was extracted")
                }
            }
        }
    }
}
