import ArgumentParser
import VietSearchCore

struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge the index into as few segments as its memory budget allows, purging deleted articles.",
        discussion: """
            Every live article is analysed again from its stored text into new segments, and \
            one atomic commit switches the index over: searches keep working meanwhile, and an \
            interrupted run leaves the index as it was. Deleted articles (of changed or removed \
            files) stop counting in the statistics once purged.
            """
    )

    @OptionGroup var location: IndexLocation

    func run() throws {
        let summary: OptimizeSummary
        do {
            summary = try IndexWriter(folder: location.folder).optimize()
        } catch let error as IndexError {
            throw CleanError(error.message)
        }
        Terminal.print(
            "\(plural(summary.segmentsBefore, "segment")) merged into \(summary.segmentsAfter): \(plural(summary.documents, "article")) rewritten, \(summary.purged) deleted purged in \(format(summary.seconds)) s."
        )
    }
}
