import Database
import HTTPServer
import Platform

/// `GET`, `PUT` and `PATCH /api/v1/users/profile`: the caller's own profile.
struct ProfileRoutes: Sendable {
    static let path = "/api/v1/users/profile"
    static let notFound = HTTPError.notFound("PROFILE_NOT_FOUND", "No profile exists for this user")

    let context: ServiceContext

    func register(on router: inout Router) {
        router.get(Self.path) { request in try await self.show(request) }
        router.put(Self.path) { request in try await self.update(request) }
        router.patch(Self.path) { request in try await self.update(request) }
    }

    private func show(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let profile = try await self.context.database.read { connection in
            try ProfileStore.find(userID: caller.id, on: connection)
        }
        guard let profile else { throw Self.notFound }
        return .success(profile.json)
    }

    /// Applies a partial update; `PUT` is partial too, so both methods share it.
    private func update(_ request: Request) async throws -> Response {
        let caller = try request.requireUser()
        let changes = try ProfileChanges.read(
            from: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes)
        )
        let profile = try await self.context.write { connection in
            if !changes.isEmpty {
                guard try ProfileStore.apply(changes, userID: caller.id, at: StoredDate.now(), on: connection) else {
                    throw Self.notFound
                }
            }
            guard let profile = try ProfileStore.find(userID: caller.id, on: connection) else { throw Self.notFound }
            return profile
        }
        return .success(profile.json)
    }
}
