import DDOC
import FuzzSupport
#if canImport(Glibc)
import Glibc
#endif

/// A DDOC: the whole-file reader and every check (digests, C14N of the literal fragments,
/// signature value, time-mark), then the streamed reader over the same bytes from a file, in tiny
/// reads, which must judge alike.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let validator = DDOCValidator()
    let whole = try? validator.validate(input)
    let path = "/tmp/fuzz-ddoc-\(getpid()).ddoc"
    guard let handle = fopen(path, "wb") else { return 0 }
    _ = input.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
    fclose(handle)
    defer { unlink(path) }
    let (streamed, _) = validator.validate(path: path, streaming: true)
    // Where both readers accept the file they must agree (a body with markup is the streamed
    // reader's to refuse).
    if let whole, let streamed, whole.verdict != streamed.verdict {
        fatalError("whole-file and streamed readings disagree: \(whole.verdict) vs \(streamed.verdict)")
    }
    return 0
}

@_cdecl("FuzzDDOC_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
