import VietSearchCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the command writes, and whether it is a terminal (for bold and progress bars).
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Writes a line to standard output (buffered, like `Swift.print`).
    static func print(_ line: TerminalText) { Swift.print(line.description) }

    /// Writes a JSON document and a line feed to standard output. JSON escapes every
    /// control character, C1 included.
    static func print(json: JSON) { Swift.print(json.serialized()) }

    /// Writes a line to standard error.
    static func warn(_ message: TerminalText) { write(message.description + "\n", to: 2) }

    /// Writes the program's own text (no article text, file name or user input: see
    /// ``TerminalText``) to a file descriptor, unbuffered.
    static func write(_ text: String, to fd: Int32) {
        _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
    }

    static let bold = "\u{1B}[1m"
    static let reset = "\u{1B}[0m"

    /// Pads `text` with spaces to `width` characters (grapheme clusters).
    static func pad(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }
}
