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

/// Picks the best passage of a text for a query, re-analyzing the text with the same
/// analyzer as the index (as SQLite FTS5 does): a window of `window` tokens scores 1000
/// for each distinct query term it holds and 1 for each repeat; the earliest best wins.
///
/// A token matches what the ranking counted: a query term typed with diacritics marks
/// only its exact spelling (`chó`, not `cho`), unless the text never uses that spelling,
/// in which case the article matched through folding and the folded forms are marked.
///
/// One streaming pass over the text: each token is looked up in a table of the query's
/// folded terms (no per-term scan), only the byte ranges of tokens are kept, and the
/// windows slide over the matching tokens, so the work is linear in the text and the query.
struct SnippetMaker {
    var window = 32

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
        var token: Int
        var group: Int
        /// The group's spelling the token has, or -1.
        var spelling: Int
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
            var starts: [Int] = []
            var ends: [Int] = []
            var candidates: [Candidate] = []
            analyzer.forEachToken(in: bytes) { token in
                let ordinal = starts.count
                starts.append(token.start)
                ends.append(token.end)
                guard let first = token.folded.first, lengthsByFirstByte[Int(first)].contains(token.folded.count),
                    let g = groupOf[Array(token.folded)]
                else { return }
                let spelling = groups[g].exact.firstIndex { $0.elementsEqual(token.exact) } ?? -1
                if spelling >= 0 { groups[g].seen[spelling] = true }
                candidates.append(Candidate(token: ordinal, group: g, spelling: spelling))
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
            let (bestStart, _) = bestWindow(matches, groups: groups.count)
            return cut(bytes, starts: starts, ends: ends, matches: matches, bestStart: bestStart)
        }
    }

    /// The first token of the earliest best-scoring window: one starting at the first token
    /// or at a match, scored 1000 per distinct term and 1 per repeat.
    private func bestWindow(_ matches: [Candidate], groups: Int) -> (start: Int, score: Int) {
        var counts = [Int](repeating: 0, count: groups)
        var distinct = 0
        var held = 0
        var end = 0  // matches[..<end] entered the window
        var begin = 0  // matches[..<begin] left it
        var best = (start: 0, score: -1)
        func score(from start: Int) -> Int {
            while begin < matches.count && matches[begin].token < start {
                counts[matches[begin].group] -= 1
                if counts[matches[begin].group] == 0 { distinct -= 1 }
                held -= 1
                begin += 1
            }
            while end < matches.count && matches[end].token < start + window {
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
        return best
    }

    /// The passage of `window` tokens from a few tokens before `bestStart`, whitespace
    /// collapsed, cut ends marked, matches highlighted.
    private func cut(
        _ bytes: UnsafeBufferPointer<UInt8>, starts: [Int], ends: [Int], matches: [Candidate], bestStart: Int
    ) -> Snippet {
        let count = starts.count
        // Start a few tokens before the first match, for context.
        var first = bestStart
        if bestStart > 0 { first = max(0, bestStart - 4) }
        let last = min(count, first + window) - 1
        let from = first == 0 ? 0 : starts[first]
        let to = last == count - 1 ? bytes.count : ends[last]
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
