import CMemory
import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

struct SearchTests {
    /// The CLI asks glibc to keep freed blocks between searches (profiled: page faults were
    /// a quarter of query time); the request must reach glibc, not compile to nothing.
    @Test func freedBlocksAreKeptBetweenSearches() {
        #if canImport(Glibc)
            #expect(cmemory_keep_freed_blocks(32 << 20) == 1)
        #endif
    }

    /// A question finds the article that answers it although some of its words are not
    /// there, and each hit says which words it lacks; --all-words finds nothing.
    @Test func aQuestionFindsItsAnswerWithoutEveryWord() throws {
        let scratch = Scratch()
        var articles = [
            (
                id: "answer", title: "Super Bowl 50",
                text: "Đội thủ của Panthers chỉ thua 308 điểm, đứng thứ sáu trong giải đấu."
            ),
            (id: "football", title: "Bóng đá", text: "Đội bóng đã thua bao nhiêu trận trong mùa giải này?"),
        ]
        for i in 0..<30 {
            articles.append((id: "news\(i)", title: "Tin \(i)", text: "Đội tuyển đã thắng, có bao nhiêu điểm là tốt."))
        }
        scratch.writeJSONL("a.jsonl", articles)
        try scratch.index()
        let question = "Đội thủ Panthers đã thua bao nhiêu điểm?"
        let result = try scratch.searcher().search(question, options: SearchOptions(snippets: false))
        #expect(result.relaxed && result.allWords == 0)
        #expect(result.hits.first?.article.id == "answer")
        // Particles and question words (đã, bao nhiêu) are not said to be lacking.
        #expect(result.hits.first?.missing == [])
        #expect(result.hits.first { $0.article.id == "football" }?.missing == ["thủ", "panthers", "điểm"])
        let strict = try scratch.searcher().search(question, options: SearchOptions(snippets: false, allWords: true))
        #expect(strict.hits.isEmpty && !strict.relaxed)
    }

