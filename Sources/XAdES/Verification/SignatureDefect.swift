import Findings

/// A defect the trust-free core found in one signature, as a typed fact. Each case is the one
/// place its finding key is spelled: the core reports a defect only through
/// ``Finding/defect(_:_:_:subject:)`` and the validation constraints read ``CoreResult/defects``
/// and classify every case with an exhaustive `switch`, so a new or renamed defect cannot slip
/// past them as a pass.
public enum SignatureDefect: String, Defect {
    // XML structure (EN 319 132-1, XML-DSig).
    case signedInfoCount = "xades.structure.signed-info"
    case signatureValueCount = "xades.structure.signature-value"
    case signatureValueNotBase64 = "xades.signature-value.not-base64"
    case signatureMethodMissing = "xades.structure.signature-method"
    case qualifyingPropertiesCount = "xades.structure.qualifying-properties"
    case qualifyingPropertiesTarget = "xades.structure.target"
    case signedPropertiesMissing = "xades.structure.signed-properties"
    case signedSignaturePropertiesMissing = "xades.structure.signed-signature-properties"
    case canonicalizationUnsupported = "xades.signed-info.c14n-unsupported"
    // References.
    case referenceWithoutURI = "xades.reference.no-uri"
    case referenceURIUnsupported = "xades.reference.unsupported-uri"
    case duplicateId = "xades.reference.duplicate-id"
    case wrappedSignedProperties = "xades.reference.wrapped"
    case objectOutsideSignature = "xades.reference.outside-signature"
    case referenceToMetadata = "xades.reference.reserved"
    case transformUnsupported = "xades.reference.transform-unsupported"
    case signedPropertiesReferenceCount = "xades.reference.signed-properties-count"
    case noDataReference = "xades.reference.no-data"
    // Data files, DataObjectFormat and the manifest.
    case dataFileNotSigned = "xades.datafile.not-signed"
    case dataObjectFormatMissing = "xades.data-object-format.missing"
    case mediaTypeMismatch = "xades.data-object-format.mime-mismatch"
    // The signing certificate reference.
    case signingCertificateMissing = "xades.signing-certificate.missing"
    case signingCertificateNotFound = "xades.signing-certificate.not-found"
    case signingCertificateDigestAlgorithm = "xades.signing-certificate.digest-algorithm"
    case signingCertificateUnbound = "xades.signing-certificate.unbound"
    case signingCertificateNotInKeyInfo = "xades.signing-certificate.not-in-keyinfo"
    case issuerSerialNumberMismatch = "xades.signing-certificate.serial-mismatch"
    case issuerNameMismatch = "xades.signing-certificate.issuer-mismatch"
    case issuerSerialV2Mismatch = "xades.signing-certificate.issuer-serial-v2"

    /// What the defect means for format checking, signer identification and the manifest.
    public enum Role: Sendable {
        /// The XML signature is malformed or wrapped: FORMAT_FAILURE.
        case structure
        /// A data file of the container is not covered.
        case unsignedDataFile
        /// The signed media type contradicts the manifest.
        case mediaType
        /// DataObjectFormat missing for a signed file (a warning in DSS).
        case dataObjectFormat
        /// The signer certificate could not be identified through a signed reference.
        case signerIdentification
        /// IssuerSerial does not name the identified signer (a warning in DSS).
        case issuerSerial
        /// Judged from the reference outcomes themselves (CV), not from the defect.
        case reference
    }

    public var role: Role {
        switch self {
        case .signedInfoCount, .signatureValueCount, .signatureMethodMissing, .qualifyingPropertiesCount, .qualifyingPropertiesTarget,
             .signedPropertiesMissing, .signedSignaturePropertiesMissing, .canonicalizationUnsupported, .referenceURIUnsupported,
             .duplicateId, .wrappedSignedProperties, .referenceToMetadata, .transformUnsupported, .signatureValueNotBase64:
            .structure
        case .referenceWithoutURI, .objectOutsideSignature, .signedPropertiesReferenceCount, .noDataReference:
            .reference
        case .dataFileNotSigned: .unsignedDataFile
        case .mediaTypeMismatch: .mediaType
        case .dataObjectFormatMissing: .dataObjectFormat
        case .signingCertificateMissing, .signingCertificateNotFound, .signingCertificateDigestAlgorithm, .signingCertificateUnbound,
             .signingCertificateNotInKeyInfo:
            .signerIdentification
        case .issuerSerialNumberMismatch, .issuerNameMismatch, .issuerSerialV2Mismatch:
            .issuerSerial
        }
    }
}

/// How the signer certificate was found.
public enum SignerIdentification: String, Sendable {
    /// A certificate in KeyInfo whose digest equals a signed SigningCertificate(V2) CertDigest.
    case signedDigest = "signed-digest"
    /// No signed reference: the first KeyInfo certificate, as libdigidocpp does (never a pass).
    case unboundKeyInfo = "unbound-keyinfo"
    /// Not found.
    case none
}

/// The check of the SignatureValue, as a typed fact: only `.valid` proves anything.
public enum SignatureValueOutcome: Sendable, Equatable {
    case valid
    /// The value does not verify with the signer's key.
    case invalid(String)
    /// No SignatureMethod, or an empty Algorithm.
    case methodMissing
    /// A SignatureMethod outside the allowlist (unknown, HMAC, DSA …).
    case methodNotAllowed(String)
    /// A method that does not fit the signer's key type (RSA method on an EC key …).
    case methodDoesNotFitKey(String)
    /// No SignatureValue element, or not base64.
    case valueMissing
    /// An empty SignatureValue.
    case valueEmpty
    /// The value cannot be a signature of this kind (ECDSA neither r‖s nor DER …).
    case valueMalformed(String)
    /// The signer's public key cannot be read.
    case keyUnreadable
    /// SignedInfo could not be canonicalized, or its canonicalization is not allowed.
    case canonicalizationFailed(String)
    /// No signer certificate to check it with.
    case noSigner

    /// True/false when it was checked or proven unusable, nil only when there is no signer.
    public var intact: Bool? {
        switch self {
        case .valid: true
        case .noSigner: nil
        default: false
        }
    }

    /// Why it is not valid, for reports.
    public var reason: String {
        switch self {
        case .valid: "the signature value is valid"
        case let .invalid(why): "the signature value does not verify with the signer's key (\(why))"
        case .methodMissing: "SignedInfo names no signature method"
        case let .methodNotAllowed(uri): "signature method \"\(uri)\" is not an allowed signature algorithm"
        case let .methodDoesNotFitKey(why): why
        case .valueMissing: "the signature has no readable SignatureValue"
        case .valueEmpty: "the SignatureValue is empty"
        case let .valueMalformed(why): "the SignatureValue is malformed: \(why)"
        case .keyUnreadable: "the signer certificate's public key cannot be read"
        case let .canonicalizationFailed(why): "SignedInfo cannot be canonicalized: \(why)"
        case .noSigner: "no signer certificate to verify the signature value with"
        }
    }
}

extension SignatureValueOutcome {
    /// The finding key of a signature value that is not valid.
    var findingKey: String {
        switch self {
        case .valid, .invalid: "xades.signature-value.invalid"
        case .methodMissing, .methodNotAllowed: "xades.signature-method.unsupported"
        case .methodDoesNotFitKey: "xades.signature-method.key-mismatch"
        case .valueMissing, .valueEmpty, .valueMalformed: "xades.signature-value.malformed"
        case .keyUnreadable: "xades.signer.key"
        case .canonicalizationFailed: "xades.signed-info.c14n"
        case .noSigner: "xades.signature-value.unchecked"
        }
    }
}
