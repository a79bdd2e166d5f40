import Database
import HTTPServer
import Platform
import Testing

@testable import UserService

@Suite struct KeysetPageTests {
    private let fields = [
        SortField(name: "created_at", column: "g.created_at", kind: .timestamp),
        SortField(name: "name", column: "g.name", kind: .text),
    ]

    private func page(_ query: [String: String]) throws(HTTPError) -> KeysetPage {
        try KeysetPage(query: query, fields: self.fields, defaultOrdering: "created_at", idColumn: "g.id")
    }

    @Test func defaultsToFirstPage() throws {
        let page = try self.page([:])
        var binds = SQLBinds()
        #expect(page.limit == 50)
        #expect(page.fetchCount == 51)
        #expect(page.ordering == "created_at")
        #expect(page.orderByClause == "g.created_at ASC, g.id ASC")
        #expect(page.afterCondition(binds: &binds) == nil)
    }

    @Test func descendingOrdering() throws {
        let page = try self.page(["ordering": "-name", "limit": "10"])
        #expect(page.orderByClause == "g.name DESC, g.id DESC")
        #expect(page.limit == 10)
    }

    @Test(arguments: ["title", "--name", "created_at,name", "-"])
    func rejectsUnknownOrdering(_ ordering: String) {
        #expect(throws: HTTPError.self) { try self.page(["ordering": ordering]) }
    }

    @Test(arguments: ["0", "201", "ten", "-1"])
    func rejectsBadLimit(_ limit: String) {
        #expect(throws: HTTPError.self) { try self.page(["limit": limit]) }
    }

    @Test func cursorContinuesAfterLastRow() throws {
        let first = try self.page(["ordering": "name", "limit": "2"])
        let rows = ["a", "b", "c"]
        let ids = [
            "01890000-0000-7000-8000-000000000001", "01890000-0000-7000-8000-000000000002",
            "01890000-0000-7000-8000-000000000003",
        ]
        let (items, cursor) = first.cut(Array(zip(rows, ids))) { (.text($0.0), $0.1) }
        #expect(items.map(\.0) == ["a", "b"])
        let nextCursor = try #require(cursor)

        let second = try self.page(["ordering": "name", "limit": "2", "cursor": nextCursor])
        var binds = SQLBinds()
        let condition = second.afterCondition(binds: &binds)
        #expect(condition == "(g.name > $1 OR (g.name = $1 AND g.id > $2))")
        #expect(binds.values == [.text("b"), .text(ids[1])])
    }

    @Test func lastPageHasNoCursor() throws {
        let page = try self.page(["limit": "2"])
        let (items, cursor) = page.cut(["x", "y"]) { (.text($0), $0) }
        #expect(items.count == 2)
        #expect(cursor == nil)
    }

    @Test func cursorIsBoundToOrdering() throws {
        let page = try self.page(["ordering": "name", "limit": "1"])
        let (_, cursor) = page.cut(["a", "b"]) { (.text($0), "01890000-0000-7000-8000-000000000001") }
        let nextCursor = try #require(cursor)
        #expect(throws: HTTPError.self) { try self.page(["ordering": "-name", "cursor": nextCursor]) }
        #expect(throws: HTTPError.self) { try self.page(["ordering": "created_at", "cursor": nextCursor]) }
    }

    @Test func descendingConditionUsesLessThan() throws {
        let first = try self.page(["ordering": "-name", "limit": "1"])
        let (_, cursor) = first.cut(["b", "a"]) { (.text($0), "01890000-0000-7000-8000-000000000001") }
        let second = try self.page(["ordering": "-name", "cursor": try #require(cursor)])
        var binds = SQLBinds()
        #expect(second.afterCondition(binds: &binds) == "(g.name < $1 OR (g.name = $1 AND g.id < $2))")
    }

    @Test func rejectsForeignCursor() {
        #expect(throws: HTTPError.self) { try self.page(["cursor": "not-a-cursor"]) }
        let wrongKey = Cursor.encode(key: "created_at:yesterday", id: "01890000-0000-7000-8000-000000000001")
        #expect(throws: HTTPError.self) { try self.page(["cursor": wrongKey]) }
    }
}
