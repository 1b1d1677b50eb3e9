/// The fields VietSearch reads from one JSONL line, parsed by a strict JSON parser that
/// builds strings only for those fields and checks the rest without keeping it.
struct JSONLine {
    /// A field's value.
    enum Value: Equatable {
        case string(String)
        /// A number, as written.
        case number(String)
        case null
        /// `true`, `false`, an object or an array.
        case other

        var string: String? { if case .string(let value) = self { value } else { nil } }
    }

    var id: Value?
    var title: Value?
    var text: Value?
    var date: Value?
    var source: Value?
    var url: Value?

    /// Why a line is not read.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// A string holds bytes that are not UTF-8: decode the line and parse again.
        case invalidUTF8
        case syntax(String, column: Int)

        var description: String {
            switch self {
            case .invalidUTF8: "not UTF-8"
            case .syntax(let message, let column): "not valid JSON: \(message) (byte \(column))"
            }
        }
    }

    /// Parses one line, which must hold one JSON object and nothing else but whitespace;
    /// `fields` names the keys to read.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, fields: JSONLFields = .standard) -> Result<
        JSONLine, Failure
    > {
        var parser = Parser(bytes: bytes, names: fields)
        do {
            return .success(try parser.line())
        } catch {
            return .failure(error)
        }
    }
}

private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Holds string contents with escapes while they are decoded.
    var scratch: [UInt8] = []

    /// The keys read.
    let names: JSONLFields

    init(bytes: UnsafeBufferPointer<UInt8>, names: JSONLFields) {
        self.bytes = bytes
        self.names = names
    }

    static let maxDepth = 512

    mutating func line() throws(JSONLine.Failure) -> JSONLine {
        skipSpace()
        guard peek == UInt8(ascii: "{") else {
            throw i < bytes.count ? error("expected an object") : error("unexpected end of line")
        }
        i += 1
        var fields = JSONLine()
        skipSpace()
        if peek == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw unexpected("a key") }
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                switch key {
                case names.id: fields.id = try value()
                case names.title: fields.title = try value()
                case names.text: fields.text = try value()
                case names.date: fields.date = try value()
                case names.source: fields.source = try value()
                case names.url: fields.url = try value()
                default: try skipValue(depth: 1)
                }
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    i += 1
                } else if peek == UInt8(ascii: "}") {
                    i += 1
                    break
                } else {
                    throw unexpected("',' or '}'")
                }
            }
        }
        skipSpace()
        guard i == bytes.count else { throw error("unexpected text after the object") }
        return fields
    }

    // MARK: Values

    mutating func value() throws(JSONLine.Failure) -> JSONLine.Value {
        switch peek {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            try number()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            try skipValue(depth: 1)
            return .other
        }
    }

    mutating func skipValue(depth: Int) throws(JSONLine.Failure) {
        guard depth <= Self.maxDepth else { throw error("nesting too deep") }
        switch peek {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "["):
            i += 1
            skipSpace()
            if peek == UInt8(ascii: "]") {
                i += 1
                return
            }
            while true {
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    i += 1
                } else {
                    try expect(UInt8(ascii: "]"))
                    return
                }
            }
        case UInt8(ascii: "{"):
            i += 1
            skipSpace()
            if peek == UInt8(ascii: "}") {
                i += 1
                return
            }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw unexpected("a key") }
                try skipString()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    i += 1
                } else {
                    try expect(UInt8(ascii: "}"))
                    return
                }
            }
        default: throw unexpected("a value")
        }
    }

    /// A string at `i` (on its opening quote), decoded.
    mutating func string() throws(JSONLine.Failure) -> String {
        i += 1
        let start = i
        i = special(from: i)
        // Fast path: no escapes.
        if i < bytes.count && bytes[i] == UInt8(ascii: "\"") {
            let content = UnsafeBufferPointer(rebasing: bytes[start..<i])
            i += 1
            guard let text = String(validating: content, as: UTF8.self) else { throw .invalidUTF8 }
            return text
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                guard let text = String(validating: scratch, as: UTF8.self) else { throw .invalidUTF8 }
                return text
            }
            if byte == UInt8(ascii: "\\") {
                try escape()
                continue
            }
            if byte < 0x20 { throw error("control character in a string") }
            // Copy the run up to the next quote, backslash or control character at once.
            let runStart = i
            i = special(from: i + 1)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
        }
        throw error("unterminated string")
    }

    /// The index of the first quote, backslash or control character from `start`, or the
    /// end. Tests eight bytes at a time while none of them can be one.
    func special(from start: Int) -> Int {
        var j = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            while j + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                // A byte is zero in `quote` or `backslash`, or below 0x20 in `word` (may
                // also flag some other words: then the byte loop below decides).
                let found =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if found & high != 0 { break }
                j += 8
            }
        }
        while j < bytes.count {
            let byte = bytes[j]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return j }
            j += 1
        }
        return j
    }

    /// An escape at `i` (on its backslash), appended to `scratch`.
    mutating func escape() throws(JSONLine.Failure) {
        guard i + 1 < bytes.count else { throw error("unterminated string") }
        let code = bytes[i + 1]
        i += 2
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(code)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hex4()
            if (0xD800..<0xDC00).contains(value), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                bytes[i + 1] == UInt8(ascii: "u")
            {
                let save = i
                i += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    i = save
                }
            }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"  // lone surrogate
            scratch.append(contentsOf: UTF8.encode(scalar)!)
        default:
            i -= 1
            throw error("invalid escape")
        }
    }

    mutating func hex4() throws(JSONLine.Failure) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[i]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 97...102: digit = UInt32(byte - 87)
            case 65...70: digit = UInt32(byte - 55)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    mutating func skipString() throws(JSONLine.Failure) {
        i += 1
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return
            } else if byte == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { break }
                if bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    _ = try hex4()
                } else if "\"\\/bfnrt".utf8.contains(bytes[i + 1]) {
                    i += 2
                } else {
                    i += 1
                    throw error("invalid escape")
                }
            } else if byte < 0x20 {
                throw error("control character in a string")
            } else {
                i += 1
            }
        }
        throw error("unterminated string")
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    mutating func number() throws(JSONLine.Failure) {
        if peek == UInt8(ascii: "-") { i += 1 }
        if peek == UInt8(ascii: "0") {
            i += 1
        } else {
            guard digits() > 0 else { throw unexpected("a digit") }
        }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw unexpected("a digit") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw unexpected("a digit") }
        }
    }

    mutating func digits() -> Int {
        let start = i
        while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
        return i - start
    }

    mutating func literal(_ word: StaticString) throws(JSONLine.Failure) {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count,
            (0..<count).allSatisfy({ bytes[i + $0] == word.utf8Start[$0] })
        else { throw unexpected("a value") }
        i += count
    }

    // MARK: Helpers

    var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
    }

    mutating func expect(_ byte: UInt8) throws(JSONLine.Failure) {
        guard peek == byte else { throw unexpected("'\(Character(Unicode.Scalar(byte)))'") }
        i += 1
    }

    func unexpected(_ expected: String) -> JSONLine.Failure {
        guard i < bytes.count else { return error("unexpected end of line, expected \(expected)") }
        let byte = bytes[i]
        let found =
            (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return error("expected \(expected), found \(found)")
    }

    func error(_ message: String) -> JSONLine.Failure { .syntax(message, column: i + 1) }
}
