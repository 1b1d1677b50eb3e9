import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// Damaged and crafted indexes, as SQLite's and Lucene's suites make them: every file kind
/// flipped, zeroed, truncated, extended, emptied, swapped between segments and between
/// generations, and commits with a valid checksum but impossible contents. For each case:
/// `check` reports the damage, and a search, a citation search and the directive list either
/// fail with an error or give exactly what the sound index gives. A trap ends the test run.
///
/// 520 cases by default, seeded; `VIETSEARCH_CORRUPTION_CASES=N` runs N random ones (and
/// `VIETSEARCH_CORRUPTION_VERBOSE=1` names each case on stderr before running it).
@Suite(.serialized) struct CorruptionTests {
    /// The sound index: three generations, several segments, deletions, and the files of
    /// the second generation kept aside for swaps between generations.
    final class Fixture: @unchecked Sendable {
        let scratch = Scratch(removedAtExit: true)  // held by `static let fixture`
        let pristine: String
        let previous: String
        let sound: [String]
        let analyzer = try! Analyzer()

        init() throws {
            try scratch.writeSampleCorpus()
            var lines: [(id: String, title: String, text: String)] = []
            for i in 0..<30 {
                lines.append(
                    (
                        id: "tin\(i)", title: "Tin \(i) về Kết luận 21",
                        text: "Chi bộ thôn \(i) học tập Kết luận số 21-KL/TW và Nghị quyết 35/NQ-CP về giao thông."
                    ))
            }
            scratch.writeJSONL("tin.jsonl", lines)
            try scratch.index()
            previous = scratch.root + "/previous"
            // Edit articles until the commit has deletions (which segment an article lands
            // in depends on the threads), keeping the generation before the last aside.
            let edits = [
                "ben-tre-sinh-hoat-chi-bo.txt", "uong-bi-to-chuc-co-so-dang.txt", "ky-anh-nghi-quyet-02.txt",
                "thu-duc-ket-luan-21.txt", "tuyen-quang-hoi-nghi-de-an-16.txt",
            ]
            for (n, name) in edits.enumerated() {
                try? FileManager.default.removeItem(atPath: previous)
                try FileManager.default.copyItem(atPath: scratch.indexFolder, toPath: previous)
                scratch.write(name, "Bài sửa \(n)\n\nSinh hoạt chi bộ, bài đã sửa lần \(n).")
                try scratch.index()
                let commit = try Commit.read(folder: scratch.indexFolder)!
                if n > 0 && commit.segments.contains(where: { $0.deletes != nil }) && commit.segments.count >= 2 {
                    break
                }
            }
            pristine = scratch.indexFolder
            sound = try Self.outputs(pristine, analyzer: analyzer)
        }

        static let queries = ["chi bộ", "sinh hoat chi bo", "Kết luận 21", "giao thông -thôn"]
        static let directives = ["Kết luận 21", "Nghị quyết 35/NQ-CP"]

        /// What a user sees of the index: hits, counts, citing articles, the directive list.
        static func outputs(_ folder: String, analyzer: Analyzer) throws -> [String] {
            let reader = try IndexReader(folder: folder)
            let searcher = Searcher(reader: reader, analyzer: analyzer)
            var out: [String] = []
            for query in queries {
                let result = try searcher.search(query, options: SearchOptions(limit: 20))
                out.append("\(query): \(result.total ?? -1) \(result.allWords ?? -1) \(result.asTyped ?? -1)")
                for hit in result.hits {
                    out.append("\(hit.article.id) \(hit.article.title) \(hit.score) \(hit.snippet?.text ?? "")")
                }
            }
            for directive in directives {
                for citing in try reader.articlesCiting(DirectiveQuery.parse(directive, analyzer: analyzer)) {
                    out.append("\(citing.article.id): " + citing.mentions.map(\.text).joined(separator: " | "))
                }
            }
            for count in try reader.directiveCounts() {
                out.append("\(count.key) \(count.articles) \(count.mentions)")
            }
            return out
        }

        /// The files the current commit names.
        var files: [String] { try! Commit.read(folder: pristine)!.files.sorted() }
    }

    /// One way of damaging a copy of the index.
    struct Case: CustomStringConvertible {
        var description: String
        var apply: (_ folder: String) throws -> Void
    }

