import ASiC
import Findings

extension ValidationPolicy {
    /// A built-in policy by name (`default`, `ee`, `ee-polv3`) or a policy file (at most 1 MiB).
    public static func load(_ nameOrPath: String) throws(InputError) -> ValidationPolicy {
        if let builtIn = builtIn[nameOrPath] { return builtIn }
        let file: RandomAccessFile
        do { file = try RandomAccessFile(path: nameOrPath) } catch {
            let reason = (error as? InputError)?.message ?? "\(error)"
            throw InputError(key: "policy.unreadable",
                             message: "not a built-in policy (\(builtIn.keys.sorted().joined(separator: ", "))) nor a readable policy file: \(reason)")
        }
        guard file.size <= 1 << 20 else { throw InputError(key: "policy.too-large", message: "policy file larger than 1 MiB") }
        do {
            let bytes = try file.read(at: 0, count: Int(file.size))
            return try PolicyFile.parse(String(decoding: bytes, as: UTF8.self), source: nameOrPath)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(key: "policy.unreadable", message: "\(error)")
        }
    }
}
