import ASiC
import FuzzSupport

/// Zip central directory and local headers: open (all limits), then stream every entry.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = scratchFile(bytes(data, size), suffix: ".zip")
    guard let container = try? Container.open(path: path, rules: ContainerRules {}) else { return 0 }
    if let archive = container.archive {
        for entry in archive.entries { _ = try? archive.contents(of: entry) }
    }
    return 0
}

@_cdecl("FuzzZip_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
