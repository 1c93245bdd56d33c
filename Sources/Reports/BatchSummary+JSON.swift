import PKI
import Validation
#if canImport(FoundationEssentials)
import FoundationEssentials // JSONDecoder, already linked by ArgumentParser; Foundation would add ICU
#else
import Foundation
#endif

extension BatchSummary {
    /// What a batch summary takes back from one line of `asic validate --format json` (a container's
    /// or a DDOC file's report), so that reports written apart (shards, several runs) are summed up
    /// as one run of all their files would have been: the same entry `Entry(result)` or
    /// `DDOCReport.summaryEntry` builds from the live result.
    public struct ReportLine: Sendable {
        public let entry: Entry
        /// The input the report is of, as the report names it.
        public let file: String
        /// The report's policy name ("ddoc" for a DDOC file).
        public let policy: String
        /// Whether the line is a DDOC file's report (it has `ddocFormat`, null or not).
        public let isDDOC: Bool
        /// The time the input was validated as of.
        public let validationTime: Int64?

        /// Why a line is not a report object.
        public struct Invalid: Error, CustomStringConvertible {
            public let description: String
        }

        /// Reads one JSON Lines line.
        public init(json line: String) throws(Invalid) {
            let report: Report
            do { report = try JSONDecoder().decode(Report.self, from: Data(line.utf8)) } catch {
                throw Invalid(description: Self.reason(error))
            }
            guard ContainerVerdict(rawValue: report.verdict) != nil else {
                throw Invalid(description: "unknown verdict '\(report.verdict)'")
            }
            isDDOC = report.isDDOC
            file = report.file
            policy = report.policy?.name ?? ""
            validationTime = report.validationTime.flatMap(ISOTime.parse)
            let details = report.signatures.map { $0.indication + ($0.subIndication.map { "/" + $0 } ?? "") }
            if report.isDDOC {
                // DDOCReport.summaryEntry: no sub-indications; every signature has a signer; the first
                // of its reasons, which the JSON gives as verdictReasons (empty only when PASSED, and
                // then the reasons are empty too; the error when not processable).
                entry = Entry(verdict: report.verdict, subIndications: [],
                              row: BatchSummary.row([report.file, report.verdict, report.signatures.map(\.indication).joined(separator: ", "),
                                                     report.signatures.map { $0.signedBy ?? "unknown" }.joined(separator: "; "),
                                                     report.verdictReasons.first ?? ""]))
            } else {
                // Entry(result): signatures then the ASiC-S time-stamp tokens, in the JSON's order too;
                // only the signatures name signers (the tokens' TSA does not count).
                let signers = report.signatures.filter { $0.format != Self.tokenFormat }.map { $0.signedBy ?? "unknown" }
                entry = Entry(verdict: report.verdict, subIndications: report.signatures.compactMap(\.subIndication),
                              row: BatchSummary.row([report.file, report.verdict, details.joined(separator: ", "), signers.joined(separator: "; "),
                                                     report.error?.message ?? report.verdictReasons.first ?? ""]))
            }
        }

        /// The `format` of a time-stamp token's entry in `signatures` (TokenValidation.json).
        static let tokenFormat = "ASiC-S-TIMESTAMP"

        /// The fields read; any other is left alone, so later reports with more fields still read.
        private struct Report: Decodable {
            struct Policy: Decodable { let name: String }
            struct Failure: Decodable { let message: String }
            struct Signature: Decodable {
                let format: String?
                let indication: String
                let subIndication: String?
                let signedBy: String?
            }
            let file: String
            let verdict: String
            let error: Failure?
            let verdictReasons: [String]
            let validationTime: String?
            let policy: Policy?
            let signatures: [Signature]
            let isDDOC: Bool

            enum CodingKeys: String, CodingKey {
                case file, verdict, error, verdictReasons, validationTime, policy, signatures, ddocFormat
            }

            init(from decoder: any Decoder) throws {
                let object = try decoder.container(keyedBy: CodingKeys.self)
                file = try object.decode(String.self, forKey: .file)
                verdict = try object.decode(String.self, forKey: .verdict)
                error = try object.decodeIfPresent(Failure.self, forKey: .error)
                verdictReasons = try object.decode([String].self, forKey: .verdictReasons)
                validationTime = try object.decodeIfPresent(String.self, forKey: .validationTime)
                policy = try object.decodeIfPresent(Policy.self, forKey: .policy)
                signatures = try object.decode([Signature].self, forKey: .signatures)
                isDDOC = object.contains(.ddocFormat)
            }
        }

        /// A short reason: the missing or mistyped field, or that the line is not JSON.
        private static func reason(_ error: any Error) -> String {
            func dotted(_ keys: [any CodingKey]) -> String {
                keys.enumerated().map { index, key in key.intValue.map { "[\($0)]" } ?? (index == 0 ? "" : ".") + key.stringValue }.joined()
            }
            switch error {
            case let DecodingError.keyNotFound(key, context): return "not a report object: no \(dotted(context.codingPath + [key]))"
            case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
                return context.codingPath.isEmpty ? "not a JSON object" : "not a report object: \(dotted(context.codingPath)) has the wrong type"
            default: return "not a JSON object"
            }
        }
    }
}
