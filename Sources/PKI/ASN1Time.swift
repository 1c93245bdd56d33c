internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// The one conversion of an ASN.1 UTCTime/GeneralizedTime to seconds since 1970. A time that
/// cannot be read is nil, never a date: callers treat the object carrying it as malformed.
enum ASN1Time {
    static func seconds(_ time: UnsafePointer<ASN1_TIME>?) -> Int64? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            OpenSSLError.clear()
            return nil
        }
        return Int64(timegm(&parts))
    }

    static func seconds(_ time: UnsafeMutablePointer<ASN1_TIME>?) -> Int64? { seconds(time.map { UnsafePointer($0) }) }
}
