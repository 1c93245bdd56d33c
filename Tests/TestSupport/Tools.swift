import Foundation

/// Runs a tool (openssl, xmllint, xmlsec1) and returns its standard output; fails the test on error.
@discardableResult
public func tool(_ arguments: [String], input: [UInt8]? = nil, cwd: String? = nil) throws -> [UInt8] {
    let result = try Subprocess.run(arguments, input: input, cwd: cwd)
    guard result.status == 0 else {
        throw ToolError(command: arguments.joined(separator: " "), status: result.status, stderr: String(decoding: result.stderr, as: UTF8.self))
    }
    return result.stdout
}

public struct ToolError: Error, CustomStringConvertible {
    public let command: String
    public let status: Int32
    public let stderr: String
    public var description: String { "\(command) exited \(status): \(stderr)" }
}

public func scratchFolder() throws -> String {
    let dir = NSTemporaryDirectory() + "asic-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

public func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

public func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The bytes of a file, read with POSIX calls (Foundation's `Data(contentsOf:)` leaks a buffer
/// when the file is empty, which LeakSanitizer reports).
public func readBytes(_ path: String) throws -> [UInt8] {
    guard let handle = fopen(path, "rb") else { throw CocoaError(.fileReadNoSuchFile) }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&chunk, 1, chunk.count, handle)
        bytes += chunk[0..<count]
        if count < chunk.count { break }
    }
    return bytes
}

/// `count` random bytes (the system generator), for round-trip and refusal tests.
public func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}
