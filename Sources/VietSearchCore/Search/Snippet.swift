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
struct SnippetMaker {
    var window = 32

    func snippet(of text: String, terms: [Query.Term], analyzer: Analyzer) -> Snippet {
        let tokens = analyzer.tokens(text)
        let bytes = Array(text.utf8)
        guard !tokens.isEmpty else { return Snippet(text: String(text.prefix(200)), highlights: []) }
        // Per query term: whether only its exact spelling is marked.
        let strict = terms.map { term in term.exactMatters && tokens.contains { $0.exact.bytes == term.exact } }
        let matched = tokens.map { token in
            terms.indices.contains { i in
                token.folded.bytes == terms[i].folded && (!strict[i] || token.exact.bytes == terms[i].exact)
            }
        }
        var bestStart = 0
        var bestScore = -1
        for start in 0..<tokens.count where start == 0 || matched[start] {
            let end = min(tokens.count, start + window)
            var seen = Set<[UInt8]>()
            var score = 0
            for i in start..<end where matched[i] {
                score += seen.insert(tokens[i].folded.bytes).inserted ? 1000 : 1
            }
            if score > bestScore {
                bestScore = score
                bestStart = start
            }
            if end == tokens.count && start > 0 { break }
        }
        // Start a few tokens before the first match, for context.
        var first = bestStart
        if bestStart > 0 { first = max(0, bestStart - 4) }
        let last = min(tokens.count, first + window) - 1
        let from = first == 0 ? 0 : tokens[first].byteRange.lowerBound
        let to = last == tokens.count - 1 ? bytes.count : tokens[last].byteRange.upperBound
        var slice = Array(bytes[from..<to])
        var shift = -from
        // Collapse runs of whitespace (line breaks in articles) to single spaces.
        var cleaned: [UInt8] = []
        var offsetMap: [Int] = []
        var lastWasSpace = false
        for byte in slice {
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
        for i in first...last where matched[i] {
            let range = tokens[i].byteRange
            highlights.append(offsetMap[range.lowerBound + shift]..<offsetMap[range.upperBound + shift])
        }
        // Trim and mark cut ends.
        var prefix: [UInt8] = []
        if from > 0 { prefix = Array("… ".utf8) }
        while cleaned.first == 0x20 {
            cleaned.removeFirst()
            highlights = highlights.map { ($0.lowerBound - 1)..<($0.upperBound - 1) }
        }
        while cleaned.last == 0x20 { cleaned.removeLast() }
        if to < bytes.count { cleaned += Array(" …".utf8) }
        shift = prefix.count
        slice = prefix + cleaned
        return Snippet(
            text: String(decoding: slice, as: UTF8.self),
            highlights: highlights.map { ($0.lowerBound + shift)..<($0.upperBound + shift) })
    }
}
