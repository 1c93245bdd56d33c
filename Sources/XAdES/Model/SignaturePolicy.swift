import PKI
import XMLSecurity

/// `xades:SignaturePolicyIdentifier`: an explicit policy (EPES, BDOC time-mark) or an implied one.
public struct SignaturePolicy: Sendable {
    public let implied: Bool
    /// `SigPolicyId/Identifier` text (`urn:oid:1.3.6.1.4.1.10015.1000.3.2.1`).
    public let identifier: String?
    public let qualifier: String?
    public let description: String?
    public let digestMethod: String?
    public let digestValue: [UInt8]?
    /// `SigPolicyQualifiers/SigPolicyQualifier/SPURI`.
    public let spuri: String?

    /// The OID with any `urn:oid:` prefix removed.
    public var oid: String? {
        guard let identifier = identifier?.trimmingWhitespace else { return nil }
        return identifier.hasPrefix("urn:oid:") ? String(identifier.dropFirst(8)) : identifier
    }

    /// The BDOC 2.1 policy OIDs a time-mark signature must name (libdigidocpp `policylist`).
    public static let bdoc21OIDs: Set<String> = ["1.3.6.1.4.1.10015.1000.3.2.1", "1.3.6.1.4.1.10015.1000.3.2.3"]

    /// BDOC 2.1 policy OIDs that make a signature with OCSP a time-mark (LT-TM) signature.
    public static let bdocTimeMarkOIDs: Set<String> = [
        "1.3.6.1.4.1.10015.1000.3.2.1", "1.3.6.1.4.1.10015.1000.3.2.3", "1.3.6.1.4.1.10015.1000.3.1.1",
        "1.3.6.1.4.1.10015.1000.2.10.10",
    ]

    public var isBDOCTimeMark: Bool { oid.map(Self.bdocTimeMarkOIDs.contains) ?? false }

    init(_ element: XMLElement) {
        let policyId = element.xades("SignaturePolicyId")
        implied = element.xades("SignaturePolicyImplied") != nil
        let sigPolicyId = policyId?.xades("SigPolicyId")
        let identifierElement = sigPolicyId?.xades("Identifier")
        identifier = identifierElement?.text
        qualifier = identifierElement?.attribute("Qualifier")
        description = sigPolicyId?.xades("Description")?.text
        let hash = policyId?.xades("SigPolicyHash")
        digestMethod = hash?.ds("DigestMethod")?.attribute("Algorithm")
        digestValue = hash?.ds("DigestValue").flatMap { Base64.decode($0.text) }
        spuri = policyId?.xades("SigPolicyQualifiers")?.children(XMLNamespace.xades132, "SigPolicyQualifier")
            .compactMap { $0.xades("SPURI")?.text.trimmingWhitespace }.first
    }
}
