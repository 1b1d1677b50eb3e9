import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// The repository's `Corpus/` folder, found from this file's path.
private let corpusFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Corpus").path

/// A file of `kind` named `name`, for `ArticleReader.read(_:bytes:)`.
private func file(_ name: String, _ kind: SourceKind) -> SourceFile {
    SourceFile(path: "/archive/" + name, relativePath: name, size: 0, modified: 0, kind: kind)
}

private func read(_ name: String, _ kind: SourceKind, _ text: String) -> (
    articles: [Article], problems: [InputProblem]
) {
    ArticleReader.read(file(name, kind), bytes: Array(text.utf8))
}

/// A new empty folder under the temporary directory.
private func temporaryFolder() throws -> String {
    let name = "vietsearch-documents-\(UUID().uuidString)"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func write(_ text: String, to path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

struct SampleArticle: CustomTestStringConvertible, Sendable {
    var file: String
    var title: String
    var date: String?
    /// How the body starts (the title line is not in it).
    var bodyStart: String
    var testDescription: String { file }
}

@Suite struct DocumentsTests {
    // MARK: Sample articles

    static let samples = [
        SampleArticle(
            file: "tuyen-quang-hoi-nghi-de-an-16.txt",
            title: "Hội nghị Ban Chấp hành Đảng bộ thành phố kỳ chuyên đề", date: "2021-07-23",
            bodyStart: "Thứ Sáu, ngày 23 tháng 7 năm 2021 - 20:47\n\nChiều ngày 23/7, Thành ủy Tuyên Quang"),
        SampleArticle(
            file: "thu-duc-ket-luan-21.txt",
            title: "Tiếp tục lãnh đạo, chỉ đạo tổ chức quán triệt nghiêm túc Kết luận số 21-KL/TW sâu rộng đến chi bộ, "
                + "cán bộ, đảng viên",
            date: "2022-12-07",
            bodyStart: "Thứ Tư, ngày 7 tháng 12 năm 2022\n\nĐồng chí Nguyễn Phước Hưng"),
        SampleArticle(
            file: "ben-tre-sinh-hoat-chi-bo.txt",
            title: "Đảng bộ thành phố Bến Tre tiếp tục đổi mới, nâng cao chất lượng sinh hoạt Chi bộ",
            date: "2019-12-18", bodyStart: "Skip Ribbon Commands\nSkip to main content"),
        SampleArticle(
            file: "uong-bi-to-chuc-co-so-dang.txt",
            title: "TP Uông Bí: Nâng cao năng lực, sức chiến đấu của tổ chức cơ sở Đảng", date: "2019-03-26",
            bodyStart: "Thứ Ba, 26/03/2019, 14:14 [GMT+7]\n.\n.\n\nThời gian qua"),
        SampleArticle(
            file: "ky-anh-nghi-quyet-02.txt",
            title: "Nâng cao chất lượng sinh hoạt chi bộ, tạo cơ sở vững chắc xây dựng đô thị động lực phía Nam",
            date: nil, bodyStart: "(Baohatinh.vn) - Xây dựng nghị quyết"),
    ]

    @Test(arguments: samples)
    func sampleArticle(_ sample: SampleArticle) throws {
        let scan = SourceScanner.scan([corpusFolder + "/" + sample.file])
        #expect(scan.problems.isEmpty)
        let file = try #require(scan.files.first)
        #expect(file.relativePath == sample.file)
        #expect(file.kind == .text)
        let result = ArticleReader.read(file)
        #expect(result.problems.isEmpty)
        #expect(result.articles.count == 1)
        let article = try #require(result.articles.first)
        #expect(article.title == sample.title)
        #expect(article.date == sample.date)
        #expect(article.id == sample.file)
        #expect(article.source == sample.file)
        #expect(article.body.hasPrefix(sample.bodyStart))
    }

    @Test func corpusFolderScan() {
        let scan = SourceScanner.scan([corpusFolder])
        #expect(scan.problems.isEmpty)
        // README.md documents the folder and is skipped; the five articles are the .txt files.
        #expect(
            scan.files.map(\.relativePath) == [
                "ben-tre-sinh-hoat-chi-bo.txt", "ky-anh-nghi-quyet-02.txt", "thu-duc-ket-luan-21.txt",
                "tuyen-quang-hoi-nghi-de-an-16.txt", "uong-bi-to-chuc-co-so-dang.txt",
            ])
        #expect(scan.files.allSatisfy { $0.size > 0 && $0.modified > 1_500_000_000 })
        // Named explicitly, a README is indexed like any Markdown file.
        #expect(SourceScanner.scan([corpusFolder + "/README.md"]).files.count == 1)
    }

    // MARK: Dates

    @Test(arguments: [
        ("Thứ Sáu, ngày 23 tháng 7 năm 2021 - 20:47", "2021-07-23"),
        ("Thứ Tư, ngày 7 tháng 12 năm 2022", "2022-12-07"),
        ("Thứ 4, Ngày 18/12/2019, 16:00", "2019-12-18"),
        ("18/12/2019 | Phương Thảo", "2019-12-18"),
        ("Thứ Ba, 26/03/2019, 14:14 [GMT+7]", "2019-03-26"),
        ("ngày 7 tháng 12 năm 2022", "2022-12-07"),
        ("Cập nhật: 16:30 - 01-02-2020", "2020-02-01"),
        ("2021-07-23", "2021-07-23"),
        ("Hà Nội, ngày 5 tháng 7 năm 2024", "2024-07-05"),
        ("TP. Hồ Chí Minh, ngày 05 tháng 07 năm 2024", "2024-07-05"),
        ("*Ngày 05/07/2024*", "2024-07-05"),
        ("_Thứ Sáu, ngày 5/7/2024_", "2024-07-05"),
    ])
    func dateLines(line: String, date: String) {
        #expect(DateExtractor.date(in: "Tiêu đề bài viết\n" + line + "\nNội dung.") == date)
    }

    @Test(arguments: [
        "Nghị quyết số 02-NQ/ThU, ngày 3/2/2021 của BTV Thị ủy Kỳ Anh về nâng cao chất lượng sinh hoạt cấp ủy",
        "Ngày 3/2/2021: Khai mạc hội nghị",
        "31/02/2021",  // no such day
        "12/13/2021",  // no such month
        "Chiều ngày 23/7, Thành ủy tổ chức hội nghị",  // no year
        "Hà Nội, ngày 5 tháng 7 năm 2024, Thủ tướng ký quyết định",  // a sentence
        "Hội nghị lần thứ nhất của Ban Chấp hành, ngày 5/7/2024",  // more than a place
    ])
    func notDateLines(line: String) {
        #expect(DateExtractor.date(in: line) == nil)
    }

    /// One date rule (``CalendarDate``): an article's date line and a citation's date of
    /// issue read every form alike, and the calendar decides for both.
    @Test(
        arguments: [
            ("25/10/2021", "2021-10-25"), ("25-10-2021", "2021-10-25"), ("25.10.2021", "2021-10-25"),
            ("3/2/21", "2021-02-03"), ("2021-10-25", "2021-10-25"), ("25 tháng 10 năm 2021", "2021-10-25"),
            ("29/2/2020", "2020-02-29"), ("29/2/2021", nil), ("31/4/2021", nil), ("12/13/2021", nil),
            ("25.10.2021.", "2021-10-25"),
        ] as [(String, String?)])
    func articleAndCitationDatesAgree(written: String, date: String?) throws {
        #expect(DateExtractor.date(in: "Tiêu đề bài viết\n" + written + "\nNội dung.") == date)
        let citations = CitationRecognizer().citations(
            in: "Kết luận số 21-KL/TW ngày \(written) về", analyzer: try Analyzer())
        #expect(citations.map(\.date) == [date])
        #expect(
            CalendarDate(year: 2100, month: 2, day: 29) == nil && CalendarDate(year: 2000, month: 2, day: 29) != nil)
    }

    @Test func dateOnlyNearTheTop() {
        let text = (1...20).map { "Đoạn văn thứ \($0)." }.joined(separator: "\n") + "\n23/07/2021"
        #expect(DateExtractor.date(in: text) == nil)
        #expect(DateExtractor.date(in: "Tiêu đề\n\n29/02/2020") == "2020-02-29")
    }

    @Test func normalizedDateValues() {
        #expect(DateExtractor.normalized("2021-07-23") == "2021-07-23")
        #expect(DateExtractor.normalized("2021-07-23T08:15:00+07:00") == "2021-07-23")
        #expect(DateExtractor.normalized("23/07/2021") == "2021-07-23")
        #expect(DateExtractor.normalized("ngày 23 tháng 7 năm 2021") == "2021-07-23")
        #expect(DateExtractor.normalized("2021-13-01") == nil)
        #expect(DateExtractor.normalized("hôm qua") == nil)
    }

    // MARK: Text and Markdown

    @Test func navigationAndLeadAreNotTitles() throws {
        let text = """
            Trang chủ > Tin tức > Xây dựng Đảng
            Search
            Thứ Hai, 06/01/2020
            (ĐCSVN) - Sáng 6/1, tại Hà Nội, Ban Tổ chức Trung ương tổ chức hội nghị tổng kết công tác năm 2019. \
            Dự hội nghị có các đồng chí lãnh đạo. Hội nghị diễn ra trong một ngày.
            Tổng kết công tác tổ chức xây dựng Đảng năm 2019
            Nội dung bài viết.
            """
        let article = try #require(read("tong-ket.txt", .text, text).articles.first)
        #expect(article.title == "Tổng kết công tác tổ chức xây dựng Đảng năm 2019")
        #expect(article.date == "2020-01-06")
        #expect(article.body.hasSuffix("Hội nghị diễn ra trong một ngày.\nNội dung bài viết."))
    }

    @Test func titleFallsBackToFirstLineCut() throws {
        let long = String(repeating: "Một câu rất dài không có dấu chấm ", count: 10)
        let result = read("dai.txt", .text, long)
        let article = try #require(result.articles.first)
        #expect(article.title.count <= 200)
        #expect(article.title.hasPrefix("Một câu rất dài không có dấu chấm Một câu"))
        #expect(!article.title.hasSuffix(" "))
        #expect(article.body == long.trimmingCharacters(in: .whitespaces))
    }

    @Test func singleLineFileKeepsItsBody() throws {
        let article = try #require(read("mot-dong.txt", .text, "Chỉ một dòng tiêu đề\n").articles.first)
        #expect(article.title == "Chỉ một dòng tiêu đề")
        #expect(article.body == "Chỉ một dòng tiêu đề")
    }

    @Test func markdownPrefersFirstHeading() throws {
        let text = """
            Bản tin nội bộ số 3 của chi bộ khu phố

            # Sinh hoạt chi bộ tháng 5 ##

            Ngày 7 tháng 5 năm 2023

            Nội dung.
            """
        let article = try #require(read("tin/ban-tin.md", .markdown, text).articles.first)
        #expect(article.title == "Sinh hoạt chi bộ tháng 5")
        #expect(article.id == "tin/ban-tin.md")
        #expect(article.date == "2023-05-07")
        #expect(article.body == "Bản tin nội bộ số 3 của chi bộ khu phố\n\nNgày 7 tháng 5 năm 2023\n\nNội dung.")
    }

    @Test func markdownSubheadingAndFrontMatter() throws {
        let heading = try #require(read("a.md", .markdown, "## Hội nghị Thành ủy\n\nNội dung.").articles.first)
        #expect(heading.title == "Hội nghị Thành ủy")
        let front = """
            ---
            title: "Đại hội Đảng bộ phường"
            date: 2020-06-15
            ---
            # Tiêu đề khác

            Nội dung.
            """
        let article = try #require(read("b.md", .markdown, front).articles.first)
        #expect(article.title == "Đại hội Đảng bộ phường")
        #expect(article.date == "2020-06-15")
        #expect(article.body == "Tiêu đề khác\n\nNội dung.")
    }

    @Test func markdownFrontMatterNeedsKeys() throws {
        let crlf = "---\r\ntitle: Bầu cử đại biểu\r\n---\r\nNội dung.\r\n"
        let article = try #require(read("c.md", .markdown, crlf).articles.first)
        #expect(article.title == "Bầu cử đại biểu")
        #expect(article.body == "Nội dung.")
        // A rule, a line of text and a rule are not front matter.
        let rules = "---\nMở đầu bài viết về hội nghị\n---\nNội dung."
        let plain = try #require(read("d.md", .markdown, rules).articles.first)
        #expect(plain.title == "Mở đầu bài viết về hội nghị")
        // Front matter and nothing else: no article.
        #expect(read("e.md", .markdown, "---\ntitle: Chỉ có tiêu đề\n---\n\n").articles.isEmpty)
    }

    @Test(arguments: [SourceKind.text, .markdown, .html, .jsonl])
    func emptyFiles(kind: SourceKind) {
        for text in ["", "  \n\t\r\n", "\u{FEFF}\n"] {
            let result = read("rong", kind, text)
            #expect(result.articles.isEmpty)
            #expect(result.problems == [InputProblem(file: "/archive/rong", message: "empty file")])
        }
    }

    @Test func noBreakSpacesOnlyIsEmpty() {
        let result = read("rong.txt", .text, "\u{A0}\u{A0}\n\u{3000}")
        #expect(result.articles.isEmpty)
        #expect(result.problems.map(\.message) == ["empty file"])
    }

    @Test(arguments: [SourceKind.text, .markdown, .html, .jsonl])
    func binaryFile(kind: SourceKind) {
        // The start of a PNG image.
        let bytes: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array("IHDR".utf8)
        let result = ArticleReader.read(file("anh", kind), bytes: bytes)
        #expect(result.articles.isEmpty)
        #expect(result.problems.map(\.description) == ["/archive/anh: binary file, skipped"])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = ArticleReader.read(file("a.txt", .text), bytes: bom + Array("Hội nghị chi bộ\nNội dung.".utf8))
        #expect(text.articles.first?.title == "Hội nghị chi bộ")
        let html = ArticleReader.read(file("a.html", .html), bytes: bom + Array("<p>Nội dung trang</p>".utf8))
        #expect(html.articles.first?.body == "Nội dung trang")
        #expect(html.articles.first?.body.unicodeScalars.first == "N")
    }

    @Test func utf16TextFile() throws {
        // Windows "Unicode" text: UTF-16 little-endian with a byte-order mark.
        let text = "Hội nghị chi bộ\r\nNội dung."
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = ArticleReader.read(file("utf16.txt", .text), bytes: bytes)
        #expect(result.problems.isEmpty)
        #expect(result.articles.first?.title == "Hội nghị chi bộ")
        #expect(result.articles.first?.body == "Nội dung.")
    }

    @Test func windows1258File() throws {
        // Windows-1258 writes "Đà" as Đ (D0), a, combining grave (CC); "Nẵng" as N, ă (E3),
        // combining tilde (DE), n, g; "triển" with ê (EA) and a combining hook (D2).
        let title: [UInt8] = [
            0xD0, 0x61, 0xCC, 0x20, 0x4E, 0xE3, 0xDE, 0x6E, 0x67, 0x20, 0x70, 0x68, 0xE1, 0x74, 0x20, 0x74, 0x72,
            0x69, 0xEA, 0xD2, 0x6E,
        ]
        let body: [UInt8] = [0x4E, 0xF4, 0xF2, 0x69, 0x20, 0x64, 0x75, 0x6E, 0x67, 0x2E]  // Nội dung.
        let result = ArticleReader.read(file("cu.txt", .text), bytes: title + [0x0A, 0x0A] + body)
        let article = try #require(result.articles.first)
        // Composed to NFC, as typed today.
        #expect(article.title.unicodeScalars.elementsEqual("Đà Nẵng phát triển".unicodeScalars))
        #expect(article.body.unicodeScalars.elementsEqual("Nội dung.".unicodeScalars))
        #expect(
            result.problems.map(\.description) == [
                "/archive/cu.txt: not UTF-8; decoded as Windows-1258 (5 of 5 words with non-ASCII letters are Vietnamese syllables)"
            ])
        let short = ArticleReader.read(file("da.txt", .text), bytes: [0xD0, 0x61, 0xCC, 0x20, 0x4E, 0x61, 0x6D])
        #expect(short.articles.first?.title.unicodeScalars.elementsEqual("Đà Nam".unicodeScalars) == true)
        #expect(short.problems.count == 1)
    }

    @Test func invalidBytesAreReplaced() throws {
        // 0x81 has no Windows-1258 character either: U+FFFD, reported.
        let result = ArticleReader.read(file("hong.txt", .text), bytes: Array("Tin hỏng ".utf8) + [0x81] + [0x0A])
        #expect(result.articles.first?.title == "Tin hỏng \u{FFFD}")
        #expect(
            result.problems.map(\.message) == ["not valid UTF-8; 1 invalid byte sequence replaced by U+FFFD"])
    }

    // MARK: HTML

    @Test func htmlPage() throws {
        let html = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8">
            <title> Sinh ho&#7841;t chi b&ocirc; &amp; &quot;tự ph&ecirc; b&igrave;nh&quot; </title>
            <style>p { color: red; } .x > .y { }</style>
            <script>var s = "<p>không phải văn bản</p>"; if (a < b) {}</script>
            </head>
            <body>
            <!-- <p>bình luận</p> -->
            <nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
            <h1>Sinh hoạt chi bộ</h1>
            <p class="date">Thứ Hai, 06/01/2020, 09:15</p>
            <p>Đoạn&nbsp;một   có <b>chữ đậm</b>
            và xuống dòng.</p>
            <p>Đ&#x1EA1;i h&#7897;i &lt;XIII&gt; &ndash; <i>2021</i>&hellip;<br>Dòng mới &#8220;trích dẫn&#8221;</p>
            <noscript>Hãy bật JavaScript</noscript>
            <ul><li>Một</li><li>Hai</li></ul>
            <table><tr><td>Ô 1</td><td>Ô 2</td></tr></table>
            </body></html>
            """
        let result = read("trang/bai.html", .html, html)
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.title == "Sinh hoạt chi bô & \"tự phê bình\"")
        #expect(article.id == "trang/bai.html")
        #expect(article.date == "2020-01-06")
        #expect(
            article.body == """
                Trang chủ | Tin tức

                Sinh hoạt chi bộ

                Thứ Hai, 06/01/2020, 09:15

                Đoạn một có chữ đậm và xuống dòng.

                Đại hội <XIII> – 2021…
                Dòng mới “trích dẫn”

                Một
                Hai

                Ô 1 Ô 2
                """)
    }

    @Test func htmlTitleFallbacks() throws {
        let heading = try #require(
            read("a.htm", .html, "<title> </title><h1>Hội <em>nghị</em>\n Thành ủy</h1><p>Nội dung dài.</p>").articles
                .first)
        #expect(heading.title == "Hội nghị Thành ủy")
        #expect(heading.body == "Hội nghị Thành ủy\n\nNội dung dài.")
        let plain = try #require(
            read(
                "b.HTML", .html,
                "<div>Skip to main content</div><div>Tin tức sự kiện</div><p>Hội nghị tổng kết năm</p><p>Nội dung.</p>"
            )
            .articles.first)
        #expect(plain.title == "Hội nghị tổng kết năm")
        #expect(plain.body == "Skip to main content\nTin tức sự kiện\n\nNội dung.")
    }

    @Test func htmlTitleIsTheHeadlineNotTheSiteName() throws {
        func title(_ head: String, _ body: String) throws -> String {
            try #require(read("p.html", .html, "<html><head>\(head)</head><body>\(body)</body></html>").articles.first)
                .title
        }
        let h1 = "<h1>Hội nghị Ban Chấp hành Đảng bộ tỉnh</h1><p>Nội dung.</p>"
        // The site's name as <title>: the <h1>.
        #expect(try title("<title>Báo Nhân Dân - Thời sự</title>", h1) == "Hội nghị Ban Chấp hành Đảng bộ tỉnh")
        #expect(try title("<title>nhandan.vn | Chính trị</title>", h1) == "Hội nghị Ban Chấp hành Đảng bộ tỉnh")
        #expect(
            try title("<title>Cổng thông tin điện tử tỉnh Hà Tĩnh</title>", h1) == "Hội nghị Ban Chấp hành Đảng bộ tỉnh"
        )
        // The headline with the site's name around it: the <h1>.
        #expect(
            try title("<title>Hội nghị Ban Chấp hành Đảng bộ tỉnh - Báo Hà Tĩnh</title>", h1)
                == "Hội nghị Ban Chấp hành Đảng bộ tỉnh")
        // og:title first, its references decoded.
        #expect(
            try title(
                "<title>Báo Nhân Dân</title><meta property=\"og:title\" content=\"Đà Nẵng &amp; Huế đón khách\" />", h1)
                == "Đà Nẵng & Huế đón khách")
        // A <title> that is a headline stays, even with a logo <h1>; "Báo cáo" is a report.
        #expect(
            try title("<title>Tỉnh ủy tổng kết năm 2024</title>", "<h1>Báo Nhân Dân</h1><p>Nội dung.</p>")
                == "Tỉnh ủy tổng kết năm 2024")
        #expect(try title("<title>Báo cáo tình hình kinh tế</title>", h1) == "Báo cáo tình hình kinh tế")
        // Without an <h1>: the site's name leaves the <title>; a <title> that is only the
        // site's name gives way to the headline found in the text.
        let text = "<p>Đà Nẵng đón khách du lịch</p><p>Nội dung.</p>"
        #expect(try title("<title>Hội nghị Ban Chấp hành - Báo Hà Tĩnh</title>", text) == "Hội nghị Ban Chấp hành")
        #expect(try title("<title>nhandan.vn | Hội nghị Ban Chấp hành</title>", text) == "Hội nghị Ban Chấp hành")
        #expect(try title("<title>Báo Nhân Dân</title>", text) == "Đà Nẵng đón khách du lịch")
        #expect(try title("<title>Báo Nhân Dân - Thời sự</title>", text) == "Đà Nẵng đón khách du lịch")
        #expect(try title("<title>Chính trị - Xã hội</title>", text) == "Chính trị - Xã hội")
    }

    @Test func htmlDateNearTheHeadingNotTheHeader() throws {
        let menu = ["Trang chủ", "Thời sự", "Kinh tế", "Văn hóa", "Thể thao"].map { "<li>\($0)</li>" }.joined()
        let html = """
            <div class="today">Thứ Hai, 06/01/2020</div><ul>\(menu)</ul>
            <h1>Khai mạc Đại hội Đảng bộ tỉnh</h1><div class="time">Thứ Tư, 18/12/2019, 08:30</div><p>Nội dung.</p>
            """
        let article = try #require(read("dai-hoi.html", .html, html).articles.first)
        #expect(article.title == "Khai mạc Đại hội Đảng bộ tỉnh")
        #expect(article.date == "2019-12-18")
    }

    @Test func htmlWithoutText() {
        let result = read("rong.html", .html, "<html><head><script>x()</script></head><body> </body></html>")
        #expect(result.articles.isEmpty)
        #expect(result.problems.map(\.message) == ["no text in the page"])
    }

    @Test func htmlDeclaredWindows1258() throws {
        let head = Array(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">".utf8)
        let title: [UInt8] =
            Array("<title>".utf8) + [0xD0, 0x61, 0xCC, 0x20, 0x4E, 0xE3, 0xDE, 0x6E, 0x67] + Array("</title>".utf8)
        let result = ArticleReader.read(file("cu.html", .html), bytes: head + title + Array("</head><p>x y</p>".utf8))
        // The page says what it is: decoded as declared, nothing to report.
        #expect(result.problems.isEmpty)
        #expect(result.articles.first?.title.unicodeScalars.elementsEqual("Đà Nẵng".unicodeScalars) == true)
    }

    @Test func htmlEntities() {
        #expect(HTMLEntities.scalar(named: "agrave") == "à")
        #expect(HTMLEntities.scalar(named: "Ecirc") == "Ê")
        #expect(HTMLEntities.scalar(named: "ograve") == "ò")
        #expect(HTMLEntities.scalar(named: "dstrok") == "đ")
        #expect(HTMLEntities.scalar(named: "Dstrok") == "Đ")
        #expect(HTMLEntities.scalar(named: "abreve") == "ă")
        #expect(HTMLEntities.scalar(named: "utilde") == "ũ")
        #expect(HTMLEntities.scalar(named: "apos") == "'")
        #expect(HTMLEntities.scalar(named: "nosuch") == nil)
        #expect(HTMLText("&#150; &#0; &amp &copy x &unknown; a &lt b").text == "– \u{FFFD} & © x &unknown; a < b")
    }

    // MARK: JSONL

    @Test func jsonlWithBadLines() throws {
        let jsonl = """
            {"id": "a-1", "title": "Hội nghị Thành ủy", "date": "2021-07-23", "source": "baomoi", "text": "Nội dung\\nhai dòng."}

            {"id": 42, "title": "Số \\"42\\"", "date": "23/07/2021", "url": "https://vi.example/42", "text": "Văn bản \\u0111\\u00e2y \\ud83d\\ude00."}
            {"id": "a-3", "title": "Hỏng", "text": "thiếu ngoặc"
            {"title": "Không có id", "text": "..."}
            {"id": "a-5", "title": "Không có text"}
            ["not", "an", "object"]
            {"id": "a-8", "text": "Thứ Ba, 26/03/2019\\n\\nTiêu đề từ văn bản\\n\\nĐoạn đầu.", "date": null, "tags": [1, {"k": true}]}\r
            """
        let result = read("kho/bai.jsonl", .jsonl, jsonl)
        #expect(
            result.articles == [
                Article(
                    id: "a-1", title: "Hội nghị Thành ủy", date: "2021-07-23", source: "baomoi",
                    body: "Nội dung\nhai dòng."),
                Article(
                    id: "42", title: "Số \"42\"", date: "2021-07-23", source: "https://vi.example/42",
                    body: "Văn bản đây 😀."),
                Article(
                    id: "a-8", title: "Tiêu đề từ văn bản", date: nil, source: nil,
                    body: "Thứ Ba, 26/03/2019\n\nĐoạn đầu."),
            ])
        #expect(
            result.problems.map(\.description) == [
                "/archive/kho/bai.jsonl:4: not valid JSON: unexpected end of line, expected ',' or '}' (byte 59)",
                "/archive/kho/bai.jsonl:5: missing \"id\"",
                "/archive/kho/bai.jsonl:6: missing \"text\"",
                "/archive/kho/bai.jsonl:7: not valid JSON: expected an object (byte 1)",
            ])
        #expect(result.problems.map(\.line) == [4, 5, 6, 7])
    }

    @Test func jsonlWindows1258Lines() throws {
        let line1 = Array(#"{"id": "1", "title": ""#.utf8) + [0xD0, 0x61, 0xCC] + Array(#"", "text": "x"}"#.utf8)
        let line2 = Array(#"{"id": "2", "title": "Đà", "text": "y"}"#.utf8)
        let line3 = Array(#"{"id": "3", "title": "M"#.utf8) + [0xF4, 0xF2, 0x74] + Array(#"", "text": "z"}"#.utf8)
        let bytes = line1 + [0x0A] + line2 + [0x0A] + line3 + [0x0A]
        let result = ArticleReader.read(file("cu.jsonl", .jsonl), bytes: bytes)
        #expect(result.articles.map(\.id) == ["1", "2", "3"])
        #expect(
            result.articles.map { Array($0.title.unicodeScalars) } == [
                Array("Đà".unicodeScalars), Array("Đà".unicodeScalars), Array("Một".unicodeScalars),
            ])
        #expect(
            result.problems.map(\.description) == [
                "/archive/cu.jsonl: not UTF-8; decoded as Windows-1258 (2 of 2 words with non-ASCII letters are Vietnamese syllables) (2 lines, first line 1)"
            ])
    }

    // MARK: Scanning

    @Test func scannerOnAFolder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("Bài một\n", to: root + "/a.txt")
        try write("# Bài hai\n", to: root + "/sub/b.MD")
        try write("<p>Bài ba</p>", to: root + "/sub/deeper/c.htm")
        try write("{}\n", to: root + "/d.jsonl")
        try write("ẩn\n", to: root + "/.hidden.txt")
        try write("ẩn\n", to: root + "/.git/e.txt")
        try write("ảnh\n", to: root + "/anh.jpg")
        try write("không đuôi\n", to: root + "/README")
        try write("thẳng\n", to: root + "/f.rtf")
        let scan = SourceScanner.scan([root, root + "/khong-co", root + "/f.rtf", root + "/a.txt"])
        #expect(scan.files.map(\.relativePath) == ["a.txt", "d.jsonl", "sub/b.MD", "sub/deeper/c.htm"])
        #expect(scan.files.map(\.kind) == [.text, .jsonl, .markdown, .html])
        #expect(
            scan.files.map(\.path) == [
                root + "/a.txt", root + "/d.jsonl", root + "/sub/b.MD", root + "/sub/deeper/c.htm",
            ])
        #expect(scan.files.first?.size == "Bài một\n".utf8.count)
        #expect(
            scan.problems == [
                InputProblem(file: root + "/khong-co", message: "no such file or folder"),
                InputProblem(
                    file: root + "/f.rtf",
                    message: "unsupported file type (expected .txt, .md, .html, .htm, .jsonl, .docx or .pdf)"),
            ])
        #expect(
            scan.skipped == [
                SkippedFile(path: root + "/.git", reason: SkippedFile.hidden),
                SkippedFile(path: root + "/.hidden.txt", reason: SkippedFile.hidden),
                SkippedFile(path: root + "/README", reason: SkippedFile.unsupported),
                SkippedFile(path: root + "/anh.jpg", reason: SkippedFile.unsupported),
                SkippedFile(path: root + "/f.rtf", reason: SkippedFile.unsupported),
            ])
        // A file given directly is named by its file name.
        let direct = SourceScanner.scan([root + "/sub/b.MD"])
        #expect(direct.files.map(\.relativePath) == ["b.MD"])
        #expect(direct.problems.isEmpty)
    }

    @Test func sourceKinds() {
        #expect(SourceKind(fileName: "a.TXT") == .text)
        #expect(SourceKind(fileName: "dir.d/a.Htm") == .html)
        #expect(SourceKind(fileName: "a.markdown") == .markdown)
        #expect(SourceKind(fileName: "a.json") == nil)
        #expect(SourceKind(fileName: "Biên bản.DOCX") == .docx)
        #expect(SourceKind(fileName: "a.pdf") == .pdf)
        #expect(SourceKind(fileName: ".txt") == nil)
        #expect(SourceKind(fileName: "txt") == nil)
    }
}
