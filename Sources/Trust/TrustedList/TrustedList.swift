import PKI

/// A trusted list (ETSI TS 119 612 v5/v6): the EU list of the lists (LOTL) or a national list.
public struct TrustedList: Sendable {
    /// Where it was read from (file path or URL).
    public let source: String
    public let version: Int?
    public let sequenceNumber: Int?
    public let type: String?
    public let territory: String?
    public let operatorName: String?
    public let issueDate: Int64?
    public let nextUpdate: Int64?
    public let pointers: [Pointer]
    public let providers: [Provider]
    /// `SchemeInformationURI`: in the EU LOTL, the pivot LOTLs (newest first) and the OJ notice.
    public var schemeInformationURIs: [String] = []

    public var isListOfLists: Bool { type?.hasSuffix("/EUlistofthelists") ?? false }

    /// The pivot LOTLs this LOTL announces, oldest first: its `SchemeInformationURI` entries that
    /// name an XML file with "pivot" in its name (the EU LOTL lists them newest first).
    public var pivotLocations: [String] {
        schemeInformationURIs.filter { uri in
            let name = uri.split(separator: "/").last.map { $0.lowercased() } ?? ""
            return name.contains("pivot") && name.hasSuffix(".xml")
        }.reversed()
    }

    /// The certificates a LOTL announces for signing the LOTL itself: those of its pointer of
    /// type EUlistofthelists.
    public var announcedListOfListsSigners: [Certificate] {
        pointers.filter { $0.type?.hasSuffix("/EUlistofthelists") ?? false }.flatMap(\.certificates)
    }

    /// A pointer from the LOTL to a national list, with the certificates allowed to sign it.
    public struct Pointer: Sendable {
        public let location: String
        public let certificates: [Certificate]
        public let type: String?
        public let territory: String?
        public let mimeType: String?

        /// Machine-readable XML trusted list (not the PDF copy).
        public var isXML: Bool { mimeType.map { $0.hasSuffix("tsl+xml") } ?? location.lowercased().hasSuffix(".xml") }
    }

    public struct Provider: Sendable {
        public let name: String
        public let services: [Service]
    }

    /// A service's state over one period: the current entry or a history instance.
    public struct ServiceState: Sendable {
        public let type: String
        public let name: String
        public let status: String
        public let statusStart: Int64
        public let additionalServiceInfo: [String]
        public let qualifications: [Qualification]

        public var isGranted: Bool { TrustedListURI.grantedStatuses.contains(status) }

        /// Granted in the sense of qualification (TS 119 615, DSS `GrantedServiceFilter`): from
        /// 2016-07-01 (eIDAS) only `granted`; before it `undersupervision`, `supervisionincessation`
        /// or `accredited` (either namespace). National-level statuses never qualify.
        public func isGrantedForQualification(at time: Int64) -> Bool {
            // The whole URI, never its last segment: any list could otherwise name a status
            // `http://anything/granted`.
            if time >= TrustedListURI.eIDASDate { return status == TrustedListURI.statusPrefix + "granted" }
            return TrustedListURI.grantedForQualificationBeforeEIDAS.contains(status)
        }
    }

    /// A trust service (CA/QC, OCSP/QC, TSA/QTST …) with its identity and status history.
    public struct Service: Sendable {
        /// The TSP's display name.
        public let provider: String
        /// Identifies the TSP: its list and its place in it (names are not unique across lists).
        public let providerKey: String
        public let current: ServiceState
        /// Earlier states, newest first as lists write them.
        public let history: [ServiceState]
        /// The service's certificates, parsed on first use.
        public let certificateStore: ServiceCertificates
        public let subjectKeyIdentifiers: [[UInt8]]

        public var certificates: [Certificate] { certificateStore.all }

        public init(provider: String, providerKey: String, current: ServiceState, history: [ServiceState],
                    certificates: [Certificate], subjectKeyIdentifiers: [[UInt8]]) {
            self.init(provider: provider, providerKey: providerKey, current: current, history: history,
                      certificateStore: ServiceCertificates(certificates), subjectKeyIdentifiers: subjectKeyIdentifiers)
        }

