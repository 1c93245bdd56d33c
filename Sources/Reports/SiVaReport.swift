import ASiC
import DDOC
import Findings
import PKI
import Trust
import Validation
import XAdES

/// SiVa's report shape (`validationReport.validationConclusion`, SiVa 3 interfaces), so a SiVa
/// client reads our verdicts unchanged: the same field names, indications in the hyphen form,
/// `signatureFormat` in SiVa's spelling (`XAdES_BASELINE_LT_TM`) and `signatureLevel` in its
/// enumeration (`QESIG`, `INDETERMINATE_QESIG`, `NOT_ADES_QC` …). Our own fields are added
/// beside SiVa's (`verdict`, `subIndication` keys, `asicReport` in Detailed).
public struct SiVaReport: Sendable {
    /// How SiVa names the policy the validation ran under.
    public struct Policy: Sendable {
        public let name: String
        public let description: String
        public let url: String

        public static let polv3 = Policy(name: "POLv3", description: "Policy for validating Electronic Signatures and Electronic Seals regardless of the legal type of the signature or seal (according to Regulation (EU) No 910/2014), i.e. the fact that the electronic signature or electronic seal is either Advanced electronic Signature (AdES), AdES supported by a Qualified Certificate (AdES/QC) or a Qualified electronic Signature (QES) does not change the total validation result of the signature.",
                                         url: "http://open-eid.github.io/SiVa/siva3/appendix/validation_policy/#POLv3")
        public static let polv4 = Policy(name: "POLv4", description: "Policy according most common requirements of Estonian Public Administration, to validate Qualified Electronic Signatures and Electronic Seals with Qualified Certificates (according to Regulation (EU) No 910/2014, aka eIDAS). I.e. signatures that have been recognized as Advanced electronic Signatures (AdES) and AdES supported by a Qualified Certificate (AdES/QC) do not produce a positive validation result.",
                                         url: "http://open-eid.github.io/SiVa/siva3/appendix/validation_policy/#POLv4")

        /// The policy as SiVa would name it: ours when it is not one of SiVa's.
        public static func of(_ policy: ValidationPolicy) -> Policy {
            switch policy.name {
            case ValidationPolicy.ee.name: .polv4
            case ValidationPolicy.eeAnyLevel.name: .polv3
            default: Policy(name: policy.name, description: policy.description, url: "")
            }
        }
    }

    /// The document as the client sent it: its name and, when known, its SHA-256.
    public struct Document: Sendable {
        public let filename: String
        public let sha256: [UInt8]?

        public init(filename: String, sha256: [UInt8]?) {
            self.filename = filename
            self.sha256 = sha256
        }
    }

    /// What was validated: one document, or (hashcode requests) one input per signature file.
    public let inputs: [ValidatedInput]
    /// The document as sent; nil for hashcode requests (only signatures and digests were sent).
    public let document: Document?
    public let policy: Policy
    /// Detailed adds each signature's building blocks and the constraint that decided it.
    public let detailed: Bool

    public init(input: ValidatedInput, document: Document, policy: Policy, detailed: Bool = false) {
        self.init(inputs: [input], document: document, policy: policy, detailed: detailed)
    }

    public init(inputs: [ValidatedInput], document: Document?, policy: Policy, detailed: Bool = false) {
        self.inputs = inputs
        self.document = document
        self.policy = policy
        self.detailed = detailed
    }

    /// The verdict over every input: the one whose exit code ranks worst (3 > 1 > 2 > 0, as a
    /// batch's exit code), so one failed signature file is never hidden behind a passed one.
    public var verdict: String {
        guard var worst = inputs.first else { return "NO-SIGNATURE" }
        for input in inputs.dropFirst() where ValidatedInput.combinedExitCode(worst.exitCode, input.exitCode) != worst.exitCode {
            worst = input
        }
        return worst.verdict
    }

