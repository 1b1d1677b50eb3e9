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
/// is trained on the segment's first records, which wait uncompressed until then.
struct StoredFieldsWriter {
    /// How many records the dictionary is trained on.
    static let trainingRecords = 400
    private var records = RecordFileWriter()
    private var pending: [[UInt8]] = []
    private var compressor: Compressor? = nil
    private var dictionary: [UInt8] = []

    mutating func add(_ article: Article) {
        var fields = ByteWriter(capacity: article.body.utf8.count + article.title.utf8.count + 64)
        fields.string(article.id)
        fields.string(article.title)
        fields.optionalString(article.date)
        fields.optionalString(article.source)
        fields.optionalString(article.folder)
        fields.string(article.body)
        if let compressor {
            records.add(Self.record(fields.bytes, compressor))
            return
        }
        pending.append(fields.bytes)
        if pending.count >= Self.trainingRecords { startCompressing() }
    }

    private mutating func startCompressing() {
        dictionary = Compression.trainDictionary(pending) ?? []
        let compressor = Compressor(dictionary: dictionary)
        for fields in pending { records.add(Self.record(fields, compressor)) }
        pending = []
        self.compressor = compressor
    }

    private static func record(_ fields: [UInt8], _ compressor: Compressor) -> [UInt8] {
        var record = ByteWriter()
        record.u32(CRC32.checksum(fields))
        record.varint(fields.count)
        record.append(compressor.compress(fields))
        return record.bytes
    }

    func body() -> [UInt8] {
        var finished = self
        if finished.compressor == nil { finished.startCompressing() }
        var out = ByteWriter()
        out.lengthPrefixed(finished.dictionary)
        out.append(finished.records.body())
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