        init(provider: String, providerKey: String, current: ServiceState, history: [ServiceState],
             certificateStore: ServiceCertificates, subjectKeyIdentifiers: [[UInt8]]) {
            self.provider = provider
            self.providerKey = providerKey
            self.current = current
            self.history = history
            self.certificateStore = certificateStore
            self.subjectKeyIdentifiers = subjectKeyIdentifiers
        }

        /// The state in force at `time`: the newest whose start is not after it (nil before the first).
        /// On a tie the first in list order (the current state, then history as written).
        public func state(at time: Int64) -> ServiceState? {
            var newest: ServiceState? = current.statusStart <= time ? current : nil
            for state in history where state.statusStart <= time {
                if let found = newest, found.statusStart >= state.statusStart { continue }
                newest = state
            }
            return newest
        }

        public var shortType: String { TrustedListURI.shortType(current.type) }
    }

    /// `ecc:QualificationElement`: qualifiers that apply to certificates matching the criteria.
    public struct Qualification: Sendable {
        public let qualifiers: [String]
        public let criteria: Criteria
    }

    public indirect enum Criteria: Sendable {
        /// `assert` is all, atLeastOne or none.
        case list(assert: String, keyUsage: [(bit: String, value: Bool)], policySets: [[String]], nested: [Criteria])
        /// Criteria this validator does not evaluate (absent, or otherCriteriaList): whether they
        /// match is unknown, so only qualifiers that take qualification away may apply.
        case unknown(String)
    }
}

/// URIs of TS 119 612.
public enum TrustedListURI {
    public static let namespace = "http://uri.etsi.org/02231/v2#"
    public static let additionalTypes = "http://uri.etsi.org/02231/v2/additionaltypes#"
    public static let ecc = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"
    public static let serviceTypePrefix = "http://uri.etsi.org/TrstSvc/Svctype/"
    public static let statusPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/"
    public static let qualifierPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/"

    /// Active statuses: eIDAS `granted`, `recognisedatnationallevel`; pre-eIDAS ones.
    /// 2016-07-01T00:00:00Z, when eIDAS statuses replaced the Directive 1999/93/EC ones.
    public static let eIDASDate: Int64 = 1_467_331_200

    public static let grantedStatuses: Set<String> = Set(
        ["granted", "recognisedatnationallevel", "undersupervision", "supervisionincessation", "accredited", "setbynationallaw"]
            .map { statusPrefix + $0 }
    ).union(["http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/undersupervision",
             "http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/supervisionincessation",
             "http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/accredited"])

    /// The statuses that made a service granted for qualification before eIDAS, in both namespaces.
    public static let grantedForQualificationBeforeEIDAS: Set<String> = Set(
        ["undersupervision", "supervisionincessation", "accredited", "granted"].map { statusPrefix + $0 }
    ).union(["http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/undersupervision",
             "http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/supervisionincessation",
             "http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/accredited"])

    public static func shortType(_ uri: String) -> String { removing(serviceTypePrefix, from: uri) }

    public static func shortStatus(_ uri: String) -> String {
        // An ASCII URI not ending in "/" without splitting (asked for every chain element's
        // description); any other is split by characters, as before.
        guard Bytes.isASCII(uri.utf8), let slash = uri.utf8.lastIndex(of: UInt8(ascii: "/")),
              uri.utf8.index(after: slash) != uri.endIndex else {
            return uri.split(separator: "/").last.map(String.init) ?? uri
        }
        return String(uri[uri.utf8.index(after: slash)...])
    }

    public static func shortQualifier(_ uri: String) -> String { removing(qualifierPrefix, from: uri) }

    /// `uri` without `prefix` (an ASCII URI prefix ending in "/"). An ASCII URI is compared and cut
    /// by bytes, which for ASCII text without CR is the same as by characters; a character-wise
    /// `dropFirst` walked every character of the prefix for each chain element and qualifier. Any
    /// other URI is compared by characters, as before.
    static func removing(_ prefix: String, from uri: String) -> String {
        guard Bytes.isASCII(uri.utf8), let starts = Bytes.utf8(of: uri, startsWith: prefix) else {
            return uri.hasPrefix(prefix) ? String(uri.dropFirst(prefix.count)) : uri
        }
        return starts ? String(uri[uri.utf8.index(uri.startIndex, offsetBy: prefix.utf8.count)...]) : uri
    }
}
