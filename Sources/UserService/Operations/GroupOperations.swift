import HTTPServer
import Platform

extension OrganizationRoutes {
    static var operations: [APIOperation] {
        let kind = self.kind
        let name = Schema.string(minLength: 1, maxLength: GroupLimits.maxNameLength)
        let domain = OperationSchemas.nullableString(maxLength: 253, format: "hostname")
        let settings = OperationSchemas.nullableObject
        let notFound = (
            status: 404, description: "No such organization, or the caller is not a member (ORGANIZATION_NOT_FOUND)"
        )
        return [
            APIOperation(
                "POST",
                kind.path,
                summary: "Create an organization; the caller becomes its owner",
                tag: kind.tag,
                requestBody: Schema.object(
                    [("name", name), ("domain", domain), ("settings", settings)],
                    required: ["name"]
                ),
                responses: [(201, "The new organization"), OperationSchemas.invalid, OperationSchemas.unauthorized]
            ),
            APIOperation(
                "GET",
                kind.path,
                summary: "List the organizations the caller is a member of; site admins get every organization",
                tag: kind.tag,
                queryParameters: OperationSchemas.paging(
                    orderings: OrganizationStore.sortFields.map(\.name),
                    defaultOrdering: "created_at"
                ),
                responses: [(200, "A page of organizations"), OperationSchemas.invalid, OperationSchemas.unauthorized]
            ),
            APIOperation(
                "GET",
                kind.path + "/{id}",
                summary: "One organization",
                tag: kind.tag,
                responses: [(200, "The organization"), OperationSchemas.unauthorized, notFound]
            ),
            APIOperation(
                "PATCH",
                kind.path + "/{id}",
                summary: "Partially update an organization (owners and admins); settings null clears them to {}",
                tag: kind.tag,
                requestBody: Schema.object([("name", name), ("domain", domain), ("settings", settings)]),
                responses: [
                    (200, "The updated organization"), OperationSchemas.invalid, OperationSchemas.unauthorized,
                    (403, "The caller is a member but not an owner or admin"), notFound,
                ]
            ),
            APIOperation(
                "DELETE",
                kind.path + "/{id}",
                summary: "Delete an organization and its memberships (owners); its teams stay without an organization",
                tag: kind.tag,
                responses: [
                    (204, "Deleted"), OperationSchemas.unauthorized, (403, "The caller is a member but not an owner"),
                    notFound,
                ]
            ),
        ] + MemberRoutes.operations(for: kind)
    }
}

extension TeamRoutes {
    static var operations: [APIOperation] {
        let kind = self.kind
        let name = Schema.string(minLength: 1, maxLength: GroupLimits.maxNameLength)
        let description = OperationSchemas.nullableString(maxLength: GroupLimits.maxDescriptionLength)
        let notFound = (status: 404, description: "No such team, or the caller is not a member (TEAM_NOT_FOUND)")
        return [
            APIOperation(
                "POST",
                kind.path,
                summary: """
                    Create a team; the caller becomes owner_id and an owner member. The caller must be a member of \
                    organization_id, if given.
                    """,
                tag: kind.tag,
                requestBody: Schema.object(
                    [("name", name), ("description", description), ("organization_id", OperationSchemas.nullableUUID)],
                    required: ["name"]
                ),
                responses: [(201, "The new team"), OperationSchemas.invalid, OperationSchemas.unauthorized]
            ),
            APIOperation(
                "GET",
                kind.path,
                summary: "List the teams the caller is a member of; site admins get every team",
                tag: kind.tag,
                queryParameters: [
                    (
                        "organization_id", Schema.uuid,
                        "Only teams of this organization; 404 unless the caller is its member"
                    )
                ] + OperationSchemas.paging(orderings: TeamStore.sortFields.map(\.name), defaultOrdering: "created_at"),
                responses: [
                    (200, "A page of teams"), OperationSchemas.invalid, OperationSchemas.unauthorized,
                    (404, "The organization_id filter names an organization the caller cannot see"),
                ]
            ),
            APIOperation(
                "GET",
                kind.path + "/{id}",
                summary: "One team",
                tag: kind.tag,
                responses: [(200, "The team"), OperationSchemas.unauthorized, notFound]
            ),
            APIOperation(
                "PATCH",
                kind.path + "/{id}",
                summary: """
                    Partially update a team (owners and admins); organization_id null takes the team out of its \
                    organization, and a new one needs the caller's membership
                    """,
                tag: kind.tag,
                requestBody: Schema.object([
                    ("name", name), ("description", description), ("organization_id", OperationSchemas.nullableUUID),
                ]),
                responses: [
                    (200, "The updated team"), OperationSchemas.invalid, OperationSchemas.unauthorized,
                    (403, "The caller is a member but not an owner or admin"), notFound,
                ]
            ),
            APIOperation(
                "DELETE",
                kind.path + "/{id}",
                summary: "Delete a team and its memberships (owners)",
                tag: kind.tag,
                responses: [
                    (204, "Deleted"), OperationSchemas.unauthorized, (403, "The caller is a member but not an owner"),
                    notFound,
                ]
            ),
        ] + MemberRoutes.operations(for: kind)
    }
}

