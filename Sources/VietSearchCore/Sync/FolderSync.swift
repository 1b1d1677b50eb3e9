import Dispatch
import VietAnalysis

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// What one `index` run did.
public struct IndexSummary: Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    /// Articles analyzed in this run.
    public var documents = 0
    /// UTF-8 bytes of title and text analyzed in this run.
    public var textBytes = 0
    public var seconds = 0.0
    /// Live documents in the index after the run.
    public var totalDocuments = 0
    public var segments = 0
    public var problems: [InputProblem] = []
    /// The files found and not read as articles, and why: those the scan passed over
    /// (other extensions, README-style, hidden, saved pages' folders), then those that gave
    /// no article (empty, binary, unreadable, no `pdftotext` ...), which are also problems.
    public var skipped: [SkippedFile] = []
}

/// Progress of an `index` run, reported from the worker threads.
public struct IndexProgress: Sendable {
    public var documents: Int
    public var bytesRead: Int
    public var totalBytes: Int
    public var seconds: Double
}

/// Builds or updates the index from folders of source files (`vietsearch index`), driving
/// an `IndexWriter`. Only new and changed files are read (size and mtime first, then a
/// content hash), documents of deleted files are removed, and everything becomes visible
/// at once with one commit, which also records the manifest: what each source file gave.
/// Files are analyzed on all cores: the work is cut, in file order, into batches of about
/// equal size (at least one per core, none over the memory budget), and each batch becomes
/// its own segments, so the same files on the same machine always give the same segments,
/// whatever the threads' timing.
public final class FolderSync {
    /// The index: a `FileSystemDirectory` for `vietsearch index`.
    let directory: any Directory
    public var folder: String { directory.location }
    /// The writer's memory budget of text per segment (`IndexWriter.segmentBudget`).
    var segmentBudget = 64 << 20
    /// The writer's merge policy (`IndexWriter.maxSegments`, `IndexWriter.mergeBudget`).
    var maxSegments = 10
    var mergeBudget: Int?
    /// Whether `index` runs the merge policy after its commit (tests turn it off to keep
    /// the segments they made).
    var mergesAfterCommit = true
    /// Large JSONL files are cut into chunks of about this size, so all cores share them.
    var chunkBytes = 4 << 20
    /// Index files reached through links that lead outside the folders given (they are
    /// skipped and reported otherwise).
    public var followsLinksOutside = false
    /// The keys of JSONL lines that hold each field (`index --field`). A change of mapping
    /// re-reads no file that is unchanged: give `--rebuild` with it.
    public var jsonlFields = JSONLFields.standard
    /// Test hook: runs after the new commit is written but before it is renamed into place.
    var beforeCommitRename: () throws -> Void = {}

    public convenience init(folder: String) {
        self.init(directory: FileSystemDirectory(folder: folder))
    }

    init(directory: any Directory) {
        self.directory = directory
    }

    /// One unit of work for a worker: a whole file, or a chunk of lines of a JSONL file.
    private struct WorkItem: @unchecked Sendable {
        var file: SourceFile
        var key: String
        var previous: Manifest.Entry?
        /// Preloaded bytes (the new lines of a changed JSONL file); nil: the worker reads the
        /// file, or `range` of it.
        var bytes: ArraySlice<UInt8>?
        /// A chunk of whole lines of a large JSONL file, read by the worker: only the chunks
        /// being analysed are in memory, not every file's bytes.
        var range: Range<Int>? = nil
        var firstLine = 1
        var hash: UInt32?
        /// For the new lines of a changed JSONL file: each line's number in the file.
        var lineNumbers: [Int]? = nil
        /// The label of the root the file was found under (`Manifest.Root`), which
        /// prefixes the ids of a file's article.
        var label = ""
    }

    /// What stays of a changed JSONL file's documents: those whose line is still there
    /// (with its hash), and those whose line is gone.
    private struct RecordPlan {
        var file: SourceFile
        /// CRC32 of the file's new content.
        var hash: UInt32
        var kept: [(segment: String, doc: Int, hash: UInt64)] = []
        var gone: [(segment: String, doc: Int)] = []
    }

