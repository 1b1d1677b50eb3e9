import Foundation
import Testing
import ZIPFoundation

@testable import VietSearchCore

/// Word and PDF files: their text is read through ZIPFoundation and XMLParser, and Poppler's
/// `pdftotext`.
@Suite struct DocumentFormatsTests {
    /// A `.docx` made of `parts` (path → XML), as Word writes one.
    static func docx(_ parts: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(try #require(archive.data))
    }

    static let word = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#

    static func document(_ paragraphs: [String]) -> (String, String) {
        let body = paragraphs.map { "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>\($0)</w:p>" }.joined()
        return ("word/document.xml", "<?xml version=\"1.0\"?><w:document \(word)><w:body>\(body)</w:body></w:document>")
    }

    static func file(_ name: String, _ kind: SourceKind) -> SourceFile {
        SourceFile(path: "/kho/" + name, relativePath: name, size: 0, modified: 0, kind: kind)
    }

    @Test func docxParagraphsAreLinesAndTheFirstIsTheTitle() throws {
        let bytes = try Self.docx([
            Self.document([
                "<w:r><w:t>Hội nghị </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>chi bộ</w:t></w:r>",
                "<w:r><w:t>Hà Nội, ngày 5 tháng 7 năm 2024</w:t></w:r>",
                "",
                "<w:r><w:t>Nội dung</w:t><w:tab/><w:t>thứ nhất &amp; thứ hai.</w:t></w:r>",
            ])
        ])
        let result = ArticleReader.read(Self.file("bien-ban.docx", .docx), bytes: bytes)
        #expect(result.problems.isEmpty)
        #expect(
            result.articles == [
                Article(
                    id: "bien-ban.docx", title: "Hội nghị chi bộ", date: "2024-07-05", source: "bien-ban.docx",
                    body: "Hà Nội, ngày 5 tháng 7 năm 2024\nNội dung thứ nhất & thứ hai.")
            ])
    }

    @Test func docxTitleFromItsProperties() throws {
        let core = """
            <?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Biên bản họp</dc:title><dc:creator>Văn phòng</dc:creator></cp:coreProperties>
            """
        let bytes = try Self.docx([
            Self.document(["<w:r><w:t>Đoạn một.</w:t></w:r>", "<w:r><w:t>Đoạn hai.</w:t></w:r>"]),
            ("docProps/core.xml", core),
        ])
        let article = try #require(ArticleReader.read(Self.file("a.docx", .docx), bytes: bytes).articles.first)
        #expect(article.title == "Biên bản họp")
        #expect(article.body == "Đoạn một.\nĐoạn hai.")
        // What Word writes by itself is no title: the first line is.
        let untitled = try Self.docx([
            Self.document(["<w:r><w:t>Biên bản họp chi bộ</w:t></w:r>", "<w:r><w:t>Đoạn hai.</w:t></w:r>"]),
            ("docProps/core.xml", core.replacing("Biên bản họp", with: "Microsoft Word - Document1")),
        ])
        let first = try #require(ArticleReader.read(Self.file("b.docx", .docx), bytes: untitled).articles.first)
        #expect(first.title == "Biên bản họp chi bộ")
    }

    @Test func brokenDocxFilesAreSkippedWithWhy() throws {
        let notZIP = ArticleReader.read(Self.file("a.docx", .docx), bytes: Array("not a zip".utf8))
        #expect(notZIP.problems.map(\.message) == ["not a .docx file (not a ZIP archive); skipped"])
        let noDocument = ArticleReader.read(Self.file("b.docx", .docx), bytes: try Self.docx([("x.xml", "<x/>")]))
        #expect(noDocument.problems.map(\.message) == ["not a .docx file (no word/document.xml); skipped"])
        let badXML = ArticleReader.read(
            Self.file("c.docx", .docx),
            bytes: try Self.docx([("word/document.xml", "<w:document><w:body></w:document>")]))
        #expect(badXML.articles.isEmpty)
        #expect(
            badXML.problems.first?.message.hasPrefix("word/document.xml is not valid XML") == true, "\(badXML.problems)"
        )
    }

    @Test func docxIsFoundBySearch() throws {
        let scratch = Scratch()
        let bytes = try Self.docx([
            Self.document(["<w:r><w:t>Tổng kết công tác Đảng</w:t></w:r>", "<w:r><w:t>Sinh hoạt chi bộ.</w:t></w:r>"])
        ])
        try Data(bytes).write(to: URL(fileURLWithPath: scratch.articles + "/tong-ket.docx"))
        let summary = try scratch.index()
        #expect(summary.problems.isEmpty)
        #expect(try scratch.ids("sinh hoat chi bo") == ["tong-ket.docx"])
    }

    /// A one-page PDF whose page shows `lines` in Helvetica (ASCII only), with a correct
    /// cross-reference table.
    static func pdf(_ lines: [String]) -> [UInt8] {
        let text = lines.enumerated().map { "BT /F1 14 Tf 20 \(120 - 30 * $0.offset) Td (\($0.element)) Tj ET" }
            .joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (number, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(number + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            pdf += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(pdf.utf8)
    }

    @Test(.enabled(if: PDFText.tool != nil, "pdftotext is not installed"))
    func pdfTextThroughPdftotext() throws {
        let bytes = Self.pdf(["Hoi nghi tong ket cong tac Dang", "Sinh hoat chi bo dinh ky."])
        let result = ArticleReader.read(Self.file("bao-cao.pdf", .pdf), bytes: bytes)
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.title == "Hoi nghi tong ket cong tac Dang")
        #expect(article.body == "Sinh hoat chi bo dinh ky.")
        let broken = ArticleReader.read(Self.file("hong.pdf", .pdf), bytes: Array("%PDF-1.4 broken".utf8))
        #expect(broken.articles.isEmpty)
        #expect(broken.problems.first?.message.hasPrefix("pdftotext failed (exit status 1") == true)
    }

    @Test func withoutPdftotextAPDFIsSkippedAndSaidWhy() {
        #expect(PDFText.read(Self.pdf(["Tieu de"]), tool: nil) == .failure(.toolMissing))
        #expect(
            PDFText.Failure.toolMissing.description
                == "PDF skipped: pdftotext is not installed (Debian: apt-get install poppler-utils)")
    }
}
