import CLITestSupport
import Foundation
import Testing

@testable import vietsearch

/// Runs the built `vietsearch` program as a user would and checks what it prints.
struct CLI {
    static let binary = CLIProgram.binary
    static let repository = CLIProgram.repository

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) throws -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["VIETSEARCH_INDEX"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// A new folder under this test process's own temporary root, removed at exit.
    static func temporaryFolder() -> String {
        _ = removeTestFoldersAtExit
        let path = cliTestRoot + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

struct AnalyzeCLITests {
    @Test func bothTonePlacementsPrintTheSameTermsAndRangesThatSliceTheirInput() throws {
        var terms: [[String]] = []
        for input in ["Đảng uỷ hoà", "đảng ủy hòa"] {
            let output = try CLI.run(["analyze", "--json", input])
            #expect(output.status == 0)
            let tokens = try #require(try CLI.json(output.stdout) as? [[String: Any]])
            terms.append(tokens.flatMap { [$0["exact"] as! String, $0["folded"] as! String] })
            let bytes = Array(input.utf8)
            for token in tokens {
                let slice = bytes[(token["start"] as! Int)..<(token["end"] as! Int)]
                #expect(String(decoding: slice, as: UTF8.self) == token["text"] as! String)
            }
        }
        #expect(terms[0] == terms[1])
        #expect(terms[0] == ["đảng", "dang", "uỷ", "uy", "hoà", "hoa"])
    }

    @Test func invalidUTF8OnStandardInputIsRepairedWithAWarning() throws {
        let output = try CLI.run(["analyze", "-"], stdin: [0x63, 0x68, 0x69, 0xFF, 0x20, 0x62, 0xE1, 0xBB, 0x99])
        #expect(output.status == 0)
        #expect(output.stderr.contains("not valid UTF-8"))
        #expect(output.stdout.contains("bộ"))
    }

    @Test func missingTextIsAUsageError() throws {
        let output = try CLI.run(["analyze"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("Give a TEXT"))
    }
}

struct IndexAndSearchCLITests {
    @Test func indexSearchStatsAndCheckTheSampleArticles() throws {
        let index = CLI.temporaryFolder() + "/idx"
        let built = try CLI.run(["index", CLI.repository + "/Corpus", "--index", index, "--json"])
        #expect(built.status == 0)
        let summary = try #require(try CLI.json(built.stdout) as? [String: Any])
        #expect(summary["added"] as? Int == 5)
        #expect(summary["total_documents"] as? Int == 5)

        let again = try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        #expect(again.stdout.contains("0 added, 0 updated, 0 removed, 5 unchanged"))

        let found = try CLI.run(["search", "sinh hoat chi bo", "--index", index, "--json", "--limit", "2"])
        #expect(found.status == 0)
        let result = try #require(try CLI.json(found.stdout) as? [String: Any])
        #expect(result["total"] as? Int == 5)
        let hits = try #require(result["hits"] as? [[String: Any]])
        #expect(hits.count == 2)
        #expect(Set(hits[0].keys).isSuperset(of: ["id", "title", "date", "path", "score", "snippet"]))

        let viaEnvironment = try CLI.run(
            ["search", "Kết luận", "--limit", "1"], environment: ["VIETSEARCH_INDEX": index])
        #expect(viaEnvironment.stdout.contains("1. "))

        let none = try CLI.run(["search", "xyzzy", "--index", index])
        #expect(none.status == 1)
        #expect(none.stdout.contains("No article matches"))

        let stats = try CLI.run(["stats", "--index", index])
        #expect(stats.stdout.contains("documents  5"))
        #expect(try CLI.run(["check", "--index", index]).status == 0)
    }

    @Test func aQueryMayStartWithAMinusOrComeAsSeveralWords() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        // ky-anh is the one sample article about Hà Tĩnh.
        let excluded = try CLI.run(["search", "-\"Hà Tĩnh\" chi bộ", "--index", index, "--json"])
        #expect(excluded.status == 0)
        let result = try #require(try CLI.json(excluded.stdout) as? [String: Any])
        #expect(result["total"] as? Int == 4)
        let ids = (result["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(!ids.contains("ky-anh-nghi-quyet-02.txt"))
        let words = try CLI.run(["search", "sinh", "hoat", "chi", "bo", "--index", index, "--json"])
        #expect((try CLI.json(words.stdout) as? [String: Any])?["query"] as? String == "sinh hoat chi bo")
    }

    /// The counts line and the words a relaxed hit lacks, in text and JSON.
    @Test func searchSaysHowArticlesHoldTheQuery() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let typed = try CLI.run(["search", "bộ chi", "--index", index, "--limit", "2"])
        #expect(
            typed.stdout.hasPrefix(
                "5 articles hold every word of \"bộ chi\"; 2 articles hold it as typed; showing 2.\n"))

        let partial = try CLI.run(["search", "chi bộ xyzzy", "--index", index, "--limit", "2"])
        #expect(
            partial.stdout.hasPrefix(
                "No article holds every word of \"chi bộ xyzzy\"; 5 more hold some of them; showing 2, best first."))
        #expect(partial.stdout.contains("   lacks: xyzzy\n"))
        let json = try CLI.run(["search", "chi bộ xyzzy", "--index", index, "--json", "--limit", "1"])
        let result = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect(result["relaxed"] as? Bool == true)
        #expect(result["all_words"] as? Int == 0)
        let hit = try #require((result["hits"] as? [[String: Any]])?.first)
        #expect(hit["missing"] as? [String] == ["xyzzy"])

        let strict = try CLI.run(["search", "chi bộ xyzzy", "--all-words", "--index", index])
        #expect(strict.stdout == "No article matches \"chi bộ xyzzy\". No article holds \"xyzzy\".\n")
    }

    @Test func searchWithoutAnIndexSaysHowToCreateOne() throws {
        let output = try CLI.run(["search", "chi bộ", "--index", CLI.temporaryFolder() + "/none"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("vietsearch index"))
        #expect(!output.stderr.contains("Fatal"))
    }

    @Test func nothingToIndexFailsWithTheReason() throws {
        let output = try CLI.run(["index", "/nonexistent/articles", "--index", CLI.temporaryFolder() + "/idx"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("/nonexistent/articles"))
    }

    @Test func damagedIndexFailsCheckAndSearchWithoutACrash() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let store = try FileManager.default.contentsOfDirectory(atPath: index).first { $0.hasSuffix(".terms") }!
        let path = index + "/" + store
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes = bytes.prefix(bytes.count - 3)
        try bytes.write(to: URL(fileURLWithPath: path))
        let check = try CLI.run(["check", "--index", index])
        #expect(check.status == 1)
        #expect(check.stderr.contains(store))
        let search = try CLI.run(["search", "chi bộ", "--index", index])
        #expect(search.status == 2)
        #expect(search.stderr.contains("damaged"))
    }
}

struct CiteCLITests {
    @Test func citeJSONAndUnparseableDirective() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let output = try CLI.run(["cite", "KL 21", "--index", index, "--json"])
        #expect(output.status == 0)
        let result = try #require(try CLI.json(output.stdout) as? [String: Any])
        let directive = try #require(result["directive"] as? [String: Any])
        #expect(directive["number"] as? Int == 21)
        #expect(result["total"] as? Int == 1)
        let hit = try #require((result["hits"] as? [[String: Any]])?.first)
        #expect(hit["id"] as? String == "thu-duc-ket-luan-21.txt")
        let mentions = try #require(hit["mentions"] as? [[String: Any]])
        #expect(Set(mentions[0].keys).isSuperset(of: ["text", "context", "start", "end"]))

        let bad = try CLI.run(["cite", "sinh hoạt", "--index", index])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Kết luận 21"))

        let list = try CLI.run(["directives", "--index", index, "--type", "Hướng dẫn"])
        #expect(list.stdout.contains("12-HD/BTCTW"))
        #expect(!list.stdout.contains("05-CT/TW"))
    }
}

struct DirectiveCLITests {
    /// An index of a few articles citing one decree four ways, 1880/QĐ-TTg and 05-CT/TW.
    static func index() throws -> String {
        let folder = CLI.temporaryFolder()
        let texts = [
            ("full", "Theo Nghị định số 67/2014/NĐ-CP của Chính phủ, ngư dân được vay. Nghị định 67 đã giúp."),
            ("year-only", "Chính sách theo Nghị định 67/2014 về thủy sản."),
            ("no-year", "Các tàu đóng theo Nghị định 67 vẫn nằm bờ."),
            ("other-year", "Xử phạt theo Nghị định 67/2017/NĐ-CP về xăng dầu."),
            ("ttg", "Quyết định số 1880/QĐ-TTg ngày 5/12/2019 của Thủ tướng."),
            ("ct", "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị."),
        ]
        let lines = texts.map { "{\"id\": \"\($0.0)\", \"title\": \"\($0.0)\", \"text\": \"\($0.1)\"}" }
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/a/a.jsonl"))
        try CLI.run(["index", folder + "/a", "--index", folder + "/idx"])
        return folder + "/idx"
    }

    @Test func citeSaysWhichCitationsAreCertain() throws {
        let index = try Self.index()
        for query in ["67/2014/NĐ-CP", "Nghị định 67/2014"] {
            let text = try CLI.run(["cite", query, "--index", index])
            #expect(text.stdout.hasPrefix("3 articles cite 67/2014/NĐ-CP: 2 for certain, 1 possibly"), "\(query)")
            #expect(text.stdout.contains("no-year · 1 mention · possible: may be another directive"))
            // Certain ones first.
            let lines = text.stdout.split(separator: "\n").filter { $0.contains(" · ") }
            #expect(lines.map { $0.contains("· certain") } == [true, true, false])
        }
        let json = try #require(
            try CLI.json(try CLI.run(["cite", "Nghị định 67/2014", "--index", index, "--json"]).stdout)
                as? [String: Any])
        #expect(json["total"] as? Int == 3 && json["certain"] as? Int == 2 && json["possible"] as? Int == 1)
        let hits = try #require(json["hits"] as? [[String: Any]])
        #expect(hits.map { $0["match"] as? String } == ["certain", "certain", "possible"])
        #expect(hits.last?["id"] as? String == "no-year")
        #expect(try CLI.run(["cite", "ND67", "--index", index]).stdout.hasPrefix("4 articles cite 67/NĐ-CP"))
    }

    @Test func directivesListsOneRowPerDirectiveWithFilters() throws {
        let index = try Self.index()
        let all = try CLI.run(["directives", "--index", index]).stdout
        #expect(all.hasPrefix("4 directives cited"))
        #expect(all.contains("2         +1        3         67/2014/NĐ-CP"))
        #expect(all.contains("1         +1        1         67/2017/NĐ-CP"))
        #expect(all.contains("1880/QĐ-TTg") && !all.contains("TTG"))
        for issuer in ["Thủ tướng", "TTg", "ttg"] {
            let rows = try CLI.run(["directives", "--index", index, "--issuer", issuer]).stdout
            #expect(rows.hasPrefix("1 directive cited") && rows.contains("1880/QĐ-TTg"), "\(issuer)")
        }
        let politburo = try CLI.run(["directives", "--index", index, "--issuer", "Bộ Chính trị"]).stdout
        #expect(politburo.hasPrefix("1 directive cited") && politburo.contains("05-CT/TW"))
        let government = try CLI.run(["directives", "--index", index, "--issuer", "Chính phủ", "--year", "2014"])
        #expect(government.stdout.hasPrefix("1 directive cited") && government.stdout.contains("67/2014/NĐ-CP"))
        let recent = try CLI.run(["directives", "--index", index, "--sort", "recent", "--json"])
        let rows = try #require((try CLI.json(recent.stdout) as? [String: Any])?["directives"] as? [[String: Any]])
        #expect(
            rows.map { $0["directive"] as? String } == ["1880/QĐ-TTg", "67/2017/NĐ-CP", "05-CT/TW", "67/2014/NĐ-CP"])
        #expect(rows.last?["possible_articles"] as? Int == 1)
    }
}

