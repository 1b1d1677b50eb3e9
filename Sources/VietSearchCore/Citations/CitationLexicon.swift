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
        /// A bare number will do (`Nghị định 67`) unless a counter follows it: the noun is
        /// seldom anything but a document.
        case number
        /// A bare number will do (`Kết luận 21`) when the word after it fits a citation
        /// (``wordsAfterNumber``): the type word is also a verb (`kết luận 02 cuộc`,
        /// `quy định 6 người`, `hướng dẫn 4 nạn nhân`).
        case numberAndKnownWord
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
        /// For a law or code, the type words as a title begins with them (`Luật`, `Bộ luật`):
        /// its name is then kept, and it may be cited by name and year (`Luật Đất đai 2013`).
        let title: String?
    }

    /// Type phrases by the first byte of their first folded syllable, longest first.
    static let phrasesByFirstByte: [[Phrase]] = {
        func phrase(
            _ exact: String, _ folded: String, _ type: DirectiveType, _ strictness: Strictness,
            takesName: Bool = false, title: String? = nil
        ) -> Phrase {
            let words = zip(exact.split(separator: " "), folded.split(separator: " ")).map {
                CitationWord(String($0), folded: String($1))
            }
            return Phrase(words: words, type: type, strictness: strictness, takesName: takesName, title: title)
        }
        let phrases = [
            phrase("kết luận", "ket luan", .ketLuan, .numberAndKnownWord),
            phrase("chỉ thị", "chi thi", .chiThi, .number),
            phrase("nghị quyết liên tịch", "nghi quyet lien tich", .nghiQuyetLienTich, .number),
            phrase("nghị quyết", "nghi quyet", .nghiQuyet, .number),
            phrase("nghị định", "nghi dinh", .nghiDinh, .number),
            phrase("quyết định", "quyet dinh", .quyetDinh, .numberAndKnownWord),
            phrase("quy định", "quy dinh", .quyDinh, .numberAndKnownWord),
            phrase("thông tư liên tịch", "thong tu lien tich", .thongTuLienTich, .number),
            phrase("thông tư", "thong tu", .thongTu, .number),
            phrase("thông tri", "thong tri", .thongTri, .numbered),
            phrase("hướng dẫn", "huong dan", .huongDan, .numberAndKnownWord),
            phrase("đề án", "de an", .deAn, .number),
            phrase("kế hoạch", "ke hoach", .keHoach, .numbered),
            phrase("thông báo", "thong bao", .thongBao, .numbered),
            phrase("công văn", "cong van", .congVan, .numberAndKnownWord),
            phrase("văn bản", "van ban", .congVan, .coded),
            phrase("công điện", "cong dien", .congDien, .numberAndKnownWord),
            phrase("chương trình", "chuong trinh", .chuongTrinh, .numbered),
            phrase("quy chế", "quy che", .quyChe, .numbered),
            phrase("báo cáo", "bao cao", .baoCao, .numbered),
            phrase("tờ trình", "to trinh", .toTrinh, .numbered),
            phrase("pháp lệnh", "phap lenh", .phapLenh, .coded, takesName: true),
            // Common words (`phương án 2`, an option; `đề cương bài giảng`): a code only.
            phrase("phương án", "phuong an", .phuongAn, .coded),
            phrase("đề cương", "de cuong", .deCuong, .coded),
            phrase("luật", "luat", .luat, .coded, takesName: true, title: "Luật"),
            phrase("bộ luật", "bo luat", .luat, .coded, takesName: true, title: "Bộ luật"),
        ]
        var table = [[Phrase]](repeating: [], count: 256)
        for phrase in phrases.sorted(by: { $0.words.count > $1.words.count }) {
            table[Int(phrase.words[0].folded[0])].append(phrase)
        }
        return table
    }()

    /// For each byte, bit `n` is set when a phrase's first syllable starting with that byte is
    /// `n` bytes long; bits 7 and up when any does (a token that long may be glued syllables,
    /// `quyetdinh`). The scanner's pre-filter: most tokens fail it.
    static let firstSyllableLengths: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 256)
        for (byte, phrases) in phrasesByFirstByte.enumerated() where !phrases.isEmpty {
            for phrase in phrases { table[byte] |= 1 << phrase.words[0].folded.count }
            table[byte] |= 0xFF80
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
        // The Party's Quy định since 2021 (`Quy định số 08-QĐi/TW`, Hướng dẫn 36-HD/VPTW
        // on the Party's document forms): `QĐ` alone stays either kind.
        table[Array("qdi".utf8)] = .quyDinh
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
    static let va = CitationWord("và", folded: "va")
    static let ban = CitationWord("ban", folded: "ban")
    static let hanh = CitationWord("hành", folded: "hanh")
    static let ky = CitationWord("ký", folded: "ky")
    static let bo = CitationWord("bộ", folded: "bo")

    /// Words after which a bare number (`Quyết định 24, …`, no `số`, no code) of a type that
    /// is also a verb is still a document number: function words and the verbs that follow
    /// a cited document. `ngày` and `năm` are checked apart (a date or year must follow).
    static let wordsAfterNumber: Set<[UInt8]> = Set(
        [
            "cua", "ve", "va", "voi", "da", "dang", "se", "la", "co", "duoc", "bi", "de", "cung", "nay", "thi",
            "ma", "chua", "van", "khi", "tai", "do", "quy", "nhu", "con", "trong", "nham", "neu", "gom", "thuoc",
            "phai", "moi", "khong", "hien", "ban", "yeu", "gui", "tu", "ky", "huong", "sau", "truoc", "tren",
            "dua", "ra", "cho", "hoac", "hay", "noi", "dat", "tiep", "nhan", "di", "vao", "chi", "len", "kem",
            "thay", "sua", "bo", "het", "ap", "dieu", "khoan", "muc", "phan", "chuong", "khoa", "vua", "cac",
            "tao", "giao", "phe", "quyet", "xac", "the", "mot", "deu", "lien", "chinh", "trien", "ghi", "nen",
            "can",
        ].map { Array($0.utf8) })

    /// Counters and units: after a number they make it a quantity (`số 3 người`, `nghị
    /// định 2 năm`). Compared on exact terms (`đồng` the currency, not `đồng ý`; `đội`, not
    /// `đối với`), and on folded terms for text without diacritics.
    static let counters: (exact: Set<[UInt8]>, folded: Set<[UInt8]>) = {
        let words = [
            ("tháng", "thang"), ("tuần", "tuan"), ("giờ", "gio"), ("phút", "phut"), ("giây", "giay"),
            ("người", "nguoi"), ("tỷ", "ty"), ("tỉ", "ti"), ("triệu", "trieu"), ("nghìn", "nghin"), ("ngàn", "ngan"),
            ("đồng", "dong"), ("usd", "usd"), ("lần", "lan"), ("ca", "ca"), ("vụ", "vu"), ("trường", "truong"),
            ("đơn", "don"), ("hộ", "ho"), ("em", "em"), ("cuộc", "cuoc"), ("chiếc", "chiec"), ("tàu", "tau"),
            ("xe", "xe"), ("con", "con"), ("cái", "cai"), ("loại", "loai"), ("nhóm", "nhom"), ("km", "km"),
            ("m", "m"), ("kg", "kg"), ("tấn", "tan"), ("ha", "ha"), ("điểm", "diem"), ("trang", "trang"),
            ("bài", "bai"), ("môn", "mon"), ("tầng", "tang"), ("cấp", "cap"), ("lớp", "lop"), ("đội", "doi"),
            ("tổ", "to"), ("bệnh", "benh"), ("trẻ", "tre"), ("suất", "suat"), ("đêm", "dem"), ("tên", "ten"),
            ("giải", "giai"), ("mục", "muc"), ("phần", "phan"), ("học", "hoc"), ("thí", "thi"), ("hạng", "hang"),
            ("căn", "can"), ("ngôi", "ngoi"), ("tuổi", "tuoi"), ("lượt", "luot"), ("thửa", "thua"), ("xã", "xa"),
            ("huyện", "huyen"), ("cơ", "co"), ("doanh", "doanh"), ("bước", "buoc"),
        ]
        return (Set(words.map { Array($0.0.utf8) }), Set(words.map { Array($0.1.utf8) }))
    }()

    /// Who issued a loosely cited document, read from `của …` (`Chỉ thị số 05 của Bộ Chính
    /// trị` is `05-CT/TW`): the names of ``Issuers/entries`` marked `inText`. A phrase
    /// followed by `đoàn`/`hội`/`mặt` (Youth Union, associations, Front) does not count.
    static var issuerPhrases: [(words: [[UInt8]], issuer: String, direct: Bool)] { Issuers.textPhrases }

    /// Bodies whose resolutions are not Vietnamese documents, after `của`.
    static let foreignIssuers: [[[UInt8]]] = [
        ["hoi", "dong", "bao", "an"], ["hdba"], ["lien", "hop", "quoc"], ["lhq"], ["lien", "hiep", "quoc"],
    ].map { $0.map { Array($0.utf8) } }

    /// Words that, shortly before a loose `Đề án 941`, make it a Soviet or Russian naval
    /// "project" (ship class), not a Vietnamese scheme: `tàu ngầm Kilo Đề án 877`,
    /// `lớp Charlie (Đề án 670)`, `khu trục hạm … đề án 11356`.
    static let navalWords: [CitationWord] = [
        CitationWord("tàu", folded: "tau"), CitationWord("ngầm", folded: "ngam"), CitationWord("lớp", folded: "lop"),
        CitationWord("hạm", folded: "ham"),
    ]

    /// Words that cannot be part of a law's name (function words and the verbs that follow
    /// a title: `Luật Đất đai được thông qua năm 2013` does not name a law `Đất đai được
    /// thông qua`, `Luật CĐGT, dự kiến cuối 2017` no law `CĐGT, dự kiến cuối`), compared on
    /// exact terms, or folded for text without diacritics; the name's first word, when it has
    /// a capital, is not one (`Luật Dự trữ quốc gia`). A name holding one is no name: the
    /// mention is dropped (precision first).
    static let lawNameStoppers: (exact: Set<[UInt8]>, folded: Set<[UInt8]>) = {
        let words = [
            ("được", "duoc"), ("có", "co"), ("là", "la"), ("đã", "da"), ("đang", "dang"), ("sẽ", "se"), ("bị", "bi"),
            ("thì", "thi"), ("mà", "ma"), ("từ", "tu"), ("đến", "den"), ("vào", "vao"), ("cho", "cho"),
            ("với", "voi"), ("trong", "trong"), ("tại", "tai"), ("theo", "theo"), ("về", "ve"), ("của", "cua"),
            ("khi", "khi"), ("này", "nay"), ("đó", "do"), ("nay", "nay"), ("mới", "moi"), ("vừa", "vua"),
            ("ngày", "ngay"), ("tháng", "thang"), ("các", "cac"), ("những", "nhung"), ("một", "mot"),
            ("cũng", "cung"), ("rằng", "rang"), ("như", "nhu"), ("hoặc", "hoac"), ("hay", "hay"), ("sau", "sau"),
            ("trước", "truoc"), ("qua", "qua"), ("ban", "ban"), ("hiện", "hien"), ("sửa", "sua"), ("bổ", "bo"),
            ("nên", "nen"), ("phải", "phai"), ("không", "khong"), ("chưa", "chua"), ("để", "de"), ("do", "do"),
            ("năm", "nam"), ("số", "so"), ("ra", "ra"), ("dự", "du"), ("cuối", "cuoi"),
        ]
        return (Set(words.map { Array($0.0.utf8) }), Set(words.map { Array($0.1.utf8) }))
    }()

    /// Words right before `Luật` that make it a field of study, part of a body's name or a
    /// bill, or a foreign act, not a law of Vietnam (`Đại học Luật Hà Nội`, `cử nhân Luật Kinh
    /// tế`, `Công ty Luật Minh Khuê`, `báo Pháp luật`, `dự thảo Luật Đất đai`, `dự án Luật`,
    /// `Đạo luật Magnitsky 2012`), folded.
    static let wordsBeforeNonLaw: Set<[UInt8]> = Set(
        [
            "hoc", "khoa", "nganh", "nhan", "si", "truong", "vien", "phap", "ty", "hang", "phong", "doan", "hoi",
            "chi", "bao", "mon", "sinh", "vu", "thao", "an", "dao",
        ].map { Array($0.utf8) })

    /// Countries whose name in a law's name makes it a foreign law (`Luật Di trú và quốc tịch
    /// Mỹ 1965`, `Luật Hoàng gia Nhật Bản 1947`), not a directive of Vietnam: folded
    /// syllables, compared on capitalised words.
    static let foreignCountries: [[[UInt8]]] = [
        ["my"], ["nga"], ["phap"], ["anh"], ["duc"], ["uc"], ["lao"], ["nhat", "ban"], ["trung", "quoc"],
        ["han", "quoc"], ["an", "do"], ["thai", "lan"], ["hoa", "ky"], ["trieu", "tien"], ["campuchia"],
        ["singapore"], ["canada"], ["philippines"], ["indonesia"], ["malaysia"], ["israel"], ["iran"],
    ].map { $0.map { Array($0.utf8) } }

    /// `công ước` (a convention) shortly before `Luật Biển 1982` makes it the UN Convention on
    /// the Law of the Sea, not a law: `Công ước Liên hợp quốc về Luật Biển năm 1982`.
    static let cong = CitationWord("công", folded: "cong")
    static let uoc = CitationWord("ước", folded: "uoc")

    static let issuerPhraseStoppers: Set<[UInt8]> = Set(["doan", "hoi", "mat"].map { Array($0.utf8) })
}
