import Findings
import Net
import PKI
#if canImport(Glibc)
import Glibc
#endif

/// Where trust comes from and how lists may be obtained.
public struct TrustSettings: Sendable {
    /// The list of lists to start from: a file path or an http(s) URL.
    public var listOfLists: String
    /// Certificates allowed to sign that list (`--tsl-cert`).
    public var listOfListsSigners: [Certificate]
    public var cache: TrustedListCache
    /// Never touch the network: files and the cache only.
    public var offline: Bool
    /// Seconds for one fetch.
    public var timeout: Double
    /// Now, for freshness.
    public var now: Int64

    public init(listOfLists: String, listOfListsSigners: [Certificate], cache: TrustedListCache, offline: Bool,
                timeout: Double = 30, now: Int64) {
        self.listOfLists = listOfLists
        self.listOfListsSigners = listOfListsSigners
        self.cache = cache
        self.offline = offline
        self.timeout = timeout
        self.now = now
    }
}

/// The list of lists and the national lists it points to, each verified.
public struct TrustedListSet: Sendable {
    public let listOfLists: LoadedList
    public let lists: [LoadedList]
    public let findings: [Finding]
    /// The pivot LOTLs followed to trust the current LOTL's signers, oldest first (empty when the
    /// pinned signers sign it directly).
    public internal(set) var pivots: [LoadedList] = []

    /// Services of every usable list: the national lists, or the root list itself when it is
    /// a national list given directly (`--tsl EE.xml --tsl-cert ee-signer.pem`).
    public var services: [TrustedList.Service] {
        ([listOfLists] + lists).filter(\.isUsable).flatMap { $0.list?.providers.flatMap(\.services) ?? [] }
    }
}

/// Loads LOTL → national lists. A list named by URL is looked for first beside a local LOTL file
/// (under the last segment of its URL, as the contract says), then fetched with a conditional
/// GET (unless offline), then taken from the cache. A list whose signature does not verify
/// against the certificates its pointer gives is reported and not used.
public enum TrustedListLoader {
    public static func load(_ settings: TrustSettings) -> TrustedListSet {
        var findings: [Finding] = []
        let localFolder = isURL(settings.listOfLists) ? nil : folder(of: settings.listOfLists)
        var lotl: LoadedList
        var pivots: [LoadedList] = []
        if let (bytes, origin) = obtain(settings.listOfLists, settings: settings, localFolder: nil, findings: &findings) {
            lotl = LoadedList.read(bytes: bytes, location: settings.listOfLists, origin: origin,
                                   allowed: settings.listOfListsSigners, at: settings.now)
            // Not signed by a pinned signer: the pivots it names may carry trust to its signers.
            if !lotl.isUsable, let unverified = lotl.list, unverified.isListOfLists, !unverified.pivotLocations.isEmpty {
                let chain = PivotChain.follow(unverified, pinned: settings.listOfListsSigners, settings: settings,
                                              localFolder: localFolder)
                findings += chain.findings
                pivots = chain.pivots
                if let signers = chain.signers {
                    lotl = LoadedList.read(bytes: bytes, location: settings.listOfLists, origin: origin, allowed: signers,
                                           at: settings.now)
                }
            }
        } else {
            lotl = LoadedList(location: settings.listOfLists, origin: .file, list: nil,
                              signature: TrustedListSignature(isValid: false, signer: nil, problem: "not available"), findings: [])
        }
        findings += lotl.findings
        guard lotl.isUsable, let root = lotl.list else {
            var set = TrustedListSet(listOfLists: lotl, lists: [], findings: findings)
            set.pivots = pivots
            return set
        }
        var lists: [LoadedList] = []
        for pointer in root.pointers where pointer.isXML && !(pointer.type?.hasSuffix("/EUlistofthelists") ?? false) {
            guard let (bytes, origin) = obtain(pointer.location, settings: settings, localFolder: localFolder, findings: &findings) else {
                continue
            }
            let loaded = LoadedList.read(bytes: bytes, location: pointer.location, origin: origin, allowed: pointer.certificates,
                                         at: settings.now)
            findings += loaded.findings
            if let territory = pointer.territory, let actual = loaded.list?.territory, territory != actual {
                findings.append(.warning("tsl.territory-mismatch",
                                         "\(pointer.location) is the list of \(actual), but the pointer says \(territory)"))
            }
            lists.append(loaded)
        }
        var set = TrustedListSet(listOfLists: lotl, lists: lists, findings: findings)
        set.pivots = pivots
        storeSnapshot(of: set, pointers: root.pointers.filter { $0.isXML && !($0.type?.hasSuffix("/EUlistofthelists") ?? false) }.count,
                      settings: settings)
        return set
    }

    /// What validation needs (the services and the findings to show), from the verified snapshot
    /// when every list read now has the digest it had when the snapshot was made, else by a full
    /// load (which writes a new snapshot). The documents are read as `load` reads them (beside a
    /// local LOTL, network with conditional GET unless offline, cache), only not parsed again.
    public static func loadServices(_ settings: TrustSettings) -> (services: [TrustedList.Service], findings: [Finding]) {
        let name = TrustSnapshot.fileName(listOfLists: settings.listOfLists, signers: settings.listOfListsSigners)
        if let data = settings.cache.read(file: name), let snapshot = TrustSnapshot.decode(data),
           snapshot.signers == TrustSnapshot.signerFingerprint(settings.listOfListsSigners),
           snapshot.inputs.first?.location == settings.listOfLists {
            let localFolder = isURL(settings.listOfLists) ? nil : folder(of: settings.listOfLists)
            var findings: [Finding] = []
            let unchanged = snapshot.inputs.enumerated().allSatisfy { index, input in
                currentDigest(input.location, settings: settings, localFolder: index == 0 ? nil : localFolder, findings: &findings)
                    == input.sha256.hexString
            }
            if unchanged {
                return (snapshot.services, findings + snapshot.findings(at: settings.now))
            }
        }
        let set = load(settings)
        return (set.services, set.findings)
    }

