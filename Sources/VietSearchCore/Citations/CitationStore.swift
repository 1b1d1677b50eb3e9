import Synchronization

/// A citation as stored with its document: which field it is in, and the citation.
public struct StoredCitation: Sendable, Equatable {
    public var field: Field
    public var citation: Citation
}

/// Writes the citations of a segment's documents (the `.cite` file body):
///
///     Body     --> a record file (`RecordFileWriter`) of Record
///     Record   --> Count (varint), Citation^Count
///     Citation --> Field (u8), Type (string), Number (varint), Issuer (optional string,
///                  as written, parts joined by `-`: `TTg`, `BGDĐT`; readers compare it by
///                  `DirectiveKey.canonicalIssuer`, so an index written when this held the
///                  canonical form, `TTG`, reads the same but for display),
///                  Year (varint, 0 = none, else year + 1), Start, End (varints: UTF-8 byte
///                  range in the field's text), Date (optional string, YYYY-MM-DD)
///     Titles   --> (only when a citation has one) Title^Count
///     Title    --> Written (optional string: a law's title as written, `Luật Đất đai`),
///                  Folded (string, when Written is there: `luat dat dai`, so that reading
///                  needs no folding); a record of an index written before titles ends
///                  after its citations, and reads as having none
struct CitationStoreWriter {
    private var records = RecordFileWriter()

    mutating func add(_ citations: [StoredCitation]) {
        var writer = ByteWriter()
        writer.varint(citations.count)
        for stored in citations {
            let key = stored.citation.key
            writer.u8(stored.field.rawValue)
            writer.string(key.type.rawValue)
            writer.varint(key.number)
            writer.optionalString(key.writtenIssuer)
            writer.varint(key.year.map { $0 + 1 } ?? 0)
            writer.varint(stored.citation.byteRange.lowerBound)
            writer.varint(stored.citation.byteRange.upperBound)
            writer.optionalString(stored.citation.date)
        }
        if citations.contains(where: { $0.citation.key.writtenName != nil }) {
            for stored in citations {
                writer.optionalString(stored.citation.key.writtenName)
                if let folded = stored.citation.key.name { writer.string(folded) }
            }
        }
        records.add(writer.bytes)
    }

    func body() -> [UInt8] { records.body() }
}

/// Reads a segment's `.cite` file. The whole file is checksummed before the first record
/// is read (it is small: 0.4 MB for 35,000 articles), once per reader.
final class CitationStoreReader: Sendable {
    private let records: RecordFileReader
    var file: ReadOnlyFile { records.file }
    var docCount: Int { records.docCount }
    private let verified = Mutex(false)

    init(file: ReadOnlyFile, body: Range<Int>) throws {
        records = try RecordFileReader(file: file, body: body)
    }

    func citations(_ doc: Int) throws -> [StoredCitation] {
        try verified.withLock { verified in
            guard !verified else { return }
            try FileFormat.verifyChecksum(of: file.bytes, file: file.path)
            verified = true
        }
        let range = try records.record(doc)
        var reader = ByteReader(file.bytes, from: range.lowerBound, to: range.upperBound, file: file.path)
        var result: [StoredCitation] = []
        for _ in 0..<(try reader.int()) {
            guard let field = Field(rawValue: try reader.u8()) else { throw reader.corrupt("unknown field") }
            let typeName = try reader.string()
            guard let type = DirectiveType(rawValue: typeName) else { throw reader.corrupt("unknown directive type") }
            let number = try reader.int()
            let issuer = try reader.optionalString()
            let year = try reader.int()
            let start = try reader.int()
            let end = try reader.int()
            guard start <= end else { throw reader.corrupt("bad citation range") }
            let date = try reader.optionalString()
            // The issuer is stored as written; the key derives its canonical form.
            let key = DirectiveKey(type: type, number: number, issuer: issuer, year: year == 0 ? nil : year - 1)
            result.append(
                StoredCitation(field: field, citation: Citation(key: key, byteRange: start..<end, date: date)))
        }
        if !reader.isAtEnd {
            for i in result.indices {
                guard let written = try reader.optionalString() else { continue }
                let folded = try reader.string()
                guard !folded.isEmpty else { throw reader.corrupt("empty law title") }
                result[i].citation.key = result[i].citation.key.named(
                    DirectiveKey.Title(folded: folded, written: written))
            }
        }
        return result
    }
}
