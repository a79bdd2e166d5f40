import HTTPServer
import Platform
import Testing

@testable import TaskService

@Suite struct ListTaskTests {
    /// Reads every page of `query` and returns the task titles in order, checking that each page has at most
    /// `limit` items.
    private func titles(
        _ harness: TaskHarness,
        query: String,
        limit: Int,
        as user: AuthenticatedUser
    ) async throws -> [String] {
        var titles: [String] = []
        var cursor: String?
        for _ in 0..<100 {
            var parameters = query + "&limit=\(limit)"
            if let cursor { parameters += "&cursor=\(cursor)" }
            let response = try await harness.call("GET", "/api/v1/tasks", query: parameters, as: user)
            try #require(response.status == 200, "listing answered \(response.json)")
            #expect(response.data.items.count <= limit)
            titles += response.data.items.compactMap { $0["title"]?.text }
            guard let next = response.json["meta"]?["next_cursor"]?.text else { return titles }
            cursor = next
        }
        Issue.record("paging did not end")
        return titles
    }

    @Test(arguments: Backend.available)
    func pagingVisitsEveryTaskOnce(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            for index in 0..<11 {
                try await harness.createTask(
                    ["project_id": .string(project), "title": .string("T\(index)")],
                    as: alice
                )
            }

            let newestFirst = try await self.titles(harness, query: "project_id=\(project)", limit: 3, as: alice)
            #expect(newestFirst == (0..<11).reversed().map { "T\($0)" })
            let oldestFirst = try await self.titles(
                harness,
                query: "project_id=\(project)&ordering=created_at",
                limit: 4,
                as: alice
            )
            #expect(oldestFirst == (0..<11).map { "T\($0)" })
            let byPosition = try await self.titles(
                harness,
                query: "project_id=\(project)&ordering=-position",
                limit: 5,
                as: alice
            )
            #expect(byPosition == (0..<11).reversed().map { "T\($0)" })
        }
    }

    @Test(arguments: Backend.available)
    func dueDateOrderingPutsUndatedTasksLast(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            let dates: [(String, String?)] = [
                ("a", "2026-03-01"), ("b", nil), ("c", "2026-01-15"), ("d", nil), ("e", "2026-02-01"), ("f", nil),
                ("g", "2026-01-15"),
            ]
            for (title, date) in dates {
                try await harness.createTask(
                    ["project_id": .string(project), "title": .string(title), "due_date": .string(date)],
                    as: alice
                )
            }

            for limit in [1, 2, 3, 10] {
                let ascending = try await self.titles(
                    harness,
                    query: "project_id=\(project)&ordering=due_date",
                    limit: limit,
                    as: alice
                )
                #expect(Array(ascending.prefix(4)).sorted() == ["a", "c", "e", "g"])
                #expect(Array(ascending.prefix(4)).last == "a")
                #expect(Array(ascending.prefix(2)).sorted() == ["c", "g"])
                #expect(Array(ascending.suffix(3)).sorted() == ["b", "d", "f"])
                #expect(ascending.count == 7)

                let descending = try await self.titles(
                    harness,
                    query: "project_id=\(project)&ordering=-due_date",
                    limit: limit,
                    as: alice
                )
                #expect(Array(descending.prefix(2)) == ["a", "e"])
                #expect(Array(descending.suffix(3)).sorted() == ["b", "d", "f"])
                #expect(descending.count == 7)
            }
        }
    }

    @Test(arguments: Backend.available)
    func priorityOrderingFollowsRank(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            for priority in ["high", "low", "urgent", "medium"] {
                try await harness.createTask(
                    ["project_id": .string(project), "title": .string(priority), "priority": .string(priority)],
                    as: alice
                )
            }
            let ascending = try await self.titles(harness, query: "ordering=priority", limit: 2, as: alice)
            #expect(ascending == ["low", "medium", "high", "urgent"])
            let descending = try await self.titles(harness, query: "ordering=-priority", limit: 3, as: alice)
            #expect(descending == ["urgent", "high", "medium", "low"])
        }
    }

    @Test(arguments: Backend.available)
    func filtersNarrowTheList(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let bob = Fixture.user("bob")
            let project = Fixture.id()
            let milestone = Fixture.id()
            harness.projects.addMilestone(milestone, in: project)
            harness.projects.set(.member, for: alice.id, in: project)
            harness.projects.set(.member, for: bob.id, in: project)
            let parent = try await harness.createTask(
                ["project_id": .string(project), "title": "Parent 100% done", "status": "in_progress"],
                as: alice
            )
            try await harness.createTask(
                [
                    "project_id": .string(project), "title": "Ünïcode Straße", "assignee_id": .string(bob.id),
                    "labels": ["backend"], "due_date": "2026-06-10", "priority": "high",
                    "milestone_id": .string(milestone), "parent_id": parent["id"] ?? .null,
                ],
                as: alice
            )
            try await harness.createTask(
                [
                    "project_id": .string(project), "title": "Third", "assignee_id": .string(alice.id),
                    "due_date": "2026-06-20",
                ],
                as: alice
            )

            let cases: [(String, [String])] = [
                ("assignee_id=me", ["Third"]),
                ("assignee_id=\(bob.id)", ["Ünïcode Straße"]),
                ("assignee_id=none", ["Parent 100% done"]),
                ("status=in_progress", ["Parent 100% done"]),
                ("status=todo,in_progress", ["Third", "Ünïcode Straße", "Parent 100% done"]),
                ("priority=high", ["Ünïcode Straße"]),
                ("milestone_id=\(milestone)", ["Ünïcode Straße"]),
                ("parent_id=\(parent["id"]?.text ?? "")", ["Ünïcode Straße"]),
                ("parent_id=none", ["Third", "Parent 100% done"]),
                ("label=backend", ["Ünïcode Straße"]),
                ("due_before=2026-06-10", ["Ünïcode Straße"]),
                ("due_after=2026-06-10", ["Third", "Ünïcode Straße"]),
                ("due_after=2026-06-11&due_before=2026-06-20", ["Third"]),
                ("search=STRASSE", []),
                ("search=straße", ["Ünïcode Straße"]),
                ("search=ÜNÏ", ["Ünïcode Straße"]),
                ("search=100%25", ["Parent 100% done"]),
                ("search=%25", ["Parent 100% done"]),
                ("search=_", []),
            ]
            for (query, expected) in cases {
                let titles = try await self.titles(
                    harness,
                    query: "project_id=\(project)&\(query)",
                    limit: 50,
                    as: alice
                )
                #expect(titles == expected, "filter \(query)")
            }
        }
    }

    @Test(arguments: Backend.available)
    func badParametersAreValidationErrors(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let cases: [(String, String)] = [
                ("status=open", "status"),
                ("priority=critical", "priority"),
                ("ordering=title", "ordering"),
                ("ordering=-", "ordering"),
                ("assignee_id=someone", "assignee_id"),
                ("project_id=123", "project_id"),
                ("due_before=2026-13-01", "due_before"),
                ("limit=0", "limit"),
                ("limit=201", "limit"),
                ("limit=ten", "limit"),
                ("cursor=garbage", "cursor"),
            ]
            for (query, field) in cases {
                let response = try await harness.call("GET", "/api/v1/tasks", query: query, as: alice)
                #expect(response.status == 400, "query \(query)")
                #expect(!response.details(field).isEmpty, "query \(query) names \(field)")
            }

            let mixed = try await harness.call(
                "GET",
                "/api/v1/tasks",
                query:
                    "ordering=due_date&cursor=\(TaskCursor(ordering: .default, key: "2026-01-01T00:00:00.000Z", id: Fixture.id()).encoded)",
                as: alice
            )
            #expect(!mixed.details("cursor").isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func listShowsOnlyVisibleProjects(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let bob = Fixture.user("bob")
            let admin = Fixture.user("root", admin: true)
            let shared = Fixture.id()
            let private_ = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: shared)
            harness.projects.set(.viewer, for: bob.id, in: shared)
            harness.projects.set(.owner, for: alice.id, in: private_)
            try await harness.createTask(["project_id": .string(shared), "title": "Shared"], as: alice)
            try await harness.createTask(["project_id": .string(private_), "title": "Private"], as: alice)

            #expect(try await self.titles(harness, query: "", limit: 50, as: bob) == ["Shared"])
            #expect(try await self.titles(harness, query: "", limit: 50, as: alice) == ["Private", "Shared"])
            #expect(try await self.titles(harness, query: "", limit: 50, as: admin) == ["Private", "Shared"])
            #expect(try await self.titles(harness, query: "", limit: 50, as: Fixture.user("nobody")) == [])

            let hidden = try await harness.call("GET", "/api/v1/tasks", query: "project_id=\(private_)", as: bob)
            #expect(hidden.status == 404)
        }
    }

    @Test(arguments: Backend.available)
    func pageBatchesAssigneeLookups(_ backend: Backend) async throws {
        try await TaskHarness.with(backend) { harness in
            let alice = Fixture.user("alice")
            let project = Fixture.id()
            harness.projects.set(.member, for: alice.id, in: project)
            var members: [AuthenticatedUser] = []
            for index in 0..<5 {
                let member = Fixture.user("member\(index)")
                harness.projects.set(.member, for: member.id, in: project)
                harness.users.add(member.id, username: member.username)
                members.append(member)
            }
            for index in 0..<20 {
                let assignee = members[index % members.count]
                try await harness.createTask(
                    [
                        "project_id": .string(project), "title": .string("T\(index)"),
                        "assignee_id": .string(assignee.id),
                    ],
                    as: alice
                )
            }

            let before = harness.users.summaryCallCount
            let response = try await harness.call("GET", "/api/v1/tasks", query: "project_id=\(project)", as: alice)
            #expect(harness.users.summaryCallCount == before + 1)
            #expect(response.data.items.count == 20)
            for item in response.data.items {
                #expect(item["assignee"]?["id"] == item["assignee_id"])
            }
        }
    }
}
