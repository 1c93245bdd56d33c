import ASiC
import FuzzSupport
import XAdES

/// A bare XAdES document: signature parsing, reference resolution (same-document and
/// detached), SignedProperties, signature value with the KeyInfo key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let container = try? Container.xml(bytes: bytes(data, size), name: "fuzz.xml"),
          let document = try? SignedDocument(container: container) else { return 0 }
    _ = document.verifyCore()
    return 0
}

@_cdecl("FuzzXAdES_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
