import Findings
import PKI

/// Signature qualification as DSS names it (TS 119 615): QESig, QESeal, AdESig-QC, AdESeal-QC,
/// AdESig, AdESeal, the Unknown-type variants, and N/A when no trusted list anchors the signer.
public struct Qualification: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case signature, seal, unknown
        /// A website authentication certificate (QcType web, QCForWSA): never for e-signatures.
        case web = "website authentication"
    }

    /// Whether a qualified certificate supports it, and whether the key was in a QSCD.
    public let isQualifiedCertificate: Bool
    public let isQSCD: Bool
    public let kind: Kind
    /// False when no trusted-list CA/QC service anchors the signer (then `name` is N/A).
    public let isApplicable: Bool
    /// How the answer was reached, for the report.
    public let reasons: [String]

    /// DSS spelling.
    public var name: String {
        guard isApplicable else { return "N/A" }
        switch (isQualifiedCertificate, isQSCD, kind) {
        case (_, _, .web): return "N/A"
        case (true, true, .signature): return "QESig"
        case (true, true, .seal): return "QESeal"
        case (true, true, .unknown): return "Unknown-QC-QSCD"
        case (true, false, .signature): return "AdESig-QC"
        case (true, false, .seal): return "AdESeal-QC"
        case (true, false, .unknown): return "Unknown-QC"
        case (false, _, .signature): return "AdESig"
        case (false, _, .seal): return "AdESeal"
        case (false, _, .unknown): return "AdES"
        }
    }

    /// QES for a signature, or a qualified seal (libdigidocpp and SiVa POLv4 accept seals without QSCD).
    public var meetsQESRequirement: Bool {
        isApplicable && isQualifiedCertificate && kind != .web && (isQSCD || kind == .seal)
    }

    public static let notApplicable = Qualification(isQualifiedCertificate: false, isQSCD: false, kind: .unknown, isApplicable: false,
                                             reasons: ["no trusted-list CA/QC service anchors the signer"])
}

/// Decides the qualification from the certificate's own statements and the trusted-list service
/// that issued it, as libdigidocpp (`X509CertStore::verify`) and DSS do: the service must be a
/// granted CA/QC at issuance and at signing time; its qualifiers (matched by their criteria) then
/// override what the certificate says.
public enum QualificationEvaluator {
    static let qcCompliance = "0.4.0.1862.1.1"
    static let qcSSCD = "0.4.0.1862.1.4"
    static let qcTypeSign = "0.4.0.1862.1.6.1"
    static let qcTypeSeal = "0.4.0.1862.1.6.2"
    static let qcTypeWeb = "0.4.0.1862.1.6.3"
    static let qcpNatural = "0.4.0.194112.1.0", qcpLegal = "0.4.0.194112.1.1"
    static let qcpNaturalQSCD = "0.4.0.194112.1.2", qcpLegalQSCD = "0.4.0.194112.1.3"
    static let legacyQCPPublicSSCD = "0.4.0.1456.1.1", legacyQCPPublic = "0.4.0.1456.1.2"
    static let eIDASDate = TrustedListURI.eIDASDate

