#if canImport(Glibc)
import Glibc
#endif

/// Spool folders (`asic-serve-PID-XXXXXX`) that a killed service left behind: removed at the
/// next start, but only when their owner is gone — instances sharing one temporary folder never
/// touch each other's uploads. Each folder has a lock file beside it (`….lock`) that its service
/// holds locked (`flock`) for as long as it runs: the kernel drops the lock when the process dies,
/// whatever PID namespace it ran in (containers sharing a temporary folder see each other's
/// process ids as unknown, so a process id alone would take a live instance for dead).
enum SpoolSweeper {
    /// How old a folder without a lock file (made by an asic before lock files) must be, beside
    /// its process being unknown here, before it is taken for abandoned.
    static let legacyAge: time_t = 3600

    static func sweep(_ folder: String) {
        let entries = names(in: folder)
        for name in entries {
            guard let pid = owner(name) else {
                removeIfOrphanLock(folder, name, entries: entries)
                continue
            }
            let path = folder + "/" + name
            let lock = path + ".lock"
            if access(lock, F_OK) == 0 {
                // Ours to remove only if its owner's lock can be taken; held while removing.
                let descriptor = open(lock, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { continue }
                defer { close(descriptor) }
                guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
                remove(path)
                unlink(lock)
            } else {
                guard pid != getpid(), kill(pid, 0) != 0, errno == ESRCH, age(of: path).map({ $0 >= legacyAge }) == true else { continue }
                remove(path)
            }
        }
    }

    /// A new spool folder `asic-serve-PID-XXXXXX` in `folder` with its lock file made and locked
    /// first (so no sweeper can ever see the folder without a held lock), and the lock's file
    /// descriptor, to keep open for as long as the folder is in use.
    static func create(in folder: String) -> (path: String, lock: Int32)? {
        for _ in 0..<8 {
            var template = Array((folder + "/asic-serve-\(getpid())-XXXXXX.lock").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
            guard descriptor >= 0 else { return nil }
            let lock = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                unlink(lock)
                return nil
            }
            let path = String(lock.dropLast(5))
            if mkdir(path, 0o700) == 0 { return (path, descriptor) }
            // A folder of that name without this lock (left by an older asic): another name.
            let failure = errno
            unlink(lock)
            close(descriptor)
            guard failure == EEXIST else {
                errno = failure
                return nil
            }
        }
        errno = EEXIST
        return nil
    }

    /// A lock file whose folder is gone (its service ended between removing the two, or was
    /// killed while starting): removed when nobody holds it and it is older than a minute (a
    /// starting service makes its folder within microseconds of its lock file).
    private static func removeIfOrphanLock(_ folder: String, _ name: String, entries: [String]) {
        guard name.hasSuffix(".lock"), owner(String(name.dropLast(5))) != nil, !entries.contains(String(name.dropLast(5))) else { return }
        let lock = folder + "/" + name
        guard age(of: lock).map({ $0 >= 60 }) == true else { return }
        let descriptor = open(lock, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { unlink(lock) }
    }

    /// The process id in `asic-serve-PID-XXXXXX`, or nil for any other name.
    static func owner(_ name: String) -> pid_t? {
        let parts = name.split(separator: "-")
        guard parts.count == 4, parts[0] == "asic", parts[1] == "serve", parts[3].count == 6, let pid = pid_t(parts[2]), pid > 0 else { return nil }
        return pid
    }

    /// The uploads of an abandoned spool folder (only the service's own files are ever in it), then the folder.
    private static func remove(_ path: String) {
        for file in names(in: path) where file.hasPrefix("upload-") { unlink(path + "/" + file) }
        rmdir(path)
    }

    /// Seconds since the folder or file last changed, nil when it cannot be read.
    private static func age(of path: String) -> time_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return time(nil) - status.st_mtim.tv_sec
    }

    /// The entry names of a folder (none when it cannot be read).
    private static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