    /// `{"validationReport": {"validationConclusion": …}}`.
    public var json: JSON {
        var conclusion: [(String, JSON)] = [
            ("policy", .object([("policyDescription", .string(policy.description)), ("policyName", .string(policy.name)),
                                ("policyUrl", .string(policy.url))])),
            ("signaturesCount", .int(Int64(inputs.map { Self.counts($0).all }.reduce(0, +)))),
            ("validSignaturesCount", .int(Int64(inputs.map { Self.counts($0).valid }.reduce(0, +)))),
            ("validationLevel", .string("ARCHIVAL_DATA")),
            ("validationTime", .string(inputs.first.map { ISOTime.format(Self.validationTime($0)) })),
            ("validationWarnings", .array(inputs.flatMap(Self.containerWarnings).map { .object([("content", .string($0))]) })),
        ]
        if let document {
            conclusion.append(("validatedDocument", .object([("filename", .string(document.filename))]
                + (document.sha256.map { [("fileHash", .string(Base64.encode($0))), ("hashAlgo", .string("SHA256"))] } ?? []))))
        }
        conclusion.append(("signatureForm", .string(inputs.first.flatMap(Self.signatureForm))))
        conclusion.append(("signatures", .array(inputs.flatMap(signatures))))
        let tokens = inputs.flatMap { input -> [TokenValidation] in
            if case let .container(result) = input { return result.tokens }
            return []
        }
        if !tokens.isEmpty { conclusion.append(("timeStampTokens", .array(tokens.map(Self.token)))) }
        conclusion.append(("verdict", .string(verdict)))
        var report: [(String, JSON)] = [("validationConclusion", .object(conclusion))]
        if detailed { report.append(("asicReport", inputs.count == 1 ? inputs[0].json : .array(inputs.map(\.json)))) }
        return .object([("validationReport", .object(report))])
    }

    // MARK: Conclusion fields

    private static func validationTime(_ input: ValidatedInput) -> Int64 {
        switch input {
        case let .container(result): result.validationTime
        case let .ddoc(report): report.validationTime
        }
    }

    private static func counts(_ input: ValidatedInput) -> (all: Int, valid: Int) {
        switch input {
        // Every signature that passed carries a container failure: none is then valid.
        case let .container(result): (result.signatureCount, containerFailure(result) == nil ? result.validCount : 0)
        case let .ddoc(report): (report.validation?.signatures.count ?? 0, report.validation?.signatures.filter(\.passed).count ?? 0)
        }
    }

    private static func containerWarnings(_ input: ValidatedInput) -> [String] {
        switch input {
        case let .container(result): (result.document?.container.findings ?? []).filter { $0.level == .warning }.map(\.message)
        case let .ddoc(report): (report.validation?.containerWarnings ?? []).map(\.message)
        }
    }

    private static func signatureForm(_ input: ValidatedInput) -> String? {
        switch input {
        case let .container(result): result.document?.container.type.rawValue
        case let .ddoc(report): report.validation?.signatures.first?.signatureForm
            ?? report.validation.map { $0.format.signatureFormat }
        }
    }

    /// A container that fails as a whole (a file no signature covers, a manifest entry twice, a
    /// wrapped DDOC that fails …): SiVa's clients read the signatures and the valid count, and SiVa
    /// itself fails the signature for such defects (AllFilesSigned), so each signature that passed
    /// on its own carries the container's indication and reasons here, whatever the others did
    /// (one failing signature must not leave another shown valid in a failed container).
    /// Nil when the container has no failure of its own.
    static func containerFailure(_ result: ContainerValidation) -> (indication: String, reasons: [String])? {
        let failures = result.judgement.containerFailures
        guard result.verdict == .failed, result.error == nil, result.signatureCount > 0, !failures.isEmpty else { return nil }
        return (Indication.totalFailed.rawValue, failures)
    }

    private func signatures(_ input: ValidatedInput) -> [JSON] {
        switch input {
        case let .container(result):
            let failure = Self.containerFailure(result)
            return result.signatures.map { signature($0, containerFailure: $0.indication == .totalPassed ? failure : nil) }
        case let .ddoc(report):
            return (report.validation?.signatures ?? []).map(Self.ddocSignature)
        }
    }