/// Where the CLI tests of this process keep their folders.
let cliTestRoot = NSTemporaryDirectory() + "vietsearch-cli-tests-\(getpid())"
private let removeTestFoldersAtExit: Void = {
    atexit { try? FileManager.default.removeItem(atPath: cliTestRoot) }
}()

struct QueryReadingCLITests {
    /// An index where `sinh hoạt chi bộ` and `giao thông` are the archive's own words.
    static func archive() throws -> String {
        let folder = CLI.temporaryFolder()
        var lines = [
            #"{"id":"chibo","title":"Sinh hoạt chi bộ tháng 5","text":"Chi bộ thôn tổ chức sinh hoạt chi bộ."}"#
        ]
        for i in 0..<20 {
            lines.append(#"{"id":"news\#(i)","title":"Tin \#(i)","text":"An toàn giao thông tại Hà Nội."}"#)
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/a.jsonl"))
        try CLI.run(["index", folder + "/a.jsonl", "--index", folder + "/idx"])
        return folder + "/idx"
    }

    @Test func searchSaysHowItReadTheQueryAndAsTypedSearchesWhatWasTyped() throws {
        let index = try Self.archive()
        let read = try CLI.run(["search", "sinh hoatj chi booj", "--index", index, "--limit", "1"])
        #expect(
            read.stdout.hasPrefix(
                """
                Kết quả cho: sinh hoạt chi bộ
                (read hoatj → hoạt (Telex), booj → bộ (Telex); --as-typed searches what was typed)
                1 article holds every word of "sinh hoạt chi bộ"; showing 1.

                1. Sinh hoạt chi bộ tháng 5
                """))
        let typed = try CLI.run(["search", "sinh hoatj chi booj", "--as-typed", "--index", index, "--limit", "1"])
        #expect(typed.stdout.hasPrefix("No article holds every word of \"sinh hoatj chi booj\""))

        let json = try CLI.run(["search", "sinh hoatj chi booj", "--json", "--index", index])
        let result = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect(result["interpreted_query"] as? String == "sinh hoạt chi bộ")
        let corrections = try #require(result["corrections"] as? [[String: String]])
        #expect(
            corrections == [
                ["typed": "hoatj", "read": "hoạt", "kind": "telex"], ["typed": "booj", "read": "bộ", "kind": "telex"],
            ])
        #expect(result["alternatives"] is [String])
    }

