import ArgumentParser
import CommandLineSupport
#if canImport(Glibc)
import Glibc
#endif

/// `asic serve` in the command list. The service is an executable of its own, `asic-serve`,
/// installed beside `asic`: `Asic.main` hands it every argument after `serve` before any parsing,
/// so `asic serve --help` prints the service's own options.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the validation service: SiVa-compatible POST /validate, native POST /v1/validate, probes and metrics.",
        discussion: "The service runs as asic-serve, installed beside asic; asic serve --help lists its options."
    )

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The service's options (asic serve --help).", valueName: "option"))
    var options: [String] = []

    func run() throws { ServeLauncher.replaceProcess(arguments: options) }
}

/// Starts `asic-serve` in place of this process.
enum ServeLauncher {
    /// `execv` of the `asic-serve` beside this executable with `arguments`; returns never. When it
    /// cannot be started the process ends with exit 1 and one line saying which file and why.
    static func replaceProcess(arguments: [String]) -> Never {
        let path = siblingPath()
        let argv = ["asic-serve"] + arguments
        var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        execv(path, &pointers)
        let reason = String(cString: strerror(errno))
        for pointer in pointers { free(pointer) }
        Console.error(path, "cannot start the service (asic serve runs asic-serve, installed beside asic): \(reason)")
        exit(1)
    }

    /// `asic-serve` in the folder of the running executable (`/proc/self/exe`, so a symlink to
    /// `asic` still finds it beside the real file).
    static func siblingPath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        let own = count > 0 ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        guard let slash = own.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "asic-serve" }
        return String(own[...slash]) + "asic-serve"
    }
}
