import ArgumentParser

/// The text a command takes as words: the query of `search`, the directive of `cite`, the
/// text of `analyze`.
///
/// Those commands collect their words with `@Argument(parsing: .allUnrecognized)` and
/// offer `--help` without `-h`, so that a text may start with a minus (`-"Hà Nội" bóng đá`,
/// `-hôm nay`) and may come as several arguments (joined with spaces). An argument that
/// starts with `--` is still an option: one the command does not know (`--limt`) is an
/// error, never words of the text. After a `--` argument everything is text.
enum TextArguments {
    /// The words as one text, or the error for an unknown option among them.
    static func text(_ words: [String]) throws -> String {
        var text: [String] = []
        var optionsEnded = false
        for word in words {
            if !optionsEnded && word == "--" {
                optionsEnded = true
            } else if !optionsEnded && word.hasPrefix("--") {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                throw ValidationError(
                    "Unknown option '\(TerminalText.escaping(name))'. (Text that starts with '--' goes after a '--' argument.)"
                )
            } else {
                text.append(word)
            }
        }
        return text.joined(separator: " ")
    }
}
