import Foundation
import HTTPServer
import Platform

/// A team: a named group of users with owner, admin and member roles, optionally inside an organization.
struct Team: Sendable {
    var id: String
    var name: String
    var description: String?
    var organizationID: String?
    /// The user who created the team. It does not change when owner roles move to other members.
    var ownerID: String
    var createdAt: Date
    var updatedAt: Date

    /// The team as the API returns it.
    var json: JSONValue {
        [
            "id": .string(self.id),
            "name": .string(self.name),
            "description": .string(self.description),
            "organization_id": .string(self.organizationID),
            "owner_id": .string(self.ownerID),
            "created_at": .string(Timestamp.format(self.createdAt)),
            "updated_at": .string(Timestamp.format(self.updatedAt)),
        ]
    }
}
