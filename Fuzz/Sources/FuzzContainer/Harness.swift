import ASiC
import FuzzSupport
import Validation
import Trust

/// Container open with every container rule, then the whole validation with no trust (signatures,
/// references, C14N, embedded certificates, OCSP, CRLs and time-stamps all parsed).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = scratchFile(bytes(data, size), suffix: ".asice")
    _ = try? Container.open(path: path)
    _ = Validator(policy: .dssDefault, store: .empty, time: 1_790_000_000).validate(path: path)
    return 0
}

@_cdecl("FuzzContainer_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
