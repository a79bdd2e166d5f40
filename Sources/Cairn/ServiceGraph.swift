import AuthService
import Platform
import ProjectService
import Synchronization
import TaskService
import UserService

/// Builds the served services in dependency order and hands each the clients of the services it calls.
///
/// In one process a client is the other service itself. NOTE: clients that call a service in another process
/// over HTTP are not written yet, so a service and the services it calls must run in the same process for now.
enum ServiceGraph {
    static func build(contexts: [ServiceName: ServiceContext]) throws -> [any Service] {
        var services: [any Service] = []
        var users: UserService?
        var projects: ProjectService?
        let tasks = LateBound<any TaskClient>()

        if let context = contexts[.auth] {
            services.append(AuthService(context: context))
        }
        if let context = contexts[.users] {
            let service = UserService(context: context)
            users = service
            services.append(service)
        }
        if let context = contexts[.projects] {
            let directory = try self.require(users, for: .projects, needs: .users)
            let service = ProjectService(context: context, users: directory, tasks: { tasks.value })
            projects = service
            services.append(service)
        }
        if let context = contexts[.tasks] {
            let directory = try self.require(users, for: .tasks, needs: .users)
            let access = try self.require(projects, for: .tasks, needs: .projects)
            let cachedAccess = CachingProjectAccessClient(
                wrapping: access,
                ttl: .seconds(context.settings.membershipCacheSeconds),
                bus: context.bus
            )
            let service = TaskService(
                context: context,
                projects: cachedAccess,
                users: directory,
                visibleProjectIDs: { try await access.visibleProjectIDs(for: $0) }
            )
            tasks.value = service
            services.append(service)
        }
        return services
    }

    private static func require<T>(_ dependency: T?, for service: ServiceName, needs other: ServiceName) throws -> T {
        guard let dependency else {
            throw SettingsError(
                "the \(service) service needs the \(other) service in the same process in this build: add \(other) to CAIRN_SERVICES"
            )
        }
        return dependency
    }
}

/// A value set after construction, for the one cycle in the graph: projects instantiate templates through tasks,
/// and tasks ask projects about membership.
final class LateBound<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    var value: Value? {
        get { self.storage.withLock { $0 } }
        set { self.storage.withLock { $0 = newValue } }
    }
}
