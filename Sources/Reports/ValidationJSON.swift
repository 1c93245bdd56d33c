import ASiC
import Findings
import PKI
import Trust
import Validation
import XAdES

/// The contract's JSON report (`../shared/docs/contract.md`), one object per input, plus the
/// building-block details, the chain and the qualification reasons.
extension ContainerValidation {
    public var json: JSON {
        let containerFindings = (document?.container.findings ?? error?.findings ?? [])
        let members: [(String, JSON)] = [
            ("file", .string(file)),
            ("containerType", .string(document?.container.type.rawValue)),
            ("processable", .bool(error == nil)),
            ("error", error.map { .object([("key", .string($0.key)), ("message", .string($0.message))]) } ?? .null),
            ("validationTime", .string(ISOTime.format(validationTime))),
            ("policy", .object([("name", .string(policy.name)), ("description", .string(policy.description))])),
            ("verdict", .string(verdict.rawValue)),
            ("verdictReasons", .array(judgement.reasons.map(JSON.string))),
            ("signaturesCount", .int(signatureCount)),
            ("validSignaturesCount", .int(validCount)),
            ("containerFindings", .array(containerFindings.map(\.json))),
            ("signatures", .array(signatures.map(\.json) + tokens.enumerated().map { $1.json(index: $0) })),
        ] + (wrappedDDOC.map { wrapped in
            // TeRa: the DDOC inside, validated as of the time-stamp, in the DDOC report's shape.
            [("wrappedDDOC", .object([("name", .string(wrapped.name)),
                                      ("provenAt", .string(wrapped.provenAt.map(ISOTime.format))),
                                      ("report", DDOCReport(file: wrapped.name, validation: wrapped.validation, error: wrapped.rejection,
                                                            validationTime: validationTime).json)]))]
        } ?? [])
        return .object(members)
    }
}

extension SignatureValidation {
    public var json: JSON {
        let core = context.core
        let signature = core.signature
        let blocksJSON: [(String, JSON)] = ["FC", "ISC", "VCI", "XCV", "CV", "SAV", "LTV", "QUAL"].map { name in
            (name, .string(block(name)?.status.rawValue ?? BlockStatus.notRun.rawValue))
        }
        return .object([
            ("id", .string(signature.label)),
            ("signatureFile", .string(signature.file)),
            ("format", .string(core.profile.rawValue)),
            ("profileName", .string(Profile.ecosystemName(signature))),
            ("indication", .string(indication.rawValue)),
            ("subIndication", .string(subIndication?.rawValue)),
            ("indicationURI", .string(indication.uri)),
            ("subIndicationURI", .string(subIndication?.uri)),
            ("qualification", .string(qualificationLabel)),
            ("qualificationReasons", .array(context.qualification.reasons.map(JSON.string))),
            ("signedBy", .string(core.signer.map(SignerName.display))),
            ("signerCertificate", core.signer?.json ?? .null),
            ("claimedSigningTime", .string(signature.signingTime)),
            ("bestSignatureTime", .string(ISOTime.format(context.bestSignatureTime))),
            ("bestSignatureTimeProven", .bool(context.proofOfExistence != nil)),
            ("blocks", .object(blocksJSON)),
            ("decidedBy", decision.map { decision in
                .object([("block", .string(decision.block)), ("key", .string(decision.constraint.key)),
                         ("outcome", .string(decision.constraint.outcome.rawValue)), ("message", .string(decision.constraint.message))])
            } ?? .null),
            ("references", .array(core.references.map(\.json))),
            ("signatureIntact", core.signatureIntact.map(JSON.bool) ?? .null),
            ("signatureMethod", .string(core.signatureAlgorithm?.name ?? signature.signatureMethod)),
            ("timestamps", .array(context.timestamps.map { stamp in
                .object([
                    ("type", .string(stamp.kind.rawValue)),
                    ("time", .string(stamp.genTime.map(ISOTime.format))),
                    ("intact", .bool(stamp.integrity == .ok)),
                    ("trusted", .bool(stamp.tsaValidation?.isTrusted ?? false)),
                    ("tsa", .string(stamp.tsa?.subject)),
                ])
            })),
            ("revocation", .array(context.revocation.filter { $0.producedAt != nil }.map { evidence in
                .object([
                    ("type", .string(evidence.source.rawValue)),
                    ("producedAt", .string(evidence.producedAt.map(ISOTime.format))),
                    ("thisUpdate", .string(evidence.status?.thisUpdate.map(ISOTime.format))),
                    ("nextUpdate", .string(evidence.status?.nextUpdate.map(ISOTime.format))),
                    ("status", .string(evidence.status.map { Self.describe($0.status) })),
                    (evidence.source == .crl ? "issuer" : "responder", .string(evidence.responder?.subject)),
                    ("trusted", .bool(evidence.responderTrusted)),
                    ("fetched", .bool(evidence.fetched)),
                    ("used", .bool(context.revocationAnswer.map { $0.der != nil && $0.der == evidence.der } ?? false)),
                ])
            })),
            ("chain", .array((context.signerChain?.chain ?? []).map { element in
                .object([
                    ("subject", .string(element.certificate.subject)),
                    ("issuer", .string(element.certificate.issuer)),
                    ("serial", .string(element.certificate.serialDecimal)),
                    ("notBefore", .string(ISOTime.format(element.certificate.notBefore))),
                    ("notAfter", .string(ISOTime.format(element.certificate.notAfter))),
                    ("sha256", .string(element.certificate.sha256Hex)),
                    ("trustedBy", .string(element.trustedBy)),
                ])
            })),
            ("signerRoles", .array(signature.claimedRoles.map(JSON.string))),
            ("productionPlace", .string(signature.productionPlace?.summary)),
            ("findings", .array(findings.map(\.json))),
        ])
    }

