import VietAnalysis

/// The tokens of one text, kept from the indexing pass in reusable flat buffers, so that the
/// citation recognizer can be given `[Token]` without analyzing the text a second time.
struct TokenArena {
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var positions: [Int] = []
    private var numbers: [Bool] = []
    private var exactEnds: [Int] = []
    private var foldedEnds: [Int] = []
    private var exactBytes: [UInt8] = []
    private var foldedBytes: [UInt8] = []

    mutating func removeAll() {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        exactEnds.removeAll(keepingCapacity: true)
        foldedEnds.removeAll(keepingCapacity: true)
        exactBytes.removeAll(keepingCapacity: true)
        foldedBytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func append(_ token: TokenView) {
        starts.append(token.start)
        ends.append(token.end)
        positions.append(token.position)
        numbers.append(token.isNumber)
        exactBytes.append(contentsOf: token.exact)
        exactEnds.append(exactBytes.count)
        foldedBytes.append(contentsOf: token.folded)
        foldedEnds.append(foldedBytes.count)
    }

    /// The tokens, as the analyzer's `tokens(_:)` would give them for `text`.
    func tokens(of text: UnsafeBufferPointer<UInt8>) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(starts.count)
        var exactStart = 0
        var foldedStart = 0
        for i in 0..<starts.count {
            let range = starts[i]..<ends[i]
            let slice = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
            let exact = Term(exactBytes[exactStart..<exactEnds[i]])
            let folded = Term(foldedBytes[foldedStart..<foldedEnds[i]])
            result.append(
                Token(
                    position: positions[i], byteRange: range, text: slice, exact: exact, folded: folded,
                    isNumber: numbers[i]))
            exactStart = exactEnds[i]
            foldedStart = foldedEnds[i]
        }
        return result
    }
}
