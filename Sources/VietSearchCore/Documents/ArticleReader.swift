/// Turns the bytes of a source file into articles, by the file's kind.
///
/// Text, Markdown, HTML, Word and PDF files hold one article each: its id and source are
/// the file's `relativePath`, its title is found as `HeadlineFinder` describes (HTML:
/// `HeadlineFinder.pageTitle`), its date is the date line near the top (`DateExtractor`),
/// and its body is the file's text (Markdown: `MarkdownText`; Word: `DocxText`; PDF:
/// `PDFText`), trimmed, without the line the title was taken from (and the blank lines after
/// that line). A file whose only line is the title keeps it as body. JSONL files hold one
/// article per line (`JSONLReader`).
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

    /// What reading one file gave.
    struct Records {
        var articles: [Article] = []
        var problems: [InputProblem] = []
        /// The `JSONLReader.lineHash` of the line each article of a JSONL file came from
        /// (none for other files): what lets `index` re-read only a JSONL file's new lines.
        var hashes: [UInt64] = []
        /// Why the file gave no article, when it gave none: it is listed among the skipped.
        var skipped: String?
        /// The file could not be read for want of a tool (`pdftotext`): it is read again on
        /// the next run even if unchanged.
        var retry = false
    }

    /// `read`, with what `index` needs besides; `fields` names the keys of JSONL lines.
    static func readRecords(_ file: SourceFile, bytes: [UInt8], fields: JSONLFields = .standard) -> Records {
        var records = records(file, bytes: bytes, fields: fields)
        if records.articles.isEmpty && records.skipped == nil {
            records.skipped = records.problems.first?.message ?? "no article"
        }
        return records
    }

    private static func records(_ file: SourceFile, bytes: [UInt8], fields: JSONLFields) -> Records {
        func skipped(_ message: String, retry: Bool = false) -> Records {
            Records(problems: [InputProblem(file: file.path, message: message)], skipped: message, retry: retry)
        }
        if SourceText.isBlank(bytes) { return skipped("empty file") }
        switch file.kind {
        case .docx:
            switch DocxText.read(bytes) {
            case .success(let document):
                guard let article = document.article(file: file) else { return skipped("no text in the document") }
                return limited(article, file: file)
            case .failure(let failure): return skipped(failure.description)
            }
        case .pdf:
            switch PDFText.read(bytes) {
            case .success(let text):
                guard let article = plainText(text, file: file) else { return skipped("no text in the PDF") }
                return limited(article, file: file)
            case .failure(let failure): return skipped(failure.description, retry: failure == .toolMissing)
            }
        default: break
        }
        if SourceText.isBinary(bytes) { return skipped("binary file, skipped") }
        if file.kind == .jsonl {
            let read = JSONLReader.readRecords(file, bytes: bytes, fields: fields)
            return Records(articles: read.articles, problems: read.problems, hashes: read.hashes)
        }
        let (articles, problems) = readText(file, bytes: bytes)
        return Records(articles: articles, problems: problems)
    }

    /// `article` cut to the limits, with a problem when it was cut.
    private static func limited(_ article: Article, file: SourceFile) -> Records {
        let (limited, cut) = article.limited()
        return Records(articles: [limited], problems: cut.map { [InputProblem(file: file.path, message: $0)] } ?? [])
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
        case .text, .jsonl, .docx, .pdf: article = plainText(text, file: file)
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

    /// Markdown: the text of the HTML that Ink makes of it (so emphasis, links, images,
    /// code and heading marks leave no trace: `**Hà Nội**` reads `Hà Nội`, `[báo](url)`
    /// reads `báo`). The title is YAML front matter's `title:`, else the first `# `
    /// heading (its line leaves the body), else found in the text as for a text file; the
    /// date is front matter's `date:`, else the date line near the top of the text.
    static func markdown(_ text: String, file: SourceFile) -> Article? {
        let front = FrontMatter(text)
        let content = String(text[front.end...])
        if front.title != nil && content.isBlank { return nil }
        var title = front.title
        var body = content
        if title == nil, let heading = HeadlineFinder.firstHeading(in: content) {
            title = HTMLText.singleLine(MarkdownText.text(of: heading.title))
            body = HeadlineFinder.body(of: content, without: heading)
            if body == String(content.trimmingWhitespace()) { body = "" }
        }
        var plain = MarkdownText.text(of: body)
        if let title {
            if plain.isBlank { plain = title }
            return Article(
                id: file.relativePath, title: title,
                date: front.date.flatMap(DateExtractor.normalized) ?? DateExtractor.date(in: plain),
                source: file.relativePath, body: plain)
        }
        guard var article = plainText(plain, file: file) else { return nil }
        article.date = front.date.flatMap(DateExtractor.normalized) ?? article.date
        return article
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
