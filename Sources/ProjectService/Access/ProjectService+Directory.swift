import HTTPServer
import Platform

extension ProjectService {
    /// Seconds a client should wait before retrying when the users or tasks service failed. The value is an
    /// estimate, not a measured recovery time.
    static let dependencyRetrySeconds = 5

    /// Runs `call` against another service for a request. Its failures become `503 SERVICE_UNAVAILABLE` with
    /// `Retry-After`, logged with `purpose`, while an `HTTPError` passes through unchanged.
    func callDependency<T: Sendable>(_ purpose: String, _ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as HTTPError {
            throw error
        } catch {
            Logger.current.error(
                "Call to another service failed",
                metadata: ["dependency.purpose": purpose, "error": String(describing: error)]
            )
            throw HTTPError.serviceUnavailable(retryAfter: Self.dependencyRetrySeconds)
        }
    }

    /// Returns true when `userID` is a member of `teamID`; `503` when the users service fails.
    func isTeamMember(_ userID: String, teamID: String) async throws -> Bool {
        try await self.callDependency("team membership") {
            try await self.users.isTeamMember(userID: userID, teamID: teamID)
        }
    }

    /// Returns the teams of `userID` as valid lower-case ids; `503` when the users service fails.
    func teamIDs(of userID: String) async throws -> [String] {
        let teams = try await self.callDependency("teams of a user") { try await self.users.teamIDs(of: userID) }
        return IDList.valid(teams)
    }

    /// Throws `400 VALIDATION_ERROR` on `team_id` or `organization_id` when `userID` does not belong to the
    /// group. The message reads as for an id that does not exist, so the response reveals nothing about other
    /// groups.
    func checkGroupReferences(teamID: String?, organizationID: String?, userID: String) async throws {
        var details: [String: [String]] = [:]
        if let teamID, !(try await self.isTeamMember(userID, teamID: teamID)) {
            details["team_id"] = ["Team \(teamID) not found"]
        }
        if let organizationID {
            let isMember = try await self.callDependency("organization membership") {
                try await self.users.isOrganizationMember(userID: userID, organizationID: organizationID)
            }
            if !isMember {
                details["organization_id"] = ["Organization \(organizationID) not found"]
            }
        }
        if !details.isEmpty {
            throw HTTPError.validation(details)
        }
    }
}
