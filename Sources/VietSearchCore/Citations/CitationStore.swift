/// A citation as stored with its document: which field it is in, and the citation.
public struct StoredCitation: Sendable, Equatable {
    public var field: Field
    public var citation: Citation
}

/// Writes the citations of a segment's documents (the `.cite` file body):
///
///     Body     --> Record^DocCount, Offset^DocCount (u64), DocCount (u64)
///     Record   --> Count (varint), Citation^Count
///     Citation --> Field (u8), Type (string), Number (varint), Issuer (optional string),
///                  Year (varint, 0 = none, else year + 1), Start, End (varints: UTF-8 byte
///                  range in the field's text), Date (optional string, YYYY-MM-DD)
struct CitationStoreWriter {
    private var writer = ByteWriter()
    private var offsets: [UInt64] = []

    mutating func add(_ citations: [StoredCitation]) {
        offsets.append(UInt64(writer.count))
        writer.varint(citations.count)
        for stored in citations {
            let key = stored.citation.key
            writer.u8(stored.field.rawValue)
            writer.string(key.type.rawValue)
            writer.varint(key.number)
            writer.optionalString(key.issuer)
            writer.varint(key.year.map { $0 + 1 } ?? 0)
            writer.varint(stored.citation.byteRange.lowerBound)
            writer.varint(stored.citation.byteRange.upperBound)
            writer.optionalString(stored.citation.date)
        }
    }

    func body() -> [UInt8] {
        var out = writer
        for offset in offsets { out.u64(offset) }
        out.u64(UInt64(offsets.count))
        return out.bytes
    }
}

/// Reads a segment's `.cite` file.
struct CitationStoreReader {
    let file: MappedFile
    let body: Range<Int>
    let docCount: Int
    private let offsetsStart: Int

    init(file: MappedFile, body: Range<Int>) throws {
        self.file = file
        self.body = body
        var reader = ByteReader(file.bytes, from: body.upperBound - 8, to: body.upperBound, file: file.path)
        let count = Int(try reader.u64())
        guard count <= (body.count - 8) / 8 else {
            throw reader.corrupt("document count \(count) does not fit the file")
        }
        docCount = count
        offsetsStart = body.upperBound - 8 - count * 8
    }

    func citations(_ doc: Int) throws -> [StoredCitation] {
        guard doc >= 0 && doc < docCount else {
            throw CorruptIndexError(file: file.path, reason: "no citations for document \(doc)")
        }
        var offsets = ByteReader(
            file.bytes, from: offsetsStart + doc * 8, to: offsetsStart + doc * 8 + 8, file: file.path)
        let start = body.lowerBound + Int(try offsets.u64())
        guard start < offsetsStart else { throw offsets.corrupt("citation record out of range") }
        var reader = ByteReader(file.bytes, from: start, to: offsetsStart, file: file.path)
        var result: [StoredCitation] = []
        for _ in 0..<(try reader.int()) {
            guard let field = Field(rawValue: try reader.u8()) else { throw reader.corrupt("unknown field") }
            let typeName = try reader.string()
            guard let type = DirectiveType(rawValue: typeName) else {
                throw reader.corrupt("unknown directive type")
            }
            let number = try reader.int()
            let issuer = try reader.optionalString()
            let year = try reader.int()
            let start = try reader.int()
            let end = try reader.int()
            guard start <= end else { throw reader.corrupt("bad citation range") }
            let date = try reader.optionalString()
            let key = DirectiveKey(type: type, number: number, issuer: issuer, year: year == 0 ? nil : year - 1)
            result.append(
                StoredCitation(field: field, citation: Citation(key: key, byteRange: start..<end, date: date)))
        }
        return result
    }
}
