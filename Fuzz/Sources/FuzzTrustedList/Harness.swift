import FuzzSupport
import PKI
import Trust

/// A trusted list (or LOTL) as a local file: parsing, its enveloped signature, the pointers and
/// pivots it names (offline, nothing beside it), services into a trust store.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = scratchFile(bytes(data, size), suffix: "-tsl.xml")
    let set = TrustedListLoader.load(TrustSettings(listOfLists: path, listOfListsSigners: [],
                                                   cache: TrustedListCache(directory: "/dev/shm/asic-fuzz-cache"),
                                                   offline: true, now: 1_790_000_000))
    _ = TrustStore(services: set.services, anchors: [])
    return 0
}

@_cdecl("FuzzTrustedList_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
