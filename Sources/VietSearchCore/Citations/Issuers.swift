import VietAnalysis

/// Text a user typed (an issuer's name, a type's name), folded for comparison: ICU's fold
/// (lowercase, no diacritics, `đ` → `d`), every run of other characters than ASCII letters
/// and digits one space. `Bộ Chính trị`, `bo chinh tri` and `BỘ CHÍNH TRỊ` are `bo chinh
/// tri`. The one folding of user text in the citation code.
public enum UserText {
    public static func fold(_ text: String) -> String {
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : UnicodeForms.folded(text)
        var out: [UInt8] = []
        for byte in folded.utf8 {
            if byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 {
                out.append(byte)
            } else if let last = out.last, last != 0x20 {
                out.append(0x20)
            }
        }
        while out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Who issues documents: the codes written after the type abbreviation and the names they
/// stand for, in one table. It serves `directives --issuer` (a code or a name), the issuers
/// read from words after a number (`Chỉ thị 05 của Bộ Chính trị` is `05-CT/TW`), and
/// ``ImpliedIssuers``.
public enum Issuers {
    public struct Entry: Sendable {
        /// The canonical code (``DirectiveKey/canonicalIssuer(_:)``): `TW`, `TTG`, `BGDDT`.
        public let code: String
        /// The code as documents write it: `TTg`, `BGDĐT`.
        public let written: String
        /// Names in Vietnamese, with diacritics; also read in text after `của` when
        /// ``inText``.
        public let names: [String]
        /// Whether `của NAME` in a text gives this issuer: only central bodies with one code
        /// each (a `Thành ủy` could be any city's, and `Tỉnh ủy` is left to codes).
        public let inText: Bool
        /// Whether the code carries a term number (`QH13`, `UBTVQH14`): then any such code is
        /// this issuer.
        public let numbered: Bool
    }

    private static func entry(
        _ written: String, _ names: [String], inText: Bool = false, numbered: Bool = false
    ) -> Entry {
        Entry(
            code: DirectiveKey.canonicalIssuer(written)!, written: written, names: names, inText: inText,
            numbered: numbered)
    }

    /// Sources: the Party's codes from Quy định 66-QĐ/TW (2017) on the Party's documents
    /// (`TW` for the Central Committee, its Politburo and Secretariat; `TU`, `HU`, `QU`,
    /// `ThU`, `ĐU` for provincial, district, urban district, town and Party committees);
    /// the State's from Nghị định 30/2020/NĐ-CP, Phụ lục III (abbreviations of issuers) and the
    /// ministries' own codes as they sign them.
    public static let entries: [Entry] = [
        entry(
            "TW", ["Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "BCH TW", "BCHTW", "Trung ương"],
            inText: true),
        entry("BTCTW", ["Ban Tổ chức Trung ương"], inText: true),
        entry("BTGTW", ["Ban Tuyên giáo Trung ương"], inText: true),
        entry("QUTW", ["Quân ủy Trung ương"], inText: true),
        entry("TU", ["Tỉnh ủy", "Thành ủy"]),
        entry("ThU", ["Thị ủy"]),
        entry("HU", ["Huyện ủy"]),
        entry("QU", ["Quận ủy"]),
        entry("ĐU", ["Đảng ủy"]),
        entry("TTg", ["Thủ tướng", "Thủ tướng Chính phủ"], inText: true),
        entry("CP", ["Chính phủ"], inText: true),
        entry("VPCP", ["Văn phòng Chính phủ"]),
        entry("QH", ["Quốc hội"], numbered: true),
        entry("UBTVQH", ["Ủy ban Thường vụ Quốc hội"], numbered: true),
        entry("BGDĐT", ["Bộ Giáo dục và Đào tạo"]),
        entry("BTC", ["Bộ Tài chính"]),
        entry("BCA", ["Bộ Công an"]),
        entry("BQP", ["Bộ Quốc phòng"]),
        entry("BYT", ["Bộ Y tế"]),
        entry("BCT", ["Bộ Công Thương"]),
        entry("BNV", ["Bộ Nội vụ"]),
        entry("BTP", ["Bộ Tư pháp"]),
        entry("BXD", ["Bộ Xây dựng"]),
        entry("BGTVT", ["Bộ Giao thông vận tải"]),
        entry("BTNMT", ["Bộ Tài nguyên và Môi trường"]),
        entry("BLĐTBXH", ["Bộ Lao động Thương binh và Xã hội"]),
        entry("BNNPTNT", ["Bộ Nông nghiệp và Phát triển nông thôn"]),
        entry("BKHĐT", ["Bộ Kế hoạch và Đầu tư"]),
        entry("BTTTT", ["Bộ Thông tin và Truyền thông"]),
        entry("BVHTTDL", ["Bộ Văn hóa Thể thao và Du lịch"]),
        entry("NHNN", ["Ngân hàng Nhà nước"]),
        entry("UBND", ["Ủy ban nhân dân"]),
        entry("HĐND", ["Hội đồng nhân dân"]),
    ]

    /// The entries a user's `--issuer` names: by code (`TTg`, `ttg`, `TƯ`) or by name (`Thủ
    /// tướng`, `bo chinh tri`); empty when it is neither (it is then compared as a code).
    public static func entries(named text: String) -> [Entry] {
        let folded = UserText.fold(text)
        let code = DirectiveKey.canonicalIssuer(text)
        return entries.filter { entry in
            entry.code == code || entry.names.contains { UserText.fold($0) == folded }
        }
    }

    /// Whether a key's canonical issuer is what `--issuer text` asks for: an entry's code
    /// (for a numbered one any term, `QH13`), the first part of a compound issuer
    /// (`UBND` finds `UBND-CTXDGT`), or, for what the table does not know, the same
    /// canonical code.
    public static func filter(_ text: String) -> (String?) -> Bool {
        let codes = entries(named: text).map { ($0.code, $0.numbered) }
        let asked = DirectiveKey.canonicalIssuer(text)
        return { issuer in
            guard let issuer else { return false }
            let first = issuer.split(separator: "-").first.map(String.init) ?? issuer
            if codes.isEmpty { return issuer == asked || first == asked }
            return codes.contains { code, numbered in
                if issuer == code || first == code { return true }
                return numbered && first.hasPrefix(code) && first.dropFirst(code.count).allSatisfy(\.isNumber)
                    && first.count > code.count
            }
        }
    }

    /// `của NAME` phrases for the recognizer: folded words → canonical code, longest first.
    /// `direct`: the phrase also gives the issuer right after a number, without `của`
    /// (`Chỉ thị 05 Bộ Chính trị`): a name of two words or more, not a code (`Quyết định
    /// 15 TTg`) and not `Trung ương` alone (`Nghị quyết 4 Trung ương` may name a plenum).
    static let textPhrases: [(words: [[UInt8]], issuer: String, direct: Bool)] = {
        var phrases: [(words: [[UInt8]], issuer: String, direct: Bool)] = []
        for entry in entries where entry.inText {
            for name in entry.names + [entry.written] {
                let words = UserText.fold(name).split(separator: " ").map { Array($0.utf8) }
                let direct = name != entry.written && words.count >= 2 && UserText.fold(name) != "trung uong"
                phrases.append((words, entry.code, direct))
            }
        }
        return phrases.sorted { $0.words.count > $1.words.count }
    }()
}

/// Issuers a directive's type implies, for a mention that names none: only where the type
/// has exactly one issuer.
///
/// Source: Luật Ban hành văn bản quy phạm pháp luật 2015 (80/2015/QH13), Điều 4 khoản 5 and
/// Điều 19: a `nghị định` is a document of the Government (Chính phủ), code `NĐ-CP`.
/// Not implied: a `nghị quyết` (of the National Assembly, its Standing Committee, the
/// Government, the Party, a People's Council), a `quyết định` or `thông tư` (many issuers),
/// a `pháp lệnh` (the Standing Committee, but its code carries the term, `UBTVQH15`).
public enum ImpliedIssuers {
    public static let table: [DirectiveType: String] = [.nghiDinh: "CP"]

    public static func issuer(of type: DirectiveType) -> String? { table[type] }
}
