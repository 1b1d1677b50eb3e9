import Ink

/// The plain text of Markdown: Ink turns it into HTML, `HTMLText` takes the text of that.
enum MarkdownText {
    static func text(of markdown: String) -> String {
        // An empty comment first: Ink would read a "---" block at the very top as its own
        // metadata and drop it, and `FrontMatter` has already taken what is front matter.
        HTMLText(MarkdownParser().html(from: "<!-- -->\n" + markdown)).text
    }
}
