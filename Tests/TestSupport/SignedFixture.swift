import Foundation
import PKI
import XMLSecurity

/// Makes a real signed ASiC-E container in the test: keys and certificates from the openssl CLI,
/// the signature value from `openssl dgst -sign` over our canonical SignedInfo, zipped by Python.
public struct SignedFixture {
    public enum Key: String, CaseIterable, Sendable {
        case rsa2048, rsaPSS, rsaPSSExplicit, p256, p384, p521, brainpoolP384r1

        var genpkey: [String] {
            switch self {
            case .rsa2048, .rsaPSS, .rsaPSSExplicit: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
            case .p256: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
            case .p384: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]
            case .p521: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"]
            case .brainpoolP384r1: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:brainpoolP384r1"]
            }
        }

        var method: String {
            switch self {
            case .rsa2048: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
            case .rsaPSS: "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"
            case .rsaPSSExplicit: "http://www.w3.org/2007/05/xmldsig-more#rsa-pss"
            case .p256, .p521: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
            case .p384, .brainpoolP384r1: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
            }
        }

        var digest: String {
            switch self {
            case .p384, .brainpoolP384r1: "-sha384"
            default: "-sha256"
            }
        }

        var sigopts: [String] {
            switch self {
            case .rsaPSS: ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256"]
            // Explicit parameters that differ from the MGF1-URI defaults: SHA-256 digest, MGF1 with SHA-512, salt 20.
            case .rsaPSSExplicit: ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:20", "-sigopt", "rsa_mgf1_md:sha512"]
            default: []
            }
        }

        /// Children of SignatureMethod (RFC 9231 RSAPSSParams for explicit PSS).
        var methodParameters: String {
            guard self == .rsaPSSExplicit else { return "" }
            return "<pss:RSAPSSParams xmlns:pss=\"http://www.w3.org/2007/05/xmldsig-more#\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><pss:MaskGenerationFunction Algorithm=\"http://www.w3.org/2007/05/xmldsig-more#MGF1\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha512\"/></pss:MaskGenerationFunction><pss:SaltLength>20</pss:SaltLength><pss:TrailerField>1</pss:TrailerField></pss:RSAPSSParams>"
        }

