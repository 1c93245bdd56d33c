// swift-tools-version:6.0
import PackageDescription

// Layers (imports only point down; README "Layout" draws the graph):
//   1 C libraries (libxml2, OpenSSL, nettle, zlib, libcurl) · Findings (shared vocabulary)
//   2 PKI (no I/O) / XMLSecurity / ASiC / Net / Batch
//   2½ ServiceClients (OCSP and RFC 3161 over Net)
//   3 XAdES, DDOC, Signing · 4 Trust · 5 Validation · 6 Reports · 7 Service (HTTP),
//   CommandLineSupport (what both front ends parse and print) · 8 asic (CLI), asic-serve (`asic serve`)
// The service is an executable of its own: linking Hummingbird, NIO and Foundation into `asic` doubled
// the conformance records the Swift runtime scans on start and made every command start slower.
/// The packages only the service (`asic serve`) uses, with the products it takes from each; the
/// library targets never depend on them.
let servicePackages: [(url: String, from: Version, products: [String])] = [
    ("https://github.com/hummingbird-project/hummingbird", "2.28.1", ["Hummingbird"]),
    ("https://github.com/apple/swift-nio", "2.101.2", ["NIOCore", "NIOPosix"]),
    ("https://github.com/apple/swift-http-types", "1.8.0", ["HTTPTypes"]),
    ("https://github.com/swift-server/swift-service-lifecycle", "2.13.0", ["ServiceLifecycle"]),
    ("https://github.com/apple/swift-log", "1.16.2", ["Logging"]),
    ("https://github.com/apple/swift-metrics", "2.13.0", ["Metrics"]),
    ("https://github.com/swift-server/swift-prometheus", "2.4.1", ["Prometheus"]),
].map { (url: $0.0, from: Version(stringLiteral: $0.1), products: $0.2) }

