import Findings
import PKI
import XMLSecurity

/// The verdict of one DDOC signature, as SiVa gives it: TOTAL-PASSED when no check raised an
/// error, TOTAL-FAILED otherwise (never INDETERMINATE, no sub-indication).
public struct DDOCSignatureResult: Sendable {
    public let id: String
    public let signer: Certificate?
    public let claimedSigningTime: Int64?
    /// The OCSP time-mark's producedAt (SiVa's bestSignatureTime).
    public let bestSignatureTime: Int64?
    public let responder: Certificate?
    public let ocspStatus: String?
    public let signatureFormat: String
    public let signatureForm: String
    public let errors: [Finding]
    public let warnings: [Finding]
    /// Each data-file reference: its URI, whether a DataFile answers it, whether its digest matched.
    public let references: [(uri: String, found: Bool, intact: Bool)]

    public var passed: Bool { errors.isEmpty }
    public var indication: String { passed ? "TOTAL-PASSED" : "TOTAL-FAILED" }
}

/// Every rule of `ddoc.md` §3–6 applied to one signature of a DDOC, with SiVa's texts as
/// messages. A check that cannot be carried out is an error, never a skip; a tolerance is applied
/// only where the reference implementation has one, and then as a warning.
struct DDOCSignatureChecks {
    let file: DigiDocFile
    let trust: DDOCTrust
    /// Each reference name (`#Id`, `/Id`, `Id`, file name) to the first DataFile it names: one
    /// lookup per reference instead of a scan (a hostile file may hold many of both).
    let names: [String: Int]
    /// Data-file digests, computed once however many signatures reference the file.
    let digests = DigestMemo()

    final class DigestMemo: @unchecked Sendable {
        var values: [Int: DigestMatchInput] = [:]
    }

    struct DigestMatchInput {
        let primary: [UInt8]?
        let alternate: [UInt8]?
    }

    init(file: DigiDocFile, trust: DDOCTrust) {
        self.file = file
        self.trust = trust
        var names: [String: Int] = [:]
        for (index, dataFile) in file.dataFiles.enumerated() {
            for name in ["#" + dataFile.id, "/" + dataFile.id, dataFile.id, dataFile.fileName] where names[name] == nil {
                names[name] = index
            }
        }
        self.names = names
    }

    static let sha1URI = "http://www.w3.org/2000/09/xmldsig#sha1"
    static let rsaSHA1URI = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"

