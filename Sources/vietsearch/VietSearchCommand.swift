import ArgumentParser
import CMemory
import VietAnalysis

@main
struct VietSearchCommand: ParsableCommand {
    static func main() {
        // Keep large buffers (postings, match lists) in the heap between searches instead of
        // returning them to the kernel and faulting fresh pages in on every query (profiled:
        // a quarter of query time).
        _ = cmemory_keep_freed_blocks(32 << 20)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(showing: error)
        }
    }

    /// Exit statuses, as grep and ripgrep have them: 0 when something matched (or the
    /// command did its work, help included), 1 when nothing matched, 2 on any error, usage
    /// errors included (ArgumentParser's own code for those is 64).
    static let statusNothingMatched: Int32 = 1
    static let statusError: Int32 = 2

    /// As `exit(withError:)`, with the message escaped (a usage error may quote what was
    /// typed, a `CleanError` quotes file names, escaped when it was made) and the status
    /// mapped: 0 for help and version, 1 for ``NothingMatched``, 2 for every error.
    static func exit(showing error: Error) -> Never {
        if error is NothingMatched { exit(withError: ExitCode(statusNothingMatched)) }
        let message = TerminalText.escapingLines(fullMessage(for: error))
        let code = exitCode(for: error)
        if !message.isEmpty {
            if code == .success { print(message) } else { Terminal.write(message + "\n", to: 2) }
        }
        exit(withError: ExitCode(code == .success ? 0 : statusError))
    }

    static let configuration = CommandConfiguration(
        commandName: "vietsearch",
        abstract: "Full-text search for Vietnamese article archives.",
        discussion: """
            Index a folder of articles, then search it with or without diacritics:
              vietsearch index Corpus/
              vietsearch search "sinh hoat chi bo"
              vietsearch cite "Kết luận 21"

            Exit status: 0 on success, 1 when a search, cite or directives finds nothing \
            (check: when the index is damaged), 2 on errors, usage errors included. Help: \
            -h or --help after any command except search, cite and analyze (--help only: \
            their text may start with a minus).
            """,
        version: "vietsearch 0.1.0 (ICU \(Analyzer.icuVersion))",
        subcommands: [
            IndexCommand.self, SearchCommand.self, ShowCommand.self, CiteCommand.self, DirectivesCommand.self,
            AnalyzeCommand.self, StatsCommand.self, CheckCommand.self, OptimizeCommand.self, BenchCommand.self,
            ServeCommand.self,
        ]
    )
}