    public static func evaluate(_ certificate: Certificate, validation: ChainValidation, signingTime: Int64) -> Qualification {
        guard let service = validation.service, service.shortType == "CA/QC" else { return .notApplicable }
        var reasons: [String] = []
        let policies = Set(certificate.policyOIDs)
        let statements = Set(certificate.qcStatements)
        var qc = statements.contains(qcCompliance) || !policies.isDisjoint(with: [qcpNatural, qcpLegal, qcpNaturalQSCD, qcpLegalQSCD,
                                                                               legacyQCPPublicSSCD, legacyQCPPublic])
        var qscd = statements.contains(qcSSCD) || !policies.isDisjoint(with: [qcpNaturalQSCD, qcpLegalQSCD, legacyQCPPublicSSCD])
        var kind: Qualification.Kind = .unknown
        let types = Set(certificate.qcTypes)
        if types.contains(qcTypeWeb) {
            kind = .web
        } else if types.contains(qcTypeSeal) || policies.contains(qcpLegal) || policies.contains(qcpLegalQSCD) {
            kind = .seal
        } else if types.contains(qcTypeSign) || policies.contains(qcpNatural) || policies.contains(qcpNaturalQSCD)
                    || policies.contains(legacyQCPPublicSSCD) {
            kind = .signature
        }
        reasons.append("certificate: \(qc ? "QC" : "no QC statement")\(qscd ? ", QSCD" : "")\(kind == .unknown ? "" : ", for e-\(kind.rawValue)")")

        // The service must be granted (TS 119 615's meaning at that date) when the certificate was
        // issued and when it was used.
        func isGrantedQC(_ state: TrustedList.ServiceState?, at time: Int64) -> Bool {
            state.map { $0.isGrantedForQualification(at: time) && TrustedListURI.shortType($0.type) == "CA/QC" } ?? false
        }
        guard let atIssuance = service.state(at: certificate.notBefore), isGrantedQC(atIssuance, at: certificate.notBefore) else {
            return Qualification(isQualifiedCertificate: false, isQSCD: false, kind: kind, isApplicable: true,
                                 reasons: reasons + ["\(service.current.name) was not a granted CA/QC when the certificate was issued"])
        }
        guard let atSigning = service.state(at: signingTime), isGrantedQC(atSigning, at: signingTime) else {
            return Qualification(isQualifiedCertificate: false, isQSCD: false, kind: kind, isApplicable: true,
                                 reasons: reasons + ["\(service.current.name) was not a granted CA/QC at signing time"])
        }
        // Before eIDAS applied (2016-07-01), qualified certificates were for signatures only (TS 119 615).
        if kind == .unknown && certificate.notBefore < eIDASDate {
            kind = .signature
            reasons.append("issued before eIDAS: a qualified certificate for signatures")
        }
        if kind == .unknown {
            if atIssuance.additionalServiceInfo.contains(where: { $0.hasSuffix("/ForeSignatures") }) { kind = .signature }
            if atIssuance.additionalServiceInfo.contains(where: { $0.hasSuffix("/ForeSeals") }) { kind = .seal }
        }
        // Qualifiers apply as the list stated them at issuance and at signing; both must agree.
        var results: [(qc: Bool, qscd: Bool, kind: Qualification.Kind)] = []
        for (moment, state) in [("at issuance", atIssuance), ("at signing time", atSigning)] {
            var (stateQC, stateQSCD, stateKind) = (qc, qscd, kind)
            for qualification in state.qualifications {
                // Unknown criteria: apply only what takes qualification away (fail closed).
                let match = matches(qualification.criteria, certificate, policies)
                if match == false { continue }
                let restrictiveOnly = match == nil
                for qualifier in qualification.qualifiers.map(TrustedListURI.shortQualifier) {
                    if restrictiveOnly && !["NotQualified", "QCNoSSCD", "QCNoQSCD", "QCForWSA"].contains(qualifier) { continue }
                    switch qualifier {
                    case "QCStatement": stateQC = true
                    case "NotQualified": stateQC = false
                    case "QCWithSSCD", "QCWithQSCD": stateQSCD = true
                    case "QCNoSSCD", "QCNoQSCD": stateQSCD = false
                    // QCForESig/QCForESeal/QCForWSA set the type only (DSS `QualificationByTL`):
                    // only QCStatement or NotQualified change whether the certificate is qualified.
                    case "QCForESig": if stateKind != .web { stateKind = .signature }
                    case "QCForESeal", "QCForLegalPerson": if stateKind != .web { stateKind = .seal }
                    case "QCForWSA": stateKind = .web
                    default: continue
                    }
                    reasons.append("trusted list qualifier \(qualifier) \(moment)\(restrictiveOnly ? " (criteria not evaluated: applied because it takes qualification away)" : "")")
                }
            }
            results.append((stateQC, stateQSCD, stateKind))
        }
        qc = results.allSatisfy(\.qc)
        qscd = results.allSatisfy(\.qscd)
        kind = results.last?.kind ?? kind
        return Qualification(isQualifiedCertificate: qc, isQSCD: qscd, kind: kind, isApplicable: true, reasons: reasons)
    }

    /// `ecc:CriteriaList`: key usage bits and policy sets, combined by `assert`; nil when it
    /// depends on criteria that are not evaluated (or there are none to evaluate).
    static func matches(_ criteria: TrustedList.Criteria, _ certificate: Certificate, _ policies: Set<String>) -> Bool? {
        guard case let .list(assert, keyUsage, policySets, nested) = criteria else { return nil }
        let usage = certificate.keyUsageNames
        var results: [Bool?] = keyUsage.map { usage.contains($0.bit) == $0.value }
        results += policySets.map { Set($0).isSubset(of: policies) }
        results += nested.map { matches($0, certificate, policies) }
        guard !results.isEmpty else { return nil }
        switch assert {
        case "atLeastOne":
            if results.contains(true) { return true }
            return results.contains(where: { $0 == nil }) ? nil : false
        case "none":
            if results.contains(true) { return false }
            return results.contains(where: { $0 == nil }) ? nil : true
        default:
            if results.contains(false) { return false }
            return results.contains(where: { $0 == nil }) ? nil : true
        }
    }
}
