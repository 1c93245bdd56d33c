import ASiC
import Findings
import PKI
import Trust
import Validation
import XAdES

/// ETSI TS 119 102-2 validation report (XML, namespace v1.2.1 as DSS writes it). The standard's
/// XSD is not available here, so the output is checked for well-formedness only.
extension ContainerValidation {
    public var etsiXML: String {
        var objects: [String: ValidationObject] = [:]
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<vr:ValidationReport xmlns:vr=\"http://uri.etsi.org/19102/v1.2.1#\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
        for signature in signatures {
            xml += signature.etsiXML(validationTime: validationTime, objects: &objects)
        }
        if !objects.isEmpty {
            xml += "  <vr:SignatureValidationObjects>\n"
            for (id, object) in objects.sorted(by: { $0.key < $1.key }) {
                xml += "    <vr:ValidationObject id=\"\(id)\"><vr:ObjectType>urn:etsi:019102:validationObject:\(object.type)</vr:ObjectType>"
                    + "<vr:ValidationObjectRepresentation><vr:base64>\(Base64.encode(object.der))</vr:base64></vr:ValidationObjectRepresentation></vr:ValidationObject>\n"
            }
            xml += "  </vr:SignatureValidationObjects>\n"
        }
        xml += "  <vr:SignatureValidator><vr:DigitalId><ds:X509SubjectName>CN=asic</ds:X509SubjectName></vr:DigitalId></vr:SignatureValidator>\n"
        xml += "</vr:ValidationReport>\n"
        return xml
    }
}

/// A validation object of the ETSI report: a certificate, an OCSP response or a CRL.
struct ValidationObject {
    /// The last part of `urn:etsi:019102:validationObject:…`.
    let type: String
    let der: [UInt8]
}

extension SignatureValidation {
    func etsiXML(validationTime: Int64, objects: inout [String: ValidationObject]) -> String {
        let core = context.core
        let signature = core.signature
        var xml = "  <vr:SignatureValidationReport>\n"
        xml += "    <vr:SignatureIdentifier id=\"\(HTML.escape(signature.label))\">"
        if let value = signature.signatureValue {
            xml += "<vr:DigestAlgAndValue><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                + "<ds:DigestValue>\(Base64.encode(Digest.hash(value, .sha256)))</ds:DigestValue></vr:DigestAlgAndValue>"
                + "<ds:SignatureValue>\(Base64.encode(value))</ds:SignatureValue>"
        }
        xml += "<vr:HashOnly>false</vr:HashOnly><vr:DocHashOnly>false</vr:DocHashOnly></vr:SignatureIdentifier>\n"
        xml += "    <vr:ValidationConstraintsEvaluationReport>\n"
        for block in blocks {
            for constraint in block.constraints {
                let indication = constraint.passed ? "urn:etsi:019102:mainindication:passed" : "urn:etsi:019102:mainindication:failed"
                xml += "      <vr:ValidationConstraint><vr:ValidationConstraintIdentifier>urn:asic:constraint:\(block.name):\(constraint.key)</vr:ValidationConstraintIdentifier>"
                    + "<vr:ConstraintStatus><vr:Status>urn:etsi:019102:constraintStatus:\(constraint.level == .ignore ? "disabled" : "applied")</vr:Status></vr:ConstraintStatus>"
                    + "<vr:ValidationStatus><vr:MainIndication>\(indication)</vr:MainIndication></vr:ValidationStatus></vr:ValidationConstraint>\n"
            }
        }
        xml += "    </vr:ValidationConstraintsEvaluationReport>\n"
        xml += "    <vr:ValidationTimeInfo><vr:ValidationTime>\(ISOTime.format(validationTime))</vr:ValidationTime>"
        if let proof = context.proofOfExistence {
            xml += "<vr:BestSignatureTime><vr:POETime>\(ISOTime.format(proof))</vr:POETime><vr:TypeOfProof>urn:etsi:019102:poetype:validation</vr:TypeOfProof></vr:BestSignatureTime>"
        }
        xml += "</vr:ValidationTimeInfo>\n"
        if let time = signature.signingTime {
            xml += "    <vr:SignatureAttributes><vr:SigningTime Signed=\"true\"><vr:Time>\(HTML.escape(time))</vr:Time></vr:SigningTime></vr:SignatureAttributes>\n"
        }
        if let signer = core.signer {
            let id = "C-" + signer.sha256Hex.prefix(16).uppercased()
            objects[id] = ValidationObject(type: "certificate", der: signer.der)
            // The revocation data examined, each once (ETSI TS 119 102-2 object types OCSPResponse / CRL).
            for evidence in context.revocation {
                guard let der = evidence.der else { continue }
                let prefix = evidence.source == .crl ? "CRL-" : "OCSP-"
                objects[prefix + Array(Digest.hash(der, .sha256).prefix(8)).hexString.uppercased()] =
                    ValidationObject(type: evidence.source == .crl ? "CRL" : "OCSPResponse", der: der)
            }
            xml += "    <vr:SignerInformation><vr:SignerCertificate VOReference=\"\(id)\"/><vr:Signer>\(HTML.escape(SignerName.display(signer)))</vr:Signer></vr:SignerInformation>\n"
        }
        xml += "    <vr:SignatureQuality><vr:SignatureQualityInformation>urn:cef:dss:signatureQualification:\(HTML.escape(context.qualification.name))</vr:SignatureQualityInformation></vr:SignatureQuality>\n"
        let process = context.profile == .lta ? "LTA" : (context.proofOfExistence != nil ? "LTVM" : "Basic")
        xml += "    <vr:SignatureValidationProcess><vr:SignatureValidationProcessID>urn:etsi:019102:validationprocess:\(process)</vr:SignatureValidationProcessID></vr:SignatureValidationProcess>\n"
        xml += "    <vr:SignatureValidationStatus><vr:MainIndication>\(indication.uri)</vr:MainIndication>"
        if let sub = subIndication { xml += "<vr:SubIndication>\(sub.uri)</vr:SubIndication>" }
        for finding in findings where finding.level == .error {
            xml += "<vr:AssociatedValidationReportData><vr:AdditionalValidationReportData><vr:ReportData><vr:Type>urn:asic:finding:\(HTML.escape(finding.key))</vr:Type>"
                + "<vr:Value>\(HTML.escape(finding.message))</vr:Value></vr:ReportData></vr:AdditionalValidationReportData></vr:AssociatedValidationReportData>"
        }
        xml += "</vr:SignatureValidationStatus>\n  </vr:SignatureValidationReport>\n"
        return xml
    }
}
