import ArgumentParser
import ASiC

/// Zip-bomb and size caps, shared by every command that opens containers.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-entry-size"), help: ArgumentHelp("Largest inflated size of one entry, in bytes.", valueName: "bytes"))
    var maxEntrySize: UInt64 = ZipLimits.default.maxEntrySize

    @Option(name: .customLong("max-total-size"), help: ArgumentHelp("Largest inflated size of all entries together, in bytes.", valueName: "bytes"))
    var maxTotalSize: UInt64 = ZipLimits.default.maxTotalSize

    @Option(name: .customLong("max-ratio"), help: ArgumentHelp("Largest compression ratio of an entry above 1 MiB.", valueName: "n"))
    var maxRatio: UInt64 = ZipLimits.default.maxRatio

    @Option(name: .customLong("max-entries"), help: ArgumentHelp("Most entries accepted in one container.", valueName: "n"))
    var maxEntries: Int = ZipLimits.default.maxEntries

    var limits: ZipLimits {
        var limits = ZipLimits.default
        limits.maxEntrySize = maxEntrySize
        limits.maxTotalSize = maxTotalSize
        limits.maxRatio = maxRatio
        limits.maxEntries = maxEntries
        return limits
    }

    func validate() throws {
        guard maxEntries > 0, maxRatio > 0, maxEntrySize > 0, maxTotalSize > 0 else {
            throw ValidationError("--max-entries, --max-ratio, --max-entry-size and --max-total-size must be positive")
        }
    }
}
