/// A file of the index is damaged: bad checksum, truncated, or impossible content.
public struct CorruptIndexError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var offset: Int?
    public var reason: String

    public init(file: String, offset: Int? = nil, reason: String) {
        self.file = file
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        let at = offset.map { " at byte \($0)" } ?? ""
        return
            "index file '\(file)' is damaged\(at): \(reason). 'vietsearch check' lists all damage; rebuild the index with 'vietsearch index PATH --rebuild'."
    }
}

/// Problems opening or writing an index that are not damage.
public enum IndexError: Error, CustomStringConvertible, Sendable {
    case missing(path: String)
    case locked(path: String)
    case formatTooNew(file: String, version: Int)
    case formatTooOld(file: String, version: Int)
    case analyzerChanged(path: String)
    case io(path: String, reason: String)
    case nothingIndexed(problems: [InputProblem])
    case notAnIndex(path: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no index at '\(path)'. Create one with: vietsearch index FOLDER --index \(path)"
        case .locked(let path):
            "another 'vietsearch index' is writing the index at '\(path)'; wait for it to finish (searches keep working)"
        case .formatTooNew(let file, let version):
            "'\(file)' was written by a newer VietSearch (format \(version)); upgrade VietSearch"
        case .formatTooOld(let file, let version):
            "'\(file)' uses an old format (\(version)); rebuild the index with 'vietsearch index PATH --rebuild'"
        case .analyzerChanged(let path):
            "the index at '\(path)' was built with another analyzer version; rebuild it with 'vietsearch index PATH --rebuild'"
        case .io(let path, let reason): "cannot use '\(path)': \(reason)"
        case .notAnIndex(let path):
            "'\(path)' is a folder with other files in it, not a VietSearch index; give --index a new or empty folder"
        case .nothingIndexed(let problems):
            "nothing could be indexed:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
