import Foundation
import HTTPServer
import Platform

extension Request {
    /// Returns the path parameter `name` as a lower-case UUID.
    ///
    /// - Throws: `notFound` when the segment is not a UUID, because no object has such an id. Checking here also
    ///   keeps malformed ids away from PostgreSQL's `uuid` columns, which would reject them with an error.
    func uuidParameter(_ name: String, notFound: HTTPError) throws(HTTPError) -> String {
        guard let id = UUID(uuidString: self.parameter(name)) else { throw notFound }
        return id.uuidString.lowercased()
    }
}
