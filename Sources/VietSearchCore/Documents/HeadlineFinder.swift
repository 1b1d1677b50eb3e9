/// Picks the headline of an article saved as plain text (or Markdown): the first line near
/// the top that reads as a headline.
///
/// Skipped on the way: blank lines, date lines ("Thứ 4, Ngày 18/12/2019, 16:00"), site
/// navigation (known menu labels, breadcrumbs, short lines repeated near the top, short
/// English UI text such as "Skip to main content" in a Vietnamese page), lines without
/// letters, single words, labels ending in ":", and lead paragraphs: longer than 200
/// characters, several sentences, or opening with a credit such as "(Baohatinh.vn) - ".
/// When no line qualifies, the first non-empty line is used, cut to 200 characters.
enum HeadlineFinder {
    /// The chosen headline.
    struct Headline: Equatable {
        /// The headline, with runs of whitespace collapsed to one space.
        var title: String
        /// The line the headline is, including its line break; nil when the title is only
        /// part of its line (cut to length).
        var line: Range<String.Index>?
    }

    /// Headlines are at most this long, in characters.
    static let maxLength = 200
    /// How many non-blank lines at the top are considered.
    static let maxLines = 25
    /// How far down the text (in UTF-8 bytes) lines are considered.
    static let maxOffset = 4000

