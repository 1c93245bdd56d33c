import PKI
import XMLSecurity

/// Something the signature names by digest: XML-DSig's `DigestMethod` + `DigestValue` pair, held by
/// a `ds:Reference` itself and by XAdES's `DigestAlgAndValueType` elements (CertDigest,
/// DigestAlgAndValue, SigPolicyHash). One reading and one algorithm lookup serve them all.
public protocol DigestedReference {
    /// The DigestMethod Algorithm URI; nil when absent.
    var digestMethod: String? { get }
    /// Base64-decoded DigestValue; nil when absent or not base64.
    var digestValue: [UInt8]? { get }
}

extension DigestedReference {
    public var digestAlgorithm: DigestAlgorithm? { digestMethod.flatMap(DigestAlgorithm.init(uri:)) }
}

/// The DigestMethod Algorithm and decoded DigestValue directly inside `element` (nil each when
/// the element or the child is absent, or the value is not base64).
func digestMethodAndValue(in element: XMLElement?) -> (method: String?, value: [UInt8]?) {
    (element?.ds("DigestMethod")?.attribute("Algorithm"), element?.ds("DigestValue").flatMap { Base64.decode($0.text) })
}