    static let fixture = Result { try Fixture() }

    /// Applies `damage` to a fresh copy of the sound index and checks what a user gets.
    private func run(_ damage: Case, fixture: Fixture) throws {
        if ProcessInfo.processInfo.environment["VIETSEARCH_CORRUPTION_VERBOSE"] != nil {
            FileHandle.standardError.write(Data("corruption case: \(damage)\n".utf8))
        }
        let folder = fixture.scratch.root + "/case"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.copyItem(atPath: fixture.pristine, toPath: folder)
        try damage.apply(folder)
        let problems = (try? IndexInspector.check(folder: folder)) ?? ["no index"]
        #expect(!problems.isEmpty, "check passed: \(damage)")
        if let out = try? Fixture.outputs(folder, analyzer: fixture.analyzer) {
            #expect(out == fixture.sound, "a damaged index answered otherwise without an error: \(damage)")
        }
        // The writer on a damaged index fails or commits; it never traps.
        _ = try? FolderSync(folder: folder).update(paths: [fixture.scratch.articles])
    }

    private static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path)!) }
    private static func write(_ bytes: [UInt8], _ path: String) {
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Random damages of every file the commit names, from `seed`.
    static func randomCases(_ count: Int, files: [String], seed: UInt64) -> [Case] {
        var rng = SplitMix(seed: seed)
        var cases: [Case] = []
        for n in 0..<count {
            let name = files[n % files.count]
            let kind = Int(rng.next() % 5)
            let r1 = rng.next()
            let r2 = rng.next()
            switch kind {
            case 0:
                cases.append(
                    Case(description: "flip a byte of \(name) (\(r1))") { folder in
                        var b = bytes(folder + "/" + name)
                        b[Int(r1 % UInt64(b.count))] ^= UInt8(1 + r2 % 255)
                        write(b, folder + "/" + name)
                    })
            case 1:
                cases.append(
                    Case(description: "zero bytes of \(name) (\(r1))") { folder in
                        var b = bytes(folder + "/" + name)
                        let start = Int(r1 % UInt64(b.count))
                        let end = min(b.count, start + 1 + Int(r2 % 64))
                        let before = b
                        for i in start..<end { b[i] = 0 }
                        if b == before { b[start] = 0xFF }
                        write(b, folder + "/" + name)
                    })
            case 2:
                cases.append(
                    Case(description: "truncate \(name) (\(r1))") { folder in
                        let b = bytes(folder + "/" + name)
                        write(Array(b.prefix(Int(r1 % UInt64(b.count)))), folder + "/" + name)
                    })
            case 3:
                cases.append(
                    Case(description: "extend \(name) (\(r1))") { folder in
                        var b = bytes(folder + "/" + name)
                        var g = SplitMix(seed: r1)
                        b += (0..<(1 + Int(r2 % 40))).map { _ in UInt8(truncatingIfNeeded: g.next()) }
                        write(b, folder + "/" + name)
                    })
            default:
                // The damage of the issue: 0x80 some bytes before the end (trailers, offsets).
                cases.append(
                    Case(description: "0x80 \(1 + r1 % 48) bytes before the end of \(name)") { folder in
                        var b = bytes(folder + "/" + name)
                        let at = max(0, b.count - 1 - Int(r1 % 48))
                        b[at] = b[at] == 0x80 ? 0x81 : 0x80
                        write(b, folder + "/" + name)
                    })
            }
        }
        return cases
    }

    /// Emptied files, files swapped between segments and between generations, and commits
    /// with a valid checksum but impossible contents.
    static func structuralCases(files: [String], pristine: String, previous: String) -> [Case] {
        var cases = files.map { name in
            Case(description: "empty \(name)") { folder in write([], folder + "/" + name) }
        }
        // Swaps of the same kind of file between two segments.
        let segmentFiles = files.filter { $0.hasPrefix("s") && !$0.hasSuffix(".del") }
        for kind in FileFormat.Kind.segmentFiles.map(\.fileExtension) {
            let same = segmentFiles.filter { $0.hasSuffix("." + kind) }
            guard same.count >= 2 else { continue }
            let (a, b) = (same[0], same[1])
            cases.append(
                Case(description: "swap \(a) and \(b)") { folder in
                    let x = bytes(folder + "/" + a)
                    write(bytes(folder + "/" + b), folder + "/" + a)
                    write(x, folder + "/" + b)
                })
        }
        // Files of the previous generation in place of the current ones.
        let olderDeletions = FileIO.list(previous).filter { $0.hasSuffix(".del") }
        for name in files where name.hasSuffix(".del") || name.hasSuffix(".manifest") {
            let suffix = name.hasSuffix(".del") ? ".del" : ".manifest"
            let segment = name.split(separator: ".").first.map(String.init) ?? ""
            let stale =
                suffix == ".manifest"
                ? FileIO.list(previous).first { $0.hasSuffix(".manifest") }
                : olderDeletions.first { $0.hasPrefix(segment + ".") } ?? olderDeletions.first
            // A file the last generation did not rewrite is not stale.
            guard let stale, bytes(previous + "/" + stale) != bytes(pristine + "/" + name) else { continue }
            cases.append(
                Case(description: "\(stale) of the previous generation as \(name)") { folder in
                    write(bytes(previous + "/" + stale), folder + "/" + name)
                })
        }
        // Crafted commits: a valid frame and checksum around impossible contents.
        func crafted(_ what: String, _ edit: @escaping (inout [String: Any]) -> Void) -> Case {
            Case(description: "crafted commit: \(what)") { folder in
                let path = folder + "/" + Commit.fileName
                let file = bytes(path)
                let body = Array(file[FileFormat.headerSize..<(file.count - FileFormat.footerSize)])
                var json = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
                edit(&json)
                let data = try JSONSerialization.data(withJSONObject: json)
                write(FileFormat.frame([UInt8](data), kind: .commit, id: .none), path)
            }
        }
        func segment(_ json: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
            var segments = json["segments"] as! [[String: Any]]
            edit(&segments[0])
            json["segments"] = segments
        }
        cases += [
            crafted("generation Int.max") { $0["generation"] = Int.max },
            crafted("nextSegment Int.max") { $0["nextSegment"] = Int.max },
            crafted("negative generation") { $0["generation"] = -1 },
            crafted("segment named ../outside/s1") { j in segment(&j) { $0["name"] = "../outside/s1" } },
            crafted("segment named /etc/s1") { j in segment(&j) { $0["name"] = "/etc/s1" } },
            crafted("manifest named ../../m1.manifest") { $0["manifest"] = "../../m1.manifest" },
            crafted("deletions named ../s1.2.del") { j in segment(&j) { $0["deletes"] = "../s1.2.del" } },
            crafted("docs Int.max") { j in segment(&j) { $0["docs"] = Int.max } },
            crafted("docs -5") { j in segment(&j) { $0["docs"] = -5 } },
            crafted("deletedCount above docs") { j in segment(&j) { $0["deletedCount"] = 1_000_000 } },
            crafted("titleTokens Int.min") { j in segment(&j) { $0["titleTokens"] = Int.min } },
            crafted("a segment twice") { j in
                let segments = j["segments"] as! [[String: Any]]
                j["segments"] = segments + [segments[0]]
            },
            crafted("another segment's id") { j in
                var segments = j["segments"] as! [[String: Any]]
                segments[0]["id"] = segments[1]["id"]
                j["segments"] = segments
            },
            crafted("an id that is not hex") { j in segment(&j) { $0["id"] = "zz" } },
            crafted("format version 999") { $0["formatVersion"] = 999 },
        ]
        return cases
    }

    @Test func everyDamageIsReportedAndNoneGivesAWrongAnswer() throws {
        let fixture = try Self.fixture.get()
        let files = fixture.files.filter { $0 != Commit.fileName } + [Commit.fileName]
        #expect(files.contains { $0.hasSuffix(".del") } && files.filter { $0.hasSuffix(".terms") }.count >= 2)
        let count = ProcessInfo.processInfo.environment["VIETSEARCH_CORRUPTION_CASES"].flatMap { Int($0) } ?? 480
        let cases =
            Self.structuralCases(files: files, pristine: fixture.pristine, previous: fixture.previous)
            + Self.randomCases(count, files: files, seed: 20_261_203)
        #expect(cases.count >= 500 || count < 480)
        for damage in cases { try run(damage, fixture: fixture) }
    }
}

/// A small seeded generator (SplitMix64), so that every run damages the same bytes.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
