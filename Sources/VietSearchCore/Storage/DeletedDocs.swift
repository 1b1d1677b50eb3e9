/// The documents of a segment that later commits removed (their files changed or went
/// away). Stored as `<segment>.<generation>.del`:
///
///     Body --> DocCount (u64), Bitset (one bit per document, bit set = deleted)
struct DeletedDocs: Sendable {
    private(set) var bits: [UInt8]
    private(set) var count: Int

    init(docCount: Int) {
        bits = [UInt8](repeating: 0, count: (docCount + 7) / 8)
        count = 0
    }

    @inline(__always)
    func contains(_ doc: Int) -> Bool {
        let byte = doc >> 3
        return byte < bits.count && bits[byte] & (1 << UInt8(doc & 7)) != 0
    }

    mutating func insert(_ doc: Int) {
        guard !contains(doc), doc >> 3 < bits.count else { return }
        bits[doc >> 3] |= 1 << UInt8(doc & 7)
        count += 1
    }

    func encoded(docCount: Int, id: FileID) -> [UInt8] {
        var writer = ByteWriter()
        writer.u64(UInt64(docCount))
        writer.append(bits)
        return FileFormat.frame(writer.bytes, kind: .deletes, id: id)
    }

    static func read(_ name: String, in directory: any Directory, docCount: Int, id: FileID?) throws -> DeletedDocs {
        let file = try directory.map(name)
        let path = file.path
        let body = try FileFormat.body(of: file.bytes, kind: .deletes, file: path, id: id)
        try FileFormat.verifyChecksum(of: file.bytes, file: path)
        var reader = ByteReader(file.bytes, from: body.lowerBound, to: body.upperBound, file: path)
        guard try reader.u64Int() == docCount, body.count - 8 == (docCount + 7) / 8 else {
            throw reader.corrupt("deletions do not match the segment's \(docCount) documents")
        }
        var deleted = DeletedDocs(docCount: docCount)
        for doc in 0..<docCount where file.bytes[body.lowerBound + 8 + doc >> 3] & (1 << UInt8(doc & 7)) != 0 {
            deleted.insert(doc)
        }
        return deleted
    }
}
