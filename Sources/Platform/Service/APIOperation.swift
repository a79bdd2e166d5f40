import HTTPServer

/// One operation in the OpenAPI document.
public struct APIOperation: Sendable {
    public var method: String
    /// The route template, such as `/api/v1/users/{id}`.
    public var path: String
    public var summary: String
    /// `false` for the few endpoints that need no bearer token.
    public var requiresAuthentication: Bool
    /// JSON Schema of the request body, if the operation takes one.
    public var requestBody: JSONValue?
    /// Query parameters: name, JSON Schema.
    public var queryParameters: [(name: String, schema: JSONValue, description: String)]
    /// Status codes with a short description; the envelope schema is implied.
    public var responses: [(status: Int, description: String)]
    public var tag: String

    public init(
        _ method: String,
        _ path: String,
        summary: String,
        tag: String,
        requiresAuthentication: Bool = true,
        requestBody: JSONValue? = nil,
        queryParameters: [(name: String, schema: JSONValue, description: String)] = [],
        responses: [(status: Int, description: String)]
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
        self.requiresAuthentication = requiresAuthentication
        self.requestBody = requestBody
        self.queryParameters = queryParameters
        self.responses = responses
    }
}

/// Shorthands for JSON Schema fragments used in operation descriptions.
public enum Schema {
    public static let string: JSONValue = ["type": "string"]
    public static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    public static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    public static let boolean: JSONValue = ["type": "boolean"]
    public static let integer: JSONValue = ["type": "integer"]
    public static let anyObject: JSONValue = ["type": "object"]

    /// An object schema with `properties` and the `required` names.
    public static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var members = JSONObject()
        for (name, schema) in properties {
            members[name] = schema
        }
        var schema: JSONObject = ["type": "object", "properties": .object(members)]
        if !required.isEmpty {
            schema["required"] = .array(required.map { .string($0) })
        }
        return .object(schema)
    }

    public static func string(minLength: Int? = nil, maxLength: Int? = nil, format: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "string"]
        if let minLength { schema["minLength"] = .int(Int64(minLength)) }
        if let maxLength { schema["maxLength"] = .int(Int64(maxLength)) }
        if let format { schema["format"] = .string(format) }
        return .object(schema)
    }

    public static func enumeration(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map { .string($0) })]
    }

    public static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema, case .string(let type)? = object["type"] else { return schema }
        object["type"] = [.string(type), "null"]
        return .object(object)
    }
}