    /// A query read otherwise says so even when nothing matches.
    @Test func theReadingIsShownWhenNothingMatches() throws {
        let index = try Self.archive()
        let output = try CLI.run(["search", "sinh hoatj chi booj xyzzyq", "--all-words", "--index", index])
        #expect(output.stdout.hasPrefix("Kết quả cho: sinh hoạt chi bộ xyzzyq\n(read hoatj → hoạt (Telex)"))
        #expect(output.stdout.contains("No article matches"))
        #expect(output.status == 1)
    }

    /// Typing without diacritics is advised only for a query that has some.
    @Test func nothingFoundAdvisesOnlyWhatCanHelp() throws {
        let index = try Self.archive()
        let bare = try CLI.run(["search", "\"giao thong ha noi\"", "--index", index])
        #expect(bare.stdout == "No article matches \"giao thong ha noi\". Try fewer words.\n")
        #expect(bare.status == 1)
        let accented = try CLI.run(["search", "\"giao thông hà nội\"", "--index", index])
        #expect(accented.stdout.contains("type them without diacritics"))
    }

    @Test func nothingFoundSuggestsTheLikelyCorrection() throws {
        let index = try Self.archive()
        let output = try CLI.run(["search", "tin thôg", "--all-words", "--index", index])
        #expect(
            output.stdout
                == "No article matches \"tin thôg\". No article holds \"thôg\". Did you mean \"thông\" for \"thôg\"?\n")
        // Beside `giao`, the correction is applied.
        let corrected = try CLI.run(["search", "giao thôg", "--index", index, "--limit", "1"])
        #expect(corrected.stdout.contains("(read thôg → thông (spelling); --as-typed searches what was typed)"))
    }
}

