import HTTPServer
import Platform

/// Limits shared by organization and team bodies.
enum GroupLimits {
    static let maxNameLength = 200
    static let maxDescriptionLength = 2000
    /// The largest serialized organization `settings` object, in bytes.
    static let maxSettingsBytes = 65_536
}

/// The body of `POST /api/v1/organizations`.
struct NewOrganization: Sendable {
    var name: String
    var domain: String?
    var settings: JSONObject

    /// Reads and validates the body; `name` is trimmed, `domain` is lower-cased.
    ///
    /// - Throws: `400 VALIDATION_ERROR` listing every invalid field.
    static func read(from body: JSONObject) throws(HTTPError) -> NewOrganization {
        var reader = FieldReader(body)
        let name = reader.string("name", required: true, maxLength: GroupLimits.maxNameLength, trim: true)
        let domain = OrganizationFields.readDomain(&reader)
        let settings = OrganizationFields.readSettings(&reader)
        try reader.finish()
        guard let name else {
            throw HTTPError.invalidField("name", "This field is required")
        }
        return NewOrganization(name: name, domain: domain.value, settings: settings ?? JSONObject())
    }
}

/// The body of `PATCH /api/v1/organizations/{id}`; absent fields stay as they are.
struct OrganizationChanges: Sendable {
    var name: String?
    var domain: Patch<String> = .absent
    /// The new settings; `null` in the body clears them to `{}`.
    var settings: JSONObject?

    var isEmpty: Bool {
        if case .absent = self.domain {
            return self.name == nil && self.settings == nil
        }
        return false
    }

    /// Reads and validates the body.
    ///
    /// - Throws: `400 VALIDATION_ERROR` listing every invalid field.
    static func read(from body: JSONObject) throws(HTTPError) -> OrganizationChanges {
        var reader = FieldReader(body)
        var changes = OrganizationChanges()
        if reader.contains("name") {
            changes.name = reader.string("name", required: true, maxLength: GroupLimits.maxNameLength, trim: true)
        }
        changes.domain = OrganizationFields.readDomain(&reader)
        if body["settings"] == .null {
            changes.settings = JSONObject()
        } else {
            changes.settings = OrganizationFields.readSettings(&reader)
        }
        try reader.finish()
        return changes
    }
}

/// Field readers shared by the organization bodies.
enum OrganizationFields {
    /// Reads `domain` and lower-cases it; records an error unless it is a domain name such as `example.com`.
    static func readDomain(_ reader: inout FieldReader) -> Patch<String> {
        let domain = reader.nullableString("domain", maxLength: 253)
        guard case .value(let text) = domain else { return domain }
        let lowered = text.lowercased()
        guard FieldFormats.isDomainName(lowered) else {
            reader.fail("domain", "Must be a domain name such as example.com, without a scheme or path")
            return .absent
        }
        return .value(lowered)
    }

    /// Reads `settings`; records an error for a non-object or an object over the size limit.
    static func readSettings(_ reader: inout FieldReader) -> JSONObject? {
        guard let settings = reader.object("settings") else { return nil }
        guard StoredJSON.byteCount(settings) <= GroupLimits.maxSettingsBytes else {
            reader.fail("settings", "Must be at most \(GroupLimits.maxSettingsBytes) bytes as JSON")
            return nil
        }
        return settings
    }
}

extension Patch {
    /// The value when set, nil when absent or cleared.
    var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}
