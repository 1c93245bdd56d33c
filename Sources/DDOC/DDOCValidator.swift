import Findings
import PKI

/// The outcome of validating one DDOC: its format, data files, signatures and the container verdict.
public struct DDOCValidation: Sendable {
    public let format: DigiDocFormat
    public let dataFiles: [(id: String, name: String, mimeType: String, hashcode: Bool)]
    public let signatures: [DDOCSignatureResult]
    /// SiVa's container-level validationWarnings (not counted against signatures).
    public let containerWarnings: [Finding]
    public let trustSource: String

    public enum Verdict: String, Sendable { case passed = "PASSED", failed = "FAILED", noSignature = "NO-SIGNATURE" }

    public var verdict: Verdict {
        if signatures.isEmpty { return .noSignature }
        return signatures.allSatisfy(\.passed) ? .passed : .failed
    }
}

/// Validates DDOC files offline, as SiVa does: trust anchored directly in SK certificates,
/// every signature an LT-TM time-mark signature.
public struct DDOCValidator: Sendable {
    public let trust: DDOCTrust

    public init(trust: DDOCTrust = .bundled) {
        self.trust = trust
    }

    /// True when `bytes` look like a DDOC (an XML document whose root is `SignedDoc`).
    public static func looksLikeDDOC(_ bytes: some Collection<UInt8>) -> Bool {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self)
        return head.contains("<SignedDoc") || head.contains(":SignedDoc")
    }

    public func validate(_ bytes: [UInt8]) throws(DDOCRejection) -> DDOCValidation {
        let file = try DigiDocFile.parse(bytes)
        let checks = DDOCSignatureChecks(file: file, trust: trust)
        let signatures = file.signatures.enumerated().map { checks.check($1, index: $0) }
        let warnings: [Finding] = signatures.isEmpty ? [] : [
            .warning("ddoc.sha1", "The algorithm SHA1 used in DDOC is no longer considered reliable for signature creation!"),
        ]
        return DDOCValidation(format: file.format, dataFiles: file.dataFiles.map { ($0.id, $0.fileName, $0.mimeType, $0.isHashcode) },
                              signatures: signatures, containerWarnings: warnings, trustSource: trust.source)
    }
}
