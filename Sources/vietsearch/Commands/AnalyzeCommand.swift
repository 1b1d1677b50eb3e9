import ArgumentParser
import VietAnalysis
import VietSearchCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show the tokens and terms VietSearch makes of a text.",
        discussion: """
            Each token gets its position, its UTF-8 byte range in TEXT as given, the exact term \
            (lowercase, one tone placement) and the folded term (no diacritics, đ → d). \
            Files and standard input are decoded as `index` decodes them.

            Examples:
              vietsearch analyze "Đảng uỷ hoà"
              echo "Kết luận số 21-KL/TW" | vietsearch analyze --json -
              vietsearch analyze --file article.txt
              vietsearch analyze -hôm nay

            TEXT may be given as several arguments (joined with spaces) and may start with a \
            minus.

            Exit status: 0 on success, 2 on errors. Help: --help only (no -h: the text may \
            start with a minus).
            """,
        // No -h: the text may start with a minus; --help still works.
        helpNames: [.long]
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("The text to analyze; '-' reads standard input.", valueName: "text"))
    var words: [String] = []

    /// The text as the user typed it (several arguments are joined with spaces), if any.
    var text: String? {
        let text = (try? TextArguments.text(words)) ?? ""
        return text.isEmpty ? nil : text
    }

    @Option(name: .long, help: "Read the text from this file instead.")
    var file: String?

    @Flag(name: .long, help: "Print a JSON array of {position, start, end, text, exact, folded}.")
    var json = false

    func validate() throws {
        _ = try TextArguments.text(words)
        if text == nil && file == nil {
            throw ValidationError("Give a TEXT to analyze, '-' for standard input, or --file PATH.")
        }
        if text != nil && file != nil { throw ValidationError("Give either TEXT or --file, not both.") }
    }

    func run() throws {
        let input = try readInput()
        let analyzer = try Analyzer()
        let tokens = analyzer.tokens(input)
        if json {
            let array = JSON.array(
                tokens.map {
                    .object([
                        ("position", .int($0.position)), ("start", .int($0.byteRange.lowerBound)),
                        ("end", .int($0.byteRange.upperBound)), ("text", .string($0.text)),
                        ("exact", .string($0.exact.description)), ("folded", .string($0.folded.description)),
                    ])
                })
            Terminal.print(json: array)
            return
        }
        if tokens.isEmpty {
            Terminal.print("No tokens: the text has no letters or digits.")
            return
        }
        let header = ["pos", "bytes", "text", "exact", "folded"]
        let rows = tokens.map {
            [
                "\($0.position)", "\($0.byteRange.lowerBound)..<\($0.byteRange.upperBound)", $0.text,
                $0.exact.description, $0.folded.description,
            ]
            .map(TerminalText.escaping)
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        for row in [header] + rows {
            Terminal.print(
                "\(zip(row, widths).map { Terminal.pad($0, $1) }.joined(separator: "  ").trimmingTrailingSpaces())")
        }
    }

    /// Everything on standard input.
    private static func standardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return bytes }
            bytes.append(contentsOf: buffer.prefix(n))
        }
    }

    private func readInput() throws -> String {
        let bytes: [UInt8]
        let name: String
        if let file {
            var isFolder = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
                throw CleanError("cannot read '\(file)': no such file")
            }
            guard !isFolder, let data = FileManager.default.contents(atPath: file) else {
                throw CleanError("cannot read '\(file)': " + (isFolder ? "it is a folder" : "not readable"))
            }
            bytes = Array(data)
            name = file
        } else if text == "-" {
            bytes = Self.standardInput()
            name = "standard input"
        } else {
            return text ?? ""
        }
        // Decoded as `index` decodes files: UTF-8, else Windows-1258, else U+FFFD for bad bytes.
        let (decoded, repair) = SourceText.decode(bytes)
        if let repair { Terminal.warn("warning: \(name) is \(repair); byte offsets refer to the decoded text.") }
        return decoded
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
