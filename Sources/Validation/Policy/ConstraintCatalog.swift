/// Every constraint key the validator evaluates, for checking policy files.
enum ConstraintCatalog {
    static let blocks: [BuildingBlock] = [
        FormatChecking.block, SigningCertificateIdentification.block, ValidationContextInitialization.block,
        CertificateValidation.block, CryptographicVerification.block, SignatureAcceptance.structureBlock,
        SignatureAcceptance.block, LongTermValidation.block, QualificationCheck.block,
    ]

    static let keys: Set<String> = Set(blocks.flatMap { $0.constraints.map(\.key) })
}
