/// Writes the stored articles of a segment (the `.store` file body):
///
///     Body   --> Record^DocCount, Offset^DocCount (u64), DocCount (u64)
///     Record --> CRC32 of Fields (u32), FieldsLength (VInt), Zstd(Fields)
///     Fields --> Id, Title, Date?, Source?, Text   (length-prefixed UTF-8; optional ones
///                                                   as 0, or 1 + length)
///
/// Each record is compressed on its own (Zstandard, level 1: showing 10 hits decompresses
/// 10 records) and carries its own checksum, so a search that shows an article verifies it.
struct StoredFieldsWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [UInt64] = []

    mutating func add(_ article: Article) {
        var fields = ByteWriter(capacity: article.body.utf8.count + article.title.utf8.count + 64)
        fields.string(article.id)
        fields.string(article.title)
        fields.optionalString(article.date)
        fields.optionalString(article.source)
        fields.string(article.body)
        offsets.append(UInt64(bytes.count))
        var header = ByteWriter()
        header.u32(CRC32.checksum(fields.bytes))
        header.varint(fields.count)
        bytes.append(contentsOf: header.bytes)
        bytes.append(contentsOf: Compression.compress(fields.bytes))
    }

    func body() -> [UInt8] {
        var writer = ByteWriter(capacity: bytes.count + offsets.count * 8 + 8)
        writer.append(bytes)
        for offset in offsets { writer.u64(offset) }
        writer.u64(UInt64(offsets.count))
        return writer.bytes
    }
}

/// Reads stored articles from a mapped `.store` file.
struct StoredFieldsReader {
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

    func article(_ doc: Int) throws -> Article {
        guard doc >= 0 && doc < docCount else {
            throw CorruptIndexError(file: file.path, reason: "no stored document \(doc)")
        }
        var offsets = ByteReader(
            file.bytes, from: offsetsStart + doc * 8, to: offsetsStart + doc * 8 + 8, file: file.path)
        let start = body.lowerBound + Int(try offsets.u64())
        let end: Int
        if doc + 1 < docCount {
            var next = ByteReader(
                file.bytes, from: offsetsStart + doc * 8 + 8, to: offsetsStart + doc * 8 + 16, file: file.path)
            end = body.lowerBound + Int(try next.u64())
        } else {
            end = offsetsStart
        }
        guard start + 4 <= end, end <= offsetsStart else {
            throw CorruptIndexError(file: file.path, offset: start, reason: "bad record bounds for document \(doc)")
        }
        var header = ByteReader(file.bytes, from: start, to: end, file: file.path)
        let crc = try header.u32()
        let length = try header.int()
        guard
            let fields = Compression.decompress(
                UnsafeRawBufferPointer(rebasing: file.bytes[header.offset..<end]), length: length),
            CRC32.checksum(fields) == crc
        else {
            throw CorruptIndexError(
                file: file.path, offset: start, reason: "checksum mismatch in stored document \(doc)")
        }
        return try fields.withUnsafeBytes { fields in
            var reader = ByteReader(fields, file: file.path)
            return Article(
                id: try reader.string(), title: try reader.string(), date: try reader.optionalString(),
                source: try reader.optionalString(), body: try reader.string())
        }
    }
}
