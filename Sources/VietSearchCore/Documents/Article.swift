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
    /// For an article read from its own file (not a JSONL record): the folder given to
    /// `index` that the file was found in (absolute), or the folder of a file given by name.
    public var folder: String?

    public init(
        id: String, title: String, date: String? = nil, source: String? = nil, folder: String? = nil, body: String
    ) {
        self.id = id
        self.title = title
        self.date = date
        self.source = source
        self.body = body
        self.folder = folder
    }

    /// What `--source` and the source facet know the article by: the host of its URL
    /// source (`www.` left out), else for a file the name of the folder it was indexed
    /// from, else its JSONL `source` text.
    public var sourceName: String? {
        if let source, let host = Self.host(ofURL: source) { return host }
        if let folder { return folder.split(separator: "/").last.map(String.init) ?? folder }
        return source
    }

    /// The lowercased host of `text` when it is an `http(s)://` URL.
    static func host(ofURL text: String) -> String? {
        let lower = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else { return nil }
        var host = lower.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        return host.isEmpty ? nil : String(host)
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

extension Article {
    /// The most text of one article that is indexed, in UTF-8 bytes (10 MB: a long book).
    /// A longer body is cut there (at a space when one is near) and the cut is reported;
    /// so is a title over `maxTitleBytes`. Indexing costs about 35 times the text in
    /// memory, and every search that shows the article re-reads its text for the snippet:
    /// one huge article would make both slow.
    public static let maxTextBytes = 10_000_000
    /// Titles are cut to this many UTF-8 bytes.
    public static let maxTitleBytes = 4096

    /// The article with its title and body cut to the limits, and what was cut (nil when
    /// nothing was); `originalBytes` is the size of the text before the cut.
    func limited(originalBytes: Int? = nil) -> (article: Article, problem: String?) {
        var article = self
        var cuts: [String] = []
        let bodyBytes = originalBytes ?? body.utf8.count
        if let cut = Self.cut(body, toBytes: Self.maxTextBytes) {
            article.body = cut
        }
        if bodyBytes > Self.maxTextBytes {
            cuts.append(
                "article of \(Self.megabytes(bodyBytes)): only its first \(Self.megabytes(Self.maxTextBytes)) of text are indexed (the limit per article)"
            )
        }
        if let cut = Self.cut(title, toBytes: Self.maxTitleBytes) {
            article.title = cut
            cuts.append("title cut to \(Self.maxTitleBytes) bytes")
        }
        return (article, cuts.isEmpty ? nil : cuts.joined(separator: "; "))
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// `text` cut to at most `limit` UTF-8 bytes, at the last space or line break of the
    /// last 4 KB when there is one, else at a character boundary; nil when it fits.
    static func cut(_ text: String, toBytes limit: Int) -> String? {
        cutPoint(text.utf8, limit: limit).map { String(decoding: text.utf8.prefix($0), as: UTF8.self) }
    }

    /// Where to cut `bytes` (which hold more than `limit`) to keep at most `limit`: after
    /// the last ASCII space or line break in the last 4 KB, else at a UTF-8 character start.
    static func cutPoint(_ bytes: some BidirectionalCollection<UInt8>, limit: Int) -> Int? {
        guard bytes.count > limit else { return nil }
        let start = bytes.startIndex
        var p = limit
        while p > max(0, limit - 4096) {
            let byte = bytes[bytes.index(start, offsetBy: p)]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { return p }
            p -= 1
        }
        p = limit
        while p > 0 && bytes[bytes.index(start, offsetBy: p)] & 0xC0 == 0x80 { p -= 1 }
        return p
    }
}
