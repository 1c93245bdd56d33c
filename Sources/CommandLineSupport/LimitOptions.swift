import ArgumentParser
import ASiC
import XMLSecurity

/// Zip-bomb and size caps, shared by every command that opens containers.
package struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-entry-size"), help: ArgumentHelp("Largest inflated size of one entry, in bytes.", valueName: "bytes"))
    package var maxEntrySize: UInt64 = ZipLimits.default.maxEntrySize

    @Option(name: .customLong("max-total-size"), help: ArgumentHelp("Largest inflated size of all entries together, in bytes.", valueName: "bytes"))
    package var maxTotalSize: UInt64 = ZipLimits.default.maxTotalSize

    @Option(name: .customLong("max-ratio"), help: ArgumentHelp("Largest compression ratio of an entry above 1 MiB.", valueName: "n"))
    package var maxRatio: UInt64 = ZipLimits.default.maxRatio

    @Option(name: .customLong("max-entries"), help: ArgumentHelp("Most entries accepted in one container.", valueName: "n"))
    package var maxEntries: Int = ZipLimits.default.maxEntries

    @Option(name: .customLong("max-xml-attributes"), help: ArgumentHelp("Most attributes on one XML element (checked before parsing).", valueName: "n"))
    package var maxXMLAttributes: Int = XMLLimits.default.maxAttributesPerElement

    @Option(name: .customLong("max-xml-namespaces"), help: ArgumentHelp("Most namespace declarations on one XML element.", valueName: "n"))
    package var maxXMLNamespaces: Int = XMLLimits.default.maxNamespacesPerElement

    @Option(name: .customLong("max-xml-namespaces-total"), help: ArgumentHelp("Most namespace declarations in one XML document.", valueName: "n"))
    package var maxXMLNamespacesTotal: Int = XMLLimits.default.maxNamespacesPerDocument

    package init() {}

    package var limits: ZipLimits {
        var limits = ZipLimits.default
        limits.maxEntrySize = maxEntrySize
        limits.maxTotalSize = maxTotalSize
        limits.maxRatio = maxRatio
        limits.maxEntries = maxEntries
        limits.xml.maxAttributesPerElement = maxXMLAttributes
        limits.xml.maxNamespacesPerElement = maxXMLNamespaces
        limits.xml.maxNamespacesPerDocument = maxXMLNamespacesTotal
        return limits
    }

    package func validate() throws {
        guard maxXMLAttributes > 0, maxXMLNamespaces > 0, maxXMLNamespacesTotal > 0 else {
            throw ValidationError("--max-xml-attributes, --max-xml-namespaces and --max-xml-namespaces-total must be positive")
        }
        guard maxEntries > 0, maxRatio > 0, maxEntrySize > 0, maxTotalSize > 0 else {
            throw ValidationError("--max-entries, --max-ratio, --max-entry-size and --max-total-size must be positive")
        }
    }
}
