import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// A text with one citation: the mention its byte range must slice, and the key and date.
struct CitationCase: CustomTestStringConvertible, Sendable {
    let text: String
    let mention: String
    let key: DirectiveKey
    var date: String? = nil
    var testDescription: String { text }
}

private func slice(_ text: String, _ range: Range<Int>) -> String {
    String(decoding: Array(text.utf8)[range], as: UTF8.self)
}

private func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }

private func key(_ type: DirectiveType, _ number: Int, _ issuer: String? = nil, _ year: Int? = nil) -> DirectiveKey {
    DirectiveKey(type: type, number: number, issuer: issuer, year: year)
}

/// A law or code cited by title and year.
private func law(_ title: String, _ year: Int) -> DirectiveKey {
    DirectiveKey(type: .luat, number: 0, year: year, name: title)
}

struct CitationTests {
    let analyzer = try! Analyzer()
    let recognizer = CitationRecognizer()

    static let cases: [CitationCase] = [
        // Party style
        .init(
            text: "gắn với thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 về đẩy mạnh",
            mention: "Kết luận số 21-KL/TW", key: key(.ketLuan, 21, "TW"), date: "2021-10-25"),
        .init(
            text: "gắn với thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập", mention: "Chỉ thị số 05-CT/TW",
            key: key(.chiThi, 5, "TW")),
        .init(
            text: "Nghị quyết số 02-NQ/ThU, ngày 3/2/2021 của BTV Thị ủy Kỳ Anh", mention: "Nghị quyết số 02-NQ/ThU",
            key: key(.nghiQuyet, 2, "THU"), date: "2021-02-03"),
        .init(
            text: "triển khai Hướng dẫn số 12-HD/BTCTW, ngày 6/7/2018 của Ban Tổ chức Trung ương",
            mention: "Hướng dẫn số 12-HD/BTCTW", key: key(.huongDan, 12, "BTCTW"), date: "2018-07-06"),
        .init(
            text: "và Quy định 1193-QĐ/TU ngày 5/12/2019 của BTV Tỉnh ủy", mention: "Quy định 1193-QĐ/TU",
            key: key(.quyDinh, 1193, "TU"), date: "2019-12-05"),
        .init(
            text: "Đánh giá kết quả thực hiện Đề án số 16-ĐA/TU ngày 03/01/2020 của Ban Thường vụ",
            mention: "Đề án số 16-ĐA/TU", key: key(.deAn, 16, "TU"), date: "2020-01-03"),
        .init(
            text: "Thông tri số 17-TT/TW của Ban Bí thư", mention: "Thông tri số 17-TT/TW",
            key: key(.thongTri, 17, "TW")),
        .init(
            text: "theo quyết định số 439 – QĐNS/TW chỉ định", mention: "quyết định số 439 – QĐNS/TW",
            key: key(.quyetDinh, 439, "TW")),
        // State style
        .init(
            text: "theo Nghị định 67/2014/NĐ-CP của Chính phủ", mention: "Nghị định 67/2014/NĐ-CP",
            key: key(.nghiDinh, 67, "CP", 2014)),
        .init(
            text: "Nghị quyết số 35/NQ-CP ngày 16/5/2016 về hỗ trợ", mention: "Nghị quyết số 35/NQ-CP",
            key: key(.nghiQuyet, 35, "CP"), date: "2016-05-16"),
        .init(
            text: "Thủ tướng ký Quyết định 1880/QĐ-TTg phê duyệt", mention: "Quyết định 1880/QĐ-TTg",
            key: key(.quyetDinh, 1880, "TTG")),
        .init(
            text: "Thông tư 15/2017/TT-BTC quy định", mention: "Thông tư 15/2017/TT-BTC",
            key: key(.thongTu, 15, "BTC", 2017)),
        .init(
            text: "Thông tư liên tịch số 06/2008/TTLT/BCA-VKSNDTC-TANDTC ngày 25/12/2008 hướng dẫn",
            mention: "Thông tư liên tịch số 06/2008/TTLT/BCA-VKSNDTC-TANDTC",
            key: key(.thongTuLienTich, 6, "BCA-VKSNDTC-TANDTC", 2008), date: "2008-12-25"),
        .init(
            text: "một số điều của Luật Đất đai số 45/2013/QH13, trường hợp", mention: "Luật Đất đai số 45/2013/QH13",
            key: key(.luat, 45, "QH13", 2013)),
        .init(
            text: "Bộ Tài chính đã gửi Công văn số 211/BTC-TCDN báo cáo", mention: "Công văn số 211/BTC-TCDN",
            key: key(.congVan, 211, "BTC-TCDN")),
        .init(
            text: "tại văn bản 571/VPCP-KTTH ngày 19/1/2017", mention: "văn bản 571/VPCP-KTTH",
            key: key(.congVan, 571, "VPCP-KTTH"), date: "2017-01-19"),
        .init(
            text: "Theo Kế hoạch số 32/KH-UBND ngày 4/2/2017 của UBND", mention: "Kế hoạch số 32/KH-UBND",
            key: key(.keHoach, 32, "UBND"), date: "2017-02-04"),
        .init(
            text: "Quyết định số 1.234/QĐ-UBND của UBND tỉnh", mention: "Quyết định số 1.234/QĐ-UBND",
            key: key(.quyetDinh, 1234, "UBND")),
        .init(
            text: "Nghị quyết số 111/2015/QH13 ngày 27/11/2015", mention: "Nghị quyết số 111/2015/QH13",
            key: key(.nghiQuyet, 111, "QH13", 2015), date: "2015-11-27"),
        // Written oddly
        .init(
            text: "Nghị quyết 19-2017/NQ-CP ngày 6/2/2017 của Chính phủ", mention: "Nghị quyết 19-2017/NQ-CP",
            key: key(.nghiQuyet, 19, "CP", 2017), date: "2017-02-06"),
        .init(
            text: "Nghị quyết 29-NQ/TƯ về đổi mới căn bản", mention: "Nghị quyết 29-NQ/TƯ",
            key: key(.nghiQuyet, 29, "TW")),
        .init(
            text: "theo Nghị định số 121/2003/NĐCP của Chính phủ", mention: "Nghị định số 121/2003/NĐCP",
            key: key(.nghiDinh, 121, "CP", 2003)),
        .init(
            text: "Điều 12, Nghị định 134/2016-NĐ-CP thì", mention: "Nghị định 134/2016-NĐ-CP",
            key: key(.nghiDinh, 134, "CP", 2016)),
        .init(
            text: "theo quy định của Luật Công chứng và Nghị định số 29/2015/NĐ-CP.",
            mention: "Nghị định số 29/2015/NĐ-CP", key: key(.nghiDinh, 29, "CP", 2015)),
        .init(text: "Nghị quyết 19-2017 đưa ra", mention: "Nghị quyết 19-2017", key: key(.nghiQuyet, 19, nil, 2017)),
        // Loose forms
        .init(text: "tiếp tục thực hiện Kết luận 21.", mention: "Kết luận 21", key: key(.ketLuan, 21)),
        .init(
            text: "gắn với thực hiện Chỉ thị số 05 của Bộ Chính trị về đẩy mạnh",
            mention: "Chỉ thị số 05 của Bộ Chính trị", key: key(.chiThi, 5, "TW")),
        .init(
            text: "Kết luận 72 của Bộ Chính trị về", mention: "Kết luận 72 của Bộ Chính trị",
            key: key(.ketLuan, 72, "TW")
        ),
        // The issuer named right after the number, without `của`
        .init(
            text: "thực hiện Chỉ thị 05 Bộ Chính trị về học tập", mention: "Chỉ thị 05 Bộ Chính trị",
            key: key(.chiThi, 5, "TW")),
        .init(
            text: "theo Nghị quyết 35 Chính phủ về hỗ trợ", mention: "Nghị quyết 35 Chính phủ",
            key: key(.nghiQuyet, 35, "CP")),
        .init(
            text: "Quyết định số 1880 Thủ tướng Chính phủ phê duyệt", mention: "Quyết định số 1880 Thủ tướng Chính phủ",
            key: key(.quyetDinh, 1880, "TTG")),
        .init(
            text: "Kết luận 72 Ban Bí thư về", mention: "Kết luận 72 Ban Bí thư", key: key(.ketLuan, 72, "TW")),
        // Not an issuer without `của`: a code, `Trung ương` alone, a line break.
        .init(text: "Chỉ thị 15 TTg về", mention: "Chỉ thị 15", key: key(.chiThi, 15)),
        .init(text: "Nghị quyết 4 Trung ương khóa XII", mention: "Nghị quyết 4", key: key(.nghiQuyet, 4)),
        .init(text: "Chỉ thị 05\nBộ Chính trị họp", mention: "Chỉ thị 05", key: key(.chiThi, 5)),
        .init(text: "qua một năm thực hiện Nghị quyết 02.", mention: "Nghị quyết 02", key: key(.nghiQuyet, 2)),
        .init(text: "kinh nghiệm trong thực hiện Đề án 16 là: việc", mention: "Đề án 16", key: key(.deAn, 16)),
        .init(
            text: "Nghị định 71 năm 2010 của Bộ Xây dựng quy định", mention: "Nghị định 71 năm 2010",
            key: key(.nghiDinh, 71, nil, 2010)),
        .init(
            text: "Qua 1 năm thực hiện Quy định số 07 ngày 25/6/2020 của Ban Thường vụ", mention: "Quy định số 07",
            key: key(.quyDinh, 7), date: "2020-06-25"),
        .init(
            text: "Nghị định 67 của Chính phủ, ngư dân", mention: "Nghị định 67 của Chính phủ",
            key: key(.nghiDinh, 67, "CP")),
        .init(
            text: "Quyết địnhsố 707-QĐ/TU ngày 5/11/2018 của Ban Thường vụ", mention: "Quyết địnhsố 707-QĐ/TU",
            key: key(.quyetDinh, 707, "TU"), date: "2018-11-05"),
        .init(text: "Kết luận số21-KL/TW", mention: "Kết luận số21-KL/TW", key: key(.ketLuan, 21, "TW")),
        .init(text: "Quyếtđịnh số 5 của UBND", mention: "Quyếtđịnh số 5", key: key(.quyetDinh, 5)),
        .init(text: "Chính phủ đã ban hành Nghị định 52 đẩy mạnh", mention: "Nghị định 52", key: key(.nghiDinh, 52)),
        .init(text: "quy định tại Thông tư số 32 đối với việc mở", mention: "Thông tư số 32", key: key(.thongTu, 32)),
        .init(
            text: "phê duyệt Quyết định số 2842 đồng ý xây dựng", mention: "Quyết định số 2842",
            key: key(.quyetDinh, 2842)),
        // Laws and codes by title and year
        .init(text: "sửa đổi Luật Đất đai 2013", mention: "Luật Đất đai 2013", key: law("Luật Đất đai", 2013)),
        .init(
            text: "theo Luật Đất đai năm 2013, người sử dụng đất", mention: "Luật Đất đai năm 2013",
            key: law("Luật Đất đai", 2013)),
        .init(
            text: "bị xử lý theo Bộ luật Hình sự 2015 về tội", mention: "Bộ luật Hình sự 2015",
            key: law("Bộ luật Hình sự", 2015)),
        .init(
            text: "Bộ luật Dân sự năm 2015 quy định", mention: "Bộ luật Dân sự năm 2015",
            key: law("Bộ luật Dân sự", 2015)),
        .init(
            text: "Luật Hôn nhân và gia đình năm 2014 quy định", mention: "Luật Hôn nhân và gia đình năm 2014",
            key: law("Luật Hôn nhân và gia đình", 2014)),
        .init(
            text: "Luật Phòng, chống tham nhũng 2018 có hiệu lực", mention: "Luật Phòng, chống tham nhũng 2018",
            key: law("Luật Phòng chống tham nhũng", 2018)),
        .init(text: "LUẬT ĐẤT ĐAI 2013", mention: "LUẬT ĐẤT ĐAI 2013", key: law("luat dat dai", 2013)),
        .init(
            text: "Luật Đất đai và Luật Nhà ở 2014 đều", mention: "Luật Nhà ở 2014", key: law("Luật Nhà ở", 2014)),
        .init(
            text: "theo Bộ luật Hình sự số 100/2015/QH13.", mention: "Bộ luật Hình sự số 100/2015/QH13",
            key: key(.luat, 100, "QH13", 2015)),
        .init(
            text: "Luật Đất đai 45/2013/QH13 quy định", mention: "Luật Đất đai 45/2013/QH13",
            key: key(.luat, 45, "QH13", 2013)),
        .init(text: "Luật số 45/2013/QH13", mention: "Luật số 45/2013/QH13", key: key(.luat, 45, "QH13", 2013)),
        .init(
            text: "theo Luật Dự trữ quốc gia 2012 thì", mention: "Luật Dự trữ quốc gia 2012",
            key: law("Luật Dự trữ quốc gia", 2012)),
        .init(
            text: "Bộ luật Hàng hải Việt Nam 2015 quy định", mention: "Bộ luật Hàng hải Việt Nam 2015",
            key: law("Bộ luật Hàng hải Việt Nam", 2015)),
        // Bare codes: the type comes from the abbreviation
        .init(text: "thực hiện 21-KL/TW của Bộ Chính trị", mention: "21-KL/TW", key: key(.ketLuan, 21, "TW")),
        .init(
            text: "theo 707-QĐ/TU ngày 5/11/2018", mention: "707-QĐ/TU", key: key(.qd, 707, "TU"), date: "2018-11-05"),
        .init(text: "(số 67/2014/NĐ-CP)", mention: "67/2014/NĐ-CP", key: key(.nghiDinh, 67, "CP", 2014)),
        // Case and diacritics
        .init(text: "ket luan so 21-kl/tw", mention: "ket luan so 21-kl/tw", key: key(.ketLuan, 21, "TW")),
        .init(text: "KẾT LUẬN SỐ 21-KL/TW", mention: "KẾT LUẬN SỐ 21-KL/TW", key: key(.ketLuan, 21, "TW")),
        .init(text: "chi thi 05 cua Bo Chinh tri", mention: "chi thi 05 cua Bo Chinh tri", key: key(.chiThi, 5, "TW")),
        // Dates
        .init(
            text: "Kết luận số 21-KL/TW ngày 25 tháng 10 năm 2021", mention: "Kết luận số 21-KL/TW",
            key: key(.ketLuan, 21, "TW"), date: "2021-10-25"),
        .init(
            text: "Kết luận số 21-KL/TW (ngày 25-10-2021)", mention: "Kết luận số 21-KL/TW",
            key: key(.ketLuan, 21, "TW"),
            date: "2021-10-25"),
        .init(
            text: "Thông tư 6 ngày 15.2.2012 của Bộ", mention: "Thông tư 6", key: key(.thongTu, 6), date: "2012-02-15"),
        .init(
            text: "Nghị định 67/2014/NĐ-CP ngày 7/7", mention: "Nghị định 67/2014/NĐ-CP",
            key: key(.nghiDinh, 67, "CP", 2014), date: "2014-07-07"),
        .init(
            text: "Chỉ thị số 05-CT/TW ban hành ngày 15/5/2016", mention: "Chỉ thị số 05-CT/TW",
            key: key(.chiThi, 5, "TW"), date: "2016-05-15"),
    ]

