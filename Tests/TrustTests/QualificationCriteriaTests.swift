import Foundation
import PKI
import TestSupport
import Testing
@testable import Trust

/// Trusted-list qualifiers apply by their criteria. Criteria this validator does not evaluate
/// (none given, or otherCriteriaList) leave it unknown whether they match: then only qualifiers
/// that take qualification away apply; QCStatement, QCWithQSCD or QCForESig never do.
@Suite("Qualification criteria")
struct QualificationCriteriaTests {
    static func service(_ qualifications: [TrustedList.Qualification]) -> TrustedList.Service {
        let state = TrustedList.ServiceState(type: TrustedListURI.serviceTypePrefix + "CA/QC", name: "test CA",
                                             status: TrustedListURI.statusPrefix + "granted", statusStart: 0,
                                             additionalServiceInfo: [], qualifications: qualifications)
        return TrustedList.Service(provider: "test", providerKey: "ZZ test#0", current: state, history: [], certificates: [],
                                   subjectKeyIdentifiers: [])
    }

    static func qualify(_ name: String, _ qualifiers: [String], _ criteria: TrustedList.Criteria) throws -> Qualification {
        let certificate = try OwnVectors.certificate(name)
        let qualification = TrustedList.Qualification(qualifiers: qualifiers.map { TrustedListURI.qualifierPrefix + $0 }, criteria: criteria)
        let validation = ChainValidation(status: .trusted, chain: [], service: service([qualification]), serviceState: nil, anchor: nil,
                                         findings: [])
        return QualificationEvaluator.evaluate(certificate, validation: validation, signingTime: now)
    }

    @Test func unknownCriteriaNeverGrantQualification() throws {
        let baseline = try Self.qualify("signer-noqc", [], .unknown("none"))
        #expect(!baseline.isQualifiedCertificate)
        for criteria: TrustedList.Criteria in [.unknown("no CriteriaList"), .list(assert: "all", keyUsage: [], policySets: [], nested: [])] {
            let raised = try Self.qualify("signer-noqc", ["QCStatement", "QCWithQSCD", "QCForESig"], criteria)
            #expect(!raised.meetsQESRequirement, "\(raised.reasons)")
            #expect(raised.isQualifiedCertificate == false)
        }
    }

    @Test func unknownCriteriaStillTakeQualificationAway() throws {
        #expect(try Self.qualify("signer-p256", [], .unknown("none")).meetsQESRequirement)
        let lowered = try Self.qualify("signer-p256", ["NotQualified"], .unknown("otherCriteriaList"))
        #expect(!lowered.isQualifiedCertificate, "\(lowered.reasons)")
    }

    @Test func evaluatedCriteriaApplyBothWays() throws {
        let policies = try OwnVectors.certificate("signer-noqc").policyOIDs
        let matching = TrustedList.Criteria.list(assert: "atLeastOne", keyUsage: [], policySets: [policies], nested: [])
        let other = TrustedList.Criteria.list(assert: "atLeastOne", keyUsage: [], policySets: [["1.2.3.4.5"]], nested: [])
        #expect(try Self.qualify("signer-noqc", ["QCStatement", "QCWithQSCD"], matching).isQualifiedCertificate)
        #expect(try !Self.qualify("signer-noqc", ["QCStatement", "QCWithQSCD"], other).isQualifiedCertificate)
        // QCForESig alone sets the type, never the qualified status.
        #expect(try !Self.qualify("signer-noqc", ["QCForESig", "QCWithQSCD"], matching).isQualifiedCertificate)
    }
}
