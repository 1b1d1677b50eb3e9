import VietAnalysis

/// A passage of an article with the matched words marked.
public struct Snippet: Sendable, Equatable {
    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    public var text: String
    /// UTF-8 byte ranges of the matched words in `text`.
    public var highlights: [Range<Int>]

    /// The text with each highlight wrapped in `open` and `close` (e.g. ANSI bold).
    public func marked(open: String, close: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var cursor = 0
        for range in highlights where range.lowerBound >= cursor {
            out += bytes[cursor..<range.lowerBound] + Array(open.utf8) + bytes[range] + Array(close.utf8)
            cursor = range.upperBound
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }
}

/// Picks the best passage of a text for a query, analyzing the text with the same
/// analyzer as the index (as SQLite FTS5 does): a window of `window` tokens scores 1000
/// for each distinct query term it holds and 1 for each repeat; the earliest best wins.
///
/// A token matches what the ranking counted: a query term typed with diacritics marks
/// only its exact spelling (`chó`, not `cho`), unless the text never uses that spelling,
/// in which case the article matched through folding and the folded forms are marked.
///
/// Only the parts of the text that can matter are analyzed: its start, and around each
/// place where `FoldedWordScanner` finds a query term's folded form, enough tokens on
/// either side for any window there (parts that meet are joined). No token elsewhere
/// matches, so the passage and the marks are those of analyzing the whole text, as is
/// done when the scanner cannot read the text or the query.
struct SnippetMaker {
    var window = 32
    /// Analyze the whole text, as the parts stand for (for tests).
    var wholeText = false
    /// Tokens kept before a window's first match, for context.
    static let context = 4

    /// The query terms sharing one folded term.
    private struct Group {
        var folded: [UInt8]
        /// Distinct exact spellings asked for, and whether every term asking for it wants
        /// only that spelling marked (when the text uses it).
        var exact: [[UInt8]] = []
        var exactMatters: [Bool] = []
        /// Per spelling: whether the text uses it.
        var seen: [Bool] = []
    }

    /// A token whose folded term is a query term's.
    private struct Candidate {
        /// Its index among the analyzed tokens.
        var token: Int
        var group: Int
        /// The group's spelling the token has, or -1.
        var spelling: Int
    }

    /// A stretch of the text analyzed whole, between two `Analyzer.isCut` offsets.
    private struct Part {
        var range: Range<Int>
        var starts: [Int] = []
        var ends: [Int] = []
        var candidates: [Candidate] = []
    }

