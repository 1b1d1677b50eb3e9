#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The commit point: which segments (and which of their deletions) make up the index.
/// Stored as the file `COMMIT`, a framed JSON document, replaced atomically (write
/// `COMMIT.tmp`, fsync, rename), so readers always see one whole commit.
struct Commit: Codable, Equatable {
    struct Segment: Codable, Equatable {
        var name: String
        var docs: Int
        /// Name of the deletions file, when some of its documents were removed.
        var deletes: String?
        var deletedCount: Int
        /// Sums of field lengths over live documents, for BM25's average lengths.
        var titleTokens: Int
        var bodyTokens: Int
    }

    var formatVersion = Int(FileFormat.version)
    var analyzerVersion: Int
    var generation: Int
    var nextSegment: Int
    var segments: [Segment]
    var manifest: String?

    static let fileName = "COMMIT"

    var liveDocs: Int { segments.reduce(0) { $0 + $1.docs - $1.deletedCount } }

    /// Reads the commit of the index at `folder`; nil when there is none.
    static func read(folder: String) throws -> Commit? {
        let path = folder + "/" + fileName
        guard FileIO.exists(path) else { return nil }
        let file = try MappedFile(path: path)
        let body = try FileFormat.body(of: file.bytes, kind: .commit, file: path)
        try FileFormat.verifyChecksum(of: file.bytes, file: path)
        do {
            return try JSONDecoder().decode(Commit.self, from: Data(file.bytes[body]))
        } catch {
            throw CorruptIndexError(file: path, reason: "unreadable commit: \(error)")
        }
    }

    /// Writes this commit atomically. `beforeRename` is a test hook for interrupted commits.
    func write(folder: String, beforeRename: () throws -> Void = {}) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let body = Array(try encoder.encode(self))
        try FileIO.atomicWrite(
            FileFormat.frame(body, kind: .commit), to: folder + "/" + Self.fileName, beforeRename: beforeRename)
    }

    /// Every file this commit needs.
    var files: [String] {
        var names = [Self.fileName]
        if let manifest { names.append(manifest) }
        for segment in segments {
            for kind in FileFormat.Kind.segmentFiles {
                names.append("\(segment.name).\(kind.fileExtension)")
            }
            if let deletes = segment.deletes { names.append(deletes) }
        }
        return names
    }
}
