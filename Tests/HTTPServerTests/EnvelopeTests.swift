import HTTPServer
import Testing

@Suite struct EnvelopeTests {
    @Test func errorEnvelopeHasCodeMessageAndDetails() throws {
        let response = HTTPError.validation(["email": ["Email already exists"]]).response
        #expect(response.status == .badRequest)
        let body = try JSONParser().parse(response.body)
        #expect(body["success"] == .bool(false))
        #expect(body["error"]?["code"] == .string("VALIDATION_ERROR"))
        #expect(body["error"]?["details"]?["email"] == .array(["Email already exists"]))
    }

    @Test func methodNotAllowedCarriesAllowHeader() {
        let response = HTTPError.methodNotAllowed(allowed: ["GET", "POST"]).response
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, POST")
    }

    @Test func listEnvelopeHasMeta() throws {
        let body = try JSONParser().parse(Response.list([1, 2], limit: 2, nextCursor: "abc").body)
        #expect(body["data"] == .array([1, 2]))
        #expect(body["meta"]?["limit"] == .int(2))
        #expect(body["meta"]?["next_cursor"] == .string("abc"))
    }

    @Test func queryStringDecodesEscapes() {
        let query = QueryString.parse("search=a%20b+c&ids=1,2&empty=&bad=%zz")
        #expect(query["search"] == "a b c")
        #expect(query["ids"] == "1,2")
        #expect(query["empty"] == "")
        #expect(query["bad"] == nil)
    }
}
