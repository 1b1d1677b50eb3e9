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

    private func read(_ name: String, _ text: String) -> Article? {
        ArticleReader.read(
            SourceFile(path: "/a/" + name, relativePath: name, size: 0, modified: 0, kind: .text),
            bytes: Array(text.utf8)
        ).articles.first
    }
}