    /// What a worker did with one item.
    private struct ItemResult {
        var key: String
        var file: SourceFile
        var unchanged = false
        /// The file could not be read: its old documents (if any) stay as they were.
        var unreadable = false
        /// Ids of the articles read from the item, to report ids used twice.
        var ids: [String] = []
        var hash: UInt32 = 0
        var builder = -1
        var firstDoc = 0
        var count = 0
        /// The line hash of each document read (JSONL).
        var recordHashes: [UInt64] = []
        var problems: [InputProblem] = []
        /// Why a whole file gave no article.
        var skipped: String?
    }

    private struct SharedState {
        var next = 0
        var results: [ItemResult] = []
        var builderSegments: [Int: String] = [:]
        var documents = 0
        var bytes = 0
        var written: [String: Commit.Segment] = [:]
        var error: (any Error)?
    }

    /// The workers' shared state, behind a lock.
    private final class Shared: @unchecked Sendable {
        private let lock = Lock()
        private var state = SharedState()

        func withLock<T>(_ body: (inout SharedState) throws -> T) rethrows -> T {
            try lock.withLock { try body(&state) }
        }
    }

    /// Indexes `paths` (files and folders). With `rebuild`, starts from an empty index.
    ///
    /// A path given in an earlier run and missing now (an unmounted disk) keeps its
    /// articles, with a warning, unless `prune`; a missing path never indexed is an error.
    public func update(
        paths: [String], rebuild: Bool = false, prune: Bool = false,
        progress: (@Sendable (IndexProgress) -> Void)? = nil
    ) throws -> IndexSummary {
        let start = Date()
        // Missing paths no earlier run indexed are a usage error: say so before touching
        // anything (the roots an existing index knows are checked once it is read).
        let missing = paths.filter { !FileIO.exists($0) }
        let hadCommit = directory.exists(Commit.fileName)
        if !missing.isEmpty && !hadCommit {
            throw IndexError.nothingIndexed(
                problems: missing.map { InputProblem(file: $0, message: "no such file or folder") })
        }
        let folderDirectory = directory as? FileSystemDirectory
        let created = !(folderDirectory?.folderExists ?? true)
        if !created && !hadCommit {
            // Without a commit, a folder may hold only what an interrupted first run left:
            // the lock and files that carry an index file's header. Anything else is the
            // user's, and is never taken for an index.
            let foreign = directory.list().filter {
                $0 != "LOCK" && $0 != Commit.fileName + ".damaged"
                    && !(IndexWriter.isIndexFile($0) && directory.carriesHeader($0))
            }
            guard foreign.isEmpty else { throw IndexError.notAnIndex(path: folder) }
        }
        try folderDirectory?.create()
        // Nothing is removed until the current commit is known (an unreadable one leaves
        // every file as it is): the writer reads it first.
        let writer = try IndexWriter(directory: directory, rebuild: rebuild)
        writer.segmentBudget = segmentBudget
        writer.maxSegments = maxSegments
        writer.mergeBudget = mergeBudget
        writer.beforeCommitRename = beforeCommitRename
        var committed = false
        defer {
            // A failed run removes the files it wrote (a full disk stays usable); a failed
            // first run leaves no index folder behind.
            if !committed {
                writer.rollback()
                if !hadCommit {
                    directory.delete("LOCK")
                    if created { folderDirectory?.removeIfEmpty() }
                }
            }
        }

        let existing = writer.current
        let old = writer.base
        var manifest =
            try old?.manifest.map { try Manifest.read($0, in: directory, id: old?.manifestID) } ?? Manifest()
        let unknown = missing.filter { path in !manifest.roots.contains { $0.path == Self.absolute(path) } }
        if !unknown.isEmpty {
            throw IndexError.nothingIndexed(
                problems: unknown.map { InputProblem(file: $0, message: "no such file or folder") })
        }
        var summary = IndexSummary()
        let present = paths.filter { FileIO.exists($0) }
        for path in present { _ = manifest.addRoot(Self.absolute(path)) }
        let scan = SourceScanner.scan(present, followingLinksOutside: followsLinksOutside)
        summary.problems = scan.problems
        summary.skipped = scan.skipped
        if let recovered = writer.recovery { summary.problems.append(InputProblem(file: folder, message: recovered)) }
        if scan.files.isEmpty && existing == nil && !present.isEmpty {
            throw IndexError.nothingIndexed(
                problems: scan.problems.isEmpty
                    ? paths.map { InputProblem(file: $0, message: "no \(SourceKind.extensionList) files found") }
                    : scan.problems)
        }

        // Classify: unchanged by size and mtime, or work to do.
        var items: [WorkItem] = []
        var seen = Set<String>()
        var unchangedKeys: [String] = []
        var plans: [String: RecordPlan] = [:]
        for file in scan.files {
            let key = Self.absolute(file.path)
            guard seen.insert(key).inserted else { continue }
            let previous = manifest.entries[key]
            if let previous, previous.size == file.size, previous.modified == file.modified {
                unchangedKeys.append(key)
                continue
            }
            var (fileItems, plan) = try workItems(for: file, key: key, previous: previous)
            let label = manifest.root(of: key)?.label ?? ""
            for i in fileItems.indices { fileItems[i].label = label }
            items.append(contentsOf: fileItems)
            if let plan { plans[key] = plan }
        }
        summary.unchanged = unchangedKeys.count
        // A file not seen goes when it is gone or under a path given now; but the files
        // of a root that is missing (an unmounted disk) stay, unless pruned.
        let roots = present.map { Self.absolute($0) }
        var keptByMissingRoot: [String: Int] = [:]
        var prunedByMissingRoot: [String: Int] = [:]
        let removedKeys = manifest.entries.keys.filter { key in
            guard !seen.contains(key) else { return false }
            if let root = manifest.root(of: key), !FileIO.exists(root.path) {
                let articles = manifest.entries[key]!.ranges.reduce(0) { $0 + $1.count }
                if prune {
                    prunedByMissingRoot[root.path, default: 0] += articles
                    return true
                }
                keptByMissingRoot[root.path, default: 0] += articles
                return false
            }
            return !FileIO.exists(key) || roots.contains { key == $0 || key.hasPrefix($0 + "/") }
        }
        for (root, articles) in keptByMissingRoot.sorted(by: { $0.key < $1.key }) {
            summary.problems.append(
                InputProblem(
                    file: root,
                    message:
                        "missing (an unmounted disk?): its \(articles) article\(articles == 1 ? "" : "s") are kept; index with --prune to remove them"
                ))
        }
        for (root, articles) in prunedByMissingRoot.sorted(by: { $0.key < $1.key }) {
            summary.problems.append(
                InputProblem(
                    file: root,
                    message: "missing: its \(articles) article\(articles == 1 ? " was" : "s were") removed (--prune)"))
        }
        if prune { manifest.roots.removeAll { prunedByMissingRoot[$0.path] != nil || !FileIO.exists($0.path) } }

        // Analyze and build segments on every core.
        let totalBytes = items.reduce(0) { $0 + ($1.bytes?.count ?? $1.range?.count ?? $1.file.size) }
        let state = Shared()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let batches = Self.batches(
            sizes: items.map { $0.bytes?.count ?? $0.range?.count ?? $0.file.size },
            count: max(cores, (totalBytes + segmentBudget - 1) / max(1, segmentBudget)))
        let workers = max(1, min(cores, batches.count))
        let budget = segmentBudget
        let output = writer.output
        let boxedItems = items
        let fields = jsonlFields
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                try Self.work(
                    items: boxedItems, batches: batches, state: state, output: output, budget: budget, start: start,
                    totalBytes: totalBytes, fields: fields, progress: progress)
            } catch {
                state.withLock { $0.error = $0.error ?? error }
            }
        }
        let shared = state.withLock { $0 }
        if let error = shared.error { throw error }

        // Merge what the workers did into the new manifest, deletions and commit.
        var newManifest = manifest
        var deletions: [String: [Int]] = [:]
        func delete(_ entry: Manifest.Entry) {
            for range in entry.ranges {
                deletions[range.segment, default: []].append(
                    contentsOf: range.firstDoc..<(range.firstDoc + range.count))
            }
        }
        for key in removedKeys {
            delete(manifest.entries[key]!)
            newManifest.entries[key] = nil
            summary.removed += 1
        }
        var touched: [String: Manifest.Entry] = [:]
        var unchangedByHash = Set<String>()
        for result in shared.results.sorted(by: { ($0.key, $0.firstDoc) < ($1.key, $1.firstDoc) }) {
            summary.problems.append(contentsOf: result.problems)
            if let reason = result.skipped {
                summary.skipped.append(SkippedFile(path: result.file.path, reason: reason))
            }
            if result.unreadable { continue }
            if result.unchanged {
                unchangedByHash.insert(result.key)
                var entry = manifest.entries[result.key]!
                entry.modified = result.file.modified
                newManifest.entries[result.key] = entry
                continue
            }
            var entry =
                touched[result.key]
                ?? Manifest.Entry(size: result.file.size, modified: result.file.modified, hash: result.hash, ranges: [])
            if result.count > 0, let segment = shared.builderSegments[result.builder] {
                entry.ranges.append(Manifest.DocRange(segment: segment, firstDoc: result.firstDoc, count: result.count))
                entry.records += result.recordHashes
            }
            touched[result.key] = entry
        }
        // A changed JSONL file with nothing new to read: only its gone lines change it.
        for (key, plan) in plans where touched[key] == nil {
            touched[key] = Manifest.Entry(
                size: plan.file.size, modified: plan.file.modified, hash: plan.hash, ranges: [], records: [])
        }
        for (key, var entry) in touched {
            if let plan = plans[key] {
                // Only the lines that changed: the kept documents stay where they are.
                for (segment, doc) in plan.gone { deletions[segment, default: []].append(doc) }
                entry.ranges = Manifest.DocRange.runs(plan.kept.lazy.map { ($0.segment, $0.doc) }) + entry.ranges
                entry.records = plan.kept.map(\.hash) + entry.records
                summary.updated += 1
            } else if let previous = manifest.entries[key] {
                delete(previous)
                summary.updated += 1
            } else {
                summary.added += 1
            }
            newManifest.entries[key] = entry
        }
        summary.unchanged += unchangedByHash.count
        summary.problems += Self.duplicateIDs(in: shared.results)
        summary.documents = shared.documents
        summary.textBytes = shared.bytes

        for (segment, docs) in deletions {
            for doc in docs { writer.delete(segment: segment, doc: doc) }
        }
        writer.include(shared.builderSegments.sorted(by: { $0.key < $1.key }).map { shared.written[$0.value]! })
        let commit = try writer.prepareCommit(manifest: newManifest)
        if commit.liveDocs == 0 && summary.documents == 0 && !summary.problems.isEmpty {
            throw IndexError.nothingIndexed(problems: summary.problems)
        }
        try writer.install(commit)
        committed = true
        do {
            if mergesAfterCommit { _ = try writer.mergeIfNeeded() }
        } catch {
            summary.problems.append(
                InputProblem(file: folder, message: "merging segments failed (\(error)); the index is as committed"))
        }
        let final = writer.current ?? commit

        summary.totalDocuments = final.liveDocs
        summary.segments = final.segments.count
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    /// Articles of this run that share an id (two `tin.txt` under different folders, a JSONL
    /// `id` used twice): both are indexed, but results cannot tell them apart, so say so.
    private static func duplicateIDs(in results: [ItemResult]) -> [InputProblem] {
        var files: [String: [String]] = [:]
        for result in results {
            for id in result.ids { files[id, default: []].append(result.file.path) }
        }
        let duplicated = files.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        var problems = duplicated.prefix(10).map { id, paths in
            let sources = Array(Set(paths)).sorted()
            return InputProblem(
                file: sources[0],
                message:
                    "id '\(id)' is used by \(paths.count) articles (\(sources.joined(separator: ", "))); results cannot tell them apart"
            )
        }
        if duplicated.count > 10 {
            problems.append(
                InputProblem(
                    file: duplicated[10].value[0], message: "\(duplicated.count - 10) more ids are used more than once")
            )
        }
        return problems
    }

    /// The work for one file: a whole file, or a large JSONL file cut into chunks of whole
    /// lines. A changed JSONL file whose lines the manifest knows is reduced to its new
    /// lines; the plan says which of its documents stay and which go.
    private func workItems(for file: SourceFile, key: String, previous: Manifest.Entry?) throws -> (
        [WorkItem], RecordPlan?
    ) {
        guard file.kind == .jsonl, file.size > chunkBytes || !(previous?.records.isEmpty ?? true) else {
            return ([WorkItem(file: file, key: key, previous: previous)], nil)
        }
        let bytes = try FileIO.read(file.path)
        let hash = CRC32.checksum(bytes)
        if let previous, previous.hash == hash, previous.size == bytes.count {
            return ([WorkItem(file: file, key: key, previous: previous, bytes: [], hash: hash)], nil)
        }
        if let previous, !previous.records.isEmpty {
            var known: [UInt64: [(segment: String, doc: Int)]] = [:]
            for (document, hash) in zip(previous.documents, previous.records) {
                known[hash, default: []].append(document)
            }
            var plan = RecordPlan(file: file, hash: hash)
            var items: [WorkItem] = []
            var chunk: [UInt8] = []
            var numbers: [Int] = []
            func cut() {
                guard !numbers.isEmpty else { return }
                items.append(
                    WorkItem(
                        file: file, key: key, previous: previous, bytes: chunk[...], hash: hash, lineNumbers: numbers))
                chunk = []
                numbers = []
            }
            JSONLReader.forEachLine(bytes) { line, number in
                let h = JSONLReader.lineHash(line)
                if var documents = known[h], !documents.isEmpty {
                    let document = documents.removeFirst()
                    known[h] = documents
                    plan.kept.append((document.segment, document.doc, h))
                } else {
                    chunk.append(contentsOf: line)
                    chunk.append(0x0A)
                    numbers.append(number)
                    if chunk.count >= chunkBytes { cut() }
                }
            }
            cut()
            plan.gone = known.values.flatMap { $0 }
            return (items, plan)
        }
        var items: [WorkItem] = []
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = min(start + chunkBytes, bytes.count)
            while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
            let chunk = bytes[start..<end]
            items.append(
                WorkItem(file: file, key: key, previous: previous, range: start..<end, firstLine: line, hash: hash))
            line += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            start = end
        }
        return (items, nil)
    }

    /// `sizes` cut, in order, into at most `count` runs of about equal total (none empty).
    static func batches(sizes: [Int], count: Int) -> [Range<Int>] {
        guard !sizes.isEmpty else { return [] }
        let count = max(1, min(count, sizes.count))
        let total = max(1, sizes.reduce(0, +))
        var runs: [Range<Int>] = []
        var start = 0
        var sum = 0
        for (i, size) in sizes.enumerated() {
            sum += size
            // Cut when this run reaches its share, leaving an item for each run still to come.
            let share = total * (runs.count + 1) / count
            if runs.count < count - 1, sum >= share, sizes.count - (i + 1) >= count - runs.count - 1 {
                runs.append(start..<(i + 1))
                start = i + 1
            }
        }
        if start < sizes.count { runs.append(start..<sizes.count) }
        return runs
    }

    /// Analyzes batches of `items` until none is left: each batch, in order, into a builder
    /// of its own, written as a segment at its end and whenever it reaches `budget`.
    private static func work(
        items: [WorkItem], batches: [Range<Int>], state: Shared, output: SegmentOutput, budget: Int, start: Date,
        totalBytes: Int, fields: JSONLFields, progress: (@Sendable (IndexProgress) -> Void)?
    ) throws {
        let analyzer = try Analyzer()
        var builder = SegmentBuilder()
        // A batch's builders are numbered after it (`batch << 20`, then one up per flush),
        // which orders the commit's segments as the files are.
        var builderID = 0
        func flush() throws {
            guard builder.docCount > 0 else { return }
            let segment = try output.write(builder)
            state.withLock {
                $0.builderSegments[builderID] = segment.name
                $0.written[segment.name] = segment
            }
        }
        while true {
            let batch: Int? = state.withLock { s -> Int? in
                guard s.next < batches.count, s.error == nil else { return nil }
                defer { s.next += 1 }
                return s.next
            }
            guard let batch else { break }
            builder = SegmentBuilder()
            builderID = batch << 20
            try analyze(batches[batch])
            try flush()
        }

        func analyze(_ batch: Range<Int>) throws {
            for index in batch {
                let item = items[index]
                var result = ItemResult(key: item.key, file: item.file)
                let bytes: [UInt8]
                if let preloaded = item.bytes {
                    bytes = Array(preloaded)
                    result.hash = item.hash ?? 0
                } else if let range = item.range {
                    do {
                        bytes = try FileIO.read(item.file.path, range: range)
                    } catch {
                        state.withLock { $0.error = $0.error ?? error }
                        break
                    }
                    result.hash = item.hash ?? 0
                } else {
                    do {
                        bytes = try FileIO.read(item.file.path)
                    } catch {
                        var reason = "\(error)"
                        if case .io(_, let why) = error { reason = why }
                        result.problems.append(
                            InputProblem(file: item.file.path, message: "cannot read (\(reason)); kept as it was"))
                        result.unreadable = true
                        result.skipped = "cannot read (\(reason))"
                        state.withLock { $0.results.append(result) }
                        continue
                    }
                    result.hash = CRC32.checksum(bytes)
                }
                if let previous = item.previous, previous.hash == result.hash, previous.size == item.file.size {
                    result.unchanged = true
                    if (item.bytes == nil && item.range == nil) || item.firstLine == 1 {
                        state.withLock { $0.results.append(result) }
                    }
                    continue
                }
                let read = ArticleReader.readRecords(item.file, bytes: bytes, fields: fields)
                result.recordHashes = read.hashes
                // A file read whole (not lines of a JSONL file) that gave nothing.
                if item.range == nil && item.bytes == nil { result.skipped = read.skipped }
                result.unreadable = read.retry
                // Lines of the item are lines of the file: a chunk starts at `firstLine`, the
                // new lines of a changed file are each numbered.
                result.problems = read.problems.map { problem in
                    var problem = problem
                    problem.line = problem.line.map { item.lineNumbers?[$0 - 1] ?? $0 + item.firstLine - 1 }
                    return problem
                }
                result.builder = builderID
                result.firstDoc = builder.docCount
                var textBytes = 0
                // A file's articles are known by their folder and, after the first root, by
                // ids the root's label prefixes; a JSONL record keeps its own id.
                let folder = item.file.kind == .jsonl ? nil : Self.absolute(item.file.folder)
                for var article in read.articles {
                    if let folder {
                        article.folder = folder
                        if !item.label.isEmpty { article.id = item.label + "/" + article.id }
                    }
                    builder.add(article, analyzer: analyzer)
                    textBytes += article.title.utf8.count + article.body.utf8.count
                    result.ids.append(article.id)
                }
                result.count = read.articles.count
                let snapshot: IndexProgress = state.withLock {
                    $0.results.append(result)
                    $0.documents += read.articles.count
                    $0.bytes += textBytes
                    return IndexProgress(
                        documents: $0.documents, bytesRead: $0.bytes, totalBytes: totalBytes,
                        seconds: Date().timeIntervalSince(start))
                }
                progress?(snapshot)
                if builder.textBytes >= budget {
                    try flush()
                    builder = SegmentBuilder()
                    builderID += 1
                }
            }
        }
    }

    /// The absolute path, `.` and `..` removed, links kept: a file reached through a link
    /// is known by the link, so that removing the link removes its article.
    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var result = url.path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
