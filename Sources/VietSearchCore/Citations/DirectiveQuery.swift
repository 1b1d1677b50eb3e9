import VietAnalysis

/// What a user types to look up a directive (`vietsearch cite`), read as a key.
public enum DirectiveQuery {
    /// The forms ``parse(_:analyzer:)`` understands, for messages.
    public static let forms = [
        "Kết luận 21", "ket luan 21", "Kết luận số 21-KL/TW", "21-KL/TW", "KL 21", "Chỉ thị 05 của Bộ Chính trị",
        "Nghị định 67/2014/NĐ-CP", "67/2014/NĐ-CP", "Nghị định 71 năm 2010", "QĐ 707", "ND67", "NQ35",
        "Luật Đất đai 2013", "Bộ luật Hình sự 2015", "Luật số 45/2013/QH13",
    ]

    /// Why a text is not a directive.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public var description: String {
            "“\(text)” is not a directive citation; forms understood: " + forms.joined(separator: ", ")
        }
    }

    /// The key `text` names: a type word or abbreviation and a number, optionally with
    /// `số`, a code, `năm YYYY` or `của Bộ Chính trị`-like issuer; or a code alone. Case and
    /// diacritics do not matter. The whole text must be the citation. `QĐ 707` gives type
    /// ``DirectiveType/qd`` (either kind); `TT 15` Thông tư.
    public static func parse(_ text: String, analyzer: Analyzer) throws(Error) -> DirectiveKey {
        let typed = text
        let text = spacedCompact(text)
        let tokens = analyzer.tokens(text)
        var bytes = text
        let key = bytes.withUTF8 { bytes -> DirectiveKey? in
            let scanner = CitationScanner(bytes: bytes, tokens: tokens, forQuery: true)
            guard !tokens.isEmpty else { return nil }
            if let found = scanner.match(at: 0), found.lastToken == tokens.count - 1 { return found.citation.key }
            return abbreviated(scanner)
        }
        guard let key else { throw Error(text: typed) }
        return key
    }

    /// A compact form (`KL21`, `ND67`, `NĐ67/2014`, `NQ35`: a type abbreviation glued to the
    /// number) spaced as `KL 21`; any other text as it is.
    static func spacedCompact(_ text: String) -> String {
        let trimmed = text.drop { $0.isWhitespace }
        let letters = trimmed.prefix { $0.isLetter }
        guard !letters.isEmpty, letters.count <= 4, trimmed.dropFirst(letters.count).first?.isASCII == true,
            trimmed.dropFirst(letters.count).first?.isNumber == true,
            CitationLexicon.abbreviations[Array(UserText.fold(String(letters)).utf8)] != nil
        else { return text }
        return letters + " " + trimmed.dropFirst(letters.count)
    }

    /// `KL 21`, `NĐ 67/2014`, `QĐ 707-QĐ/TU`: an abbreviation, then a number and the rest.
    private static func abbreviated(_ scanner: CitationScanner) -> DirectiveKey? {
        let tokens = scanner.tokens
        guard tokens.count >= 2, var type = CitationLexicon.abbreviations[tokens[0].folded.bytes],
            scanner.gap(after: 0).kind == .space, let number = scanner.plainNumber(1)
        else { return nil }
        if type == .quyetDinh { type = .qd }
        var issuer: String?
        var year: Int?
        var last = 1
        if let code = scanner.parseCode(after: 1) {
            type = CitationScanner.resolve(word: type, code: code.type)
            issuer = code.issuer
            year = code.year
            last = code.last
        } else if let (namYear, namLast) = scanner.yearAfterNam(1) {
            year = namYear
            last = namLast
        }
        if issuer == nil, let (phraseIssuer, phraseLast) = scanner.issuerPhrase(after: last) {
            issuer = phraseIssuer
            last = phraseLast
        }
        guard last == tokens.count - 1 else { return nil }
        return DirectiveKey(type: type, number: number.value, issuer: issuer, year: year)
    }
}