/// Text arguments that start with a minus, and options a command does not know.
struct ArgumentCLITests {
    @Test func citeAndAnalyzeReadAMinusAndTextAsTheirTextNotAsHelp() throws {
        let cite = try CLI.run(["cite", "-hôm", "--index", CLI.temporaryFolder() + "/none"])
        #expect(!cite.stdout.contains("USAGE"))
        #expect(cite.status == 2)
        #expect(cite.stderr.contains("“-hôm” is not a directive citation"))

        let analyze = try CLI.run(["analyze", "-hôm", "nay"])
        #expect(analyze.status == 0)
        #expect(!analyze.stdout.contains("USAGE"))
        #expect(analyze.stdout.contains("hôm   hôm    hom"))
        let json = try CLI.run(["analyze", "--json", "-hôm", "nay"])
        let tokens = try #require(try CLI.json(json.stdout) as? [[String: Any]])
        #expect(tokens.map { $0["text"] as? String } == ["hôm", "nay"])
    }

    @Test func severalWordsMakeOneDirective() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let output = try CLI.run(["cite", "Kết", "luận", "21", "--index", index, "--json"])
        #expect(output.status == 0)
        let result = try #require(try CLI.json(output.stdout) as? [String: Any])
        #expect(result["total"] as? Int == 1)
    }

    @Test func anUnknownOptionIsAnErrorNotWordsOfTheText() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        for (arguments, option) in [
            (["search", "chi", "--limt", "3", "--index", index], "--limt"),
            (["search", "--jsn", "chi bộ", "--index", index], "--jsn"),
            (["cite", "KL 21", "--limt=1", "--index", index], "--limt"), (["analyze", "chi bộ", "--jsn"], "--jsn"),
        ] {
            let output = try CLI.run(arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stdout.isEmpty, "\(arguments)")
            #expect(output.stderr.contains("Unknown option '\(option)'"), "\(arguments)")
        }
        // After `--`, words that start with `--` are text.
        // (`--bộ` is then an exclusion of `-bộ`, which every sample article holds: status 1.)
        let text = try CLI.run(["search", "--index", index, "--json", "--", "chi", "--bộ"])
        #expect(text.status == 1)
        #expect((try CLI.json(text.stdout) as? [String: Any])?["query"] as? String == "chi --bộ")
    }
}

