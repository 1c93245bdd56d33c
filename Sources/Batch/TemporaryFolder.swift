#if canImport(Glibc)
import Glibc
#endif

/// Where temporary files go: `$TMPDIR` when it is set and not empty, else `/tmp` (no trailing
/// slash). The one reading of it for standard-input copies, sort runs, batch rows and the service's spool.
public enum TemporaryFolder {
    public static var path: String {
        guard let value = getenv("TMPDIR").map({ String(cString: $0) }), !value.isEmpty else { return "/tmp" }
        return value
    }
}
