internal import COpenSSL

/// A public key (RSA, RSA-PSS, EC on any named curve OpenSSL knows, brainpool included); owns its
/// `EVP_PKEY` reference.
public final class PublicKey: @unchecked Sendable {
    let key: OpaquePointer

    /// Takes a new reference to `key`.
    init(retaining key: OpaquePointer) {
        EVP_PKEY_up_ref(key)
        self.key = key
    }

    deinit {
        EVP_PKEY_free(key)
    }

    public enum Kind: Sendable, Equatable {
        case rsa, rsaPSS, ec, other(Int32)
    }

    public var kind: Kind {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: .rsa
        case EVP_PKEY_RSA_PSS: .rsaPSS
        case EVP_PKEY_EC: .ec
        case let id: .other(id)
        }
    }

    /// Key size in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(key)) }

    /// The curve name for EC keys (`prime256v1`, `brainpoolP384r1` …).
    public var curveName: String? {
        guard kind == .ec else { return nil }
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, &buffer, buffer.count, &length) == 1 else {
            return nil
        }
        return String(nulTerminated: buffer)
    }

    /// Human summary: `RSA 2048`, `EC brainpoolP384r1`.
    public var summary: String {
        switch kind {
        case .rsa, .rsaPSS: "RSA \(bits)"
        case .ec: "EC \(curveName ?? String(bits))"
        case let .other(id): "key type \(id)"
        }
    }
}