/// Articles, file names and arguments holding terminal escapes: every command shows them as
/// inert text (`\u{1b}`), on the lines where they belong.
struct HostileTextCLITests {
    /// A folder of articles whose titles, ids, text and file names hold OSC, CSI, C1 and NUL
    /// characters and newlines that would start a line `FORGED`.
    static func hostileArchive() throws -> String {
        let folder = CLI.temporaryFolder()
        let text =
            "Tin \u{1B}]0;PWNED\u{7} chi bộ \u{1B}[2J \u{9B}2J\n\n"
            + "Nội dung chi bộ \u{1B}]52;c;cHduZWQ=\u{7} theo Kết luận 21-KL/TW hết.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/bad\nFORGED \u{1B}[2J.txt"))
        let line =
            #"{"id":"x\u001b[31m\nFORGED","title":"NUL\u0000 C1\u009b2J chi bộ","#
            + #""text":"chi bộ \u0085 next \u009d0;T\u009c theo Kết luận 21-KL/TW"}"#
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/j.jsonl"))
        try Data(#"{"id": broken"#.utf8).write(to: URL(fileURLWithPath: folder + "/evil\nFORGED\u{1B}]0;x\u{7}.jsonl"))
        return folder
    }

    /// No raw ESC, BEL, NUL or C1 control, and no line forged by a newline in a name.
    static func expectInert(_ output: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let controls = output.unicodeScalars.filter {
            $0.value == 0x1B || $0.value == 0x07 || $0.value == 0 || (0x80...0x9F).contains($0.value)
        }
        #expect(
            controls.isEmpty, "\(what): \(controls.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation
        )
        let forged = output.split(separator: "\n").filter { $0.hasPrefix("FORGED") }
        #expect(forged.isEmpty, "\(what): \(forged)", sourceLocation: sourceLocation)
    }

    @Test func indexSearchCiteAndDirectivesShowEscapesAsText() throws {
        let folder = try Self.hostileArchive()
        let index = folder + "/idx"
        let built = try CLI.run(["index", folder, "--index", index])
        #expect(built.status == 0)
        #expect(built.stderr.contains(#"evil\nFORGED\u{1b}]0;x\u{7}.jsonl:1: not valid JSON"#))
        Self.expectInert(built.stdout + built.stderr, "index")

        let search = try CLI.run(["search", "chi bộ", "--index", index])
        #expect(search.status == 0)
        #expect(search.stdout.contains(#"Tin \u{1b}]0;PWNED\u{7} chi bộ \u{1b}[2J \u{9b}2J"#))
        #expect(search.stdout.contains(#"bad\nFORGED \u{1b}[2J.txt"#))
        #expect(search.stdout.contains(#"x\u{1b}[31m\nFORGED"#))
        #expect(search.stdout.contains(#"NUL\u{0} C1\u{9b}2J chi bộ"#))
        #expect(search.stdout.contains(#"\u{1b}]52;c;cHduZWQ=\u{7}"#))
        #expect(search.stdout.contains(#"\u{85} next \u{9d}0;T\u{9c}"#))
        Self.expectInert(search.stdout + search.stderr, "search")

        let cite = try CLI.run(["cite", "Kết luận 21", "--index", index])
        #expect(cite.stdout.hasPrefix("2 articles cite"))
        Self.expectInert(cite.stdout + cite.stderr, "cite")
        let directives = try CLI.run(["directives", "--index", index])
        Self.expectInert(directives.stdout + directives.stderr, "directives")
    }

    @Test func jsonEscapesC1ControlsToo() throws {
        let folder = try Self.hostileArchive()
        try CLI.run(["index", folder, "--index", folder + "/idx"])
        for arguments in [["search", "chi bộ"], ["cite", "Kết luận 21"]] {
            let output = try CLI.run(arguments + ["--index", folder + "/idx", "--json"])
            Self.expectInert(output.stdout, arguments[0])
            #expect(output.stdout.contains(#"C1\u009b2J"#))
            let result = try #require(try CLI.json(output.stdout) as? [String: Any])
            let titles = (result["hits"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
            #expect(titles?.contains("NUL\u{0} C1\u{9B}2J chi bộ") == true)
        }
    }

    @Test func messagesQuotingFileNamesAndArgumentsShowEscapesAsText() throws {
        let folder = try Self.hostileArchive()
        let hostile = folder + "/idx\nFORGED\u{1B}]0;x\u{7}"
        let built = try CLI.run(["index", folder, "--index", hostile])
        #expect(built.stdout.contains(#"idx\nFORGED\u{1b}]0;x\u{7} holds 2 articles"#))
        Self.expectInert(built.stdout + built.stderr, "index")
        for (arguments, status) in [(["stats"], 0), (["check"], 0), (["search", "xyzzy \u{1B}[2J"], 0)]
            as [([String], Int32)]
        {
            let output = try CLI.run(arguments + ["--index", hostile])
            #expect(output.status == status, "\(arguments)")
            Self.expectInert(output.stdout + output.stderr, arguments[0])
        }
        let missing = try CLI.run(["search", "chi", "--index", folder + "/none\nFORGED\u{9B}2J"])
        #expect(missing.stderr.contains(#"none\nFORGED\u{9b}2J"#))
        Self.expectInert(missing.stderr, "search without an index")
        let unreadable = try CLI.run(["analyze", "--file", folder + "/no\nFORGED\u{1B}[2J.txt"])
        #expect(unreadable.status == 2)
        Self.expectInert(unreadable.stderr, "analyze --file")
        let option = try CLI.run(["search", "chi", "--x\u{1B}[2J", "--index", hostile])
        #expect(option.stderr.contains(#"Unknown option '--x\u{1b}[2J'"#))
        Self.expectInert(option.stderr, "unknown option")
    }

    @Test func benchShowsHostileQueriesAsText() throws {
        let folder = try Self.hostileArchive()
        try CLI.run(["index", folder, "--index", folder + "/idx"])
        try Data("chi bộ \u{1B}]0;PWNED\u{7}\u{9B}\n".utf8).write(to: URL(fileURLWithPath: folder + "/queries.txt"))
        let output = try CLI.run([
            "bench", "--index", folder + "/idx", "--queries", folder + "/queries.txt", "--runs", "1", "--warmup", "0",
        ])
        #expect(output.status == 0)
        #expect(output.stdout.contains(#"chi bộ \u{1b}]0;PWNED\u{7}\u{9b}"#))
        Self.expectInert(output.stdout + output.stderr, "bench")
    }
}

struct HelpCLITests {
    /// `-h` is help everywhere except after search, cite and analyze, whose text may start
    /// with a minus (there `-h` is text, and `--help` is help).
    @Test func shortHelpWorksEverywhereButWhereTextMayStartWithAMinus() throws {
        for command in [[], ["index"], ["show"], ["directives"], ["stats"], ["check"], ["bench"]] {
            let help = try CLI.run(command + ["-h"])
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("USAGE: vietsearch"), "\(command)")
            #expect(help.stderr.isEmpty, "\(command)")
        }
        let none = CLI.temporaryFolder() + "/none"
        for command in ["search", "cite"] {
            let text = try CLI.run([command, "-h", "--index", none])
            #expect(!text.stdout.contains("USAGE"), "\(command)")
            #expect(text.status == 2, "\(command)")
            #expect(try CLI.run([command, "--help"]).stdout.contains("USAGE: vietsearch \(command)"))
        }
        let analyze = try CLI.run(["analyze", "-h"])
        #expect(analyze.status == 0)
        #expect(!analyze.stdout.contains("USAGE"))
    }

    /// The prose of every command's help reads as sentences: no run of spaces inside a line.
    @Test func helpProseHasNoGapsInsideLines() throws {
        for command in ["search", "show", "cite", "directives", "analyze", "index", "stats", "check", "bench"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            let prose = help.stdout.components(separatedBy: "USAGE:")[0]
            let gaps = prose.split(separator: "\n").filter { $0.drop { $0 == " " }.contains("   ") }
            #expect(gaps.isEmpty, "\(command): \(gaps)")
            #expect(prose.contains("Exit status: 0"), "\(command)")
        }
    }
}

