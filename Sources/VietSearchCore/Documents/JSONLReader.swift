#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Reads a JSONL file: one article per line, `{"id", "title", "text", "date", "source"}`
/// (or the keys `JSONLFields` maps them to; messages name the keys read).
///
/// `id` may be a string or a number; `text` is required and becomes the body as it is. A
/// missing `title` is found in the text as for a text file (and its line then leaves the
/// body); `date` is kept when it is (or converts to) `YYYY-MM-DD`, and a date that does not
/// (`2024-13-45`, `hôm qua`) is a warning, the article kept without one; `source` falls back to
/// `url`. Other fields are checked as JSON and ignored. Blank lines are skipped. A line
/// that is not a JSON object, or lacks `id` or `text`, is a problem with its line number,
/// and reading goes on. Lines that are not UTF-8 are decoded by `TextDecoder`, reported
/// once per file.
enum JSONLReader {
    /// The content hash of one line (its bytes without the line break, and without the
    /// byte order mark on the first): what tells a kept record from a new or changed one.
    static func lineHash(_ line: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(line)
        return UInt64(CRC32.checksum(raw)) << 32 | UInt64(CRC32.checksum(raw, seed: 0x9E37_79B9))
    }

    /// Calls `body` with each non-blank line of `bytes` and its 1-based number, as
    /// `readRecords` reads them.
    static func forEachLine(_ bytes: [UInt8], _ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            var start = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var number = 0
            while start < buffer.count {
                number += 1
                let newline = Self.index(of: 0x0A, in: buffer, from: start)
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                start = newline + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                body(line, number)
            }
        }
    }

    /// The articles of a JSONL file and the problems met, with the `lineHash` of the line
    /// each article came from.
    static func readRecords(_ file: SourceFile, bytes: [UInt8], fields names: JSONLFields = .standard) -> (
        articles: [Article], problems: [InputProblem], hashes: [UInt64]
    ) {
        var hashes: [UInt64] = []
        var articles: [Article] = []
        var problems: [InputProblem] = []
        var repairs: [(repair: TextDecoder.Repair, lines: Int, first: Int)] = []
        articles.reserveCapacity(bytes.count / 2048)
        forEachLine(bytes) { line, number in
            var record: Result<JSONLine, JSONLine.Failure> = JSONLine.parse(line, fields: names)
            if case .failure(.invalidUTF8) = record {
                let (text, repair) = SourceText.decode(line)
                record = Array(text.utf8).withUnsafeBufferPointer { JSONLine.parse($0, fields: names) }
                if let repair {
                    if let k = repairs.firstIndex(where: { TextDecoder.merged($0.repair, repair) != nil }) {
                        repairs[k].repair = TextDecoder.merged(repairs[k].repair, repair)!
                        repairs[k].lines += 1
                    } else {
                        repairs.append((repair, 1, number))
                    }
                }
            }
            switch record {
            case .success(let fields):
                switch article(from: fields, names: names) {
                case .success(let (article, warning)):
                    let (limited, cut) = article.limited()
                    articles.append(limited)
                    hashes.append(lineHash(line))
                    for message in [warning, cut].compactMap({ $0 }) {
                        problems.append(InputProblem(file: file.path, line: number, message: message))
                    }
                case .failure(let message):
                    problems.append(InputProblem(file: file.path, line: number, message: message.text))
                }
            case .failure(let failure):
                problems.append(InputProblem(file: file.path, line: number, message: failure.description))
            }
        }
        for (repair, lines, first) in repairs {
            let count = lines == 1 ? "line \(first)" : "\(lines) lines, first line \(first)"
            problems.append(InputProblem(file: file.path, message: "\(repair) (\(count))"))
        }
        return (articles, problems, hashes)
    }

    struct Message: Error { var text: String }

    /// The article of one parsed line and what to warn about it (a `date` that is no
    /// date: the article is kept without one), or why there is none.
    static func article(from line: JSONLine, names: JSONLFields = .standard) -> Result<
        (article: Article, warning: String?), Message
    > {
        func quoted(_ name: String) -> String { JSON.string(name).serialized() }
        let id: String?
        switch line.id {
        case .string(let value): id = value.trimmingWhitespace().isEmpty ? nil : value
        case .number(let literal): id = literal
        case nil, .null: id = nil
        case .other: return .failure(Message(text: "\(quoted(names.id)) is not a string or a number"))
        }
        let text: String?
        switch line.text {
        case .string(let value): text = value
        case nil, .null: text = nil
        default: return .failure(Message(text: "\(quoted(names.text)) is not a string"))
        }
        guard let id, let text else {
            let missing = [id == nil ? quoted(names.id) : nil, text == nil ? quoted(names.text) : nil].compactMap { $0 }
            return .failure(Message(text: "missing " + missing.joined(separator: " and ")))
        }
        guard !text.isBlank else { return .failure(Message(text: "empty \(quoted(names.text))")) }
        var body = text
        var title = line.title?.string.flatMap(singleLine)
        if title == nil {
            let headline = HeadlineFinder.find(in: text)
            title = headline?.title
            body = HeadlineFinder.body(of: text, without: headline)
        }
        let source = [line.source, line.url].lazy.compactMap { $0?.string }.first { !$0.isEmpty }
        var date: String? = nil
        var warning: String? = nil
        switch line.date {
        case .string(let value) where !value.isBlank:
            date = DateExtractor.normalized(value)
            if date == nil {
                warning = "\(quoted(names.date)) \(quoted(value)) is not a date; indexed without one"
            }
        case .number(let literal): warning = "\(quoted(names.date)) \(literal) is not a date; indexed without one"
        case .other: warning = "\(quoted(names.date)) is not a string; indexed without a date"
        default: break
        }
        return .success((Article(id: id, title: title ?? "", date: date, source: source, body: body), warning))
    }

    /// `text` on one line without surrounding whitespace, or nil when it is blank. Quick
    /// for the usual title that needs no change.
    static func singleLine(_ text: String) -> String? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20 else {
            return HTMLText.singleLine(text)
        }
        var previous: UInt8 = 0
        for byte in utf8 {
            // Control characters, double spaces, and the first two bytes of no-break,
            // Unicode and zero-width spaces (U+0085, U+00A0, U+1680, U+2000-U+205F,
            // U+3000, U+FEFF).
            switch (previous, byte) {
            case (_, 0..<0x20), (0x20, 0x20), (0xC2, 0x85), (0xC2, 0xA0), (0xE1, 0x9A), (0xE2, 0x80), (0xE2, 0x81),
                (0xE3, 0x80), (0xEF, 0xBB):
                return HTMLText.singleLine(text)
            default: previous = byte
            }
        }
        return text
    }

    static func index(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count, let base = buffer.baseAddress,
            let found = memchr(base + start, Int32(byte), buffer.count - start)
        else { return buffer.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
