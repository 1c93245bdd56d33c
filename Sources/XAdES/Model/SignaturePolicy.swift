import PKI
import XMLSecurity

/// `xades:SignaturePolicyIdentifier`: an explicit policy (EPES, BDOC time-mark) or an implied one.
public struct SignaturePolicy: Sendable, DigestedReference {
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
    public static let bdoc21OIDs: Set<String> = [BDOCPolicies.bdoc21, BDOCPolicies.bdoc21Revised]

    /// BDOC 2.1 policy OIDs that make a signature with OCSP a time-mark (LT-TM) signature.
    public static let bdocTimeMarkOIDs: Set<String> = [BDOCPolicies.bdoc21, BDOCPolicies.bdoc21Revised, BDOCPolicies.bdoc10,
                                                        BDOCPolicies.digiDocTimeMark]

    public var isBDOCTimeMark: Bool { oid.map(Self.bdocTimeMarkOIDs.contains) ?? false }

    init(_ element: XMLElement) {
        let policyId = element.xades("SignaturePolicyId")
        implied = element.xades("SignaturePolicyImplied") != nil
        let sigPolicyId = policyId?.xades("SigPolicyId")
        let identifierElement = sigPolicyId?.xades("Identifier")
        identifier = identifierElement?.text
        qualifier = identifierElement?.attribute("Qualifier")
        description = sigPolicyId?.xades("Description")?.text
        (digestMethod, digestValue) = digestMethodAndValue(in: policyId?.xades("SigPolicyHash"))
        spuri = policyId?.xades("SigPolicyQualifiers")?.children(XMLNamespace.xades132, "SigPolicyQualifier")
            .compactMap { $0.xades("SPURI")?.text.trimmingWhitespace }.first
    }
}

/// The BDOC policy identifiers and their documents, in one place (the signer writes them, the
/// validator checks them).
public enum BDOCPolicies {
    /// BDOC 2.1 (`urn:oid:1.3.6.1.4.1.10015.1000.3.2.1`).
    public static let bdoc21 = "1.3.6.1.4.1.10015.1000.3.2.1"
    /// BDOC 2.1, revised policy document.
    public static let bdoc21Revised = "1.3.6.1.4.1.10015.1000.3.2.3"
    /// BDOC 1.0-era time-mark policy.
    public static let bdoc10 = "1.3.6.1.4.1.10015.1000.3.1.1"
    /// DigiDoc time-mark profile.
    public static let digiDocTimeMark = "1.3.6.1.4.1.10015.1000.2.10.10"
    /// Where DigiDoc points the BDOC 2.1 policy (SPURI).
    public static let bdoc21SPURI = "https://www.sk.ee/repository/bdoc-spec21.pdf"

    /// Digests of the BDOC 2.1 policy documents (libdigidocpp `policylist`), base64.
    public static let documentDigests: [String: [DigestAlgorithm: String]] = [
        bdoc21: [.sha256: "3Tl1oILSvOAWomdI9VeWV6IA/32eSXRUri9kPEz1IVs=", .sha1: "gIHiaetEE94gbkCRygQ9WspxUdw="],
        bdoc21Revised: [.sha256: "ep8Ng0NXo+hG58oWow1XVPcs191tlphvqYFU13tkb6Y="],
    ]
}
