// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses, one executable each (`make fuzz`). Built only with
// `-sanitize=fuzzer,address`: libFuzzer supplies `main`, so each harness is parsed as a library
// and exports `LLVMFuzzerTestOneInput`.
let harnesses = ["FuzzZip", "FuzzContainer", "FuzzXML", "FuzzXAdES", "FuzzTrustedList", "FuzzDER", "FuzzPolicy", "FuzzURI", "FuzzReport", "FuzzDDOC"]

let package = Package(
    name: "AsicFuzz",
    dependencies: [.package(name: "asic", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "AsicKit", package: "asic")]),
    ] + harnesses.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "AsicKit", package: "asic")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