        /// r and s width for ECDSA raw encoding.
        var ecWidth: Int? {
            switch self {
            case .p256: 32
            case .p384, .brainpoolP384r1: 48
            case .p521: 66
            default: nil
            }
        }
    }

    public struct Options {
        public init() {}
        public var uri = "hello%20world.txt"
        public var fileName = "hello world.txt"
        public var content = "Hello, signed world.\n"
        public var tamperData = false
        public var tamperSignatureValue = false
        /// Put an attacker's certificate first in KeyInfo and sign with the attacker's key.
        public var substituteKey = false
        public var extraXML = ""
        /// Sign with this key and certificate (PEM files) instead of a fresh self-signed one.
        public var signerKey: String?
        public var signerCertificate: String?
        /// More certificates (PEM files) for KeyInfo after the signer's, e.g. its CA.
        public var keyInfoCertificates: [String] = []
        /// `ds:Transforms` for the data file's reference (its digest stays that of the raw bytes).
        public var dataTransforms = ""
        /// The SignedProperties reference's transform algorithm.
        public var signedPropertiesTransform = "http://www.w3.org/2006/12/xml-c14n11"
    }

    public let dir: String
    public let container: String
    public let signatureXML: String

    public static func make(_ key: Key, _ options: Options = Options()) throws -> SignedFixture {
        let dir = try scratchFolder()
        func pem(_ name: String, _ key: Key) throws -> [UInt8] {
            try tool(["openssl", "genpkey"] + key.genpkey + ["-out", dir + "/\(name).key"])
            try tool(["openssl", "req", "-new", "-x509", "-key", dir + "/\(name).key", "-subj", "/C=EE/CN=\(name) \(key.rawValue)",
                      "-days", "3650", "-addext", "keyUsage=critical,nonRepudiation", "-out", dir + "/\(name).pem"])
            return try tool(["openssl", "x509", "-in", dir + "/\(name).pem", "-outform", "DER"])
        }
        let signerDER: [UInt8]
        if let signerKey = options.signerKey, let signerCertificate = options.signerCertificate {
            try FileManager.default.copyItem(atPath: signerKey, toPath: dir + "/signer.key")
            try FileManager.default.copyItem(atPath: signerCertificate, toPath: dir + "/signer.pem")
            signerDER = try tool(["openssl", "x509", "-in", dir + "/signer.pem", "-outform", "DER"])
        } else {
            signerDER = try pem("signer", key)
        }
        let attackerDER = options.substituteKey ? try pem("attacker", key) : nil
        try write(options.content, to: dir + "/data.bin")
        let dataDigest = try tool(["openssl", "dgst", "-sha256", "-binary", dir + "/data.bin"])
        let certDigest = Digest.hash(signerDER, .sha256)
        var keyInfo = "<ds:X509Certificate>\(Base64.encode(signerDER))</ds:X509Certificate>"
        if let attackerDER { keyInfo = "<ds:X509Certificate>\(Base64.encode(attackerDER))</ds:X509Certificate>" + keyInfo }
        for path in options.keyInfoCertificates {
            keyInfo += "<ds:X509Certificate>\(Base64.encode(try tool(["openssl", "x509", "-in", path, "-outform", "DER"])))</ds:X509Certificate>"
        }

        func document(signedPropertiesDigest: String, signatureValue: String) -> String {
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"><ds:Signature Id="S0"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11"/><ds:SignatureMethod Algorithm="\(key.method)">\(key.methodParameters)</ds:SignatureMethod><ds:Reference Id="S0-RefId0" URI="\(options.uri)">\(options.dataTransforms)<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>\(Base64.encode(dataDigest))</ds:DigestValue></ds:Reference><ds:Reference Id="S0-RefId1" Type="http://uri.etsi.org/01903#SignedProperties" URI="#S0-SignedProperties"><ds:Transforms><ds:Transform Algorithm="\(options.signedPropertiesTransform)"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>\(signedPropertiesDigest)</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue Id="S0-SIG">\(signatureValue)</ds:SignatureValue><ds:KeyInfo><ds:X509Data>\(keyInfo)</ds:X509Data></ds:KeyInfo><ds:Object><xades:QualifyingProperties Target="#S0"><xades:SignedProperties Id="S0-SignedProperties"><xades:SignedSignatureProperties><xades:SigningTime>2026-01-02T03:04:05Z</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>\(Base64.encode(certDigest))</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2><xades:SignerRole><xades:ClaimedRoles><xades:ClaimedRole>Tester</xades:ClaimedRole></xades:ClaimedRoles></xades:SignerRole></xades:SignedSignatureProperties><xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference="#S0-RefId0"><xades:MimeType>text/plain</xades:MimeType></xades:DataObjectFormat></xades:SignedDataObjectProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature>\(options.extraXML)</asic:XAdESSignatures>
            """
        }
        // 1. SignedProperties digest, canonicalized in context as the reference says.
        let draft = try XMLDocument.parse(Array(document(signedPropertiesDigest: "", signatureValue: "").utf8))
        let signedProperties = try requireElementHelper(draft.root, path: ["Signature", "Object", "QualifyingProperties", "SignedProperties"])
        let propertiesDigest = Digest.hash(try signedProperties.canonicalized(.c14n11(comments: false)), .sha256)
        // 2. SignatureValue over the canonical SignedInfo, by openssl.
        let unsigned = try XMLDocument.parse(Array(document(signedPropertiesDigest: Base64.encode(propertiesDigest), signatureValue: "").utf8))
        let signedInfo = try requireElementHelper(unsigned.root, path: ["Signature", "SignedInfo"])
        try write(try signedInfo.canonicalized(.c14n11(comments: false)), to: dir + "/signedinfo.bin")
        let signingKey = dir + (options.substituteKey ? "/attacker.key" : "/signer.key")
        var value = try tool(["openssl", "dgst", key.digest, "-sign", signingKey] + key.sigopts + ["-binary", dir + "/signedinfo.bin"])
        if let width = key.ecWidth { value = try rawECDSA(value, width: width) }
        if options.tamperSignatureValue { value[value.count / 2] ^= 0x01 }
        let xml = document(signedPropertiesDigest: Base64.encode(propertiesDigest), signatureValue: Base64.encode(value))
        try write(xml, to: dir + "/signatures0.xml")
        try write(options.tamperData ? options.content + "!" : options.content, to: dir + "/data.bin")
        let container = dir + "/signed.asice"
        try zip(container, files: [(options.fileName, dir + "/data.bin"), ("META-INF/signatures0.xml", dir + "/signatures0.xml")],
                manifest: [(options.fileName, "text/plain")])
        return SignedFixture(dir: dir, container: container, signatureXML: dir + "/signatures0.xml")
    }

    /// DER ECDSA-Sig-Value → r‖s, each left-padded to `width` bytes.
    public static func rawECDSA(_ der: [UInt8], width: Int) throws -> [UInt8] {
        guard let parts = DER(der)?.children, parts.count == 2 else { throw ToolError(command: "ecdsa", status: 1, stderr: "bad DER") }
        func pad(_ integer: [UInt8]) -> [UInt8] {
            let trimmed = Array(integer.drop { $0 == 0 })
            return [UInt8](repeating: 0, count: width - trimmed.count) + trimmed
        }
        return pad(parts[0].content) + pad(parts[1].content)
    }

    /// mimetype first and stored, a manifest, then the given files.
    public static func zip(_ path: String, files: [(String, String)], manifest: [(String, String)]) throws {
        var entries = "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.etsi.asic-e+zip\"/>"
        for (name, type) in manifest {
            entries += "<manifest:file-entry manifest:full-path=\"\(name)\" manifest:media-type=\"\(type)\"/>"
        }
        let manifestXML = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\(entries)</manifest:manifest>"
        let script = """
        import sys, zipfile
        out, manifest, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
        with zipfile.ZipFile(out, 'w') as z:
            z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-e+zip')
            z.writestr('META-INF/manifest.xml', manifest, zipfile.ZIP_DEFLATED)
            for name, source in zip(pairs[0::2], pairs[1::2]):
                z.write(source, name, zipfile.ZIP_DEFLATED)
        """
        try tool(["python3", "-c", script, path, manifestXML] + files.flatMap { [$0.0, $0.1] })
    }
}

/// Walks child elements by local name (test helper).
public func requireElementHelper(_ root: XMLElement?, path: [String]) throws -> XMLElement {
    var current = root
    for name in path { current = current?.children.first { $0.localName == name } }
    guard let current else { throw ToolError(command: "path \(path)", status: 1, stderr: "element not found") }
    return current
}

