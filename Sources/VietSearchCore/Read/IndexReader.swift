import Synchronization

/// A snapshot of an index: the segments named by its commit, opened lazily through memory
/// maps (`Directory.map`). Searches never block on a writer: a writer's new files become
/// visible only with its next commit, and a reader keeps the files it has mapped.
public final class IndexReader: @unchecked Sendable {
    /// The index's folder (for a `MemoryDirectory`, its location).
    public var folder: String { directory.location }
    let directory: any Directory
    let commit: Commit
    let segments: [SegmentReader]
    /// What searches compute once per open index (see `directiveCatalog()`).
    let cache = Mutex(ReaderCache())

    struct ReaderCache {
        var directiveCatalog: DirectiveCatalog?
        /// Every live article's id and document (see `lookUpArticle(id:)`).
        var articleAddresses: [String: DocAddress]?
    }

    /// Opens the current commit of the index at `folder`.
    public convenience init(folder: String) throws {
        try self.init(directory: FileSystemDirectory(folder: folder))
    }

    /// Opens the current commit of the index in `directory`.
    init(directory: any Directory) throws {
        self.directory = directory
        var attempt = 0
        while true {
            guard let commit = try Commit.read(from: directory) else {
                throw IndexError.missing(path: directory.location)
            }
            do {
                self.segments = try Self.segments(of: commit, in: directory)
                self.commit = commit
                return
            } catch IndexError.io where attempt < 3 && (try? Commit.read(from: directory)) != commit {
                // A writer committed and removed an old file between our reads: retry.
                attempt += 1
            }
        }
    }

    /// Opens the segments of `commit`, with their deletions.
    static func segments(of commit: Commit, in directory: any Directory) throws -> [SegmentReader] {
        try commit.segments.map { segment in
            let deleted =
                try segment.deletes.map {
                    try DeletedDocs.read($0, in: directory, docCount: segment.docs, id: segment.deletesID)
                }
                ?? DeletedDocs(docCount: segment.docs)
            return try SegmentReader(directory: directory, name: segment.name, id: segment.id, deleted: deleted)
        }
    }

    /// Live documents.
    public var documentCount: Int { commit.liveDocs }

    /// The commit's generation: each commit of a writer has a higher one.
    public var generation: Int { commit.generation }

    var averageTitleLength: Double {
        let docs = max(1, commit.liveDocs)
        return max(1, Double(commit.segments.reduce(0) { $0 + $1.titleTokens }) / Double(docs))
    }

    var averageBodyLength: Double {
        let docs = max(1, commit.liveDocs)
        return max(1, Double(commit.segments.reduce(0) { $0 + $1.bodyTokens }) / Double(docs))
    }

    /// The stored article of a document (without `withBody`, its text left empty: decoding
    /// it was a ninth of a search that shows no snippet, profiled).
    func article(_ address: DocAddress, withBody: Bool = true) throws -> Article {
        try segments[address.segment].store.article(address.doc, withBody: withBody)
    }
}

/// A document in a reader: its segment's ordinal and its number in that segment.
public struct DocAddress: Hashable, Sendable {
    public var segment: Int
    public var doc: Int
}
