import Trust

extension SignatureValidation {
    /// DSS's `SignatureQualification` reading: the qualification when the signature passed,
    /// "Indeterminate …" when it is INDETERMINATE, "Not AdES …" when it failed.
    public var qualificationLabel: String {
        described(notApplicable: "N/A", indeterminate: { "Indeterminate " + $0 }) { qc, qscd in
            qc && qscd ? "Not AdES but QC with QSCD" : (qc ? "Not AdES but QC" : "Not AdES")
        }
    }

    /// The qualification in words for a person (text and HTML reports; JSON keeps DSS's label):
    /// "QESig", "qualified certificate, but the signature is not valid", "qualification not
    /// established (signature indeterminate)".
    public var qualificationForPeople: String {
        described(notApplicable: "qualification N/A", indeterminate: { "\($0) not established (signature indeterminate)" }) { qc, qscd in
            qc && qscd ? "qualified certificate on a QSCD, but the signature is not valid"
                : (qc ? "qualified certificate, but the signature is not valid" : "not a valid signature")
        }
    }

    /// The qualification name as such for a pass; otherwise what the two readings say of an
    /// undecided one (given the name) and of a failed one (given whether the certificate is
    /// qualified and on a QSCD).
    private func described(notApplicable: String, indeterminate: (String) -> String, failed: (Bool, Bool) -> String) -> String {
        let qualification = context.qualification
        guard qualification.isApplicable else { return notApplicable }
        switch indication {
        case .totalPassed: return qualification.name
        case .indeterminate: return indeterminate(qualification.name)
        case .totalFailed: return failed(qualification.isQualifiedCertificate, qualification.isQSCD)
        }
    }
}
