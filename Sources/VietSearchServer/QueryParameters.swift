/// The parameters of a request's query string (`q=sinh+ho%E1%BA%A1t&source=a&source=b`),
/// decoded as an HTML form sends them (`+` is a space), checked against the names a route
/// knows. Text must be UTF-8.
struct QueryParameters {
    private var values: [(name: String, value: String)]

    /// Decodes `query` (nil: none). Throws `APIError.badRequest` for a name not in `known`,
    /// a broken escape or text that is not UTF-8.
    init(_ query: String?, known: Set<String>) throws {
        values = []
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            guard known.contains(name) else {
                throw APIError.badRequest(
                    "unknown parameter '\(name)'; this path takes \(known.sorted().joined(separator: ", "))")
            }
            values.append((name, value))
        }
    }

    /// The last value given for `name`; an empty value counts as none (a form's empty box).
    func text(_ name: String) -> String? {
        values.last { $0.name == name }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every non-empty value given for `name`, in order.
    func all(_ name: String) -> [String] { values.filter { $0.name == name && !$0.value.isEmpty }.map(\.value) }

    /// An integer in `range`, or `defaultValue` when absent.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = text(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }

    /// `true`/`1`/`yes`/`on` or `false`/`0`/`no`/`off`; `defaultValue` when absent.
    func flag(_ name: String, default defaultValue: Bool = false) throws -> Bool {
        guard let text = text(name)?.lowercased() else { return defaultValue }
        if ["1", "true", "yes", "on"].contains(text) { return true }
        if ["0", "false", "no", "off"].contains(text) { return false }
        throw APIError.badRequest("\(name) must be true or false, not \"\(text)\"")
    }

    /// A value of a string enumeration, or `defaultValue` when absent.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: T) throws -> T
    where T.RawValue == String {
        guard let text = text(name) else { return defaultValue }
        guard let value = T(rawValue: text) else {
            throw APIError.badRequest(
                "\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
        }
        return value
    }

    /// Percent-decodes form text: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
    static func decode(_ text: Substring) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw APIError.badRequest("a broken %-escape in the query string")
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw APIError.badRequest("the query string is not UTF-8 text")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` escaped for a query string or a path segment: every byte but the
    /// unreserved ones (letters, digits, `-._~`) as `%XX`.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
