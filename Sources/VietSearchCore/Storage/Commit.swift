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
        /// The id every file of the segment carries in its header.
        var id: FileID
        var docs: Int
        /// Name of the deletions file, when some of its documents were removed, and its id.
        var deletes: String?
        var deletesID: FileID?
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
    var manifestID: FileID?

    static let fileName = "COMMIT"

    var liveDocs: Int { segments.reduce(0) { $0 + $1.docs - $1.deletedCount } }

    /// Reads the commit of the index in `directory`; nil when there is none.
    static func read(from directory: any Directory) throws -> Commit? {
        guard directory.exists(fileName) else { return nil }
        let file = try directory.map(fileName)
        let path = file.path
        let body = try FileFormat.body(of: file.bytes, kind: .commit, file: path)
        try FileFormat.verifyChecksum(of: file.bytes, file: path)
        let commit: Commit
        do {
            commit = try JSONDecoder().decode(Commit.self, from: Data(file.bytes[body]))
        } catch {
            throw CorruptIndexError(file: path, reason: "unreadable commit: \(error)")
        }
        if let problem = commit.problem {
            throw CorruptIndexError(file: path, reason: "invalid commit: \(problem)")
        }
        return commit
    }

    /// Numbers beyond this are damage (or crafted): no index reaches them, and arithmetic
    /// on them cannot overflow.
    static let largest = 1 << 40

    /// What makes this commit impossible, if anything: names that are not the index's own
    /// plain file names, numbers out of range, counts that disagree.
    var problem: String? {
        guard formatVersion == Int(FileFormat.version) else { return "format version \(formatVersion)" }
        guard (1...Self.largest).contains(generation), (1...Self.largest).contains(nextSegment),
            (0...Self.largest).contains(analyzerVersion)
        else { return "generation, next segment or analyzer version out of range" }
        if let manifest, Self.number(in: manifest, prefix: "m", suffix: ".manifest") == nil || manifestID == nil {
            return "bad manifest name '\(manifest)'"
        }
        var names = Set<String>()
        for segment in segments {
            guard let number = Self.number(in: segment.name, prefix: "s", suffix: ""), number < nextSegment,
                names.insert(segment.name).inserted
            else { return "bad segment name '\(segment.name)'" }
            guard (1...Int(Int32.max)).contains(segment.docs), (0..<segment.docs).contains(segment.deletedCount),
                (0...Self.largest).contains(segment.titleTokens), (0...Self.largest).contains(segment.bodyTokens)
            else { return "counts of segment '\(segment.name)' out of range" }
            if let deletes = segment.deletes {
                guard let generation = Self.number(in: deletes, prefix: segment.name + ".", suffix: ".del"),
                    generation <= self.generation, segment.deletesID != nil, segment.deletedCount > 0
                else { return "bad deletions name '\(deletes)'" }
            } else if segment.deletedCount != 0 {
                return "segment '\(segment.name)' has deletions but no deletions file"
            }
        }
        return nil
    }

    /// The number in `name` between `prefix` and `suffix` (decimal digits only, at most 12).
    static func number(in name: String, prefix: String, suffix: String) -> Int? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else {
            return nil
        }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count <= 12, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(digits)
    }

    /// The id a file of this commit must carry (nil for `COMMIT` and unknown names).
    func id(of name: String) -> FileID? {
        if name == manifest { return manifestID }
        for segment in segments {
            if name == segment.deletes { return segment.deletesID }
            if name.hasPrefix(segment.name + "."), !name.hasSuffix(".del") { return segment.id }
        }
        return nil
    }

    /// Writes this commit atomically. `beforeRename` is a test hook for interrupted commits.
    func write(to directory: any Directory, beforeRename: () throws -> Void = {}) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let body = Array(try encoder.encode(self))
        try directory.atomicWrite(
            FileFormat.frame(body, kind: .commit, id: .none), to: Self.fileName, beforeRename: beforeRename)
    }

    /// Every file this commit needs.
    var files: [String] {
        var names = [Self.fileName]
        if let manifest { names.append(manifest) }
        for segment in segments {
            for kind in FileFormat.Kind.segmentFiles { names.append(kind.fileName(segment: segment.name)) }
            if let deletes = segment.deletes { names.append(deletes) }
        }
        return names
    }
}
