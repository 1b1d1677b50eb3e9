import ArgumentParser
import VietAnalysis

@main
struct VietSearchCommand: ParsableCommand {
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
            StatsCommand.self, CheckCommand.self, BenchCommand.self,
        ]
    )
}
