import ASiC
import Findings
import Testing
import XAdES

/// The typed defects of the container rules and the signature core share one protocol: a key
/// names one defect of one kind, and the role filter the constraints read picks exactly the
/// findings of that kind and role.
@Suite("Typed defects")
struct DefectTests {
    @Test func everyKeyNamesOneDefect() {
        let keys = ContainerDefect.allCases.map(\.key) + SignatureDefect.allCases.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(ContainerDefect.allCases.allSatisfy { $0.key.hasPrefix("asic.") && ContainerDefect(rawValue: $0.key) == $0 })
        #expect(SignatureDefect.allCases.allSatisfy { $0.key.hasPrefix("xades.") && SignatureDefect(rawValue: $0.key) == $0 })
    }

    @Test func theRoleFilterPicksOnlyItsKindAndRole() {
        var findings = ContainerDefect.allCases.map { Finding.defect($0, .warning, "c") }
            + SignatureDefect.allCases.map { Finding.defect($0, .error, "s", subject: "S1") }
        // Findings that are no typed defect, or look like one by prefix only, belong to no role.
        findings += [.error("xades.structure", "prefix only"), .warning("zip.crc-mismatch", "not a defect")]
        for role in [ContainerDefect.Role.mimetypeContent, .mimetypeAbsent, .unlistedFile, .ghostEntry] {
            let picked = findings.of(ContainerDefect.self, role: role)
            #expect(picked.map(\.key) == ContainerDefect.allCases.filter { $0.role == role }.map(\.key))
            #expect(!picked.isEmpty, "no container defect has role \(role)")
        }
        let structure = findings.of(SignatureDefect.self, role: .structure)
        #expect(structure.map(\.key) == SignatureDefect.allCases.filter { $0.role == .structure }.map(\.key))
        #expect(structure.allSatisfy { $0.subject == "S1" && $0.level == .error && !$0.isFatal })
        #expect(Finding.fatalDefect(ContainerDefect.mimetypeMissing, "m").isFatal)
    }
}