    /// Counts tell articles holding the words anywhere from those holding them as typed:
    /// together, and spelled as typed where the query has diacritics.
    @Test func countsTellWordsAnywhereFromWordsAsTyped() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "city", title: "Tin", text: "Du lịch Đà Nẵng mùa hè."),
                (id: "city2", title: "Đà Nẵng", text: "Thành phố biển."),
                (id: "apart", title: "Tin", text: "Nẵng hạn kéo dài, đà tăng giá."),
                (id: "raised", title: "Tin", text: "Công ty đã nâng giá điện."),
                (id: "dog", title: "Tin", text: "Xin cho tôi biết."),
            ])
        try scratch.index()
        let searcher = try scratch.searcher()
        let accented = try searcher.search("Đà Nẵng", options: SearchOptions(snippets: false))
        #expect((accented.total, accented.allWords, accented.asTyped) == (4, 4, 2))
        let bare = try searcher.search("da nang", options: SearchOptions(snippets: false))
        #expect((bare.total, bare.allWords, bare.asTyped) == (4, 4, 3))
        let dog = try searcher.search("chó", options: SearchOptions(snippets: false))
        #expect((dog.total, dog.asTyped) == (1, 0))
        let or = try searcher.search("Đà Nẵng OR chó", options: SearchOptions(snippets: false))
        #expect((or.total, or.asTyped) == (5, 2))
    }

    /// A query whose rarest word sits in a few blocks reads only those blocks of the
    /// common words: it must still find exactly the articles holding every word, with the
    /// adjacency and scores of the whole lists.
    @Test func rareAndCommonWordsFindEveryArticleHoldingBoth() throws {
        let scratch = Scratch()
        var articles: [(id: String, title: String, text: String)] = []
        for i in 0..<2_000 {
            var text = i % 3 == 0 ? "chi bộ họp" : "chi bộ"
            if i % 97 == 5 { text += " hiếm chi" }
            if i % 89 == 7 { text = "hiếm thấy" }
            articles.append((id: "d\(i)", title: i % 400 == 11 ? "hiếm" : "tin", text: text))
        }
        scratch.writeJSONL("a.jsonl", articles)
        try scratch.index()
        let searcher = try scratch.searcher()
        for query in ["hiếm chi bộ", "hiem chi", "họp hiếm", "hiếm -họp chi"] {
            let words = query.split(separator: " ").filter { !$0.hasPrefix("-") }.map { fold(String($0)) }
            let excluded = query.split(separator: " ").filter { $0.hasPrefix("-") }.map { fold(String($0.dropFirst())) }
            let expected = articles.filter { article in
                let held = Set((article.title + " " + article.text).split(separator: " ").map { fold(String($0)) })
                return words.allSatisfy(held.contains) && !excluded.contains(where: held.contains)
            }
            let result = try searcher.search(
                query, options: SearchOptions(limit: 1000, snippets: false, allWords: true))
            #expect(result.total == expected.count, "\(query)")
            #expect(Set(result.hits.map(\.article.id)) == Set(expected.map(\.id)), "\(query)")
        }
        // "hiếm chi" stands adjacent in the body of every article that has it there.
        let adjacent = try searcher.search(
            "hiếm chi", options: SearchOptions(limit: 1000, snippets: false, allWords: true))
        let withPair = Set(articles.filter { $0.text.contains("hiếm chi") }.map(\.id))
        #expect(Set(adjacent.hits.filter { $0.adjacentPairs == 1 }.map(\.article.id)) == withPair)
    }

    /// Lowercase, without marks, with đ as d: how the test compares words.
    private func fold(_ word: String) -> String {
        word.lowercased().replacingOccurrences(of: "đ", with: "d").folding(options: .diacriticInsensitive, locale: nil)
    }

    /// BM25 of a one-word query, computed by hand with the documented formula.
    @Test func bm25MatchesHandComputedScores() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "a", title: "tin một", text: "mèo mèo chó"),  // body 3 tokens, tf(mèo) = 2
                (id: "b", title: "tin hai", text: "chó chó chó mèo gà"),  // body 5 tokens, tf(mèo) = 1
                (id: "c", title: "tin ba", text: "gà"),  // body 1 token
            ])
        try scratch.index()
        let result = try scratch.searcher().search("mèo", options: SearchOptions(snippets: false))
        // N = 3, n = 2: idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln(1.6)
        // avg body length = (3 + 5 + 1) / 3 = 3; k1 = 1.2, b = 0.75; title has no "mèo".
        let idf = log(1.6)
        let a = idf * 2 / (2 + 1.2 * (1 - 0.75 + 0.75 * 3 / 3))
        let b = idf * 1 / (1 + 1.2 * (1 - 0.75 + 0.75 * 5 / 3))
        #expect(result.total == 2)
        #expect(result.hits.map(\.article.id) == ["a", "b"])
        #expect(abs(result.hits[0].score - a) < 1e-9)
        #expect(abs(result.hits[1].score - b) < 1e-9)
        #expect(abs(a - 0.4700036 * 2 / 3.2) < 1e-6)
    }

    @Test func titleMatchesWeighMore() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "body", title: "tin tức", text: "bão số 3 đổ bộ"),
                (id: "title", title: "bão số 3", text: "tin tức đổ bộ"),
            ])
        try scratch.index()
        #expect(try scratch.ids("bão") == ["title", "body"])
    }

    @Test func phrasesMatchInOrderOnly() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "in-order", title: "a", text: "nâng cao chất lượng sinh hoạt chi bộ"),
                (id: "scattered", title: "b", text: "chi hội sinh hoạt, bộ phận"),
                (id: "reversed", title: "c", text: "chi bộ sinh hoạt"),
            ])
        try scratch.index()
        #expect(try scratch.ids("\"sinh hoạt chi bộ\"") == ["in-order"])
        #expect(try scratch.ids("\"sinh hoat chi bo\"") == ["in-order"])
        #expect(try scratch.ids("sinh hoạt chi bộ").first == "in-order")
        #expect(try scratch.ids("sinh hoạt chi bộ").count == 3)
        // A code that analyzes to several tokens is a phrase: 21-KL/TW is not 21 ... KL.
        scratch.writeJSONL(
            "b.jsonl",
            [
                (id: "code", title: "x", text: "Kết luận số 21-KL/TW"),
                (id: "apart", title: "y", text: "21 văn bản KL TW"),
            ])
        try scratch.index()
        #expect(try scratch.ids("21-KL/TW") == ["code"])
    }

    @Test func exclusionOrAndTitleField() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "hn", title: "Tin Hà Nội", text: "chi bộ ở Hà Nội"),
                (id: "ht", title: "Tin Hà Tĩnh", text: "chi bộ ở Hà Tĩnh"),
                (id: "dn", title: "Tin Đà Nẵng", text: "đảng viên ở Đà Nẵng"),
            ])
        try scratch.index()
        #expect(try scratch.ids("chi bộ -\"Hà Tĩnh\"") == ["hn"])
        #expect(try scratch.ids("chi bo -tinh") == ["hn"])
        #expect(try scratch.ids("\"ha noi\" OR \"da nang\"").sorted() == ["dn", "hn"])
        #expect(try scratch.ids("ở \"ha tinh\" OR \"da nang\"").sorted() == ["dn", "ht"])
        #expect(try scratch.ids("title:\"da nang\"") == ["dn"])
        #expect(try scratch.ids("title:chi").isEmpty)
        // Unknown syntax is read as words.
        #expect(try scratch.ids("chi bộ ( \"").count == 2)
        // AND is a word, not an operator: no article holds it, so the search is relaxed
        // and says what each hit lacks.
        let and = try scratch.searcher().search("chi bộ AND", options: SearchOptions(snippets: false))
        #expect(and.relaxed && and.allWords == 0 && and.total == 0 && and.someWords == 2)
        #expect(and.unknownWords == ["and"])
        #expect(and.hits.map(\.missing) == [["and"], ["and"]])
        #expect(try scratch.searcher().search("chi bộ AND", options: SearchOptions(allWords: true)).hits.isEmpty)
        // A quoted phrase or a title: word stays required; the unknown word beside it may go.
        #expect(try scratch.ids("\"Hà Tĩnh\" xyzzy") == ["ht"])
        #expect(try scratch.ids("title:Nội xyzzy") == ["hn"])
    }

    @Test func exactDiacriticsRankFirst() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "cho", title: "Tin", text: "Xin cho tôi biết, cho nên cho họ cho chúng ta cho tất cả."),
                (id: "cho-dog", title: "Tin", text: "Con chó nhà tôi rất khôn, nó thích chạy cho vui."),
                (
                    id: "khoa-hoc", title: "Tin",
                    text: "Nghiên cứu khoa học công nghệ, khoa học tự nhiên, khoa học xã hội."
                ),
                (id: "khoa-hoc-course", title: "Tin", text: "Đăng ký khóa học tiếng Anh mới."),
            ])
        try scratch.index()
        #expect(try scratch.ids("chó") == ["cho-dog", "cho"])
        #expect(try scratch.ids("chó", exact: true) == ["cho-dog"])
        #expect(try scratch.ids("khóa học").first == "khoa-hoc-course")
        #expect(try scratch.ids("\"khóa học\"") == ["khoa-hoc-course", "khoa-hoc"])
        #expect(try scratch.ids("\"khóa học\"", exact: true) == ["khoa-hoc-course"])
        // Without diacritics every form matches.
        #expect(try scratch.ids("khoa hoc").count == 2)
        #expect(try scratch.ids("cho").count == 2)
    }

    /// Snippets mark what the ranking counted: `chó` marks `chó` and not the `cho` beside
    /// it; in an article without `chó`, the folded `cho` it matched through is marked.
    @Test func snippetsMarkTheExactSpellingTyped() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "dog", title: "Tin", text: "Con chó nhà tôi thích chạy cho vui."),
                (id: "for", title: "Tin", text: "Xin cho tôi biết."),
            ])
        try scratch.index()
        func marked(_ query: String) throws -> [String: [String]] {
            let hits = try scratch.searcher().search(query).hits
            return Dictionary(
                uniqueKeysWithValues: hits.map { hit in
                    let bytes = Array(hit.snippet!.text.utf8)
                    return (hit.article.id, hit.snippet!.highlights.map { String(decoding: bytes[$0], as: UTF8.self) })
                })
        }
        #expect(try marked("chó") == ["dog": ["chó"], "for": ["cho"]])
        #expect(try marked("cho") == ["dog": ["chó", "cho"], "for": ["cho"]])
    }

    @Test func orSeparatesWholeRunsOfWords() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "bt", title: "Tin", text: "Đảng bộ thành phố Bến Tre"),
                (id: "ub", title: "Tin", text: "Thành ủy Uông Bí"),
                (id: "tre", title: "Tin", text: "cây tre Uông làng"),
            ])
        try scratch.index()
        // (Bến Tre) OR (Uông Bí), not Bến (Tre OR Uông) Bí.
        #expect(try scratch.ids("Bến Tre OR Uông Bí").sorted() == ["bt", "ub"])
        #expect(try scratch.ids("ben tre OR \"uong bi\" -thanh").isEmpty)
    }

    @Test func aQueryWithDiacriticsTakesEverySyllableExactly() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "chi-bo", title: "Tin", text: "sinh hoạt chi bộ định kỳ"),
                (id: "chi-bo-gtvt", title: "Tin", text: "thậm chí Bộ GTVT cũng vậy"),
            ])
        try scratch.index()
        #expect(try scratch.ids("\"chi bộ\"", exact: true) == ["chi-bo"])
        #expect(try scratch.ids("\"chi bộ\"") == ["chi-bo", "chi-bo-gtvt"])
        // Without any diacritics, every spelling matches alike.
        #expect(try scratch.ids("\"chi bo\"", exact: true).count == 2)
    }

    @Test func adjacencyCountsExactSpellings() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                // Science, many times, and the word "khóa" elsewhere (a Party term).
                (id: "science", title: "Tin", text: "khoa học và khoa học, khoa học công nghệ. Đại hội khóa XII."),
                (id: "course", title: "Tin", text: "Đăng ký khóa học tiếng Anh."),
            ])
        try scratch.index()
        #expect(try scratch.ids("khóa học") == ["course", "science"])
    }

    @Test func phrasesStopAtSentenceAndLineBreaks() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "across", title: "Tin", text: "các khoản thu, chi\nBộ Tài chính"),
                (id: "within", title: "Tin", text: "họp chi bộ"),
            ])
        try scratch.index()
        #expect(try scratch.ids("\"chi bộ\"") == ["within"])
        #expect(try scratch.ids("chi bộ") == ["within", "across"])
    }

    @Test func repeatedWordsCountOnce() {
        let parser = QueryParser(analyzer: try! Analyzer())
        let query = parser.parse(String(repeating: "chi bộ ", count: 1000))
        #expect(query.alternatives.map(\.count) == [2])
        #expect(parser.parse("- !!!").isEmpty)
        #expect(parser.parse("-chi").isEmpty)
    }

    @Test func bothTonePlacementsAreExact() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "old", title: "x", text: "Đảng ủy hòa bình"), (id: "new", title: "y", text: "đảng uỷ hoà bình"),
                (id: "hoa", title: "z", text: "hoa bình"),
            ])
        try scratch.index()
        #expect(try scratch.ids("Đảng uỷ").sorted() == ["new", "old"])
        #expect(try scratch.ids("Đảng ủy").sorted() == ["new", "old"])
        #expect(try scratch.ids("hòa", exact: true).sorted() == ["new", "old"])
        #expect(try scratch.ids("hoà", exact: true).sorted() == ["new", "old"])
    }

    @Test func nfdQueryAndNfdTextWithSnippets() throws {
        let scratch = Scratch()
        let nfdBody = "Ông Nguyễn Văn A nói về sinh hoạt chi bộ ở Việt Nam.".decomposedStringWithCanonicalMapping
        scratch.writeJSONL("a.jsonl", [(id: "nfd", title: "Tin", text: nfdBody)])
        try scratch.index()
        let query = "nguyễn việt".decomposedStringWithCanonicalMapping
        let result = try scratch.searcher().search(query)
        #expect(result.hits.map(\.article.id) == ["nfd"])
        let snippet = try #require(result.hits.first?.snippet)
        let bytes = Array(snippet.text.utf8)
        let marked = snippet.highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(marked == ["Nguyễn".decomposedStringWithCanonicalMapping, "Việt".decomposedStringWithCanonicalMapping])
        #expect(snippet.marked(open: "[", close: "]").precomposedStringWithCanonicalMapping.contains("[Nguyễn]"))
    }

    @Test func noMatchIsEmptyNotAnError() throws {
        let scratch = Scratch()
        scratch.writeJSONL("a.jsonl", [(id: "a", title: "Tin", text: "chi bộ")])
        try scratch.index()
        let result = try scratch.searcher().search("xyzzy")
        #expect(result.total == 0 && result.hits.isEmpty)
        #expect(try scratch.searcher().search("!!!").total == 0)
    }
}

