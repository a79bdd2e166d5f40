import CH2O

#if canImport(Glibc)
import Glibc
#endif

/// Creating listening sockets from a host literal and a port.
enum SocketAddress {
    /// Opens a non-blocking `SO_REUSEPORT` listener on `host:port`.
    static func listen(host: String, port: Int) throws -> Int32 {
        guard (0...65535).contains(port) else {
            throw HTTPEngineError(description: "invalid port \(port): use 0 to 65535")
        }
        var fd: Int32 = -1
        var ipv4 = sockaddr_in()
        var ipv6 = sockaddr_in6()

        if inet_pton(AF_INET, host, &ipv4.sin_addr) == 1 {
            ipv4.sin_family = sa_family_t(AF_INET)
            ipv4.sin_port = in_port_t(UInt16(port).bigEndian)
            fd = withUnsafePointer(to: &ipv4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    cairn_h2o_open_listener($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } else if inet_pton(AF_INET6, host, &ipv6.sin6_addr) == 1 {
            ipv6.sin6_family = sa_family_t(AF_INET6)
            ipv6.sin6_port = in_port_t(UInt16(port).bigEndian)
            fd = withUnsafePointer(to: &ipv6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    cairn_h2o_open_listener($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            throw HTTPEngineError(description: "invalid listen address \(host): use an IPv4 or IPv6 literal")
        }
        guard fd >= 0 else {
            throw HTTPEngineError(description: "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// The port the kernel bound `fd` to.
    static func localPort(of fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> Int in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                Int(UInt16(bigEndian: $0.pointee.sin_port))
            }
        }
    }
}
