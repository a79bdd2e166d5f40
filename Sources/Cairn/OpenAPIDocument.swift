import Foundation
import HTTPServer
import Platform

/// Builds the OpenAPI 3.1 document from the services' operation descriptions and the router.
enum OpenAPIDocument {
    static func make(services: [any Service], router: Router) -> JSONValue {
        var operations = services.flatMap(\.operations) + Self.operationsEndpoints
        let described = Set(operations.map { "\($0.method) \($0.path)" })
        // Every route the server answers appears, even one a service forgot to describe.
        for route in router.routes where !described.contains("\(route.method) \(route.template)") {
            operations.append(
                APIOperation(route.method, route.template, summary: "", tag: "other", responses: [(200, "OK")])
            )
        }

        var paths = JSONObject()
        for operation in operations.sorted(by: { ($0.path, $0.method) < ($1.path, $1.method) }) {
            var item: JSONObject
            if case .object(let existing)? = paths[operation.path] {
                item = existing
            } else {
                item = JSONObject()
            }
            item[operation.method.lowercased()] = self.operationObject(operation)
            paths[operation.path] = .object(item)
        }

        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Cairn API",
                "version": "1.0.0",
                "description": "Project management backend: accounts, organizations, teams, projects and tasks.",
            ],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
                "schemas": [
                    "Error": Schema.object(
                        [
                            ("success", ["const": false]),
                            (
                                "error",
                                Schema.object(
                                    [
                                        ("code", Schema.string), ("message", Schema.string),
                                        ("details", Schema.anyObject),
                                    ],
                                    required: ["code", "message"]
                                )
                            ),
                        ],
                        required: ["success", "error"]
                    ),
                    "Success": Schema.object(
                        [
                            ("success", ["const": true]), ("data", [:]), ("message", Schema.string),
                            ("meta", Schema.anyObject),
                        ],
                        required: ["success"]
                    ),
                ],
            ],
        ]
    }

    private static func operationObject(_ operation: APIOperation) -> JSONValue {
        var object: JSONObject = [
            "summary": .string(operation.summary),
            "tags": [.string(operation.tag)],
            "operationId": .string(self.operationID(operation)),
        ]

        var parameters: [JSONValue] = []
        for segment in operation.path.split(separator: "/") where segment.hasPrefix("{") {
            let name = String(segment.dropFirst().dropLast())
            parameters.append(["name": .string(name), "in": "path", "required": true, "schema": Schema.string])
        }
        for query in operation.queryParameters {
            parameters.append(
                [
                    "name": .string(query.name), "in": "query", "required": false, "schema": query.schema,
                    "description": .string(query.description),
                ]
            )
        }
        if !parameters.isEmpty {
            object["parameters"] = .array(parameters)
        }

        if let body = operation.requestBody {
            object["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
        }
        var responses = JSONObject()
        for (status, description) in operation.responses {
            let schema: JSONValue =
                status < 400 ? ["$ref": "#/components/schemas/Success"] : ["$ref": "#/components/schemas/Error"]
            responses[String(status)] =
                status == 204
                ? ["description": .string(description)]
                : ["description": .string(description), "content": ["application/json": ["schema": schema]]]
        }
        if operation.requiresAuthentication {
            responses["401"] =
                responses["401"] ?? [
                    "description": "Missing, invalid or expired access token",
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                ]
            object["security"] = [["bearerAuth": []]]
        }
        responses["400"] =
            responses["400"] ?? [
                "description": "Invalid input",
                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
            ]
        object["responses"] = .object(responses)
        return .object(object)
    }

    private static func operationID(_ operation: APIOperation) -> String {
        let words = operation.path.split(separator: "/").dropFirst(2).map { segment -> String in
            segment.hasPrefix("{") ? "by_" + segment.dropFirst().dropLast() : String(segment)
        }
        return operation.method.lowercased() + "_"
            + words.joined(separator: "_").replacingOccurrences(of: "-", with: "_")
    }

    private static let operationsEndpoints: [APIOperation] = [
        APIOperation(
            "GET",
            "/health",
            summary: "200 while the process runs",
            tag: "operations",
            requiresAuthentication: false,
            responses: [(200, "Alive")]
        ),
        APIOperation(
            "GET",
            "/ready",
            summary: "200 when every database is reachable and migrated",
            tag: "operations",
            requiresAuthentication: false,
            responses: [(200, "Ready"), (503, "Not ready")]
        ),
        APIOperation(
            "GET",
            "/metrics",
            summary: "Prometheus metrics in text format",
            tag: "operations",
            requiresAuthentication: false,
            responses: [(200, "Metrics")]
        ),
        APIOperation(
            "GET",
            "/api/v1/openapi.json",
            summary: "This document",
            tag: "operations",
            requiresAuthentication: false,
            responses: [(200, "The OpenAPI 3.1 document")]
        ),
    ]
}