/// Golden tests over the five sample articles of `Corpus/`.
struct CorpusSearchTests {
    static let index: String = {
        let folder = corpusIndexFolder
        atexit { try? FileManager.default.removeItem(atPath: corpusIndexFolder) }
        _ = try! FolderSync(folder: folder).update(paths: [repositoryRoot() + "/Corpus"])
        return folder
    }()

    func ids(_ query: String) throws -> [String] {
        let searcher = Searcher(reader: try IndexReader(folder: Self.index), analyzer: try Analyzer())
        return try searcher.search(query, options: SearchOptions(limit: 10, snippets: false)).hits.map(\.article.id)
    }

    @Test func theFiveArticlesAreIndexedWithoutTheReadme() throws {
        #expect(try IndexReader(folder: Self.index).documentCount == 5)
    }

    @Test func phraseArticlesRankFirstWithAndWithoutDiacritics() throws {
        let withPhrase = Set(try ids("\"sinh hoạt chi bộ\""))
        let folded = try ids("sinh hoat chi bo")
        let accented = try ids("sinh hoạt chi bộ")
        #expect(Set(folded.prefix(withPhrase.count)) == withPhrase)
        #expect(Set(accented.prefix(withPhrase.count)) == withPhrase)
        #expect(folded == accented)
    }

