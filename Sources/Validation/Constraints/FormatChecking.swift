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

/// A rule about the mimetype entry or the files of an ASiC-E container: it passes when its kind of
/// defect is absent and does not apply outside ASiC-E. The rules differ only in key, in the
/// defects they read (and the words a failure starts with), and in the case they leave to
/// another rule.
struct ASiCEFileRule: SignatureConstraint {
    /// A case another rule reports, in which this one does not apply.
    enum Deferral: Sendable {
        /// A signed file is missing: CV reports SIGNED_DATA_NOT_FOUND.
        case toMissingData
        /// There is no mimetype entry to judge: BBB_FC_IMFP_ASICE reports its absence.
        case toMimetypePresent

        /// Why the rule does not apply to `context`, nil when it does.
        func reason(_ context: SignatureContext) -> String? {
            switch self {
            case .toMissingData: context.hasMissingData ? "a signed file is missing: CV reports SIGNED_DATA_NOT_FOUND" : nil
            case .toMimetypePresent: context.container.mimetype == nil ? "no mimetype entry (BBB_FC_IMFP_ASICE)" : nil
            }
        }
    }

    let key: String
    let defaultLevel = ConstraintLevel.warn
    let subIndication: SubIndication? = .formatFailure
    let deferral: Deferral?
    let defects: @Sendable (SignatureContext) -> [Finding]
    let passMessage: String
    var failurePrefix = ""

    func evaluate(_ context: SignatureContext) -> Check {
        guard context.container.type == .asicE else { return .notApplicable("not an ASiC-E container") }
        if let reason = deferral?.reason(context) { return .notApplicable(reason) }
        return .none(of: defects(context), else: passMessage, failing: failurePrefix)
    }

    static let mimetypeContent = ASiCEFileRule(key: "BBB_FC_IEMCF_ASICE", deferral: .toMimetypePresent,
                                               defects: { $0.container.findings(role: .mimetypeContent) },
                                               passMessage: "the mimetype entry is as ASiC requires",
                                               failurePrefix: "the mimetype entry is not as ASiC requires: ")
    /// Files left unsigned because a signed one was renamed or removed are CV's missing data.
    static let allFilesSigned = ASiCEFileRule(key: "BBB_FC_IAFS", deferral: .toMissingData,
                                              defects: { $0.core.findings(role: .unsignedDataFile) }, passMessage: "every data file is signed")
    static let manifestMediaTypeMatch = ASiCEFileRule(key: "BBB_FC_MANIFEST_MIMETYPE", deferral: nil,
                                                      defects: { $0.core.findings(role: .mediaType) },
                                                      passMessage: "signed media types match the manifest")
    /// The manifest names a file the container does not hold (libdigidocpp and digidoc4j refuse it;
    /// DSS ignores the manifest); a signed file that went missing is CV's, not a format failure.
    static let manifestEntriesPresent = ASiCEFileRule(key: "BBB_FC_MANIFEST_ENTRIES", deferral: .toMissingData,
                                                      defects: { $0.container.findings(role: .ghostEntry) },
                                                      passMessage: "every manifest entry is in the container")
}

struct SignatureStructure: SignatureConstraint {
    let key = "BBB_FC_STRUCTURE"
    let subIndication: SubIndication? = .formatFailure
    func evaluate(_ context: SignatureContext) -> Check {
        .none(of: context.core.findings(role: .structure), else: "the XML signature is well structured")
    }
}

extension Check {
    /// Passes with `message` when there are no `problems`, else fails with `prefix` and the problems listed.
    static func none(of problems: [String], else message: String, failing prefix: String = "", separator: String = "; ") -> Check {
        problems.isEmpty ? .pass(message) : .fail(prefix + problems.joined(separator: separator))
    }

    /// Passes with `message` when there are no `findings`, else fails with `prefix` and their messages.
    static func none(of findings: [Finding], else message: String, failing prefix: String = "") -> Check {
        none(of: findings.map(\.message), else: message, failing: prefix)
    }
}

enum FormatChecking {
    static let block = BuildingBlock("FC") {
        SignatureStructure()
        AcceptedFormat()
        MimetypePresent()
        ASiCEFileRule.mimetypeContent
        SignedFilePresent()
        ASiCEFileRule.allFilesSigned
        ASiCEFileRule.manifestMediaTypeMatch
        ASiCEFileRule.manifestEntriesPresent
    }
}
