import ASiC
import Findings
import XAdES

/// FC (EN 319 102-1 §5.2.2): is the signature in an accepted format, inside a proper container?
/// Every defect is read as a typed fact (``SignatureDefect/role``, ``ContainerDefect/role``).

struct AcceptedFormat: SignatureConstraint {
    let key = "BBB_FC_IEFF"
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        let format = context.profile.rawValue
        guard let accepted = context.policy.acceptedFormats else { return .pass("the policy accepts every format, \(format) included") }
        return accepted.contains(format) ? .pass("\(format) is an accepted format")
            : .fail("the signature format \(format) is not one the policy accepts (\(accepted.sorted().joined(separator: ", ")))")
    }
}

struct MimetypePresent: SignatureConstraint {
    let key = "BBB_FC_IMFP_ASICE"
    let defaultLevel = ConstraintLevel.inform
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.container.type == .asicE else { return .notApplicable("not an ASiC-E container") }
        return context.container.mimetype != nil ? .pass("the container has a mimetype entry") : .fail("the container has no mimetype entry")
    }
}

struct MimetypeContent: SignatureConstraint {
    let key = "BBB_FC_IEMCF_ASICE"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.container.type == .asicE else { return .notApplicable("not an ASiC-E container") }
        guard context.container.mimetype != nil else { return .notApplicable("no mimetype entry (BBB_FC_IMFP_ASICE)") }
        let defects = context.container.findings(role: .mimetypeContent)
        return defects.isEmpty ? .pass("the mimetype entry is as ASiC requires")
            : .fail("the mimetype entry is not as ASiC requires: " + defects.map(\.message).joined(separator: "; "))
    }
}

struct SignedFilePresent: SignatureConstraint {
    let key = "BBB_FC_ISFP_ASICE"
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        guard context.container.type != .xades else { return .notApplicable("a bare XML signature has no container files") }
        guard !context.hasMissingData else { return .notApplicable("a signed file is missing: CV reports SIGNED_DATA_NOT_FOUND") }
        let names = Set(context.container.dataFiles.map(\.name))
        let signed = context.core.references.filter { $0.kind == .dataObject && $0.found && names.contains($0.target ?? "") }
        return signed.isEmpty ? .fail("the signature signs no data file of the container") : .pass("the signature signs data files")
    }
}

struct AllFilesSigned: SignatureConstraint {
    let key = "BBB_FC_IAFS"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        // Files left unsigned because a signed one was renamed or removed: CV reports the missing data.
        if let skip = context.asicEFileRule(deferringMissingData: true) { return skip }
        return .none(of: context.core.findings(role: .unsignedDataFile), else: "every data file is signed")
    }
}

struct ManifestMediaTypeMatch: SignatureConstraint {
    let key = "BBB_FC_MANIFEST_MIMETYPE"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        if let skip = context.asicEFileRule(deferringMissingData: false) { return skip }
        return .none(of: context.core.findings(role: .mediaType), else: "signed media types match the manifest")
    }
}

/// The manifest names a file the container does not hold (libdigidocpp and digidoc4j refuse it;
/// DSS ignores the manifest).
struct ManifestEntriesPresent: SignatureConstraint {
    let key = "BBB_FC_MANIFEST_ENTRIES"
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        // A signed file that went missing is CV's SIGNED_DATA_NOT_FOUND, not a format failure.
        if let skip = context.asicEFileRule(deferringMissingData: true) { return skip }
        return .none(of: context.container.findings(role: .ghostEntry), else: "every manifest entry is in the container")
    }
}

struct SignatureStructure: SignatureConstraint {
    let key = "BBB_FC_STRUCTURE"
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        .none(of: context.core.findings(role: .structure), else: "the XML signature is well structured")
    }
}

extension SignatureContext {
    /// Why a rule about the files of an ASiC-E container does not apply here (not ASiC-E; or a
    /// signed file is missing, which CV reports as SIGNED_DATA_NOT_FOUND), nil when it does.
    func asicEFileRule(deferringMissingData: Bool) -> Check? {
        guard container.type == .asicE else { return .notApplicable("not an ASiC-E container") }
        if deferringMissingData, hasMissingData { return .notApplicable("a signed file is missing: CV reports SIGNED_DATA_NOT_FOUND") }
        return nil
    }
}

extension Check {
    /// Passes with `message` when there are no `findings`, else fails with theirs.
    static func none(of findings: [Finding], else message: String) -> Check {
        findings.isEmpty ? .pass(message) : .fail(findings.map(\.message).joined(separator: "; "))
    }
}

enum FormatChecking {
    static let block = BuildingBlock("FC") {
        SignatureStructure()
        AcceptedFormat()
        MimetypePresent()
        MimetypeContent()
        SignedFilePresent()
        AllFilesSigned()
        ManifestMediaTypeMatch()
        ManifestEntriesPresent()
    }
}
