/// What the index knows of each source file, so that `index` re-reads only new and changed
/// files and removes the documents of deleted ones. Stored as `<generation>.manifest`:
///
///     Body   --> EntryCount (varint), Entry^EntryCount
///     Entry  --> Path, Size (varint), Modified (u64, bits of a Double), Hash (u32),
///                RangeCount (varint), <Segment, FirstDoc, DocCount>^RangeCount,
///                RecordCount (varint), RecordHash (u64)^RecordCount
struct Manifest: Equatable {
    /// Where a source file's documents live: a run of documents in one segment.
    struct DocRange: Equatable {
        var segment: String
        var firstDoc: Int
        var count: Int

        /// `documents`, in order, as runs of consecutive documents of one segment.
        static func runs(_ documents: some Sequence<(segment: String, doc: Int)>) -> [DocRange] {
            var runs: [DocRange] = []
            for (segment, doc) in documents {
                if let last = runs.last, last.segment == segment, last.firstDoc + last.count == doc {
                    runs[runs.count - 1].count += 1
                } else {
                    runs.append(DocRange(segment: segment, firstDoc: doc, count: 1))
                }
            }
            return runs
        }
    }

    struct Entry: Equatable {
        var size: Int
        var modified: Double
        /// CRC32 of the content: a changed mtime with the same content is not re-indexed.
        var hash: UInt32
        var ranges: [DocRange]
        /// For a JSONL file, the content hash of the line each document came from, in the
        /// order of `ranges`' documents: a changed file re-reads only its new lines.
        var records: [UInt64] = []

        /// The documents of `ranges`, in order.
        var documents: [(segment: String, doc: Int)] {
            ranges.flatMap { range in (range.firstDoc..<(range.firstDoc + range.count)).map { (range.segment, $0) } }
        }
    }

    var entries: [String: Entry] = [:]

    func encoded(id: FileID) -> [UInt8] {
        var writer = ByteWriter()
        writer.varint(entries.count)
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            writer.string(path)
            writer.varint(entry.size)
            writer.u64(entry.modified.bitPattern)
            writer.u32(entry.hash)
            writer.varint(entry.ranges.count)
            for range in entry.ranges {
                writer.string(range.segment)
                writer.varint(range.firstDoc)
                writer.varint(range.count)
            }
            writer.varint(entry.records.count)
            for record in entry.records { writer.u64(record) }
        }
        return FileFormat.frame(writer.bytes, kind: .manifest, id: id)
    }

    static func read(path: String, id: FileID?) throws -> Manifest {
        let file = try MappedFile(path: path)
        let body = try FileFormat.body(of: file.bytes, kind: .manifest, file: path, id: id)
        try FileFormat.verifyChecksum(of: file.bytes, file: path)
        var reader = ByteReader(file.bytes, from: body.lowerBound, to: body.upperBound, file: path)
        var manifest = Manifest()
        for _ in 0..<(try reader.int()) {
            let source = try reader.string()
            let size = try reader.int()
            let modified = Double(bitPattern: try reader.u64())
            let hash = try reader.u32()
            var ranges: [DocRange] = []
            for _ in 0..<(try reader.int()) {
                ranges.append(
                    DocRange(segment: try reader.string(), firstDoc: try reader.int(), count: try reader.int()))
            }
            var records: [UInt64] = []
            for _ in 0..<(try reader.int()) { records.append(try reader.u64()) }
            guard records.isEmpty || records.count == ranges.reduce(0, { $0 + $1.count }) else {
                throw reader.corrupt("record hashes do not match the documents of '\(source)'")
            }
            manifest.entries[source] = Entry(
                size: size, modified: modified, hash: hash, ranges: ranges, records: records)
        }
        return manifest
    }
}
