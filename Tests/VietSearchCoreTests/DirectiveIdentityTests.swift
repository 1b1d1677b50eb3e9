import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// What `cite` and `directives` show on a small archive where one decree is written four
/// ways and a second decree shares its number.
struct DirectiveIdentityTests {
    static let articles: [(id: String, title: String, text: String)] = [
        // The full form, then the short one: the short one is the same decree.
        (
            "full", "Tàu cá",
            "Theo Nghị định số 67/2014/NĐ-CP của Chính phủ, ngư dân được vay vốn. Nghị định 67 đã giúp."
        ),
        // Year without issuer: a Nghị định is the Government's, so this is 67/2014/NĐ-CP.
        ("year-only", "Đóng tàu", "Chính sách theo Nghị định 67/2014 về thủy sản."),
        // No year: 67/2014/NĐ-CP or 67/2017/NĐ-CP.
        ("no-year", "Vốn vay", "Các tàu đóng theo Nghị định 67 và văn bản số 67/NĐ-CP vẫn nằm bờ."),
        ("other-year", "Xăng dầu", "Xử phạt theo Nghị định 67/2017/NĐ-CP về xăng dầu."),
        ("ttg", "Đề án", "Quyết định số 1880/QĐ-TTg của Thủ tướng và Quyết định 1880/QĐ-TTG."),
        ("politburo", "Chỉ thị", "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị."),
        ("bad-date", "Ngày sai", "Nghị định số 5/2021/NĐ-CP ngày 31/2/2021 quy định."),
        ("glued", "Gắn liền", "Căn cứ Quyếtđịnh số 5 của UBND tỉnh về việc."),
        // One law by number with its title, by title and year, by number alone.
        (
            "law-both", "Đất đai",
            "Theo Luật Đất đai số 45/2013/QH13, người dân được giao đất. Luật Đất đai 2013 cũng quy định."
        ),
        ("law-title", "Thu hồi đất", "Căn cứ Luật Đất đai năm 2013 về thu hồi đất."),
        ("law-number", "Hiệu lực", "Luật số 45/2013/QH13 có hiệu lực từ năm 2014."),
        ("code", "Hình sự", "Theo Bộ luật Hình sự 2015, tội này bị phạt tù."),
        // The code as the archive also writes it.
        ("code-again", "Hình sự", "Theo Bộ luật Hình sự năm 2015, tội này bị phạt tù."),
        ("code-short", "Hình sự", "Bị xử lý theo Luật Hình sự 2015."),
        ("lawyer", "Luật sư", "luật sư Nguyễn Văn An năm 2013 cho biết."),
    ]

    private func archive() throws -> (Scratch, IndexReader) {
        let scratch = Scratch()
        scratch.writeJSONL("a.jsonl", Self.articles)
        try scratch.index()
        return (scratch, try IndexReader(folder: scratch.indexFolder))
    }

    private func citing(_ reader: IndexReader, _ query: String) throws -> [String: DirectiveMatch] {
        let key = try DirectiveQuery.parse(query, analyzer: try Analyzer())
        return Dictionary(uniqueKeysWithValues: try reader.articlesCiting(key).map { ($0.article.id, $0.match) })
    }

