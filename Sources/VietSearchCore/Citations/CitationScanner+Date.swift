extension CitationScanner {
    /// The date of issue right after token `k`: `ngày 25/10/2021`, `ngày 3-2-2021`,
    /// `ngày 25.10.2021`, `ngày 25 tháng 10 năm 2021`, after optional `,`/`(` and
    /// `ban hành`/`ký`. A date without a year takes `year` (the key's), or is dropped; a day
    /// the month does not have (`31/2/2021`) is no date (``CalendarDate``).
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
        guard let (date, last) = calendarDate(at: t + 1, year: year) else { return nil }
        return (date.iso, last)
    }

    /// The date starting at number token `t` and its last token, read by ``CalendarDate``'s
    /// rules (the calendar check articles' dates get too: `31/2/2021` is no date); a date
    /// without a year takes `year`.
    private func calendarDate(at t: Int, year: Int?) -> (CalendarDate, Int)? {
        let exact = tokens[t].exact.bytes
        if exact.contains(UInt8(ascii: ".")) {
            // ICU keeps `25.10.2021` in one token.
            let fields = exact.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            var numbers: [CalendarDate.Number] = []
            for field in fields {
                guard let value = Self.documentNumber(field) else { return nil }
                numbers.append(CalendarDate.Number(value: value, digits: field.count))
            }
            guard numbers.count == 2 || numbers.count == 3 else { return nil }
            let date = CalendarDate.numeric(
                numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : nil, separator: UInt8(ascii: "."),
                year: year)
            return date.map { ($0, t) }
        }
        guard let day = number(t), t + 1 < tokens.count else { return nil }
        let gap = gap(after: t)
        if gap.kind == .separator && !gap.spaced && gap.separator != 0, let month = number(t + 1) {
            let second = self.gap(after: t + 1)
            if second.kind == .separator && !second.spaced && second.separator == gap.separator,
                let third = number(t + 2)
            {
                return CalendarDate.numeric(day, month, third, separator: gap.separator).map { ($0, t + 2) }
            }
            return CalendarDate.numeric(day, month, nil, separator: gap.separator, year: year).map { ($0, t + 1) }
        }
        if gap.kind == .space && isWord(t + 1, CitationLexicon.thang) && self.gap(after: t + 1).kind == .space,
            let month = number(t + 2)
        {
            if let (written, last) = yearAfterNam(t + 2) {
                let date = CalendarDate.spelled(
                    day: day, month: month, year: CalendarDate.Number(value: written, digits: 4))
                return date.map { ($0, last) }
            }
            return CalendarDate.spelled(day: day, month: month, year: nil, year: year).map { ($0, t + 2) }
        }
        return nil
    }

    /// Number token `i` as a value and its count of digits.
    private func number(_ i: Int) -> CalendarDate.Number? {
        guard i < tokens.count, tokens[i].isNumber, let value = Self.documentNumber(tokens[i].exact.bytes) else {
            return nil
        }
        return CalendarDate.Number(value: value, digits: tokens[i].exact.bytes.count)
    }

    /// Whether the bytes after token `k` up to the next token hold only spaces and `allowed`.
    private func onlyBetween(_ k: Int, _ allowed: StaticString) -> Bool {
        CitationGap.only(bytes, tokens[k].byteRange.upperBound..<tokens[k + 1].byteRange.lowerBound, allowed)
    }
}
