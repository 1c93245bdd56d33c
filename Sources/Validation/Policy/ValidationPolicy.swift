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
    /// How long before the best-signature-time an OCSP response's thisUpdate may lie and still
    /// tell the status at that time (`BBB_RFC_IRIF`), unless that time is within its
    /// thisUpdate–nextUpdate window.
    public var revocationMaxAge: Int64 = 24 * 3600
    /// Constraints whose TOTAL-FAILED decides even when an earlier block is only INDETERMINATE:
    /// a time-mark of another signature (both policies), and under `ee`, as libdigidocpp, a forged
    /// or misplaced signature time-stamp, are errors whatever else could not be established.
    public var outranking: Set<String> = []

    public func level(_ key: String, default fallback: ConstraintLevel) -> ConstraintLevel {
        Self.protectedKeys.contains(key) ? .fail : (levels[key] ?? fallback)
    }

    /// Constraints no policy may lower below FAIL: without them nothing proves that this signer
    /// signed this data (signature value, reference integrity, signed data present, signed
    /// attributes signed, signer identified, the well-formedness those rest on, the time-mark binding).
    public static let protectedKeys: Set<String> = [
        "BBB_CV_ISI", "BBB_CV_IRDOI", "BBB_CV_IRDOF", "BBB_CV_ISFD", "BBB_SAV_SPR", "BBB_ICS_ISCI", "BBB_ICS_ISASCP",
        "BBB_FC_STRUCTURE", "LTV_TM_NONCE",
    ]

    static func date(_ text: String) -> Int64 { ISOTime.parse(text + "T00:00:00Z") ?? 0 }

    typealias LevelRow = (key: String, dssDefault: ConstraintLevel?, ee: ConstraintLevel?)

    /// The levels the built-in policies set, a row a constraint so the two read side by side
    /// (nil: the policy leaves the constraint at its own default).
    static let levelTable: [LevelRow] = [
        ("BBB_FC_IMFP_ASICE", .inform, .warn),
        ("BBB_FC_IEMCF_ASICE", .warn, .warn),
        ("BBB_FC_IAFS", .warn, .fail),
        ("BBB_FC_MANIFEST_MIMETYPE", .warn, .fail),
        ("BBB_FC_MANIFEST_ENTRIES", .warn, .fail),
        ("BBB_XCV_ISCGKU", .warn, .fail),
        ("BBB_VCI_BDOC_POLICY", .warn, .fail),
        ("QUAL_QES_REQUIRED", .ignore, .fail),
        ("LTV_OCSP_LATE", .warn, .fail),
        ("LTV_SIGNATURE_TIMESTAMP", nil, .fail),
        ("LTV_TM_RESPONDER", nil, .fail),
    ]

    static func builtInLevels(_ column: KeyPath<LevelRow, ConstraintLevel?>) -> [String: ConstraintLevel] {
        Dictionary(uniqueKeysWithValues: levelTable.compactMap { row in row[keyPath: column].map { (row.key, $0) } })
    }

    /// DSS's default policy (constraint.xml), for the constraints this validator evaluates.
    public static let dssDefault = ValidationPolicy(
        name: "default",
        description: "DSS default validation policy (EN 319 102-1 as the EU reference implementation applies it)",
        levels: builtInLevels(\.dssDefault),
        acceptedFormats: nil,
        ocspLateWarning: 15 * 60, ocspLateFailure: 0,
        digestExpiry: [.sha1: date("2012-08-01"), .sha224: date("2029-01-01"), .sha256: nil, .sha384: nil, .sha512: nil,
                       .sha3_256: nil, .sha3_384: nil, .sha3_512: nil],
        minRSABits: 786, minECBits: 160,
        rsaExpiry: [(1024, date("2010-08-01")), (1900, date("2019-10-01")), (3000, date("2029-01-01"))],
        outranking: ["LTV_TM_NONCE"])

    /// SiVa's POLv4 as used for Estonian containers.
    public static let ee = ValidationPolicy(
        name: "ee",
        description: "Estonian policy (SiVa POLv4): QES required for signatures, T/LT/LTA/LT-TM only, every data file signed",
        levels: builtInLevels(\.ee),
        acceptedFormats: ["XAdES-BASELINE-T", "XAdES-BASELINE-LT", "XAdES-BASELINE-LTA", "XAdES-BASELINE-LT-TM"],
        ocspLateWarning: 15 * 60, ocspLateFailure: 24 * 3600,
        digestExpiry: [.sha1: nil, .sha224: date("2026-01-01"), .sha256: nil, .sha384: nil, .sha512: nil,
                       .sha3_256: nil, .sha3_384: nil, .sha3_512: nil],
        minRSABits: 1024, minECBits: 256,
        rsaExpiry: [],
        outranking: ["LTV_TM_NONCE", "LTV_SIGNATURE_TIMESTAMP"])

    /// SiVa's POLv3: the Estonian rules, but any legal qualification level is accepted (no QES
    /// requirement).
    public static let eeAnyLevel: ValidationPolicy = {
        var policy = ValidationPolicy.ee
        policy.name = "ee-polv3"
        policy.description = "Estonian policy as SiVa POLv3: the ee rules, any qualification level accepted"
        policy.levels["QUAL_QES_REQUIRED"] = .ignore
        return policy
    }()

    public static let builtIn: [String: ValidationPolicy] = ["default": .dssDefault, "ee": .ee, "ee-polv3": .eeAnyLevel]
}
