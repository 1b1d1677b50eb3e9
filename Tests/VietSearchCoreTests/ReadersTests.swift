import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// What `index` reads from the files of an archive, seen in its summary and in searches.
@Suite struct ReadersTests {
    @Test func invalidJSONLDatesAreWarnedAboutAndTheArticlesKept() throws {
        let scratch = Scratch()
        scratch.write(
            "kho.jsonl",
            """
            {"id": "a", "title": "Tháng mười ba", "date": "2024-13-45", "text": "Hội nghị chi bộ."}
            {"id": "b", "title": "Hôm qua", "date": "hôm qua", "text": "Hội nghị chi bộ."}
            {"id": "c", "title": "Có ngày", "date": "2024-07-05", "text": "Hội nghị chi bộ."}
            {"id": "d", "title": "Số", "date": 20240705, "text": "Hội nghị chi bộ."}

            """)
        let summary = try scratch.index()
        let path = scratch.articles + "/kho.jsonl"
        #expect(
            summary.problems.map(\.description) == [
                "\(path):1: \"date\" \"2024-13-45\" is not a date; indexed without one",
                "\(path):2: \"date\" \"hôm qua\" is not a date; indexed without one",
                "\(path):4: \"date\" 20240705 is not a date; indexed without one",
            ])
        let hits = try scratch.searcher().search("chi bộ", options: SearchOptions(limit: 10, snippets: false)).hits
        #expect(Set(hits.map(\.article.id)) == ["a", "b", "c", "d"])
        #expect(hits.first { $0.article.id == "c" }?.article.date == "2024-07-05")
        #expect(hits.first { $0.article.id == "a" }?.article.date == nil)
    }

    @Test func officialDateLineIsTheArticleDate() throws {
        let text = read(
            "cv.txt", "CÔNG VĂN VỀ VIỆC TỔ CHỨC HỘI NGHỊ\n\nHà Nội, ngày 5 tháng 7 năm 2024\n\nKính gửi các đơn vị.")
        #expect(text?.date == "2024-07-05")
        let markdown = ArticleReader.read(
            SourceFile(path: "/a/b.md", relativePath: "b.md", size: 0, modified: 0, kind: .markdown),
            bytes: Array("# Hội nghị chi bộ\n\n*Ngày 05/07/2024*\n\nNội dung.".utf8)
        ).articles.first
        #expect(markdown?.date == "2024-07-05")
    }

    @Test func jsonlFieldsMapOtherExports() throws {
        let scratch = Scratch()
        scratch.write(
            "export.jsonl",
            """
            {"uid": 7, "headline": "Đà Nẵng đón khách", "content": "Du lịch phục hồi.", "published": "05/07/2024", "link": "https://danang.example/7", "text": "không đọc"}

            """)
        let fields = try JSONLFields(mappings: [
            "id=uid", "title=headline", "body=content", "date=published", "url=link",
        ])
        let summary = try scratch.index { $0.jsonlFields = fields }
        #expect(summary.problems.isEmpty)
        let hit = try #require(
            try scratch.searcher().search("du lịch", options: SearchOptions(limit: 10, snippets: false)).hits.first)
        #expect(hit.article.id == "7")
        #expect(hit.article.title == "Đà Nẵng đón khách")
        #expect(hit.article.date == "2024-07-05")
        #expect(hit.article.source == "https://danang.example/7")
        #expect(try scratch.ids("không đọc").isEmpty)
        // Messages name the keys read.
        scratch.write("export2.jsonl", #"{"uid": 8, "headline": "Thiếu nội dung"}"# + "\n")
        let second = try scratch.index { $0.jsonlFields = fields }
        #expect(second.problems.map(\.message) == [#"missing "content""#])
    }

    @Test func badFieldMappingsSayWhy() {
        func message(_ mappings: [String]) -> String? {
            do {
                _ = try JSONLFields(mappings: mappings)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(
            message(["headline=title"])
                == #"--field headline=title: unknown field "headline" (expected one of id, title, text, body, date, source, url)"#
        )
        #expect(message(["title"]) == "--field title: expected TARGET=KEY, as in --field text=content")
        #expect(message(["title="]) == "--field title=: the key name is empty")
        #expect(message(["text=a", "body=b"]) == "--field text is given twice")
        #expect(message(["title=text"]) == #"--field: the key "text" is mapped to two fields"#)
    }

    @Test func skippedFilesAreListedWithWhy() throws {
        let scratch = Scratch()
        scratch.write("bai.txt", "Hội nghị chi bộ\n\nNội dung.")
        scratch.write("anh.jpg", "not a picture")
        scratch.write("README.md", "# Kho bài\n\nMô tả.")
        scratch.write(".DS_Store", "x")
        scratch.write("rong.txt", "  \n")
        scratch.write("Trang bao.html", "<title>Đà Nẵng đón khách</title><p>Du lịch phục hồi.</p>")
        scratch.write("Trang bao_files/quang-cao.html", "<title>Quảng cáo</title><p>Mua ngay.</p>")
        scratch.write("Trang bao_files/style.css", "p {}")
        scratch.write("khac_files/bai.txt", "Bài trong thư mục khác\n\nNội dung.")
        let summary = try scratch.index()
        let root = scratch.articles + "/"
        #expect(
            summary.skipped == [
                SkippedFile(path: root + ".DS_Store", reason: SkippedFile.hidden),
                SkippedFile(path: root + "README.md", reason: SkippedFile.folderDocumentation),
                SkippedFile(path: root + "Trang bao_files/", reason: SkippedFile.savedPageFiles),
                SkippedFile(path: root + "anh.jpg", reason: SkippedFile.unsupported),
                SkippedFile(path: root + "rong.txt", reason: "empty file"),
            ])
        #expect(Set(try scratch.ids("noi dung")) == ["bai.txt", "khac_files/bai.txt"])
        #expect(try scratch.ids("mua ngay").isEmpty)
        #expect(try scratch.ids("du lich") == ["Trang bao.html"])
    }

    @Test func markdownMarkupLeavesNoTraceInTextOrSnippets() throws {
        let scratch = Scratch()
        scratch.write(
            "tin.md",
            """
            # Hội nghị **Thành ủy** `2024`

            *Ngày 05/07/2024*

            ## Nội dung chính

            Sáng nay tại **Hà Nội**, _đại biểu_ đã thảo luận [báo cáo chính trị](https://example.vn/bao-cao) \
            và xem ![ảnh hội trường](anh.jpg) cùng mã `sinh-hoat` trên ~~bảng~~ tin.

            > Trích dẫn **quan trọng**.

            - Mục *một*
            - Mục [hai][ref]

            [ref]: https://example.vn/hai
            """)
        try scratch.index()
        let hits = try scratch.searcher().search("ha noi bao cao", options: SearchOptions(limit: 10)).hits
        let hit = try #require(hits.first)
        #expect(hit.article.title == "Hội nghị Thành ủy 2024")
        #expect(hit.article.date == "2024-07-05")
        let snippet = try #require(hit.snippet).text
        #expect(snippet.contains("Sáng nay tại Hà Nội, đại biểu đã thảo luận báo cáo chính trị"), "\(snippet)")
        for markup in ["**", "](", "![", "`", "~~", "_đại", "##", "[ref]"] {
            #expect(!snippet.contains(markup), "\(markup) in \(snippet)")
        }
        let body = try #require(try IndexReader(folder: scratch.indexFolder).article(id: "tin.md")).body
        #expect(!body.contains("**") && !body.contains("](") && !body.contains("#"), "\(body)")
    }

    /// Files in the legacy encodings read as the text they hold, say which encoding was
    /// chosen, and are found by their words.
    @Test func legacyEncodingsAreDetectedDecodedAndSearchable() throws {
        let scratch = Scratch()
        let articles: [(VietnameseEncoding, String, String)] = [
            (.tcvn3, "tcvn3.txt", "Hội nghị Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh\n\nSinh hoạt chi bộ định kỳ tháng bảy."),
            (.vni, "vni.txt", "Đà Nẵng đón khách du lịch quốc tế\n\nNgười dân phường Hải Châu vui mừng."),
            (.viscii, "viscii.txt", "Thừa Thiên Huế tổng kết công tác năm\n\nQuyết định khen thưởng tập thể xuất sắc."),
            (.windows1258, "cp1258.txt", "Cần Thơ khởi công cầu mới\n\nCông trình nối hai bờ sông Hậu."),
        ]
        for (encoding, name, text) in articles {
            let bytes = try #require(encoding.encode(text))
            try Data(bytes).write(to: URL(fileURLWithPath: scratch.articles + "/" + name))
        }
        let summary = try scratch.index()
        let messages = Dictionary(
            uniqueKeysWithValues: summary.problems.map { (($0.file as NSString).lastPathComponent, $0.message) })
        #expect(
            messages["tcvn3.txt"]
                == "not UTF-8; decoded as TCVN3 (ABC, .VnTime fonts) (15 of 15 words with non-ASCII letters are Vietnamese syllables)"
        )
        #expect(messages["vni.txt"]?.hasPrefix("not UTF-8; decoded as VNI-Windows (VNI fonts) (") == true)
        #expect(messages["viscii.txt"]?.hasPrefix("not UTF-8; decoded as VISCII (") == true)
        #expect(messages["cp1258.txt"]?.hasPrefix("not UTF-8; decoded as Windows-1258 (") == true)
        let searcher = try scratch.searcher()
        for (query, id, title) in [
            ("sinh hoạt chi bộ", "tcvn3.txt", "Hội nghị Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh"),
            ("nguoi dan hai chau", "vni.txt", "Đà Nẵng đón khách du lịch quốc tế"),
            ("khen thưởng", "viscii.txt", "Thừa Thiên Huế tổng kết công tác năm"),
            ("song hau", "cp1258.txt", "Cần Thơ khởi công cầu mới"),
        ] {
            let hits = try searcher.search(query, options: SearchOptions(limit: 10)).hits
            #expect(hits.first?.article.id == id, "\(query)")
            #expect(hits.first?.article.title == title)
        }
    }

    /// A page in VNI fonts that declares a Western charset reads as VNI, and says so.
    @Test func aVNIPageDeclaringWindows1252ReadsAsVNI() throws {
        let head = Array(#"<html><head><meta charset="windows-1252"><title>"#.utf8)
        let title = try #require(VietnameseEncoding.vni.encode("Người dân Đà Nẵng"))
        let body = try #require(
            VietnameseEncoding.vni.encode("</title></head><body><p>Tổ chức hội nghị.</p></body></html>"))
        let result = ArticleReader.read(
            SourceFile(path: "/a/vni.html", relativePath: "vni.html", size: 0, modified: 0, kind: .html),
            bytes: head + title + body)
        #expect(result.articles.first?.title == "Người dân Đà Nẵng")
        #expect(result.articles.first?.body == "Tổ chức hội nghị.")
        #expect(
            result.problems.map(\.message) == [
                "not UTF-8; decoded as VNI-Windows (VNI fonts) (8 of 8 words with non-ASCII letters are Vietnamese syllables)"
            ])
    }

    /// Windows-1258 decodes TCVN3 bytes without an error, into mojibake: that is no success.
    @Test func aWindows1258GuessThatGivesMojibakeLoses() throws {
        let bytes = try #require(VietnameseEncoding.tcvn3.encode("Việt Nam tổ chức hội nghị các nước"))
        let guess = try #require(VietnameseEncoding.windows1258.decode(bytes))
        #expect(guess.unicodeScalars.starts(with: "ViÖt Nam tæ chøc héi ngh".unicodeScalars))
        #expect(!VietnameseEncoding.score(guess).isVietnamese)
        let (text, repair) = TextDecoder.decode(bytes)
        #expect(text == "Việt Nam tổ chức hội nghị các nước")
        #expect(repair?.description.hasPrefix("not UTF-8; decoded as TCVN3") == true)
    }

    /// An official document's title is its kind and subject, not the issuer or the motto.
    @Test(arguments: [
        (
            """
            ỦY BAN NHÂN DÂN
            TỈNH HÀ TĨNH
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Số: 12/QĐ-UBND
            Hà Tĩnh, ngày 5 tháng 7 năm 2024

            QUYẾT ĐỊNH
            Về việc ban hành quy chế làm việc

            CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
            Căn cứ Luật Tổ chức chính quyền địa phương.
            """, "QUYẾT ĐỊNH Về việc ban hành quy chế làm việc"
        ),
        (
            """
            UBND TỈNH HÀ TĨNH
            SỞ GIÁO DỤC VÀ ĐÀO TẠO
            Số: 123/SGDĐT-VP
            V/v tổ chức hội nghị tổng kết
            CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập – Tự do – Hạnh phúc
            Hà Tĩnh, ngày 5 tháng 7 năm 2024

            Kính gửi: Các phòng giáo dục và đào tạo.
            Sở đề nghị các đơn vị chuẩn bị báo cáo.
            """, "V/v tổ chức hội nghị tổng kết"
        ),
        (
            """
            TỈNH ỦY HÀ TĨNH ĐẢNG CỘNG SẢN VIỆT NAM
            *
            Số 05-CT/TU
            Hà Tĩnh, ngày 5 tháng 7 năm 2024

            CHỈ THỊ
            về tăng cường sinh hoạt chi bộ
            Thời gian qua, công tác sinh hoạt chi bộ có chuyển biến.
            """, "CHỈ THỊ về tăng cường sinh hoạt chi bộ"
        ),
    ])
    func officialDocumentTitles(text: String, title: String) throws {
        let article = try #require(read("vb.txt", text))
        #expect(article.title == title)
        #expect(article.date == "2024-07-05")
        #expect(article.body == text)
    }

    @Test func aHeadlineNamingTheCountryIsNoMotto() throws {
        let text =
            "Kỷ niệm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam\nThứ Hai, 02/09/2024\nTHỜI SỰ CHÍNH TRỊ\n\nSáng nay tại Hà Nội."
        #expect(read("tin.txt", text)?.title == "Kỷ niệm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam")
    }

    private func read(_ name: String, _ text: String) -> Article? {
        ArticleReader.read(
            SourceFile(path: "/a/" + name, relativePath: name, size: 0, modified: 0, kind: .text),
            bytes: Array(text.utf8)
        ).articles.first
    }
}