    @Test func everySpellingOfTheDecreeFindsTheSameArticles() throws {
        let (scratch, reader) = try archive()
        _ = scratch
        let expected: [String: DirectiveMatch] = ["full": .certain, "year-only": .certain, "no-year": .possible]
        for query in [
            "67/2014/NĐ-CP", "Nghị định 67/2014", "Nghị định số 67/2014/NĐ-CP", "nghi dinh 67/2014", "NĐ67/2014",
        ] {
            #expect(try citing(reader, query) == expected, "\(query)")
        }
        // Without a year the query names both decrees: every mention is one for certain.
        #expect(
            try citing(reader, "Nghị định 67") == [
                "full": .certain, "year-only": .certain, "no-year": .certain, "other-year": .certain,
            ])
        #expect(try citing(reader, "ND67") == citing(reader, "Nghị định 67"))
        // Certain before possible.
        let key = try DirectiveQuery.parse("67/2014/NĐ-CP", analyzer: try Analyzer())
        #expect(try reader.articlesCiting(key).map(\.match) == [.certain, .certain, .possible])
    }

    @Test func directivesListsOneRowPerDirective() throws {
        let (scratch, reader) = try archive()
        _ = scratch
        let rows = try reader.directiveCounts()
        let decrees = rows.filter { $0.key.type == .nghiDinh && $0.key.number == 67 }
        #expect(decrees.map(\.key.description) == ["67/2014/NĐ-CP", "67/2017/NĐ-CP"])
        #expect(decrees.map(\.articles) == [2, 1])
        #expect(decrees.map(\.possibleArticles) == [1, 1])
        // Issuers as written, compared folded: TTg and TTG are one row, shown as written first.
        let ttg = rows.filter { $0.key.number == 1880 }
        #expect(ttg.map(\.key.description) == ["1880/QĐ-TTg"])
        #expect(ttg.first?.mentions == 2)
    }

    @Test func issuerFilterTakesCodesAndNames() {
        for text in ["TW", "tw", "Bộ Chính trị", "bo chinh tri", "Trung ương", "Ban Bí thư"] {
            #expect(Issuers.filter(text)("TW"), "\(text)")
        }
        for text in ["TTg", "TTG", "Thủ tướng", "thu tuong chinh phu"] {
            #expect(Issuers.filter(text)("TTG"), "\(text)")
        }
        #expect(Issuers.filter("ThU")("THU") && Issuers.filter("Thị ủy")("THU") && !Issuers.filter("Thị ủy")("TU"))
        #expect(Issuers.filter("Tỉnh ủy")("TU") && Issuers.filter("tinh uy")("TU"))
        #expect(Issuers.filter("Chính phủ")("CP") && !Issuers.filter("Chính phủ")("TTG"))
        #expect(Issuers.filter("Quốc hội")("QH13") && Issuers.filter("QH")("QH14") && !Issuers.filter("QH")("QHX"))
        #expect(Issuers.filter("BGDĐT")("BGDDT") && Issuers.filter("Bộ Giáo dục và Đào tạo")("BGDDT"))
        #expect(Issuers.filter("UBND")("UBND-CTXDGT"))
        #expect(!Issuers.filter("TW")(nil))
        // Every code in the table is its own canonical form's entry, and names are unique.
        let names = Issuers.entries.flatMap(\.names).map(UserText.fold)
        #expect(Set(names).count == names.count)
        #expect(Issuers.entries.allSatisfy { Issuers.entries(named: $0.written).map(\.code) == [$0.code] })
    }

    @Test func impliedIssuersAreOnlyTheUnambiguousOnes() {
        #expect(ImpliedIssuers.table == [.nghiDinh: "CP"])
        #expect(
            DirectiveKey(type: .nghiDinh, number: 67, year: 2014).withImpliedIssuer
                == DirectiveKey(type: .nghiDinh, number: 67, issuer: "CP", year: 2014))
        #expect(DirectiveKey(type: .nghiQuyet, number: 35).withImpliedIssuer.issuer == nil)
    }

    @Test func issuersAreKeptAsWritten() throws {
        let analyzer = try Analyzer()
        let found = CitationRecognizer().citations(
            in: "Nghị quyết số 02-NQ/ThU và Thông tư 04/2016/TT-BGDĐT, Quyết định 1880/QĐ-TTg", analyzer: analyzer)
        #expect(found.map(\.key.description) == ["02-NQ/ThU", "04/2016/TT-BGDĐT", "1880/QĐ-TTg"])
        #expect(found.map(\.key.issuer) == ["THU", "BGDDT", "TTG"])
    }

    @Test func impossibleDatesAreNoDates() throws {
        let (scratch, reader) = try archive()
        _ = scratch
        let hit = try #require(
            try reader.articlesCiting(DirectiveQuery.parse("5/2021/NĐ-CP", analyzer: try Analyzer())).first)
        #expect(hit.article.id == "bad-date")
        #expect(hit.mentions.map(\.date) == [nil])
        let dated = try #require(
            try reader.articlesCiting(DirectiveQuery.parse("05-CT/TW", analyzer: try Analyzer())).first)
        #expect(dated.mentions.map(\.date) == ["2016-05-15"])
    }

    /// A law cited by title and year, by number with its title, or by number alone is one
    /// directive, found by either query, with or without diacritics.
    @Test func aLawByTitleIsTheLawByNumber() throws {
        let (scratch, reader) = try archive()
        _ = scratch
        let land: [String: DirectiveMatch] = ["law-both": .certain, "law-title": .certain, "law-number": .certain]
        for query in ["Luật Đất đai 2013", "luat dat dai 2013", "Luật Đất đai năm 2013", "Luật số 45/2013/QH13"] {
            #expect(try citing(reader, query) == land, "\(query)")
        }
        // A code is one directive however its title is written.
        let code: [String: DirectiveMatch] = ["code": .certain, "code-again": .certain, "code-short": .certain]
        #expect(try citing(reader, "Bộ luật Hình sự 2015") == code)
        #expect(try citing(reader, "Luật Hình sự 2015") == code)
        #expect(try citing(reader, "Luật Đất đai 2024") == [:])
        let laws = try reader.directiveCounts().filter { $0.key.type == .luat }
        #expect(laws.map(\.key.description) == ["Luật Đất đai 45/2013/QH13", "Bộ luật Hình sự 2015"])
        #expect(laws.map(\.articles) == [3, 3])
        #expect(laws.map(\.mentions) == [4, 3])
        // A query typed without diacritics is shown as the articles write the law.
        for query in ["luat dat dai 2013", "Luật số 45/2013/QH13"] {
            let key = try DirectiveQuery.parse(query, analyzer: try Analyzer())
            #expect(try reader.displayed(key).writtenName == "Luật Đất đai", "\(query)")
        }
    }

    @Test func gluedTypeWordIsIndexed() throws {
        let (scratch, reader) = try archive()
        _ = scratch
        #expect(try citing(reader, "Quyết định 5") == ["glued": .certain])
    }
}

