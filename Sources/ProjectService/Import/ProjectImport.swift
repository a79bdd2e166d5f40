import Foundation

/// A project copied from another tracker.
public struct ProjectImport: Sendable {
    /// 2–10 upper-case letters; a project with this key and `sourceRef` is reused.
    public var key: String
    public var name: String
    public var description: String?
    /// The source, such as `github:owner/repo`.
    public var sourceRef: String
    /// The user who becomes the project's `owner` member.
    public var ownerID: String

    public init(key: String, name: String, description: String? = nil, sourceRef: String, ownerID: String) {
        self.key = key
        self.name = name
        self.description = description
        self.sourceRef = sourceRef
        self.ownerID = ownerID
    }
}

/// A milestone copied from another tracker.
public struct MilestoneImport: Sendable {
    /// The source record, such as `github:owner/repo/milestone/5`; unique within the project.
    public var sourceRef: String
    public var name: String
    public var description: String?
    /// `YYYY-MM-DD`.
    public var dueDate: String?
    public var isCompleted: Bool
    /// When a completed milestone was closed; `updatedAt`, then `createdAt`, when nil.
    public var completedAt: Date?
    /// When the source record was created; the time of the import when nil.
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(
        sourceRef: String,
        name: String,
        description: String? = nil,
        dueDate: String? = nil,
        isCompleted: Bool = false,
        completedAt: Date? = nil,
        createdAt: Date? = nil,
        updatedAt: Date? = nil
    ) {
        self.sourceRef = sourceRef
        self.name = name
        self.description = description
        self.dueDate = dueDate
        self.isCompleted = isCompleted
        self.completedAt = completedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension ProjectImport {
    /// Longest project name, in characters, as for projects made through the API.
    public static let maxNameLength = 200
}

extension MilestoneImport {
    /// Longest milestone name, in characters, as for milestones made through the API.
    public static let maxNameLength = ProjectImport.maxNameLength
    /// Longest description, in characters.
    public static let maxDescriptionLength = ProjectDraft.maxDescriptionLength
}

/// The id of an imported row, and whether this import created it or found it from an earlier one.
public struct ImportedRecord: Sendable, Equatable {
    public var id: String
    public var created: Bool

    public init(id: String, created: Bool) {
        self.id = id
        self.created = created
    }
}

/// The users that ``ProjectService/addImportedMembers(_:to:role:actorID:)`` added, and those already members.
public struct MemberImportResult: Sendable {
    public var added: [String] = []
    /// Users who were direct members already, in any role; their role was left as it was.
    public var existing: [String] = []
}
