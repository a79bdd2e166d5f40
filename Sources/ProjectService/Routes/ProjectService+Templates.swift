import Database
import Foundation
import HTTPServer
import Platform

/// Project templates belong to their creator: only the creator and admins see, use and delete one.
extension ProjectService {
    static let templateNotFound = HTTPError.notFound("TEMPLATE_NOT_FOUND", "Project template not found")

    /// `GET /api/v1/project-templates`: the caller's templates (every template for admins), filter `search` on
    /// the name, ordering `created_at` or `name` (default `-created_at`).
    func listTemplates(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let query = request.query
        let order = try KeysetOrder(
            query: query,
            fields: TemplateStore.sortFields,
            defaultOrdering: "-created_at",
            idColumn: "id"
        )
        let searchPattern = try QueryFilters.searchPattern(in: query)
        let ownerID = user.isAdmin ? nil : user.id
        let rows = try await self.context.database.read { connection in
            try TemplateStore.list(ownerID: ownerID, searchPattern: searchPattern, order: order, on: connection)
        }
        let page = try order.page(rows, id: { $0.id }, decode: ProjectTemplate.init(row:))
        return .list(page.items.map(\.json), limit: order.limit, nextCursor: page.nextCursor)
    }

    /// `POST /api/v1/project-templates`: `name`, `description?`, `milestones` and `tasks`.
    func createTemplate(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var fields = FieldReader(try request.jsonObject(maxBytes: self.context.settings.maxJSONBytes))
        let draft = TemplateDraft.read(&fields)
        try fields.finish()
        guard let draft else { throw HTTPError.validation([:]) }

        let now = Date()
        let template = ProjectTemplate(
            id: UUIDv7.make(now: now).uuidString.lowercased(),
            name: draft.name,
            description: draft.description,
            milestones: draft.milestones,
            tasks: draft.tasks,
            ownerID: user.id,
            createdAt: now,
            updatedAt: now
        )
        try await self.context.write { connection in
            try TemplateStore.insert(template, on: connection)
        }
        return .success(template.json, status: .created)
    }

    /// `GET /api/v1/project-templates/{id}`: the creator and admins.
    func getTemplate(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        return .success(try await self.visibleTemplate(request, user: user).json)
    }

    /// `DELETE /api/v1/project-templates/{id}`: the creator and admins. Projects made from it stay.
    func deleteTemplate(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let template = try await self.visibleTemplate(request, user: user)
        try await self.context.write { connection in
            try TemplateStore.delete(id: template.id, on: connection)
        }
        return .noContent
    }

    /// Returns the template of the `{id}` path parameter; `404 TEMPLATE_NOT_FOUND` unless `user` created it or
    /// is an admin.
    func visibleTemplate(_ request: Request, user: AuthenticatedUser) async throws -> ProjectTemplate {
        let templateID = try Self.pathID(request, "id", notFound: Self.templateNotFound)
        let template = try await self.context.database.read { connection in
            try TemplateStore.template(id: templateID, on: connection)
        }
        guard let template, template.ownerID == user.id.lowercased() || user.isAdmin else {
            throw Self.templateNotFound
        }
        return template
    }
}
