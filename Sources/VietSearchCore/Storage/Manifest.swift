/// What the index knows of each source file, so that `index` re-reads only new and changed
/// files and removes the documents of deleted ones. Stored as `<generation>.manifest`:
///
///     Body   --> EntryCount (varint), Entry^EntryCount, RootCount (varint), Root^RootCount
///     Entry  --> Path, Size (varint), Modified (u64, bits of a Double), Hash (u32),
///                RangeCount (varint), <Segment, FirstDoc, DocCount>^RangeCount,
///                RecordCount (varint), RecordHash (u64)^RecordCount
///     Root   --> Path (absolute), Label (the prefix of its files' article ids; empty for
///                the first root)
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

    /// A folder (or file) given to `index`, and the label that prefixes the ids of the
    /// articles of its files (`Label/relative/path.txt`).
    struct Root: Equatable {
        var path: String
        var label: String
    }

    /// Every path given to `index` so far, in the order first given.
    var roots: [Root] = []

    /// The recorded root holding `path` (the longest that does), or nil.
    func root(of path: String) -> Root? {
        roots.filter { path == $0.path || path.hasPrefix($0.path == "/" ? "/" : $0.path + "/") }
            .max { $0.path.count < $1.path.count }
    }

    /// Records `path` as a root when it is new, and returns it: the first root gets the
    /// empty label (a single archive's ids are its files' paths in it), each later one the
    /// shortest ending of its path no other root has as label (`Corpus`, then
    /// `disk2/Corpus`), so that two folders of the same layout give different ids. A
    /// root's label never changes.
    mutating func addRoot(_ path: String) -> Root {
        if let known = roots.first(where: { $0.path == path }) { return known }
        let parts = path.split(separator: "/").map(String.init)
        var label = ""
        if !roots.isEmpty {
            let taken = Set(roots.map(\.label))
            label = parts.last ?? "root"
            var k = 2
            while taken.contains(label) {
                label = k <= parts.count ? parts.suffix(k).joined(separator: "/") : "\(parts.last ?? "root")-\(k)"
                k += 1
            }
        }
        let root = Root(path: path, label: label)
        roots.append(root)
        return root
    }

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
        writer.varint(roots.count)
        for root in roots {
            writer.string(root.path)
            writer.string(root.label)
        }
        return FileFormat.frame(writer.bytes, kind: .manifest, id: id)
    }

    static func read(_ name: String, in directory: any Directory, id: FileID?) throws -> Manifest {
        let file = try directory.map(name)
        let path = file.path
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
        for _ in 0..<(try reader.int()) {
            manifest.roots.append(Root(path: try reader.string(), label: try reader.string()))
        }
        guard reader.offset == body.upperBound else { throw reader.corrupt("bytes after the roots") }
        return manifest
    }
}
