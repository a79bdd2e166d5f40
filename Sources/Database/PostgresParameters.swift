import CLibPQ

/// Bound values encoded for `PQexecPrepared`.
///
/// Every value is sent as text with type OID 0, so the server infers its type from the statement,
/// except blobs, which go in binary format so that their bytes need no escaping. All values share
/// one byte buffer, each text value followed by a NUL.
struct PostgresParameters {
    private var bytes: [UInt8] = []
    /// Start of each value in `bytes`, or -1 for NULL.
    private var offsets: [Int] = []
    /// Byte count of each value; libpq reads it for binary values only.
    private var lengths: [Int32] = []
    /// 0 for text, 1 for binary.
    private var formats: [Int32] = []
    private var hasBinary = false

    /// Encodes `values`. Throws `.invalidQuery` for text that contains NUL, which PostgreSQL text cannot store.
    init(_ values: [SQLValue], sql: String) throws {
        self.offsets.reserveCapacity(values.count)
        self.lengths.reserveCapacity(values.count)
        self.formats.reserveCapacity(values.count)

        for (index, value) in values.enumerated() {
            let start = self.bytes.count
            var format: Int32 = 0
            switch value {
            case .null:
                self.append(offset: -1, length: 0, format: 0)
                continue
            case .integer(let integer):
                self.bytes.append(contentsOf: String(integer).utf8)
            case .double(let double):
                self.bytes.append(contentsOf: Self.text(for: double).utf8)
            case .bool(let bool):
                self.bytes.append(bool ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case .text(let text):
                self.bytes.append(contentsOf: text.utf8)
                if self.bytes[start...].contains(0) {
                    throw DatabaseError(
                        .invalidQuery,
                        message:
                            "bind $\(index + 1) is text that contains a NUL character, which PostgreSQL cannot store",
                        sql: sql
                    )
                }
            case .blob(let blob):
                self.bytes.append(contentsOf: blob)
                format = 1
                self.hasBinary = true
            }
            let length = self.bytes.count - start
            self.bytes.append(0)
            self.append(offset: start, length: length, format: format)
        }
    }

    var count: Int32 {
        Int32(self.offsets.count)
    }

    /// Calls `body` with the value pointers, lengths and formats that `PQexecPrepared` takes.
    /// Lengths and formats are nil when every value is text, which libpq reads as all text.
    func withCArrays<Result>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> Result
    ) -> Result {
        self.bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = self.offsets.map { offset in
                offset < 0 ? nil : base.map { $0 + offset }
            }
            return pointers.withUnsafeBufferPointer { pointers in
                guard self.hasBinary else {
                    return body(pointers.baseAddress, nil, nil)
                }
                return self.lengths.withUnsafeBufferPointer { lengths in
                    self.formats.withUnsafeBufferPointer { formats in
                        body(pointers.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    private mutating func append(offset: Int, length: Int, format: Int32) {
        self.offsets.append(offset)
        self.lengths.append(Int32(clamping: length))
        self.formats.append(format)
    }

    /// PostgreSQL's float input spelling: Swift's `description` is the shortest text that reads
    /// back to the same Double, but PostgreSQL spells the special values differently.
    private static func text(for double: Double) -> String {
        if double.isNaN {
            return "NaN"
        }
        if double.isInfinite {
            return double < 0 ? "-Infinity" : "Infinity"
        }
        return double.description
    }
}
