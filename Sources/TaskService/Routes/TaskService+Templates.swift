import Database
import Foundation
import HTTPServer
import Platform

extension TaskService {
    static let templateNotFound = HTTPError.notFound("NOT_FOUND", "Task template not found")

    /// `POST /api/v1/task-templates`: a template owned by the caller.
    func createTemplate(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let input = try TemplateInput(body: try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let template = input.record(
            id: UUIDv7.make().uuidString.lowercased(),
            ownerID: user.id,
            createdAt: TaskClock.now()
        )
        try await self.context.write { connection in
            try TaskStore.insertTemplate(template, on: connection)
        }
        return .success(template.json, status: .created)
    }

    /// `GET /api/v1/task-templates`: the caller's templates (every template for admins), newest first.
    func listTemplates(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let query = request.query
        let limit = try ListParameters.limit(query)
        let after = try Self.templateCursor(query)
        if let ordering = query["ordering"], !ordering.isEmpty, ordering != "-created_at" {
            throw HTTPError.invalidField("ordering", "Must be -created_at, the only ordering of templates")
        }

        let ownerID = user.isAdmin ? nil : user.id
        let rows = try await self.context.database.read { connection in
            try TaskStore.templates(ownerID: ownerID, after: after, limit: limit + 1, on: connection)
        }
        let page = rows.prefix(limit)
        let nextCursor = rows.count > limit ? page.last.map { Cursor.encode(key: $0.createdAt, id: $0.id) } : nil
        return .list(page.map(\.json), limit: limit, nextCursor: nextCursor)
    }

    /// Decodes the keyset position (created_at, id) of the `cursor` parameter; nil on the first page.
    private static func templateCursor(_ query: [String: String]) throws(HTTPError) -> (createdAt: String, id: String)?
    {
        guard let text = query["cursor"], !text.isEmpty else { return nil }
        guard let decoded = Cursor.decode(text), TaskCursor.isValidKey(decoded.key, kind: .timestamp) else {
            throw HTTPError.invalidField("cursor", "Invalid cursor; pass meta.next_cursor from the previous page")
        }
        return (decoded.key, decoded.id.lowercased())
    }

    /// `POST /api/v1/task-templates/{id}/instantiate`: a new task from the template in `project_id`, as with
    /// `POST /api/v1/tasks`. Any task field in the body overrides the template's value. The fields may also be
    /// nested in an `overrides` object, whose values win over top-level ones.
    func instantiateTemplate(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var body = try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes)
        guard let id = Self.pathID(request.parameter("id")) else { throw Self.templateNotFound }
        let template = try await self.context.database.read { connection in
            try TaskStore.template(id: id, on: connection)
        }
        guard let template, template.ownerID == user.id || user.isAdmin else { throw Self.templateNotFound }

        if let overrides = body["overrides"] {
            guard case .object(let nested) = overrides else {
                throw HTTPError.invalidField("overrides", "Must be an object, not \(overrides.typeName)")
            }
            for (key, value) in nested.members {
                body[key] = value
            }
        }
        let task = try await self.createTask(from: body, template: template, user: user)
        return .success(task.json(assignee: await self.assigneeSummary(task.assigneeID)), status: .created)
    }
}
