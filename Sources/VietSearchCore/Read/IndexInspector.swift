/// Figures about an index, for `vietsearch stats`.
public struct IndexStatistics: Sendable {
    public var documents: Int
    public var deletedDocuments: Int
    /// Dictionary entries summed over segments (a term in the title and in the body counts twice).
    public var terms: Int
    public var segments: Int
    /// Bytes on disk per file kind (its extension), and in total.
    public var bytesByKind: [String: Int]
    public var totalBytes: Int { bytesByKind.values.reduce(0, +) }
}

/// Reads an index's figures and verifies it end to end.
public enum IndexInspector {
    public static func statistics(folder: String) throws -> IndexStatistics {
        try statistics(of: FileSystemDirectory(folder: folder))
    }

    static func statistics(of directory: any Directory) throws -> IndexStatistics {
        let reader = try IndexReader(directory: directory)
        var bytes: [String: Int] = [:]
        for name in reader.commit.files {
            let kind = name == Commit.fileName ? "commit" : String(name.split(separator: ".").last ?? "")
            bytes[kind, default: 0] += directory.size(of: name)
        }
        return IndexStatistics(
            documents: reader.documentCount,
            deletedDocuments: reader.commit.segments.reduce(0) { $0 + $1.deletedCount },
            terms: reader.segments.reduce(0) { $0 + $1.termCount }, segments: reader.segments.count, bytesByKind: bytes)
    }

    /// Verifies every file's frame and checksum, then every structure: the dictionary, all
    /// postings and positions, every stored article. Returns the problems found (empty when
    /// the index is sound); a missing index throws.
    public static func check(folder: String) throws -> [String] {
        try check(FileSystemDirectory(folder: folder))
    }

    static func check(_ directory: any Directory) throws -> [String] {
        guard let commit = try catchingDamage({ try Commit.read(from: directory) }) else {
            throw IndexError.missing(path: directory.location)
        }
        guard case .success(let current) = commit, let current else {
            if case .failure(let message) = commit { return [message] }
            throw IndexError.missing(path: directory.location)
        }
        var problems: [String] = []
        for name in current.files where name != Commit.fileName {
            let path = directory.path(of: name)
            guard directory.exists(name) else {
                problems.append("'\(path)' is missing")
                continue
            }
            let ext = String(name.split(separator: ".").last ?? "")
            guard let kind = FileFormat.Kind(fileExtension: ext) else { continue }
            do {
                let file = try directory.map(name)
                _ = try FileFormat.body(of: file.bytes, kind: kind, file: path, id: current.id(of: name))
                try FileFormat.verifyChecksum(of: file.bytes, file: path)
            } catch {
                problems.append("\(error)")
            }
        }
        guard problems.isEmpty else { return problems }
        do {
            let reader = try IndexReader(directory: directory)
            for segment in reader.segments {
                var variantPositions: [Int32] = []
                var variants: [UInt8] = []
                try segment.forEachTerm { _, info in
                    try segment.forEachFollower(info) { follower in
                        _ = try segment.postings(of: follower)
                        return true
                    }
                    let bits = SegmentWriter.variantBits(info.variants.count)
                    let list = try segment.postings(info)
                    var scan = PositionScan()
                    for i in 0..<list.count {
                        try segment.positions(
                            list, i, variantBits: bits, into: &variantPositions, variants: &variants, scan: &scan)
                    }
                }
                for doc in 0..<segment.docCount {
                    _ = try segment.store.article(doc)
                    _ = try segment.citations.citations(doc)
                }
            }
        } catch {
            problems.append("\(error)")
        }
        return problems
    }

    /// Files of the index's own kinds (name and header) that the current commit does not
    /// name: what an interrupted or failed run left. Harmless, and the next `index` removes
    /// them; their names and total size.
    public static func leftovers(folder: String) throws -> (files: [String], bytes: Int) {
        try leftovers(in: FileSystemDirectory(folder: folder))
    }

    static func leftovers(in directory: any Directory) throws -> (files: [String], bytes: Int) {
        guard let commit = try Commit.read(from: directory) else { throw IndexError.missing(path: directory.location) }
        let named = Set(commit.files + ["LOCK"])
        let files = directory.list().filter {
            !named.contains($0) && IndexWriter.isIndexFile($0) && directory.carriesHeader($0)
        }
        return (files.sorted(), files.reduce(0) { $0 + directory.size(of: $1) })
    }

    private enum Outcome<T> {
        case success(T)
        case failure(String)
    }

    private static func catchingDamage<T>(_ body: () throws -> T) throws -> Outcome<T>? {
        do {
            return .success(try body())
        } catch let error as CorruptIndexError {
            return .failure(error.description)
        }
    }
}
