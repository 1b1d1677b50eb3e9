import Testing

@testable import VietSearchCore

struct JSONTests {
    @Test func stringsEscapeC0DeleteAndC1Controls() {
        let text = "a\u{0}\u{7}\u{1B}[2J\n\u{7F}\u{80}\u{9B}\u{9F}\u{A0}ộ"
        #expect(JSON.string(text).serialized() == #""a\u0000\u0007\u001b[2J\n\u007f\u0080\u009b\u009f"# + "\u{A0}ộ\"")
    }
}
