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
    /// Rewrites the index as few segments as the merge budget allows (one, for an archive
    /// of less than `mergeBudget` of text), without its deleted documents.
    public func optimize() throws -> OptimizeSummary {
        guard FileIO.exists(folder + "/" + Commit.fileName) else { throw IndexError.missing(path: folder) }
        let lock = try WriterLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        guard let commit = try Commit.read(folder: folder) else { throw IndexError.missing(path: folder) }
        return try merge(Set(commit.segments.map(\.name)))
    }

    /// The merge policy, run after each `index` commit: a segment more than half deleted is
    /// rewritten, and beyond `maxSegments` the smallest segments well below the merge
    /// budget are merged, so that small segments do not pile up, nor deleted documents
    /// (like Lucene's, merged segments are capped: at `mergeBudget` of text).
    func mergeIfNeeded() throws -> OptimizeSummary? {
        guard let commit = try Commit.read(folder: folder) else { return nil }
        var chosen = Set(commit.segments.filter { $0.deletedCount * 2 > $0.docs }.map(\.name))
        let rest = commit.segments.filter { !chosen.contains($0.name) }
        // Only segments well below the merge budget are merged for their number (about 12
        // bytes of text per syllable counted here leaves room for the merged text): full
        // ones stay, so a small run never rewrites the archive.
        let small = rest.filter { $0.titleTokens + $0.bodyTokens < (mergeBudget ?? segmentBudget) / 12 }
        if rest.count > maxSegments && small.count >= 2 {
            let smallest = small.sorted {
                ($0.titleTokens + $0.bodyTokens, $0.name) < ($1.titleTokens + $1.bodyTokens, $1.name)
            }
            chosen.formUnion(smallest.prefix(min(small.count, rest.count - maxSegments + 1)).map(\.name))
        }
        guard !chosen.isEmpty,
            chosen.count > 1
                || commit.segments.contains(where: {
                    chosen.contains($0.name) && $0.deletedCount > 0
                })
        else { return nil }
        return try merge(chosen)
    }

    /// Rewrites the segments named `chosen` (the writer lock held): each live document's
    /// stored article is analysed again into new segments, the manifest is mapped onto
    /// them, and one atomic commit switches over (a crash before it leaves the old index,
    /// whose files are all still there; the next run removes the new ones).
    func merge(_ chosen: Set<String>) throws -> OptimizeSummary {
        let start = Date()
        guard let commit = try Commit.read(folder: folder) else { throw IndexError.missing(path: folder) }
        let manifest = try commit.manifest.map { try Manifest.read(path: folder + "/" + $0, id: commit.manifestID) }
        let reader = try IndexReader(folder: folder)
        var summary = OptimizeSummary(segmentsBefore: commit.segments.count)
        var committed = false
        var kept: Commit? = commit
        defer { if !committed { removeUnreferencedFiles(keeping: kept) } }

        let analyzer = try Analyzer()
        let budget = mergeBudget ?? segmentBudget
        var next = max(commit.nextSegment, highestNumber(prefix: "s") + 1)
        var segments = commit.segments.filter { !chosen.contains($0.name) }
        // Old (segment name, document) → new (segment name, document).
        var moved: [String: [Int: (segment: String, doc: Int)]] = [:]
        var builder = SegmentBuilder()
        var pending: [(segment: String, doc: Int)] = []
        func flush() throws {
            guard builder.docCount > 0 else { return }
            let name = "s\(next)"
            next += 1
            segments.append(try SegmentWriter.write(builder, name: name, folder: folder))
            for (doc, old) in pending.enumerated() { moved[old.segment, default: [:]][old.doc] = (name, doc) }
            builder = SegmentBuilder()
            pending = []
        }
        for (s, segment) in reader.segments.enumerated() where chosen.contains(commit.segments[s].name) {
            for doc in 0..<segment.docCount {
                guard !segment.deleted.contains(doc) else {
                    summary.purged += 1
                    continue
                }
                _ = builder.add(try segment.store.article(doc), analyzer: analyzer)
                pending.append((commit.segments[s].name, doc))
                summary.documents += 1
                if builder.textBytes >= budget { try flush() }
            }
        }
        try flush()

        // The manifest, mapped document by document (its documents are all live).
        let generation = max(commit.generation, highestNumber(prefix: "m")) + 1
        var mapped = Manifest()
        mapped.roots = manifest?.roots ?? []
        for (path, entry) in manifest?.entries ?? [:] {
            var documents: [(segment: String, doc: Int)] = []
            var records: [UInt64] = []
            for (r, document) in entry.documents.enumerated() {
                let new = chosen.contains(document.segment) ? moved[document.segment]?[document.doc] : document
                guard let new else { continue }
                documents.append(new)
                if !entry.records.isEmpty { records.append(entry.records[r]) }
            }
            mapped.entries[path] = Manifest.Entry(
                size: entry.size, modified: entry.modified, hash: entry.hash,
                ranges: Manifest.DocRange.runs(documents), records: records)
        }
        let manifestName = "m\(generation).manifest"
        let manifestID = FileID.random()
        try FileIO.write(mapped.encoded(id: manifestID), to: folder + "/" + manifestName)
        let optimized = Commit(
            analyzerVersion: commit.analyzerVersion, generation: generation, nextSegment: next, segments: segments,
            manifest: manifestName, manifestID: manifestID)
        try install(optimized, keeping: &kept)
        committed = true
        removeUnreferencedFiles(keeping: optimized)
        summary.segmentsAfter = segments.count
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
