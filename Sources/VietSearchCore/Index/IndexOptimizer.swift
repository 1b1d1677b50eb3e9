import Dispatch
import VietAnalysis

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What `IndexWriter.optimize()` did.
public struct OptimizeSummary: Sendable {
    public var segmentsBefore = 0
    public var segmentsAfter = 0
    /// Deleted documents purged.
    public var purged = 0
    /// Live documents rewritten.
    public var documents = 0
    public var seconds = 0.0
}

extension IndexWriter {
    /// Rewrites the index as few segments as the memory budget allows (one, for an archive
    /// of less than `segmentBudget` of text), without its deleted documents: each live
    /// document's stored article is analysed again into the new segments, the manifest is
    /// mapped onto them, and one atomic commit switches over (a crash before it leaves the
    /// old index, whose files are all still there; the next run removes the new ones).
    public func optimize() throws -> OptimizeSummary {
        let start = Date()
        guard FileIO.exists(folder + "/" + Commit.fileName) else { throw IndexError.missing(path: folder) }
        let lock = try WriterLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        guard let commit = try Commit.read(folder: folder) else { throw IndexError.missing(path: folder) }
        let manifest = try commit.manifest.map { try Manifest.read(path: folder + "/" + $0, id: commit.manifestID) }
        let reader = try IndexReader(folder: folder)
        var summary = OptimizeSummary(segmentsBefore: commit.segments.count)
        var committed = false
        defer { if !committed { removeUnreferencedFiles(keeping: commit) } }

        let analyzer = try Analyzer()
        var next = max(commit.nextSegment, highestNumber(prefix: "s") + 1)
        var segments: [Commit.Segment] = []
        // Old (segment name, document) → new (segment name, document).
        var moved: [String: [Int: (segment: String, doc: Int)]] = [:]
        var builder = SegmentBuilder()
        var pending: [(segment: String, doc: Int)] = []
        func flush() throws {
            guard builder.docCount > 0 else { return }
            let name = "s\(next)"
            next += 1
            let id = FileID.random()
            _ = try SegmentWriter.write(builder, name: name, id: id, folder: folder)
            for (doc, old) in pending.enumerated() { moved[old.segment, default: [:]][old.doc] = (name, doc) }
            segments.append(
                Commit.Segment(
                    name: name, id: id, docs: builder.docCount, deletes: nil, deletesID: nil, deletedCount: 0,
                    titleTokens: builder.titleLengths.reduce(0) { $0 + Int($1) },
                    bodyTokens: builder.bodyLengths.reduce(0) { $0 + Int($1) }))
            builder = SegmentBuilder()
            pending = []
        }
        for (s, segment) in reader.segments.enumerated() {
            for doc in 0..<segment.docCount {
                guard !segment.deleted.contains(doc) else {
                    summary.purged += 1
                    continue
                }
                _ = builder.add(try segment.store.article(doc), analyzer: analyzer)
                pending.append((commit.segments[s].name, doc))
                summary.documents += 1
                if builder.textBytes >= segmentBudget { try flush() }
            }
        }
        try flush()

        // The manifest, mapped document by document (its documents are all live).
        let generation = max(commit.generation, highestNumber(prefix: "m")) + 1
        var mapped = Manifest()
        for (path, entry) in manifest?.entries ?? [:] {
            var ranges: [Manifest.DocRange] = []
            var records: [UInt64] = []
            var r = 0
            for range in entry.ranges {
                for doc in range.firstDoc..<(range.firstDoc + range.count) {
                    defer { r += 1 }
                    guard let new = moved[range.segment]?[doc] else { continue }
                    if !entry.records.isEmpty { records.append(entry.records[r]) }
                    if let last = ranges.last, last.segment == new.segment, last.firstDoc + last.count == new.doc {
                        ranges[ranges.count - 1].count += 1
                    } else {
                        ranges.append(Manifest.DocRange(segment: new.segment, firstDoc: new.doc, count: 1))
                    }
                }
            }
            mapped.entries[path] = Manifest.Entry(
                size: entry.size, modified: entry.modified, hash: entry.hash, ranges: ranges, records: records)
        }
        let manifestName = "m\(generation).manifest"
        let manifestID = FileID.random()
        try FileIO.write(mapped.encoded(id: manifestID), to: folder + "/" + manifestName)
        let optimized = Commit(
            analyzerVersion: commit.analyzerVersion, generation: generation, nextSegment: next, segments: segments,
            manifest: manifestName, manifestID: manifestID)
        do {
            try optimized.write(folder: folder, beforeRename: beforeCommitRename)
        } catch {
            if (try? Commit.read(folder: folder)) == optimized { committed = true }
            throw error
        }
        committed = true
        removeUnreferencedFiles(keeping: optimized)
        summary.segmentsAfter = segments.count
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
