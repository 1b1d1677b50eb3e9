import Dispatch
import VietAnalysis

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// Latency figures of one query over repeated runs.
public struct QueryTiming: Sendable {
    public var query: String
    public var samplesNanoseconds: [UInt64]
    /// Time of reading the query alone (`QueryReader`), per run; empty when searched as typed.
    public var readingNanoseconds: [UInt64] = []
    public var hits: Int
    public var top10: [String]
    public var error: String?

    public var p50: Double { Benchmark.percentile(samplesNanoseconds, 0.50) }
    public var p95: Double { Benchmark.percentile(samplesNanoseconds, 0.95) }
    public var p99: Double { Benchmark.percentile(samplesNanoseconds, 0.99) }
    public var readingP50: Double { Benchmark.percentile(readingNanoseconds, 0.50) }
}

/// The measurements behind `vietsearch bench`.
public enum Benchmark {
    /// Nearest-rank percentile of nanosecond samples, in microseconds.
    public static func percentile(_ samples: [UInt64], _ q: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
        return Double(sorted[min(sorted.count, rank) - 1]) / 1000
    }

    /// Reads a query file: one query per line, `#` comments and blank lines skipped.
    public static func queries(file: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw IndexError.io(path: file, reason: "cannot read the query file")
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { line in
                // Leading and trailing blanks are not part of a query.
                let start = line.firstIndex { !$0.isWhitespace } ?? line.endIndex
                let end = line.lastIndex { !$0.isWhitespace }.map(line.index(after:)) ?? start
                return String(line[start..<max(start, end)])
            }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Runs every query `warmup` times untimed, then `runs` times timed. A timed run parses
    /// the query, finds the top 10 and reads their stored ids, as a user's search would; it
    /// does not count every match, as the peers' harness asks of Tantivy and Lucene. One
    /// more, untimed run counts the hits, and must find the same top 10. Unless `asTyped`,
    /// the reading of each query (`QueryReader`, included in the timed runs) is also timed
    /// alone, `runs` times. Every search applies `filter`, `sort` and `offset`.
    public static func timeQueries(
        _ queries: [String], index: String, runs: Int, warmup: Int, asTyped: Bool = false,
        filter: ArticleFilter = ArticleFilter(), sort: SortOrder = .relevance, offset: Int = 0
    ) throws -> [QueryTiming] {
        let analyzer = try Analyzer()
        let searcher = Searcher(reader: try IndexReader(folder: index), analyzer: analyzer)
        let timed = SearchOptions(
            limit: 10, snippets: false, countsMatches: false, asTyped: asTyped, filter: filter, sort: sort,
            offset: offset)
        var counted = timed
        counted.countsMatches = true
        for _ in 0..<warmup {
            for query in queries { _ = try? searcher.search(query, options: timed) }
        }
        var timings: [QueryTiming] = []
        for query in queries {
            var timing = QueryTiming(query: query, samplesNanoseconds: [], hits: 0, top10: [])
            do {
                for _ in 0..<max(1, runs) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let result = try searcher.search(query, options: timed)
                    let ids = result.hits.map(\.article.id)
                    timing.samplesNanoseconds.append(DispatchTime.now().uptimeNanoseconds - start)
                    timing.top10 = ids
                }
                for _ in 0..<(asTyped ? 0 : max(1, runs)) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try searcher.read(QueryParser(analyzer: analyzer).parse(query))
                    timing.readingNanoseconds.append(DispatchTime.now().uptimeNanoseconds - start)
                }
                let all = try searcher.search(query, options: counted)
                timing.hits = all.total ?? 0
                if all.hits.map(\.article.id) != timing.top10 {
                    timing.error = "the top 10 differ between a counting search and the timed one"
                }
            } catch {
                timing.error = "\(error)"
            }
            timings.append(timing)
        }
        return timings
    }

    /// Analyzer throughput on one thread for each way of breaking words: MB of UTF-8 text
    /// per second, one figure per run. The ways take turns run by run, so that a machine
    /// busy with other work slows them alike.
    public static func analyzerThroughput(texts: [String], runs: Int, ways: [Analyzer.WordBreaking]) throws -> (
        megabytesPerSecond: [[Double]], tokens: Int, bytes: Int
    ) {
        let analyzers = try ways.map { try Analyzer(wordBreaking: $0) }
        var rates = [[Double]](repeating: [], count: ways.count)
        var tokens = 0
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        for _ in 0..<max(1, runs) {
            for (way, analyzer) in analyzers.enumerated() {
                tokens = 0
                let start = DispatchTime.now().uptimeNanoseconds
                for text in texts {
                    var text = text
                    text.withUTF8 { utf8 in analyzer.forEachToken(in: utf8) { _ in tokens += 1 } }
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                rates[way].append(Double(bytes) / 1e6 / seconds)
            }
        }
        return (rates, tokens, bytes)
    }

    /// The texts (indices into `texts`) whose tokens differ in any way (position, byte
    /// range, terms, number flag) between the default analyzer and ICU's iterator alone,
    /// and the number of tokens compared.
    public static func analyzerMismatches(texts: [String]) throws -> (mismatches: [Int], tokens: Int) {
        let common = try Analyzer()
        let icu = try Analyzer(wordBreaking: .icuOnly)
        var expected: [UInt8] = []
        var found: [UInt8] = []
        var mismatches: [Int] = []
        var tokens = 0
        for (index, text) in texts.enumerated() {
            var text = text
            expected.removeAll(keepingCapacity: true)
            found.removeAll(keepingCapacity: true)
            text.withUTF8 { utf8 in
                icu.forEachToken(in: utf8) {
                    record($0, into: &expected)
                    tokens += 1
                }
                common.forEachToken(in: utf8) { record($0, into: &found) }
            }
            if expected != found { mismatches.append(index) }
        }
        return (mismatches, tokens)
    }

    /// Appends everything a token says to `bytes`.
    private static func record(_ token: TokenView, into bytes: inout [UInt8]) {
        for value in [
            token.position, token.start, token.end, token.isNumber ? 1 : 0, token.exact.count, token.folded.count,
        ] {
            withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
        }
        bytes.append(contentsOf: token.exact)
        bytes.append(contentsOf: token.folded)
    }

    /// Peak resident memory of this process so far, in MB.
    public static var peakResidentMegabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