    @Test func bothSpellingsOfDangUyFindTheSameArticles() throws {
        let a = try ids("Đảng uỷ")
        let b = try ids("Đảng ủy")
        #expect(!a.isEmpty)
        #expect(a == b)
    }
}

/// Citations over the five sample articles of `Corpus/`.
struct CorpusCitationTests {
    func citing(_ directive: String) throws -> [String] {
        let analyzer = try Analyzer()
        let key = try DirectiveQuery.parse(directive, analyzer: analyzer)
        return try IndexReader(folder: CorpusSearchTests.index).articlesCiting(key).map(\.article.id)
    }

    @Test func ketLuan21IsCitedByExactlyOneArticle() throws {
        #expect(try citing("Kết luận 21") == ["thu-duc-ket-luan-21.txt"])
        #expect(try citing("21-KL/TW") == ["thu-duc-ket-luan-21.txt"])
        #expect(try citing("ket luan 21") == ["thu-duc-ket-luan-21.txt"])
        #expect(try citing("21-KL/TU").isEmpty)
    }

    @Test func chiThi05IsCitedByTwoArticlesWrittenTwoWays() throws {
        // uong-bi writes "05-CT/TW" twice, tuyen-quang "Chỉ thị số 05 của Bộ Chính trị" once.
        #expect(try citing("Chỉ thị 05") == ["uong-bi-to-chuc-co-so-dang.txt", "tuyen-quang-hoi-nghi-de-an-16.txt"])
    }

