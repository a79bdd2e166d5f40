import CLibPQ
import Glibc

/// Type OIDs from PostgreSQL's `pg_type.dat` whose text output this module converts.
enum PostgresType {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let oid: UInt32 = 26
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
}

/// Reading rows from a text-format `PGresult`.
enum PostgresResult {
    /// Reads the names and type OIDs of the result's columns.
    static func columns(of result: OpaquePointer) -> (names: [String], types: [UInt32]) {
        let count = PQnfields(result)
        var names = [String]()
        var types = [UInt32]()
        names.reserveCapacity(Int(count))
        types.reserveCapacity(Int(count))
        for column in 0..<count {
            names.append(PQfname(result, column).map { String(cString: $0) } ?? "?column?")
            types.append(PQftype(result, column))
        }
        return (names, types)
    }

    /// Reads all rows of `result`, given its column names and type OIDs.
    static func rows(of result: OpaquePointer, names: [String], types: [UInt32]) -> [Row] {
        let rowCount = PQntuples(result)
        var rows = [Row]()
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values = [SQLValue]()
            values.reserveCapacity(types.count)
            for (column, type) in types.enumerated() {
                values.append(self.value(result, row: row, column: Int32(column), type: type))
            }
            rows.append(Row(columns: names, values: values))
        }
        return rows
    }

    /// Reads the rows-affected count of a command result, which is 0 for commands that report none.
    static func affectedRows(of result: OpaquePointer) -> Int {
        guard let text = PQcmdTuples(result), text.pointee != 0 else {
            return 0
        }
        return Int(strtoll(text, nil, 10))
    }

    private static func value(_ result: OpaquePointer, row: Int32, column: Int32, type: UInt32) -> SQLValue {
        if PQgetisnull(result, row, column) == 1 {
            return .null
        }
        guard let text = PQgetvalue(result, row, column) else {
            return .null
        }
        let length = Int(PQgetlength(result, row, column))

        switch type {
        case PostgresType.bool:
            return .bool(text.pointee == CChar(UInt8(ascii: "t")))
        case PostgresType.int8, PostgresType.int4, PostgresType.int2, PostgresType.oid:
            return .integer(Int64(strtoll(text, nil, 10)))
        case PostgresType.float8, PostgresType.float4:
            // glibc's strtod reads PostgreSQL's "NaN", "Infinity" and "-Infinity".
            return .double(strtod(text, nil))
        case PostgresType.bytea:
            return .blob(self.bytea(text, length: length))
        default:
            let bytes = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
        }
    }

    /// Decodes bytea text output: the default hex form `\x0a1b…` here, the older escape form through libpq.
    private static func bytea(_ text: UnsafeMutablePointer<CChar>, length: Int) -> [UInt8] {
        let bytes = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        if length >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") {
            let count = (length - 2) / 2
            return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
                for index in 0..<count {
                    output[index] = self.hexValue(bytes[2 + 2 * index]) << 4 | self.hexValue(bytes[3 + 2 * index])
                }
                initialized = count
            }
        }
        var decodedLength = 0
        guard let decoded = PQunescapeBytea(bytes, &decodedLength) else {
            return []
        }
        defer { PQfreemem(decoded) }
        return Array(UnsafeBufferPointer(start: decoded, count: decodedLength))
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: 0
        }
    }
}
