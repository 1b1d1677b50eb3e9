import VietSearchCore

/// Text on its way to a terminal, in which only the program's own words reach it raw.
///
/// Everything the program prints as text (standard output and error messages) is a
/// `TerminalText`, written by ``Terminal/print(_:)`` and ``Terminal/warn(_:)``. Its string
/// literals are the program's own (words, the newlines and spaces of its layout) and pass
/// as written; every interpolated value (a title, an id, a file name, a snippet, a query,
/// the message of an error) is escaped by ``escaping(_:)``, so that text from articles,
/// file names or the command line cannot clear the screen (CSI 2J), set the window title
/// (OSC 0), write the clipboard (OSC 52) or start an output line of its own:
///
/// - a line feed, carriage return or tab is shown as `\n`, `\r`, `\t`;
/// - every other C0 control (U+0000–U+001F: NUL, BEL, ESC …), DEL (U+007F) and every C1
///   control (U+0080–U+009F, such as the 8-bit CSI U+009B) is shown as `\u{1b}`,
///   `\u{7f}`, `\u{9b}`: Swift's notation, lowercase hexadecimal.
///
/// An escape sequence from an article thus shows as inert text, `\u{1b}]0;PWNED\u{7}`.
/// Backslashes are left as they are. The program's own bold (``Terminal/bold``) is added
/// around escaped text by the `bold:` interpolations.
struct TerminalText: ExpressibleByStringInterpolation, CustomStringConvertible, Equatable {
    /// The text as it goes to the terminal.
    private(set) var description: String

    /// The program's own text, as written.
    init(stringLiteral value: String) { description = value }

    init(stringInterpolation: StringInterpolation) { description = stringInterpolation.text }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text = ""

        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }

        /// The program's own text, as written.
        mutating func appendLiteral(_ literal: String) { text += literal }

        /// Text already made safe.
        mutating func appendInterpolation(_ value: TerminalText) { text += value.description }

        /// Any other value, escaped.
        mutating func appendInterpolation(_ value: some Any) {
            text += TerminalText.escaping(String(describing: value))
        }

        /// `value` escaped, then padded with spaces to `pad` characters.
        mutating func appendInterpolation(_ value: some Any, pad width: Int) {
            text += Terminal.pad(TerminalText.escaping(String(describing: value)), width)
        }

        /// `value` escaped, in bold when `bold` is true.
        mutating func appendInterpolation(_ value: String, bold: Bool) {
            text += bold ? Terminal.bold + TerminalText.escaping(value) + Terminal.reset : TerminalText.escaping(value)
        }

        /// The snippet's text escaped, its highlights in bold when `bold` is true.
        mutating func appendInterpolation(_ snippet: Snippet, bold: Bool) {
            guard bold else { return appendInterpolation(snippet.text) }
            let bytes = Array(snippet.text.utf8)
            var cursor = 0
            func escaped(_ range: Range<Int>) -> String {
                TerminalText.escaping(String(decoding: bytes[range], as: UTF8.self))
            }
            for range in snippet.highlights where range.lowerBound >= cursor && range.upperBound <= bytes.count {
                text += escaped(cursor..<range.lowerBound) + Terminal.bold + escaped(range) + Terminal.reset
                cursor = range.upperBound
            }
            text += escaped(cursor..<bytes.count)
        }
    }

    /// Whether the terminal would act on `scalar` instead of showing it: a C0 control,
    /// DEL or a C1 control.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` with every control shown as an escape: `\n`, `\r`, `\t`, else `\u{1b}`.
    static func escaping(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            let shown =
                switch scalar {
                case "\n": "\\n"
                case "\r": "\\r"
                case "\t": "\\t"
                default: "\\u{" + String(scalar.value, radix: 16) + "}"
                }
            out.append(contentsOf: shown.unicodeScalars)
        }
        return String(out)
    }

    /// A whole message of several lines, such as a usage error: its line feeds stay line
    /// feeds, its tabs tabs; every other control is escaped as by ``escaping(_:)``.
    static func escapingLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map { escaping(String($0)) }
                .joined(separator: "\t")
        }
        .joined(separator: "\n")
    }

    /// A text of several lines from an article (its body): line feeds and tabs kept,
    /// every other control escaped as by ``escapingLines(_:)``.
    static func lines(_ text: String) -> TerminalText { TerminalText(raw: escapingLines(text)) }

    static func + (lhs: TerminalText, rhs: TerminalText) -> TerminalText {
        TerminalText(raw: lhs.description + rhs.description)
    }

    static func += (lhs: inout TerminalText, rhs: TerminalText) { lhs.description += rhs.description }

    fileprivate init(raw: String) { description = raw }
}

extension Sequence where Element == TerminalText {
    func joined(separator: TerminalText = "") -> TerminalText {
        TerminalText(raw: map(\.description).joined(separator: separator.description))
    }
}
