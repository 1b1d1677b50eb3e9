import Synchronization
import VietAnalysis

/// Writes an index in a `Directory`, as Tantivy's and Lucene's writers do: `add` articles
/// (they go into a segment built in memory, written out at the memory budget), `delete`
/// documents of the committed segments, and `commit()` makes all of it visible at once
/// with one atomic replacement of `COMMIT`. Nothing is visible before the commit; a crash
/// at any moment leaves the last commit, whose files are all still there, and the next
/// writer removes what an interrupted one wrote. `optimize()` and the merge policy are in
/// `IndexOptimizer.swift`. One writer at a time: it holds the directory's lock while it
/// lives.
///
/// `FolderSync` (`vietsearch index`) drives a writer from folders of files and keeps the
/// manifest of what each source file gave; the writer keeps the manifest only as part of
/// the commit (remapped by merges).
public final class IndexWriter {
    let directory: any Directory
    private let lock: AnyObject
    /// The commit in the directory: the one whose files stay if this writer fails.
    private(set) var current: Commit?
    /// The commit the next one builds on: `current`, or none when rebuilding.
    private(set) var base: Commit?
    /// When the directory's commit could not be read and a rebuild moved it aside: what
    /// was done, for the user.
    private(set) var recovery: String?

    /// The segment in memory starts a new one after analyzing this many bytes of text: the
    /// memory budget. A builder holds about 4 bytes per byte of text (its syllable pairs
    /// included), and its segment's encoded files while it writes them; with two workers
    /// 64 MB keeps a build of any size under 1 GB of RSS (96 MB did before the pairs had
    /// postings: 1,051 MB for 1.23 GB of JSONL with them; see BENCHMARKS.md).
    var segmentBudget = 64 << 20
    /// After an `index` run, the smallest segments are merged while there are more than
    /// this many (`mergeIfNeeded`).
    var maxSegments = 10
    /// A merged segment holds at most this much text (default: `segmentBudget`): larger
    /// segments are not merged further, as Lucene caps its merged segments. A merge analyses
    /// its text again in one builder, which with its encoded files peaked at 1.18 GB of RSS
    /// for twice the budget (vinews ×10); at the budget it stays within what indexing takes.
    var mergeBudget: Int?
    /// Test hook: runs after the new commit is written but before it is renamed into place.
    var beforeCommitRename: () throws -> Void = {}

    /// Where segments are written, and their numbering, shared by the threads that write
    /// them.
    let output: SegmentOutput
    /// Segments written since the last commit, in the order the commit lists them.
    private var added: [Commit.Segment] = []
    /// Documents of the base's segments to delete, by segment name.
    private var deletions: [String: Set<Int>] = [:]
    /// The segment `add` fills, and the name it will have.
    private var builder: (segment: SegmentBuilder, name: String)?
    private var analyzer: Analyzer?

    /// Opens the index in `directory` for writing (a new one when it has no commit), taking
    /// its lock. With `rebuild`, the next commit starts from no documents (the old files go
    /// once it is in place), and a commit that cannot be read is moved aside as
    /// `COMMIT.damaged` instead of failing. An index of another analyzer version needs
    /// `rebuild`.
    init(directory: any Directory, rebuild: Bool = false) throws {
        self.directory = directory
        lock = try directory.lock()
        var existing: Commit?
        do {
            existing = try Commit.read(from: directory)
        } catch let error where rebuild && (error is CorruptIndexError || error is IndexError) {
            // The advised recovery: a commit that cannot be read is moved aside and the
            // index is built anew; the old files go once the new commit is in place.
            if case IndexError.io = error { throw error }
            let aside = Commit.fileName + ".damaged"
            let damage = error
            do { try directory.rename(Commit.fileName, to: aside) } catch { throw damage }
            recovery =
                "the unreadable commit was moved to \(directory.path(of: aside)) (\(error)); the index is rebuilt"
        }
        if let existing, existing.analyzerVersion != Analyzer.version, !rebuild {
            throw IndexError.analyzerChanged(path: directory.location)
        }
        current = existing
        base = rebuild ? nil : existing
        output = SegmentOutput(directory: directory)
        // Never reuse a segment number whose files may still be there (after a recovery).
        output.next.withLock { $0 = max(existing?.nextSegment ?? 1, highestNumber(prefix: "s") + 1) }
    }

