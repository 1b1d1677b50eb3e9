import Testing
import VietSearchCore

@testable import vietsearch

/// The escaping of text from articles, file names and users on its way to a terminal.
struct TerminalTextTests {
    @Test func controlsAreShownEscapedAndOtherTextIsKept() {
        let hostile = "Tin \u{1B}]0;PWNED\u{7} \u{1B}[2J \u{1B}]52;c;cHduZWQ=\u{7} \u{9B}2J \u{0}\u{7F}\u{85}\u{9F}"
        #expect(
            TerminalText.escaping(hostile)
                == #"Tin \u{1b}]0;PWNED\u{7} \u{1b}[2J \u{1b}]52;c;cHduZWQ=\u{7} \u{9b}2J \u{0}\u{7f}\u{85}\u{9f}"#)
        #expect(TerminalText.escaping("a\nb\rc\td") == #"a\nb\rc\td"#)
        let vietnamese = "Đà Nẵng, 2/9: “chi bộ” \\ ¡ U+00A0:\u{A0} 😀"
        #expect(TerminalText.escaping(vietnamese) == vietnamese)
        // Combining marks (NFD) stay as they are.
        #expect(TerminalText.escaping("ho\u{300}a") == "ho\u{300}a")
    }

    @Test func interpolatedValuesAreEscapedAndLiteralsAreNot() {
        let title = "bad\nname\u{1B}[2J"
        let line: TerminalText = "1. \(title)\n   \(42) · \(Optional("x\u{9B}") ?? "")"
        #expect(line.description == #"1. bad\nname\u{1b}[2J"# + "\n" + #"   42 · x\u{9b}"#)
        let joined = ["a\u{7}", "b"].map { "\($0)" as TerminalText }.joined(separator: ", ")
        #expect(joined.description == #"a\u{7}, b"#)
        #expect(("x\u{1B}" as TerminalText).description == "x\u{1B}")  // the program's own literal
    }

    @Test func boldWrapsTheEscapedTextInTheProgramsOwnEscapes() {
        let title: TerminalText = "\("Tin \u{1B}[2J", bold: true)"
        #expect(title.description == "\u{1B}[1m" + #"Tin \u{1b}[2J"# + "\u{1B}[0m")
        let plain: TerminalText = "\("Tin \u{1B}[2J", bold: false)"
        #expect(plain.description == #"Tin \u{1b}[2J"#)

        let snippet = Snippet(text: "chi \u{1B}]0;x\u{7} bộ", highlights: [0..<3, 11..<15])
        let marked: TerminalText = "\(snippet, bold: true)"
        #expect(marked.description == "\u{1B}[1mchi\u{1B}[0m " + #"\u{1b}]0;x\u{7}"# + " \u{1B}[1mbộ\u{1B}[0m")
        let unmarked: TerminalText = "\(snippet, bold: false)"
        #expect(unmarked.description == #"chi \u{1b}]0;x\u{7} bộ"#)
    }

    @Test func aMessageOfSeveralLinesKeepsItsLinesAndTabs() {
        #expect(TerminalText.escapingLines("Error: '\u{1B}[2J'\n\tUsage") == #"Error: '\u{1b}[2J'"# + "\n\tUsage")
    }

    @Test func paddingCountsTheEscapedText() {
        let row: TerminalText = "\("a\u{7}", pad: 8)|"
        #expect(row.description == #"a\u{7}  |"#)
    }
}
