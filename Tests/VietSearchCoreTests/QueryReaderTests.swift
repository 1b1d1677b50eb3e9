import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// Spelling statistics counted from sentences, as an index counts them.
private final class SentenceSpellings: SpellingStatistics {
    private var unigrams: [[UInt8]: [[UInt8]: Int]] = [:]
    private var pairs: [[UInt8]: Int] = [:]
    private(set) var syllableCount = 0

    init(_ sentences: [(String, Int)], analyzer: Analyzer) {
        for (sentence, times) in sentences {
            let tokens = analyzer.tokens(sentence)
            for (i, token) in tokens.enumerated() {
                unigrams[token.folded.bytes, default: [:]][token.exact.bytes, default: 0] += times
                syllableCount += times
                if i > 0 && tokens[i - 1].position + 1 == token.position {
                    pairs[tokens[i - 1].exact.bytes + [0x20] + token.exact.bytes, default: 0] += times
                }
            }
        }
    }

    func spellings(of folded: [UInt8]) throws -> [(exact: [UInt8], count: Int)] {
        (unigrams[folded] ?? [:]).map { (exact: $0.key, count: $0.value) }.sorted { $0.count > $1.count }
    }

    func pairCounts(_ firsts: [(exact: [UInt8], folded: [UInt8])], _ seconds: [(exact: [UInt8], folded: [UInt8])])
        throws -> [[Int]]
    {
        firsts.map { first in seconds.map { second in pairs[first.exact + [0x20] + second.exact] ?? 0 } }
    }
}

/// Sentences of a small archive, with how often each occurs: frequent words, a rare slip
/// (`xuât`), and minimal pairs that are each common (`chó`/`cho`, `lợn`/`lớn`, `bão`/`báo`,
/// `khóa học`/`khoa học`).
let readerArchive: [(String, Int)] = [
    ("Chính phủ ban hành nghị định", 200), ("Chính sách của Chính phủ", 50), ("lời nói phũ phàng", 2),
    ("tai nạn giao thông", 300), ("sốt xuất huyết", 40), ("xuất khẩu", 80), ("xuât", 1),
    ("con chó", 30), ("cho biết", 500), ("thịt lợn", 20), ("lớn lên", 200), ("cơn bão", 25), ("báo chí", 300),
    ("khóa học", 20), ("khoa học", 300), ("sinh hoạt chi bộ", 40), ("hoạt động", 100), ("bộ đội", 60),
    ("Hà Nội ngập lụt", 30), ("Hà Nội", 200), ("rộng 157 ha", 5), ("nội dung", 50), ("giáo dục", 100),
    ("COVID-19", 10), ("tại nhà", 300), ("nằm viện", 3), ("bệnh viện", 20),
    // Ordinary text, so that word frequencies are those of an archive rather than of a list.
    ("một hai ba bốn năm sáu bảy tám chín mười", 5000), ("system", 3), ("Kết luận số 21-KL/TW", 5),
]

@Suite struct QueryReaderTests {
    let analyzer = try! Analyzer()

    private func read(_ text: String) throws -> (Query, QueryReading) {
        let statistics = SentenceSpellings(readerArchive, analyzer: analyzer)
        return try QueryReader(statistics: statistics, analyzer: analyzer).read(
            QueryParser(analyzer: analyzer).parse(text))
    }

    private func corrections(_ reading: QueryReading) -> [String] {
        reading.corrections.map { "\($0.typed)→\($0.read) \($0.kind.rawValue)" }
    }