extension MemberRoutes {
    /// Describes the member operations of organizations or teams.
    static func operations(for kind: GroupKind) -> [APIOperation] {
        let members = kind.path + "/{id}/members"
        let notFound = (
            status: 404, description: "No such \(kind.noun), or the caller is not a member (\(kind.notFoundCode))"
        )
        let memberNotFound = (
            status: 404, description: "The \(kind.noun) or the member does not exist (MEMBER_NOT_FOUND)"
        )
        let forbidden = (
            status: 403,
            description: "The caller's role does not allow this; only owners grant or remove the owner role"
        )
        let lastOwner = (status: 409, description: "The change would leave the \(kind.noun) without an owner")
        return [
            APIOperation(
                "GET",
                members,
                summary: "List the members of the \(kind.noun) with their user summaries",
                tag: kind.tag,
                queryParameters: [("role", OperationSchemas.role, "Only members with this role")]
                    + OperationSchemas.paging(
                        orderings: MemberStore.sortFields.map(\.name),
                        defaultOrdering: "joined_at"
                    ),
                responses: [
                    (200, "A page of members"), OperationSchemas.invalid, OperationSchemas.unauthorized, notFound,
                ]
            ),
            APIOperation(
                "POST",
                members,
                summary: """
                    Add an existing user to the \(kind.noun) (owners and admins); role defaults to member, and only \
                    owners add owners
                    """,
                tag: kind.tag,
                requestBody: Schema.object(
                    [("user_id", Schema.uuid), ("role", OperationSchemas.role)],
                    required: ["user_id"]
                ),
                responses: [
                    (201, "The new member"),
                    (400, "Invalid body, no such user, or the user is already a member (VALIDATION_ERROR)"),
                    OperationSchemas.unauthorized, forbidden, notFound,
                ]
            ),
            APIOperation(
                "PATCH",
                members + "/{user_id}",
                summary: "Change a member's role (owners and admins; only owners grant or remove owner)",
                tag: kind.tag,
                requestBody: Schema.object([("role", OperationSchemas.role)], required: ["role"]),
                responses: [
                    (200, "The member with the new role"), OperationSchemas.invalid, OperationSchemas.unauthorized,
                    forbidden, memberNotFound, lastOwner,
                ]
            ),
            APIOperation(
                "DELETE",
                members + "/{user_id}",
                summary:
                    "Remove a member (owners and admins; only owners remove owners; any member may remove themself)",
                tag: kind.tag,
                responses: [(204, "Removed"), OperationSchemas.unauthorized, forbidden, memberNotFound, lastOwner]
            ),
        ]
    }
}
