import PKI
#if canImport(Glibc)
import Glibc
#endif

/// This service's spool folder and the lock that marks it as in use (`SpoolSweeper`): released
/// once, when the service ends or at the latest when this object goes.
final class SpoolOwnership: Sendable {
    let path: String
    private let lock: Locked<Int32?>

    /// Makes the folder inside `folder`; nil when it cannot be made (errno says why).
    init?(in folder: String) {
        guard let (path, descriptor) = SpoolSweeper.create(in: folder) else { return nil }
        self.path = path
        lock = Locked(descriptor)
    }

    /// Removes the folder (it is empty when no request is in flight), then its lock file, then
    /// lets go of the lock.
    func release() {
        lock.withLock { descriptor in
            guard let held = descriptor else { return }
            rmdir(path)
            unlink(path + ".lock")
            close(held)
            descriptor = nil
        }
    }

    deinit { release() }
}
