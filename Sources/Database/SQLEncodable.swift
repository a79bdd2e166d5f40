import Foundation

/// A Swift value that has a standard `SQLValue` encoding, used by `SQLValue.optional(_:)`.
public protocol SQLEncodable {
    var sqlValue: SQLValue { get }
}

extension String: SQLEncodable {
    public var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLEncodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLEncodable {
    public var sqlValue: SQLValue { .integer(self) }
}

extension Double: SQLEncodable {
    public var sqlValue: SQLValue { .double(self) }
}

extension Bool: SQLEncodable {
    public var sqlValue: SQLValue { .bool(self) }
}

extension UUID: SQLEncodable {
    public var sqlValue: SQLValue { .uuid(self) }
}

extension Date: SQLEncodable {
    public var sqlValue: SQLValue { .date(self) }
}

extension Array: SQLEncodable where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
}

extension SQLValue: SQLEncodable {
    public var sqlValue: SQLValue { self }
}
