import Trust

extension SignatureValidation {
    /// DSS's `SignatureQualification` reading: the qualification when the signature passed,
    /// "Indeterminate …" when it is INDETERMINATE, "Not AdES …" when it failed.
    public var qualificationLabel: String {
        let qualification = context.qualification
        guard qualification.isApplicable else { return "N/A" }
        switch indication {
        case .totalPassed:
            return qualification.name
        case .indeterminate:
            return "Indeterminate " + qualification.name
        case .totalFailed:
            if qualification.isQualifiedCertificate && qualification.isQSCD { return "Not AdES but QC with QSCD" }
            return qualification.isQualifiedCertificate ? "Not AdES but QC" : "Not AdES"
        }
    }
}
