/// Per-document values that filters and sorting read while a search evaluates (as Tantivy's
/// fast fields and Lucene's doc values are), one column each: the date and the source
/// (`Article.sourceName`). The `.cols` file body:
///
///     Body    --> DocCount (u64), Date^DocCount (u32: year * 10000 + month * 100 + day,
///                 0 for none), SourceCount (VInt), Source^SourceCount (length-prefixed UTF-8,
///                 ascending bytes), SourceOrdinal^DocCount (u32: 1 + the source's ordinal,
///                 0 for none), DatedCount (u64), ByDate^DocCount (u32 documents: the dated
///                 ones newest first, equal days by document, then the undated by document)
struct ColumnsWriter {
    private var dates: [UInt32] = []
    private var sourceOrdinals: [Int32] = []
    private var sources: [String] = []
    private var sourceIDs: [String: Int32] = [:]

    mutating func add(_ article: Article) {
        dates.append(article.date.flatMap(ArticleDate.init(iso:))?.value ?? 0)
        guard let name = article.sourceName else {
            sourceOrdinals.append(-1)
            return
        }
        if let id = sourceIDs[name] {
            sourceOrdinals.append(id)
        } else {
            sourceIDs[name] = Int32(sources.count)
            sourceOrdinals.append(Int32(sources.count))
            sources.append(name)
        }
    }

    func body() -> [UInt8] {
        let order = sources.indices.sorted { sources[$0].utf8.lexicographicallyPrecedes(sources[$1].utf8) }
        var ordinal = [UInt32](repeating: 0, count: sources.count)
        for (rank, id) in order.enumerated() { ordinal[id] = UInt32(rank) + 1 }
        var out = ByteWriter(capacity: dates.count * 8 + 16)
        out.u64(UInt64(dates.count))
        for date in dates { out.u32(date) }
        out.varint(sources.count)
        for id in order { out.string(sources[id]) }
        for id in sourceOrdinals { out.u32(id < 0 ? 0 : ordinal[Int(id)]) }
        let byDate = dates.indices.sorted { a, b in
            dates[a] != dates[b] ? dates[a] > dates[b] : a < b
        }
        out.u64(UInt64(dates.count { $0 != 0 }))
        for doc in byDate { out.u32(UInt32(doc)) }
        return out.bytes
    }
}

/// Reads a mapped `.cols` file: checked whole when the segment opens (it is small).
struct ColumnsReader {
    let file: ReadOnlyFile
    private let datesStart: Int
    private let ordinalsStart: Int
    private let byDateStart: Int
    /// How many documents have a date (the first of `byDate`).
    let datedCount: Int
    /// Where each of the segment's sources lies in the file (UTF-8), ascending by name; a
    /// document's source ordinal indexes them. Decoded on demand (`source(_:)`): an archive
    /// whose every article names its own source (vinews: 35,431) spent 18 % of a whole
    /// `search` process making them all strings when the index opened.
    private let sourceRanges: [Range<Int>]
    var sourceCount: Int { sourceRanges.count }

    /// The source of ordinal `ordinal` (`sourceOrdinal`).
    func source(_ ordinal: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[sourceRanges[ordinal]]), as: UTF8.self)
    }

    init(file: ReadOnlyFile, body: Range<Int>, docCount: Int) throws {
        self.file = file
        try FileFormat.verifyChecksum(of: file.bytes, file: file.path)
        var reader = ByteReader(file.bytes, from: body.lowerBound, to: body.upperBound, file: file.path)
        guard try reader.u64Int() == docCount else {
            throw reader.corrupt("columns of another document count than the segment's \(docCount)")
        }
        datesStart = reader.offset
        _ = try reader.bytes(docCount * 4)
        let count = try reader.int()
        guard count <= docCount else { throw reader.corrupt("more sources than documents") }
        var sourceRanges: [Range<Int>] = []
        sourceRanges.reserveCapacity(count)
        for _ in 0..<count {
            let length = try reader.int()
            let start = reader.offset
            _ = try reader.bytes(length)
            sourceRanges.append(start..<(start + length))
        }
        self.sourceRanges = sourceRanges
        ordinalsStart = reader.offset
        _ = try reader.bytes(docCount * 4)
        datedCount = try reader.u64Int()
        byDateStart = reader.offset
        guard datedCount <= docCount, body.upperBound - byDateStart == docCount * 4 else {
            throw reader.corrupt("date order of the wrong length")
        }
        self.docCount = docCount
    }

    private let docCount: Int

    /// The document at `rank` of the date order (the dated newest first, then the
    /// undated); nil when the file names no document of the segment there.
    @inline(__always)
    func doc(byDate rank: Int) -> Int? {
        let doc = Int(
            UInt32(littleEndian: file.bytes.loadUnaligned(fromByteOffset: byDateStart + rank * 4, as: UInt32.self)))
        return doc < docCount ? doc : nil
    }

    /// The document's date as `ArticleDate.value` (0: none).
    @inline(__always)
    func date(_ doc: Int) -> UInt32 {
        UInt32(littleEndian: file.bytes.loadUnaligned(fromByteOffset: datesStart + doc * 4, as: UInt32.self))
    }

    /// The index into `sources` of the document's source, nil when it has none (or the
    /// file names no source there).
    @inline(__always)
    func sourceOrdinal(_ doc: Int) -> Int? {
        let value = UInt32(
            littleEndian: file.bytes.loadUnaligned(fromByteOffset: ordinalsStart + doc * 4, as: UInt32.self))
        return value == 0 || value > sourceRanges.count ? nil : Int(value) - 1
    }
}

/// A day as one comparable number, `year * 10000 + month * 100 + day` (2024-07-05 is
/// 20240705), read from `YYYY-MM-DD`.
public struct ArticleDate: Comparable, Sendable, CustomStringConvertible {
    public let value: UInt32

    /// The day `text` names: `YYYY-MM-DD`, `YYYY-MM` (its first day) or `YYYY` (its first
    /// day); nil for anything else or a day the month lacks.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            let year = Int(parts[0])
        else { return nil }
        let month = parts.count > 1 ? Int(parts[1]) : 1
        let day = parts.count > 2 ? Int(parts[2]) : 1
        guard let month, let day, let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        value = UInt32(date.year * 10000 + date.month * 100 + date.day)
    }

    /// The last day that `text` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) names: what `--until`
    /// includes.
    public init?(isoEnd text: String) {
        guard let first = ArticleDate(iso: text) else { return nil }
        let parts = text.split(separator: "-").count
        let year = first.year
        let month = parts == 1 ? 12 : first.month
        let day = parts == 3 ? first.day : CalendarDate.days(inMonth: month, year: year)
        value = UInt32(year * 10000 + month * 100 + day)
    }

    public var year: Int { Int(value / 10000) }
    var month: Int { Int(value / 100 % 100) }
    var day: Int { Int(value % 100) }

    public var description: String { CalendarDate(year: year, month: month, day: day)?.iso ?? "\(value)" }

    public static func < (a: ArticleDate, b: ArticleDate) -> Bool { a.value < b.value }
}
