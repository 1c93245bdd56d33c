import ASiC
import Findings

extension InspectReport {
    /// A screen a person reads: what the container is, what it holds, what is wrong with it.
    public func text(style: TextStyle = .plain) -> String {
        guard let container else {
            return style.bad("✗") + " \(file): not processable: \(error?.message ?? "unknown error") [\(error?.key ?? "")]\n"
        }
        var lines: [String] = []
        let signatures = container.signatureCount
        lines.append(style.bold(file))
        var summary = "  \(container.type.rawValue)"
        if let archive = container.archive { summary += ", \(archive.entries.count) entries" }
        summary += ", \(plural(container.dataFiles.count, "data file")), \(plural(signatures, "signature"))"
        lines.append(summary)
        if let mimetype = container.mimetype {
            lines.append("  mimetype: \(mimetype.value)")
        }
        let byIndex = Dictionary(uniqueKeysWithValues: checks.map { ($0.entry.index, $0) })
        if !container.dataFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Data files"))
            for file in container.dataFiles {
                let intact = byIndex[file.entry.index]?.isIntact ?? false
                let sha = byIndex[file.entry.index]?.sha256.map { "  sha256 \($0.prefix(16))…" } ?? ""
                lines.append("  \(intact ? style.good("✓") : style.bad("✗")) \(display(file.name))  \(file.mediaType ?? "(not in manifest)")  \(size(file.size))\(sha)")
            }
        }
        if !container.signatureFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Signature files"))
            for file in container.signatureFiles {
                let ids = file.signatures.compactMap { $0.attribute("Id") }
                let idText = ids.isEmpty ? "" : " (\(ids.joined(separator: ", ")))"
                lines.append("  \(display(file.name))  \(plural(file.signatures.count, "signature"))\(idText)")
            }
        }
        if !container.unsignedMetaFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Unsigned files"))
            for entry in container.unsignedMetaFiles { lines.append("  \(display(entry.name))  \(size(entry.uncompressedSize))") }
        }
        if let archive = container.archive {
            lines.append("")
            lines.append(style.bold("Entries"))
            for entry in archive.entries {
                let check = byIndex[entry.index]
                let crc = check?.isIntact == true ? style.good("CRC ok") : style.bad("CRC FAILED")
                lines.append("  \(pad(display(entry.name), 40)) \(pad(entry.methodName, 8)) \(pad(String(entry.uncompressedSize), 10)) \(pad(String(entry.compressedSize), 10)) \(crc)")
            }
        }
        let all = findings
        lines.append("")
        if all.isEmpty {
            lines.append(style.good("No findings."))
        } else {
            lines.append(style.bold("Findings"))
            for finding in all {
                let label: String = switch finding.level {
                case .error: style.bad("error  ")
                case .warning: style.warn("warning")
                case .info: "info   "
                }
                lines.append("  \(label) \(finding.message) [\(finding.key)]")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    private func size(_ bytes: UInt64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let rounded = (value * 10).rounded() / 10
        return "\(rounded) \(units[unit])"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func display(_ name: String) -> String { EntryNameRule.escaped(name) }
}
