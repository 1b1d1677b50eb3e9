/// Finds the publication date an article states near its top, in the forms Vietnamese
/// news pages use: "Thứ Sáu, ngày 23 tháng 7 năm 2021 - 20:47", "Thứ 4, Ngày 18/12/2019,
/// 16:00", "Thứ Ba, 26/03/2019, 14:14 [GMT+7]", "18/12/2019 | Phương Thảo", and the date
/// line of official documents, "Hà Nội, ngày 5 tháng 7 năm 2024"; Markdown emphasis around
/// it ("*Ngày 05/07/2024*") is allowed.
///
/// Only lines that read as date lines count: short lines made of the date with an optional
/// weekday or label before it and a time, time zone or short byline after it. A date inside
/// a sentence ("Nghị quyết số 02-NQ/ThU, ngày 3/2/2021 của ...") is not a publication date.
public enum DateExtractor {
    /// How far down the text a date line is looked for: the first 15 non-blank lines that
    /// start in the first 2500 UTF-8 bytes (about 1500 Vietnamese characters).
    static let maxLines = 15
    static let maxOffset = 2500
    /// Longer lines (in characters) are not date lines.
    static let maxLineLength = 80

    /// The date (`YYYY-MM-DD`) of the first date line near the top of `text`, or nil.
    public static func date(in text: String) -> String? { date(in: text[...]) }

    /// The date (`YYYY-MM-DD`) of the first date line near the top of `text`, or nil.
    public static func date(in text: Substring) -> String? {
        var lines = 0
        for (line, range) in TextLines(text) {
            if lines >= maxLines || text.utf8.distance(from: text.startIndex, to: range.lowerBound) >= maxOffset {
                break
            }
            guard !line.isBlank else { continue }
            lines += 1
            if let date = dateLine(line) { return date }
        }
        return nil
    }

    /// A date given as a field value ("2021-07-23", "2021-07-23T08:00:00+07:00",
    /// "23/07/2021", "ngày 23 tháng 7 năm 2021", ...) as `YYYY-MM-DD`, or nil.
    public static func normalized(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        let iso = Array(trimmed.utf8.prefix(11))
        if iso.count >= 10, iso[4] == UInt8(ascii: "-"), iso[7] == UInt8(ascii: "-"),
            iso.count == 10 || [UInt8(ascii: "T"), UInt8(ascii: " ")].contains(iso[10]),
            let year = number(iso[0..<4]), let month = number(iso[5..<7]), let day = number(iso[8..<10])
        {
            return CalendarDate(year: year, month: month, day: day)?.iso
        }
        return dateLine(trimmed)
    }

    /// The date of `line` when the line reads as a date line, else nil.
    static func dateLine(_ line: some StringProtocol) -> String? {
        guard line.utf8.count <= maxLineLength * 4, line.utf8.contains(where: { (48...57).contains($0) }) else {
            return nil
        }
        let text = line.trimmingWhitespace()
        guard text.count <= maxLineLength else { return nil }
        let tokens = tokenize(text)
        var i = placeBeforeDate(tokens)
        // Before the date: a weekday, "ngày", a label such as "Cập nhật:", or a time.
        while i < tokens.count {
            if let (date, next) = matchDate(tokens, at: i) {
                return isDateLineTail(tokens, from: next, lineLength: text.count) ? date : nil
            }
            if let next = matchTime(tokens, at: i) {
                i = next
                continue
            }
            switch tokens[i].kind {
            case .word(let word) where prefixWords.contains(word): i += 1
            case .number(let value, _) where i > 0 && tokens[i - 1].kind == .word("thứ") && (2...8).contains(value):
                i += 1
            case .symbol(let symbol) where ",:-–—|([*_".contains(symbol): i += 1
            default: return nil
            }
        }
        return nil
    }

    /// Where the date part of an official document's date line starts ("Hà Nội, ngày 5
    /// tháng 7 năm 2024", "TP. Hồ Chí Minh, ngày ..."): after a place name of at most five
    /// words, when a comma and "ngày" follow it; else 0.
    static func placeBeforeDate(_ tokens: [Token]) -> Int {
        var words = 0
        for (i, token) in tokens.prefix(12).enumerated() {
            switch token.kind {
            case .word: words += 1
            case .symbol("."): continue
            case .symbol(","):
                let next = i + 1 < tokens.count ? tokens[i + 1].kind : nil
                return words > 0 && next == .word("ngày") ? i : 0
            default: return 0
            }
            if words > 5 { return 0 }
        }
        return 0
    }

    // MARK: Tokens

    enum Kind: Equatable {
        /// Letters, lowercased.
        case word(String)
        /// ASCII digits: value and digit count.
        case number(Int, digits: Int)
        case symbol(Character)
    }

    struct Token {
        var kind: Kind
        /// Offset in characters of the token in its line.
        var offset: Int
    }