    static func describe(_ status: OCSPResponse.CertificateStatus) -> String {
        switch status {
        case .good: "good"
        case .revoked: "revoked"
        case .unknown: "unknown"
        case .unreadable: "unreadable"
        }
    }
}

extension TokenValidation {
    func json(index: Int) -> JSON {
        let trusted = tsaValidation?.isTrusted ?? false
        return .object([
            ("id", .string("T\(index)")),
            ("signatureFile", .string(token.file)),
            ("format", .string("ASiC-S-TIMESTAMP")),
            ("indication", .string(indication.rawValue)),
            ("subIndication", .string(subIndication?.rawValue)),
            ("qualification", .string(trusted ? "QTSA" : "N/A")),
            ("signedBy", .string(token.tsa.map(SignerName.display))),
            ("signerCertificate", token.tsa?.json ?? .null),
            ("claimedSigningTime", .string(token.genTime.map(ISOTime.format))),
            ("bestSignatureTime", .string(token.genTime.map(ISOTime.format))),
            ("blocks", .object([
                ("FC", .string("PASSED")), ("ISC", .string(token.tsa == nil ? "INDETERMINATE" : "PASSED")), ("VCI", .string("NOT_RUN")),
                ("XCV", .string(trusted ? "PASSED" : "INDETERMINATE")),
                ("CV", .string(token.crypto == .ok ? "PASSED" : (token.crypto == .notFound ? "INDETERMINATE" : "FAILED"))),
                ("SAV", .string("NOT_RUN")),
            ])),
            ("references", .array([.object([
                ("uri", .string(token.covered)), ("kind", .string("data")), ("digestAlgorithm", .null),
                ("found", .bool(token.covered != nil)), ("intact", .bool(token.imprintMatches)),
            ])])),
            ("signatureIntact", token.signatureIntact.map(JSON.bool) ?? .null),
            ("timestamps", .array([.object([
                ("type", .string("container")), ("time", .string(token.genTime.map(ISOTime.format))),
                ("intact", .bool(token.crypto == .ok)), ("trusted", .bool(trusted)), ("tsa", .string(token.tsa?.subject)),
            ])])),
            ("revocation", .array([])),
            ("findings", .array(findings.map(\.json))),
        ])
    }
}
