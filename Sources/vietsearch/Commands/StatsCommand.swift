import ArgumentParser
import VietSearchCore
import VietSearchService

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show documents, terms, segments and size per file kind.",
        discussion: "Exit status: 0 on success, 2 on errors (no index, a damaged one).")

    @OptionGroup var location: IndexLocation

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let stats: IndexStatistics
        do {
            stats = try IndexInspector.statistics(folder: location.folder)
        } catch {
            throw CleanError("\(error)")
        }
        if json {
            Terminal.print(json: stats.json)
            return
        }
        Terminal.print("index      \(location.folder)")
        Terminal.print(
            "documents  \(stats.documents)"
                + (stats.deletedDocuments > 0 ? " (+\(stats.deletedDocuments) deleted, not yet merged)" : ""))
        Terminal.print("terms      \(stats.terms) dictionary entries (field × folded term, per segment)")
        Terminal.print("segments   \(stats.segments)")
        Terminal.print("size       \(stats.totalBytes) bytes")
        for (kind, bytes) in stats.bytesByKind.sorted(by: { $0.value > $1.value }) {
            Terminal.print("  .\(Terminal.pad(kind, 9)) \(bytes)")
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Verify every checksum and structure of the index; exit 1 on damage.",
        discussion: """
            Exit status: 0 when the index is sound, 1 when it is damaged (each problem is \
            listed), 2 when it cannot be checked (no index, a usage error).
            """)

    @OptionGroup var location: IndexLocation

    func run() throws {
        let problems: [String]
        do {
            problems = try IndexInspector.check(folder: location.folder)
        } catch {
            throw CleanError("\(error)")
        }
        if problems.isEmpty {
            Terminal.print("ok: every file of the index at \(location.folder) is sound.")
            if let leftovers = try? IndexInspector.leftovers(folder: location.folder), !leftovers.files.isEmpty {
                let names = leftovers.files.prefix(5).map { "\($0)" as TerminalText }.joined(separator: ", ")
                Terminal.print(
                    "note: \(leftovers.files.count) file\(leftovers.files.count == 1 ? "" : "s") (\(leftovers.bytes) bytes) left by an interrupted run: \(names)\(leftovers.files.count > 5 ? ", …" : ""); the next 'vietsearch index' removes them."
                )
            }
            return
        }
        for problem in problems { Terminal.warn("damaged: \(problem)") }
        // Status 1, not 2: the check itself ran, and what it looked for (damage) was found.
        Terminal.warn(
            "Error: the index at \(location.folder) is damaged (\(problems.count) problem\(problems.count == 1 ? "" : "s"))."
        )
        throw NothingMatched()
    }
}
