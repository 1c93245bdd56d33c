internal import COpenSSL

/// OpenSSL's implementation of each digest, fetched from the default provider once per process
/// and kept for its life. `EVP_get_digestbyname` hands out a legacy object, and every
/// `EVP_DigestInit_ex` or `EVP_DigestVerifyInit` with one fetches the implementation again through
/// the provider's method store and its read lock: a lock per digest and per signature check,
/// shared by all workers.
struct FetchedDigests: @unchecked Sendable {
    private let implementations: [DigestAlgorithm: OpaquePointer]

    static let shared = FetchedDigests()

    private init() {
        var implementations: [DigestAlgorithm: OpaquePointer] = [:]
        for algorithm in DigestAlgorithm.allCases {
            implementations[algorithm] = EVP_MD_fetch(nil, algorithm.openSSLName, nil)
        }
        self.implementations = implementations
    }

    /// The fetched `EVP_MD`, or nil when this OpenSSL lacks the algorithm.
    func md(_ algorithm: DigestAlgorithm) -> OpaquePointer? { implementations[algorithm] }
}

extension DigestAlgorithm {
    /// The provider's implementation (see ``FetchedDigests``).
    var md: OpaquePointer? { FetchedDigests.shared.md(self) }
}
