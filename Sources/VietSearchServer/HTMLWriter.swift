/// Builds a page: the program's own markup goes in with `raw`, every other text (article
/// text, titles, the query) with `text`, which escapes it. Article text is hostile input.
struct HTMLWriter {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }

    mutating func text(_ text: String) { output += Self.escape(text) }

    /// `text` with a highlight around each UTF-8 byte range of `highlights` (ascending).
    mutating func highlighted(_ text: String, _ highlights: [Range<Int>]) {
        let bytes = Array(text.utf8)
        var at = 0
        for range in highlights.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let start = min(max(range.lowerBound, at), bytes.count)
            let end = min(max(range.upperBound, start), bytes.count)
            self.text(String(decoding: bytes[at..<start], as: UTF8.self))
            raw("<mark>")
            self.text(String(decoding: bytes[start..<end], as: UTF8.self))
            raw("</mark>")
            at = end
        }
        self.text(String(decoding: bytes[at...], as: UTF8.self))
    }

    /// Text safe in an element or a quoted attribute: `& < > " '` as entities, and controls
    /// other than tab and line feed as U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
