import Foundation

/// A child process started with `posix_spawn`, for the tests' tools and servers.
///
/// Foundation's `Process` keeps itself, its pipes and its arguments alive until a run loop sees the
/// child end; test helpers never run one, so every spawn left an unreachable cycle that
/// LeakSanitizer reported. This type owns exactly a pid and up to three pipe ends: the ends are
/// close-on-exec (a child spawned by a concurrent test cannot inherit them and keep a read open),
/// the child gets default signal handling and an empty signal mask (so SIGINT/SIGTERM tests reach
/// its own handlers), and `deinit` closes what is left.
public final class Subprocess: @unchecked Sendable {
    /// Where one of the child's output streams goes.
    public enum Output: Sendable {
        case pipe
        case null
        /// Into the standard output pipe (standard error only).
        case stdout
    }

    public let pid: pid_t
    private static let spawnLock = NSLock()
    private var input: Int32 = -1
    private var output: Int32 = -1
    private var errors: Int32 = -1
    private var status: Int32?

    /// Starts `arguments[0]` (looked up on PATH through /usr/bin/env unless it is a path) with the
    /// rest as its arguments, in `cwd` when given, with `environment` merged over ours.
    public init(_ arguments: [String], environment: [String: String] = [:], cwd: String? = nil, stdin: Bool = false,
                stdout: Output = .pipe, stderr: Output = .pipe) throws {
        precondition(!arguments.isEmpty && stdout != .stdout)
        var argv = arguments
        if !argv[0].hasPrefix("/") { argv.insert("/usr/bin/env", at: 0) }
        if let cwd { argv = ["/usr/bin/env", "-C", cwd] + (argv[0] == "/usr/bin/env" ? Array(argv.dropFirst()) : argv) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        defer { childEnds.forEach { _ = close($0) } }
        // pipe2 is not in Swift's Glibc: pipe + FD_CLOEXEC, with every spawn of the tests serialised
        // on one lock so that no other child starts between the two calls and inherits an end.
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        func makePipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return (fds[0], fds[1])
        }
        /// A pipe whose `childEnd` becomes the child's descriptor `fd`; the parent keeps the other end.
        func connect(_ fd: Int32, childReads: Bool) throws -> Int32 {
            let ends = try makePipe()
            let (child, parent) = childReads ? (ends.read, ends.write) : (ends.write, ends.read)
            posix_spawn_file_actions_adddup2(&actions, child, fd)
            parentEnds.append(parent)
            childEnds.append(child)
            return parent
        }
        if stdin { input = try connect(0, childReads: true) } else { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        if stdout == .pipe { output = try connect(1, childReads: false) } else { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
        switch stderr {
        case .pipe:
            errors = try connect(2, childReads: false)
        case .null:
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        case .stdout:
            if stdout == .pipe { posix_spawn_file_actions_adddup2(&actions, 1, 2) } else {
                posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard result == 0 else {
            parentEnds.forEach { _ = close($0) }
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO)
        }
        pid = child
    }

    deinit {
        for fd in [input, output, errors] where fd >= 0 { close(fd) }
    }

    /// Writes `bytes` to the child's standard input and closes it.
    public func send(_ bytes: [UInt8]) {
        guard input >= 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue } else { break } }
            offset += written
        }
        closeInput()
    }

    public func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Reads standard output and standard error to their ends (both at once, so neither pipe fills).
    public func readToEnd() -> (stdout: [UInt8], stderr: [UInt8]) {
        var out: [UInt8] = [], err: [UInt8] = []
        var open = [output, errors].filter { $0 >= 0 }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else { break }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == output { out += buffer[0..<count] } else { err += buffer[0..<count] }
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return (out, err)
    }

    /// One read of standard output (what is there, or the next chunk the child writes).
    public func readSome() -> [UInt8] {
        guard output >= 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
        return count > 0 ? Array(buffer[0..<count]) : []
    }

    /// Sends `signal` to the child (if it has not been reaped).
    public func signal(_ signal: Int32) {
        if status == nil { kill(pid, signal) }
    }

    /// True while the child has not ended.
    public var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
        status = Self.decode(raw)
        return false
    }

    /// Waits for the child's end: its exit status, or minus the signal that killed it (so a test can
    /// tell a program that handled SIGTERM and exited 143 from one the signal killed).
    @discardableResult
    public func wait() -> Int32 {
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
        let decoded = Self.decode(raw)
        status = decoded
        return decoded
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : -signal
    }

    /// Runs to the end: status, standard output and standard error.
    public static func run(_ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:], cwd: String? = nil,
                           stderr: Output = .pipe) throws -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        let child = try Subprocess(arguments, environment: environment, cwd: cwd, stdin: input != nil, stderr: stderr)
        // Tests hand small inputs (well under a pipe's 64 KiB), so writing all before reading cannot block.
        if let input { child.send(input) }
        let output = child.readToEnd()
        return (child.wait(), output.stdout, output.stderr)
    }
}
