import Findings
import PKI

/// What a certificate is trusted for.
public enum TrustPurpose: Sendable {
    /// A signer's or seal's certificate: anchored at a CA service (CA/QC, CA/PKC, NationalRootCA-QC).
    case signing
    /// An OCSP responder: a Certstatus/OCSP service, or issued by the CA whose certificate it checks.
    case revocation
    /// A time-stamping unit: a TSA service (TSA/QTST, TSA).
    case timeStamping
}

/// One certificate of a validated chain, with what vouches for it.
public struct ChainElement: Sendable {
    public let certificate: Certificate
    /// `TSL: <service name> (<type>, <status>)`, `anchor: <file>`, or nil.
    public let trustedBy: String?
}

/// The outcome of validating a certificate against the trust sources at a time.
public struct ChainValidation: Sendable {
    public enum Status: Sendable, Equatable {
        case trusted
        /// No path to any anchor (the DSS NO_CERTIFICATE_CHAIN_FOUND).
        case noChain
        /// A path exists, but the anchoring service was not active at the time.
        case serviceNotActive(String)
        case expired
        case notYetValid
        case failed(String)
    }

    public let status: Status
    public let chain: [ChainElement]
    /// The trusted-list service that anchors the chain, with its state at the time.
    public let service: TrustedList.Service?
    public let serviceState: TrustedList.ServiceState?
    public let anchor: TrustAnchor?
    public let findings: [Finding]

    public var isTrusted: Bool { status == .trusted }

    /// The certificates between the leaf and the element a trusted list or anchor vouches for:
    /// CAs whose own revocation status the chain does not establish. Each comes with its issuer.
    public var intermediates: [(certificate: Certificate, issuer: Certificate)] {
        guard isTrusted, let anchorIndex = chain.firstIndex(where: { $0.trustedBy != nil }), anchorIndex > 1 else { return [] }
        return (1..<anchorIndex).map { (chain[$0].certificate, chain[$0 + 1].certificate) }
    }
}

/// Trusted-list services and own anchors, ready to validate certificates at any time.
public struct TrustStore: Sendable {
    public let services: [TrustedList.Service]
    public let anchors: [TrustAnchor]
    /// Per purpose: the services that may vouch, and their certificates by subject name, so that
    /// a chain is built against the few listed certificates that can issue it (the EU lists hold
    /// thousands), in the order the lists give them.
    private let indexes: [TrustPurpose: PurposeIndex]
    /// Every service's certificates by subject name, whatever the purpose (`listedIssuers`).
    private let everyService: PurposeIndex

    public init(services: [TrustedList.Service], anchors: [TrustAnchor]) {
        self.services = services
        self.anchors = anchors
        // Each service goes to every purpose one of its states (current or past) ever fitted.
        let purposes: [TrustPurpose] = [.signing, .revocation, .timeStamping]
        var members: [TrustPurpose: [TrustedList.Service]] = [:]
        for service in services {
            var types = Set([service.current.type])
            for state in service.history { types.insert(state.type) }
            for purpose in purposes where types.contains(where: { Self.accepts($0, for: purpose) }) {
                members[purpose, default: []].append(service)
            }
        }
        self.indexes = Dictionary(uniqueKeysWithValues: purposes.map { ($0, PurposeIndex(members[$0] ?? [])) })
        everyService = PurposeIndex(services)
    }

    private struct PurposeIndex: Sendable {
        let candidates: [TrustedList.Service]
        /// Every candidate's certificates in list order (service, position), with their subject name hash.
        let certificates: [(service: Int, position: Int, name: UInt)]
        /// Subject name hash → positions in `certificates` (hashing a name is cheaper than a DER).
        let byName: [UInt: [Int]]

        init(_ candidates: [TrustedList.Service]) {
            self.candidates = candidates
            var certificates: [(Int, Int, UInt)] = []
            var byName: [UInt: [Int]] = [:]
            for (index, service) in candidates.enumerated() {
                let store = service.certificateStore
                for position in 0..<store.count {
                    byName[store.nameHashes[position], default: []].append(certificates.count)
                    certificates.append((index, position, store.nameHashes[position]))
                }
            }
            self.certificates = certificates
            self.byName = byName
        }