    @Test func telexAndVNIKeystrokesAreDecoded() throws {
        let (telex, reading) = try read("sinh hoatj chi booj")
        #expect(reading.text == "sinh hoạt chi bộ")
        #expect(corrections(reading) == ["hoatj→hoạt telex", "booj→bộ telex"])
        #expect(telex.alternatives[0][1].terms[0].folded == Array("hoat".utf8))
        #expect(try read("Ha2 No65i").1.text == "hà nội")
        #expect(corrections(try read("Ha2 No65i").1) == ["ha2→hà vni", "no65i→nội vni"])
        #expect(try read("gia1o du5c").1.text == "giáo dục")
        // In a query typed with keystrokes, a word without any is most likely meant without
        // diacritics (`chi`, ranked first among matches alike), unless its neighbour says
        // otherwise (`duc` beside `giáo`).
        let (cell, _) = try read("sinh hoatj chi booj")
        #expect(cell.alternatives[0][2].terms[0].exact == Array("chi".utf8))
        #expect(cell.alternatives[0][2].terms[0].preferred && !cell.alternatives[0][2].terms[0].exactMatters)
        #expect(try read("giaos duc").1.text == "giáo dục")
    }

    @Test func aCommonSpellingANeighbourDoubtsMatchesEveryToneButIsNeverReplaced() throws {
        // `tại` is common, but never stands before `nạn`: it matches `tai` too, and stays.
        let (query, reading) = try read("tại nạn giao thông")
        #expect(reading.text == "tại nạn giao thông" && reading.corrections.isEmpty)
        #expect(reading.loosened == ["tại"])
        #expect(!query.alternatives[0][0].terms[0].exactMatters && query.alternatives[0][0].terms[0].preferred)
        // `lớn` beside `thịt` is doubted (`thịt lợn`), never replaced: both are words.
        let (_, big) = try read("thịt lớn")
        #expect(big.corrections.isEmpty && big.loosened == ["lớn"])
        #expect(try read("con chó").1.corrections.isEmpty)
        #expect(try read("con chó").1.loosened.isEmpty)
    }

    /// A slip is read from its neighbours only: a rare spelling alone stays as typed.
    @Test func aRareSpellingAloneStaysAsTyped() throws {
        let (query, reading) = try read("phũ")
        #expect(reading.corrections.isEmpty && reading.text == "phũ")
        #expect(query.alternatives[0][0].terms[0].exactMatters)
    }

    /// Exclusions are part of what is searched, as typed.
    @Test func theReadingShowsTheExclusions() throws {
        let (_, reading) = try read("chính phũ -\"tai nạn\" -xuất")
        #expect(reading.text == "chính phủ -\"tai nạn\" -xuất")
        #expect(reading.typed == "chính phũ -\"tai nạn\" -xuất")
    }

    @Test func wordsTheArchiveKnowsAreNeverDecoded() throws {
        for text in ["system", "COVID-19", "21-KL/TW", "157 ha"] {
            let (_, reading) = try read(text)
            #expect(reading.corrections.isEmpty, "\(text)")
        }
    }

    @Test func aRareSpellingItsNeighboursContradictIsASlip() throws {
        let (query, reading) = try read("chính phũ")
        #expect(reading.text == "chính phủ")
        #expect(corrections(reading) == ["phũ→phủ tone"])
        #expect(query.alternatives[0][1].terms[0].exact == Array("phủ".utf8))
        #expect(try read("sôt xuât huyêt").1.text == "sốt xuất huyết")
        // The same rare spelling beside the word it belongs to stays.
        #expect(try read("phũ phàng").1.corrections.isEmpty)
    }

    @Test func aWordNoArticleHoldsIsCorrectedToTheOneThatFits() throws {
        let (query, reading) = try read("giao thôg")
        #expect(reading.text == "giao thông")
        #expect(corrections(reading) == ["thôg→thông spelling"])
        #expect(query.alternatives[0][1].terms[0].folded == Array("thong".utf8))
    }

    @Test func commonSpellingsAreNeverMerged() throws {
        for text in ["chó", "con chó", "lợn", "thịt lợn", "bão", "cơn bão", "khóa học"] {
            let (query, reading) = try read(text)
            #expect(reading.corrections.isEmpty, "\(text)")
            #expect(reading.text == query.alternatives[0].map(\.text).joined(separator: " "))
            // Every word typed with diacritics keeps its spelling as typed.
            let accented = query.allClauses.filter { $0.terms[0].exact != $0.terms[0].folded }
            #expect(!accented.isEmpty && accented.allSatisfy(\.exactMatters), "\(text)")
        }
    }

