import Database
import Foundation

extension AuthStore {
    /// Returns the id, email key and password hash of the account with `usernameKey`, or nil.
    static func account(
        usernameKey: String,
        on connection: any DatabaseConnection
    ) throws
        -> (id: String, emailKey: String, passwordHash: String)?
    {
        guard
            let row = try connection.queryFirst(
                "SELECT id, email_key, password_hash FROM users WHERE username_key = $1",
                [.text(usernameKey)]
            )
        else { return nil }
        return (
            try row.decode("id", as: UUID.self).uuidString.lowercased(),
            try row.decode("email_key", as: String.self),
            try row.decode("password_hash", as: String.self)
        )
    }
}