    // MARK: One signature

    private func signature(_ validation: SignatureValidation, containerFailure: (indication: String, reasons: [String])?) -> JSON {
        let core = validation.context.core
        let signature = core.signature
        var members: [(String, JSON)] = [
            ("id", .string(signature.id ?? signature.label)),
            ("signatureFormat", .string(Self.sivaFormat(core.profile.rawValue))),
            ("signatureMethod", .string(signature.signatureMethod)),
            ("signatureLevel", .string(Self.sivaLevel(validation.qualificationLabel))),
            ("signedBy", .string(core.signer.map(SignerName.display))),
            ("subjectDistinguishedName", core.signer.map(Self.subjectName) ?? .null),
            ("claimedSigningTime", .string(signature.signingTime)),
            ("indication", .string(containerFailure?.indication ?? validation.indication.rawValue)),
            ("subIndication", .string(validation.subIndication?.rawValue)),
            ("errors", .array(Self.contentItems(validation.findings.filter { $0.level == .error })
                + (containerFailure?.reasons ?? []).map { .object([("content", .string($0)), ("key", .string("container"))]) })),
            ("warnings", Self.contents(validation.findings.filter { $0.level == .warning })),
            ("signatureScopes", .array(core.references.filter { $0.kind == .dataObject && $0.found }.map { reference in
                .object([("name", .string(reference.target ?? reference.uri)), ("scope", .string("FULL")),
                         ("content", .string("Full document"))])
            })),
            ("certificates", .array(Self.certificates(validation))),
            ("info", .object(info(validation))),
        ]
        if detailed, let decision = validation.decision {
            members.append(("decidedBy", .object([("block", .string(decision.block)), ("key", .string(decision.constraint.key)),
                                                  ("message", .string(decision.constraint.message))])))
        }
        return .object(members)
    }

    private func info(_ validation: SignatureValidation) -> [(String, JSON)] {
        let context = validation.context
        let signature = context.core.signature
        var info: [(String, JSON)] = [("bestSignatureTime", .string(ISOTime.format(context.bestSignatureTime)))]
        if let stamp = context.timestamps.first(where: { $0.kind == .signature }), let time = stamp.genTime {
            info.append(("timestampCreationTime", .string(ISOTime.format(time))))
        }
        if let answer = context.revocationAnswer, let produced = answer.producedAt {
            info.append(("ocspResponseCreationTime", .string(ISOTime.format(produced))))
        }
        if !signature.claimedRoles.isEmpty {
            info.append(("signerRole", .array(signature.claimedRoles.map { .object([("claimedRole", .string($0))]) })))
        }
        if let place = signature.productionPlace {
            info.append(("signatureProductionPlace", .object([
                ("countryName", .string(place.countryName)), ("stateOrProvince", .string(place.stateOrProvince)),
                ("city", .string(place.city)), ("postalCode", .string(place.postalCode)),
            ])))
        }
        return info
    }

    private static func certificates(_ validation: SignatureValidation) -> [JSON] {
        var items: [JSON] = []
        if let signer = validation.context.core.signer { items.append(certificate(signer, type: "SIGNING")) }
        for stamp in validation.context.timestamps {
            guard let tsa = stamp.tsa else { continue }
            let type = stamp.kind == .archive ? "ARCHIVE_TIMESTAMP" : "SIGNATURE_TIMESTAMP"
            items.append(certificate(tsa, type: type))
        }
        if let responder = validation.context.revocationAnswer?.responder { items.append(certificate(responder, type: "REVOCATION")) }
        return items
    }

    private static func certificate(_ certificate: Certificate, type: String) -> JSON {
        .object([("commonName", .string(certificate.subjectAttribute("CN"))), ("type", .string(type)),
                 ("content", .string(Base64.encode(certificate.der)))])
    }

