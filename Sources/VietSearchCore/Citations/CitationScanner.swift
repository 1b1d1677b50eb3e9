import VietAnalysis

/// A citation found by the scanner, with the tokens it spans.
struct CitationMatch {
    var citation: Citation
    var firstToken: Int
    /// The last token the key was read from (a following date is not counted).
    var lastToken: Int
}

/// Walks one text's tokens and the bytes between them looking for citations. The cheap
/// test comes first (``mayStart(_:_:)``): only a number, or a token with the first byte
/// and length of a type name's first syllable, is looked at further.
struct CitationScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]
    /// Parsing what a user typed: a bare number needs nothing after it (`Kết luận 21`), and
    /// every type may be cited loosely.
    let forQuery: Bool

    func scan() -> [CitationMatch] {
        var result: [CitationMatch] = []
        CitationLexicon.firstSyllableLengths.withUnsafeBufferPointer { lengths in
            tokens.withUnsafeBufferPointer { tokens in
                var i = 0
                while i < tokens.count {
                    if Self.mayStart(tokens[i], lengths), let found = match(at: i) {
                        result.append(found)
                        i = found.lastToken + 1
                    } else {
                        i += 1
                    }
                }
            }
        }
        return result
    }

    /// The pre-filter: whether `token` is a number, `số` glued to a number, or as long as a
    /// type phrase's first syllable with the same first byte.
    @inline(__always)
    static func mayStart(_ token: borrowing Token, _ lengths: UnsafeBufferPointer<UInt16>) -> Bool {
        if token.isNumber { return true }
        let count = token.folded.bytes.count
        guard count > 0 else { return false }
        let first = token.folded.bytes[0]
        if lengths[Int(first)] & (1 << min(count, 15)) != 0 { return true }
        return first == UInt8(ascii: "s") && count > 2 && token.folded.bytes[1] == UInt8(ascii: "o")
            && isDigit(token.folded.bytes[2])
    }

    /// The citation starting at token `i`, if any.
    func match(at i: Int) -> CitationMatch? {
        let folded = tokens[i].folded.bytes
        guard let firstByte = folded.first else { return nil }
        for phrase in CitationLexicon.phrasesByFirstByte[Int(firstByte)] {
            if let words = match(phrase, at: i), let found = citation(after: words) { return found }
        }
        if tokens[i].isNumber || firstByte == UInt8(ascii: "s") { return bareCode(at: i) }
        return nil
    }

    // MARK: Type words

    /// A type phrase matched at some tokens.
    struct PhraseMatch {
        let phrase: CitationLexicon.Phrase
        let first: Int
        /// The token holding the phrase's last syllable.
        let last: Int
        /// What follows the last syllable inside its token (`số` in `địnhsố`), folded.
        let rest: ArraySlice<UInt8>
    }

    /// Matches `phrase` at token `start`. Syllables may be glued together or to `số`
    /// (`Quyếtđịnh`, `Quyết địnhsố`); separate syllables are apart by whitespace only. A
    /// phrase is written with its diacritics or entirely without them: `chỉ thi` (as in
    /// "đình chỉ thi") is not `chỉ thị`.
    func match(_ phrase: CitationLexicon.Phrase, at start: Int) -> PhraseMatch? {
        var t = start
        var offset = 0
        var plain: Bool?
        for (k, word) in phrase.words.enumerated() {
            guard t < tokens.count else { return nil }
            if offset == 0 && k > 0 && gap(after: t - 1).kind != .space { return nil }
            let folded = tokens[t].folded.bytes
            let end = offset + word.folded.count
            guard end <= folded.count else { return nil }
            if offset == 0 && end == folded.count {
                guard folded == word.folded else { return nil }
                let exact = tokens[t].exact.bytes
                if exact != word.exact || word.exact != word.folded {
                    let isPlain = exact == word.folded
                    guard isPlain || exact == word.exact, plain ?? isPlain == isPlain else { return nil }
                    plain = isPlain
                }
                t += 1
            } else {
                guard folded[offset..<end].elementsEqual(word.folded) else { return nil }
                if end == folded.count {
                    t += 1
                    offset = 0
                } else {
                    offset = end
                }
            }
        }
        if offset == 0 { return PhraseMatch(phrase: phrase, first: start, last: t - 1, rest: []) }
        let rest = tokens[t].folded.bytes[offset...]
        guard rest.starts(with: CitationLexicon.so.folded) || rest.allSatisfy(Self.isDigit) else { return nil }
        return PhraseMatch(phrase: phrase, first: start, last: t, rest: rest)
    }

    /// The citation a type phrase starts: `số`, a number, a code or words after the number,
    /// an issuer phrase, a date; for a law, a title and year (``lawByTitle(_:_:)``).
    func citation(after words: PhraseMatch) -> CitationMatch? {
        let strictness = words.phrase.strictness
        var hasSo = false
        var number: NumberRef?
        if !words.rest.isEmpty {
            let digits = words.rest.starts(with: CitationLexicon.so.folded) ? words.rest.dropFirst(2) : words.rest
            hasSo = digits.count < words.rest.count
            if !digits.isEmpty {
                guard let attached = attachedNumber(words.last, digits: digits.count) else { return nil }
                number = attached
            }
        }
        var next = words.last + 1
        var name: LawName?
        if number == nil && !hasSo {
            if words.phrase.takesName {
                // The `luật` of `bộ luật` is the code's: read with `bộ`, or not at all.
                if words.phrase.title == "Luật" && words.first > 0 && isWord(words.first - 1, CitationLexicon.bo)
                    && gap(after: words.first - 1).kind == .space
                {
                    return nil
                }
                name = lawName(after: words.last)
                if let name { next = name.end }
            }
            if next < tokens.count && gap(after: next - 1).kind == .space {
                if isWord(next, CitationLexicon.so) {
                    hasSo = true
                    next += 1
                } else if let attached = soNumber(next) {
                    hasSo = true
                    number = attached
                } else if let name, words.phrase.title != nil, let found = lawByTitle(words, name) {
                    return found
                }
            }
        }
        if number == nil {
            guard next < tokens.count, let plain = plainNumber(next) else { return nil }
            let gap = gap(after: next - 1)
            guard gap.kind == .space || (hasSo && Self.isNumberMark(gap, bytes, tokens, next)) else { return nil }
            number = plain
        }
        guard let number else { return nil }

        var type = words.phrase.type
        var issuer: String?
        var year: Int?
        var last = number.token
        var trailing = 0
        let code = parseCode(after: number.token)?.after(word: type)
        if let code, code.type != nil || code.issuer != nil {
            type = Self.resolve(word: type, code: code.type)
            issuer = code.issuer
            year = code.year
            last = code.last
            trailing = code.trailing
        } else if let code, let codeYear = code.year {
            // `Nghị định 71/2011`
            guard forQuery || (strictness != .coded && (strictness != .numbered || hasSo)) else { return nil }
            year = codeYear
            last = code.last
        } else if forQuery {
            if let (namYear, namLast) = yearAfterNam(number.token) {
                year = namYear
                last = namLast
            }
        } else {
            switch strictness {
            case .coded: return nil
            case .numbered: guard hasSo else { return nil }
            case .number, .numberAndKnownWord:
                guard hasSo || !(1945...2030).contains(number.value) else { return nil }
            }
            switch follower(after: number.token, lenient: hasSo || strictness == .number) {
            case .reject: return nil
            case .accept: break
            case .year(let namYear, let namLast):
                year = namYear
                last = namLast
            }
            if foreignIssuer(after: last) { return nil }
            if type == .deAn && navalContext(before: words.first) { return nil }
        }
        // A law's title, when the code did not make it another type (`Luật … số 12/QĐ-…`).
        let written = type == words.phrase.type ? name.flatMap { self.title(words, $0) } : nil
        return finish(
            type: type, number: number.value, issuer: issuer, year: year, name: written,
            start: tokens[words.first].byteRange.lowerBound, firstToken: words.first, last: last, trailing: trailing)
    }

    /// The name words of a law after its type word (tokens `first...last`) and the token
    /// after them, `end`.
    struct LawName {
        var first: Int
        var last: Int
        var end: Int
    }

    /// The name of a law or ordinance after its type word, which ends at token `last`: one to
    /// eight syllables apart by single spaces on one line (or by a comma before a lowercase
    /// word: `Phòng, chống tham nhũng`), up to the token after them, which must be `số`
    /// (also glued, `số45`), a number or `năm`. There is none when, before that, comes
    /// `của`, `và` before a word with a capital (`Luật Công chứng và Nghị định số
    /// 29/2015/NĐ-CP` cites the decree by number; `Luật Hôn nhân và gia đình` is one name),
    /// another type word, or a word of ``CitationLexicon/lawNameStoppers`` (`được`, `theo`,
    /// `sửa` …).
    func lawName(after last: Int) -> LawName? {
        var t = last + 1
        while t < tokens.count && t <= last + 9 {
            let gap = gap(after: t - 1)
            let comma =
                t > last + 1 && gap.kind == .other && !gap.newline && gap.first == UInt8(ascii: ",")
                && CitationGap.only(bytes, tokens[t - 1].byteRange.upperBound..<tokens[t].byteRange.lowerBound, ",")
                && startsLowercase(t)
            guard (gap.kind == .space && !gap.newline) || comma else { return nil }
            // `năm`, not `Nam` (`Luật Biển Việt Nam 2012`).
            let ends =
                tokens[t].isNumber || isWord(t, CitationLexicon.so) || soNumber(t) != nil
                || (isWord(t, CitationLexicon.nam) && !startsUppercase(t))
            if ends { return t > last + 1 && !comma ? LawName(first: last + 1, last: t - 1, end: t) : nil }
            if isWord(t, CitationLexicon.nam) && startsUppercase(t) && t > last + 1 && startsUppercase(t - 1) {
                // part of a name: `Việt Nam`
            } else if isWord(t, CitationLexicon.va) {
                guard t + 1 < tokens.count, startsLowercase(t + 1) else { return nil }
            } else if isLawNameStopper(t) && !(t == last + 1 && startsUppercase(t)) {
                return nil
            }
            if let first = tokens[t].folded.bytes.first,
                CitationLexicon.phrasesByFirstByte[Int(first)].contains(where: { match($0, at: t) != nil })
            {
                return nil
            }
            t += 1
        }
        return nil
    }

    /// A law or code cited by title and year: `Luật Đất đai 2013`, `Luật Đất đai năm 2013`,
    /// `Bộ luật Hình sự 2015` (the name as ``lawName(after:)`` delimits it, then a year from
    /// 1945, alone: not `2013-2020`, not `2013/QH13`). In a text, not in a query, the name
    /// must begin with a capital (`luật sư Nguyễn Văn A năm 2013` names a lawyer, `luật chơi
    /// 2013` a game's rules), and the type word must not follow one of
    /// ``CitationLexicon/wordsBeforeNonLaw`` (`Đại học Luật Hà Nội năm 2013`, `dự thảo Luật
    /// Đất đai năm 2024`), nor `công ước` shortly before it (`Công ước Liên hợp quốc về Luật
    /// Biển năm 1982` is a convention), and the name must not hold a foreign country's
    /// (``CitationLexicon/foreignCountries``: `Luật Hoàng gia Nhật Bản 1947`). A law of that title cited by number (`Luật Đất đai số
    /// 45/2013/QH13`) is the same directive (``DirectiveIdentity``, ``DirectiveCatalog``).
    func lawByTitle(_ words: PhraseMatch, _ name: LawName) -> CitationMatch? {
        var year: Int?
        var yearToken = name.end
        if let value = yearNumber(name.end) {
            year = value
        } else if let (value, token) = yearAfterNam(name.end - 1) {
            year = value
            yearToken = token
        }
        guard let year, year >= 1945 else { return nil }
        let after = gap(after: yearToken).kind
        guard after != .separator && after != .touching else { return nil }
        if !forQuery {
            guard startsUppercase(name.first) else { return nil }
            if words.first > 0 && gap(after: words.first - 1).kind == .space
                && CitationLexicon.wordsBeforeNonLaw.contains(tokens[words.first - 1].folded.bytes)
            {
                return nil
            }
            if conventionContext(before: words.first) { return nil }
            let foreign = (name.first...name.last).contains { t in
                startsUppercase(t) && CitationLexicon.foreignCountries.contains { spaced($0, at: t) }
            }
            if foreign { return nil }
        }
        return finish(
            type: .luat, number: 0, issuer: nil, year: year, name: title(words, name),
            start: tokens[words.first].byteRange.lowerBound, firstToken: words.first, last: yearToken)
    }

    /// A law's title as written, NFC: its type words as a title writes them (`Luật`, `Bộ
    /// luật`), then the name's words apart by a space, or `, ` where a comma stands.
    func title(_ words: PhraseMatch, _ name: LawName) -> String? {
        guard let title = words.phrase.title else { return nil }
        var written = title
        for t in name.first...name.last {
            written += t > name.first && gap(after: t - 1).kind == .other ? ", " : " "
            written += tokens[t].text
        }
        return written.utf8.allSatisfy { $0 < 0x80 } ? written : UnicodeForms.nfc(written)
    }

    /// Whether `công ước` is among the eight tokens before `first`.
    func conventionContext(before first: Int) -> Bool {
        (max(0, first - 8)..<first).contains { t in
            isWord(t, CitationLexicon.cong) && isWord(t + 1, CitationLexicon.uoc)
        }
    }

    func startsUppercase(_ t: Int) -> Bool { tokens[t].text.unicodeScalars.first?.properties.isUppercase == true }

    func startsLowercase(_ t: Int) -> Bool { tokens[t].text.unicodeScalars.first?.properties.isLowercase == true }

    /// Whether token `t` is one of ``CitationLexicon/lawNameStoppers``.
    func isLawNameStopper(_ t: Int) -> Bool {
        let exact = tokens[t].exact.bytes
        return CitationLexicon.lawNameStoppers.exact.contains(exact)
            || (exact == tokens[t].folded.bytes && CitationLexicon.lawNameStoppers.folded.contains(exact))
    }

    /// The type of a citation whose type word says `word` and whose code says `code`: the
    /// word when they agree or the code is ambiguous (`Quy định 1193-QĐ/TU`), the code when
    /// they disagree (`văn bản số 12/QĐ-UBND` is a Quyết định).
    static func resolve(word: DirectiveType, code: DirectiveType?) -> DirectiveType {
        guard let code, code != word, !word.matches(code) else { return word }
        if (code == .thongTu || code == .thongTri) && (word == .thongTu || word == .thongTri) { return word }
        return code
    }

    /// `:` or `.` between `số` and the number (`số: 02`).
    static func isNumberMark(_ gap: CitationGap, _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ t: Int)
        -> Bool
    {
        gap.kind == .other
            && CitationGap.only(bytes, tokens[t - 1].byteRange.upperBound..<tokens[t].byteRange.lowerBound, ":.")
    }

    // MARK: Bare codes

    /// A code without a type word (`21-KL/TW`, `67/2014/NĐ-CP`): the type comes from its
    /// abbreviation, and it must name an issuer.
    func bareCode(at i: Int) -> CitationMatch? {
        guard let number = plainNumber(i) ?? soNumber(i), gap(after: i).kind == .separator,
            !Self.followsSeparator(bytes, number.range.lowerBound),
            let code = parseCode(after: i), let type = code.type, code.issuer != nil
        else { return nil }
        return finish(
            type: type, number: number.value, issuer: code.issuer, year: code.year, name: nil,
            start: number.range.lowerBound, firstToken: i, last: code.last, trailing: code.trailing)
    }

    /// Whether the byte before `start` (spaces skipped) is `-`, `/` or a dash: then a number
    /// is inside a longer code (`Nghị định /2006/NĐ-CP` lacks its number; `19-2017/NQ-CP`).
    static func followsSeparator(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        var p = start - 1
        while p >= 0 && bytes[p] == 0x20 { p -= 1 }
        guard p >= 0 else { return false }
        if bytes[p] == CitationGap.hyphen || bytes[p] == CitationGap.slash { return true }
        return p >= 2 && CitationGap.separator(bytes, p - 2, p + 1) != nil
    }

    // MARK: After the number

    enum Follower {
        case reject
        case accept
        /// `năm 2010` follows: the year of the number, ending at the token.
        case year(Int, Int)
    }

    /// Whether what follows a loose number (no code) fits a citation. `lenient` (after `số`,
    /// or a type that is seldom a verb): anything but a counter; otherwise only the words of
    /// ``CitationLexicon/wordsAfterNumber``, punctuation, a line break or the end.
    func follower(after k: Int, lenient: Bool) -> Follower {
        let gap = gap(after: k)
        switch gap.kind {
        case .end: return .accept
        case .touching, .separator: return .reject
        case .other:
            switch gap.first {
            case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: ")"),
                UInt8(ascii: "("), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "!"),
                UInt8(ascii: "?"), 0xE2 /* ” “ … */, 0xC2 /* « » */:
                return .accept
            default: return .reject
            }
        case .space:
            if gap.newline { return .accept }
            let t = k + 1
            if tokens[t].isNumber { return .reject }
            if isWord(t, CitationLexicon.ngay) {
                return t + 1 < tokens.count && tokens[t + 1].isNumber ? .accept : .reject
            }
            if isWord(t, CitationLexicon.nam) {
                guard let (year, last) = yearAfterNam(k) else { return .reject }
                return .year(year, last)
            }
            let folded = tokens[t].folded.bytes
            if lenient { return isCounter(t) ? .reject : .accept }
            return CitationLexicon.wordsAfterNumber.contains(folded) ? .accept : .reject
        }
    }

    /// Whether token `t` is a counter or unit (``CitationLexicon/counters``); `đồng ý`
    /// ("agree") is not.
    func isCounter(_ t: Int) -> Bool {
        let exact = tokens[t].exact.bytes
        let plain = exact == tokens[t].folded.bytes
        guard
            CitationLexicon.counters.exact.contains(exact) || (plain && CitationLexicon.counters.folded.contains(exact))
        else { return false }
        if tokens[t].folded.bytes == Self.dong && t + 1 < tokens.count && gap(after: t).kind == .space {
            let next = tokens[t + 1].exact.bytes
            if next == Self.yAcute || (plain && next == Self.y) { return false }
        }
        return true
    }

    private static let dong = Array("dong".utf8)
    private static let yAcute = Array("ý".utf8)
    private static let y = Array("y".utf8)

    /// `năm 2010` right after token `k`: the year and the year's token.
    func yearAfterNam(_ k: Int) -> (Int, Int)? {
        guard k + 2 < tokens.count, gap(after: k).kind == .space, isWord(k + 1, CitationLexicon.nam),
            gap(after: k + 1).kind == .space, let year = yearNumber(k + 2)
        else { return nil }
        return (year, k + 2)
    }

    /// Whether a foreign body, after `của` or not, follows token `k` (`nghị quyết 2270 của
    /// Hội đồng Bảo an`, `Nghị quyết 2270 Hội đồng Bảo an`).
    func foreignIssuer(after k: Int) -> Bool {
        guard k + 1 < tokens.count, gap(after: k).kind == .space else { return false }
        let start = isWord(k + 1, CitationLexicon.cua) ? k + 2 : k + 1
        return CitationLexicon.foreignIssuers.contains { spaced($0, at: start) }
    }

    /// Whether one of ``CitationLexicon/navalWords`` is among the six tokens before `first`.
    func navalContext(before first: Int) -> Bool {
        (max(0, first - 6)..<first).contains { t in CitationLexicon.navalWords.contains { isWord(t, $0) } }
    }

    /// `của Bộ Chính trị` (and the like) after token `k`, or a name without `của` where it
    /// cannot be read otherwise (`Chỉ thị 05 Bộ Chính trị`, `Nghị quyết 35 Chính phủ`:
    /// the phrases marked `direct` in ``Issuers/textPhrases``): the issuer and the phrase's
    /// last token.
    func issuerPhrase(after k: Int) -> (String, Int)? {
        guard k + 1 < tokens.count, gap(after: k).kind == .space else { return nil }
        let hasCua = isWord(k + 1, CitationLexicon.cua)
        let start = hasCua ? k + 2 : k + 1
        guard start < tokens.count, hasCua ? gap(after: k + 1).kind == .space : !gap(after: k).newline else {
            return nil
        }
        for (words, issuer, direct) in CitationLexicon.issuerPhrases
        where (hasCua || direct) && spaced(words, at: start) {
            var after = start + words.count
            if words.last != Self.uong && spaced([Self.trung, Self.uong], at: after) { after += 2 }
            if after < tokens.count && gap(after: after - 1).kind == .space
                && CitationLexicon.issuerPhraseStoppers.contains(tokens[after].folded.bytes)
            {
                return nil
            }
            return (issuer, start + words.count - 1)
        }
        return nil
    }

    private static let trung = Array("trung".utf8)
    private static let uong = Array("uong".utf8)

    /// Whether the folded `words` are the tokens from `start`, apart by whitespace.
    func spaced(_ words: [[UInt8]], at start: Int) -> Bool {
        guard start + words.count <= tokens.count else { return false }
        for (k, word) in words.enumerated() {
            if k > 0 && gap(after: start + k - 1).kind != .space { return false }
            if tokens[start + k].folded.bytes != word { return false }
        }
        return true
    }

    /// Builds the citation: the key, its byte range, the issuer from `của …` when the code
    /// gave none (not for a law cited by title: its issuer is the National Assembly), and a
    /// date after either. `trailing` bytes of the last token are a glued word, not the
    /// citation's (``ParsedCode/trailing``): then nothing after it is read.
    func finish(
        type: DirectiveType, number: Int, issuer: String?, year: Int?, name: String?, start: Int, firstToken: Int,
        last: Int, trailing: Int = 0
    ) -> CitationMatch {
        var issuer = issuer
        var last = last
        var date = trailing > 0 ? nil : readDate(after: last, year: year)
        if trailing == 0, issuer == nil, number > 0,
            let (phraseIssuer, phraseLast) = issuerPhrase(after: date?.last ?? last)
        {
            issuer = phraseIssuer
            last = phraseLast
            if date == nil { date = readDate(after: last, year: year) }
        }
        let key = DirectiveKey(type: type, number: number, issuer: issuer, year: year, name: name)
        let range = start..<(tokens[last].byteRange.upperBound - trailing)
        return CitationMatch(
            citation: Citation(key: key, byteRange: range, date: date?.date), firstToken: firstToken, lastToken: last)
    }

    // MARK: Tokens

    func gap(after i: Int) -> CitationGap {
        guard i + 1 < tokens.count else { return CitationGap(kind: .end) }
        return CitationGap(bytes, tokens[i].byteRange.upperBound..<tokens[i + 1].byteRange.lowerBound)
    }

    /// Whether token `i` is `word`: folded equal, exact equal or written without diacritics.
    func isWord(_ i: Int, _ word: CitationWord) -> Bool {
        guard i < tokens.count, tokens[i].folded.bytes == word.folded else { return false }
        let exact = tokens[i].exact.bytes
        return exact == word.exact || exact == word.folded
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