    func snippet(of text: String, terms: [Query.Term], analyzer: Analyzer) -> Snippet {
        var groups: [Group] = []
        var groupOf: [[UInt8]: Int] = [:]
        // (first byte, length) of the folded terms: most tokens are rejected without hashing.
        var lengthsByFirstByte = [Set<Int>](repeating: [], count: 256)
        for term in terms {
            guard let first = term.folded.first else { continue }
            let g = groupOf[term.folded] ?? groups.count
            if g == groups.count {
                groupOf[term.folded] = g
                groups.append(Group(folded: term.folded))
                lengthsByFirstByte[Int(first)].insert(term.folded.count)
            }
            if let j = groups[g].exact.firstIndex(of: term.exact) {
                groups[g].exactMatters[j] = groups[g].exactMatters[j] && term.exactMatters
            } else {
                groups[g].exact.append(term.exact)
                groups[g].exactMatters.append(term.exactMatters)
                groups[g].seen.append(false)
            }
        }
        var text = text
        return text.withUTF8 { bytes in
            let scanner = FoldedWordScanner(terms: groups.map(\.folded))
            /// Analyzes `range` into `part`, after the tokens it holds.
            func analyze(_ range: Range<Int>, into part: inout Part) {
                let base = range.lowerBound
                func take(_ token: TokenView) {
                    let index = part.starts.count
                    part.starts.append(base + token.start)
                    part.ends.append(base + token.end)
                    guard let first = token.folded.first, lengthsByFirstByte[Int(first)].contains(token.folded.count),
                        let g = groupOf[Array(token.folded)]
                    else { return }
                    let spelling = groups[g].exact.firstIndex { $0.elementsEqual(token.exact) } ?? -1
                    part.candidates.append(Candidate(token: index, group: g, spelling: spelling))
                }
                let slice = UnsafeBufferPointer(rebasing: bytes[range])
                if let scanner {
                    analyzer.forEachToken(in: slice, termsOf: scanner, take)
                } else {
                    analyzer.forEachToken(in: slice, take)
                }
                part.range = part.range.lowerBound..<range.upperBound
            }
            let parts = analyzedParts(bytes, scanner: scanner, analyze: analyze)
            // The parts' tokens in one list; their ranks spaced so that no window spans two.
            var starts: [Int] = []
            var ends: [Int] = []
            var ranks: [Int] = []
            var candidates: [Candidate] = []
            var firstTokens: [Int] = []
            for part in parts {
                let first = starts.count
                firstTokens.append(first)
                let rank = (ranks.last ?? -1) + (first == 0 ? 1 : window + Self.context + 1)
                starts += part.starts
                ends += part.ends
                ranks += (0..<part.starts.count).map { rank + $0 }
                for var candidate in part.candidates {
                    if candidate.spelling >= 0 { groups[candidate.group].seen[candidate.spelling] = true }
                    candidate.token += first
                    candidates.append(candidate)
                }
            }
            guard !starts.isEmpty else {
                return Snippet(text: String(String(decoding: bytes, as: UTF8.self).prefix(200)), highlights: [])
            }
            // Per group: whether a token of any spelling is marked (some term asking for it
            // is not strict), else only tokens of a spelling asked for.
            let anySpelling = groups.map { group in
                group.exactMatters.indices.contains { !group.exactMatters[$0] || !group.seen[$0] }
            }
            let matches = candidates.filter { anySpelling[$0.group] || $0.spelling >= 0 }
            let bestStart = bestWindow(matches, ranks: ranks, groups: groups.count)
            // The part holding the window, whose tokens are the text's there.
            let part = firstTokens.lastIndex { $0 <= bestStart } ?? 0
            let partFirst = firstTokens[part]
            return cut(
                bytes, starts: starts, ends: ends, tokens: partFirst..<(partFirst + parts[part].starts.count),
                reachesEnd: parts[part].range.upperBound == bytes.count, matches: matches, bestStart: bestStart)
        }
    }

    /// The parts of `bytes` to analyze (through `analyze`, which extends a part by a range
    /// after it): the start of the text and the places the scanner finds one of the `folded`
    /// terms at, each part holding `window` + 1 tokens from each such place, and `context`
    /// + 1 before it, unless it reaches an end of the text. The whole text when the
    /// scanner cannot tell.
    private func analyzedParts(
        _ bytes: UnsafeBufferPointer<UInt8>, scanner: FoldedWordScanner?, analyze: (Range<Int>, inout Part) -> Void
    ) -> [Part] {
        // A window's tokens are about 150–250 bytes of Vietnamese; a part grows by doubling.
        let ahead = 8 * window
        // Past this many places, the parts would hold most of the text: one costs less.
        let found = scanner?.occurrences(in: bytes, limit: bytes.count / (2 * ahead))
        let places = [0] + (found ?? []).map(\.range.lowerBound).sorted()
        guard !wholeText, found != nil else {
            var whole = Part(range: 0..<0)
            analyze(0..<bytes.count, &whole)
            return [whole]
        }
        var parts: [Part] = []
        for place in places {
            if var part = parts.last, place < part.range.upperBound {
                // Already in the last part: make sure it reaches far enough.
                parts.removeLast()
                extend(&part, after: place, bytes, ahead: ahead, analyze: analyze)
                parts.append(part)
                continue
            }
            var back = 16 * Self.context
            while true {
                let start = Analyzer.cut(bytes, atOrBefore: place - back)
                if var last = parts.last, start <= last.range.upperBound {
                    // Meets the last part: extend that one.
                    parts.removeLast()
                    extend(&last, after: place, bytes, ahead: ahead, analyze: analyze)
                    parts.append(last)
                    break
                }
                var part = Part(range: start..<start)
                extend(&part, after: place, bytes, ahead: ahead, analyze: analyze)
                if start == 0 || part.starts.prefix(while: { $0 < place }).count > Self.context {
                    parts.append(part)
                    break
                }
                back *= 2
            }
        }
        return parts
    }

