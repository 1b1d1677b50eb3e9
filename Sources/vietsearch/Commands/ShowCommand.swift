import ArgumentParser
import VietSearchCore
import VietSearchService

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a whole stored article: title, date, id, path and text.",
        discussion: """
            ID is an article's id as search and cite show it (the second line of each hit, \
            "id" in --json): a file's path relative to the folder given to index, or the \
            JSONL id. An id that starts with a minus goes after a '--' argument. The article \
            is found by reading the stored articles one by one, which takes longer on a \
            large archive than a search does.

            Examples:
              vietsearch show thu-duc-ket-luan-21.txt
              vietsearch show --json thu-duc-ket-luan-21.txt

            Exit status: 0 when the article is found, 1 when no article has that id, 2 on \
            errors.
            """
    )

    @Argument(help: ArgumentHelp("The article's id.", valueName: "id"))
    var id: String

    @OptionGroup var location: IndexLocation

    @OptionGroup var color: ColorOption

    @Flag(name: .long, help: "Print JSON: {id, title, date, path, source, folder, text}.")
    var json = false

    func run() throws {
        let reader = try openIndex(location.folder)
        let found: Article?
        do {
            found = try reader.article(id: id)
        } catch {
            throw CleanError("\(error)")
        }
        guard let article = found else {
            Terminal.warn("No article has the id \"\(id)\". (The ids are those search shows after the date.)")
            throw NothingMatched()
        }
        if json {
            Terminal.print(json: article.json)
            return
        }
        Terminal.print("\(article.title, bold: color.bold)")
        // The path only when it says more than the id (for a file, the id is its path in
        // the folder it was indexed from, named last).
        let path = article.source.flatMap { $0 == article.id || article.folder != nil ? nil : $0 }
        let folder = article.folder.map { " · in \($0)" } ?? ""
        Terminal.print("\(article.date ?? "no date") · \(article.id)\(path.map { " · \($0)" } ?? "")\(folder)")
        Terminal.print("")
        Terminal.print(TerminalText.lines(article.body))
    }
}
