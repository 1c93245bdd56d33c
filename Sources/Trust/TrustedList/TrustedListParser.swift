import Findings
import PKI
import XMLSecurity

/// Reads a trusted list document into ``TrustedList``; the XML is parsed with the hardened settings.
enum TrustedListParser {
    static let ns = TrustedListURI.namespace

    static func parse(_ document: XMLDocument, source: String) throws -> TrustedList {
        guard let root = document.root, root.is(ns, "TrustServiceStatusList") else {
            throw InputError(key: "tsl.not-a-trusted-list", message: "\(source) is not a TrustServiceStatusList")
        }
        let scheme = root.child(ns, "SchemeInformation")
        func text(_ element: XMLElement?, _ name: String) -> String? { element?.child(ns, name)?.text.trimmingWhitespace }
        let pointers = scheme?.child(ns, "PointersToOtherTSL")?.children(ns, "OtherTSLPointer").map(pointer) ?? []
        // A TSP is identified by its list and its place in it, never by its display name alone.
        let listKey = (text(scheme, "SchemeTerritory") ?? "??") + " " + source
        let providers = root.child(ns, "TrustServiceProviderList")?.children(ns, "TrustServiceProvider").enumerated()
            .map { provider($0.element, key: "\(listKey)#\($0.offset)") } ?? []
        var list = TrustedList(
            source: source,
            version: text(scheme, "TSLVersionIdentifier").flatMap { Int($0) },
            sequenceNumber: text(scheme, "TSLSequenceNumber").flatMap { Int($0) },
            type: text(scheme, "TSLType"),
            territory: text(scheme, "SchemeTerritory"),
            operatorName: englishName(scheme?.child(ns, "SchemeOperatorName")),
            issueDate: text(scheme, "ListIssueDateTime").flatMap(ISOTime.parse),
            nextUpdate: scheme?.child(ns, "NextUpdate")?.child(ns, "dateTime").flatMap { ISOTime.parse($0.text.trimmingWhitespace) },
            pointers: pointers, providers: providers)
        list.schemeInformationURIs = scheme?.child(ns, "SchemeInformationURI")?.children(ns, "URI").map(\.text.trimmingWhitespace) ?? []
        return list
    }

    private static func pointer(_ element: XMLElement) -> TrustedList.Pointer {
        let certificates = element.child(ns, "ServiceDigitalIdentities")?.children(ns, "ServiceDigitalIdentity")
            .flatMap { $0.children(ns, "DigitalId") }.compactMap { $0.child(ns, "X509Certificate") }
            .compactMap { certificate($0.text) } ?? []
        let info = element.child(ns, "AdditionalInformation")?.children(ns, "OtherInformation") ?? []
        func other(_ namespace: String, _ name: String) -> String? {
            info.compactMap { $0.child(namespace, name)?.text.trimmingWhitespace }.first
        }
        return TrustedList.Pointer(location: element.child(ns, "TSLLocation")?.text.trimmingWhitespace ?? "", certificates: certificates,
                                   type: other(ns, "TSLType"), territory: other(ns, "SchemeTerritory"),
                                   mimeType: other(TrustedListURI.additionalTypes, "MimeType"))
    }

    private static func provider(_ element: XMLElement, key: String) -> TrustedList.Provider {
        let name = englishName(element.child(ns, "TSPInformation")?.child(ns, "TSPName")) ?? "(unnamed provider)"
        let services = element.child(ns, "TSPServices")?.children(ns, "TSPService").compactMap { service($0, provider: name, key: key) } ?? []
        return TrustedList.Provider(name: name, services: services)
    }

