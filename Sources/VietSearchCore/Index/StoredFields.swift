/// Writes the stored articles of a segment (the `.store` file body):
///
///     Body   --> a record file (`RecordFileWriter`) of Record
///     Record --> CRC32 of Fields (u32), FieldsLength (VInt), Zstd(Fields)
///     Fields --> Id, Title, Date?, Source?, Text   (length-prefixed UTF-8; optional ones
///                                                   as 0, or 1 + length)
///
/// Each record is compressed on its own (Zstandard, level 1: showing 10 hits decompresses
/// 10 records) and carries its own checksum, so a search that shows an article verifies it.
struct StoredFieldsWriter {
    private var records = RecordFileWriter()

    mutating func add(_ article: Article) {
        var fields = ByteWriter(capacity: article.body.utf8.count + article.title.utf8.count + 64)
        fields.string(article.id)
        fields.string(article.title)
        fields.optionalString(article.date)
        fields.optionalString(article.source)
        fields.string(article.body)
        var record = ByteWriter()
        record.u32(CRC32.checksum(fields.bytes))
        record.varint(fields.count)
        record.append(Compression.compress(fields.bytes))
        records.add(record.bytes)
    }

    func body() -> [UInt8] { records.body() }
}

/// Reads stored articles from a mapped `.store` file.
struct StoredFieldsReader {
    private let records: RecordFileReader
    var file: MappedFile { records.file }
    var docCount: Int { records.docCount }

    init(file: MappedFile, body: Range<Int>) throws {
        records = try RecordFileReader(file: file, body: body)
    }

    func article(_ doc: Int) throws -> Article {
        let range = try records.record(doc)
        var header = ByteReader(file.bytes, from: range.lowerBound, to: range.upperBound, file: file.path)
        let crc = try header.u32()
        let length = try header.int()
        guard
            let fields = Compression.decompress(
                UnsafeRawBufferPointer(rebasing: file.bytes[header.offset..<range.upperBound]), length: length),
            CRC32.checksum(fields) == crc
        else {
            throw CorruptIndexError(
                file: file.path, offset: range.lowerBound, reason: "checksum mismatch in stored document \(doc)")
        }
        return try fields.withUnsafeBytes { fields in
            var reader = ByteReader(fields, file: file.path)
            return Article(
                id: try reader.string(), title: try reader.string(), date: try reader.optionalString(),
                source: try reader.optionalString(), body: try reader.string())
        }
    }
}
