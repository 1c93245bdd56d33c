internal import COpenSSL

/// The OpenSSL library in use, as it names itself (`OpenSSL 3.0.19 27 Jan 2026`): caches that
/// hold OpenSSL-computed values (name hashes) are tied to it.
public enum OpenSSLVersion {
    public static var text: String { String(cString: OpenSSL_version(OPENSSL_VERSION)) }
}
