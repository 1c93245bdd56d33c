import FuzzSupport
import XAdES

/// Reference URI reading: fragments, xpointer, schemes, percent-decoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = ReferenceURI(String(decoding: bytes(data, size), as: UTF8.self))
    return 0
}

@_cdecl("FuzzURI_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
