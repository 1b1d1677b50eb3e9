import Foundation
import Testing

@testable import VietAnalysis

/// The common-case word breaker against ICU's iterator, which defines a syllable: every
/// text here must give the same tokens (positions, byte ranges, exact and folded terms,
/// number flags) with `Analyzer(wordBreaking: .icuOnly)` as with the default analyzer.
struct CommonWordBreakerTests {
    let common = try! Analyzer()
    let icu = try! Analyzer(wordBreaking: .icuOnly)

    /// The texts of `Fixtures/word-breaks.txt`, escapes decoded.
    static let fixture: [String] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/word-breaks.txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("#") }
            .map { unescape(String($0)) }
    }()

    /// Decodes `\n`, `\r`, `\t`, `\\` and `\u{XXXX}`.
    static func unescape(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = line.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\", let code = scalars.next() else {
                out.append(scalar)
                continue
            }
            switch code {
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "u":
                var hex = ""
                while let digit = scalars.next(), digit != "}" {
                    if digit != "{" { hex.unicodeScalars.append(digit) }
                }
                out.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
            default: out.append(code)
            }
        }
        return String(out)
    }

    func expectSameTokens(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = icu.tokens(text)
        let found = common.tokens(text)
        #expect(found == expected, "\(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func fixtureIsRead() {
        #expect(Self.fixture.count > 30)
    }

    @Test(arguments: fixture)
    func fixtureTextGivesICUsTokens(_ text: String) {
        expectSameTokens(text)
        // Each line also inside other text, after a space and after a letter.
        expectSameTokens("Hà Nội " + text + " Đà Nẵng")
        expectSameTokens("x" + text + "y")
    }

    /// Every string of up to four code points over an alphabet of the classes the breaker
    /// tells apart, and of the ones it must leave to ICU.
    @Test func everyShortStringOverTrickyCodePoints() {
        let alphabet: [String] = [
            "a", "ộ", "Đ", "1", "9", ".", ",", ";", ":", "'", "’", " ", "\n", "\r", "“", "-", "@", "_", "😀",
            "\u{0301}", "\u{200D}", "\u{00A0}", "北", "а",
        ]
        var texts = alphabet
        var last = alphabet
        for _ in 2...4 {
            last = last.flatMap { prefix in alphabet.map { prefix + $0 } }
            texts += last
        }
        var mismatches: [String] = []
        for text in texts where common.tokens(text) != icu.tokens(text) { mismatches.append(text) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).map(\.debugDescription))")
    }

    /// What the breaker decides alone, and what it leaves to ICU.
    @Test func decidesTheCommonCaseAloneAndLeavesTheRestToICU() throws {
        let icuContext = try ICUContext()
        let breaker = CommonWordBreaker()
        func decidedAlone(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { breaker.words($0, icu: icuContext).decidedAlone }
        }
        for text in ["Đảng ủy TP.HCM: 10.450 đảng viên, 1,5 tỷ.", "“Hà Nội” – ngày 2/9…", "a:1 1:2 a; b"] {
            #expect(decidedAlone(text), "\(text)")
        }
        for text in ["don’t", "a1", "Hà:Nội", "x@y", "a_b", "😀", "北京", "ho\u{0300}a", "a\u{00AD}b"] {
            #expect(!decidedAlone(text), "\(text)")
        }
    }

    /// Corpus articles when `../shared/corpus/vinews-baomoi` is beside the repository.
    static let corpus: [String] = {
        var folder = URL(fileURLWithPath: #filePath)
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.path + "/Package.swift") {
            folder.deleteLastPathComponent()
        }
        let file = folder.deletingLastPathComponent().path + "/shared/corpus/vinews-baomoi/articles-000.jsonl"
        guard let data = FileManager.default.contents(atPath: file) else { return [] }
        var texts: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")).prefix(2_000) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            for key in ["title", "text"] { if let text = object[key] as? String { texts.append(text) } }
        }
        return texts
    }()

    @Test(.enabled(if: !corpus.isEmpty, "../shared/corpus/vinews-baomoi is not beside the repository"))
    func vinewsArticlesGiveICUsTokens() {
        var mismatches: [String] = []
        var tokens = 0
        for text in Self.corpus {
            let expected = icu.tokens(text)
            tokens += expected.count
            if common.tokens(text) != expected { mismatches.append(String(text.prefix(80))) }
        }
        #expect(Self.corpus.count >= 3_000)
        #expect(tokens > 500_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) texts differ: \(mismatches.prefix(5))")
    }
}

/// A text cut where `Analyzer.isCut` allows it is analyzed, part by part, into the whole
/// text's tokens (what snippets rely on to analyze only parts of an article).
@Suite struct AnalyzerCutTests {
    @Test func partsCutAtCutsGiveTheWholeTextsTokens() throws {
        let analyzer = try Analyzer()
        let texts = [
            "Ông Nguyễn Văn A, Bí thư Tỉnh uỷ, nói: “Đảng viên phải gương mẫu.”\n\nTP.HCM có 10.450 người; l'a x\u{301}y",
            "Thường trực Tỉnh ủy họp.  Cán bộ 21-KL/TW – ngày 1,5… Москва 東京 😀 chó’s dog_cho e@cho"
                .decomposedStringWithCanonicalMapping,
            "a\r\nb\u{00A0}c\u{2019}d  \u{301}e . f:g 1.5a v1.5",
        ]
        for text in texts {
            var bytes = text
            bytes.withUTF8 { buffer in
                func tokens(_ range: Range<Int>) -> [[Int]] {
                    var out: [[Int]] = []
                    analyzer.forEachToken(in: UnsafeBufferPointer(rebasing: buffer[range])) { token in
                        out.append(
                            [range.lowerBound + token.start, range.lowerBound + token.end] + token.exact.map(Int.init))
                    }
                    return out
                }
                let whole = tokens(0..<buffer.count)
                let cuts = (0...buffer.count).filter { Analyzer.isCut(buffer, at: $0) }
                #expect(cuts.count > 3)
                for cut in cuts {
                    #expect(tokens(0..<cut) + tokens(cut..<buffer.count) == whole, "cut at \(cut) of \(text)")
                }
                #expect(Analyzer.cut(buffer, atOrBefore: buffer.count / 2) <= buffer.count / 2)
                #expect(Analyzer.cut(buffer, atOrAfter: buffer.count / 2) >= buffer.count / 2)
            }
        }
    }
}