    @Test(arguments: cases)
    func recognizes(_ c: CitationCase) {
        let found = recognizer.citations(in: c.text, analyzer: analyzer)
        #expect(found.count == 1, "\(found)")
        guard let citation = found.first else { return }
        #expect(citation.key == c.key)
        #expect(slice(c.text, citation.byteRange) == c.mention)
        #expect(citation.date == c.date)
    }

    @Test(arguments: cases)
    func recognizesNFD(_ c: CitationCase) {
        let text = nfd(c.text)
        let found = recognizer.citations(in: text, analyzer: analyzer)
        #expect(found.count == 1, "\(found)")
        guard let citation = found.first else { return }
        #expect(citation.key == c.key)
        #expect(Array(slice(text, citation.byteRange).utf8) == Array(nfd(c.mention).utf8))
        #expect(citation.date == c.date)
    }

    static let negatives = [
        "Phát biểu kết luận hội nghị, đồng chí Nguyễn Phước Hưng",
        "Kết luận Hội nghị, đồng chí bí thư Thành ủy",
        "các cấp uỷ đều có kết luận bằng văn bản về ưu điểm",
        "chào mừng 91 năm ngày thành lập Đảng, năm 2021",
        "ngày 25/10/2021",
        "xem trang 21, mục 3",
        "Đảng bộ thành phố tích cực triển khai Nghị quyết T.Ư 4 (khoá XII)",
        "Nghị quyết năm 2021 của Hội đồng",
        "Nghị quyết 2021 của Hội đồng",
        "thống nhất kế hoạch 5 năm (2016-2020)",
        "thuộc chương trình 135 của Chính phủ",
        // Not laws by title: a lawyer, a school, a degree, a firm, a bill, a name run on
        // into a sentence, a range, no year.
        "luật sư Nguyễn Văn An năm 2013 cho biết",
        "tốt nghiệp Đại học Luật Hà Nội năm 2013",
        "Cử nhân Luật Kinh tế năm 2013",
        "Công ty Luật Minh Khuê năm 2013",
        "góp ý dự thảo Luật Đất đai năm 2024",
        "Luật Đất đai được Quốc hội thông qua năm 2013",
        "giai đoạn Luật Đất đai 2013-2020",
        "Luật Đất đai có hiệu lực",
        "luật chơi năm 2013",
        "Bộ luật Hình sự hiện hành",
        "thành viên Công ước Liên hợp quốc về Luật Biển năm 1982, Việt Nam",
        "chiến dịch chống Đạo luật Magnitsky 2012 của Mỹ",
        "Luật Thương Mại Mỹ ra đời 1974",
        "ngoài Luật CĐGT, dự kiến cuối 2017 sẽ",
        "theo Luật Di trú và quốc tịch Mỹ 1965",
        "Luật Hoàng gia Nhật Bản 1947 quy định",
        "trong đó có kết luận 02 cuộc thanh tra",
        "hướng dẫn 4 nạn nhân lên sân thượng",
        "vượt quá số người quy định 6 người",
        "chi vật tư không đúng quy định 2.779 triệu đồng",
        "sẽ chuyển sang giai đoạn thông báo 30 ngày",
        "theo 21 KL TW",
        "mỗi ngày để ăn 5 bữa",
        "BMW 5-Series 2017",
        "QCVN 01:2009/BYT",
        "trong ngày mai (7/2-PV) cơ quan",
        "Quyết định số phận của mình",
        "Tiểu đoàn 18 - Bộ Tư lệnh",
        "Nghị quyết 30a của Chính phủ",
        "văn bản số 5 gửi Bộ",
        "ban hành Nghị định thay thế Nghị định /2006/NĐ-CP,",
        "thông qua trong nghị quyết 2270 của Hội đồng Bảo an",
        "thông qua Nghị quyết 2270 Hội đồng Bảo an Liên hợp quốc",
        "Đình chỉ thi 37 thí sinh",
        "Nghị định 67 năm nay",
        "hội đồng quyết định 2 người",
        "Thông tư số 5 triệu đồng",
        "Nga hiện sở hữu 11 tàu ngầm Kilo Đề án 877 từ thời Liên Xô",
        "tàu ngầm hạt nhân K-429, lớp Charlie (Đề án 670) được coi là",
        "Công văn số 12345678901234567890 ngày 1/1/2017.",  // too long to be a number: no overflow
        "chọn phương án 2 để thi công",
        "theo đề cương số 3 của môn học",
    ]

