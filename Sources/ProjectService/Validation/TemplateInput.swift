import Foundation
import HTTPServer
import Platform

/// The fields of a new project template.
struct TemplateDraft: Sendable {
    var name: String
    var description: String?
    var milestones: [TemplateMilestone]
    var tasks: [TemplateTask]

    /// Maximum number of milestones in one template. The bound is a guess that keeps an instantiation to one
    /// short transaction.
    static let maxMilestones = 100
    /// Maximum number of tasks in one template, a guess for the same reason.
    static let maxTasks = 500
    /// Maximum `day_offset`, about ten years, so computed dates stay far from the 9999-12-31 limit.
    static let maxDayOffset: Int64 = 3650

    /// Reads a template, recording problems in `fields` under names such as `tasks[2].milestone`; nil when a
    /// required field is missing or invalid.
    static func read(_ fields: inout FieldReader) -> TemplateDraft? {
        let name = fields.name("name", required: true)
        let description = fields.description().value

        let milestoneItems = self.items("milestones", max: self.maxMilestones, in: &fields)
        var milestones: [TemplateMilestone] = []
        var milestoneNames: [String: Int] = [:]
        for (index, item) in milestoneItems.enumerated() {
            guard let milestone = self.milestone(item, at: index, in: &fields) else { continue }
            milestones.append(milestone)
            // A task may name its milestone, so two milestones with one name would make that ambiguous.
            if milestoneNames[milestone.name] != nil {
                fields.fail(
                    "milestones[\(index)].name",
                    "Another milestone of this template is named \"\(milestone.name)\""
                )
            } else {
                milestoneNames[milestone.name] = index
            }
        }

        let taskItems = self.items("tasks", max: self.maxTasks, in: &fields)
        var tasks: [TemplateTask] = []
        for (index, item) in taskItems.enumerated() {
            let task = self.task(
                item,
                at: index,
                milestoneNames: milestoneNames,
                milestoneCount: milestoneItems.count,
                in: &fields
            )
            if let task {
                tasks.append(task)
            }
        }

        guard let name, fields.errors.isEmpty else { return nil }
        return TemplateDraft(name: name, description: description, milestones: milestones, tasks: tasks)
    }

    /// Returns the elements of the array `field`, empty when absent or null.
    private static func items(_ field: String, max: Int, in fields: inout FieldReader) -> [JSONValue] {
        guard let value = fields.object[field], value != .null else { return [] }
        guard case .array(let items) = value else {
            fields.fail(field, "Must be an array, not \(value.typeName)")
            return []
        }
        guard items.count <= max else {
            fields.fail(field, "Must have at most \(max) items")
            return []
        }
        return items
    }

    private static func milestone(_ item: JSONValue, at index: Int, in fields: inout FieldReader) -> TemplateMilestone?
    {
        let prefix = "milestones[\(index)]"
        guard case .object(let object) = item else {
            fields.fail(prefix, "Must be an object with name and day_offset, not \(item.typeName)")
            return nil
        }
        var reader = FieldReader(object)
        let name = reader.name("name", required: true)
        let description = reader.description().value
        let offset = reader.integer("day_offset", required: true, range: 0...self.maxDayOffset)
        self.copyErrors(from: reader, prefix: prefix, into: &fields)
        guard let name, let offset else { return nil }
        return TemplateMilestone(name: name, description: description, dayOffset: Int(offset))
    }

    private static func task(
        _ item: JSONValue,
        at index: Int,
        milestoneNames: [String: Int],
        milestoneCount: Int,
        in fields: inout FieldReader
    ) -> TemplateTask? {
        let prefix = "tasks[\(index)]"
        guard case .object(let object) = item else {
            fields.fail(prefix, "Must be an object with title, priority and day_offset, not \(item.typeName)")
            return nil
        }
        var reader = FieldReader(object)
        let title = reader.name("title", required: true, maxLength: 500)
        let description = reader.description().value
        let priority = reader.choice("priority", as: TaskPriority.self) ?? .medium
        let offset = reader.integer("day_offset", required: true, range: 0...self.maxDayOffset)

        var milestoneIndex: Int?
        switch object["milestone"] {
        case nil, .null?:
            break
        case .int(let position)?:
            if (0..<Int64(milestoneCount)).contains(position) {
                milestoneIndex = Int(position)
            } else {
                reader.fail("milestone", "No milestone at index \(position); this template has \(milestoneCount)")
            }
        case .string(let name)?:
            if let position = milestoneNames[name] {
                milestoneIndex = position
            } else {
                reader.fail("milestone", "No milestone of this template is named \"\(name)\"")
            }
        case let value?:
            reader.fail("milestone", "Must be a milestone index or name, not \(value.typeName)")
        }

        self.copyErrors(from: reader, prefix: prefix, into: &fields)
        guard let title, let offset else { return nil }
        return TemplateTask(
            title: title,
            description: description,
            priority: priority,
            dayOffset: Int(offset),
            milestoneIndex: milestoneIndex
        )
    }

    private static func copyErrors(from reader: FieldReader, prefix: String, into fields: inout FieldReader) {
        for (field, messages) in reader.errors {
            for message in messages {
                fields.fail("\(prefix).\(field)", message)
            }
        }
    }
}
