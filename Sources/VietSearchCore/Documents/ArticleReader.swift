/// Turns the bytes of a source file into articles, by the file's kind.
///
/// Text, Markdown and HTML files hold one article each: its id and source are the file's
/// `relativePath`, its title is found as `HeadlineFinder` describes (HTML: `og:title`, the
/// `<title>` or the first `<h1>`, see `HeadlineFinder.pageTitle`), its date is the date line near the top (`DateExtractor`), and its
/// body is the text as in the file, trimmed, without the line the title was taken from (and
/// the blank lines after that line). A file whose only line is the title keeps it as body.
/// JSONL files hold one article per line (`JSONLReader`).
///
/// Empty and binary files (a NUL byte in the first 8 KB) give no article and a problem.
/// An article over `Article.maxTextBytes` of text is cut there, with a problem saying so.
/// Text that is not UTF-8 is decoded by `TextDecoder` and read, with a problem saying so.
public enum ArticleReader {
    /// Reads `file` from disk, then as `read(_:bytes:)`.
    public static func read(_ file: SourceFile) -> (articles: [Article], problems: [InputProblem]) {
        switch FileBytes.load(file.path) {
        case .success(let bytes): read(file, bytes: bytes)
        case .failure(let error): ([], [InputProblem(file: file.path, message: "cannot read file: \(error.reason)")])
        }
    }

    /// The articles in `bytes`, the content of `file`, and the problems met: empty or
    /// binary files (no article), text that had to be repaired (still read), bad JSONL lines.
    public static func read(_ file: SourceFile, bytes: [UInt8]) -> (articles: [Article], problems: [InputProblem]) {
        let records = readRecords(file, bytes: bytes)
        return (records.articles, records.problems)
    }

    /// `read`, with the `JSONLReader.lineHash` of the line each article of a JSONL file came
    /// from (none for other files): what lets `index` re-read only a JSONL file's new lines.
    static func readRecords(_ file: SourceFile, bytes: [UInt8]) -> (
        articles: [Article], problems: [InputProblem], hashes: [UInt64]
    ) {
        if SourceText.isBlank(bytes) { return ([], [InputProblem(file: file.path, message: "empty file")], []) }
        if SourceText.isBinary(bytes) {
            return ([], [InputProblem(file: file.path, message: "binary file, skipped")], [])
        }
        if file.kind == .jsonl { return JSONLReader.readRecords(file, bytes: bytes) }
        let (articles, problems) = readText(file, bytes: bytes)
        return (articles, problems, [])
    }

    /// The article of a text, Markdown or HTML file.
    private static func readText(_ file: SourceFile, bytes: [UInt8]) -> (
        articles: [Article], problems: [InputProblem]
    ) {
        // A file far over the limit is not decoded whole: its text is cut to the limit
        // anyway (`Article.limited`), HTML markup given twice as much room.
        var bytes = bytes
        var originalBytes: Int? = nil
        let rawLimit = file.kind == .html ? 2 * Article.maxTextBytes : Article.maxTextBytes
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !utf16, let cut = Article.cutPoint(bytes, limit: rawLimit) {
            originalBytes = bytes.count
            bytes = Array(bytes[..<cut])
        }
        let charset = file.kind == .html ? HTMLText.declaredCharset(bytes) : nil
        let (text, repair) = SourceText.decode(bytes, declaredCharset: charset)
        var problems = repair.map { [InputProblem(file: file.path, message: $0.description)] } ?? []
        let article: Article?
        switch file.kind {
        case .html: article = html(text, file: file)
        case .markdown: article = markdown(text, file: file)
        case .text, .jsonl: article = plainText(text, file: file)
        }
        guard let article else {
            problems.append(
                InputProblem(file: file.path, message: file.kind == .html ? "no text in the page" : "empty file"))
            return ([], problems)
        }
        let (limited, cut) = article.limited(originalBytes: originalBytes)
        if let cut { problems.append(InputProblem(file: file.path, message: cut)) }
        return ([limited], problems)
    }

    static func plainText(_ text: String, file: SourceFile) -> Article? {
        guard let headline = HeadlineFinder.find(in: text) else { return nil }
        return Article(
            id: file.relativePath, title: headline.title, date: DateExtractor.date(in: text),
            source: file.relativePath, body: HeadlineFinder.body(of: text, without: headline))
    }

    /// Markdown: YAML front matter `title:` and `date:` first, then the first `# ` heading,
    /// then the plain-text rules with heading marks stripped.
    static func markdown(_ text: String, file: SourceFile) -> Article? {
        let front = FrontMatter(text)
        let content = String(text[front.end...])
        if let title = front.title {
            guard !content.trimmingWhitespace().isEmpty else { return nil }
            return Article(
                id: file.relativePath, title: title,
                date: front.date.flatMap(DateExtractor.normalized) ?? DateExtractor.date(in: content),
                source: file.relativePath, body: String(content.trimmingWhitespace()))
        }
        guard let headline = HeadlineFinder.find(in: content, markdown: true) else { return nil }
        return Article(
            id: file.relativePath, title: headline.title,
            date: front.date.flatMap(DateExtractor.normalized) ?? DateExtractor.date(in: content),
            source: file.relativePath, body: HeadlineFinder.body(of: content, without: headline))
    }

    /// HTML: the page text; title as `HeadlineFinder.pageTitle` chooses it from `og:title`,
    /// `<title>` and the first `<h1>` (cut to 200 characters), else found in the text. The
    /// date line is looked for from three lines above the `<h1>` (pages often show today's
    /// date in their header), else from the top.
    static func html(_ html: String, file: SourceFile) -> Article? {
        let page = HTMLText(html)
        guard !page.text.isEmpty else { return nil }
        var body = page.text
        var title = HeadlineFinder.pageTitle(
            openGraph: page.openGraphTitle, title: page.title, heading: page.heading
        ).map(HeadlineFinder.shortened)
        if title == nil {
            let headline = HeadlineFinder.find(in: page.text)
            title = headline?.title
            body = HeadlineFinder.body(of: page.text, without: headline)
        }
        let date = page.heading.flatMap { DateExtractor.date(in: page.text[page.start(near: $0)...]) }
        return Article(
            id: file.relativePath, title: title ?? "", date: date ?? DateExtractor.date(in: page.text),
            source: file.relativePath, body: body)
    }
}

/// A Markdown file's YAML front matter (`---` ... `---` at the very top, every line in it a
/// `key: value`, a list item or indented): the `title` and `date` values, and where the
/// content after it starts.
struct FrontMatter {
    var title: String?
    var date: String?
    var end: String.Index

    init(_ text: String) {
        end = text.startIndex
        var values: [String: String] = [:]
        for (number, (line, range)) in TextLines(text[...]).prefix(200).enumerated() {
            let trimmed = line.trimmingWhitespace()
            if number == 0 {
                guard trimmed == "---" else { return }
                continue
            }
            if trimmed == "---" || trimmed == "..." {
                end = range.upperBound
                title = values["title"].flatMap(HTMLText.singleLine)
                date = values["date"]
                return
            }
            if trimmed.isEmpty || line.first!.isWhitespace || line.hasPrefix("-") || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
            else { return }  // not YAML: a horizontal rule, then text
            var value = line[line.index(after: colon)...].trimmingWhitespace()
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = value.dropFirst().dropLast()
            }
            values[line[..<colon].lowercased()] = String(value)
        }
    }
}
