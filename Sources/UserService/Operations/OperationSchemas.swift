import HTTPServer
import Platform

/// JSON Schema fragments and parameters shared by the operation descriptions of this service.
enum OperationSchemas {
    typealias QueryParameter = (name: String, schema: JSONValue, description: String)

    /// `limit`, `cursor` and `ordering` with the list's `orderings` (each also allowed with a leading `-`).
    static func paging(orderings: [String], defaultOrdering: String) -> [QueryParameter] {
        [
            (
                "limit",
                ["type": "integer", "minimum": 1, "maximum": 200, "default": 50],
                "Page size, 1 to 200; other values are a 400"
            ),
            ("cursor", Schema.string, "The previous page's meta.next_cursor, with the same ordering"),
            (
                "ordering",
                Schema.enumeration(orderings.flatMap { [$0, "-" + $0] }),
                "Sort field, with a leading - for descending; default \(defaultOrdering)"
            ),
        ]
    }

    /// Returns the schema of a nullable string with a maximum length in characters.
    static func nullableString(maxLength: Int, format: String? = nil) -> JSONValue {
        Schema.nullable(Schema.string(maxLength: maxLength, format: format))
    }

    static let nullableUUID = Schema.nullable(Schema.uuid)
    static let nullableObject = Schema.nullable(Schema.anyObject)
    static let role = Schema.enumeration(MemberRole.names)

    static let unauthorized = (status: 401, description: "Missing, invalid or expired access token")
    static let invalid = (status: 400, description: "Invalid body or query parameters (VALIDATION_ERROR)")
}