        /// The listed certificates whose subject name hash is one of `names`, in list order (parsed now).
        func certificates(named names: Set<UInt>) -> [Certificate] {
            names.flatMap { byName[$0] ?? [] }.sorted().map { certificates[$0] }
                .compactMap { candidates[$0.service].certificateStore.certificate(at: $0.position) }
        }

        /// The candidates that list `certificate` (byte-equal), in list order, each once.
        func services(listing certificate: Certificate) -> [TrustedList.Service] {
            var seen = Set<Int>()
            return (byName[certificate.subjectNameHash] ?? []).map { certificates[$0] }
                .filter { Bytes.equal(candidates[$0.service].certificateStore.ders[$0.position], certificate.der) && seen.insert($0.service).inserted }
                .map { candidates[$0.service] }
        }
    }

    /// Certificates of any listed service whose subject is `certificate`'s issuer name (by the
    /// canonical name hash; the caller checks the signature), parsed only if they match.
    /// Looked up by name, not by walking every service: that walk copied each service for every
    /// signature (the EU lists hold thousands).
    public func listedIssuers(of certificate: Certificate) -> [Certificate] {
        everyService.certificates(named: [certificate.issuerNameHash])
    }

    public static let empty = TrustStore(services: [], anchors: [])

    /// Service types that may anchor a certificate for `purpose`. Revocation and time-stamping
    /// accept qualified services only, as libdigidocpp and SiVa do. A CA service does not make
    /// every certificate under it an OCSP responder (RFC 6960 §4.2.2.2): responses signed by the
    /// issuing CA or its delegated responder are judged by the revocation layer, not here.
    static func accepts(_ type: String, for purpose: TrustPurpose) -> Bool {
        let short = TrustedListURI.shortType(type)
        switch purpose {
        case .signing: return short.hasPrefix("CA/") || short.hasPrefix("NationalRootCA")
        case .revocation: return short == "Certstatus/OCSP/QC"
        case .timeStamping: return short == "TSA/QTST"
        }
    }

    /// A certificate under (not itself) a listed OCSP or TSA certificate, or an own CA anchor, must
    /// carry its purpose: id-kp-OCSPSigning (RFC 6960 §4.2.2.2), or id-kp-timeStamping as the only,
    /// critical extended key usage (RFC 3161 §2.3).
    static func lacksPurpose(_ certificate: Certificate, _ purpose: TrustPurpose) -> String? {
        switch purpose {
        case .signing: nil
        case .revocation: certificate.isOCSPSigner ? nil : "is not an OCSP signer (no id-kp-OCSPSigning)"
        case .timeStamping: certificate.isStrictTimeStampingUnit ? nil
            : "is not a time-stamping unit (RFC 3161: extended key usage must be id-kp-timeStamping only, critical)"
        }
    }

    /// Services that ever had a type fitting the purpose (the type in force is checked at the
    /// time); of their certificates only those named as the issuer of the certificate or of a
    /// pool certificate (or the certificate itself) can be on its path. Then the own anchors.
    private func pathAnchors(_ certificate: Certificate, pool: [Certificate], index: PurposeIndex) -> [Certificate] {
        let names = Set([certificate.issuerNameHash, certificate.subjectNameHash] + pool.map(\.issuerNameHash))
        return index.certificates(named: names) + anchors.map(\.certificate)
    }

    /// Makes the chain check `validate` with these arguments will make, when its answer is
    /// remembered for the process (no certificate involved within seconds of a validity bound at
    /// `time`), so that the later `validate` is answered from the caches. Fills caches only.
    public func warmChain(of certificate: Certificate, pool: [Certificate], purpose: TrustPurpose, at time: Int64) {
        let anchors = pathAnchors(certificate, pool: pool, index: indexes[purpose] ?? PurposeIndex([]))
        guard ChainBuilder.remembers(certificate, intermediates: pool, anchors: anchors, at: time) else { return }
        _ = ChainBuilder.check(certificate, intermediates: pool, anchors: anchors, at: time)
    }

