/// A syllable as the analyzer gives it: `folded` (no diacritics) and `exact` (NFC,
/// lowercase, canonical tone placement). A token is this syllable when its folded term is
/// `folded` and its exact term is `exact` or, for text typed without diacritics, `folded`,
/// so `để ăn` is not `đề án` but `de an` is.
struct CitationWord: Sendable {
    let folded: [UInt8]
    let exact: [UInt8]

    init(_ exact: String, folded: String) {
        self.exact = Array(exact.utf8)
        self.folded = Array(folded.utf8)
    }
}

/// The words citations are made of: type names, code abbreviations, issuer phrases, and the
/// words that may or may not follow a citation's number.
enum CitationLexicon {
    /// How much evidence a type word needs after it before it counts as a citation.
    enum Strictness: Sendable {
        /// A bare number will do (`Kết luận 21`), when the word after it fits a citation.
        case number
        /// `số` and a number (`Kế hoạch số 32`): `kế hoạch 5 năm`, `thông báo 2 vụ`,
        /// `chương trình 135` are not citations without it.
        case numbered
        /// A code (`văn bản số 571/VPCP-KTTH`); also for laws, cited by name and number
        /// (`Luật Đất đai số 45/2013/QH13`).
        case coded
    }

    /// A type name in folded and exact syllables.
    struct Phrase: Sendable {
        let words: [CitationWord]
        let type: DirectiveType
        let strictness: Strictness
        /// Words of a name may stand between the type word and `số` (`Luật Đất đai số 45/2013/QH13`).
        let takesName: Bool
    }

    /// Type phrases by the first byte of their first folded syllable, longest first.
    static let phrasesByFirstByte: [[Phrase]] = {
        func phrase(
            _ exact: String, _ folded: String, _ type: DirectiveType, _ strictness: Strictness,
            takesName: Bool = false
        ) -> Phrase {
            let words = zip(exact.split(separator: " "), folded.split(separator: " ")).map {
                CitationWord(String($0), folded: String($1))
            }
            return Phrase(words: words, type: type, strictness: strictness, takesName: takesName)
        }
        let phrases = [
            phrase("kết luận", "ket luan", .ketLuan, .number),
            phrase("chỉ thị", "chi thi", .chiThi, .number),
            phrase("nghị quyết liên tịch", "nghi quyet lien tich", .nghiQuyetLienTich, .number),
            phrase("nghị quyết", "nghi quyet", .nghiQuyet, .number),
            phrase("nghị định", "nghi dinh", .nghiDinh, .number),
            phrase("quyết định", "quyet dinh", .quyetDinh, .number),
            phrase("quy định", "quy dinh", .quyDinh, .number),
            phrase("thông tư liên tịch", "thong tu lien tich", .thongTuLienTich, .number),
            phrase("thông tư", "thong tu", .thongTu, .number),
            phrase("thông tri", "thong tri", .thongTri, .numbered),
            phrase("hướng dẫn", "huong dan", .huongDan, .number),
            phrase("đề án", "de an", .deAn, .number),
            phrase("kế hoạch", "ke hoach", .keHoach, .numbered),
            phrase("thông báo", "thong bao", .thongBao, .numbered),
            phrase("công văn", "cong van", .congVan, .number),
            phrase("văn bản", "van ban", .congVan, .coded),
            phrase("công điện", "cong dien", .congDien, .number),
            phrase("chương trình", "chuong trinh", .chuongTrinh, .numbered),
            phrase("quy chế", "quy che", .quyChe, .numbered),
            phrase("báo cáo", "bao cao", .baoCao, .numbered),
            phrase("tờ trình", "to trinh", .toTrinh, .numbered),
            phrase("pháp lệnh", "phap lenh", .phapLenh, .coded, takesName: true),
            phrase("luật", "luat", .luat, .coded, takesName: true),
        ]
        var table = [[Phrase]](repeating: [], count: 256)
        for phrase in phrases.sorted(by: { $0.words.count > $1.words.count }) {
            table[Int(phrase.words[0].folded[0])].append(phrase)
        }
        return table
    }()

    /// Type abbreviations in codes (folded): `KL`, `NĐ` (`nd`), `QĐ` (`qd`, either kind),
    /// `QĐNS` (personnel decision), `TT` (Thông tư; a Party-style code makes it Thông tri)...
    static let abbreviations: [[UInt8]: DirectiveType] = {
        var table: [[UInt8]: DirectiveType] = [:]
        for type in DirectiveType.allCases where type != .quyetDinh && type != .quyDinh && type != .thongTri {
            guard let abbreviation = type.abbreviation else { continue }
            table[fold(abbreviation)] = type
        }
        table[Array("qdns".utf8)] = .quyetDinh
        return table
    }()

