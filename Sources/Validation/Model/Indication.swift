/// EN 319 102-1 main indications, spelled as SiVa prints them.
public enum Indication: String, Sendable, Comparable {
    case totalPassed = "TOTAL-PASSED"
    case indeterminate = "INDETERMINATE"
    case totalFailed = "TOTAL-FAILED"

    public static func < (lhs: Indication, rhs: Indication) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .totalPassed: 0
        case .indeterminate: 1
        case .totalFailed: 2
        }
    }

    /// ETSI TS 119 102-2 URN.
    public var uri: String {
        switch self {
        case .totalPassed: "urn:etsi:019102:mainindication:total-passed"
        case .indeterminate: "urn:etsi:019102:mainindication:indeterminate"
        case .totalFailed: "urn:etsi:019102:mainindication:total-failed"
        }
    }
}

/// EN 319 102-1 sub-indications in DSS enum spelling.
public enum SubIndication: String, Sendable {
    case formatFailure = "FORMAT_FAILURE"
    case hashFailure = "HASH_FAILURE"
    case sigCryptoFailure = "SIG_CRYPTO_FAILURE"
    case revoked = "REVOKED"
    case expired = "EXPIRED"
    case notYetValid = "NOT_YET_VALID"
    case sigConstraintsFailure = "SIG_CONSTRAINTS_FAILURE"
    case chainConstraintsFailure = "CHAIN_CONSTRAINTS_FAILURE"
    case certificateChainGeneralFailure = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
    case cryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE"
    case cryptoConstraintsFailureNoPOE = "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
    case policyProcessingError = "POLICY_PROCESSING_ERROR"
    case signaturePolicyNotAvailable = "SIGNATURE_POLICY_NOT_AVAILABLE"
    case timestampOrderFailure = "TIMESTAMP_ORDER_FAILURE"
    case noSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND"
    case noCertificateChainFound = "NO_CERTIFICATE_CHAIN_FOUND"
    case noCertificateChainFoundNoPOE = "NO_CERTIFICATE_CHAIN_FOUND_NO_POE"
    case revokedNoPOE = "REVOKED_NO_POE"
    case revokedCANoPOE = "REVOKED_CA_NO_POE"
    case outOfBoundsNotRevoked = "OUT_OF_BOUNDS_NOT_REVOKED"
    case outOfBoundsNoPOE = "OUT_OF_BOUNDS_NO_POE"
    case noPOE = "NO_POE"
    case tryLater = "TRY_LATER"
    case signedDataNotFound = "SIGNED_DATA_NOT_FOUND"

    /// The main indication a failing block reports with this sub-indication.
    public var indication: Indication {
        switch self {
        case .formatFailure, .hashFailure, .sigCryptoFailure, .revoked, .expired, .notYetValid: .totalFailed
        default: .indeterminate
        }
    }

    /// ETSI TS 119 102-2 URN.
    public var uri: String {
        let words = rawValue.lowercased().split(separator: "_")
        return "urn:etsi:019102:subindication:" + words.enumerated().map { index, word in
            index == 0 ? String(word) : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }
}

/// The result of one building block (FC, ISC, VCI, XCV, CV, SAV) or process.
public enum BlockStatus: String, Sendable {
    case passed = "PASSED"
    case failed = "FAILED"
    case indeterminate = "INDETERMINATE"
    case notRun = "NOT_RUN"
}