    private static func subjectName(_ certificate: Certificate) -> JSON {
        .object([("serialNumber", .string(certificate.subjectAttribute("serialNumber"))),
                 ("commonName", .string(certificate.subjectAttribute("CN"))),
                 ("givenName", .string(certificate.subjectAttribute("GN"))),
                 ("surname", .string(certificate.subjectAttribute("SN")))])
    }

    private static func contents(_ findings: [Finding]) -> JSON { .array(contentItems(findings)) }

    private static func contentItems(_ findings: [Finding]) -> [JSON] {
        findings.map { .object([("content", .string($0.message)), ("key", .string($0.key))]) }
    }

    private static func token(_ token: TokenValidation) -> JSON {
        .object([
            ("indication", .string(token.indication.rawValue)),
            ("subIndication", .string(token.subIndication?.rawValue)),
            ("signedBy", .string(token.token.tsa.map(SignerName.display))),
            ("signedTime", .string(token.token.genTime.map(ISOTime.format))),
            ("errors", contents(token.findings.filter { $0.level == .error })),
            ("warnings", contents(token.findings.filter { $0.level == .warning })),
            ("timestampScopes", .array(token.token.covered.map { [.object([("name", .string($0)), ("scope", .string("FULL")),
                                                                            ("content", .string("Full document"))])] } ?? [])),
            ("timestampLevel", .string(token.tsaValidation?.isTrusted == true ? "QTSA" : "TSA")),
        ])
    }

    private static func ddocSignature(_ signature: DDOCSignatureResult) -> JSON {
        .object([
            ("id", .string(signature.id)),
            ("signatureFormat", .string(signature.signatureFormat)),
            ("signatureMethod", .string("http://www.w3.org/2000/09/xmldsig#rsa-sha1")),
            ("signatureLevel", .string("")),
            ("signedBy", .string(signature.signer.map(SignerName.display))),
            ("subjectDistinguishedName", signature.signer.map(subjectName) ?? .null),
            ("claimedSigningTime", .string(signature.claimedSigningTime.map(ISOTime.format))),
            ("indication", .string(signature.indication)),
            ("errors", contents(signature.errors)),
            ("warnings", contents(signature.warnings)),
            ("signatureScopes", .array(signature.references.filter(\.found).map { reference in
                .object([("name", .string(reference.uri)), ("scope", .string("FullSignatureScope")), ("content", .string("Digest of the document content"))])
            })),
            ("certificates", .array([signature.signer.map { certificate($0, type: "SIGNING") },
                                     signature.responder.map { certificate($0, type: "REVOCATION") }].compactMap { $0 })),
            ("info", .object([("bestSignatureTime", .string(signature.bestSignatureTime.map(ISOTime.format)))])),
        ])
    }

    // MARK: SiVa's spellings

    /// `XAdES-BASELINE-LT-TM` → `XAdES_BASELINE_LT_TM`.
    static func sivaFormat(_ format: String) -> String { format.replacing("-", with: "_") }

    /// DSS's qualification label → SiVa's `signatureLevel`.
    static func sivaLevel(_ label: String) -> String {
        let names: [String: String] = [
            "QESig": "QESIG", "QESeal": "QESEAL", "Unknown-QC-QSCD": "QES", "AdESig-QC": "ADESIG_QC", "AdESeal-QC": "ADESEAL_QC",
            "Unknown-QC": "ADES_QC", "AdESig": "ADESIG", "AdESeal": "ADESEAL", "AdES": "ADES", "N/A": "NA",
            "Not AdES but QC with QSCD": "NOT_ADES_QC_QSCD", "Not AdES but QC": "NOT_ADES_QC", "Not AdES": "NOT_ADES",
        ]
        if let name = names[label] { return name }
        if label.hasPrefix("Indeterminate "), let name = names[String(label.dropFirst("Indeterminate ".count))] {
            return "INDETERMINATE_" + name
        }
        return label.uppercased().replacing("-", with: "_")
    }
}