    /// Builds a path from `certificate` (helped by `pool`) to a service of the right type or an
    /// own anchor, checked at `time`; then requires the anchoring service to be active at `time`.
    public func validate(_ certificate: Certificate, pool: [Certificate], purpose: TrustPurpose, at time: Int64) -> ChainValidation {
        let index = indexes[purpose] ?? PurposeIndex([])
        let check = ChainBuilder.check(certificate, intermediates: pool, anchors: pathAnchors(certificate, pool: pool, index: index), at: time)
        func describe(_ chain: [Certificate]) -> [ChainElement] {
            chain.map { element in
                if let anchor = anchors.first(where: { $0.certificate == element }) {
                    return ChainElement(certificate: element, trustedBy: "anchor: \(anchor.file)")
                }
                if let service = index.services(listing: element).first {
                    let state = service.state(at: time)
                    let status = state.map { TrustedListURI.shortStatus($0.status) } ?? "not yet listed"
                    return ChainElement(certificate: element, trustedBy: "TSL: \(service.current.name) (\(service.shortType), \(status))")
                }
                return ChainElement(certificate: element, trustedBy: nil)
            }
        }
        let chain = describe(check.chain.isEmpty ? [certificate] : check.chain)
        guard check.isValid else {
            let status: ChainValidation.Status = switch check.error {
            case .noIssuer?, nil: .noChain
            case .expired?: .expired
            case .notYetValid?: .notYetValid
            case .badSignature?: .failed("a certificate signature in the chain does not verify")
            case let .other(reason)?: .failed(reason)
            }
            return ChainValidation(status: status, chain: chain, service: nil, serviceState: nil, anchor: nil, findings: [])
        }
        // The first element (from the leaf) that is itself an anchor decides.
        for element in check.chain {
            if let anchor = anchors.first(where: { $0.certificate == element }) {
                // Under a CA anchor, a responder or TSA must carry its extended key usage.
                if element != certificate, let why = Self.lacksPurpose(certificate, purpose) {
                    return ChainValidation(status: .failed("the certificate under \(anchor.file) \(why)"),
                                           chain: chain, service: nil, serviceState: nil, anchor: anchor, findings: [])
                }
                return ChainValidation(status: .trusted, chain: chain, service: nil, serviceState: nil, anchor: anchor, findings: [])
            }
            let matching = index.services(listing: element)
            guard !matching.isEmpty else { continue }
            if element != certificate, let why = Self.lacksPurpose(certificate, purpose) {
                return ChainValidation(status: .failed("the certificate under \(matching[0].current.name) \(why)"),
                                       chain: chain, service: matching[0], serviceState: matching[0].state(at: time), anchor: nil, findings: [])
            }
            if let active = matching.first(where: { service in
                service.state(at: time).map { $0.isGranted && Self.accepts($0.type, for: purpose) } ?? false
            }) {
                return ChainValidation(status: .trusted, chain: chain, service: active, serviceState: active.state(at: time),
                                       anchor: nil, findings: [])
            }
            let service = matching[0]
            let state = service.state(at: time)
            let why: String
            if let state, state.isGranted {
                why = "\(service.current.name) was a \(TrustedListURI.shortType(state.type)) service at \(ISOTime.format(time)), not one that may vouch for this"
            } else if let state {
                why = "\(service.current.name) was \(TrustedListURI.shortStatus(state.status)) at \(ISOTime.format(time))"
            } else {
                why = "\(service.current.name) was not yet listed at \(ISOTime.format(time))"
            }
            return ChainValidation(status: .serviceNotActive(why), chain: chain, service: service, serviceState: state, anchor: nil,
                                   findings: [])
        }
        return ChainValidation(status: .noChain, chain: chain, service: nil, serviceState: nil, anchor: nil, findings: [])
    }
}