/// Exit statuses as grep and ripgrep have them: 0 when something matches, 1 when nothing
/// does, 2 on errors (usage errors included).
struct ExitStatusCLITests {
    @Test func zeroWhenSomethingMatchesOneWhenNothingDoesInTextAndJSON() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        for (arguments, status) in [
            (["search", "chi bộ"], 0), (["search", "xyzzy"], 1), (["search", "chi xyzzy", "--all-words"], 1),
            (["search", "chi bộ", "--limit", "0"], 0), (["search", "-chi"], 1), (["cite", "KL 21"], 0),
            (["cite", "KL 99"], 1), (["directives"], 0), (["directives", "--year", "1900"], 1),
            (["directives", "--issuer", "xyzzy"], 1), (["stats"], 0), (["check"], 0),
        ] as [([String], Int32)] {
            let text = try CLI.run(arguments + ["--index", index])
            #expect(text.status == status, "\(arguments)")
            #expect(text.stderr.isEmpty, "\(arguments)")
            if !["check"].contains(arguments[0]) {
                let json = try CLI.run(arguments + ["--index", index, "--json"])
                #expect(json.status == status, "\(arguments) --json")
                #expect((try? CLI.json(json.stdout)) != nil, "\(arguments) --json")
            }
        }
    }

    @Test func twoOnErrorsAndUsageErrors() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let none = CLI.temporaryFolder() + "/none"
        for arguments in [
            ["bogus"], ["search"], ["search", "chi", "--limit", "x", "--index", index],
            ["search", "chi", "--limit", "-1", "--index", index], ["search", "chi", "--limt", "3", "--index", index],
            ["directives", "--sort", "x", "--index", index], ["directives", "--type", "xyzzy", "--index", index],
            ["stats", "--bogus"], ["index"], ["search", "chi", "--index", none], ["cite", "KL 21", "--index", none],
            ["directives", "--index", none], ["stats", "--index", none], ["check", "--index", none],
            ["cite", "sinh hoạt", "--index", index], ["analyze", "--file", none],
        ] {
            let output = try CLI.run(arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stderr.contains("Error"), "\(arguments)")
        }
    }

    @Test func helpAndVersionExitZero() throws {
        for arguments in [["--help"], ["--version"], ["search", "--help"], ["help", "cite"]] {
            #expect(try CLI.run(arguments).status == 0, "\(arguments)")
        }
    }
}

