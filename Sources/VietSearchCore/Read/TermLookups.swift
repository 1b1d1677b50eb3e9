/// The dictionary entries one search looks up, per key (a field byte, then the folded
/// term) and segment, each looked up once: the query reader (`IndexSpellings`) and the
/// search's statistics (`Statistics`) ask for the same words, and a lookup scans a
/// dictionary block (about 19,000 instructions, profiled).
final class TermLookups {
    let reader: IndexReader
    private var found: [[UInt8]: [TermInfo?]] = [:]

    init(reader: IndexReader) { self.reader = reader }

    /// Per segment, the entry of `key`; nil where the segment lacks it.
    func infos(_ key: [UInt8]) throws -> [TermInfo?] {
        if let known = found[key] { return known }
        let infos = try reader.segments.map { try $0.lookup(key) }
        found[key] = infos
        return infos
    }
}
