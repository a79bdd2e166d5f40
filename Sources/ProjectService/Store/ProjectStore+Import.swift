import Database

extension ProjectStore {
    /// Returns the id and source reference (nil for a project made through the API) of the project with `key`.
    static func sourceOfProject(
        key: String,
        on connection: any DatabaseConnection
    ) throws
        -> (id: String, sourceRef: String?)?
    {
        guard
            let row = try connection.queryFirst(
                "SELECT id, source_ref FROM projects WHERE project_key = $1",
                [.text(key)]
            )
        else { return nil }
        return (try row.decodeID("id"), try row.decode("source_ref", as: String?.self))
    }

    static func setSourceRef(_ sourceRef: String, projectID: String, on connection: any DatabaseConnection) throws {
        try connection.execute(
            "UPDATE projects SET source_ref = $1 WHERE id = $2",
            [.text(sourceRef), .text(projectID)]
        )
    }
}

extension MilestoneStore {
    /// Returns the ids of the imported milestones of `projectID` by source reference.
    static func idsBySourceRef(projectID: String, on connection: any DatabaseConnection) throws -> [String: String] {
        let rows = try connection.query(
            "SELECT id, source_ref FROM milestones WHERE project_id = $1 AND source_ref IS NOT NULL",
            [.text(projectID)]
        )
        var ids: [String: String] = [:]
        for row in rows {
            ids[try row.decode("source_ref", as: String.self)] = try row.decodeID("id")
        }
        return ids
    }
}
