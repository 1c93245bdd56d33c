import ASiC
import Findings
import PKI
import XAdES

/// What `asic inspect` shows: the structure of one input, judged only by the container rules.
public struct InspectReport: Sendable {
    public let file: String
    public let container: Container?
    public let checks: [EntryCheck]
    /// The trust-free result of every signature.
    public let signatures: [CoreResult]
    /// ASiC-S time-stamp tokens and what they cover.
    public let tokens: [TokenResult]
    public let error: InputError?

    /// True when everything inspect checked is intact: every entry's CRC, every reference of every
    /// signature found and intact, every signature value verified (not merely unchecked), every
    /// time-stamp token covering its file with an intact CMS signature.
    public var isIntact: Bool {
        checks.allSatisfy(\.isIntact) && signatures.allSatisfy(\.isIntact) && tokens.allSatisfy { $0.crypto == .ok }
    }

    /// Opens and reads `path` completely: every entry streamed once for its CRC and digest, every
    /// signature's references and signature value checked. `detached` gives the data files of a
    /// detached XAdES document.
    public static func make(path: String, limits: ZipLimits = .default, detached: [String] = []) -> InspectReport {
        do {
            let document = try SignedDocument.open(path: path, limits: limits, detached: detached)
            let container = document.container
            return InspectReport(file: path, container: container, checks: container.checkEntries(),
                                 signatures: document.verifyCore(), tokens: document.container.verifyTimestampTokens(), error: nil)
        } catch let error as InputError {
            return InspectReport(file: path, container: nil, checks: [], signatures: [], tokens: [], error: error)
        } catch {
            return InspectReport(file: path, container: nil, checks: [], signatures: [], tokens: [],
                                 error: InputError(key: "input.unreadable", message: "\(error)"))
        }
    }

    /// Container findings, each signature's findings, and one error per entry whose content is not intact.
    public var findings: [Finding] {
        guard let container else { return error?.findings ?? [] }
        let all = container.findings + signatures.flatMap(\.findings) + tokens.flatMap(\.findings) + checks.compactMap { check in
            check.error.map { .error($0.key, "entry \"\($0.entry)\": \($0.message)", subject: $0.entry) }
        }
        return all.aggregated()
    }

    public var json: JSON {
        guard let container else {
            return .object([
                ("file", .string(file)),
                ("containerType", .null),
                ("processable", .bool(false)),
                ("error", .object([("key", .string(error?.key ?? "input.unreadable")), ("message", .string(error?.message ?? ""))])),
                ("containerFindings", .array(findings.map(\.json))),
            ])
        }
        let byIndex = Dictionary(uniqueKeysWithValues: checks.map { ($0.entry.index, $0) })
        return .object([
            ("file", .string(file)),
            ("containerType", .string(container.type.rawValue)),
            ("processable", .bool(true)),
            ("error", .null),
            ("mimetype", container.mimetype.map { mimetype in
                .object([
                    ("value", .string(mimetype.value)),
                    ("first", .bool(mimetype.isFirst)),
                    ("stored", .bool(mimetype.isStored)),
                    ("extraField", .bool(mimetype.localExtraLength > 0)),
                ])
            } ?? .null),
            ("entries", .array((container.archive?.entries ?? []).map { entry in
                let check = byIndex[entry.index]
                return .object([
                    ("name", .string(entry.name)),
                    ("kind", .string(kind(of: entry, in: container))),
                    ("size", .int(entry.uncompressedSize)),
                    ("compressedSize", .int(entry.compressedSize)),
                    ("method", .string(entry.methodName)),
                    ("crc32", .string(hex32(entry.crc32))),
                    ("crcOk", .bool(check?.isIntact ?? false)),
                ])
            })),
            ("dataFiles", .array(container.dataFiles.map { file in
                .object([
                    ("name", .string(file.name)),
                    ("mediaType", .string(file.mediaType)),
                    ("size", .int(file.size)),
                    ("sha256", .string(byIndex[file.entry.index]?.sha256)),
                ])
            })),
            ("signatureFiles", .array(container.signatureFiles.map { file in
                .object([
                    ("name", .string(file.name)),
                    ("signatures", .int(file.signatures.count)),
                    ("ids", .array(file.signatures.map { .string($0.attribute("Id")) })),
                ])
            })),
            ("unsignedFiles", .array(container.unsignedMetaFiles.map { .string($0.name) })),
            ("signaturesCount", .int(container.signatureCount)),
            ("signatures", .array(signatures.map(\.json))),
            ("timestampTokens", .array(tokens.map { token in
                .object([
                    ("file", .string(token.file)),
                    ("covers", .string(token.covered)),
                    ("time", .string(token.genTime.map(ISOTime.format))),
                    ("tsa", .string(token.tsa?.subject)),
                    ("imprintMatches", .bool(token.imprintMatches)),
                    ("signatureIntact", token.signatureIntact.map(JSON.bool) ?? .null),
                    ("crypto", .string(token.crypto.rawValue)),
                ])
            })),
            ("containerFindings", .array(findings.map(\.json))),
        ])
    }

    func kind(of entry: ZipEntry, in container: Container) -> String {
        if entry.isDirectory { return "directory" }
        if entry.name == "mimetype" { return "mimetype" }
        if container.signatureFiles.contains(where: { $0.name == entry.name }) { return "signature" }
        if entry.name == "META-INF/manifest.xml" && container.type == .asicE { return "manifest" }
        if entry.name.hasPrefix("META-INF/") { return "unsigned" }
        return "data"
    }
}

func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