    /// Opens the index at `folder` for writing; it must exist (`FolderSync` creates one).
    public convenience init(folder: String) throws {
        let directory = FileSystemDirectory(folder: folder)
        guard directory.exists(Commit.fileName) else { throw IndexError.missing(path: folder) }
        try self.init(directory: directory)
    }

    /// Adds an article to the segment in memory (written out when it reaches the budget);
    /// returns the segment and the document it will be when committed.
    @discardableResult
    func add(_ article: Article) throws -> (segment: String, doc: Int) {
        let analyzer = try self.analyzer ?? Analyzer()
        self.analyzer = analyzer
        let (segment, name) = builder ?? (SegmentBuilder(), output.reserveName())
        builder = (segment, name)
        let doc = segment.add(article, analyzer: analyzer)
        if segment.textBytes >= segmentBudget { try flush() }
        return (name, doc)
    }

    /// Writes the segment in memory, if any, to the directory (it becomes visible with the
    /// next commit): the articles added next go into a new segment.
    func flush() throws {
        guard let (segment, name) = builder else { return }
        builder = nil
        guard segment.docCount > 0 else { return }
        added.append(try SegmentWriter.write(segment, name: name, to: directory))
    }

    /// The number the next segment written will have.
    var nextSegmentNumber: Int { output.next.withLock { $0 } }

    /// Writes a segment built elsewhere under a new name; `include` adds it to the next
    /// commit.
    func write(_ segment: SegmentBuilder) throws -> Commit.Segment {
        try output.write(segment)
    }

    /// Adds written segments to the next commit, after those already added.
    func include(_ segments: [Commit.Segment]) {
        added += segments
    }

    /// Deletes document `doc` of the committed segment `segment` as of the next commit.
    func delete(segment: String, doc: Int) {
        deletions[segment, default: []].insert(doc)
    }

    /// Deletes every committed live article whose id is `id`; returns how many.
    @discardableResult
    func delete(id: String) throws -> Int {
        guard let base else { return 0 }
        var count = 0
        for (s, segment) in try IndexReader.segments(of: base, in: directory).enumerated() {
            for doc in 0..<segment.docCount where !segment.deleted.contains(doc) {
                if try segment.store.article(doc, withBody: false).id == id {
                    delete(segment: base.segments[s].name, doc: doc)
                    count += 1
                }
            }
        }
        return count
    }

    /// Writes what the next commit needs but `COMMIT` itself: the segment in memory, the
    /// new deletions files and `manifest` (nil: the base's manifest stays). Returns the
    /// commit `install` makes current; until then nothing is visible.
    func prepareCommit(manifest: Manifest? = nil) throws -> Commit {
        try flush()
        let generation = max(current?.generation ?? 0, highestNumber(prefix: "m")) + 1
        var segments: [Commit.Segment] = []
        for var segment in base?.segments ?? [] {
            if let docs = deletions[segment.name], !docs.isEmpty {
                var deleted =
                    try segment.deletes.map {
                        try DeletedDocs.read($0, in: directory, docCount: segment.docs, id: segment.deletesID)
                    }
                    ?? DeletedDocs(docCount: segment.docs)
                let reader = try SegmentReader(
                    directory: directory, name: segment.name, id: segment.id, deleted: deleted)
                for doc in docs.sorted() where !deleted.contains(doc) {
                    deleted.insert(doc)
                    segment.titleTokens -= reader.length(doc, .title)
                    segment.bodyTokens -= reader.length(doc, .body)
                }
                segment.deletedCount = deleted.count
                if deleted.count == segment.docs { continue }
                let name = "\(segment.name).\(generation).del"
                let id = FileID.random()
                try directory.write(deleted.encoded(docCount: segment.docs, id: id), to: name)
                segment.deletes = name
                segment.deletesID = id
            }
            segments.append(segment)
        }
        segments += added
        var manifestName = base?.manifest
        var manifestID = base?.manifestID
        if let manifest {
            manifestName = "m\(generation).manifest"
            manifestID = FileID.random()
            try directory.write(manifest.encoded(id: manifestID!), to: manifestName!)
        }
        return Commit(
            analyzerVersion: Analyzer.version, generation: generation, nextSegment: nextSegmentNumber,
            segments: segments, manifest: manifestName, manifestID: manifestID)
    }

