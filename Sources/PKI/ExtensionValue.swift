internal import COpenSSL

/// The DER content (extnValue) of an X.509 extension, read the same way for certificates, CRLs and
/// OCSP responses; nil when there is no extension.
func extensionValue(_ ext: OpaquePointer?) -> [UInt8]? {
    guard let ext, let data = X509_EXTENSION_get_data(ext), let bytes = ASN1_STRING_get0_data(data) else { return nil }
    return Array(UnsafeBufferPointer(start: bytes, count: Int(ASN1_STRING_length(data))))
}
