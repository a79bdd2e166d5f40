import HTTPServer
import Platform

/// The events this service writes to its outbox when organizations, teams and their memberships change.
///
/// Types are `<kind>.created`, `<kind>.deleted`, `<kind>.member_added`, `<kind>.member_role_changed` and
/// `<kind>.member_removed`, where `<kind>` is `organization` or `team`. Every payload names the group under
/// `organization_id` or `team_id`; team payloads also carry the team's `organization_id`, which may be null.
/// A `.deleted` event ends every membership of the group without a `member_removed` event per member.
enum GroupEvents {
    static let producer = ServiceName.users.rawValue

    static func organizationCreated(_ organization: Organization, actorID: String) -> Event {
        Event(
            type: "organization.created",
            occurredAt: organization.createdAt,
            producer: self.producer,
            actorID: actorID,
            data: ["organization_id": .string(organization.id), "name": .string(organization.name)]
        )
    }

    static func teamCreated(_ team: Team, actorID: String) -> Event {
        Event(
            type: "team.created",
            occurredAt: team.createdAt,
            producer: self.producer,
            actorID: actorID,
            data: [
                "team_id": .string(team.id),
                "name": .string(team.name),
                "organization_id": .string(team.organizationID),
                "owner_id": .string(team.ownerID),
            ]
        )
    }

    /// `organization.deleted` or `team.deleted`; `organizationID` is the team's organization.
    static func deleted(kind: GroupKind, groupID: String, organizationID: String?, actorID: String) -> Event {
        Event(
            type: "\(kind.noun).deleted",
            producer: self.producer,
            actorID: actorID,
            data: self.groupData(kind: kind, groupID: groupID, organizationID: organizationID)
        )
    }

    /// `<kind>.member_added` with the member's `user_id` and `role`.
    static func memberAdded(
        kind: GroupKind,
        groupID: String,
        organizationID: String?,
        userID: String,
        role: MemberRole,
        actorID: String
    ) -> Event {
        var data = self.groupData(kind: kind, groupID: groupID, organizationID: organizationID)
        data["user_id"] = .string(userID)
        data["role"] = .string(role.rawValue)
        return Event(type: "\(kind.noun).member_added", producer: self.producer, actorID: actorID, data: data)
    }

    /// `<kind>.member_role_changed` with the member's `user_id`, `role` and `previous_role`.
    static func memberRoleChanged(
        kind: GroupKind,
        groupID: String,
        organizationID: String?,
        userID: String,
        role: MemberRole,
        previousRole: MemberRole,
        actorID: String
    ) -> Event {
        var data = self.groupData(kind: kind, groupID: groupID, organizationID: organizationID)
        data["user_id"] = .string(userID)
        data["role"] = .string(role.rawValue)
        data["previous_role"] = .string(previousRole.rawValue)
        return Event(type: "\(kind.noun).member_role_changed", producer: self.producer, actorID: actorID, data: data)
    }

    /// `<kind>.member_removed` with the former member's `user_id` and the `role` they had.
    static func memberRemoved(
        kind: GroupKind,
        groupID: String,
        organizationID: String?,
        userID: String,
        role: MemberRole,
        actorID: String
    ) -> Event {
        var data = self.groupData(kind: kind, groupID: groupID, organizationID: organizationID)
        data["user_id"] = .string(userID)
        data["role"] = .string(role.rawValue)
        return Event(type: "\(kind.noun).member_removed", producer: self.producer, actorID: actorID, data: data)
    }

    private static func groupData(kind: GroupKind, groupID: String, organizationID: String?) -> JSONObject {
        var data = JSONObject()
        data[kind.groupColumn] = .string(groupID)
        if kind.groupColumn != GroupKind.organization.groupColumn {
            data["organization_id"] = .string(organizationID)
        }
        return data
    }
}