    /// Makes `commit` (from `prepareCommit`) the index's, and removes the files no longer
    /// used. Also when writing fails after the rename (syncing the folder), the new commit
    /// is then the index, and its files stay.
    func install(_ commit: Commit) throws {
        do {
            try commit.write(to: directory, beforeRename: beforeCommitRename)
        } catch {
            if (try? Commit.read(from: directory)) == commit { current = commit }
            throw error
        }
        current = commit
        base = commit
        added = []
        deletions = [:]
        removeUnreferencedFiles()
    }

    /// Whether anything was added or deleted since the last commit.
    var hasChanges: Bool { builder != nil || !added.isEmpty || !deletions.isEmpty }

    /// Commits everything added and deleted since the last commit (`prepareCommit`, then
    /// `install`).
    @discardableResult
    func commit(manifest: Manifest? = nil) throws -> Commit {
        let commit = try prepareCommit(manifest: manifest)
        try install(commit)
        return commit
    }

    /// Forgets what was added and deleted since the last commit, and removes the files it
    /// wrote (a full disk stays usable).
    func rollback() {
        builder = nil
        added = []
        deletions = [:]
        removeUnreferencedFiles()
    }

    /// Deletes files of earlier commits (and of interrupted or failed runs) that the
    /// current commit does not use. Only files with a name the index makes and an index
    /// file's header are ever deleted.
    func removeUnreferencedFiles() {
        let keep = Set((current?.files ?? []) + ["LOCK", Commit.fileName])
        for name in directory.list() where !keep.contains(name) && isOwnFile(name) {
            directory.delete(name)
        }
    }

    /// Whether `name` in the directory is a file the index wrote: its name and header.
    func isOwnFile(_ name: String) -> Bool {
        Self.isIndexFile(name) && directory.carriesHeader(name)
    }

    /// The highest N of the index's own files named `<prefix>N…` (0 when none).
    func highestNumber(prefix: Character) -> Int {
        directory.list().filter { $0.first == prefix && isOwnFile($0) }.compactMap { name in
            Int(name.dropFirst().prefix { $0.isASCIIDigit }.prefix(12))
        }.max() ?? 0
    }

    /// Whether `name` is one the index writes: `s12.terms`, `s12.3.del`, `m3.manifest`,
    /// `COMMIT`, `COMMIT.tmp`.
    static func isIndexFile(_ name: String) -> Bool {
        if name == Commit.fileName || name == Commit.fileName + ".tmp" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        func number(_ part: Substring, after prefix: Character) -> Bool {
            part.first == prefix && part.count > 1 && part.dropFirst().allSatisfy(\.isASCIIDigit)
        }
        switch parts.count {
        case 2 where parts[1] == "manifest": return number(parts[0], after: "m")
        case 2:
            return number(parts[0], after: "s")
                && FileFormat.Kind.segmentFiles.map(\.fileExtension).contains(String(parts[1]))
        case 3:
            return number(parts[0], after: "s") && parts[1].allSatisfy(\.isASCIIDigit) && !parts[1].isEmpty
                && parts[2] == "del"
        default: return false
        }
    }
}

/// The part of a writer that threads building segments at once (`FolderSync`'s workers)
/// share: the directory and the numbering of new segments.
final class SegmentOutput: Sendable {
    let directory: any Directory
    /// The number of the next segment.
    let next = Mutex(1)

    init(directory: any Directory) { self.directory = directory }

    /// A new segment number's name.
    func reserveName() -> String {
        next.withLock { next in
            defer { next += 1 }
            return "s\(next)"
        }
    }

    /// Writes `segment` under a new name; returns it as a commit names it.
    func write(_ segment: SegmentBuilder) throws -> Commit.Segment {
        try SegmentWriter.write(segment, name: reserveName(), to: directory)
    }
}