    /// The SHA-256 (hex) of the list `load` would read at `location` now. A local file is read and
    /// hashed; offline, a cached copy's digest comes from its sidecar as long as the body is the
    /// file stored then (size and change times), so a cold start does not hash every list again;
    /// online, the list is obtained (conditional GET) and hashed.
    /// A list location's last `/`-separated part, split on bytes: the file looked for beside the
    /// LOTL. By characters, a combining mark after a `/` kept `../` inside the "last part".
    private static func fileName(of location: String) -> String? {
        location.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func currentDigest(_ location: String, settings: TrustSettings, localFolder: String?,
                                      findings: inout [Finding]) -> String? {
        let besideLOTL = localFolder.flatMap { folder in fileName(of: location).map { folder + "/" + $0 } }
        if isURL(location), settings.offline, besideLOTL.map({ access($0, F_OK) != 0 }) ?? true,
           let digest = settings.cache.peekDigest(location) {
            return digest
        }
        return obtain(location, settings: settings, localFolder: localFolder, findings: &findings).map { Digest.hash($0.0, .sha256).hexString }
    }

    /// Findings that depend on the moment or the network, not on the lists: not stored.
    private static let transientFindings: Set<String> = ["tsl.expired", "tsl.fetch-failed", "tsl.cache.write", "tsl.unavailable"]

    /// Writes the snapshot of a load in which every list was obtained (a missing list is not a
    /// result worth keeping: it may be there next time).
    private static func storeSnapshot(of set: TrustedListSet, pointers: Int, settings: TrustSettings) {
        let documents = [set.listOfLists] + set.pivots + set.lists
        guard set.lists.count == pointers, !set.findings.contains(where: { $0.key == "tsl.unavailable" || $0.key == "tsl.pivot-broken" }) else { return }
        var inputs: [TrustSnapshot.Input] = []
        for document in documents {
            guard let digest = document.sha256 else { return }
            inputs.append(TrustSnapshot.Input(location: document.location, sha256: digest))
        }
        let snapshot = TrustSnapshot(signers: TrustSnapshot.signerFingerprint(settings.listOfListsSigners), inputs: inputs,
                                     expiries: documents.map { TrustSnapshot.ListExpiry(location: $0.location, nextUpdate: $0.list?.nextUpdate) },
                                     findings: set.findings.filter { !transientFindings.contains($0.key) }, services: set.services)
        try? settings.cache.store(file: TrustSnapshot.fileName(listOfLists: settings.listOfLists, signers: settings.listOfListsSigners),
                                  snapshot.encoded())
    }

    /// The bytes of a list: local file, then network (conditional GET), then cache.
    static func obtain(_ location: String, settings: TrustSettings, localFolder: String?,
                       findings: inout [Finding]) -> ([UInt8], LoadedList.Origin)? {
        if !isURL(location) {
            do { return (try RandomAccessFileReader(path: location).bytes, .file) } catch {
                findings.append(.error("tsl.unavailable", "cannot read the list", subject: location))
                return nil
            }
        }
        if let localFolder, let name = fileName(of: location),
           let bytes = try? RandomAccessFileReader(path: localFolder + "/" + name).bytes {
            return (bytes, .file)
        }
        let cached = settings.cache.load(location)
        if settings.offline {
            if let cached { return (cached.body, .cache) }
            findings.append(.error("tsl.unavailable", "not cached yet (or the cached copy is damaged) and --offline forbids fetching it: run `asic tsl refresh` once with network access", subject: location))
            return nil
        }
        var headers: [String] = []
        if let etag = cached?.etag { headers.append("If-None-Match: \(etag)") }
        if let modified = cached?.lastModified { headers.append("If-Modified-Since: \(modified)") }
        do {
            let response = try HTTPClient.send(HTTPRequest(url: location, headers: headers, timeout: settings.timeout,
                                                           connectTimeout: min(10, settings.timeout), maxBytes: 32 << 20))
            if response.status == 304, let cached { return (cached.body, .cache) }
            guard response.status == 200 else {
                throw HTTPError(key: "http.status", message: "\(location): HTTP \(response.status)")
            }
            do {
                try settings.cache.store(location, body: response.body, etag: response.headers["etag"],
                                         lastModified: response.headers["last-modified"])
            } catch let error as InputError {
                findings.append(.warning(error.key, "\(error.message); the list is used without caching", subject: location))
            } catch {}
            return (response.body, .network)
        } catch {
            // The subject already names the list; the transport's text may name it again.
            let why = "\(error)".hasPrefix(location + ": ") ? String("\(error)".dropFirst(location.count + 2)) : "\(error)"
            if let cached {
                findings.append(.warning("tsl.fetch-failed", "\(why); using the cached copy", subject: location))
                return (cached.body, .cache)
            }
            findings.append(.error("tsl.unavailable", "\(why); no cached copy", subject: location))
            return nil
        }
    }

    static func isURL(_ location: String) -> Bool { location.hasPrefix("http://") || location.hasPrefix("https://") }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