    @Test func huongDan12IsCitedByThreeArticles() throws {
        #expect(
            try citing("Hướng dẫn 12").sorted() == [
                "ben-tre-sinh-hoat-chi-bo.txt", "ky-anh-nghi-quyet-02.txt", "thu-duc-ket-luan-21.txt",
            ])
    }

    @Test func mentionsCarryTheirTextAndContext() throws {
        let analyzer = try Analyzer()
        let key = try DirectiveQuery.parse("Kết luận 21", analyzer: analyzer)
        let hit = try #require(try IndexReader(folder: CorpusSearchTests.index).articlesCiting(key).first)
        let body = hit.mentions.filter { $0.field == .body }
        #expect(body.count == 3)
        #expect(body.allSatisfy { $0.text == "Kết luận số 21-KL/TW" })
        #expect(body.first?.date == "2021-10-25")
        let bytes = Array(hit.article.body.utf8)
        for mention in body {
            #expect(String(decoding: bytes[mention.start..<mention.end], as: UTF8.self) == mention.text)
        }
        let context = Array(body[0].context.utf8)
        #expect(String(decoding: context[body[0].highlight], as: UTF8.self) == "Kết luận số 21-KL/TW")
    }

    /// `Chỉ thị 05` is written `05-CT/TW` in uong-bi and `Chỉ thị số 05 của Bộ Chính trị`
    /// in tuyen-quang: both cite it, and a search for it ranks them first by their
    /// mention counts (certain ones, which outweigh possible ones), which the hits give.
    @Test func searchCountsTheMentionsOfTheDirectiveItNames() throws {
        let searcher = Searcher(reader: try IndexReader(folder: CorpusSearchTests.index), analyzer: try Analyzer())
        let hits = try searcher.search("Chỉ thị 05", options: SearchOptions(snippets: false)).hits
        #expect(
            hits.prefix(2).map(\.article.id) == ["uong-bi-to-chuc-co-so-dang.txt", "tuyen-quang-hoi-nghi-de-an-16.txt"])
        #expect(hits.prefix(2).map(\.citations) == [2, 1])
        #expect(hits.dropFirst(2).allSatisfy { $0.citations == 0 })
    }

    @Test func searchRanksTheCitingArticleFirst() throws {
        let searcher = Searcher(reader: try IndexReader(folder: CorpusSearchTests.index), analyzer: try Analyzer())
        let hits = try searcher.search("Kết luận 21", options: SearchOptions(snippets: false)).hits
        #expect(hits.first?.article.id == "thu-duc-ket-luan-21.txt")
        // Every other article holds "kết luận" and "21" too, apart from each other.
        let plain = try searcher.search(
            QueryParser(analyzer: try Analyzer()).parse("Kết luận 21"), options: SearchOptions(snippets: false))
        #expect(plain.total ?? 0 >= 1)
    }

    @Test func directivesAreCountedOverTheArchive() throws {
        let counts = try IndexReader(folder: CorpusSearchTests.index).directiveCounts()
        #expect(counts.first?.key.description == "12-HD/BTCTW")
        #expect(counts.first?.articles == 3)
        #expect(counts.contains { $0.key.description == "05-CT/TW" && $0.articles == 2 && $0.mentions == 3 })
        // tuyen-quang writes both "Đề án số 16-ĐA/TU" and "Đề án 16": one directive, not two.
        #expect(counts.contains { $0.key.description == "16-ĐA/TU" && $0.mentions == 5 })
        #expect(!counts.contains { $0.key.description == "Đề án 16" })
    }
}

/// The index of Corpus/ shared by `CorpusSearchTests`, removed when the test process exits.
let corpusIndexFolder = NSTemporaryDirectory() + "vietsearch-corpus-\(getpid())"