    /// ASCII-folds an abbreviation: lowercase, `Đ` → `d`.
    static func fold(_ abbreviation: String) -> [UInt8] {
        abbreviation.unicodeScalars.map { $0 == "Đ" ? UInt8(ascii: "d") : UInt8($0.value) | 0x20 }
    }

    static let so = CitationWord("số", folded: "so")
    static let ngay = CitationWord("ngày", folded: "ngay")
    static let thang = CitationWord("tháng", folded: "thang")
    static let nam = CitationWord("năm", folded: "nam")
    static let cua = CitationWord("của", folded: "cua")
    static let ban = CitationWord("ban", folded: "ban")
    static let hanh = CitationWord("hành", folded: "hanh")
    static let ky = CitationWord("ký", folded: "ky")

    /// Words after which a bare number (`Nghị quyết 02 …`, no `số`, no code) is still a
    /// document number: function words and the verbs that follow a cited document. A
    /// counter after it (`kết luận 02 cuộc`, `quy định 6 người`, `hướng dẫn 4 nạn nhân`)
    /// means a quantity. `ngày` and `năm` are checked apart (a date or year must follow).
    static let wordsAfterNumber: Set<[UInt8]> = Set(
        [
            "cua", "ve", "va", "voi", "da", "dang", "se", "la", "co", "duoc", "bi", "de", "cung", "nay", "thi",
            "ma", "chua", "van", "khi", "tai", "do", "quy", "nhu", "con", "trong", "nham", "neu", "gom", "thuoc",
            "phai", "moi", "khong", "hien", "ban", "yeu", "gui", "tu", "ky", "huong", "sau", "truoc", "tren",
            "dua", "ra", "cho", "hoac", "hay", "noi", "dat", "tiep", "nhan", "di", "vao", "chi", "len", "kem",
            "thay", "sua", "bo", "het", "ap", "dieu", "khoan", "muc", "phan", "chuong", "khoa", "vua", "cac",
            "tao", "giao", "phe", "quyet", "xac", "nay", "the", "mot", "deu",
        ].map { Array($0.utf8) })

    /// Counters and units: after `số` and a number they mean a quantity (`số 3 người`).
    static let counters: Set<[UInt8]> = Set(
        [
            "thang", "tuan", "gio", "phut", "giay", "nguoi", "ty", "trieu", "nghin", "ngan", "dong", "usd", "lan",
            "ca", "vu", "truong", "don", "ho", "em", "cuoc", "chiec", "tau", "xe", "con", "cai", "loai", "nhom",
            "km", "m", "kg", "tan", "ha", "diem", "trang", "ban", "bai", "mon", "tang", "cap", "lop", "doi", "to",
            "benh", "tre", "suat", "dem", "ten", "giai", "muc", "phan",
        ].map { Array($0.utf8) })

    /// Who issued a loosely cited document, read from `của …` (`Chỉ thị số 05 của Bộ Chính
    /// trị` is `05-CT/TW`). Only central bodies with one code each; a `Thành ủy` could be any
    /// city's. A phrase followed by `đoàn`/`hội`/`mặt` (Youth Union, associations, Front)
    /// does not count.
    static let issuerPhrases: [(words: [[UInt8]], issuer: String)] = [
        (["ban", "chap", "hanh", "trung", "uong"], "TW"),
        (["ban", "to", "chuc", "trung", "uong"], "BTCTW"),
        (["ban", "tuyen", "giao", "trung", "uong"], "BTGTW"),
        (["quan", "uy", "trung", "uong"], "QUTW"),
        (["bo", "chinh", "tri"], "TW"),
        (["ban", "bi", "thu"], "TW"),
        (["bch", "tw"], "TW"),
        (["bchtw"], "TW"),
        (["trung", "uong"], "TW"),
        (["tw"], "TW"),
        (["thu", "tuong"], "TTG"),
        (["ttg"], "TTG"),
        (["chinh", "phu"], "CP"),
    ].map { (words: $0.0.map { Array($0.utf8) }, issuer: $0.1) }

    static let issuerPhraseStoppers: Set<[UInt8]> = Set(["doan", "hoi", "mat"].map { Array($0.utf8) })
}
