/// One of Cairn's nine services, with the name of the database it owns.
public struct ServiceName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let auth = ServiceName(rawValue: "auth")
    public static let users = ServiceName(rawValue: "users")
    public static let projects = ServiceName(rawValue: "projects")
    public static let tasks = ServiceName(rawValue: "tasks")
    public static let time = ServiceName(rawValue: "time")
    public static let comments = ServiceName(rawValue: "comments")
    public static let files = ServiceName(rawValue: "files")
    public static let notifications = ServiceName(rawValue: "notifications")
    public static let analytics = ServiceName(rawValue: "analytics")

    public static let all: [ServiceName] = [
        .auth, .users, .projects, .tasks, .time, .comments, .files, .notifications, .analytics,
    ]

    /// The database name: `auth`, `user`, `project`, `task`, `time`, `comment`, `file`, `notification`, `analytics`.
    public var databaseName: String {
        switch self.rawValue {
        case "users": "user"
        case "projects": "project"
        case "tasks": "task"
        case "comments": "comment"
        case "files": "file"
        case "notifications": "notification"
        default: self.rawValue
        }
    }

    public var description: String { self.rawValue }
}
