import VietAnalysis

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What identifies a cited document: type, number, and when the citation gives them, the
/// issuer and the year of the number.
///
/// The issuer is the part of the document code after the type abbreviation: `TW` in
/// `21-KL/TW`, `CP` in `67/2014/NĐ-CP`, `BCA-VKSNDTC-TANDTC` in
/// `06/2008/TTLT/BCA-VKSNDTC-TANDTC`, `UBND-CTXDGT` in `công văn 2267/UBND-CTXDGT`. A key
/// keeps it twice: ``writtenIssuer`` as the text writes it (`TTg`, `ThU`, `BGDĐT`, parts
/// joined by `-`), shown to users, and ``issuer``, its canonical form (``canonicalIssuer(_:)``:
/// uppercase ASCII, diacritics removed, `đ`/`Đ` → `D`, `TƯ` (Trung ương) → `TW`, not `TU`
/// (Tỉnh ủy)), which is what keys are compared by. So `21-KL/TW` and `21-kl/tw` are equal,
/// and `TTg` equals `TTG`.
///
/// `year` is the year written inside the number (`2014` in `67/2014/NĐ-CP`, or
/// `Nghị định 71 năm 2010`), never the date of issue: Party codes carry none, so
/// `21-KL/TW` with or without "ngày 25/10/2021" is one key.
///
/// A law or code may be cited by its title and year alone (`Luật Đất đai 2013`, `Bộ luật
/// Hình sự 2015`): then ``number`` is 0 (document numbers start at 1) and ``name``, the
/// title, is what identifies it with the year. A numbered law keeps the title its citation
/// gives (`Luật Đất đai số 45/2013/QH13`) for display and to link the two forms
/// (``DirectiveCatalog``), but its number identifies it: the title is then not part of the
/// key's identity.
public struct DirectiveKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let type: DirectiveType
    /// The document number as a number (`05` is 5); 0 for a law cited by name and year.
    public let number: Int
    /// The canonical issuer (see the type's documentation), or nil when not cited.
    public let issuer: String?
    /// The issuer as written (`TTg`), for display; nil exactly when ``issuer`` is nil. Not
    /// part of the key's identity.
    public let writtenIssuer: String?
    /// The year in the number, or nil.
    public let year: Int?
    /// A law's title as the citation gives it, type word included, folded
    /// (``UserText/fold(_:)``: `luat dat dai` for `Luật Đất đai`), a code's `Bộ luật` read
    /// as `Luật` (`luat hinh su` for `Bộ luật Hình sự`: ``Title/identity(_:)``), or nil.
    /// Part of the identity only when ``number`` is 0.
    public var name: String? { title?.folded }
    /// The title as written (`Luật Đất đai`), for display; nil exactly when ``name`` is nil.
    public var writtenName: String? { title?.written }
    /// Both forms of the title in one reference: keys are copied often (`directives` reads
    /// every mention's), and most have none.
    let title: Title?

    final class Title: Sendable {
        let folded: String
        let written: String

        /// The title `written`, or nil when folding leaves nothing of it.
        static func make(_ written: String?) -> Title? {
            guard let written else { return nil }
            let folded = UserText.fold(written)
            return folded.isEmpty ? nil : Title(folded: folded, written: written)
        }

        /// A title whose folded form is known (read from an index: no folding at read time).
        init(folded: String, written: String) {
            self.folded = Self.identity(folded)
            self.written = written
        }

        /// A folded title as it identifies a law: a code's `bo luat` read as `luat`. The
        /// archive cites a code both ways (`Bộ luật Hình sự 2015`, `Luật Hình sự 2015`),
        /// and no Vietnamese law bears a code's name.
        static func identity(_ folded: String) -> String {
            folded.hasPrefix("bo luat ") ? String(folded.dropFirst(3)) : folded
        }
    }

    /// A key; `issuer` and `name` (as written) are kept for display and brought to their
    /// canonical forms (nil when nothing of them remains).
    public init(type: DirectiveType, number: Int, issuer: String? = nil, year: Int? = nil, name: String? = nil) {
        let canonical = issuer.flatMap(Self.canonicalIssuer)
        self.init(
            type: type, number: number, canonicalIssuer: canonical, writtenIssuer: canonical == nil ? nil : issuer,
            year: year, name: name)
    }

    /// A key whose issuer is already canonical; `writtenIssuer` defaults to it.
    init(
        type: DirectiveType, number: Int, canonicalIssuer: String?, writtenIssuer: String? = nil, year: Int?,
        name: String? = nil
    ) {
        self.init(
            type: type, number: number, canonicalIssuer: canonicalIssuer, writtenIssuer: writtenIssuer, year: year,
            title: Title.make(name))
    }

    private init(
        type: DirectiveType, number: Int, canonicalIssuer: String?, writtenIssuer: String?, year: Int?, title: Title?
    ) {
        self.type = type
        self.number = number
        self.issuer = canonicalIssuer
        self.writtenIssuer = canonicalIssuer == nil ? nil : writtenIssuer ?? canonicalIssuer
        self.year = year
        self.title = title
    }

    /// Whether this is a law or code cited by name and year, without a number.
    public var isNamedLaw: Bool { number == 0 }

    public static func == (lhs: DirectiveKey, rhs: DirectiveKey) -> Bool {
        lhs.type == rhs.type && lhs.number == rhs.number && lhs.issuer == rhs.issuer && lhs.year == rhs.year
            && (lhs.number != 0 || lhs.name == rhs.name)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(number)
        hasher.combine(issuer)
        hasher.combine(year)
        if number == 0 { hasher.combine(name) }
    }

    /// The same key with another spelling of its issuer.
    func written(_ issuer: String?) -> DirectiveKey {
        guard let issuer, self.issuer != nil else { return self }
        return DirectiveKey(
            type: type, number: number, canonicalIssuer: self.issuer, writtenIssuer: issuer, year: year, title: title)
    }

    /// The same key with the title `title` (a numbered law's, or another spelling).
    func named(_ title: Title?) -> DirectiveKey {
        guard let title, title !== self.title else { return self }
        return DirectiveKey(
            type: type, number: number, canonicalIssuer: issuer, writtenIssuer: writtenIssuer, year: year,
            title: title)
    }

    /// Query semantics, with `self` as the query: whether `candidate` may be the document
    /// the query names (``DirectiveMatch``). Types must match (``DirectiveType/matches(_:)``,
    /// so `QĐ` finds both Quyết định and Quy định) and numbers be equal; an issuer or a year
    /// stated by both must be equal. A part stated by only one side does not exclude.
    public func matches(_ candidate: DirectiveKey) -> Bool { match(candidate) != nil }

    /// How `candidate` matches `self` taken as a query: ``DirectiveMatch/certain`` when it
    /// states every part the query states (and agrees), ``DirectiveMatch/possible`` when it
    /// agrees but leaves out some of them (`67/NĐ-CP` for the query `67/2014/NĐ-CP`; a
    /// `QĐ` code for `Quyết định 707`), nil when it is another document.
    ///
    /// A law asked for by title and year (`Luật Đất đai 2013`) is a mention that gives the
    /// same title and year, with or without a number (`Luật Đất đai số 45/2013/QH13`).
    public func match(_ candidate: DirectiveKey) -> DirectiveMatch? {
        if number == 0 {
            guard let name, type == candidate.type, candidate.name == name, year == candidate.year else { return nil }
            return .certain
        }
        guard number == candidate.number, type.matches(candidate.type) else { return nil }
        if let issuer, let other = candidate.issuer, issuer != other { return nil }
        if let year, let other = candidate.year, year != other { return nil }
        let complete =
            (issuer == nil || candidate.issuer != nil) && (year == nil || candidate.year != nil)
            && (type == candidate.type || type == .qd)
        return complete ? .certain : .possible
    }

    /// Whether `other` is the same document stated more fully: it matches `self` for
    /// certain and is not equal to it.
    func isRefined(by other: DirectiveKey) -> Bool { self != other && match(other) == .certain }

    /// The key with the issuer its type implies when it names none (``ImpliedIssuers``):
    /// `Nghị định 67/2014` is `67/2014/NĐ-CP`.
    public var withImpliedIssuer: DirectiveKey {
        guard issuer == nil, let implied = ImpliedIssuers.issuer(of: type) else { return self }
        return DirectiveKey(
            type: type, number: number, canonicalIssuer: implied, writtenIssuer: nil, year: year, title: title)
    }

    /// The conventional written form: Party style `21-KL/TW` (issuer of a Party body, no
    /// year), State style `67/2014/NĐ-CP` or `35/NQ-CP`, codes without a type abbreviation
    /// with the type's name (`Luật 45/2013/QH13`, `Công văn 2267/UBND-CTXDGT`), and without
    /// an issuer the name and number (`Kết luận 21`, `Nghị định 71/2010`). Numbers below 10
    /// get a leading zero, as in the documents (`05-CT/TW`). A law's title stands for its
    /// type: `Luật Đất đai 2013`, `Bộ luật Hình sự 100/2015/QH13`.
    public var description: String {
        let typeName = writtenName ?? type.displayName
        if number == 0 { return year.map { "\(typeName) \($0)" } ?? typeName }
        let number = self.number < 10 ? "0\(self.number)" : "\(self.number)"
        let year = self.year.map { "\($0)/" } ?? ""
        guard let issuer, let written = writtenIssuer else {
            return self.year.map { "\(typeName) \(number)/\($0)" } ?? "\(typeName) \(number)"
        }
        // A State công văn's code has no `CV` (`211/BTC-TCDN`); the Party's has (`4171-CV/VPTW`).
        let partyCode = self.year == nil && Self.isParty(issuer)
        guard let abbreviation = type.abbreviation, type != .congVan || partyCode, !Self.isNationalAssembly(issuer)
        else {
            return "\(typeName) \(number)/\(year)\(written)"
        }
        if partyCode { return "\(number)-\(abbreviation)/\(written)" }
        return "\(number)/\(year)\(abbreviation)-\(written)"
    }

    public static func < (lhs: DirectiveKey, rhs: DirectiveKey) -> Bool {
        (lhs.type.order, lhs.number, lhs.issuer == nil ? 0 : 1, lhs.issuer ?? "", lhs.year ?? 0, lhs.name ?? "")
            < (rhs.type.order, rhs.number, rhs.issuer == nil ? 0 : 1, rhs.issuer ?? "", rhs.year ?? 0, rhs.name ?? "")
    }

    /// Whether a canonical issuer is a Party body: ends in `TW` (Central Committee), `TU`
    /// (provincial or city committee), `HU`, `QU`, `THU` (district, town committee), `DU`,
    /// `DUK` (Party committees), or is `BCSD` (Party caucus).
    static func isParty(_ issuer: String) -> Bool {
        let last = issuer.split(separator: "-").last ?? ""
        return ["TW", "TU", "HU", "QU", "DU", "DUK"].contains { last.hasSuffix($0) } || last == "BCSD"
    }

    /// `QH13`, `UBTVQH14`: the National Assembly numbers its laws and resolutions without a
    /// type abbreviation.
    static func isNationalAssembly(_ issuer: String) -> Bool {
        issuer.hasPrefix("QH") || issuer.hasPrefix("UBTVQH")
    }

    /// The canonical form of an issuer as written, or nil when no letter or digit remains.
    static func canonicalIssuer(_ written: String) -> String? {
        if let ascii = asciiCanonical(written) { return ascii }
        var folded = written.replacing("TƯ", with: "TW").replacing("tư", with: "TW")
        if !folded.utf8.allSatisfy({ $0 < 0x80 }) {
            // Folding takes marks off and đ/Đ/Ð to d; dashes of every kind become '-'.
            folded = UnicodeForms.folded(
                String(
                    folded.unicodeScalars.map {
                        (0x2010...0x2015).contains($0.value) || $0.value == 0x2212 ? "-" : Character($0)
                    }))
        }
        var bytes: [UInt8] = []
        for byte in folded.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 0x20)
            case UInt8(ascii: "-"), UInt8(ascii: "/"):
                if let last = bytes.last, last != UInt8(ascii: "-") { bytes.append(UInt8(ascii: "-")) }
            default: break
            }
        }
        while bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

