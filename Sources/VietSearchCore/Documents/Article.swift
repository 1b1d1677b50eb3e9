/// One article as read from a source file, before analysis.
public struct Article: Sendable, Equatable {
    /// The JSONL `id`, or for a file its path relative to the folder given to `index`.
    public var id: String
    /// The headline.
    public var title: String
    /// Publication date as `YYYY-MM-DD`, when the article states one.
    public var date: String?
    /// Where it came from: a file path, a URL or the JSONL `source`.
    public var source: String?
    /// The article text (without the title line when the title was taken from it).
    public var body: String

    public init(id: String, title: String, date: String? = nil, source: String? = nil, body: String) {
        self.id = id
        self.title = title
        self.date = date
        self.source = source
        self.body = body
    }
}

/// Something wrong with one input file (or one line of it), reported and skipped or repaired.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file path as given by the user (or found under a folder they gave).
    public var file: String
    /// 1-based line number, for JSONL lines.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
