import Foundation
import Testing

@testable import VietSearchCore

/// Queries typed as people type them, searched over a real index: what the reader makes of
/// them changes which article comes first.
@Suite struct QueryReadingSearchTests {
    /// An archive whose own statistics say how its words are spelled: `chính phủ`, `Hà Nội`
    /// and `giao thông` are frequent; `phũ` is rare; `ha` alone is a hectare.
    let scratch: Scratch

    init() throws {
        scratch = Scratch()
        var articles = [
            (id: "chibo", title: "Sinh hoạt chi bộ tháng 5", text: "Chi bộ thôn tổ chức sinh hoạt chi bộ định kỳ."),
            (id: "phuphang", title: "Lời nói phũ phàng", text: "Chính những lời phũ phàng làm đau lòng người thân."),
            (id: "hanoi", title: "Mưa lớn", text: "Mưa lớn khiến Hà Nội ngập lụt nhiều tuyến phố."),
            (id: "golf", title: "Sân golf", text: "Sân golf rộng 157 ha, ngập lụt sau mưa, nói chung là hỏng."),
        ]
        for i in 0..<40 {
            articles.append(
                (
                    id: "news\(i)", title: "Tin \(i)",
                    text: "Chính phủ ban hành nghị định về an toàn giao thông tại Hà Nội. Bộ đội hoạt động."
                ))
        }
        scratch.writeJSONL("a.jsonl", articles)
        try scratch.index()
    }

    private func search(_ query: String, asTyped: Bool = false) throws -> SearchResult {
        try scratch.searcher().search(query, options: SearchOptions(snippets: false, asTyped: asTyped))
    }

    @Test func telexAndVNILeftoversFindTheArticle() throws {
        let telex = try search("sinh hoatj chi booj")
        #expect(telex.reading?.text == "sinh hoạt chi bộ")
        #expect(telex.hits.first?.article.id == "chibo")
        #expect(telex.allWords == 1)
        // As typed, no article holds `hoatj` or `booj`.
        #expect(try search("sinh hoatj chi booj", asTyped: true).allWords == 0)
        let vni = try search("Ha2 No65i ngập lụt")
        #expect(vni.reading?.corrections.map(\.kind) == [.vni, .vni])
        #expect(vni.hits.first?.article.id == "hanoi")
    }

    @Test func aToneSlipIsReadAsTheWordItsNeighbourStandsBeside() throws {
        let read = try search("chính phũ")
        #expect(read.reading?.text == "chính phủ")
        #expect(read.reading?.corrections.map { "\($0.typed)→\($0.read)" } == ["phũ→phủ"])
        #expect(read.hits.first?.article.id.hasPrefix("news") == true)
        // As typed, the exact spelling `phũ` puts the article about harsh words first.
        #expect(try search("chính phũ", asTyped: true).hits.first?.article.id == "phuphang")
    }

    @Test func aPartlyAccentedQueryPrefersTheLikelySpellingNotTheBareOne() throws {
        let read = try search("Ha Noi ngập lụt")
        #expect(read.reading?.text == "hà nội ngập lụt")
        #expect(read.hits.prefix(1).map(\.article.id) == ["hanoi"])
        #expect(read.hits.map(\.article.id).contains("golf"))
    }

    @Test func aWordNoArticleHoldsIsCorrected() throws {
        #expect(try search("giao thôg", asTyped: true).allWords == 0)
        let read = try search("giao thôg")
        #expect(read.reading?.corrections.map { "\($0.typed)→\($0.read) \($0.kind)" } == ["thôg→thông spelling"])
        #expect(read.hits.first?.article.id.hasPrefix("news") == true)
    }
}
