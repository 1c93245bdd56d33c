import Foundation
import FuzzSupport
import Reports

/// The inspect report of any input: its JSON must always be valid JSON (a parsed container in,
/// well-formed JSON out), and its text rendering must not trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = scratchFile(bytes(data, size), suffix: ".asice")
    let report = InspectReport.make(path: path)
    let json = report.json.serialized(pretty: false)
    guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else {
        fatalError("inspect produced invalid JSON: \(json.prefix(200))")
    }
    _ = report.text()
    return 0
}

@_cdecl("FuzzReport_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
