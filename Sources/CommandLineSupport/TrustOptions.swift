import ArgumentParser
import Findings
import PKI
import Trust
#if canImport(Glibc)
import Glibc
#endif

/// Where trust comes from: trusted lists (`--tsl`, `--tsl-cert`, cache) and own anchors.
package struct TrustOptions: ParsableArguments {
    package static let euLOTL = "https://ec.europa.eu/tools/lotl/eu-lotl.xml"

    @Option(help: ArgumentHelp("The list of trusted lists to start from (file or URL); a national list works too.", valueName: "url|file"))
    package var tsl: String = euLOTL

    @Option(name: .customLong("tsl-cert"), help: ArgumentHelp("A certificate allowed to sign that list (repeatable).", valueName: "file"))
    package var tslCert: [String] = []

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Trusted-list cache (default $XDG_CACHE_HOME/asic/tsl).", valueName: "dir"))
    package var cacheDir: String?

    @Flag(help: "Never touch the network: use local files and the cache only.")
    package var offline = false

    @Option(help: ArgumentHelp("Seconds allowed for each download.", valueName: "seconds"))
    package var timeout: Double = 30

    package init() {}

    package func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    /// The pinned signers by their order of precedence (``LOTLSigners``): `--tsl-cert`, the
    /// user's and the system's installed sets, then the set bundled with asic.
    package func signers() throws -> LOTLSigners {
        try LOTLSigners.resolve(commandLine: tslCert)
    }

    /// CRLs from distribution points, cached in `crl/` below the trusted-list cache.
    package var crlSource: CRLSource {
        CRLSource(cache: TrustedListCache(directory: (cacheDir ?? TrustedListCache.defaultDirectory()) + "/crl"),
                  offline: offline, timeout: min(timeout, 10))
    }

    package func settings(offline forceOffline: Bool? = nil) throws -> TrustSettings {
        TrustSettings(listOfLists: tsl, listOfListsSigners: try signers().certificates,
                      cache: TrustedListCache(directory: cacheDir ?? TrustedListCache.defaultDirectory()),
                      offline: forceOffline ?? offline, timeout: timeout, now: Int64(time(nil)))
    }
}