    static func tokenize<S: StringProtocol>(_ text: S) -> [Token] {
        var tokens: [Token] = []
        var offset = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let start = offset
            if character.isWhitespace {
                index = text.index(after: index)
                offset += 1
            } else if character.isASCIIDigit {
                var value = 0
                var digits = 0
                while index < text.endIndex, text[index].isASCIIDigit {
                    if digits < 9 { value = value * 10 + Int(text[index].asciiValue! - 48) }
                    digits += 1
                    index = text.index(after: index)
                    offset += 1
                }
                tokens.append(Token(kind: .number(value, digits: digits), offset: start))
            } else if character.isLetter {
                let from = index
                while index < text.endIndex, text[index].isLetter {
                    index = text.index(after: index)
                    offset += 1
                }
                tokens.append(Token(kind: .word(text[from..<index].lowercased()), offset: start))
            } else {
                tokens.append(Token(kind: .symbol(character), offset: start))
                index = text.index(after: index)
                offset += 1
            }
        }
        return tokens
    }

    /// Words that may come before the date on a date line.
    static let prefixWords: Set<String> = [
        "thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "cn", "ngày", "cập", "đăng", "lúc", "vào",
        "xuất", "bản", "thời", "gian", "gửi", "updated", "posted", "published", "on", "date", "last", "modified",
    ]

    /// Words that may come after the date: time units and time zones.
    static let tailWords: Set<String> = ["gmt", "utc", "ict", "am", "pm", "sa", "ch", "giờ", "h", "phút", "lúc"]

    /// A date at `i`: d/m/yyyy (also with "-" or ".", or a two-digit year), yyyy-mm-dd, or
    /// "d tháng m [,] [năm] yyyy" (``CalendarDate``'s rules). Returns the date and the index
    /// after it.
    static func matchDate(_ tokens: [Token], at i: Int) -> (String, Int)? {
        func number(_ at: Int) -> (value: Int, digits: Int)? {
            guard at < tokens.count, case .number(let value, let digits) = tokens[at].kind else { return nil }
            return (value, digits)
        }
        func symbol(_ at: Int) -> Character? {
            guard at < tokens.count, case .symbol(let symbol) = tokens[at].kind else { return nil }
            return symbol
        }
        func word(_ at: Int) -> String? {
            guard at < tokens.count, case .word(let word) = tokens[at].kind else { return nil }
            return word
        }
        guard let first = number(i) else { return nil }
        // Numeric forms: the separator must be the same twice.
        if let separator = symbol(i + 1), "/-.".contains(separator), let second = number(i + 2),
            symbol(i + 3) == separator, let third = number(i + 4)
        {
            let date = CalendarDate.numeric(
                CalendarDate.Number(value: first.value, digits: first.digits),
                CalendarDate.Number(value: second.value, digits: second.digits),
                CalendarDate.Number(value: third.value, digits: third.digits), separator: separator.asciiValue!)
            return date.map { ($0.iso, i + 5) }
        }
        // "23 tháng 7 năm 2021", "7 tháng 12, 2022".
        guard word(i + 1) == "tháng", let month = number(i + 2) else { return nil }
        var j = i + 3
        if symbol(j) == "," { j += 1 }
        if word(j) == "năm" { j += 1 }
        guard let year = number(j) else { return nil }
        let date = CalendarDate.spelled(
            day: CalendarDate.Number(value: first.value, digits: first.digits),
            month: CalendarDate.Number(value: month.value, digits: month.digits),
            year: CalendarDate.Number(value: year.value, digits: year.digits))
        return date.map { ($0.iso, j + 1) }
    }

    /// A time at `i`: "14:14", "20:47:05", "16h30"; returns the index after it.
    static func matchTime(_ tokens: [Token], at i: Int) -> Int? {
        guard i + 2 < tokens.count, case .number(let hour, let hourDigits) = tokens[i].kind, hourDigits <= 2,
            hour < 24, case .number(let minute, 2) = tokens[i + 2].kind, minute < 60
        else { return nil }
        switch tokens[i + 1].kind {
        case .symbol(":"), .word("h"), .word("g"): break
        default: return nil
        }
        var next = i + 3
        if next + 1 < tokens.count, tokens[next].kind == .symbol(":"), case .number(_, 2) = tokens[next + 1].kind {
            next += 2
        }
        return next
    }

    /// After the date: times, time zones ("[GMT+7]") and separators, then optionally a
    /// short byline after "|" or a dash ("18/12/2019 | Phương Thảo").
    static func isDateLineTail(_ tokens: [Token], from start: Int, lineLength: Int) -> Bool {
        var i = start
        while i < tokens.count {
            if let next = matchTime(tokens, at: i) {
                i = next
                continue
            }
            switch tokens[i].kind {
            case .number(_, let digits) where digits <= 2: i += 1
            case .symbol(let symbol) where ",:-–—|[]()+./*_".contains(symbol): i += 1
            case .word(let word) where tailWords.contains(word): i += 1
            case .word:
                guard i > start, case .symbol(let separator) = tokens[i - 1].kind, "|-–—".contains(separator)
                else { return false }
                let rest = tokens[i...]
                return lineLength - tokens[i].offset <= 40
                    && !rest.contains { if case .number = $0.kind { true } else { false } }
            default: return false
            }
        }
        return true
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard (48...57).contains(digit) else { return nil }
            value = value * 10 + Int(digit - 48)
        }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

extension StringProtocol {
    /// Without leading and trailing whitespace (including no-break and zero-width spaces).
    func trimmingWhitespace() -> SubSequence { self[...].trimmingLeadingWhitespace().trimmingTrailingWhitespace() }

    /// Without leading whitespace.
    func trimmingLeadingWhitespace() -> SubSequence {
        self[(firstIndex { !$0.isSpaceForTrimming } ?? endIndex)...]
    }

    /// Without trailing whitespace.
    func trimmingTrailingWhitespace() -> SubSequence {
        guard let last = lastIndex(where: { !$0.isSpaceForTrimming }) else { return self[startIndex..<startIndex] }
        return self[...last]
    }
}

extension Character {
    fileprivate var isSpaceForTrimming: Bool { isWhitespace || self == "\u{200B}" || self == "\u{FEFF}" }
}
