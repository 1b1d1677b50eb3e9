/// Picks the headline of an article saved as plain text (or Markdown): the first line near
/// the top that reads as a headline.
///
/// Skipped on the way: blank lines, date lines ("Thứ 4, Ngày 18/12/2019, 16:00"), site
/// navigation (known menu labels, breadcrumbs, short lines repeated near the top, short
/// English UI text without digits such as "Skip to main content" in a Vietnamese page), lines without
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

    /// The headline of `text` (an official document's: `officialTitle`).
    static func find(in text: String) -> Headline? {
        let lines = topLines(of: text)
        if let official = officialTitle(lines) { return official }
        guard let first = lines.first ?? firstLine(of: text) else { return nil }
        let vietnamese = lines.contains {
            $0.text.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic }
        }
        for line in lines {
            let bytes = line.text.utf8
            let repeated = bytes.count <= 120 && lines.count { $0.text.utf8.elementsEqual(bytes) } > 1
            if isHeadline(line.text, repeated: repeated, vietnamese: vietnamese) {
                return Headline(title: collapsingWhitespace(line.text), line: line.range)
            }
        }
        let title = collapsingWhitespace(first.text.prefix(maxLength + 1))
        if title.count <= maxLength && first.text.count <= maxLength + 1 {
            return Headline(title: title, line: first.range)
        }
        return Headline(title: shortened(title), line: nil)
    }

    /// The headline of a web page, from its `og:title`, `<title>` and first `<h1>`:
    /// - `og:title`, when the page has one: what the page itself gives as its headline;
    /// - else the `<h1>` when the `<title>` holds it ("Headline - Báo Nhân Dân": the
    ///   headline with the site's name around it), or when the `<title>` reads as a site's
    ///   name (`isSiteName`: "Báo Nhân Dân - Thời sự", "Cổng thông tin điện tử tỉnh", a host
    ///   name) and the `<h1>` does not;
    /// - else the `<title>` without a site's name before or after it ("Headline - Báo Hà
    ///   Tĩnh"), unless it is only a site's name, or one and a section (then nil: the
    ///   headline is looked for in the text); else the `<h1>`.
    ///
    /// A title shared by many pages of one site is not looked for: each file is read on its
    /// own, and the site-name test covers the usual case of it.
    static func pageTitle(openGraph: String?, title: String?, heading: String?) -> String? {
        if let openGraph { return openGraph }
        guard let title else { return heading }
        let lowerTitle = title.lowercased()
        if let heading {
            let lowerHeading = heading.lowercased()
            if lowerTitle != lowerHeading && lowerTitle.contains(lowerHeading) { return heading }
            if isSiteName(lowerTitle) && !isSiteName(lowerHeading) { return heading }
        } else {
            let rest = withoutSiteName(title)
            // Only the site's name, or it and a section ("Báo Nhân Dân - Thời sự").
            if isSiteName(lowerTitle) && (rest == title || navigationLabels.contains(rest.lowercased())) { return nil }
        }
        return withoutSiteName(title)
    }

    /// Separators between a headline and a site's name in a `<title>`.
    static let titleSeparators = [" - ", " | ", " – ", " — ", " :: ", " » "]

    /// `title` without a site's name after its last separator or before its first one
    /// ("Headline - Báo Hà Tĩnh", "nhandan.vn | Headline"); the title when there is none.
    static func withoutSiteName(_ title: String) -> String {
        for separator in titleSeparators {
            if let last = title.ranges(of: separator).last, !title[..<last.lowerBound].isBlank,
                isSiteName(title[last.upperBound...].lowercased())
            {
                return String(title[..<last.lowerBound].trimmingWhitespace())
            }
            if let first = title.firstRange(of: separator), !title[first.upperBound...].isBlank,
                isSiteName(title[..<first.lowerBound].lowercased())
            {
                return String(title[first.upperBound...].trimmingWhitespace())
            }
        }
        return title
    }

    /// Whether a lowercased page title names a site or a section of it rather than an
    /// article: its first part (before " - ", " | ", " – ", ":") starts with a word that
    /// names a publication or portal (`báo`, `tạp chí`, `cổng thông tin`, ...), or one of
    /// its parts is a host name (`nhandan.vn`, `www.`). A first part of more than six words
    /// that opens with `báo` is a headline.
    static func isSiteName(_ title: String) -> Bool {
        let parts = title.split { "|–—:»".contains($0) }.flatMap { $0.split(separator: " - ") }
            .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard let first = parts.first else { return false }
        if parts.contains(where: { part in
            !part.contains(" ")
                && (part.hasPrefix("www.") || [".vn", ".com", ".net", ".org"].contains { part.hasSuffix($0) })
        }) {
            return true
        }
        let words = first.split(separator: " ")
        if words.first == "báo" {
            return words.count > 1 && words.count <= 6 && !notSiteAfterBáo.contains(String(words[1]))
        }
        return siteWords.contains { first == $0 || first.hasPrefix($0 + " ") }
    }

    /// Words that open the name of a Vietnamese portal or broadcaster (a paper's name opens
    /// with `báo`, unless it is `báo cáo` "report" and the like).
    static let siteWords = [
        "tạp chí", "cổng thông tin", "cổng ttđt", "trang thông tin", "trang tin", "đài phát thanh",
        "đài truyền hình", "thông tấn xã",
    ]
    static let notSiteAfterBáo: Set<String> = ["cáo", "động", "chí", "giá", "hiệu", "công", "tin", "đáp", "hại"]

    /// The title of a Vietnamese official document (quyết định, chỉ thị, công văn ...),
    /// whose header holds the national or the Party motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
    /// NAM", "Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM"), the issuer, the
    /// number and the date line: the document's kind in capitals after the header with the
    /// subject line under it ("QUYẾT ĐỊNH Về việc ..."), else the subject line of the
    /// header ("V/v ...", as letters have it). Nil when the text does not open with such a
    /// header. The title spans lines, so the body keeps them.
    static func officialTitle(_ lines: [Line]) -> Headline? {
        guard let motto = lines.prefix(12).lastIndex(where: { isMotto($0.text) }) else { return nil }
        var i = motto + 1
        while i < lines.count, isDocumentHeader(lines[i].text) { i += 1 }
        if i < lines.count, isCapitals(lines[i].text) {
            var title = collapsingWhitespace(lines[i].text)
            if i + 1 < lines.count, isSubject(lines[i + 1].text) {
                title += " " + collapsingWhitespace(lines[i + 1].text)
            }
            return Headline(title: shortened(title), line: nil)
        }
        guard let subject = lines.prefix(i).first(where: { isSubject($0.text) }) else { return nil }
        return Headline(title: shortened(collapsingWhitespace(subject.text)), line: nil)
    }

    /// A line that is a motto, or a line in capitals that ends with one (two header columns
    /// may share a line: "TỈNH ỦY HÀ TĨNH ĐẢNG CỘNG SẢN VIỆT NAM"). A headline that ends with
    /// the country's name in a sentence's case is none.
    static func isMotto(_ line: Substring) -> Bool {
        guard line.count <= 80 else { return false }
        let text = collapsingWhitespace(line.lowercased()).replacing("–", with: "-")
        let capitals = !line.contains(where: \.isLowercase)
        return mottos.contains { text == $0 || (capitals && text.hasSuffix($0)) }
    }

    static let mottos = [
        "cộng hòa xã hội chủ nghĩa việt nam", "cộng hoà xã hội chủ nghĩa việt nam", "độc lập - tự do - hạnh phúc",
        "đảng cộng sản việt nam",
    ]

    /// A line of the header under the motto: another motto line, the number ("Số: 12/QĐ-UBND"),
    /// the place and date, a rule or star without letters.
    static func isDocumentHeader(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        return isMotto(line) || lower.hasPrefix("số") || DateExtractor.dateLine(line) != nil
            || !line.contains(where: \.isLetter)
    }

    /// "Về việc ...", "về tăng cường ...", "V/v ...".
    static func isSubject(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("về ") || lower.hasPrefix("v/v")
    }

    /// A short line whose letters are all capitals ("QUYẾT ĐỊNH", "KẾ HOẠCH").
    static func isCapitals(_ line: Substring) -> Bool {
        line.count <= 60 && line.contains(where: \.isLetter) && !line.contains(where: \.isLowercase)
    }

    /// `title` cut to `maxLength` characters, at a space when there is one in the second half.
    static func shortened(_ title: String) -> String {
        guard title.count > maxLength else { return title }
        var cut = title.prefix(maxLength)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= maxLength / 2 {
            cut = cut[..<space]
        }
        return String(cut)
    }

    /// `text` without the headline's line, trimmed. Blank lines after the headline go with
    /// it when it was a paragraph of its own. The whole text when the title is only part of
    /// its line or when nothing else would be left.
    static func body(of text: String, without headline: Headline?) -> String {
        guard let line = headline?.line else { return String(text.trimmingWhitespace()) }
        let before = text[..<line.lowerBound].trimmingLeadingWhitespace()
        var after = text[line.upperBound...]
        if before.isEmpty || before.hasSuffix("\n\n") || before.hasSuffix("\n\r\n") {
            // Drop the blank lines that follow.
            var index = after.utf8.startIndex
            while index < after.utf8.endIndex {
                let byte = after.utf8[index]
                if byte == 0x0A {
                    after = after[after.utf8.index(after: index)...]
                    index = after.utf8.startIndex
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    index = after.utf8.index(after: index)
                } else {
                    break
                }
            }
        }
        let tail = after.trimmingTrailingWhitespace()
        if before.isBlank { return tail.isBlank ? String(text.trimmingWhitespace()) : String(tail) }
        return tail.isBlank ? String(before.trimmingTrailingWhitespace()) : String(before) + tail
    }

    // MARK: Lines

    struct Line {
        /// Trimmed.
        var text: Substring
        /// The whole line with its line break.
        var range: Range<String.Index>
    }

    /// The non-blank lines near the top of `text`.
    static func topLines(of text: String) -> [Line] {
        var lines: [Line] = []
        for (line, range) in TextLines(text[...]) {
            if lines.count >= maxLines || text.utf8.distance(from: text.startIndex, to: range.lowerBound) >= maxOffset {
                break
            }
            let trimmed = line.trimmingWhitespace()
            if !trimmed.isEmpty { lines.append(Line(text: trimmed, range: range)) }
        }
        return lines
    }

    /// The first non-blank line, however far down.
    static func firstLine(of text: String) -> Line? {
        for (line, range) in TextLines(text[...]) {
            let trimmed = line.trimmingWhitespace()
            if !trimmed.isEmpty { return Line(text: trimmed, range: range) }
        }
        return nil
    }

    /// The first `# ` heading of a Markdown text (outside code blocks).
    static func firstHeading(in text: String) -> Headline? {
        var inCode = false
        for (line, range) in TextLines(text[...]) {
            let indented = line.prefix { $0 == " " }
            guard indented.count <= 3 else { continue }
            let content = line.dropFirst(indented.count)
            if content.hasPrefix("```") || content.hasPrefix("~~~") {
                inCode.toggle()
            } else if !inCode, content.hasPrefix("# ") || content.trimmingWhitespace() == "#" {
                let title = collapsingWhitespace(strippingHeadingMarks(content.trimmingWhitespace()))
                if !title.isEmpty { return Headline(title: title, line: range) }
            }
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
        guard line.utf8.count <= maxLength * 4, !line.hasPrefix("!["), line.last != ":" else { return false }
        let shape = Shape(line)
        guard shape.hasLetter, shape.words >= 2, shape.length <= maxLength else { return false }
        if repeated && shape.words <= 6 { return false }
        if vietnamese && shape.words <= 5 && shape.isASCIIWithoutDigits { return false }
        if shape.sentenceBreaks >= 2 || (shape.sentenceBreaks == 1 && shape.length > 120) { return false }
        if isNavigation(line, shape: shape) || DateExtractor.dateLine(line) != nil { return false }
        return !startsWithCredit(line, length: shape.length)
    }

    /// What the tests need to know of a line, from one pass over its characters.
    struct Shape {
        var length = 0
        var words = 0
        var hasLetter = false
        var isASCIIWithoutDigits = true
        /// Sentence ends followed by another sentence ("... nhiệm vụ. Năm 2019 ...").
        var sentenceBreaks = 0
        /// Has "|", ">", "»" or "›".
        var hasSeparator = false

        init(_ line: Substring) {
            var inWord = false
            var afterEnd = false
            var previousIsSpace = true
            for character in line {
                length += 1
                let isSpace = character.isWhitespace
                if isSpace {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    words += 1
                }
                if !hasLetter && character.isLetter { hasLetter = true }
                if isASCIIWithoutDigits && (!character.isASCII || character.isASCIIDigit) {
                    isASCIIWithoutDigits = false
                }
                if afterEnd && previousIsSpace && (character.isUppercase || character.isNumber) { sentenceBreaks += 1 }
                switch character {
                case ".", "!", "?", "…": afterEnd = true
                case "|", ">", "»", "›":
                    hasSeparator = true
                    afterEnd = false
                default: if !isSpace { afterEnd = false }
                }
                previousIsSpace = isSpace
            }
        }
    }

    /// Menu labels and breadcrumbs ("Trang chủ > Tin tức", "Thời sự | Xã hội").
    static func isNavigation(_ line: Substring, shape: Shape) -> Bool {
        if shape.length <= 40 {
            var label = line.lowercased()
            while let last = label.last, last == ":" || last == "»" || last == ">" || last.isWhitespace {
                label.removeLast()
            }
            if navigationLabels.contains(label) { return true }
        }
        guard shape.hasSeparator else { return false }
        let parts = line.split { $0 == "|" || $0 == ">" || $0 == "»" || $0 == "›" }
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
        "hoạt động", "thông báo", "ý kiến bạn đọc",
    ]

    /// "(Baohatinh.vn) - ...", or "TTO - ..." / "VOV.VN - ..." opening a long paragraph.
    static func startsWithCredit(_ line: Substring, length: Int) -> Bool {
        func dashFollows(_ rest: Substring) -> Bool {
            guard let first = rest.trimmingWhitespace().first else { return false }
            return first == "-" || first == "–" || first == "—"
        }
        if line.first == "(", let close = line.prefix(40).firstIndex(of: ")") {
            return dashFollows(line[line.index(after: close)...])
        }
        guard length > 100, let space = line.firstIndex(where: \.isWhitespace) else { return false }
        let word = line[..<space]
        let isCredit =
            word.contains(where: \.isLetter)
            && (word.allSatisfy { $0.isUppercase || $0 == "." } || word.lowercased().hasSuffix(".vn"))
        return isCredit && dashFollows(line[space...])
    }

    /// Runs of whitespace as one space, without zero-width spaces.
    static func collapsingWhitespace(_ text: some StringProtocol) -> String {
        var kept = String(text)
        kept.unicodeScalars.removeAll { $0 == "\u{200B}" || $0 == "\u{FEFF}" }
        return kept.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