extension DirectiveKey {
    /// The canonical form of an ASCII issuer (no `tư` to replace), `written` itself when it
    /// is canonical already (the `.cite` reader's usual case: no new string); nil when it
    /// is not ASCII.
    @inline(__always)
    static func asciiCanonical(_ written: String) -> String?? {
        let original = written
        var written = written
        return written.withUTF8 { bytes -> String?? in
            // Most issuers are stored canonical already (`TW`, `CP`): no new string then.
            var canonical = !bytes.isEmpty && bytes.last != UInt8(ascii: "-") && bytes.first != UInt8(ascii: "-")
            var previous: UInt8 = 0
            for byte in bytes where canonical {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): break
                case UInt8(ascii: "-"): canonical = previous != UInt8(ascii: "-")
                default: canonical = false
                }
                previous = byte
            }
            if canonical { return .some(original) }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte)
                case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(byte - 0x20)
                case UInt8(ascii: "-"), UInt8(ascii: "/"):
                    if let last = out.last, last != UInt8(ascii: "-") { out.append(UInt8(ascii: "-")) }
                case 0x80...: return nil
                default: break
                }
            }
            while out.last == UInt8(ascii: "-") { out.removeLast() }
            return .some(out.isEmpty ? nil : String(decoding: out, as: UTF8.self))
        }
    }
}

/// How a mention matches a directive asked for (``DirectiveKey/match(_:)``).
public enum DirectiveMatch: Sendable, Comparable {
    /// The mention states every part of the directive asked for, and agrees.
    case certain
    /// The mention agrees but leaves out a part (the year, the issuer), so it may be another
    /// directive of the same type and number.
    case possible

    /// `certain` or `possible`, as `cite --json` writes it.
    public var name: String { self == .certain ? "certain" : "possible" }
}

extension DirectiveType {
    /// Declaration order, for sorting keys.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