/// `--color auto|always|never`, `NO_COLOR` and `TERM=dumb`.
struct ColorCLITests {
    @Test func colorAlwaysBoldsHitsAndNeverDoesNot() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let bold = "\u{1B}[1m"
        for command in [["search", "chi bộ"], ["cite", "KL 21"]] {
            let always = try CLI.run(command + ["--index", index, "--color", "always"])
            #expect(always.status == 0)
            #expect(always.stdout.contains(bold), "\(command)")
            // An explicit --color always wins over NO_COLOR, as no-color.org asks.
            let forced = try CLI.run(
                command + ["--index", index, "--color=always"], environment: ["NO_COLOR": "1", "TERM": "dumb"])
            #expect(forced.stdout.contains(bold), "\(command)")
            for arguments in [["--color", "never"], ["--color", "auto"], []] {
                let plain = try CLI.run(command + ["--index", index] + arguments)
                #expect(plain.status == 0)
                #expect(!plain.stdout.contains("\u{1B}"), "\(command) \(arguments)")
            }
        }
        let bad = try CLI.run(["search", "chi", "--color", "sometimes", "--index", index])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("sometimes"))
    }

    /// On a real terminal (a pseudo-terminal from util-linux `script`, when installed and
    /// the system has pseudo-terminals: a bare chroot may lack /dev/pts).
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
                && FileManager.default.fileExists(atPath: "/dev/pts/ptmx")))
    func autoOnATerminalHonoursNoColorAndTermDumb() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        func onTerminal(_ environment: [String: String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", "'\(CLI.binary)' search chi --limit 1 --index '\(index)'", "/dev/null"]
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = nil
            env["TERM"] = "xterm"
            for (key, value) in environment { env[key] = value }
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try onTerminal([:]).contains("\u{1B}[1m"))
        #expect(try !onTerminal(["NO_COLOR": "1"]).contains("\u{1B}[1m"))
        #expect(try !onTerminal(["TERM": "dumb"]).contains("\u{1B}[1m"))
        #expect(try onTerminal(["NO_COLOR": ""]).contains("\u{1B}[1m"))
    }

    /// `auto` on a terminal: bold unless NO_COLOR holds anything or TERM is dumb.
    @Test func autoHonoursNoColorAndDumbTerminals() {
        func uses(_ choice: ColorChoice, _ environment: [String: String], terminal: Bool = true) -> Bool {
            Terminal.usesColor(choice, environment: environment, isTerminal: terminal)
        }
        #expect(uses(.auto, ["TERM": "xterm-256color"]))
        #expect(uses(.auto, ["NO_COLOR": ""]))
        #expect(!uses(.auto, ["NO_COLOR": "1"]))
        #expect(!uses(.auto, ["NO_COLOR": "0"]))
        #expect(!uses(.auto, ["TERM": "dumb"]))
        #expect(!uses(.auto, [:], terminal: false))
        #expect(uses(.always, ["NO_COLOR": "1", "TERM": "dumb"], terminal: false))
        #expect(!uses(.never, [:]))
    }
}

/// `OR` as search --help says: in capitals it separates alternatives, a lowercase `or` is a
/// word; parentheses are refused outside quotes.
struct OrAndParenthesesCLITests {
    @Test func capitalOrSeparatesAlternativesAndLowercaseOrIsAWord() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let alternatives = try CLI.run(["search", "xyzzy OR chi bộ", "--all-words", "--json", "--index", index])
        #expect(alternatives.status == 0)
        let result = try #require(try CLI.json(alternatives.stdout) as? [String: Any])
        #expect(result["total"] as? Int == 5)
        let word = try CLI.run(["search", "xyzzy or chi bộ", "--all-words", "--json", "--index", index])
        #expect(word.status == 1)
        let unknown = (try CLI.json(word.stdout) as? [String: Any])?["unknown_words"] as? [String]
        #expect(unknown?.contains("xyzzy") == true)
        #expect(try CLI.run(["search", "--help"]).stdout.contains("a lowercase or is a word"))
    }

    @Test func parenthesesAreRefusedOutsideQuotes() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        for query in ["chi bộ (Hà Tĩnh OR Thủ Đức)", "(chi bộ)", "chi bộ)"] {
            let output = try CLI.run(["search", query, "--index", index])
            #expect(output.status == 2, "\(query)")
            #expect(output.stdout.isEmpty, "\(query)")
            #expect(output.stderr.contains("Parentheses do not group words"), "\(query)")
        }
        let quoted = try CLI.run(["search", "\"chi bộ (Đảng)\"", "--index", index])
        #expect(!quoted.stderr.contains("Parentheses"))
        #expect(quoted.status != 2)
    }
}

