/// An ordered list of header fields; names are compared case-insensitively.
public struct HTTPHeaders: Sendable, Sequence {
    /// Stored pairs; request header names arrive lower-cased from h2o.
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        for field in self.fields where field.name.caseInsensitiveEquals(name) {
            return field.value
        }
        return nil
    }

    public mutating func add(_ name: String, _ value: String) {
        self.fields.append((name, value))
    }

    /// Replaces every field called `name` with one holding `value`.
    public mutating func replace(_ name: String, _ value: String) {
        self.fields.removeAll { $0.name.caseInsensitiveEquals(name) }
        self.fields.append((name, value))
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        self.fields.makeIterator()
    }
}

extension String {
    /// ASCII case-insensitive equality, which is what header names need.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let left = self.utf8
        let right = other.utf8
        guard left.count == right.count else { return false }
        for (a, b) in zip(left, right) where a != b {
            let lowerA = (a >= 65 && a <= 90) ? a | 0x20 : a
            let lowerB = (b >= 65 && b <= 90) ? b | 0x20 : b
            if lowerA != lowerB { return false }
        }
        return true
    }
}
