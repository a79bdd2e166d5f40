import CSQLite

/// The destructor value that makes SQLite copy bound text and blobs before the bind call returns.
let sqliteTransient = unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)

/// A prepared SQLite statement with its result column names.
final class SQLiteStatement: CachedStatement {
    let handle: OpaquePointer
    private(set) var columns: [String]
    /// `SQLITE_STMTSTATUS_REPREPARE` when `columns` was read. SQLite re-prepares a statement after a
    /// schema change, which can change the columns of `SELECT *`.
    private var reprepareCount: Int32
    var lastUse: UInt64 = 0

    init(handle: OpaquePointer) {
        self.handle = handle
        self.columns = Self.columnNames(of: handle)
        self.reprepareCount = sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
    }

    /// Rereads the column names if SQLite re-prepared the statement since they were read.
    /// Call it after the first `sqlite3_step`, which is where a re-prepare happens.
    func refreshColumnsIfReprepared() {
        let count = sqlite3_stmt_status(self.handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        if count != self.reprepareCount {
            self.reprepareCount = count
            self.columns = Self.columnNames(of: self.handle)
        }
    }

    /// Binds `values` to `?1 …?N` in order. Returns the first failing result code, or `SQLITE_OK`.
    func bind(_ values: [SQLValue]) -> Int32 {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32
            switch value {
            case .null:
                result = sqlite3_bind_null(self.handle, index)
            case .integer(let integer):
                result = sqlite3_bind_int64(self.handle, index, integer)
            case .double(let double):
                result = sqlite3_bind_double(self.handle, index, double)
            case .bool(let bool):
                result = sqlite3_bind_int64(self.handle, index, bool ? 1 : 0)
            case .text(var text):
                result = text.withUTF8 { bytes in
                    // A nil pointer would bind NULL, so an empty string binds a static "".
                    guard let base = bytes.baseAddress, bytes.count > 0 else {
                        return sqlite3_bind_text(self.handle, index, "", 0, sqliteTransient)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                        sqlite3_bind_text64(
                            self.handle,
                            index,
                            characters,
                            UInt64(bytes.count),
                            sqliteTransient,
                            UInt8(SQLITE_UTF8)
                        )
                    }
                }
            case .blob(let blob):
                result = blob.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress, bytes.count > 0 else {
                        return sqlite3_bind_zeroblob(self.handle, index, 0)
                    }
                    return sqlite3_bind_blob64(self.handle, index, base, UInt64(bytes.count), sqliteTransient)
                }
            }
            if result != SQLITE_OK {
                return result
            }
        }
        return SQLITE_OK
    }

    /// Reads the current result row; call it after `sqlite3_step` returned `SQLITE_ROW`.
    func readRow() -> Row {
        var values = [SQLValue]()
        values.reserveCapacity(self.columns.count)
        for column in 0..<Int32(self.columns.count) {
            values.append(self.readValue(column))
        }
        return Row(columns: self.columns, values: values)
    }

    private func readValue(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(self.handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(self.handle, column))
        case SQLITE_FLOAT:
            return .double(sqlite3_column_double(self.handle, column))
        case SQLITE_TEXT:
            // Per the SQLite docs, read the pointer before the byte count.
            guard let text = sqlite3_column_text(self.handle, column) else {
                return .text("")
            }
            let count = Int(sqlite3_column_bytes(self.handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            guard let blob = sqlite3_column_blob(self.handle, column) else {
                return .blob([])
            }
            let count = Int(sqlite3_column_bytes(self.handle, column))
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }

    private static func columnNames(of handle: OpaquePointer) -> [String] {
        (0..<sqlite3_column_count(handle)).map { column in
            sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "?column?"
        }
    }
}
