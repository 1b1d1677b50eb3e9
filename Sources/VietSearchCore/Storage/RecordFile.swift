/// The layout of files that hold one record per document (`.store`, `.cite`):
///
///     Body --> Record^DocCount, Offset^DocCount (u64, from the body's start), DocCount (u64)
///
/// Any document's record is one seek away.
struct RecordFileWriter {
    private var writer = ByteWriter()
    private var offsets: [UInt64] = []

    /// Appends the next document's record.
    mutating func add(_ record: [UInt8]) {
        offsets.append(UInt64(writer.count))
        writer.append(record)
    }

    func body() -> [UInt8] {
        var out = writer
        for offset in offsets { out.u64(offset) }
        out.u64(UInt64(offsets.count))
        return out.bytes
    }
}

/// Finds the records of a mapped record file, checking every bound.
struct RecordFileReader {
    let file: ReadOnlyFile
    let body: Range<Int>
    let docCount: Int
    private let offsetsStart: Int

    init(file: ReadOnlyFile, body: Range<Int>) throws {
        self.file = file
        self.body = body
        guard body.count >= 8 else { throw CorruptIndexError(file: file.path, reason: "too short for a record file") }
        var reader = ByteReader(file.bytes, from: body.upperBound - 8, to: body.upperBound, file: file.path)
        let count = try reader.u64Int()
        guard count <= (body.count - 8) / 8 else {
            throw reader.corrupt("document count \(count) does not fit the file")
        }
        docCount = count
        offsetsStart = body.upperBound - 8 - count * 8
    }

    /// The byte range of document `doc`'s record in the mapped file.
    func record(_ doc: Int) throws -> Range<Int> {
        guard doc >= 0 && doc < docCount else {
            throw CorruptIndexError(file: file.path, reason: "no record for document \(doc)")
        }
        var offsets = ByteReader(
            file.bytes, from: offsetsStart + doc * 8, to: offsetsStart + doc * 8 + 16, file: file.path)
        let start = try body.lowerBound + offsets.u64Int()
        let end = try doc + 1 < docCount ? body.lowerBound + offsets.u64Int() : offsetsStart
        guard start <= end, end <= offsetsStart else {
            throw CorruptIndexError(file: file.path, offset: start, reason: "bad record bounds for document \(doc)")
        }
        return start..<end
    }
}