let package = Package(
    name: "asic",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "asic", targets: ["asic"]),
        .executable(name: "asic-serve", targets: ["asic-serve"]),
        .library(name: "ASiC", targets: ["ASiC"]),
        // For the fuzzing harnesses (Fuzz/, a package of its own built with -sanitize=fuzzer).
        .library(name: "AsicKit", targets: ["PKI", "XMLSecurity", "ASiC", "XAdES", "DDOC", "Trust", "Validation", "Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ] + servicePackages.map { .package(url: $0.url, from: $0.from) },
    targets: [
        // Layer 1: the Debian C libraries, with static inline shims for macros and varargs.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // nettle (with GMP) for one thing: ECDSA over P-384, twice as fast as OpenSSL 3.0's generic curve code.
        .systemLibrary(name: "CNettle", pkgConfig: "hogweed", providers: [.apt(["nettle-dev"])]),
        // libcurl's headers (libcurl4-openssl-dev) at build time; the library itself is opened on
        // first use (Sources/CCurl/ccurl.c), so a run that fetches nothing never loads it.
        .target(name: "CCurl"),

        // Shared vocabulary: findings with stable keys and levels; the Defect protocol of typed defects.
        .target(name: "Findings"),

        // Layer 2: crypto types (no I/O), hardened XML, the container, HTTP.
        .target(name: "PKI", dependencies: ["COpenSSL", "CNettle", "Findings"]),
        .target(name: "XMLSecurity", dependencies: ["CLibXML2", "Findings"]),
        .target(name: "ASiC", dependencies: ["CZlib", "Findings", "XMLSecurity", "PKI"]),
        .target(name: "Net", dependencies: ["CCurl", "Findings"]),

        // Layer 2: finding the inputs of a batch (files, folders, stdin) and running it in order.
        .target(name: "Batch", dependencies: ["Findings"]),

        // Layer 2½: the trust-service exchanges over HTTP (OCSP, RFC 3161), shared by the signer and the validator.
        .target(name: "ServiceClients", dependencies: ["PKI", "Net", "Findings"]),

        // Layer 3: XAdES signatures (model, references, digests, signature value, profile).
        .target(name: "XAdES", dependencies: ["ASiC", "XMLSecurity", "PKI", "Findings"]),

        // Layer 3: legacy DDOC (DIGIDOC-XML 1.1–1.3, SK-XML 1.0) files, validated offline as SiVa does.
        .target(name: "DDOC", dependencies: ["XMLSecurity", "PKI", "Findings"]),
        // Layer 3: producing signatures (create, sign, extend), the counterpart of XAdES.
        .target(name: "Signing", dependencies: ["XAdES", "ASiC", "PKI", "XMLSecurity", "ServiceClients", "Findings"]),

        // Layer 4: trust (trusted lists, own anchors, chains, qualification).
        .target(name: "Trust", dependencies: ["XAdES", "PKI", "XMLSecurity", "Net", "Findings"]),

        // Layer 5: the EN 319 102-1 validation process, driven by a policy.
        .target(name: "Validation", dependencies: ["Trust", "XAdES", "DDOC", "ASiC", "PKI", "XMLSecurity", "ServiceClients", "Findings"]),

        // Layer 6: reports.
        .target(name: "Reports", dependencies: ["Validation", "Trust", "XAdES", "DDOC", "ASiC", "PKI", "Findings"]),

        // Layer 7: the validation service (`asic serve`): HTTP on Hummingbird, SiVa-compatible and native APIs.
        .target(name: "Service", dependencies: [
            "Reports", "Validation", "Trust", "XAdES", "DDOC", "ASiC", "PKI", "ServiceClients", "Findings",
        ] + servicePackages.flatMap { dependency in
            dependency.products.map { Target.Dependency.product(name: $0, package: String(dependency.url.split(separator: "/").last!)) }
        }),

        // Layer 7: options and output shared by the two front ends (trust, limits, one-line errors, exit codes).
        .target(name: "CommandLineSupport", dependencies: [
            "ASiC", "DDOC", "Findings", "PKI", "Reports", "Trust", "XMLSecurity",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Layer 8: the command line; `asic serve` runs the asic-serve executable installed beside it.
        .executableTarget(name: "asic", dependencies: [
            "CommandLineSupport", "ASiC", "Batch", "Reports", "Findings", "Trust", "PKI", "Validation", "Signing", "XAdES", "ServiceClients", "XMLSecurity", "DDOC",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Layer 8: the service's process (`asic serve`).
        .executableTarget(name: "asic-serve", dependencies: [
            "CommandLineSupport", "Service", "Batch", "ASiC", "DDOC", "Findings", "PKI", "ServiceClients", "Trust", "Validation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "CInteropTests", dependencies: ["CLibXML2", "COpenSSL", "CZlib", "CCurl", "Net"]),
        .testTarget(name: "ASiCTests", dependencies: ["ASiC", "XMLSecurity", "PKI", "Findings", "CZlib", "TestSupport"]),
        .target(name: "TestSupport", dependencies: ["PKI", "XMLSecurity", "Net", "Trust", "DDOC"], path: "Tests/TestSupport"),
        .testTarget(name: "XAdESTests", dependencies: ["XAdES", "ASiC", "XMLSecurity", "PKI", "Findings", "TestSupport"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "DDOC", "Signing", "Trust", "XAdES", "ASiC", "PKI", "Net", "ServiceClients", "Findings", "TestSupport"]),
        .testTarget(name: "TrustTests", dependencies: ["Trust", "XAdES", "ASiC", "PKI", "Net", "Findings", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["asic", "asic-serve", "Net", "TestSupport"]),
        .testTarget(name: "PKITests", dependencies: ["PKI", "TestSupport"]),
        .testTarget(name: "XMLSecurityTests", dependencies: ["XMLSecurity", "TestSupport"]),
        .testTarget(name: "NetTests", dependencies: ["Net", "TestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Validation", "Trust", "Findings", "TestSupport"]),
        .testTarget(name: "DDOCTests", dependencies: ["DDOC", "PKI", "Trust", "Findings", "TestSupport"]),
        .testTarget(name: "ServiceTests", dependencies: ["Service", "Reports", "Validation", "Trust", "DDOC", "Net", "PKI", "TestSupport",
                                                         .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "SigningTests", dependencies: ["Signing", "Validation", "Trust", "XAdES", "ASiC", "PKI", "Findings", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