    func check(_ source: DigiDocSignatureSource, index: Int) -> DDOCSignatureResult {
        let signature = source.element
        let id = signature.attribute("Id") ?? "S\(index)"
        var errors: [Finding] = []
        var warnings: [Finding] = []
        func error(_ key: String, _ message: String) { errors.append(.error(key, message, subject: id)) }
        func warning(_ key: String, _ message: String) { warnings.append(.warning(key, message, subject: id)) }
        let format = file.format

        // Container-level problems belong to every signature (SiVa copies them).
        for finding in file.findings {
            if finding.level == .warning { warning(finding.key, finding.message) } else { error(finding.key, finding.message) }
        }

        // What is digested is read from the bytes, what is shown from the tree: they must be one
        // and the same element, so each exists once in the whole Signature (a second one nested in
        // KeyInfo or an Object would be the first the byte reader meets), nothing hides in comments
        // or CDATA, and the children come in XML-DSig's order.
        for name in ["SignedInfo", "SignatureValue", "SignedProperties"] {
            let count = signature.descendants(named: name)
            if count != 1 { error("ddoc.signature-structure", "the signature has \(count) \(name) elements, expected one") }
        }
        let order = signature.children.map(\.localName)
        if Array(order.prefix(2)) != ["SignedInfo", "SignatureValue"] || order.dropFirst(2).drop(while: { $0 == "KeyInfo" }).contains(where: { $0 != "Object" })
            || order.filter({ $0 == "KeyInfo" }).count > 1 {
            error("ddoc.signature-structure", "the signature's elements are not in XML-DSig order (SignedInfo, SignatureValue, KeyInfo, Object): \(order.joined(separator: ", "))")
        }
        if source.hasHiddenMarkup {
            error("ddoc.signature-structure", "the signature holds a comment, CDATA section or processing instruction")
        }
        let signedInfo = signature.children.first { $0.localName == "SignedInfo" }
        let signatureValue = signature.children.first { $0.localName == "SignatureValue" }.flatMap { Base64.decode($0.text) }
        let signer = signature.first("KeyInfo", "X509Data", "X509Certificate").flatMap { Base64.decode($0.text) }.flatMap(Certificate.init(der:))
        let qualifying = signature.first("Object", "QualifyingProperties")
        let signedProperties = qualifying?.children.first { $0.localName == "SignedProperties" }
        let unsigned = qualifying?.first("UnsignedProperties", "UnsignedSignatureProperties")
        if signer == nil { error("ddoc.signer-certificate", "Signers certificate is missing or cannot be read") }

        // References: one per DataFile, one to the SignedProperties (SK-XML: one per MIME type too).
        let references = signedInfo?.children.filter { $0.localName == "Reference" } ?? []
        var covered = Set<Int>()
        var outcomes: [(uri: String, found: Bool, intact: Bool)] = []
        var signedPropertiesDigest: [UInt8]?
        for reference in references {
            let uri = reference.attribute("URI") ?? ""
            let method = reference.children.first { $0.localName == "DigestMethod" }?.attribute("Algorithm")
            let value = reference.children.first { $0.localName == "DigestValue" }.flatMap { Base64.decode($0.text) }
            guard method == Self.sha1URI, let value else {
                error("ddoc.reference-digest", "Reference \(uri) has no SHA-1 digest that can be checked")
                continue
            }
            if uri.hasSuffix("-SignedProperties") {
                signedPropertiesDigest = value
                continue
            }
            if format.isSKXML, uri.hasSuffix("-MIME") {
                let target = String(uri.dropLast(5))
                guard let dataFile = names[target].map({ file.dataFiles[$0] }) else {
                    error("ddoc.missing-datafile", "Missing DataFile for signature: \(id) reference \(uri)")
                    continue
                }
                if Digest.hash(Array(dataFile.mimeType.utf8), .sha1) != value {
                    error("ddoc.mime-digest", "Bad digest for DataFile MIME type: \(dataFile.id)")
                }
                continue
            }
            guard let position = names[uri] else {
                error("ddoc.missing-datafile", "Missing DataFile for signature: \(id) reference \(uri)")
                outcomes.append((uri, false, false))
                continue
            }
            covered.insert(position)
            let dataFile = file.dataFiles[position]
            let match = digestMatch(position, value)
            outcomes.append((uri, true, match != .none))
            switch match {
            case .primary: break
            case .alternate: warning("ddoc.datafile-alternate-digest", "Bad digest for DataFile: \(dataFile.id) alternate digest matches!")
            case .none: error("ddoc.datafile-digest", "Bad digest for DataFile: \(dataFile.id)")
            }
        }
        for (position, dataFile) in file.dataFiles.enumerated() where !covered.contains(position) {
            error("ddoc.missing-reference", "Missing Reference for file: \(dataFile.fileName)")
        }

        // SignedProperties, as the reference implementation digests them.
        if let expected = signedPropertiesDigest {
            if let text = source.signedPropertiesText {
                do {
                    let form = format.isSKXML ? text : try FragmentCanonicalizer.canonicalize(text, inject: format.is13 ? nil : FragmentCanonicalizer.dsig)
                    if Digest.hash(form, .sha1) != expected {
                        error("ddoc.signedproperties-digest", "Bad digest for SignedProperties: \(signedProperties?.attribute("Id") ?? id + "-SignedProperties")")
                    }
                } catch {
                    errors.append(.error("ddoc.signedproperties-digest", "SignedProperties cannot be canonicalised: \(error)", subject: id))
                }
            } else {
                error("ddoc.signedproperties-missing", "SignedProperties are missing")
            }
        } else {
            error("ddoc.signedproperties-reference", "No Reference covers the SignedProperties")
        }

        // The signature value over SignedInfo.
        let method = signedInfo?.children.first { $0.localName == "SignatureMethod" }?.attribute("Algorithm")
        if signedInfo == nil || source.signedInfoText == nil {
            error("ddoc.signedinfo-missing", "SignedInfo is missing")
        } else if method != Self.rsaSHA1URI {
            error("ddoc.signature-method", "Signature method \(method ?? "(none)") is not RSA-SHA1")
        } else if let signatureValue, let key = signer?.publicKey, let text = source.signedInfoText {
            do {
                let form = format.isSKXML ? text
                    : try FragmentCanonicalizer.canonicalize(text, inject: format.version == "1.1" || format.version == "1.2" ? FragmentCanonicalizer.dsig : nil)
                if !Self.digestInfoMatches(SignatureVerifier.recoverPKCS1DigestInfo(signatureValue, key: key), Digest.hash(form, .sha1)) {
                    error("ddoc.signature-value", "Invalid signature value!")
                }
            } catch {
                errors.append(.error("ddoc.signature-value", "SignedInfo cannot be canonicalised: \(error)", subject: id))
            }
        } else {
            error("ddoc.signature-value", "Invalid signature value!")
        }

        // SigningCertificate: digest and issuer serial of the signer's certificate.
        let claimed = signedProperties?.first("SignedSignatureProperties", "SigningTime").flatMap { DigiDocTime.parse($0.text, format: format) }
        if let cert = signedProperties?.first("SignedSignatureProperties", "SigningCertificate", "Cert"), let signer {
            let digest = cert.first("CertDigest", "DigestValue").flatMap { Base64.decode($0.text) }
            if digest != signer.digest(.sha1) {
                error("ddoc.signing-certificate-digest", "Signing certificate digest does not match")
            }
            if let issuerSerial = cert.first("IssuerSerial") {
                let name = issuerSerial.children.first { $0.localName == "X509IssuerName" }
                let serial = issuerSerial.children.first { $0.localName == "X509SerialNumber" }
                // The attributes written must all be the issuer's (newer certificates add some, such as
                // organizationIdentifier, that old writers left out), the common name among them.
                let nameMatches = name.map { element in
                    let claimed = DistinguishedName.attributes(element.text)
                    return claimed.contains { $0.hasPrefix("CN=") } && claimed.isSubset(of: DistinguishedName.attributes(of: signer.issuerAttributes))
                } ?? !format.is13
                let serialMatches = signer.serialMatches(serial?.text ?? issuerSerial.text)
                if !nameMatches || !serialMatches {
                    error("ddoc.signing-certificate-issuer", "Signing certificate issuer information does not match")
                }
                if !format.isSKXML {
                    for element in [name, serial].compactMap({ $0 }) where element.ownDefaultNamespace != FragmentCanonicalizer.dsig {
                        warning("ddoc.issuer-serial-namespace", "\(element.localName) has none or invalid namespace: \(element.attribute("xmlns") ?? "null")")
                    }
                }
            } else {
                error("ddoc.signing-certificate-issuer", "Signing certificate issuer information does not match")
            }
        } else if signer != nil {
            error("ddoc.signing-certificate", "SigningCertificate is missing")
        }

        // The time-mark: one OCSP response, its nonce bound to this SignatureValue.
        let mark = TimeMarkCheck(file: file, trust: trust, signer: signer, signatureValue: signatureValue, unsigned: unsigned, id: id).run()
        errors += mark.errors
        warnings += mark.warnings

        // The signer's certificate at the time-mark.
        if let signer {
            let at = mark.producedAt
            if trust.authorities.first(where: { signer.isIssued(by: $0) && (at.map($0.isValid(at:)) ?? true) }) == nil {
                error("ddoc.signer-not-trusted", "Signers cert not trusted, missing CA cert!")
            }
            if !signer.hasNonRepudiation {
                error("ddoc.non-repudiation", "Signers cert does not have non-repudiation bit set!")
            }
            if let at, !signer.isValid(at: at) {
                error("ddoc.signer-expired", "Signers certificate has expired!")
            }
        }
        let hashcode = file.dataFiles.contains(where: \.isHashcode)
        return DDOCSignatureResult(id: id, signer: signer, claimedSigningTime: claimed, bestSignatureTime: mark.producedAt, responder: mark.responder,
                                   ocspStatus: mark.status, signatureFormat: format.signatureFormat, signatureForm: format.signatureForm(hashcode: hashcode),
                                   errors: errors.deduplicated().aggregated(), warnings: warnings.deduplicated().aggregated(), references: outcomes)
    }

