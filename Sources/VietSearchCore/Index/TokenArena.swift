import VietAnalysis

/// The tokens of one text, kept from the indexing pass in reusable flat buffers, so that the
/// citation recognizer can be given `[Token]` without analyzing the text a second time.
struct TokenArena {
    private struct Entry {
        var start: Int32
        var end: Int32
        var position: Int32
        var exactLength: UInt8
        var foldedLength: UInt8
        var isNumber: Bool
    }

    /// Raw buffers, not arrays: every token of every text is appended here, and an array's
    /// uniqueness check and growth path per append showed in the profile.
    private let entries = RawBuffer<Entry>()
    /// Per token: the exact bytes, then the folded bytes.
    private let bytes = RawBuffer<UInt8>()

    func removeAll() {
        entries.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func append(_ token: TokenView) {
        entries.append(
            Entry(
                start: Int32(token.start), end: Int32(token.end), position: Int32(token.position),
                exactLength: UInt8(token.exact.count), foldedLength: UInt8(token.folded.count), isNumber: token.isNumber
            ))
        bytes.append(contentsOf: token.exact)
        bytes.append(contentsOf: token.folded)
    }

    /// The tokens, as the analyzer's `tokens(_:)` would give them for `text`.
    func tokens(of text: UnsafeBufferPointer<UInt8>) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(entries.count)
        let bytes = Array(UnsafeBufferPointer(start: self.bytes.base, count: self.bytes.count))
        var offset = 0
        for i in 0..<entries.count {
            let entry = entries[i]
            let range = Int(entry.start)..<Int(entry.end)
            let slice = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
            let exact = Term(bytes[offset..<(offset + Int(entry.exactLength))])
            offset += Int(entry.exactLength)
            let folded = Term(bytes[offset..<(offset + Int(entry.foldedLength))])
            offset += Int(entry.foldedLength)
            result.append(
                Token(
                    position: Int(entry.position), byteRange: range, text: slice, exact: exact, folded: folded,
                    isNumber: entry.isNumber))
        }
        return result
    }
}
