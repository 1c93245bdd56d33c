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

    /// The qualification in words for a person (text and HTML reports; JSON keeps DSS's label):
    /// "QESig", "qualified certificate, but the signature is not valid", "qualification not
    /// established (signature indeterminate)".
    public var qualificationForPeople: String {
        let qualification = context.qualification
        guard qualification.isApplicable else { return "qualification N/A" }
        switch indication {
        case .totalPassed:
            return qualification.name
        case .indeterminate:
            return "\(qualification.name) not established (signature indeterminate)"
        case .totalFailed:
            if qualification.isQualifiedCertificate && qualification.isQSCD {
                return "qualified certificate on a QSCD, but the signature is not valid"
            }
            return qualification.isQualifiedCertificate ? "qualified certificate, but the signature is not valid"
                : "not a valid signature"
        }
    }
}