    /// The headline of `text`. With `markdown`, heading markers are stripped and the first
    /// `# ` heading wins.
    static func find(in text: String, markdown: Bool = false) -> Headline? {
        let lines = topLines(of: text, markdown: markdown)
        guard let first = lines.first else { return nil }
        if markdown, let heading = firstHeading(in: text) { return heading }
        let counts = Dictionary(lines.map { ($0.text, 1) }, uniquingKeysWith: +)
        let vietnamese = lines.contains { $0.text.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic } }
        for line in lines where isHeadline(line.text, repeated: counts[line.text, default: 0] > 1, vietnamese: vietnamese) {
            return Headline(title: collapsingWhitespace(line.text), line: line.range)
        }
        let title = collapsingWhitespace(first.text)
        if title.count <= maxLength { return Headline(title: title, line: first.range) }
        var cut = title.prefix(maxLength)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= maxLength / 2 {
            cut = cut[..<space]
        }
        return Headline(title: String(cut), line: nil)
    }

    /// `text` without the headline's line, trimmed. The text itself when the title is only
    /// part of its line or when nothing else would be left.
    static func body(of text: String, without headline: Headline?) -> String {
        guard let line = headline?.line else { return String(text.trimmingWhitespace()) }
        let rest = (text[..<line.lowerBound] + text[line.upperBound...]).trimmingWhitespace()
        return rest.isEmpty ? String(text.trimmingWhitespace()) : String(rest)
    }

    // MARK: Lines

    struct Line {
        /// Trimmed, Markdown heading markers removed.
        var text: Substring
        /// The whole line with its line break.
        var range: Range<String.Index>
    }

    /// The non-blank lines near the top of `text`.
    static func topLines(of text: String, markdown: Bool) -> [Line] {
        var lines: [Line] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var offset = 0
        while start < utf8.endIndex, lines.count < maxLines, offset < maxOffset {
            let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let end = newline < utf8.endIndex ? utf8.index(after: newline) : newline
            offset += utf8.distance(from: start, to: end)
            var line = text[start..<newline].trimmingWhitespace()
            if markdown { line = strippingHeadingMarks(line) }
            if !line.isEmpty { lines.append(Line(text: line, range: start..<end)) }
            start = end
        }
        return lines
    }

    /// The first `# ` heading of a Markdown text (outside code blocks).
    static func firstHeading(in text: String) -> Headline? {
        var inCode = false
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let end = newline < utf8.endIndex ? utf8.index(after: newline) : newline
            let line = text[start..<newline]
            let indented = line.prefix { $0 == " " }
            let content = line.dropFirst(indented.count)
            if indented.count <= 3 {
                if content.hasPrefix("```") || content.hasPrefix("~~~") {
                    inCode.toggle()
                } else if !inCode, content.hasPrefix("# ") || content.trimmingWhitespace() == "#" {
                    let title = collapsingWhitespace(strippingHeadingMarks(content.trimmingWhitespace()))
                    if !title.isEmpty { return Headline(title: title, line: start..<end) }
                }
            }
            start = end
        }
        return nil
    }

    /// "## Title ##" → "Title".
    static func strippingHeadingMarks(_ line: Substring) -> Substring {
        guard line.hasPrefix("#") else { return line }
        let marks = line.prefix { $0 == "#" }
        guard marks.count <= 6 else { return line }
        let rest = line.dropFirst(marks.count)
        guard rest.isEmpty || rest.first!.isWhitespace else { return line }  // "#hashtag"
        var content = rest.trimmingWhitespace()
        let closing = content.reversed().prefix { $0 == "#" }.count
        if closing > 0, closing == content.count || content.dropLast(closing).last!.isWhitespace {
            content = content.dropLast(closing).trimmingWhitespace()
        }
        return content
    }

    // MARK: The tests

    /// Whether a trimmed line reads as a headline.
    static func isHeadline(_ line: Substring, repeated: Bool, vietnamese: Bool) -> Bool {
        guard line.contains(where: \.isLetter), !line.hasPrefix("!["), line.last != ":" else { return false }
        let length = line.count
        let words = line.split(whereSeparator: \.isWhitespace).count
        if words < 2 || length > maxLength { return false }
        if repeated && words <= 6 { return false }
        if vietnamese && words <= 5 && line.unicodeScalars.allSatisfy(\.isASCII) { return false }
        if isNavigation(line) || DateExtractor.dateLine(line) != nil { return false }
        let sentences = sentenceBreaks(line)
        if sentences >= 2 || (sentences == 1 && length > 120) { return false }
        return !startsWithCredit(line)
    }

    /// Menu labels and breadcrumbs ("Trang chủ > Tin tức", "Thời sự | Xã hội").
    static func isNavigation(_ line: Substring) -> Bool {
        var label = line.lowercased()
        while let last = label.last, last == ":" || last == "»" || last == ">" || last.isWhitespace { label.removeLast() }
        if navigationLabels.contains(label) { return true }
        let parts = line.split { "|>»›".contains($0) }
        return parts.count >= 2 && parts.allSatisfy { $0.split(whereSeparator: \.isWhitespace).count <= 4 }
    }

    /// Site navigation and page furniture seen at the top of saved Vietnamese news pages.
    static let navigationLabels: Set<String> = [
        "skip ribbon commands", "skip to main content", "skip navigation", "skip to content", "home", "menu",
        "search", "login", "sign in", "english", "tiếng việt", "trang chủ", "trang chính", "tin tức", "tin tức sự kiện",
        "tin tức - sự kiện", "tin mới", "tin mới nhất", "tin nổi bật", "tin liên quan", "tin khác", "tin tiêu điểm",
        "bài viết liên quan", "xem thêm", "chia sẻ", "bình luận", "in bài", "in trang", "gửi bài", "quay lại",
        "về đầu trang", "đăng nhập", "đăng ký", "tìm kiếm", "liên hệ", "giới thiệu", "sơ đồ site", "sơ đồ trang",
        "thời sự", "chính trị", "xã hội", "kinh tế", "văn hóa", "văn hoá", "thể thao", "giáo dục", "pháp luật",
        "thế giới", "đời sống", "sức khỏe", "sức khoẻ", "giải trí", "công nghệ", "du lịch", "xây dựng đảng",
        "hoạt động", "thông báo", "video", "ảnh", "podcast", "rss",
    ]

    /// Sentence ends followed by another sentence ("... nhiệm vụ. Năm 2019 ...").
    static func sentenceBreaks(_ line: Substring) -> Int {
        var count = 0
        var previous: Character = " "
        var afterEnd = false
        for character in line {
            if afterEnd && previous.isWhitespace && (character.isUppercase || character.isNumber) { count += 1 }
            if ".!?…".contains(character) {
                afterEnd = true
            } else if !character.isWhitespace {
                afterEnd = false
            }
            previous = character
        }
        return count
    }

    /// "(Baohatinh.vn) - ...", or "TTO - ..." / "VOV.VN - ..." opening a long paragraph.
    static func startsWithCredit(_ line: Substring) -> Bool {
        func dashFollows(_ rest: Substring) -> Bool {
            guard let first = rest.trimmingWhitespace().first else { return false }
            return "-–—".contains(first)
        }
        if line.first == "(", let close = line.prefix(40).firstIndex(of: ")") {
            return dashFollows(line[line.index(after: close)...])
        }
        guard line.count > 100, let space = line.firstIndex(where: \.isWhitespace) else { return false }
        let word = line[..<space]
        let isCredit = word.contains(where: \.isLetter) && (word.allSatisfy { $0.isUppercase || $0 == "." } || word.lowercased().hasSuffix(".vn"))
        return isCredit && dashFollows(line[space...])
    }

    /// Runs of whitespace as one space.
    static func collapsingWhitespace(_ text: Substring) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{200B}" }).joined(separator: " ")
    }
}
