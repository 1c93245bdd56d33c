import ASiC
import Findings
import ServiceClients
import PKI
import XAdES
import XMLSecurity
#if canImport(Glibc)
import Glibc
#endif

/// The levels a new signature can be brought to.
public enum SignatureLevel: String, Sendable, CaseIterable {
    case b = "B", t = "T", lt = "LT", lta = "LTA", ltTM = "LT-TM"
}

/// Where the time-stamps and revocation data come from.
public struct TrustServices: Sendable {
    public var tsa: String?
    /// An OCSP responder URL, or nil for the certificate's AIA.
    public var ocsp: String?
    public var timeout: Double

    public init(tsa: String? = nil, ocsp: String? = nil, timeout: Double = 20) {
        self.tsa = tsa
        self.ocsp = ocsp
        self.timeout = timeout
    }

    /// An RFC 3161 token over `digest`.
    func timestamp(_ digest: [UInt8], _ algorithm: DigestAlgorithm) throws(SigningError) -> [UInt8] {
        guard let tsa else { throw SigningError("sign.no-tsa", "a time-stamp needs --tsa URL") }
        guard let request = TimeStampRequest(digest: digest, algorithm: algorithm) else {
            throw SigningError("sign.tsa-request", "cannot build a time-stamp request")
        }
        switch TimeStampExchange.run(request, url: tsa, timeout: timeout, connectTimeout: min(timeout, 10)) {
        case let .success(token): return token
        case let .failure(.transport(error)): throw SigningError("sign.tsa-unreachable", "the TSA \(tsa) cannot be reached: \(error)")
        case let .failure(.http(status)): throw SigningError("sign.tsa-http", "the TSA \(tsa) answered HTTP \(status)")
        case let .failure(.response(reason)): throw SigningError("sign.tsa-response", "\(tsa): \(reason)")
        }
    }

    /// An OCSP response for `certificate`, with a random nonce or the given one (time-mark).
    func ocsp(for certificate: Certificate, issuer: Certificate, nonce: [UInt8]?) throws -> [UInt8] {
        guard let url = ocsp ?? certificate.ocspURLs.first else {
            throw SigningError("sign.no-ocsp", "the certificate names no OCSP responder; give --ocsp URL")
        }
        guard let request = OCSPRequest(certificate: certificate, issuer: issuer, nonce: true, nonceValue: nonce) else {
            throw SigningError("sign.ocsp-request", "cannot build an OCSP request")
        }
        switch OCSPExchange.run(request, url: url, timeout: timeout, connectTimeout: min(timeout, 10)) {
        case let .success(response):
            return response.der
        case let .failure(.transport(error)):
            throw SigningError("sign.ocsp-unreachable", "the OCSP responder \(url) cannot be reached: \(error)")
        case .failure(.http), .failure(.garbage), .failure(.refused), .failure(.contentType):
            throw SigningError("sign.ocsp-response", "the OCSP responder \(url) gave no usable answer")
        case .failure(.nonceMissing), .failure(.nonceMismatch):
            throw SigningError("sign.ocsp-nonce", "the OCSP responder \(url) did not return our nonce")
        }
    }
}

/// Creates containers and adds or extends signatures in them.
public struct ContainerSigner {
    /// Nil when only extending (time-stamps and validation data need no private key).
    public let key: PrivateKey?
    public let certificate: Certificate
    /// Issuer and other chain certificates (for OCSP requests and CertificateValues).
    public let chain: [Certificate]
    public let options: SignatureOptions
    public let services: TrustServices

    public init(key: PrivateKey?, certificate: Certificate, chain: [Certificate], options: SignatureOptions, services: TrustServices) {
        self.key = key
        self.certificate = certificate
        self.chain = chain
        self.options = options
        self.services = services
    }

