import VietAnalysis

/// A document number in the text.
struct NumberRef {
    var value: Int
    /// Its bytes in the caller's text.
    var range: Range<Int>
    var token: Int
}

/// What a document code after a number says: `-KL/TW`, `/2014/NĐ-CP`, `/NQ-CP`,
/// `/2013/QH13`, `/UBND-CTXDGT`, `/2011`.
struct ParsedCode {
    var type: DirectiveType?
    var issuer: String?
    var year: Int?
    /// The code's last token.
    var last: Int
    /// UTF-8 bytes at the end of the last token that are the next word glued to the code
    /// (`vừa` of `67/CPvừa`), not part of it.
    var trailing = 0
    /// For an issuer without a type abbreviation, one glued to its start (`NĐCP`).
    var gluedPrefix: (type: DirectiveType, length: Int)? = nil

    /// The code as read after a type word: a glued abbreviation the word agrees with is
    /// split off the issuer (`Nghị định số 121/2003/NĐCP` is `121/2003/NĐ-CP`).
    func after(word: DirectiveType) -> ParsedCode {
        guard let glued = gluedPrefix, let issuer, word.matches(glued.type) else { return self }
        var code = self
        code.type = glued.type
        code.issuer = String(issuer.dropFirst(glued.length))
        code.gluedPrefix = nil
        return code
    }
}

extension CitationScanner {
    /// The code after the number at token `n`: parts apart by `-` or `/` (dashes and
    /// spaces around them allowed, `439 – QĐNS/TW`), read as
    /// - Party style `NUMBER-ABBR/ISSUER` (`21-KL/TW`; `TT` is then Thông tri);
    /// - State style `NUMBER[/YEAR]/ABBR-ISSUER[-ISSUER…]` (`67/2014/NĐ-CP`,
    ///   `06/2008/TTLT/BCA-VKSNDTC`; also `19-2017/NQ-CP`, `134/2016-NĐ-CP`);
    /// - `NUMBER[/YEAR]/ISSUER[-…]` without an abbreviation (`45/2013/QH13`, `100/TTg`,
    ///   `2267/UBND-CTXDGT`): the issuer only, the type comes from the type word;
    /// - `NUMBER/YEAR` (or `NUMBER-YEAR`, `19-2017`) alone: the year only.
    /// Nil when nothing code-like follows or the parts fit none of these.
    func parseCode(after n: Int) -> ParsedCode? {
        var j = n
        var year: Int?
        var yearIsPlain = true
        var parts: [(token: Int, separator: UInt8)] = []
        while j + 1 < tokens.count && parts.count < 8 {
            let gap = gap(after: j)
            guard gap.kind == .separator else { break }
            if parts.isEmpty && year == nil, let value = yearNumber(j + 1) {
                // `19-2017/NQ-CP` and `19- 2017/NQ-CP` occur; a year alone must be `/2011`.
                yearIsPlain = gap.separator == CitationGap.slash && !gap.spaced
                year = value
                j += 1
                continue
            }
            guard isCodePart(j + 1, spaced: gap.spaced) else { break }
            parts.append((j + 1, gap.separator))
            j += 1
        }
        guard let first = parts.first else {
            // `71/2011`; also `19-2017` (the number cannot be a year then).
            guard let year,
                yearIsPlain
                    || (gap(after: n).separator == CitationGap.hyphen && !gap(after: n).spaced
                        && tokens[n].exact.bytes.count < 4)
            else { return nil }
            return ParsedCode(year: year, last: j)
        }
        let last = parts[parts.count - 1].token
        let glued = gluedWord(last)
        var firstFolded = tokens[first.token].folded.bytes[...]
        if parts.count == 1 { firstFolded = firstFolded.dropLast(glued.letters) }
        guard var type = CitationLexicon.abbreviations[Array(firstFolded)] else {
            guard first.separator == CitationGap.slash else { return nil }
            return ParsedCode(
                issuer: issuer(parts[...], trailing: glued.bytes), year: year, last: last, trailing: glued.bytes,
                gluedPrefix: glued.bytes == 0 ? gluedAbbreviation(first.token) : nil)
        }
        let rest = parts.dropFirst()
        if first.separator == CitationGap.hyphen && year == nil {
            guard rest.isEmpty || rest.first!.separator == CitationGap.slash else { return nil }
            if type == .thongTu { type = .thongTri }
        }
        return ParsedCode(
            type: type, issuer: rest.isEmpty ? nil : issuer(rest, trailing: glued.bytes), year: year, last: last,
            trailing: glued.bytes)
    }

    /// The next word glued to the end of code part `t` (`vừa` of `CPvừa`, `về` of `TWvề`: a
    /// space left out): a run of two lowercase letters or more after two capitals or digits
    /// or more, as its UTF-8 bytes and its letters (its folded bytes); none for codes that
    /// end in a lowercase letter of their own (`TTg`, `QĐi`) or a capital (`ThU`).
    func gluedWord(_ t: Int) -> (bytes: Int, letters: Int) {
        let scalars = Array(tokens[t].text.unicodeScalars)
        var i = scalars.count
        var letters = 0
        while i > 0 && (scalars[i - 1].properties.isLowercase || Self.isMark(scalars[i - 1])) {
            if !Self.isMark(scalars[i - 1]) { letters += 1 }
            i -= 1
        }
        let head = scalars[..<i]
        guard letters >= 2, head.count(where: { !Self.isMark($0) }) >= 2,
            head.allSatisfy({ $0.properties.isUppercase || Self.isMark($0) || ("0"..."9").contains($0) })
        else { return (0, 0) }
        return (scalars[i...].reduce(0) { $0 + UTF8.width($1) }, letters)
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .nonspacingMark
    }

