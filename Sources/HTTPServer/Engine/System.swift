#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine the server runs on.
public enum System {
    /// Online processor cores, at least 1.
    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
