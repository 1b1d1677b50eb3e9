import ArgumentParser
import VietSearchCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure index build speed, size and query latency.",
        discussion: """
            With --corpus, builds a fresh index of PATH in a temporary folder and reports the \
            build; with --index, uses an existing index. Then times every query of the query \
            file (default: Benchmarks/queries.txt of the repository) --runs times after \
            --warmup passes. A timed search finds the top 10 without counting every match, as \
            the peers' harness times Tantivy and Lucene; the hit counts come from one more, \
            counting search, which must find the same top 10. Each query is read as search \
            reads it (Telex, VNI, slips, diacritics: see search --help), and that reading is \
            also timed alone (read_us); --as-typed times searches of the queries as typed. \
            --analyzer measures the analyzer alone on one thread, with its common-case word \
            breaker and with ICU's iterator alone, and checks that both give the same tokens \
            for every article (exit status 2 when they do not).

            Examples:
              vietsearch bench --corpus ../shared/corpus/vinews-baomoi --runs 20
              vietsearch bench --index .vietsearch --json

            Exit status: 0 on success, 2 on errors.
            """
    )

    @Option(name: .long, help: "Build a fresh index of this corpus (files or folder) first.")
    var corpus: String?

    @Option(name: .long, help: "Use this existing index.")
    var index: String?

    @Option(name: .long, help: "Query file, one query per line.")
    var queries: String?

    @Option(name: .long, help: "Timed runs per query.")
    var runs = 20

    @Option(name: .long, help: "Untimed passes over all queries first.")
    var warmup = 1

    @Flag(name: .long, help: "Search the queries as typed, without reading them first.")
    var asTyped = false

    @Flag(name: .long, help: "Measure the analyzer alone and check it against ICU (needs --corpus).")
    var analyzer = false

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @OptionGroup(title: "Filters and order of the timed searches") var filters: FilterOptions

    func validate() throws {
        if (corpus == nil) == (index == nil) {
            throw ValidationError("Give exactly one of --corpus PATH or --index DIR.")
        }
        if analyzer && corpus == nil { throw ValidationError("--analyzer needs --corpus PATH.") }
        if runs < 1 || warmup < 0 { throw ValidationError("--runs must be at least 1 and --warmup at least 0.") }
    }

    func run() throws {
        if analyzer, let corpus { return try runAnalyzer(corpus) }
        var members: [(String, JSON)] = []
        var folder = index ?? ""
        var temporary: String?
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        if let corpus {
            let tmp = FileManager.default.temporaryDirectory.path + "/vietsearch-bench-" + UUID().uuidString
            temporary = tmp
            folder = tmp + "/index"
            let summary = try FolderSync(folder: folder).update(paths: [corpus])
            let stats = try IndexInspector.statistics(folder: folder)
            let mb = Double(summary.textBytes) / 1e6
            let build: [(String, JSON)] = [
                ("docs", .int(summary.documents)), ("text_bytes", .int(summary.textBytes)),
                ("seconds", .double(summary.seconds)),
                ("mb_per_s", .double(mb / summary.seconds)), ("peak_rss_mb", .double(Benchmark.peakResidentMegabytes)),
                ("index_bytes", .int(stats.totalBytes)),
                (
                    "index_bytes_by_kind",
                    .object(stats.bytesByKind.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                ),
                ("index_to_text", .double(Double(stats.totalBytes) / Double(max(1, summary.textBytes)))),
            ]
            members.append(("build", .object(build)))
            if !json {
                Terminal.print(
                    "build: \(summary.documents) articles, \(format(mb)) MB of text in \(format(summary.seconds)) s = \(format(mb / summary.seconds)) MB/s; peak RSS \(format(Benchmark.peakResidentMegabytes)) MB"
                )
                Terminal.print(
                    "index: \(stats.totalBytes) bytes = \(Decimals.fixed(Double(stats.totalBytes) / Double(max(1, summary.textBytes)), 3)) × the text"
                )
                for (kind, bytes) in stats.bytesByKind.sorted(by: { $0.value > $1.value }) {
                    Terminal.print(
                        "  .\(Terminal.pad(kind, 9)) \(bytes) (\(Decimals.fixed(Double(bytes) / Double(max(1, summary.textBytes)), 3)))"
                    )
                }
            }
        }
        let queryList = try Benchmark.queries(file: try queryFile())
        let timings: [QueryTiming]
        do {
            timings = try Benchmark.timeQueries(
                queryList, index: folder, runs: runs, warmup: warmup, asTyped: asTyped, filter: try filters.filter(),
                sort: filters.sort, offset: filters.offset)
        } catch {
            throw CleanError("\(error)")
        }
        let all = timings.flatMap(\.samplesNanoseconds)
        let medians = timings.map(\.p50).sorted()
        let medianOfMedians = medians.isEmpty ? 0 : medians[medians.count / 2]
        let readings = timings.map(\.readingP50).sorted()
        let readingMedian = asTyped || readings.isEmpty ? nil : readings[readings.count / 2]
        members.append(
            (
                "queries",
                .array(
                    timings.map { t in
                        var object: [(String, JSON)] = [
                            ("query", .string(t.query)), ("p50_us", .double(t.p50)), ("p95_us", .double(t.p95)),
                            ("p99_us", .double(t.p99)), ("hits", .int(t.hits)),
                            ("read_us", asTyped ? .null : .double(t.readingP50)),
                            ("top10", .array(t.top10.map { .string($0) })),
                        ]
                        if let error = t.error { object.append(("error", .string(error))) }
                        return .object(object)
                    })
            ))
        members.append(
            (
                "summary",
                .object([
                    ("p50_us", .double(medianOfMedians)), ("p95_us", .double(Benchmark.percentile(all, 0.95))),
                    ("p99_us", .double(Benchmark.percentile(all, 0.99))), ("queries", .int(timings.count)),
                    ("runs", .int(runs)), ("as_typed", .bool(asTyped)),
                    ("filter", .string("\(SearchCommand.describe(try filters.filter()))")),
                    ("sort", .string(filters.sort.rawValue)), ("offset", .int(filters.offset)),
                    ("read_p50_us", readingMedian.map { .double($0) } ?? .null),
                ])
            ))
        if json {
            Terminal.print(json: JSON.object(members))
            return
        }
        Terminal.print(
            "\n\("query", pad: 34) \("hits", pad: 7) p50 µs   p95 µs   p99 µs" + (asTyped ? "" : "   read µs"))
        for t in timings {
            let times = ([t.p50, t.p95, t.p99] + (asTyped ? [] : [t.readingP50])).map {
                "\(Decimals.fixed($0, 0), pad: 8)" as TerminalText
            }
            let error: TerminalText = t.error.map { "  error: \($0)" } ?? ""
            Terminal.print(
                "\(String(t.query.prefix(33)), pad: 34) \(t.hits, pad: 7) \(times.joined(separator: " "))\(error)")
        }
        let reading: TerminalText =
            readingMedian.map { "; reading alone: median of per-query p50 \(Decimals.fixed($0, 0)) µs" } ?? ""
        Terminal.print(
            "\nall queries: median of per-query p50 \(Decimals.fixed(medianOfMedians, 0)) µs; p95 \(Decimals.fixed(Benchmark.percentile(all, 0.95), 0)) µs; p99 \(Decimals.fixed(Benchmark.percentile(all, 0.99), 0)) µs (\(timings.count) queries × \(runs) runs)"
                + reading + (asTyped ? "; searched as typed" : "")
        )
    }

    private func queryFile() throws -> String {
        if let queries { return queries }
        var candidates = [FileManager.default.currentDirectoryPath]
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            candidates.append(url.path)
        }
        for folder in candidates where FileManager.default.fileExists(atPath: folder + "/Benchmarks/queries.txt") {
            return folder + "/Benchmarks/queries.txt"
        }
        throw ValidationError(
            "No Benchmarks/queries.txt found near the program or the current folder; pass --queries FILE.")
    }

    private func runAnalyzer(_ corpus: String) throws {
        let scan = SourceScanner.scan([corpus])
        var texts: [String] = []
        for file in scan.files {
            let read = ArticleReader.read(file, bytes: Array(FileManager.default.contents(atPath: file.path) ?? Data()))
            for article in read.articles { texts.append(article.title + "\n" + article.body) }
        }
        guard !texts.isEmpty else {
            throw CleanError("no article to analyze in '\(corpus)'" + scan.problems.map { "; \($0)" }.joined())
        }
        let result = try Benchmark.analyzerThroughput(texts: texts, runs: runs, ways: [.commonCaseFirst, .icuOnly])
        let medians = result.megabytesPerSecond.map { $0.sorted()[$0.count / 2] }
        let (mismatches, compared) = try Benchmark.analyzerMismatches(texts: texts)
        if json {
            Terminal.print(
                json:
                    JSON.object([
                        ("text_bytes", .int(result.bytes)), ("tokens", .int(result.tokens)), ("runs", .int(runs)),
                        ("mb_per_s_median", .double(medians[0])),
                        ("mb_per_s", .array(result.megabytesPerSecond[0].map { .double($0) })),
                        ("icu_only_mb_per_s_median", .double(medians[1])),
                        ("icu_only_mb_per_s", .array(result.megabytesPerSecond[1].map { .double($0) })),
                        ("texts", .int(texts.count)), ("compared_tokens", .int(compared)),
                        ("mismatched_texts", .int(mismatches.count)),
                    ]
                    ))
        } else {
            let lists = result.megabytesPerSecond.map { $0.map { format($0) }.joined(separator: ", ") }
            Terminal.print(
                "analyzer, one thread: \(format(Double(result.bytes) / 1e6)) MB, \(result.tokens) tokens; median \(format(medians[0])) MB/s over \(runs) runs (\(lists[0])); ICU word breaking alone \(format(medians[1])) MB/s (\(lists[1]))"
            )
            Terminal.print(
                "tokens against ICU alone: \(mismatches.count) of \(texts.count) texts differ (\(compared) tokens compared)"
            )
        }
        if let first = mismatches.first {
            throw CleanError("the analyzer's tokens differ from ICU's alone, first in text \(first + 1) of '\(corpus)'")
        }
    }
}
