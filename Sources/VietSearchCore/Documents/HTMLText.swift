/// The text of an HTML page: scripts, styles, comments and tags dropped, block elements
/// turned into line breaks (paragraphs and headings into blank lines), character
/// references decoded, whitespace collapsed as a browser does (kept inside `<pre>`), and
/// runs of blank lines collapsed to one. A no-break space becomes a plain space.
struct HTMLText {
    /// The trimmed, whitespace-collapsed `<title>`, when not empty.
    var title: String?
    /// The text of the first non-empty `<h1>`.
    var heading: String?
    /// The `<meta property="og:title" content="...">` of the page, when not empty: the
    /// headline a page gives to sites that link to it.
    var openGraphTitle: String?
    /// The page text.
    var text: String

    /// Elements whose content is not text.
    static let skippedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select",
    ]
    /// Elements that start a paragraph (a blank line before and after).
    static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "section",
        "article", "header", "footer", "nav", "aside", "main", "figure", "form", "fieldset", "address", "hr",
        "hgroup", "details", "body",
    ]
    /// Elements that start a line.
    static let lineElements: Set<String> = [
        "br", "div", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "option", "legend", "center",
        "tbody", "thead", "tfoot",
    ]
    /// Table cells: separated by a space.
    static let cellElements: Set<String> = ["td", "th"]

    /// Converts a page.
    init(_ html: String) {
        var html = html
        let (output, title, heading, openGraphTitle) = html.withUTF8 { bytes in
            var converter = Converter(bytes: bytes)
            converter.run()
            return (converter.output, converter.title, converter.heading, converter.openGraphTitle)
        }
        self.title = title.flatMap(Self.singleLine)
        self.heading = heading
        self.openGraphTitle = openGraphTitle.flatMap { Self.singleLine(HTMLText($0).text) }
        self.text = Self.collapsingBlankLines(output)
    }

    /// Where to look for the page's date: three non-blank lines above the line that starts
    /// `heading`, or the start of the text.
    func start(near heading: String) -> String.Index {
        var previous: [String.Index] = []
        for (line, range) in TextLines(text[...]) where !line.isEmpty {
            if heading.hasPrefix(line) { return previous.count >= 3 ? previous[previous.count - 3] : text.startIndex }
            previous.append(range.lowerBound)
        }
        return text.startIndex
    }

    /// The charset a page declares in its first 4 KB (`<meta charset="...">` or
    /// `content="text/html; charset=..."`), lowercased.
    static func declaredCharset(_ bytes: some Collection<UInt8>) -> String? {
        let head = bytes.prefix(4096).map { (65...90).contains($0) ? $0 + 32 : $0 }
        let key = Array("charset=".utf8)
        guard let at = head.indices.first(where: { head[$0...].starts(with: key) }) else { return nil }
        var i = at + key.count
        while i < head.count, head[i] == UInt8(ascii: "\"") || head[i] == UInt8(ascii: "'") || head[i] == 0x20 {
            i += 1
        }
        let name = head[i...].prefix { byte in
            (97...122).contains(byte) || (48...57).contains(byte) || "-_.:".utf8.contains(byte)
        }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }

    /// Text with its whitespace (line breaks included) collapsed to single spaces and
    /// zero-width spaces removed, or nil when nothing is left.
    static func singleLine(_ text: String) -> String? {
        let line = HeadlineFinder.collapsingWhitespace(text)
        return line.isEmpty ? nil : line
    }

    /// Lines trimmed; at most one blank line in a row; none at the start or end.
    static func collapsingBlankLines(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var blank = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed()
            if trimmed.isEmpty {
                blank += 1
                continue
            }
            if !out.isEmpty { out.append(contentsOf: blank > 0 ? [0x0A, 0x0A] : [0x0A]) }
            out.append(contentsOf: trimmed)
            blank = 0
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The byte-level pass of `HTMLText`.
private struct Converter {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var output: [UInt8] = []
    var title: String?
    var heading: String?
    /// The raw `content` of the first `og:title` meta tag.
    var openGraphTitle: String?
    /// Where the text of the `<h1>` being read starts in `output`.
    var headingStart: Int?
    var preDepth = 0
    var pendingSpace = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        output.reserveCapacity(bytes.count / 2)
    }

    mutating func run() {
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                markup()
            } else if byte == UInt8(ascii: "&") {
                reference()
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                if preDepth > 0 {
                    if byte != 0x0D { output.append(byte == 0x0A ? 0x0A : 0x20) }
                } else {
                    pendingSpace = true
                }
                i += 1
            } else {
                text(byte)
                i += 1
            }
        }
    }

    mutating func text(_ byte: UInt8) {
        if pendingSpace {
            if let last = output.last, last != 0x0A, last != 0x20 { output.append(0x20) }
            pendingSpace = false
        }
        output.append(byte)
    }

    mutating func text(_ scalar: Unicode.Scalar) {
        if scalar == "\u{A0}" || scalar == "\t" || scalar == "\n" {
            pendingSpace = true
            return
        }
        for byte in UTF8.encode(scalar)! { text(byte) }
    }

    /// Ends the current line unless the text is at a line start; `blank` makes sure a blank
    /// line follows. `<br>` always adds a line break.
    mutating func lineBreak(blank: Bool, always: Bool = false) {
        while output.last == 0x20 { output.removeLast() }
        pendingSpace = false
        if always {
            output.append(0x0A)
            return
        }
        let wanted = blank ? 2 : 1
        let present = output.suffix(2).reversed().prefix { $0 == 0x0A }.count
        if present < wanted { output.append(contentsOf: repeatElement(0x0A, count: wanted - present)) }
    }

    // MARK: Markup

    mutating func markup() {
        let next = i + 1 < bytes.count ? bytes[i + 1] : 0
        if next == UInt8(ascii: "!") {
            if starts(with: "<!--", at: i) {
                i = end(of: "-->", from: i + 4)
            } else if starts(with: "<![CDATA[", at: i) {
                i = end(of: "]]>", from: i + 9)
            } else {
                i = end(of: ">", from: i + 2)
            }
        } else if next == UInt8(ascii: "?") {
            i = end(of: ">", from: i + 2)
        } else if isLetter(next) || (next == UInt8(ascii: "/") && i + 2 < bytes.count && isLetter(bytes[i + 2])) {
            tag()
        } else {
            text(UInt8(ascii: "<"))
            i += 1
        }
    }

    mutating func tag() {
        let closing = bytes[i + 1] == UInt8(ascii: "/")
        var j = i + (closing ? 2 : 1)
        var name: [UInt8] = []
        while j < bytes.count, isLetter(bytes[j]) || (48...57).contains(bytes[j]) || bytes[j] == UInt8(ascii: "-") {
            name.append(bytes[j] | 0x20)
            j += 1
        }
        let attributesStart = j
        // To the end of the tag, over quoted attribute values.
        var quote: UInt8 = 0
        while j < bytes.count {
            let byte = bytes[j]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            j += 1
        }
        i = min(j + 1, bytes.count)
        let tag = String(decoding: name, as: UTF8.self)
        if !closing, tag == "meta", openGraphTitle == nil {
            let attributes = Self.attributes(bytes[attributesStart..<min(j, bytes.count)])
            if attributes["property"] == "og:title" || attributes["name"] == "og:title" {
                openGraphTitle = attributes["content"]
            }
        } else if !closing, HTMLText.skippedElements.contains(tag) {
            i = endOfElement(tag)
        } else if !closing, tag == "title" {
            let start = i
            i = endOfElement(tag)
            if title == nil {
                let content = bytes[start..<max(start, closeTagStart(tag, from: start))]
                title = HTMLText(String(decoding: content, as: UTF8.self)).text
            }
        } else if HTMLText.paragraphElements.contains(tag) {
            if tag == "pre" { preDepth = max(0, preDepth + (closing ? -1 : 1)) }
            if tag == "h1" && closing, let start = headingStart {
                headingStart = nil
                if heading == nil {
                    heading = HTMLText.singleLine(String(decoding: output[min(start, output.count)...], as: UTF8.self))
                }
            }
            lineBreak(blank: true)
            if tag == "h1" && !closing { headingStart = output.count }
        } else if HTMLText.lineElements.contains(tag) {
            lineBreak(blank: false, always: tag == "br")
        } else if HTMLText.cellElements.contains(tag) {
            pendingSpace = true
        }
    }

    /// The attributes of a start tag (the bytes after its name), names lowercased, values
    /// as written (character references not decoded).
    static func attributes(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [String: String] {
        var result: [String: String] = [:]
        var k = bytes.startIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) || byte == 0x2F }
        while k < bytes.endIndex {
            while k < bytes.endIndex, isSpace(bytes[k]) { k += 1 }
            let nameStart = k
            while k < bytes.endIndex, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: "=") { k += 1 }
            let name = String(decoding: bytes[nameStart..<k], as: UTF8.self).lowercased()
            while k < bytes.endIndex, bytes[k] == 0x20 { k += 1 }
            guard k < bytes.endIndex, bytes[k] == UInt8(ascii: "=") else {
                if !name.isEmpty { result[name] = "" }
                continue
            }
            k += 1
            while k < bytes.endIndex, bytes[k] == 0x20 { k += 1 }
            var valueStart = k
            if k < bytes.endIndex, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") {
                let quote = bytes[k]
                valueStart = k + 1
                k = valueStart
                while k < bytes.endIndex, bytes[k] != quote { k += 1 }
                result[name] = String(decoding: bytes[valueStart..<k], as: UTF8.self)
                k = min(k + 1, bytes.endIndex)
            } else {
                while k < bytes.endIndex, !isSpace(bytes[k]) { k += 1 }
                result[name] = String(decoding: bytes[valueStart..<k], as: UTF8.self)
            }
        }
        return result
    }

    /// The index after `</tag ...>` from `i`, or the end of the page.
    func endOfElement(_ tag: String) -> Int {
        let start = closeTagStart(tag, from: i)
        return start >= bytes.count ? bytes.count : end(of: ">", from: start)
    }

    /// Where `</tag` starts (ASCII case-insensitive), or the end of the page.
    func closeTagStart(_ tag: String, from start: Int) -> Int {
        let pattern = Array("</\(tag)".utf8)
        var j = start
        while j + pattern.count <= bytes.count {
            if bytes[j] == UInt8(ascii: "<"),
                pattern.indices.allSatisfy({ k in k < 2 || bytes[j + k] | 0x20 == pattern[k] })
            {
                let after = j + pattern.count
                if after == bytes.count || !isLetter(bytes[after]) { return j }
            }
            j += 1
        }
        return bytes.count
    }

    /// The index after the first `terminator` from `start`, or the end of the page.
    func end(of terminator: String, from start: Int) -> Int {
        let pattern = Array(terminator.utf8)
        var j = start
        while j + pattern.count <= bytes.count {
            if bytes[j] == pattern[0] && starts(with: terminator, at: j) { return j + pattern.count }
            j += 1
        }
        return bytes.count
    }

    func starts(with literal: String, at index: Int) -> Bool {
        var j = index
        for byte in literal.utf8 {
            guard j < bytes.count, bytes[j] == byte else { return false }
            j += 1
        }
        return true
    }

    func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }

    // MARK: Character references

    /// `&name;`, `&#123;`, `&#x1EA1;`; a lone `&` is text.
    mutating func reference() {
        var j = i + 1
        if j < bytes.count, bytes[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < bytes.count && bytes[j] | 0x20 == UInt8(ascii: "x")
            if hex { j += 1 }
            var value: UInt32 = 0
            var digits = 0
            while j < bytes.count, let digit = digitValue(bytes[j], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                digits += 1
                j += 1
            }
            if digits > 0 {
                if j < bytes.count, bytes[j] == UInt8(ascii: ";") { j += 1 }
                i = j
                let scalar = Unicode.Scalar(HTMLEntities.windows1252(value)).flatMap { $0.value == 0 ? nil : $0 }
                text(scalar ?? "\u{FFFD}")
                return
            }
        } else {
            while j < bytes.count, j - i <= 32, isLetter(bytes[j]) || (48...57).contains(bytes[j]) { j += 1 }
            let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
            let semicolon = j < bytes.count && bytes[j] == UInt8(ascii: ";")
            if semicolon || HTMLEntities.legacyNames.contains(name), let scalar = HTMLEntities.scalar(named: name) {
                i = semicolon ? j + 1 : j
                text(scalar)
                return
            }
        }
        text(UInt8(ascii: "&"))
        i += 1
    }

    func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 48...57: UInt32(byte - 48)
        case 97...102 where hex: UInt32(byte - 87)
        case 65...70 where hex: UInt32(byte - 55)
        default: nil
        }
    }
}
