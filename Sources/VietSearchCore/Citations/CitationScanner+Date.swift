extension CitationScanner {
    /// The date of issue right after token `k`: `ngày 25/10/2021`, `ngày 3-2-2021`,
    /// `ngày 25.10.2021`, `ngày 25 tháng 10 năm 2021`, after optional `,`/`(` and
    /// `ban hành`/`ký`. A date without a year takes `year` (the key's), or is dropped; a day
    /// the month does not have (`31/2/2021`) is no date (`DateExtractor.format`).
    /// Returns `YYYY-MM-DD` and the date's last token.
    func readDate(after k: Int, year: Int?) -> (date: String, last: Int)? {
        var t = k + 1
        guard t + 1 < tokens.count else { return nil }
        let gap = gap(after: k)
        guard gap.kind == .space || (gap.kind == .other && onlyBetween(k, ",(")) else { return nil }
        if isWord(t, CitationLexicon.ban) && isWord(t + 1, CitationLexicon.hanh) && self.gap(after: t).kind == .space {
            t += 2
        } else if isWord(t, CitationLexicon.ky) {
            t += 1
        }
        guard t + 1 < tokens.count, t == k + 1 || self.gap(after: t - 1).kind == .space,
            isWord(t, CitationLexicon.ngay), self.gap(after: t).kind == .space, tokens[t + 1].isNumber
        else { return nil }
        guard let (day, month, dateYear, last) = dayMonthYear(at: t + 1), let yearOfDate = dateYear ?? year else {
            return nil
        }
        // The calendar check articles' dates get too: `31/2/2021` is no date.
        guard let date = DateExtractor.format(year: yearOfDate, month: month, day: day) else { return nil }
        return (date, last)
    }

    /// Day, month, optional year and last token of a date starting at number token `t`.
    private func dayMonthYear(at t: Int) -> (Int, Int, Int?, Int)? {
        let exact = tokens[t].exact.bytes
        if exact.contains(UInt8(ascii: ".")) {
            // ICU keeps `25.10.2021` in one token.
            let fields = exact.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map {
                Self.documentNumber($0)
            }
            guard fields.count == 2 || fields.count == 3, let day = fields[0], let month = fields[1] else {
                return nil
            }
            if fields.count == 3 {
                guard let year = fields[2] else { return nil }
                return (day, month, Self.fullYear(year, digits: exact.count - exact.lastIndex(of: 0x2E)! - 1), t)
            }
            return (day, month, nil, t)
        }
        guard let day = Self.documentNumber(exact), t + 1 < tokens.count else { return nil }
        let gap = gap(after: t)
        if gap.kind == .separator && !gap.spaced && gap.separator != 0, let month = number(t + 1) {
            let second = self.gap(after: t + 1)
            if second.kind == .separator && !second.spaced && second.separator == gap.separator,
                let year = number(t + 2)
            {
                return (day, month, Self.fullYear(year, digits: tokens[t + 2].exact.bytes.count), t + 2)
            }
            return (day, month, nil, t + 1)
        }
        if gap.kind == .space && isWord(t + 1, CitationLexicon.thang) && self.gap(after: t + 1).kind == .space,
            let month = number(t + 2)
        {
            if let (year, last) = yearAfterNam(t + 2) { return (day, month, year, last) }
            return (day, month, nil, t + 2)
        }
        return nil
    }

    private func number(_ i: Int) -> Int? {
        guard i < tokens.count, tokens[i].isNumber else { return nil }
        return Self.documentNumber(tokens[i].exact.bytes)
    }

    /// Two-digit years are this century's (`3/2/21`).
    private static func fullYear(_ year: Int, digits: Int) -> Int? {
        switch digits {
        case 4: year
        case 2: 2000 + year
        default: nil
        }
    }

    /// Whether the bytes after token `k` up to the next token hold only spaces and `allowed`.
    private func onlyBetween(_ k: Int, _ allowed: StaticString) -> Bool {
        CitationGap.only(bytes, tokens[k].byteRange.upperBound..<tokens[k + 1].byteRange.lowerBound, allowed)
    }
}
