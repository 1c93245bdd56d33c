import Findings
import PKI
import XAdES

/// A validation policy: the level of each constraint, the formats accepted, the algorithm sunset
/// table and the OCSP timing limits. Built in: `default` (DSS's default policy) and `ee`
/// (SiVa POLv4: QES required, T/LT/LTA/LT-TM only, all files signed …).
public struct ValidationPolicy: Sendable {
    public var name: String
    public var description: String
    /// Constraint key → level; a key not listed uses the constraint's own default.
    public var levels: [String: ConstraintLevel]
    /// Formats accepted by `BBB_FC_IEFF`; nil accepts any.
    public var acceptedFormats: Set<String>?
    /// Seconds after the signature timestamp from which an OCSP response is late (warning) and too late (failure).
    public var ocspLateWarning: Int64
    public var ocspLateFailure: Int64
    /// Digest algorithm → date from which it no longer protects new material (nil = no expiry).
    /// An algorithm missing from the table is not acceptable at all.
    public var digestExpiry: [DigestAlgorithm: Int64?]
    /// Minimum key sizes.
    public var minRSABits: Int
    public var minECBits: Int
    /// RSA keys below this many bits expire at `rsaSmallKeyExpiry` (DSS: 1900 → 2029-01-01; 1024/1536 → 2019-10-01).
    public var rsaExpiry: [(belowBits: Int, expires: Int64)]

    public func level(_ key: String, default fallback: ConstraintLevel) -> ConstraintLevel {
        levels[key] ?? fallback
    }

    static func date(_ text: String) -> Int64 { ISOTime.parse(text + "T00:00:00Z") ?? 0 }

    /// DSS's default policy (constraint.xml), for the constraints this validator evaluates.
    public static let dssDefault = ValidationPolicy(
        name: "default",
        description: "DSS default validation policy (EN 319 102-1 as the EU reference implementation applies it)",
        levels: [
            "BBB_FC_IMFP_ASICE": .inform, "BBB_FC_IEMCF_ASICE": .warn, "BBB_FC_IAFS": .warn,
            "BBB_FC_MANIFEST_MIMETYPE": .warn, "BBB_XCV_ISCGKU": .warn, "QUAL_QES_REQUIRED": .ignore,
            "LTV_OCSP_LATE": .warn, "BBB_VCI_BDOC_POLICY": .warn, "BBB_FC_MANIFEST_ENTRIES": .warn,
        ],
        acceptedFormats: nil,
        ocspLateWarning: 15 * 60, ocspLateFailure: 0,
        digestExpiry: [.sha1: date("2012-08-01"), .sha224: date("2029-01-01"), .sha256: nil, .sha384: nil, .sha512: nil,
                       .sha3_256: nil, .sha3_384: nil, .sha3_512: nil],
        minRSABits: 786, minECBits: 160,
        rsaExpiry: [(1024, date("2010-08-01")), (1900, date("2019-10-01")), (3000, date("2029-01-01"))])

    /// SiVa's POLv4 as used for Estonian containers.
    public static let ee = ValidationPolicy(
        name: "ee",
        description: "Estonian policy (SiVa POLv4): QES required for signatures, T/LT/LTA/LT-TM only, every data file signed",
        levels: [
            "BBB_FC_IMFP_ASICE": .warn, "BBB_FC_IEMCF_ASICE": .warn, "BBB_FC_IAFS": .fail,
            "BBB_FC_MANIFEST_MIMETYPE": .fail, "BBB_XCV_ISCGKU": .fail, "QUAL_QES_REQUIRED": .fail,
            "LTV_OCSP_LATE": .fail, "BBB_VCI_BDOC_POLICY": .fail, "LTV_SIGNATURE_TIMESTAMP": .fail,
            "LTV_TM_RESPONDER": .fail, "BBB_FC_MANIFEST_ENTRIES": .fail,
        ],
        acceptedFormats: ["XAdES-BASELINE-T", "XAdES-BASELINE-LT", "XAdES-BASELINE-LTA", "XAdES-BASELINE-LT-TM"],
        ocspLateWarning: 15 * 60, ocspLateFailure: 24 * 3600,
        digestExpiry: [.sha1: nil, .sha224: date("2026-01-01"), .sha256: nil, .sha384: nil, .sha512: nil,
                       .sha3_256: nil, .sha3_384: nil, .sha3_512: nil],
        minRSABits: 1024, minECBits: 256,
        rsaExpiry: [])

    public static let builtIn: [String: ValidationPolicy] = ["default": .dssDefault, "ee": .ee]
}