    private static func service(_ element: XMLElement, provider: String, key: String) -> TrustedList.Service? {
        guard let information = element.child(ns, "ServiceInformation"), let current = state(information) else { return nil }
        let ids = information.child(ns, "ServiceDigitalIdentity")?.children(ns, "DigitalId") ?? []
        let history = element.child(ns, "ServiceHistory")?.children(ns, "ServiceHistoryInstance").compactMap(state) ?? []
        return TrustedList.Service(
            provider: provider, providerKey: key, current: current, history: history,
            certificates: ids.compactMap { $0.child(ns, "X509Certificate") }.compactMap { certificate($0.text) },
            subjectKeyIdentifiers: ids.compactMap { $0.child(ns, "X509SKI") }.compactMap { Base64.decode($0.text) })
    }

    private static func state(_ element: XMLElement) -> TrustedList.ServiceState? {
        guard let type = element.child(ns, "ServiceTypeIdentifier")?.text.trimmingWhitespace,
              let status = element.child(ns, "ServiceStatus")?.text.trimmingWhitespace,
              let start = element.child(ns, "StatusStartingTime").flatMap({ ISOTime.parse($0.text.trimmingWhitespace) }) else { return nil }
        let extensions = element.child(ns, "ServiceInformationExtensions")?.children(ns, "Extension") ?? []
        let additional = extensions.compactMap { $0.child(ns, "AdditionalServiceInformation")?.child(ns, "URI")?.text.trimmingWhitespace }
        let qualifications = extensions.compactMap { $0.child(TrustedListURI.ecc, "Qualifications") }
            .flatMap { $0.children(TrustedListURI.ecc, "QualificationElement") }
            .map { element in
                TrustedList.Qualification(
                    qualifiers: element.child(TrustedListURI.ecc, "Qualifiers")?.children(TrustedListURI.ecc, "Qualifier")
                        .compactMap { $0.attribute("uri") } ?? [],
                    criteria: criteria(element.child(TrustedListURI.ecc, "CriteriaList")))
            }
        return TrustedList.ServiceState(type: type, name: englishName(element.child(ns, "ServiceName")) ?? "(unnamed service)",
                                        status: status, statusStart: start, additionalServiceInfo: additional,
                                        qualifications: qualifications)
    }

    private static func criteria(_ element: XMLElement?) -> TrustedList.Criteria {
        guard let element else { return .unknown("no CriteriaList") }
        let ecc = TrustedListURI.ecc
        let understood: Set<String> = ["KeyUsage", "PolicySet", "CriteriaList", "Description"]
        if let other = element.children.first(where: { !understood.contains($0.localName) }) {
            // otherCriteriaList (extended key usage, subject attributes …) is not evaluated.
            return .unknown("criteria \(other.localName) are not evaluated")
        }
        let keyUsage = element.children(ecc, "KeyUsage").flatMap { $0.children(ecc, "KeyUsageBit") }
            .map { (bit: $0.attribute("name") ?? "", value: $0.text.trimmingWhitespace == "true") }
        let policySets = element.children(ecc, "PolicySet").map { set in
            set.children(ecc, "PolicyIdentifier").compactMap { $0.child(XMLNamespace.xades132, "Identifier")?.text.trimmingWhitespace }
                .map { $0.hasPrefix("urn:oid:") ? String($0.dropFirst(8)) : $0 }
        }
        return .list(assert: element.attribute("assert") ?? "all", keyUsage: keyUsage, policySets: policySets,
                     nested: element.children(ecc, "CriteriaList").map { criteria($0) })
    }

    /// The English name, else the first.
    private static func englishName(_ element: XMLElement?) -> String? {
        let names = element?.children(ns, "Name") ?? []
        return (names.first { $0.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") == "en" } ?? names.first)?.text.trimmingWhitespace
    }

    /// Some lists put PEM (with headers) in X509Certificate.
    static func certificate(_ text: String) -> Certificate? {
        let body = text.replacingPEMArmour
        return Base64.decode(body).flatMap { Certificate(der: $0) }
    }
}

extension String {
    /// Drops `-----BEGIN …-----` / `-----END …-----` lines.
    var replacingPEMArmour: String {
        split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
    }
}
