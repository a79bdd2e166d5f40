import Foundation
import Testing

@testable import Database

@Suite struct SQLValueTests {
    @Test func literalsBuildMatchingCases() {
        let text: SQLValue = "a"
        let integer: SQLValue = 7
        let double: SQLValue = 1.5
        let bool: SQLValue = true
        let null: SQLValue = nil
        #expect(text == .text("a"))
        #expect(integer == .integer(7))
        #expect(double == .double(1.5))
        #expect(bool == .bool(true))
        #expect(null == .null)
    }

    @Test func uuidEncodesLowerCase() {
        let uuid = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        #expect(SQLValue.uuid(uuid) == .text("e621e1f8-c36c-495a-93fc-0c247a3e6e5f"))
    }

    @Test func optionalEncodesNilAsNull() {
        let missing: String? = nil
        #expect(SQLValue.optional(missing) == .null)
        #expect(SQLValue.optional(Optional(3)) == .integer(3))
        #expect(SQLValue.optional(Optional(Date(timeIntervalSince1970: 0))) == .text("1970-01-01T00:00:00.000Z"))
    }

    @Test func boolDecodesIntegersAndText() throws {
        let row = Row(columns: ["a", "b", "c", "d"], values: [.integer(1), .integer(0), .text("t"), .text("f")])
        #expect(try row.decode("a", as: Bool.self) == true)
        #expect(try row.decode("b", as: Bool.self) == false)
        #expect(try row.decode("c", as: Bool.self) == true)
        #expect(try row.decode("d", as: Bool.self) == false)
        #expect(throws: DatabaseError.self) {
            try Row(columns: ["x"], values: [.integer(2)]).decode("x", as: Bool.self)
        }
    }

    @Test func decodeNullIntoOptionalGivesNil() throws {
        let row = Row(columns: ["a"], values: [.null])
        #expect(try row.decode("a", as: String?.self) == nil)
        #expect(try row.decode("a", as: Int?.self) == nil)
        #expect(try row.decode("a", as: UUID?.self) == nil)
    }

    @Test func decodeNullIntoNonOptionalThrows() {
        let row = Row(columns: ["a"], values: [.null])
        #expect { try row.decode("a", as: String.self) } throws: { error in
            let error = error as? DatabaseError
            return error?.code == .decodingFailed && error?.message.contains("\"a\"") == true
        }
    }

    @Test func decodeMissingColumnThrows() {
        let row = Row(columns: ["a"], values: [.integer(1)])
        #expect { try row.decode("b", as: Int.self) } throws: { error in
            (error as? DatabaseError)?.code == .decodingFailed
        }
        #expect(row["b"] == nil)
        #expect(row["a"] == .integer(1))
    }

    @Test func errorDescriptionHidesSQLAndMessage() {
        let error = DatabaseError(
            .uniqueViolation,
            message: "duplicate secret@example.com",
            sql: "INSERT INTO users",
            function: "sqlite3_step"
        )
        #expect(!error.description.contains("secret"))
        #expect(!error.description.contains("INSERT"))
        #expect(error.debugDescription.contains("secret@example.com"))
        #expect(error.debugDescription.contains("INSERT INTO users"))
        #expect(error.debugDescription.contains("sqlite3_step"))
    }
}