    /// `năm` is common and never stands before `viện`, where `nằm` does, though rarely: too
    /// rarely for the model to read `nằm`, so `năm` matches every spelling and ranks first
    /// only among matches alike.
    @Test func aCommonSpellingItsNeighbourContradictsMatchesEverySpelling() throws {
        let (query, reading) = try read("năm viện")
        #expect(reading.corrections.isEmpty && reading.text == "năm viện")
        let year = query.alternatives[0][0].terms[0]
        #expect(year.exact == Array("năm".utf8) && !year.exactMatters && year.preferred)
        #expect(query.alternatives[0][1].terms[0].exactMatters)
    }

    @Test func bareWordsOfAPartlyAccentedQueryAreRestoredNotTakenLiterally() throws {
        let (query, reading) = try read("Ha Noi ngập lụt")
        #expect(reading.text == "hà nội ngập lụt")
        #expect(reading.corrections.isEmpty)
        let first = query.alternatives[0][0].terms[0]
        // Every spelling of `ha` matches; `hà` ranks first among matches alike.
        #expect(first.exact == Array("hà".utf8) && first.folded == Array("ha".utf8))
        #expect(first.preferred && !first.exactMatters)
        #expect(query.alternatives[0][2].terms[0].exactMatters)
        // Typed bare and meant bare: `chi` stays `chi`, softly preferred.
        let (cell, _) = try read("sinh hoạt chi bộ")
        #expect(cell.alternatives[0][2].terms[0].exact == Array("chi".utf8))
        #expect(cell.alternatives[0][2].terms[0].preferred)
    }

    /// `bao` is `báo` 300 times and `bão` 25: not clearly one, so every spelling ranks alike
    /// and the reading shows the word bare, as typed.
    @Test func aBareWordWithoutAClearSpellingIsShownAsTyped() throws {
        let (query, reading) = try read("bao")
        #expect(reading.text == "bao" && !reading.isReinterpreted)
        #expect(!query.alternatives[0][0].terms[0].preferred)
        #expect(reading.alternatives.first == "bão")
    }

    @Test func anUnaccentedQueryIsReadInItsMostLikelySpelling() throws {
        let (_, reading) = try read("tai nan giao thong")
        #expect(reading.text == "tai nạn giao thông")
        #expect(reading.corrections.isEmpty)
    }

    @Test func quotedPhrasesAndExclusionsAreReadAsTyped() throws {
        let (query, reading) = try read("\"sinh hoatj\" -booj")
        #expect(reading.corrections.isEmpty)
        #expect(query.alternatives[0][0].text == "sinh hoatj")
        #expect(query.excluded[0].text == "booj")
    }
}

@Suite struct KeystrokesTests {
    @Test func telex() {
        let cases = [
            "hoatj": "hoạt", "booj": "bộ", "haf": "hà", "nooij": "nội", "ddaf": "đà", "nguwowif": "người",
            "dduwowcj": "được", "tieengs": "tiếng", "quoocs": "quốc", "giaos": "giáo", "thuyr": "thuỷ", "w": "ư",
            "mawtj": "mặt",
        ]
        for (typed, expected) in cases {
            #expect(Keystrokes.decode(typed)?.text.precomposedStringWithCanonicalMapping == expected, "\(typed)")
            #expect(Keystrokes.decode(typed)?.method == .telex, "\(typed)")
        }
    }

    @Test func vni() {
        let cases = ["no65i": "nội", "ha2": "hà", "gia1o": "giáo", "du5c": "dục", "d9u7o7c5": "được", "a8n": "ăn"]
        for (typed, expected) in cases {
            #expect(Keystrokes.decode(typed)?.text.precomposedStringWithCanonicalMapping == expected, "\(typed)")
            #expect(Keystrokes.decode(typed)?.method == .vni, "\(typed)")
        }
    }

    @Test func wordsWithoutKeystrokesOrWithImpossibleOnesAreLeftAlone() {
        for word in ["system", "covid", "21", "u23", "h5n1", "g7", "chi", "hoa", "4g"] {
            #expect(Keystrokes.decode(word) == nil, "\(word)")
        }
    }
}
