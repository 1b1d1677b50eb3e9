#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a text, found through its UTF-8 bytes: each line without its line break
/// ("\n" or "\r\n"), with the range of the line and its break.
struct TextLines: Sequence, IteratorProtocol {
    private let text: Substring
    private var start: String.Index

    init(_ text: Substring) {
        self.text = text
        self.start = text.startIndex
    }

    mutating func next() -> (line: Substring, range: Range<String.Index>)? {
        let utf8 = text.utf8
        guard start < utf8.endIndex else { return nil }
        let rest = utf8[start...]
        let contiguous = rest.withContiguousStorageIfAvailable { (bytes) -> Int in
            guard let base = bytes.baseAddress, let newline = memchr(base, 0x0A, bytes.count) else {
                return bytes.count
            }
            return base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        }
        let newline: String.Index
        if let contiguous {
            newline = utf8.index(start, offsetBy: contiguous)
        } else {
            newline = rest.firstIndex(of: 0x0A) ?? utf8.endIndex
        }
        let end = newline < utf8.endIndex ? utf8.index(after: newline) : newline
        var lineEnd = newline
        if lineEnd > start, utf8[utf8.index(before: lineEnd)] == 0x0D { lineEnd = utf8.index(before: lineEnd) }
        defer { start = end }
        return (text[start..<lineEnd], start..<end)
    }
}

extension StringProtocol {
    /// Whether the text has nothing but ASCII whitespace, quickly; nil when it has other
    /// bytes above 0x7F that may be whitespace (no-break space ...), to check by character.
    var isASCIIBlank: Bool? {
        for byte in utf8 where byte != 0x20 && !(0x09...0x0D).contains(byte) {
            return byte < 0x80 ? false : nil
        }
        return true
    }

    /// Whether the text has no character but whitespace.
    var isBlank: Bool { isASCIIBlank ?? trimmingWhitespace().isEmpty }
}