    @Test(arguments: negatives)
    func ignores(_ text: String) {
        #expect(recognizer.citations(in: text, analyzer: analyzer) == [])
    }

    @Test func overlongNumbersInQueriesAreRejectedNotCrashed() {
        #expect(throws: DirectiveQuery.Error.self) {
            try DirectiveQuery.parse("Kết luận 99999999999999999999", analyzer: analyzer)
        }
    }

    /// A law cited by number keeps the title its citation gives, for display and to link it
    /// with the law cited by title; the number identifies it.
    @Test func numberedLawsKeepTheirTitle() {
        let found = recognizer.citations(
            in: "của Luật Đất đai số 45/2013/QH13 và Luật số 45/2013/QH13", analyzer: analyzer)
        #expect(found.map(\.key.name) == ["luat dat dai", nil])
        #expect(found[0].key == found[1].key)
        #expect(found[0].key.description == "Luật Đất đai 45/2013/QH13")
        #expect(law("Luật Đất đai", 2013).description == "Luật Đất đai 2013")
        #expect(law("Luật Đất đai", 2013) != law("Luật Đất đai", 2024))
        #expect(law("Luật Đất đai", 2013) != law("Luật Nhà ở", 2013))
        #expect(law("Luật Đất đai", 2013).match(found[0].key) == .certain)
        #expect(law("Luật Đất đai", 2013).match(found[1].key) == nil)
        #expect(key(.luat, 45, "QH13", 2013).match(law("Luật Đất đai", 2013)) == nil)
    }

    @Test func codeNeedsSeparators() {
        let found = recognizer.citations(in: "Nghị quyết 21 KL TW", analyzer: analyzer)
        #expect(found.map(\.key) == [key(.nghiQuyet, 21)])
        #expect(found.first?.byteRange == 0..<17)
    }

    /// The Party's current Quy định form, with its type word and alone.
    @Test func thePartysQuyDinhCodeIsRecognised() {
        let typed = recognizer.citations(in: "Thực hiện Quy định số 08-QĐi/TW của Trung ương.", analyzer: analyzer)
        #expect(typed.map(\.key) == [key(.quyDinh, 8, "TW")])
        let alone = recognizer.citations(in: "theo 08-QĐi/TW về trách nhiệm nêu gương", analyzer: analyzer)
        #expect(alone.map(\.key) == [key(.quyDinh, 8, "TW")])
    }

    /// Every Party document kind (``DirectiveType/party``), with its type word and alone, from
    /// the Central Committee, its boards and offices, and local committees.
    @Test(arguments: DirectiveType.party)
    func thePartysDocumentKindsAreRecognised(_ type: DirectiveType) throws {
        let abbreviation = type == .quyDinh ? "QĐi" : try #require(type.abbreviation)
        let bare: DirectiveType = type == .quyetDinh ? .qd : type
        for issuer in ["TW", "BTCTW", "BTGTW", "VPTW", "UBKTTW", "TU", "ThU", "ĐUK"] {
            let code = "12-\(abbreviation)/\(issuer)"
            let typed = recognizer.citations(
                in: "Thực hiện \(type.displayName) số \(code) ngày 5/1/2021 về", analyzer: analyzer)
            #expect(typed.map(\.key) == [key(type, 12, issuer)], "\(type.displayName) số \(code)")
            #expect(typed.first?.date == "2021-01-05")
            let alone = recognizer.citations(in: "Thực hiện \(code) ngày 5/1/2021 về", analyzer: analyzer)
            #expect(alone.map(\.key) == [key(bare, 12, issuer)], "\(code)")
            #expect(alone.first?.key.description == "12-\(type.abbreviation!)/\(issuer)")
        }
    }

    /// A code glued to the next word (`67/CPvừa`, a missing space) keeps its citation, with
    /// the word cut off; codes that end in lowercase letters of their own (`TTg`, `QĐi`,
    /// `ThU`) are left whole.
    @Test func aCodeGluedToTheNextWordKeepsItsCitation() {
        let cases: [(String, String, DirectiveKey)] = [
            ("Nghị định 67/CPvừa ban hành", "Nghị định 67/CP", key(.nghiDinh, 67, "CP")),
            ("Nghị định 67/2014/NĐ-CPvừa được", "Nghị định 67/2014/NĐ-CP", key(.nghiDinh, 67, "CP", 2014)),
            ("Kết luận số 21-KL/TWvề đẩy mạnh", "Kết luận số 21-KL/TW", key(.ketLuan, 21, "TW")),
            ("theo 21-KL/TWvề đẩy mạnh", "21-KL/TW", key(.ketLuan, 21, "TW")),
            ("Thông tư 04/2016/TT-BGDĐTvà", "Thông tư 04/2016/TT-BGDĐT", key(.thongTu, 4, "BGDĐT", 2016)),
            ("Quyết định 1880/QĐ-TTg phê duyệt", "Quyết định 1880/QĐ-TTg", key(.quyetDinh, 1880, "TTg")),
            ("Quy định số 08-QĐi/TW của", "Quy định số 08-QĐi/TW", key(.quyDinh, 8, "TW")),
        ]
        for (text, mention, expected) in cases {
            for (text, mention) in [(text, mention), (nfd(text), nfd(mention))] {
                let found = recognizer.citations(in: text, analyzer: analyzer)
                #expect(found.map(\.key) == [expected], "\(text)")
                #expect(found.first?.key.writtenIssuer == expected.writtenIssuer, "\(text)")
                #expect(found.first.map { Array(slice(text, $0.byteRange).utf8) } == Array(mention.utf8), "\(text)")
            }
        }
    }

    @Test func severalInOneText() {
        let text = "Nghị quyết số 23-NQ/TW, 24-NQ/TW và Chỉ thị 05 của Bộ Chính trị; Hướng dẫn 12."
        let keys = recognizer.citations(in: text, analyzer: analyzer).map(\.key)
        #expect(
            keys == [key(.nghiQuyet, 23, "TW"), key(.nghiQuyet, 24, "TW"), key(.chiThi, 5, "TW"), key(.huongDan, 12)])
    }

    @Test func lexiconWordsAreAnalyzerTerms() {
        for phrases in CitationLexicon.phrasesByFirstByte {
            for phrase in phrases {
                let text = phrase.words.map { String(decoding: $0.exact, as: UTF8.self) }.joined(separator: " ")
                let tokens = analyzer.tokens(text)
                #expect(tokens.map { $0.exact.bytes } == phrase.words.map { $0.exact }, "\(text)")
                #expect(tokens.map { $0.folded.bytes } == phrase.words.map { $0.folded }, "\(text)")
            }
        }
        let words: [CitationWord] = [
            CitationLexicon.so, CitationLexicon.ngay, CitationLexicon.thang, CitationLexicon.nam, CitationLexicon.cua,
            CitationLexicon.ban, CitationLexicon.hanh, CitationLexicon.ky,
        ]
        for word in words {
            let tokens = analyzer.tokens(String(decoding: word.exact, as: UTF8.self))
            #expect(tokens.map(\.exact.bytes) == [word.exact])
            #expect(tokens.map(\.folded.bytes) == [word.folded])
        }
    }

    // MARK: Keys

    @Test func issuerCanonicalForm() {
        #expect(key(.ketLuan, 21, "tw") == key(.ketLuan, 21, "TW"))
        #expect(key(.nghiQuyet, 2, "ThU").issuer == "THU")
        #expect(key(.quyetDinh, 1880, "TTg").issuer == "TTG")
        #expect(key(.thongTu, 4, "BGDĐT").issuer == "BGDDT")
        #expect(key(.thongTu, 4, "bgdđt").issuer == "BGDDT")
        #expect(key(.congVan, 1, "BTC – TCDN").issuer == "BTC-TCDN")
        #expect(key(.chiThi, 5, " ").issuer == nil)
        #expect(key(.chiThi, 5) == key(.chiThi, 05))
    }

    @Test func descriptions() {
        #expect(key(.ketLuan, 21, "TW").description == "21-KL/TW")
        #expect(key(.chiThi, 5, "TW").description == "05-CT/TW")
        #expect(key(.nghiQuyet, 2, "ThU").description == "02-NQ/ThU")
        #expect(key(.qd, 707, "TU").description == "707-QĐ/TU")
        #expect(key(.nghiDinh, 67, "CP", 2014).description == "67/2014/NĐ-CP")
        #expect(key(.nghiQuyet, 35, "CP").description == "35/NQ-CP")
        #expect(key(.quyetDinh, 1880, "TTg").description == "1880/QĐ-TTg")
        #expect(key(.ketLuan, 21).description == "Kết luận 21")
        #expect(key(.chiThi, 5).description == "Chỉ thị 05")
        #expect(key(.nghiDinh, 71, nil, 2010).description == "Nghị định 71/2010")
        #expect(key(.luat, 45, "QH13", 2013).description == "Luật 45/2013/QH13")
        #expect(key(.nghiQuyet, 111, "QH13", 2015).description == "Nghị quyết 111/2015/QH13")
        #expect(key(.congVan, 211, "BTC-TCDN").description == "Công văn 211/BTC-TCDN")
    }

    @Test func matching() {
        let loose = key(.ketLuan, 21)
        let tw = key(.ketLuan, 21, "TW")
        let tu = key(.ketLuan, 21, "TU")
        #expect(loose.matches(tw) && loose.matches(tu) && loose.matches(loose))
        #expect(tw.matches(tw) && !tw.matches(tu))
        // A mention without an issuer may be the one asked for: possibly.
        #expect(tw.match(loose) == .possible && tw.match(tw) == .certain && loose.match(tw) == .certain)
        #expect(!loose.matches(key(.ketLuan, 22, "TW")) && !loose.matches(key(.chiThi, 21, "TW")))
        // Numbers compare as numbers.
        #expect(key(.chiThi, 05).matches(key(.chiThi, 5, "TW")))
        // Years: the query's must equal the candidate's when the candidate has one.
        let nd2014 = key(.nghiDinh, 67, "CP", 2014)
        #expect(nd2014.matches(key(.nghiDinh, 67, "CP", 2014)))
        #expect(nd2014.match(key(.nghiDinh, 67, "CP")) == .possible)
        #expect(!nd2014.matches(key(.nghiDinh, 67, "CP", 2015)))
        #expect(key(.nghiDinh, 67).matches(nd2014))
        // QĐ: Quyết định and Quy định both match a bare QĐ, not each other.
        #expect(key(.quyetDinh, 707).matches(key(.qd, 707, "TU")))
        #expect(key(.quyDinh, 707).matches(key(.qd, 707, "TU")))
        #expect(key(.qd, 707).matches(key(.quyetDinh, 707, "TU")))
        #expect(key(.qd, 707).matches(key(.quyDinh, 707, "TU")))
        #expect(!key(.quyetDinh, 707).matches(key(.quyDinh, 707, "TU")))
    }

    @Test func ordering() {
        let keys = [key(.chiThi, 5, "TW"), key(.ketLuan, 21, "TW"), key(.ketLuan, 21), key(.ketLuan, 3)]
        #expect(keys.sorted() == [key(.ketLuan, 3), key(.ketLuan, 21), key(.ketLuan, 21, "TW"), key(.chiThi, 5, "TW")])
    }

    // MARK: Queries

    static let queries: [(String, DirectiveKey)] = [
        ("Kết luận 21", key(.ketLuan, 21)),
        ("ket luan 21", key(.ketLuan, 21)),
        ("KẾT LUẬN SỐ 21", key(.ketLuan, 21)),
        ("21-KL/TW", key(.ketLuan, 21, "TW")),
        ("Kết luận số 21-KL/TW", key(.ketLuan, 21, "TW")),
        ("KL 21", key(.ketLuan, 21)),
        ("kl 21-KL/TW", key(.ketLuan, 21, "TW")),
        ("Nghị định 67/2014/NĐ-CP", key(.nghiDinh, 67, "CP", 2014)),
        ("67/2014/NĐ-CP", key(.nghiDinh, 67, "CP", 2014)),
        ("Nghị định 71 năm 2010", key(.nghiDinh, 71, nil, 2010)),
        ("Chỉ thị 05", key(.chiThi, 5)),
        ("Chỉ thị 05 của Bộ Chính trị", key(.chiThi, 5, "TW")),
        ("Chỉ thị 05 Bộ Chính trị", key(.chiThi, 5, "TW")),
        ("Nghị quyết 35 Chính phủ", key(.nghiQuyet, 35, "CP")),
        ("Hướng dẫn 12", key(.huongDan, 12)),
        ("Quyết định 707", key(.quyetDinh, 707)),
        ("Quy định 707", key(.quyDinh, 707)),
        ("QĐ 707", key(.qd, 707)),
        ("Kế hoạch 32", key(.keHoach, 32)),
        ("Luật 45/2013/QH13", key(.luat, 45, "QH13", 2013)),
        ("Luật số 45/2013/QH13", key(.luat, 45, "QH13", 2013)),
        ("Luật Đất đai 2013", law("Luật Đất đai", 2013)),
        ("luat dat dai 2013", law("Luật Đất đai", 2013)),
        ("Luật Đất đai năm 2013", law("Luật Đất đai", 2013)),
        ("Bộ luật Hình sự 2015", law("Bộ luật Hình sự", 2015)),
        ("bo luat hinh su 2015", law("Bộ luật Hình sự", 2015)),
        ("  Đề án 16 ", key(.deAn, 16)),
    ]

    @Test(arguments: queries)
    func parsesQuery(_ text: String, _ expected: DirectiveKey) throws {
        #expect(try DirectiveQuery.parse(text, analyzer: analyzer) == expected)
        #expect(try DirectiveQuery.parse(nfd(text), analyzer: analyzer) == expected)
    }

    @Test(arguments: [
        "sinh hoạt chi bộ", "", "21", "Kết luận", "Kết luận 21 và 22", "Nghị quyết T.Ư 4", "ngày 25/10/2021",
        "Luật Đất đai",
    ])
    func rejectsQuery(_ text: String) {
        #expect(throws: DirectiveQuery.Error.self) { try DirectiveQuery.parse(text, analyzer: analyzer) }
    }

    @Test func queryErrorListsForms() {
        do {
            _ = try DirectiveQuery.parse("sinh hoạt chi bộ", analyzer: analyzer)
            Issue.record("parsed")
        } catch {
            #expect(error.description.contains("sinh hoạt chi bộ"))
            #expect(error.description.contains("Kết luận 21") && error.description.contains("21-KL/TW"))
        }
    }

    // MARK: The sample articles

    static let corpus: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpus")

    /// The sample files citing a directive that `query` matches, and the keys they cite it by.
    private func citing(_ query: String) throws -> (files: Set<String>, keys: Set<DirectiveKey>) {
        let wanted = try DirectiveQuery.parse(query, analyzer: analyzer)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter {
            $0.hasSuffix(".txt")
        }
        #expect(names.count == 5)
        var files: Set<String> = []
        var keys: Set<DirectiveKey> = []
        for name in names {
            let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
            for citation in recognizer.citations(in: text, analyzer: analyzer) where wanted.matches(citation.key) {
                files.insert(name)
                keys.insert(citation.key)
            }
        }
        return (files, keys)
    }

    @Test func sampleArticles() throws {
        let ketLuan = try citing("Kết luận 21")
        #expect(ketLuan.files == ["thu-duc-ket-luan-21.txt"])
        #expect(ketLuan.keys == [key(.ketLuan, 21, "TW")])

        let chiThi = try citing("Chỉ thị 05")
        #expect(chiThi.files == ["uong-bi-to-chuc-co-so-dang.txt", "tuyen-quang-hoi-nghi-de-an-16.txt"])
        #expect(chiThi.keys == [key(.chiThi, 5, "TW")])

        let huongDan = try citing("Hướng dẫn 12")
        #expect(
            huongDan.files == ["ben-tre-sinh-hoat-chi-bo.txt", "ky-anh-nghi-quyet-02.txt", "thu-duc-ket-luan-21.txt"])
        #expect(huongDan.keys == [key(.huongDan, 12, "BTCTW")])

        #expect(try citing("Đề án 16").files == ["tuyen-quang-hoi-nghi-de-an-16.txt"])
        #expect(try citing("02-NQ/ThU").files == ["ky-anh-nghi-quyet-02.txt"])
        #expect(try citing("Quyết định 707").files == ["ben-tre-sinh-hoat-chi-bo.txt"])
        #expect(try citing("21-KL/TW").files == ["thu-duc-ket-luan-21.txt"])
    }

    @Test func sampleArticleThuDuc() throws {
        let text = try String(
            contentsOf: Self.corpus.appendingPathComponent("thu-duc-ket-luan-21.txt"), encoding: .utf8)
        let found = recognizer.citations(in: text, analyzer: analyzer)
        #expect(found.allSatisfy { slice(text, $0.byteRange).utf8.count == $0.byteRange.count })
        let dated = found.filter { $0.key == key(.ketLuan, 21, "TW") }.compactMap(\.date)
        #expect(dated == ["2021-10-25"])
        #expect(
            Set(found.map(\.key)) == [
                key(.ketLuan, 21, "TW"), key(.chiThi, 19, "TU"), key(.huongDan, 2, "TU"), key(.huongDan, 12, "BTCTW"),
            ])
    }
}
