import Database
import HTTPServer
import Platform

/// The users service: profiles, the user directory, organizations and teams, stored in the `user` database.
///
/// Profiles come from the auth service's user events. Organizations and teams are created through this
/// service's routes, and their changes go out through the outbox as `organization.*` and `team.*` events.
public final class UserService: Service {
    public static let name = ServiceName.users

    let context: ServiceContext

    public init(context: ServiceContext) {
        self.context = context
    }

    public static func migrations(for dialect: SQLDialect) -> [Migration] {
        UserMigrations.all(for: dialect)
    }

    public func addRoutes(to router: inout Router) {
        ProfileRoutes(context: self.context).register(on: &router)
        DirectoryRoutes(context: self.context).register(on: &router)
        OrganizationRoutes(context: self.context).register(on: &router)
        TeamRoutes(context: self.context).register(on: &router)
        MemberRoutes(kind: .organization, context: self.context).register(on: &router)
        MemberRoutes(kind: .team, context: self.context).register(on: &router)
    }

    /// Subscribes the profile consumer to `user.registered`, `user.updated` and `user.deactivated`, and the
    /// project-membership consumer to `project.member_added`, `project.member_removed` and `project.deleted`.
    public func start() async throws {
        ProfileEventConsumer(database: self.context.database, logger: self.context.logger)
            .subscribe(to: self.context.bus)
        ProjectMembershipConsumer(database: self.context.database, logger: self.context.logger)
            .subscribe(to: self.context.bus)
        self.context.logger.info(
            "Users service subscribed to user events",
            metadata: ["event.consumer": ProfileEventConsumer.consumerName]
        )
    }

    public var operations: [APIOperation] {
        ProfileRoutes.operations + DirectoryRoutes.operations + OrganizationRoutes.operations + TeamRoutes.operations
    }
}