    /// An abbreviation glued to the issuer (`NĐCP`): its type and length, when the rest is an
    /// issuer. The caller keeps it only when the type word agrees (`Nghị định …/NĐCP`), so
    /// `100/TTg` is not Thông tư `G`.
    func gluedAbbreviation(_ t: Int) -> (type: DirectiveType, length: Int)? {
        let folded = tokens[t].folded.bytes
        for length in stride(from: min(4, folded.count - 2), through: 2, by: -1) {
            if let type = CitationLexicon.abbreviations[Array(folded[..<length])] { return (type, length) }
        }
        return nil
    }

    /// The issuer of code parts as written (`TTg`, `BGDĐT`, `BCA-VKSNDTC`): the parts' text in
    /// NFC, joined by `-`. ``DirectiveKey`` derives the canonical form from it.
    /// `trailing` bytes of the last part are not the issuer's (``gluedWord(_:)``).
    func issuer(_ parts: ArraySlice<(token: Int, separator: UInt8)>, trailing: Int = 0) -> String {
        var written = ""
        for part in parts {
            if !written.isEmpty { written.append("-") }
            var text = tokens[part.token].text
            if part.token == parts.last?.token && trailing > 0 {
                text = String(decoding: text.utf8.dropLast(trailing), as: UTF8.self)
            }
            written += text.utf8.allSatisfy { $0 < 0x80 } ? text : UnicodeForms.nfc(text)
        }
        return written
    }

    /// Whether token `t` can be part of a code: up to 12 ASCII letters and digits (after
    /// folding), at least one letter (ICU may call `QH13` a number). After a spaced separator it must also look like a
    /// code as written, with two capitals or more (`– QĐNS`, not `- Ban`).
    func isCodePart(_ t: Int, spaced: Bool) -> Bool {
        let token = tokens[t]
        let folded = token.folded.bytes
        guard (1...12).contains(folded.count) else { return false }
        var letters = 0
        for byte in folded {
            if byte &- UInt8(ascii: "a") < 26 {
                letters += 1
            } else if !Self.isDigit(byte) {
                return false
            }
        }
        guard letters > 0 else { return false }
        return !spaced || token.text.unicodeScalars.count(where: \.properties.isUppercase) >= 2
    }

    // MARK: Numbers

    /// A number token read as a document number: digits, or thousands groups
    /// (`1.234`); not a decimal (`2,5`), not over seven digits, not 0.
    func plainNumber(_ i: Int) -> NumberRef? {
        guard tokens[i].isNumber, let value = Self.documentNumber(tokens[i].exact.bytes) else { return nil }
        return NumberRef(value: value, range: tokens[i].byteRange, token: i)
    }

    /// A number glued to `số` in one token (`số21`).
    func soNumber(_ i: Int) -> NumberRef? {
        let folded = tokens[i].folded.bytes
        guard folded.count > 2, folded.starts(with: CitationLexicon.so.folded),
            tokens[i].exact.bytes.starts(with: CitationLexicon.so.exact)
                || tokens[i].exact.bytes.starts(with: CitationLexicon.so.folded)
        else { return nil }
        return attachedNumber(i, digits: folded.count - 2)
    }

    /// The last `digits` bytes of token `i` as a number (`21` of `luận21`, `số21`).
    func attachedNumber(_ i: Int, digits: Int) -> NumberRef? {
        let range = tokens[i].byteRange
        guard digits > 0, digits < range.count else { return nil }
        let numberRange = (range.upperBound - digits)..<range.upperBound
        guard let value = Self.documentNumber(bytes[numberRange]) else { return nil }
        return NumberRef(value: value, range: numberRange, token: i)
    }

    /// A four-digit year, 1900–2100, at token `i`.
    func yearNumber(_ i: Int) -> Int? {
        guard i < tokens.count, tokens[i].isNumber else { return nil }
        let exact = tokens[i].exact.bytes
        guard exact.count == 4, let value = Self.documentNumber(exact), (1900...2100).contains(value) else {
            return nil
        }
        return value
    }

    /// `digits` or `d.ddd[.ddd]` as a positive number of at most seven digits.
    static func documentNumber<C: Collection<UInt8>>(_ bytes: C) -> Int? {
        var value = 0
        var digits = 0
        var group = 0
        var groups = 0
        for byte in bytes {
            if isDigit(byte) {
                digits += 1
                guard digits <= 7 else { return nil }  // longer runs are not document numbers
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                group += 1
            } else if byte == UInt8(ascii: ".") {
                guard groups == 0 ? (1...3).contains(group) : group == 3 else { return nil }
                groups += 1
                group = 0
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= 7, groups == 0 || group == 3, value > 0 else { return nil }
        return value
    }
}
