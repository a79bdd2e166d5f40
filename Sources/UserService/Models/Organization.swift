import Foundation
import HTTPServer
import Platform

/// An organization: a named group of users with owner, admin and member roles.
struct Organization: Sendable {
    var id: String
    var name: String
    /// A lower-case domain name such as `example.com`, not verified.
    var domain: String?
    /// Client-defined settings, stored and returned as sent.
    var settings: JSONObject
    var createdAt: Date
    var updatedAt: Date

    /// The organization as the API returns it.
    var json: JSONValue {
        [
            "id": .string(self.id),
            "name": .string(self.name),
            "domain": .string(self.domain),
            "settings": .object(self.settings),
            "created_at": .string(Timestamp.format(self.createdAt)),
            "updated_at": .string(Timestamp.format(self.updatedAt)),
        ]
    }
}
