import HTTPServer
import Platform

extension ProfileRoutes {
    static var operations: [APIOperation] {
        let update = Schema.object([
            (
                "avatar_url",
                OperationSchemas.nullableString(maxLength: ProfileChanges.maxAvatarURLLength, format: "uri")
            ),
            ("bio", OperationSchemas.nullableString(maxLength: ProfileChanges.maxBioLength)),
            ("timezone", OperationSchemas.nullableString(maxLength: 64)),
            ("language", OperationSchemas.nullableString(maxLength: ProfileChanges.maxLanguageLength)),
            ("notification_preferences", OperationSchemas.nullableObject),
        ])
        let responses = [
            (status: 200, description: "The caller's profile after the update"),
            OperationSchemas.invalid,
            OperationSchemas.unauthorized,
            (status: 404, description: "The caller has no profile (PROFILE_NOT_FOUND)"),
        ]
        let summary = """
            Partially update the caller's profile. timezone is an IANA name such as Europe/Lisbon, language a BCP 47 \
            tag such as pt-BR; null resets a field to its default (no avatar or bio, UTC, en, {}). Names come from \
            the account and are not editable here.
            """
        return [
            APIOperation(
                "GET",
                self.path,
                summary: "The caller's profile",
                tag: "users",
                responses: [
                    (200, "The caller's profile"),
                    OperationSchemas.unauthorized,
                    (404, "The caller has no profile (PROFILE_NOT_FOUND)"),
                ]
            ),
            APIOperation(
                "PUT",
                self.path,
                summary: summary + " PUT is partial, like PATCH.",
                tag: "users",
                requestBody: update,
                responses: responses
            ),
            APIOperation("PATCH", self.path, summary: summary, tag: "users", requestBody: update, responses: responses),
        ]
    }
}

extension DirectoryRoutes {
    static var operations: [APIOperation] {
        let visibility = """
            Only the caller and the active users who share an organization or a team with the caller are visible; \
            site admins see every user.
            """
        return [
            APIOperation(
                "GET",
                self.path,
                summary: "List user summaries (id, username, first_name, last_name, avatar_url). " + visibility,
                tag: "users",
                queryParameters: [
                    (
                        "search",
                        Schema.string(maxLength: self.maxSearchLength),
                        "Case-insensitive substring of the username, first name or last name"
                    ),
                    (
                        "ids", Schema.string,
                        "Comma-separated user ids (at most \(self.maxIDs)); invisible ids are left out"
                    ),
                ]
                    + OperationSchemas.paging(
                        orderings: DirectoryStore.sortFields.map(\.name),
                        defaultOrdering: "username"
                    ),
                responses: [(200, "A page of user summaries"), OperationSchemas.invalid, OperationSchemas.unauthorized]
            ),
            APIOperation(
                "GET",
                self.path + "/{id}",
                summary: "One user summary. " + visibility,
                tag: "users",
                responses: [
                    (200, "The user summary"),
                    OperationSchemas.unauthorized,
                    (404, "No such user, or not visible to the caller (USER_NOT_FOUND)"),
                ]
            ),
        ]
    }
}
