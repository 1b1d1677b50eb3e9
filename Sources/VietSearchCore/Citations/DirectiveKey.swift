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
/// `06/2008/TTLT/BCA-VKSNDTC-TANDTC`, `UBND-CTXDGT` in `công văn 2267/UBND-CTXDGT`. Its
/// canonical form is uppercase ASCII: diacritics removed, `đ`/`Đ` → `D`, parts joined by
/// `-`, anything else dropped; `TƯ` (Trung ương) is `TW`, so it does not become `TU`
/// (Tỉnh ủy). So `21-KL/TW` and `21-kl/tw` are equal, `ThU` is `THU`, `TTg` is `TTG` and
/// `BGDĐT` is `BGDDT`.
///
/// `year` is the year written inside the number (`2014` in `67/2014/NĐ-CP`, or
/// `Nghị định 71 năm 2010`), never the date of issue: Party codes carry none, so
/// `21-KL/TW` with or without "ngày 25/10/2021" is one key.
public struct DirectiveKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let type: DirectiveType
    /// The document number as a number (`05` is 5).
    public let number: Int
    /// The canonical issuer (see the type's documentation), or nil when not cited.
    public let issuer: String?
    /// The year in the number, or nil.
    public let year: Int?

    /// A key; `issuer` is brought to its canonical form (nil when nothing of it remains).
    public init(type: DirectiveType, number: Int, issuer: String? = nil, year: Int? = nil) {
        self.init(type: type, number: number, canonicalIssuer: issuer.flatMap(Self.canonicalIssuer), year: year)
    }

    /// A key whose issuer is already canonical.
    init(type: DirectiveType, number: Int, canonicalIssuer: String?, year: Int?) {
        self.type = type
        self.number = number
        self.issuer = canonicalIssuer
        self.year = year
    }

    /// Query semantics, with `self` as the query: a partial key matches every fuller one.
    /// Types must match (``DirectiveType/matches(_:)``, so `QĐ` finds both Quyết định and
    /// Quy định), numbers be equal, a query issuer must equal the candidate's (a candidate
    /// without one does not match), and a query year must equal the candidate's when the
    /// candidate has one.
    public func matches(_ candidate: DirectiveKey) -> Bool {
        guard type.matches(candidate.type), number == candidate.number else { return false }
        if let issuer, issuer != candidate.issuer { return false }
        if let year, let candidateYear = candidate.year, year != candidateYear { return false }
        return true
    }

    /// The conventional written form: Party style `21-KL/TW` (issuer of a Party body, no
    /// year), State style `67/2014/NĐ-CP` or `35/NQ-CP`, codes without a type abbreviation
    /// with the type's name (`Luật 45/2013/QH13`, `Công văn 2267/UBND-CTXDGT`), and without
    /// an issuer the name and number (`Kết luận 21`, `Nghị định 71/2010`). Numbers below 10
    /// get a leading zero, as in the documents (`05-CT/TW`).
    public var description: String {
        let number = self.number < 10 ? "0\(self.number)" : "\(self.number)"
        let year = self.year.map { "\($0)/" } ?? ""
        guard let issuer else {
            return self.year.map { "\(type.displayName) \(number)/\($0)" } ?? "\(type.displayName) \(number)"
        }
        guard let abbreviation = type.abbreviation, type != .congVan, !Self.isNationalAssembly(issuer) else {
            return "\(type.displayName) \(number)/\(year)\(issuer)"
        }
        if self.year == nil && Self.isParty(issuer) { return "\(number)-\(abbreviation)/\(issuer)" }
        return "\(number)/\(year)\(abbreviation)-\(issuer)"
    }

    public static func < (lhs: DirectiveKey, rhs: DirectiveKey) -> Bool {
        (lhs.type.order, lhs.number, lhs.issuer == nil ? 0 : 1, lhs.issuer ?? "", lhs.year ?? 0)
            < (rhs.type.order, rhs.number, rhs.issuer == nil ? 0 : 1, rhs.issuer ?? "", rhs.year ?? 0)
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

extension DirectiveType {
    /// Declaration order, for sorting keys.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
