import HTTPServer

/// The public part of a user that the directory shows to the users who may see them; it never includes the email.
struct UserSummary: Sendable {
    var id: String
    var username: String
    var firstName: String?
    var lastName: String?
    var avatarURL: String?

    /// The summary as the API returns it.
    var json: JSONValue {
        [
            "id": .string(self.id),
            "username": .string(self.username),
            "first_name": .string(self.firstName),
            "last_name": .string(self.lastName),
            "avatar_url": .string(self.avatarURL),
        ]
    }
}