    enum DigestMatch { case primary, alternate, none }

    func digestMatch(_ position: Int, _ value: [UInt8]) -> DigestMatch {
        let dataFile = file.dataFiles[position]
        if dataFile.isHashcode { return dataFile.digestValue == value ? .primary : .none }
        let known = digests.values[position] ?? {
            // SK-XML: the content itself must match — the DigestValue attribute is not bound to the
            // bytes beside it (the reference implementation accepts a match of either, so changed
            // content under an unchanged attribute would pass there) — and the attribute, when
            // present, must agree. DIGIDOC-XML: the canonical form, or the namespace-less one.
            let input = file.format.isSKXML ? DigestMatchInput(primary: dataFile.contentSHA1, alternate: nil)
                : DigestMatchInput(primary: DataFileDigest.primary(dataFile, format: file.format),
                                   alternate: DataFileDigest.alternate(dataFile, format: file.format))
            digests.values[position] = input
            return input
        }()
        if file.format.isSKXML {
            return known.primary == value && (dataFile.digestValue == nil || dataFile.digestValue == value) ? .primary : .none
        }
        if known.primary == value { return .primary }
        return known.alternate == value ? .alternate : .none
    }

    /// A SHA-1 DigestInfo carrying `digest`, with NULL parameters or (legacy writers) none.
    static func digestInfoMatches(_ info: [UInt8]?, _ digest: [UInt8]) -> Bool {
        guard let info, let parts = DER(info)?.children, parts.count == 2, DER(info)?.encoded.count == info.count,
              let algorithm = parts[0].children, let oid = algorithm.first, oid.tag == 0x06,
              DER.oid(oid.content) == "1.3.14.3.2.26", parts[1].tag == 0x04 else { return false }
        guard algorithm.count == 1 || (algorithm.count == 2 && algorithm[1].tag == 0x05 && algorithm[1].content.isEmpty) else { return false }
        return parts[1].content == digest
    }
}

extension XMLElement {
    /// The first element down this path of local names (DDOC is read without regard to namespaces,
    /// as the reference implementation reads it).
    func first(_ path: String...) -> XMLElement? {
        var current: XMLElement? = self
        for name in path { current = current?.children.first { $0.localName == name } }
        return current
    }
}

extension XMLElement {
    /// How many elements below this one have the local name `name`.
    func descendants(named name: String) -> Int {
        children.reduce(0) { $0 + ($1.localName == name ? 1 : 0) + $1.descendants(named: name) }
    }
}
