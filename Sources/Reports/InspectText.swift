import ASiC
import Findings
import PKI
import XAdES

extension InspectReport {
    /// A screen a person reads: what the container is, what it holds, what is wrong with it.
    public func text(style: TextStyle = .plain) -> String {
        guard let container else {
            var text = style.bad("✗") + " \(file.terminalSafe): not processable: \((error?.message ?? "unknown error").terminalSafe) [\(error?.key ?? "")]\n"
            let earlier = findings.filter { $0.key != error?.key }
            if !earlier.isEmpty {
                text += "  Also found before refusing it:\n"
                for finding in earlier { text += "  \(finding.level.rawValue) \(finding.message.terminalSafe) [\(finding.key)]\n" }
            }
            return text
        }
        var lines: [String] = []
        let signatureCount = container.signatureCount
        lines.append(style.bold(file))
        var summary = "  \(container.type.rawValue)"
        if let archive = container.archive { summary += ", \(archive.entries.count) entries" }
        summary += ", \(plural(container.dataFiles.count, "data file")), \(plural(signatureCount, "signature"))"
        lines.append(summary)
        if let mimetype = container.mimetype {
            lines.append("  mimetype: \(mimetype.value.terminalSafe)")
        }
        let byIndex = Dictionary(uniqueKeysWithValues: checks.map { ($0.entry.index, $0) })
        if !container.dataFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Data files"))
            for file in container.dataFiles {
                let intact = byIndex[file.entry.index]?.isIntact ?? false
                let sha = byIndex[file.entry.index]?.sha256.map { "  sha256 \($0.prefix(16))…" } ?? ""
                lines.append("  \(intact ? style.good("✓") : style.bad("✗")) \(display(file.name))  \((file.mediaType ?? (container.type == .asicE ? "(not in manifest)" : "")).terminalSafe)  \(size(file.size))\(sha)")
            }
        }
        if !container.signatureFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Signature files"))
            for file in container.signatureFiles {
                let ids = file.signatures.compactMap { $0.attribute("Id") }
                let idText = ids.isEmpty ? "" : " (\(ids.joined(separator: ", ").terminalSafe))"
                lines.append("  \(display(file.name))  \(plural(file.signatures.count, "signature"))\(idText)")
            }
        }
        if !signatures.isEmpty {
            lines.append("")
            lines.append(style.bold("Signatures"))
            for result in signatures { lines += signatureLines(result, style: style) }
        }
        if !tokens.isEmpty {
            lines.append("")
            lines.append(style.bold("Time-stamp tokens"))
            for token in tokens {
                let mark = token.crypto == .ok ? style.good("✓") : style.bad("✗")
                let time = token.genTime.map(ISOTime.format) ?? "unknown time"
                lines.append("  \(mark) \(token.file.terminalSafe) covers \(token.covered.map(EntryNameRule.escaped) ?? "nothing")  at \(time)  by \((token.tsa?.subjectAttribute("CN") ?? "unknown TSA").terminalSafe)")
            }
        }
        let unsigned = container.unsignedMetaFiles.filter { entry in !tokens.contains { $0.file == entry.name } }
        if !unsigned.isEmpty {
            lines.append("")
            lines.append(style.bold("Unsigned files"))
            for entry in unsigned { lines.append("  \(display(entry.name))  \(size(entry.uncompressedSize))") }
        }
        if let archive = container.archive {
            lines.append("")
            lines.append(style.bold("Entries"))
            lines.append("  \(pad("name", 40)) \(pad("method", 8)) \(pad("size", 10)) \(pad("packed", 10)) check")
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
                lines.append("  \(label) \(finding.message.terminalSafe) [\(finding.key)]")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func signatureLines(_ result: CoreResult, style: TextStyle) -> [String] {
        let signature = result.signature
        let mark = result.isIntact ? style.good("✓") : (result.crypto == .undetermined ? style.warn("?") : style.bad("✗"))
        let verdict: String = switch result.crypto {
        case .ok: "intact"
        case .notFound: "signed data missing"
        case .hashFailure: "signed data changed"
        case .sigFailure: "signature value broken"
        case .undetermined: "signature value not checkable"
        }
        var lines = ["  \(mark) \(signature.label.terminalSafe)  \(verdict)  \(result.profile.rawValue)  (\(signature.file.terminalSafe))"]
        if let signer = result.signer {
            lines.append("      signed by   \(SignerName.display(signer).terminalSafe)")
            lines.append("      issuer      \(signer.issuer.terminalSafe)")
        }
        if let time = signature.signingTime { lines.append("      claimed     \(time.terminalSafe) (the signer's claim; asic validate checks time-stamps)") }
        if !signature.claimedRoles.isEmpty { lines.append("      role        \(signature.claimedRoles.joined(separator: ", ").terminalSafe)") }
        if let place = signature.productionPlace?.summary, !place.isEmpty { lines.append("      place       \(place.terminalSafe)") }
        for reference in result.references {
            let state = !reference.found ? style.bad("missing") : (reference.intact ? style.good("intact") : style.bad("CHANGED"))
            let name = reference.kind == .signedProperties ? "signed properties" : EntryNameRule.escaped(reference.target ?? reference.uri)
            lines.append("      reference   \(name): \(state)")
        }
        let value: String = switch result.signatureIntact {
        case true?: style.good("verifies")
        case false?: style.bad("does NOT verify")
        case nil: style.warn("not checked")
        }
        lines.append("      signature   \((result.signatureAlgorithm?.name ?? signature.signatureMethod ?? "unknown method").terminalSafe): \(value)")
        return lines
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
