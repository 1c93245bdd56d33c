import Foundation
import PKI
import Reports
import Validation
import XAdES

/// SiVa's `POST /validateHashcode` body: signature files (base64 XAdES) each with the names and
/// digests of the data files it signs; the data itself never leaves the client.
struct SiVaHashcodeRequest {
    struct SignatureFile {
        let signature: [UInt8]
        let dataFiles: [HashcodeFile]
    }

    let signatureFiles: [SignatureFile]
    let policy: ValidationPolicy
    let sivaPolicy: SiVaReport.Policy
    let detailed: Bool

    /// Most signature files and data files one request may name (bounded work per request).
    static let maxSignatureFiles = 16
    static let maxDataFiles = 1000

    static func parse(_ body: [UInt8]) throws(ServiceError) -> SiVaHashcodeRequest {
        let object = try SiVaRequest.object(body)
        guard let files = object["signatureFiles"] as? [[String: Any]], !files.isEmpty, files.count <= maxSignatureFiles else {
            throw SiVaRequest.invalid("signatureFiles", "signatureFiles must list 1 to \(maxSignatureFiles) signature files")
        }
        var signatureFiles: [SignatureFile] = []
        for (index, file) in files.enumerated() {
            guard let text = file["signature"] as? String, let signature = Base64.decode(text), !signature.isEmpty else {
                throw SiVaRequest.invalid("signatureFiles[\(index)].signature", "Signature file is not encoded in a valid base64 string")
            }
            guard let items = file["datafiles"] as? [[String: Any]], !items.isEmpty, items.count <= maxDataFiles else {
                throw SiVaRequest.invalid("signatureFiles[\(index)].datafiles", "datafiles must list 1 to \(maxDataFiles) files")
            }
            var dataFiles: [String: [DigestAlgorithm: [UInt8]]] = [:]
            var order: [String] = []
            for item in items {
                guard let name = item["filename"] as? String, SiVaRequest.acceptable(name: name) else {
                    throw SiVaRequest.invalid("signatureFiles[\(index)].datafiles.filename", "Invalid filename")
                }
                guard let algorithmName = item["hashAlgo"] as? String, let algorithm = algorithm(algorithmName) else {
                    throw SiVaRequest.invalid("signatureFiles[\(index)].datafiles.hashAlgo",
                                              "Invalid hash algorithm; use SHA256, SHA384 or SHA512 (also SHA1, SHA224, SHA3-256 …)")
                }
                guard let hashText = item["hash"] as? String, let hash = Base64.decode(hashText), hash.count == algorithm.length else {
                    throw SiVaRequest.invalid("signatureFiles[\(index)].datafiles.hash",
                                              "Invalid hash: base64 of a \(algorithm.rawValue) digest (\(algorithm.length) bytes) expected")
                }
                if dataFiles[name] == nil { order.append(name) }
                guard dataFiles[name, default: [:]][algorithm] == nil else {
                    throw SiVaRequest.invalid("signatureFiles[\(index)].datafiles.filename", "\(name) is listed twice with \(algorithm.rawValue)")
                }
                dataFiles[name, default: [:]][algorithm] = hash
            }
            signatureFiles.append(SignatureFile(signature: signature, dataFiles: order.map { HashcodeFile(name: $0, digests: dataFiles[$0]!) }))
        }
        let (policy, sivaPolicy) = try SiVaRequest.policy(object)
        return SiVaHashcodeRequest(signatureFiles: signatureFiles, policy: policy, sivaPolicy: sivaPolicy,
                                   detailed: try SiVaRequest.detailed(object))
    }

    /// SiVa's names (`SHA256`) and the hyphenated ones (`SHA-256`).
    static func algorithm(_ name: String) -> DigestAlgorithm? {
        let wanted = name.uppercased().replacingOccurrences(of: "-", with: "")
        return DigestAlgorithm.allCases.first { $0.rawValue.replacingOccurrences(of: "-", with: "") == wanted }
    }
}
