import FuzzSupport
import Validation

/// The validation policy file parser (`--policy FILE`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? PolicyFile.parse(String(decoding: bytes(data, size), as: UTF8.self), source: "fuzz")
    return 0
}

@_cdecl("FuzzPolicy_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