    /// Analyzes more text after `part` until it holds `window` + 1 tokens from `place`
    /// on, or the rest of the text.
    private func extend(
        _ part: inout Part, after place: Int, _ bytes: UnsafeBufferPointer<UInt8>, ahead: Int,
        analyze: (Range<Int>, inout Part) -> Void
    ) {
        var step = ahead
        while part.range.upperBound < bytes.count {
            let from = part.starts.firstIndex { $0 >= place } ?? part.starts.count
            if part.starts.count - from > window { return }
            let end = Analyzer.cut(bytes, atOrAfter: max(part.range.upperBound, place) + step)
            analyze(part.range.upperBound..<end, &part)
            step *= 2
        }
    }

    /// The rank of the first token of the earliest best-scoring window: one starting at the
    /// first token or at a match, scored 1000 per distinct term and 1 per repeat. Ranks are
    /// `ranks` of the tokens (their positions in the text, give or take gaps).
    private func bestWindow(_ matches: [Candidate], ranks: [Int], groups: Int) -> Int {
        var counts = [Int](repeating: 0, count: groups)
        var distinct = 0
        var held = 0
        var end = 0  // matches[..<end] entered the window
        var begin = 0  // matches[..<begin] left it
        var best = (start: 0, score: -1)
        func score(from start: Int) -> Int {
            while begin < matches.count && ranks[matches[begin].token] < ranks[start] {
                counts[matches[begin].group] -= 1
                if counts[matches[begin].group] == 0 { distinct -= 1 }
                held -= 1
                begin += 1
            }
            while end < matches.count && ranks[matches[end].token] < ranks[start] + window {
                if counts[matches[end].group] == 0 { distinct += 1 }
                counts[matches[end].group] += 1
                held += 1
                end += 1
            }
            return 1000 * distinct + (held - distinct)
        }
        if matches.first?.token != 0 { best = (0, score(from: 0)) }
        for match in matches {
            let value = score(from: match.token)
            if value > best.score { best = (match.token, value) }
        }
        return best.start
    }

    /// The passage of `window` tokens from a few tokens before token `bestStart`, within
    /// `tokens` (a part analyzed whole, `reachesEnd` when it ends the text), whitespace
    /// collapsed, cut ends marked, matches highlighted.
    private func cut(
        _ bytes: UnsafeBufferPointer<UInt8>, starts: [Int], ends: [Int], tokens: Range<Int>, reachesEnd: Bool,
        matches: [Candidate], bestStart: Int
    ) -> Snippet {
        // Start a few tokens before the first match, for context.
        var first = bestStart
        if bestStart > 0 { first = max(tokens.lowerBound, bestStart - Self.context) }
        let last = min(tokens.upperBound, first + window) - 1
        let from = first == 0 ? 0 : starts[first]
        let to = reachesEnd && last == tokens.upperBound - 1 ? bytes.count : ends[last]
        let shift = -from
        // Collapse runs of whitespace (line breaks in articles) to single spaces.
        var cleaned: [UInt8] = []
        var offsetMap: [Int] = []
        var lastWasSpace = false
        for byte in bytes[from..<to] {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            offsetMap.append(cleaned.count)
            if isSpace {
                if !lastWasSpace { cleaned.append(0x20) }
            } else {
                cleaned.append(byte)
            }
            lastWasSpace = isSpace
        }
        offsetMap.append(cleaned.count)
        var highlights: [Range<Int>] = []
        for match in matches where (first...last).contains(match.token) {
            highlights.append(
                offsetMap[starts[match.token] + shift]..<offsetMap[ends[match.token] + shift])
        }
        // Trim and mark cut ends.
        var prefix: [UInt8] = []
        if from > 0 { prefix = Array("… ".utf8) }
        var leading = 0
        while leading < cleaned.count && cleaned[leading] == 0x20 { leading += 1 }
        cleaned.removeFirst(leading)
        highlights = highlights.map { ($0.lowerBound - leading)..<($0.upperBound - leading) }
        while cleaned.last == 0x20 { cleaned.removeLast() }
        if to < bytes.count { cleaned += Array(" …".utf8) }
        let slice = prefix + cleaned
        return Snippet(
            text: String(decoding: slice, as: UTF8.self),
            highlights: highlights.map { ($0.lowerBound + prefix.count)..<($0.upperBound + prefix.count) })
    }
}
