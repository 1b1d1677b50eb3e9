/// What the index knows of each source file, so that `index` re-reads only new and changed
/// files and removes the documents of deleted ones. Stored as `<generation>.manifest`:
///
///     Body   --> EntryCount (varint), Entry^EntryCount
///     Entry  --> Path, Size (varint), Modified (u64, bits of a Double), Hash (u32),
///                RangeCount (varint), <Segment, FirstDoc, DocCount>^RangeCount
struct Manifest: Equatable {
    /// Where a source file's documents live: a run of documents in one segment.
    struct DocRange: Equatable {
        var segment: String
        var firstDoc: Int
        var count: Int
    }

    struct Entry: Equatable {
        var size: Int
        var modified: Double
        /// CRC32 of the content: a changed mtime with the same content is not re-indexed.
        var hash: UInt32
        var ranges: [DocRange]
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
            manifest.entries[source] = Entry(size: size, modified: modified, hash: hash, ranges: ranges)
        }
        return manifest
    }
}
