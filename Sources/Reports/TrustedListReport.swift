import Findings
import PKI
import Trust

/// What `asic tsl show|refresh|verify` prints: each list's origin, freshness and signature, and
/// (for `show`) its services.
public struct TrustedListReport: Sendable {
    public let set: TrustedListSet
    public let now: Int64
    public let includeServices: Bool
    /// The pinned signers of the starting list and where they came from.
    public let signers: LOTLSigners?

    public init(set: TrustedListSet, now: Int64, includeServices: Bool, signers: LOTLSigners? = nil) {
        self.set = set
        self.now = now
        self.includeServices = includeServices
        self.signers = signers
    }

    private var all: [LoadedList] { [set.listOfLists] + set.lists }

    public var json: JSON {
        .object([
            ("pinnedSigners", signers.map { signers in
                .object([
                    ("source", .string(signers.source.description)),
                    ("certificates", .array(signers.certificates.map { certificate in
                        .object([("subject", .string(certificate.subject)), ("notAfter", .string(ISOTime.format(certificate.notAfter))),
                                 ("sha256", .string(certificate.sha256Hex))])
                    })),
                ])
            } ?? .null),
            ("pivots", .array(set.pivots.map { pivot in
                .object([("location", .string(pivot.location)), ("origin", .string(pivot.origin.rawValue)),
                         ("verified", .bool(pivot.isUsable)), ("signer", .string(pivot.signature.signer?.subject)),
                         ("announcedSigners", .array((pivot.list?.announcedListOfListsSigners ?? []).map { .string($0.subject) }))])
            })),
            ("lists", .array(all.map(listJSON))),
            ("findings", .array(set.findings.map(\.json))),
        ])
    }

    private func listJSON(_ loaded: LoadedList) -> JSON {
        let list = loaded.list
        var members: [(String, JSON)] = [
            ("location", .string(loaded.location)),
            ("origin", .string(loaded.origin.rawValue)),
            ("usable", .bool(loaded.isUsable)),
            ("type", .string(list?.type.map { $0.split(separator: "/").last.map(String.init) ?? $0 })),
            ("territory", .string(list?.territory)),
            ("sequenceNumber", list?.sequenceNumber.map { .int($0) } ?? .null),
            ("version", list?.version.map { .int($0) } ?? .null),
            ("issued", .string(list?.issueDate.map(ISOTime.format))),
            ("nextUpdate", .string(list?.nextUpdate.map(ISOTime.format))),
            ("expired", .bool(loaded.isExpired(at: now))),
            ("signatureValid", .bool(loaded.signature.isValid)),
            ("signer", .string(loaded.signature.signer?.subject)),
            ("signatureProblem", .string(loaded.signature.problem)),
        ]
        if includeServices {
            members.append(("services", .array((list?.providers ?? []).flatMap { provider in
                provider.services.map { service in
                    .object([
                        ("provider", .string(provider.name)),
                        ("name", .string(service.current.name)),
                        ("type", .string(service.shortType)),
                        ("status", .string(TrustedListURI.shortStatus(service.current.status))),
                        ("statusStart", .string(ISOTime.format(service.current.statusStart))),
                        ("history", .int(service.history.count)),
                        ("certificates", .array(service.certificates.map { .string($0.subject) })),
                        ("qualifiers", .array(service.current.qualifications.flatMap(\.qualifiers).map { .string(TrustedListURI.shortQualifier($0)) })),
                    ])
                }
            })))
        }
        return .object(members)
    }

    public func text(style: TextStyle = .plain) -> String {
        var lines: [String] = []
        if let signers {
            lines.append("pinned signers of the starting list: \("\(signers.source)".terminalSafe)")
            for certificate in signers.certificates {
                let soon = certificate.notAfter < now + 90 * 86_400
                let expiry = "expires \(ISOTime.format(certificate.notAfter))"
                lines.append("    \((certificate.subjectAttribute("CN") ?? certificate.subject).terminalSafe)  \(soon ? style.warn(expiry) : expiry)")
            }
        }
        if !set.pivots.isEmpty {
            lines.append("pivot LOTLs followed from the pinned signers (oldest first):")
            for pivot in set.pivots {
                let announced = (pivot.list?.announcedListOfListsSigners ?? []).map { ($0.subjectAttribute("CN") ?? $0.subject).terminalSafe }
                lines.append(pivot.isUsable
                    ? "    \(style.good("✓")) \(pivot.location.terminalSafe): signed by \((pivot.signature.signer?.subjectAttribute("CN") ?? "?").terminalSafe), announces \(announced.joined(separator: ", "))"
                    : "    \(style.bad("✗")) \(pivot.location.terminalSafe): \((pivot.signature.problem ?? "not a list of the lists").terminalSafe) — the chain stops here")
            }
        }
        for loaded in all {
            let list = loaded.list
            let mark = loaded.isUsable ? style.good("✓") : style.bad("✗")
            let kind = list?.isListOfLists == true ? "list of lists" : "trusted list"
            lines.append("\(mark) \(style.bold(loaded.location.terminalSafe))")
            lines.append("    \(kind) \((list?.territory ?? "?").terminalSafe), sequence \(list?.sequenceNumber.map(String.init) ?? "?"), version \(list?.version.map(String.init) ?? "?"), from \(loaded.origin.rawValue)")
            let next = list?.nextUpdate.map(ISOTime.format) ?? "?"
            let freshness = loaded.isExpired(at: now) ? style.warn("EXPIRED (next update was \(next))") : "next update \(next)"
            lines.append("    issued \(list?.issueDate.map(ISOTime.format) ?? "?"), \(freshness)")
            if loaded.signature.isValid {
                lines.append("    signature valid, signed by \((loaded.signature.signer?.subject ?? "?").terminalSafe)")
            } else {
                lines.append("    " + style.bad("signature NOT valid: \((loaded.signature.problem ?? "unknown").terminalSafe)") + " — the list is not used")
            }
            if includeServices, let list {
                for provider in list.providers {
                    for service in provider.services {
                        let status = TrustedListURI.shortStatus(service.current.status)
                        lines.append("      \(pad(service.shortType.terminalSafe, 20)) \(pad(status.terminalSafe, 12)) since \(ISOTime.format(service.current.statusStart).prefix(10))  \(service.current.name.terminalSafe)")
                    }
                }
            }
        }
        let problems = set.findings.filter { $0.level != .info }
        if !problems.isEmpty {
            lines.append("")
            for finding in problems { lines.append("  \(finding.level.rawValue) \(finding.subject.map { $0.terminalSafe + ": " } ?? "")\(finding.message.terminalSafe) [\(finding.key)]") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
