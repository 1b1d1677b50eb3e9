import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// Inputs far larger than usual: long queries, huge articles, articles full of citations.
/// What they cost in time and memory is measured by hand (see the commit messages); these
/// tests check what a user sees.
@Suite struct LimitsTests {
    let parser = QueryParser(analyzer: try! Analyzer())

    @Test func tenThousandWordQueryReturnsAResult() throws {
        let scratch = Scratch()
        scratch.write("a.txt", "Sinh hoạt chi bộ\n\nĐảng viên sinh hoạt chi bộ hằng tháng.")
        try scratch.index()
        let words = ["sinh", "hoạt", "chi", "bộ"]
        let query = (0..<10_000).map { words[$0 % 4] }.joined(separator: " ")
        let result = try scratch.searcher().search(query, options: SearchOptions(limit: 5))
        #expect(result.hits.map(\.article.id) == ["a.txt"])
        #expect(result.hits.first?.snippet?.highlights.count == 4)
        #expect(parser.parse(query).ignoredWords == 0)
    }

    @Test func wordsBeyondTheLimitsAreCountedNotSearched() {
        let distinct = (0..<10_000).map { "tu\($0)" }
        let query = parser.parse(distinct.joined(separator: " "))
        #expect(query.alternatives.map(\.count) == [QueryParser.maxClauses])
        #expect(query.ignoredWords == 10_000 - QueryParser.maxClauses)
        #expect(query.alternatives[0].last?.text == "tu63")

        let alternatives = parser.parse((0..<100).map { "tu\($0)" }.joined(separator: " OR "))
        #expect(alternatives.alternatives.count == QueryParser.maxAlternatives)
        #expect(alternatives.ignoredWords == 100 - QueryParser.maxAlternatives)

        let excluded = parser.parse("chi " + (0..<100).map { "-tu\($0)" }.joined(separator: " "))
        #expect(excluded.excluded.count == QueryParser.maxExcluded)
        #expect(excluded.ignoredWords == 100 - QueryParser.maxExcluded)

        let phrase = parser.parse("\"" + (0..<100).map { "tu\($0)" }.joined(separator: " ") + "\"")
        #expect(phrase.alternatives[0].map(\.terms.count) == [QueryParser.maxPhraseSyllables])
        #expect(phrase.ignoredWords == 100 - QueryParser.maxPhraseSyllables)

        // Syntax reads as before.
        let title = parser.parse("TITLE:chi -bộ title:-xã title: hà")
        #expect(title.alternatives[0].map(\.text) == ["chi", "hà"])
        #expect(title.alternatives[0][0].field == .title)
        #expect(title.excluded.map(\.text) == ["bộ", "xã"])
        #expect(title.ignoredWords == 0)
    }

    @Test func snippetOfALongTextFindsTheLateMatch() throws {
        let filler = String(repeating: "một hai ba bốn năm sáu bảy tám chín mười. ", count: 20_000)
        let text = filler + "Hội nghị chi bộ cuối năm. " + filler
        let terms = parser.parse("chi bộ").alternatives[0].flatMap(\.terms)
        let snippet = SnippetMaker().snippet(of: text, terms: terms, analyzer: try Analyzer())
        let marked = snippet.highlights.map { range in
            String(decoding: Array(snippet.text.utf8)[range], as: UTF8.self)
        }
        #expect(marked == ["chi", "bộ"])
        #expect(snippet.text.hasPrefix("… "))
        #expect(snippet.text.contains("Hội nghị chi bộ cuối năm."))
    }

    @Test func everyMentionOfAnArticleFullOfCitationsHasItsContext() throws {
        let scratch = Scratch()
        let sentences = (0..<3000).map { "Đoạn \($0) thực hiện Kết luận số 21-KL/TW của Bộ Chính trị." }
        scratch.write("a.txt", "Nhiều trích dẫn\n\n" + sentences.joined(separator: "\n"))
        try scratch.index()
        let reader = try IndexReader(folder: scratch.indexFolder)
        let hit = try #require(try reader.articlesCiting(DirectiveKey(type: .ketLuan, number: 21)).first)
        #expect(hit.mentions.count == 3000)
        let wrong = hit.mentions.indices.filter { i in
            let mention = hit.mentions[i]
            return !mention.context.hasPrefix("Đoạn \(i) thực hiện Kết luận số 21-KL/TW")
                || !Array(mention.context.utf8)[mention.highlight].elementsEqual(mention.text.utf8)
                || !mention.text.hasPrefix("Kết luận số 21-KL/TW")
        }
        #expect(wrong.isEmpty)
    }

    @Test func hugeArticleIsCutWithAProblem() throws {
        let sentence = "Giao thông Hà Nội ùn tắc vào giờ cao điểm. "
        let count = Article.maxTextBytes / sentence.utf8.count + 1000
        let body = String(repeating: sentence, count: count) + "cuối"
        let text = "Bài rất dài\n\n" + body
        let file = SourceFile(path: "/archive/dai.txt", relativePath: "dai.txt", size: 0, modified: 0, kind: .text)
        let read = ArticleReader.read(file, bytes: Array(text.utf8))
        let article = try #require(read.articles.first)
        #expect(article.title == "Bài rất dài")
        let size = article.body.utf8.count
        #expect(size <= Article.maxTextBytes && size > Article.maxTextBytes - 4096)
        // Cut at a space: a prefix of the body, ending in a whole word.
        #expect(body.utf8.starts(with: article.body.utf8))
        #expect(Array(body.utf8)[size] == 0x20 && article.body.last?.isWhitespace == false)
        #expect(read.problems.map(\.message).contains { $0.contains("only its first 10.0 MB of text are indexed") })

        let jsonl = SourceFile(path: "/archive/a.jsonl", relativePath: "a.jsonl", size: 0, modified: 0, kind: .jsonl)
        let line = JSON.object([("id", .string("x")), ("title", .string("Dài")), ("text", .string(text))]).serialized()
        let short = JSON.object([("id", .string("y")), ("title", .string("Ngắn")), ("text", .string("chi bộ"))])
        let lines = ArticleReader.read(jsonl, bytes: Array((short.serialized() + "\n" + line + "\n").utf8))
        #expect(lines.articles.map(\.id) == ["y", "x"])
        #expect(lines.articles.last.map { $0.body.utf8.count <= Article.maxTextBytes } == true)
        #expect(lines.problems.map(\.line) == [2])
    }

    @Test func cutsFallOnCharacterBoundaries() {
        let text = String(repeating: "đường", count: 1000)  // no space to cut at
        let cut = Article.cut(text, toBytes: 1001)
        #expect(cut.map { $0.utf8.count <= 1001 && text.hasPrefix($0) && !$0.contains("\u{FFFD}") } == true)
        #expect(Article.cut("ngắn", toBytes: 100) == nil)
        #expect(Article.cut("một hai ba", toBytes: 6) == "một")
    }
}
