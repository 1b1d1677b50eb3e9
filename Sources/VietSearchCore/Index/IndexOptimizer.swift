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
    /// of less than `mergeBudget` of text), without its deleted documents. What was added
    /// or deleted and not committed is committed first.
    public func optimize() throws -> OptimizeSummary {
        if hasChanges { try commit() }
        guard let commit = current else { throw IndexError.missing(path: directory.location) }
        return try merge(Set(commit.segments.map(\.name)))
    }

    /// The merge policy, run after each `index` commit: a segment more than half deleted is
    /// rewritten, and beyond `maxSegments` the smallest segments well below the merge
    /// budget are merged, so that small segments do not pile up, nor deleted documents
    /// (like Lucene's, merged segments are capped: at `mergeBudget` of text).
    func mergeIfNeeded() throws -> OptimizeSummary? {
        guard let commit = current, !hasChanges else { return nil }
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

    /// Rewrites the committed segments named `chosen` (nothing else pending): each live
    /// document's stored article is analysed again into new segments, the manifest is
    /// mapped onto them, and one atomic commit switches over (a crash before it leaves the
    /// old index, whose files are all still there; the next writer removes the new ones).
    func merge(_ chosen: Set<String>) throws -> OptimizeSummary {
        let start = Date()
        precondition(!hasChanges, "a merge rewrites committed segments only: commit first")
        guard let commit = current else { throw IndexError.missing(path: directory.location) }
        let manifest = try commit.manifest.map { try Manifest.read($0, in: directory, id: commit.manifestID) }
        let readers = try IndexReader.segments(of: commit, in: directory)
        var summary = OptimizeSummary(segmentsBefore: commit.segments.count)
        var committed = false
        defer { if !committed { rollback() } }

        let analyzer = try Analyzer()
        let budget = mergeBudget ?? segmentBudget
        var segments = commit.segments.filter { !chosen.contains($0.name) }
        // Old (segment name, document) → new (segment name, document).
        var moved: [String: [Int: (segment: String, doc: Int)]] = [:]
        var builder = SegmentBuilder()
        var pending: [(segment: String, doc: Int)] = []
        func flush() throws {
            guard builder.docCount > 0 else { return }
            let written = try write(builder)
            let name = written.name
            segments.append(written)
            for (doc, old) in pending.enumerated() { moved[old.segment, default: [:]][old.doc] = (name, doc) }
            builder = SegmentBuilder()
            pending = []
        }
        for (s, segment) in readers.enumerated() where chosen.contains(commit.segments[s].name) {
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
        // An index written through `add` alone has no manifest, and gets none.
        var manifestName: String? = nil
        var manifestID: FileID? = nil
        if manifest != nil {
            manifestName = "m\(generation).manifest"
            manifestID = FileID.random()
            try directory.write(mapped.encoded(id: manifestID!), to: manifestName!)
        }
        let optimized = Commit(
            analyzerVersion: commit.analyzerVersion, generation: generation, nextSegment: nextSegmentNumber,
            segments: segments, manifest: manifestName, manifestID: manifestID)
        try install(optimized)
        committed = true
        summary.segmentsAfter = segments.count
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
