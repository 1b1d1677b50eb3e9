import ArgumentParser
import VietAnalysis
import VietSearchCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "List the articles that cite a directive, however it is written.",
        discussion: """
            DIRECTIVE may be written as "Kết luận 21", "21-KL/TW", "KL 21", "ket luan 21" or \
            "Nghị định 67/2014/NĐ-CP". A partial key matches every fuller one: "Kết luận 21" \
            finds 21-KL/TW of any issuer and year; "21-KL/TW" does not find 21-KL/TU. Articles \
            with the most mentions come first, then the newest. The directive may be given \
            as several arguments (vietsearch cite Kết luận 21) and may start with a minus.
            """,
        // No -h: the directive may start with a minus; --help still works.
        helpNames: [.long]
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "The directive, e.g. \"Kết luận 21\"; one argument or several words.", valueName: "directive"))
    var words: [String] = []

    /// The directive as the user typed it (several arguments are joined with spaces).
    var directive: String { (try? TextArguments.text(words)) ?? "" }

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "How many articles to show.")
    var limit = 20

    @Flag(name: .long, help: "Print JSON: {directive, total, hits: [{id, title, date, mentions}]}.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
        if try TextArguments.text(words).isEmpty {
            throw ValidationError("Give a directive, e.g. vietsearch cite \"Kết luận 21\".")
        }
    }

    func run() throws {
        let key: DirectiveKey
        do {
            key = try DirectiveQuery.parse(directive, analyzer: try Analyzer())
        } catch let error as DirectiveQuery.Error {
            throw CleanError("\(error)")
        }
        let reader = try openIndex(location.folder)
        let citing: [CitingArticle]
        do {
            citing = try reader.articlesCiting(key)
        } catch {
            throw CleanError("\(error)")
        }
        let shown = citing.prefix(limit)
        if json {
            let directiveJSON = JSON.object([
                ("type", .string(key.type.displayName)), ("number", .int(key.number)), ("issuer", .string(key.issuer)),
                ("year", key.year.map { .int($0) } ?? .null),
            ])
            let hits = shown.map { hit in
                JSON.object([
                    ("id", .string(hit.article.id)), ("title", .string(hit.article.title)),
                    ("date", .string(hit.article.date)),
                    (
                        "mentions",
                        .array(
                            hit.mentions.map {
                                .object([
                                    ("text", .string($0.text)), ("context", .string($0.context)),
                                    ("start", .int($0.start)),
                                    ("end", .int($0.end)), ("field", .string($0.field == .title ? "title" : "body")),
                                    ("date", .string($0.date)),
                                ])
                            })
                    ),
                ])
            }
            Terminal.print(
                json:
                    JSON.object([
                        ("directive", directiveJSON), ("total", .int(citing.count)), ("hits", .array(Array(hits))),
                    ])
            )
            return
        }
        guard !citing.isEmpty else {
            Terminal.print("No article cites \(key).")
            return
        }
        Terminal.print(
            "\(plural(citing.count, "article")) \(citing.count == 1 ? "cites" : "cite") \(key); showing \(shown.count).\n"
        )
        let bold = Terminal.stdoutIsTerminal
        for (rank, hit) in shown.enumerated() {
            Terminal.print("\(rank + 1). \(hit.article.title, bold: bold)")
            let count = hit.mentions.count
            Terminal.print(
                "   \(hit.article.date ?? "no date") · \(hit.article.id) · \(count) mention\(count == 1 ? "" : "s")")
            for mention in hit.mentions {
                let context = Snippet(text: mention.context, highlights: [mention.highlight])
                Terminal.print("   - \(context, bold: bold)")
            }
            Terminal.print("")
        }
    }
}

struct DirectivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directives",
        abstract: "List every directive cited in the archive, most cited first.",
        discussion: """
              vietsearch directives --limit 20
              vietsearch directives --type "Nghị định" --issuer CP
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "Only this type: a name (\"Kết luận\", \"ket luan\") or an abbreviation (KL).")
    var type: String?

    @Option(name: .long, help: "Only this issuer (TW, CP, TTg, …).")
    var issuer: String?

    @Option(name: .long, help: "How many directives to show.")
    var limit = 50

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() throws {
        let reader = try openIndex(location.folder)
        var counts: [DirectiveCount]
        do {
            counts = try reader.directiveCounts()
        } catch {
            throw CleanError("\(error)")
        }
        if let type {
            let wanted = Self.fold(type)
            let types = DirectiveType.allCases.filter {
                Self.fold($0.displayName) == wanted || $0.abbreviation.map(Self.fold) == wanted
            }
            guard !types.isEmpty else {
                throw CleanError(
                    "unknown directive type '\(type)'; known: \(DirectiveType.allCases.map(\.displayName).joined(separator: ", "))"
                )
            }
            counts = counts.filter { count in
                types.contains { $0.matches(count.key.type) || count.key.type.matches($0) }
            }
        }
        if let issuer {
            let wanted = Self.fold(issuer)
            counts = counts.filter { $0.key.issuer.map(Self.fold) == wanted }
        }
        let shown = counts.prefix(limit)
        if json {
            let rows = shown.map {
                JSON.object([
                    ("directive", .string($0.key.description)), ("type", .string($0.key.type.displayName)),
                    ("number", .int($0.key.number)), ("issuer", .string($0.key.issuer)),
                    ("year", $0.key.year.map { .int($0) } ?? .null),
                    ("articles", .int($0.articles)), ("mentions", .int($0.mentions)),
                ])
            }
            Terminal.print(json: JSON.object([("total", .int(counts.count)), ("directives", .array(Array(rows)))]))
            return
        }
        guard !counts.isEmpty else {
            Terminal.print("No cited directive found.")
            return
        }
        Terminal.print("\(counts.count) directive\(counts.count == 1 ? "" : "s") cited; showing \(shown.count).\n")
        Terminal.print("articles  mentions  directive")
        for count in shown {
            Terminal.print(
                "\(Terminal.pad(String(count.articles), 9)) \(Terminal.pad(String(count.mentions), 9)) \(count.key)")
        }
    }

    /// Uppercase ASCII without diacritics, for comparing what users type.
    static func fold(_ text: String) -> String {
        let analyzer = try? Analyzer()
        let folded = analyzer?.tokens(text).map(\.folded.description).joined(separator: " ") ?? text
        return folded.uppercased()
    }
}
