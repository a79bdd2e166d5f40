import HTTPServer
import Testing

@testable import UserService

@Suite struct DirectoryFilterTests {
    @Test func readsSearchAndIDs() throws {
        let filter = try DirectoryRoutes.filter(from: [
            "search": "  Ana ",
            "ids": "0189A000-0000-7000-8000-000000000001, 0189a000-0000-7000-8000-000000000002",
        ])
        #expect(filter.search == "ana")
        #expect(
            Set(filter.ids ?? []) == [
                "0189a000-0000-7000-8000-000000000001", "0189a000-0000-7000-8000-000000000002",
            ]
        )
    }

    @Test func emptySearchIsNoFilter() throws {
        let filter = try DirectoryRoutes.filter(from: ["search": "   "])
        #expect(filter.search == nil)
        #expect(filter.ids == nil)
    }

    @Test(arguments: [
        "", "not-a-uuid", "0189a000-0000-7000-8000-000000000001,", "0189a000-0000-7000-8000-000000000001,x",
    ])
    func rejectsInvalidIDs(_ ids: String) {
        #expect(throws: HTTPError.self) { try DirectoryRoutes.filter(from: ["ids": ids]) }
    }

    @Test func rejectsTooManyIDs() {
        let ids = (0...DirectoryRoutes.maxIDs).map { _ in "0189a000-0000-7000-8000-000000000001" }
        #expect(throws: HTTPError.self) { try DirectoryRoutes.filter(from: ["ids": ids.joined(separator: ",")]) }
    }

    @Test func rejectsLongSearch() {
        let search = String(repeating: "a", count: DirectoryRoutes.maxSearchLength + 1)
        #expect(throws: HTTPError.self) { try DirectoryRoutes.filter(from: ["search": search]) }
    }

    @Test func escapesLikeWildcards() {
        #expect(DirectoryStore.escapeLike("50%_off\\") == "50\\%\\_off\\\\")
        #expect(DirectoryStore.escapeLike("ana") == "ana")
    }

    @Test func searchTextIsLowerCased() {
        #expect(Profile.searchText(username: "ÉLodie", firstName: "Élodie", lastName: nil) == "élodie élodie ")
    }
}