/// The manual page (docs/vietsearch.1, written by scripts/man.sh) and the completion scripts.
struct ManualAndCompletionCLITests {
    /// The committed page is regenerated when options change: it names every command and every
    /// long option their help lists, and keeps Vietnamese letters (as roff escapes).
    @Test func theManualPageNamesEveryCommandAndOption() throws {
        let page = try String(contentsOfFile: CLI.repository + "/docs/vietsearch.1", encoding: .utf8)
        #expect(page.contains("K\\[u1EBF]t lu\\[u1EAD]n 21"))
        #expect(!page.contains("QQU"))
        for command in ["index", "search", "show", "cite", "directives", "analyze", "stats", "check", "bench"] {
            #expect(page.contains(".It Em \(command)"), "\(command)")
            let help = try CLI.run([command, "--help"]).stdout
            let options = help.components(separatedBy: "OPTIONS:").last ?? ""
            let names = Set(
                options.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "=" })
                    .filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2).prefix { $0.isLetter || $0 == "-" }) }
                    .filter { !$0.isEmpty })
            #expect(!names.isEmpty, "\(command)")
            for name in names where name != "help" {
                #expect(page.contains("Fl -\(name)"), "\(command) --\(name): run scripts/man.sh")
            }
        }
    }

    @Test func completionScriptsAreBuiltIn() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try CLI.run(["--generate-completion-script", shell])
            #expect(script.status == 0, "\(shell)")
            #expect(script.stdout.contains("directives"), "\(shell)")
        }
    }
}

/// `vietsearch show ID`: the whole stored article.
struct ShowCLITests {
    @Test func showPrintsTheWholeArticleInTextAndJSON() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let id = "thu-duc-ket-luan-21.txt"
        let file = try String(contentsOfFile: CLI.repository + "/Corpus/" + id, encoding: .utf8)
        let text = try CLI.run(["show", id, "--index", index])
        #expect(text.status == 0)
        #expect(text.stderr.isEmpty)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("Tiếp tục lãnh đạo, chỉ đạo"))
        #expect(lines[1] == "2022-12-07 · \(id) · in \(CLI.repository)/Corpus")
        #expect(lines[2].isEmpty)
        #expect(text.stdout.contains("Thành ủy Thủ Đức tổ chức hội nghị chuyên đề"))
        let last = file.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }
        #expect(text.stdout.contains(String(try #require(last)).trimmingCharacters(in: .whitespaces)))

        let json = try CLI.run(["show", "--json", id, "--index", index])
        #expect(json.status == 0)
        let article = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect(article["id"] as? String == id)
        #expect(article["date"] as? String == "2022-12-07")
        #expect(article["path"] as? String == id)
        #expect(article["folder"] as? String == CLI.repository + "/Corpus")
        #expect(article["source"] as? String == "Corpus")
        #expect((article["title"] as? String)?.hasPrefix("Tiếp tục lãnh đạo") == true)
        #expect((article["text"] as? String)?.contains("Thành ủy Thủ Đức") == true)
        #expect(Set(article.keys) == ["id", "title", "date", "path", "source", "folder", "text"])

        // Every id search gives can be shown.
        let found = try CLI.run(["search", "chi bộ", "--json", "--index", index])
        let ids = ((try CLI.json(found.stdout) as? [String: Any])?["hits"] as? [[String: Any]])?.compactMap {
            $0["id"] as? String
        }
        #expect(ids?.count == 5)
        for id in ids ?? [] { #expect(try CLI.run(["show", id, "--index", index]).status == 0, "\(id)") }
    }

    @Test func anUnknownIdIsStatusOneAndNoIndexTwo() throws {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        let unknown = try CLI.run(["show", "nope.txt", "--index", index])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("No article has the id \"nope.txt\""))
        #expect(try CLI.run(["show", "nope.txt", "--index", index, "--json"]).status == 1)
        #expect(try CLI.run(["show", "x", "--index", CLI.temporaryFolder() + "/none"]).status == 2)
        #expect(try CLI.run(["show", "--index", index]).status == 2)
        #expect(try CLI.run(["show", "-h"]).stdout.contains("USAGE: vietsearch show"))
    }

    @Test func showEscapesControlsButKeepsTheTextsLines() throws {
        let folder = try HostileTextCLITests.hostileArchive()
        try CLI.run(["index", folder, "--index", folder + "/idx"])
        let jsonl = try CLI.run(["show", "x\u{1B}[31m\nFORGED", "--index", folder + "/idx"])
        #expect(jsonl.status == 0)
        #expect(jsonl.stdout.contains(#"x\u{1b}[31m\nFORGED"#))
        HostileTextCLITests.expectInert(jsonl.stdout, "show jsonl")
        let file = try CLI.run(["show", "bad\nFORGED \u{1B}[2J.txt", "--index", folder + "/idx"])
        #expect(file.status == 0)
        #expect(file.stdout.contains(#"\u{1b}]52;c;cHduZWQ=\u{7}"#))
        HostileTextCLITests.expectInert(file.stdout, "show file")
        // The text keeps its own line breaks.
        #expect(file.stdout.contains("\nNội dung chi bộ"))
    }
}