/// The index-time gate loses nothing the recognizer finds.
struct CitationGateTests {
    @Test func indexedCitationsEqualTheRecognizers() throws {
        let analyzer = try Analyzer()
        let recognizer = CitationRecognizer()
        var texts = CitationTests.cases.map(\.text)
        texts += DirectiveIdentityTests.articles.map(\.text)
        let corpus = CitationTests.corpus.path
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus).sorted() where name.hasSuffix(".txt") {
            texts.append(try String(contentsOfFile: corpus + "/" + name, encoding: .utf8))
        }
        let scratch = Scratch()
        scratch.writeJSONL(
            "gate.jsonl", texts.enumerated().map { (id: "t\($0.offset)", title: "", text: $0.element) })
        try scratch.index()
        let reader = try IndexReader(folder: scratch.indexFolder)
        // Every article, citing or not: what the index holds for each field is what the
        // recognizer finds in the field's text as stored.
        var checked = 0
        for (ordinal, segment) in reader.segments.enumerated() {
            for doc in 0..<segment.docCount {
                let address = DocAddress(segment: ordinal, doc: doc)
                let article = try reader.article(address)
                let stored = try segment.citations.citations(doc)
                for (field, text) in [(Field.title, article.title), (.body, article.body)] {
                    let expected = recognizer.citations(in: text, analyzer: analyzer)
                    #expect(
                        stored.filter { $0.field == field }.map(\.citation) == expected,
                        "\(article.id): \(text.prefix(60))")
                }
                checked += 1
            }
        }
        #expect(checked == texts.count)
    }
}

