/// Writes the stored articles of a segment (the `.store` file body):
///
///     Body       --> Dictionary (VInt length, then bytes: a Zstandard dictionary, or empty), a
///                    record file (`RecordFileWriter`) of Record
///     Record     --> CRC32 of Fields (u32), FieldsLength (VInt), Zstd(Fields)
///     Fields     --> Id, Title, Date?, Source?, Folder?, Text   (length-prefixed UTF-8;
///                                                              optional ones as 0, or 1 + length)
///
/// Each record is compressed on its own (showing 10 hits decompresses 10 records) and
/// carries its own checksum, so a search that shows an article verifies it. The dictionary
/// is trained on the segment's first records. Records wait uncompressed until the segment
/// is written (`body`), so that compressing them runs beside the postings' encoding
/// instead of on the thread that analyzes.
struct StoredFieldsWriter {
    /// How many records the dictionary is trained on.
    static let trainingRecords = 400
    /// Every record's Fields, one after another, and where each ends.
    private var fields = ByteWriter()
    private var ends: [Int] = []

    mutating func add(_ article: Article) {
        fields.string(article.id)
        fields.string(article.title)
        fields.optionalString(article.date)
        fields.optionalString(article.source)
        fields.optionalString(article.folder)
        fields.string(article.body)
        ends.append(fields.count)
    }

    private func record(_ i: Int) -> ArraySlice<UInt8> { fields.bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }

    func body() -> [UInt8] {
        let dictionary =
            Compression.trainDictionary((0..<min(ends.count, Self.trainingRecords)).map { Array(record($0)) }) ?? []
        let compressor = Compressor(dictionary: dictionary)
        var records = RecordFileWriter()
        for i in ends.indices {
            let fields = record(i)
            var record = ByteWriter()
            record.u32(fields.withUnsafeBytes { CRC32.checksum($0) })
            record.varint(fields.count)
            record.append(fields.withUnsafeBytes { compressor.compress($0) })
            records.add(record.bytes)
        }
        var out = ByteWriter()
        out.lengthPrefixed(dictionary)
        out.append(records.body())
        return out.bytes
    }
}

/// Reads stored articles from a mapped `.store` file.
struct StoredFieldsReader {
    private let records: RecordFileReader
    var file: ReadOnlyFile { records.file }
    var docCount: Int { records.docCount }

    private let decompressor: Decompressor

    init(file: ReadOnlyFile, body: Range<Int>) throws {
        var reader = ByteReader(file.bytes, from: body.lowerBound, to: body.upperBound, file: file.path)
        let dictionary = try reader.lengthPrefixed()
        guard let decompressor = Decompressor(dictionary: dictionary) else {
            throw reader.corrupt("damaged compression dictionary")
        }
        self.decompressor = decompressor
        records = try RecordFileReader(file: file, body: reader.offset..<body.upperBound)
    }

    /// Document `doc`'s article, checked against its record's CRC32; without `withBody`,
    /// its text is left empty (not decoded).
    func article(_ doc: Int, withBody: Bool = true) throws -> Article {
        let range = try records.record(doc)
        var header = ByteReader(file.bytes, from: range.lowerBound, to: range.upperBound, file: file.path)
        let crc = try header.u32()
        let length = try header.int()
        guard
            let fields = decompressor.decompress(
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
                source: try reader.optionalString(), folder: try reader.optionalString(),
                body: withBody ? try reader.string() : "")
        }
    }
}
