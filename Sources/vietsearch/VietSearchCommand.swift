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

    /// As `exit(withError:)`, with the message escaped: a usage error may quote what was
    /// typed, a `CleanError` quotes file names (escaped when it was made).
    static func exit(showing error: Error) -> Never {
        let message = TerminalText.escapingLines(fullMessage(for: error))
        let code = exitCode(for: error)
        if !message.isEmpty {
            if code == .success { print(message) } else { Terminal.write(message + "\n", to: 2) }
        }
        exit(withError: ExitCode(code.rawValue))
    }

    static let configuration = CommandConfiguration(
        commandName: "vietsearch",
        abstract: "Full-text search for Vietnamese article archives.",
        discussion: """
            Index a folder of articles, then search it with or without diacritics:
              vietsearch index Corpus/
              vietsearch search "sinh hoat chi bo"
              vietsearch cite "Kết luận 21"
            """,
        version: "vietsearch 0.1.0 (ICU \(Analyzer.icuVersion))",
        subcommands: [
            IndexCommand.self, SearchCommand.self, CiteCommand.self, DirectivesCommand.self, AnalyzeCommand.self,
            StatsCommand.self, CheckCommand.self, OptimizeCommand.self, BenchCommand.self,
        ]
    )
}
