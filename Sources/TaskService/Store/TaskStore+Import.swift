import Database

extension TaskStore {
    /// Returns the source references of the imported tasks of `projectID`.
    static func sourceRefs(projectID: String, on connection: any DatabaseConnection) throws -> Set<String> {
        let rows = try connection.query(
            "SELECT source_ref FROM tasks WHERE project_id = $1 AND source_ref IS NOT NULL",
            [.text(projectID)]
        )
        return Set(try rows.map { try $0.decode("source_ref", as: String.self) })
    }
}
