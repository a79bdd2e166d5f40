import Foundation
import Platform

/// The HS256 key: `CAIRN_JWT_SECRET`, or a random key generated once into the data directory.
enum JWTSecret {
    static func load(settings: Settings) throws -> [UInt8] {
        if let secret = settings.jwtSecret {
            guard secret.utf8.count >= 32 else {
                throw SettingsError("CAIRN_JWT_SECRET is too short: use at least 32 bytes (256 bits)")
            }
            return Array(secret.utf8)
        }
        if settings.services.count < ServiceName.all.count {
            throw SettingsError("CAIRN_JWT_SECRET is required when services run in separate processes")
        }

        let path = (settings.dataDirectory as NSString).appendingPathComponent("jwt-secret")
        if let existing = FileManager.default.contents(atPath: path), existing.count >= 32 {
            return Array(existing)
        }
        let secret = Array(SecureRandom.token(byteCount: 48).utf8)
        guard
            FileManager.default.createFile(atPath: path, contents: Data(secret), attributes: [.posixPermissions: 0o600])
        else {
            throw SettingsError("cannot write the generated JWT key to \(path): check CAIRN_DATA_DIR permissions")
        }
        return secret
    }
}