/// A law by title that two numbered laws of the archive are cited with (one a misprint,
/// `100/2015/QH14`) is possibly each of them, and certainly the title asked for.
@Test func aLawByTitleWithTwoNumberedLawsIsPossiblyEach() {
    let title = DirectiveKey(type: .luat, number: 0, year: 2015, name: "Bộ luật Hình sự")
    let qh13 = DirectiveKey(type: .luat, number: 100, issuer: "QH13", year: 2015, name: "Bộ luật Hình sự")
    let qh14 = DirectiveKey(type: .luat, number: 100, issuer: "QH14", year: 2015, name: "Bộ luật hình sự")
    let documents = [[qh13], [qh14], [title]].enumerated().map {
        (address: DocAddress(segment: 0, doc: $0.offset), keys: $0.element)
    }
    let catalog = DirectiveCatalog(documents: documents, dates: documents.map { $0.keys.map { _ in nil } })
    #expect(catalog.directives(of: title) == [qh13, qh14])
    #expect(catalog.match(DirectiveKey(type: .luat, number: 100, issuer: "QH13", year: 2015), title) == .possible)
    #expect(catalog.match(title, title) == .certain)
    #expect(catalog.match(title, DirectiveKey(type: .luat, number: 100, issuer: "QH14", year: 2015)) == .certain)
    #expect(catalog.match(DirectiveKey(type: .luat, number: 101, issuer: "QH13", year: 2015), title) == nil)
}

/// The form a directive is shown in does not depend on the order its mentions are read
/// in (which depends on how the threads cut the segments): the signed spelling wins.
@Test func theShownIssuerIsTheSignedSpellingWhateverTheOrder() {
    let upper = DirectiveKey(type: .chiThi, number: 13, issuer: "TTG")
    let signed = DirectiveKey(type: .chiThi, number: 13, issuer: "TTg")
    let documents = [upper, signed, upper].enumerated().map {
        (address: DocAddress(segment: 0, doc: $0.offset), keys: [$0.element])
    }
    for order in [documents, documents.reversed()] {
        let catalog = DirectiveCatalog(documents: Array(order), dates: order.map { _ in [nil] })
        #expect(catalog.displayed(upper).writtenIssuer == "TTg")
    }
}

/// Only documents mentioning a directive's number, or a law, are looked at for a query,
/// and every document a mention of which matches is among them.
@Test func theDocumentsPossiblyCitingAQueryHoldEveryMatch() {
    let keys: [[DirectiveKey]] = [
        [DirectiveKey(type: .ketLuan, number: 21, issuer: "TW")],
        [DirectiveKey(type: .nghiQuyet, number: 18, issuer: "TW"), DirectiveKey(type: .chiThi, number: 5)],
        [DirectiveKey(type: .luat, number: 0, year: 2013, name: "Luật Đất đai")],
        [DirectiveKey(type: .luat, number: 45, issuer: "QH13", year: 2013, name: "Luật Đất đai")],
        [DirectiveKey(type: .quyetDinh, number: 21)],
    ]
    let documents = keys.enumerated().map { (address: DocAddress(segment: 0, doc: $0.offset), keys: $0.element) }
    let catalog = DirectiveCatalog(documents: documents, dates: keys.map { $0.map { _ in nil } })
    let queries = [
        DirectiveKey(type: .ketLuan, number: 21), DirectiveKey(type: .nghiQuyet, number: 18),
        DirectiveKey(type: .luat, number: 0, year: 2013, name: "Luật Đất đai"), DirectiveKey(type: .qd, number: 21),
        DirectiveKey(type: .chiThi, number: 7),
    ]
    let expected = [[0, 4], [1], [2, 3], [0, 4], []]
    for (query, candidates) in zip(queries, expected) {
        #expect(catalog.possiblyCiting(query) == candidates, "\(query)")
        let matching = documents.indices.filter { d in documents[d].keys.contains { catalog.match(query, $0) != nil } }
        #expect(Set(matching).isSubset(of: Set(catalog.possiblyCiting(query))), "\(query)")
    }
}