    /// Adds a signature at `level` to the container at `path` (rewritten atomically). Returns its signature file name.
    @discardableResult
    public func sign(_ path: String, level: SignatureLevel) throws -> String {
        let container = try Container.open(path: path)
        guard container.type == .asicE, let archive = container.archive else {
            throw SigningError("sign.container", "only ASiC-E containers can be signed")
        }
        var options = self.options
        if level == .ltTM && options.policy == nil { options.policy = .bdoc21 }
        var files: [SignedFile] = []
        for file in container.dataFiles {
            let digest = Digest(options.digest)
            try archive.stream(file.entry) { digest.update($0) }
            files.append(SignedFile(name: file.name, mediaType: file.mediaType ?? "application/octet-stream", digest: digest.finalize()))
        }
        guard !files.isEmpty else { throw SigningError("sign.no-data", "the container has no data file to sign") }
        var index = container.signatureFiles.count
        while archive.entry(named: "META-INF/signatures\(index).xml") != nil { index += 1 }
        let name = "META-INF/signatures\(index).xml"
        let id = "S\(index)"
        guard let key else { throw SigningError("sign.no-key", "signing needs a private key") }
        let (xmlBytes, value) = try XAdESSigner(key: key, certificate: certificate, options: options).sign(files, id: id)
        var xml = String(decoding: xmlBytes, as: UTF8.self)
        if level != .b && level != .ltTM { xml = try addTimestamp(xml, id: id) }
        if level == .lt || level == .lta { xml = try addValidationData(xml, nonce: nil) }
        if level == .ltTM {
            // The time-mark: OCSP whose nonce is DigestInfo(SHA-256(SignatureValue)).
            let digestInfo: [UInt8] = [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
                + Digest.hash(value, .sha256)
            xml = try addValidationData(xml, nonce: digestInfo)
        }
        guard level == .lta else {
            try rewrite(path, archive: archive, replacing: [:], adding: [(name, Array(xml.utf8))])
            return name
        }
        // The archive time-stamp covers the container as written: stage it beside the original so
        // that a failing TSA leaves the original untouched.
        try Self.staged(path) { stage in
            try rewrite(stage, archive: archive, replacing: [:], adding: [(name, Array(xml.utf8))])
            try extend(stage, signatureFile: name, to: .lta)
        }
        return name
    }

    /// Runs `body` on a staging copy path beside `path`, then renames it over `path`; on failure
    /// the staging file is removed and `path` is unchanged.
    public static func staged(_ path: String, _ body: (String) throws -> Void) throws {
        let target = ZipWriter.resolved(path)
        let stage = target + ".stage-\(getpid())"
        let slot = TemporaryFiles.register(stage)
        defer { unlink(stage); TemporaryFiles.forget(slot) }
        try body(stage)
        var original = stat()
        if stat(target, &original) == 0 {
            _ = chown(stage, original.st_uid, original.st_gid)
            _ = chmod(stage, original.st_mode & 0o7777)
        }
        guard rename(stage, target) == 0 else {
            throw InputError(key: "zip.write", message: "cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Brings an existing signature file up to `level` (T adds a time-stamp, LT adds OCSP and
    /// certificates, LTA adds an archive time-stamp), keeping what it already has.
    public func extend(_ path: String, signatureFile: String, to level: SignatureLevel) throws {
        let document = try SignedDocument.open(path: path)
        guard let archive = document.container.archive, let entry = archive.entry(named: signatureFile) else {
            throw SigningError("extend.no-signature", "\(signatureFile) is not in the container")
        }
        guard let signature = document.signatures.first(where: { $0.file == signatureFile }) else {
            throw SigningError("extend.no-signature", "\(signatureFile) holds no signature")
        }
        if signature.unsigned.signatureTimeStamps.isEmpty && !signature.unsigned.ocspValues.isEmpty,
           let oid = signature.policy?.oid, SignaturePolicy.bdoc21OIDs.contains(oid) {
            // A time-mark: a time-stamp added now would come after its OCSP and break it.
            throw SigningError("extend.time-mark", "\(signatureFile) is a BDOC time-mark signature (LT-TM): it cannot be extended")
        }
        var xml = String(decoding: try archive.contents(of: entry), as: UTF8.self)
        let id = signature.id ?? "S0"
        if signature.unsigned.signatureTimeStamps.isEmpty && level != .ltTM { xml = try addTimestamp(xml, id: id) }
        // Revocation data already there (OCSP or CRL) is kept: an LT signature goes to LTA as it is.
        if (level == .lt || level == .lta) && signature.unsigned.ocspValues.isEmpty && signature.unsigned.crlValues.isEmpty {
            xml = try addValidationData(xml, nonce: nil)
        }
        if level == .lta {
            // Stage what we have, time-stamp the whole signature as it now stands, then write once.
            let stage = path + ".stage-\(getpid())"
            let slot = TemporaryFiles.register(stage)
            defer { unlink(stage); TemporaryFiles.forget(slot) }
            try rewrite(stage, archive: archive, replacing: [signatureFile: Array(xml.utf8)], adding: [])
            let current = try SignedDocument.open(path: stage)
            guard let updated = current.signatures.first(where: { $0.file == signatureFile }), let staged = current.container.archive else {
                throw SigningError("extend.internal", "the extended signature cannot be read back")
            }
            let digest = Digest(.sha256)
            guard current.feedNewArchiveTimeStampInput(updated, method: .c14n11(comments: false), into: digest) else {
                throw SigningError("extend.archive-input", "the archive time-stamp input cannot be computed")
            }
            let token = try services.timestamp(digest.finalize(), .sha256)
            xml = try UnsignedPropertiesEditor.insert(UnsignedPropertiesEditor.archiveTimeStamp(id: "\(id)-A\(updated.unsigned.archiveTimeStamps.count)", token: token), into: xml)
            try rewrite(path, archive: staged, replacing: [signatureFile: Array(xml.utf8)], adding: [])
            return
        }
        try rewrite(path, archive: archive, replacing: [signatureFile: Array(xml.utf8)], adding: [])
    }

    private func addTimestamp(_ xml: String, id: String) throws -> String {
        let document = try XMLDocument.parse(Array(xml.utf8))
        guard let value = document.root?.descendants(XMLNamespace.dsig, "SignatureValue").first else {
            throw SigningError("sign.internal", "no SignatureValue to time-stamp")
        }
        let digest = Digest.hash(try value.canonicalized(.c14n11(comments: false)), .sha256)
        let token = try services.timestamp(digest, .sha256)
        return try UnsignedPropertiesEditor.insert(UnsignedPropertiesEditor.signatureTimeStamp(id: "\(id)-T0", token: token), into: xml)
    }

    private func addValidationData(_ xml: String, nonce: [UInt8]?) throws -> String {
        guard let issuer = chain.first(where: { certificate.isIssued(by: $0) }) else {
            throw SigningError("sign.no-issuer", "the signer's issuing CA certificate is needed for OCSP (--chain FILE)")
        }
        let response = try services.ocsp(for: certificate, issuer: issuer, nonce: nonce)
        var certificates = chain
        if let parsed = OCSPResponse(der: response), let responder = parsed.responder(among: chain), !certificates.contains(responder) {
            certificates.append(responder)
        }
        return try UnsignedPropertiesEditor.insert(UnsignedPropertiesEditor.validationData(certificates: certificates, ocsp: [response]), into: xml)
    }

    /// Runs `body` holding an exclusive lock on the container file, so that two signers never
    /// rewrite it at once (the second would drop the first one's signature).
    public static func locked(_ path: String, _ body: () throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }  // the open that follows reports the problem
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw InputError(key: "zip.write.locked", message: "another process is changing this container; try again when it is done")
        }
        try body()
    }

    /// Writes the container again: every entry copied as is (mimetype stays first and stored),
    /// replaced entries re-written, new entries appended, then renamed over the original.
    func rewrite(_ path: String, archive: ZipArchive, replacing: [String: [UInt8]], adding: [(String, [UInt8])]) throws {
        let writer = try ZipWriter(path: path)
        for entry in archive.entries {
            if let replacement = replacing[entry.name] {
                try writer.add(entry.name, replacement)
            } else {
                try writer.copy(entry, from: archive)
            }
        }
        for (name, bytes) in adding { try writer.add(name, bytes) }
        try writer.finish()
    }

    /// A new ASiC-E container: mimetype first and stored, the data files, a manifest with their media types.
    public static func create(_ path: String, files: [(source: String, name: String, mediaType: String)]) throws {
        let writer = try ZipWriter(path: path)
        try writer.add("mimetype", Array(ASiCMediaType.asicE.utf8), deflate: false)
        var manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n"
            + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\n"
            + " <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"\(ASiCMediaType.asicE)\"/>\n"
        for file in files {
            manifest += " <manifest:file-entry manifest:full-path=\"\(XMLText.escape(file.name))\" manifest:media-type=\"\(XMLText.escape(file.mediaType))\"/>\n"
        }
        manifest += "</manifest:manifest>\n"
        try writer.add("META-INF/manifest.xml", Array(manifest.utf8))
        for file in files { try writer.add(file.name, file: file.source) }
        try writer.finish()
    }
}
