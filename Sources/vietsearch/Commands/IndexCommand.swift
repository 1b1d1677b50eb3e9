import ArgumentParser
import VietSearchCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update the index from article files and folders.",
        discussion: """
            Reads .txt, .md, .html/.htm, .jsonl, .docx and .pdf files (folders recursively; \
            README, SOURCE and LICENSE files and the X_files folder of a page saved as X.html \
            are skipped; PDF text needs pdftotext, from poppler-utils). Text that is not UTF-8 \
            is decoded as the legacy Vietnamese encoding (Windows-1258, TCVN3, VNI-Windows or \
            VISCII) that gives the most Vietnamese syllables, said per file. The summary lists \
            every file skipped and why. Running it again re-reads only new and changed \
            files and removes articles whose files are gone. Problems with single files are \
            reported and skipped; the run fails only when nothing could be indexed. The index \
            is replaced in one atomic step, so searches keep working and an interrupted run \
            leaves the previous index intact.

            Exit status: 0 when the index was written (problems with single files are \
            warnings), 2 on errors (nothing could be indexed, a usage error).
            """
    )

    @Argument(help: "Files or folders of articles.")
    var paths: [String]

    @OptionGroup var location: IndexLocation

    @Option(
        name: .customLong("field"),
        help: ArgumentHelp(
            "Read a field of JSONL lines from another key, as TARGET=KEY (title=headline, text=content); TARGET is id, title, text (or body), date, source or url. Give --rebuild with a new mapping.",
            valueName: "TARGET=KEY"))
    var fields: [String] = []

    @Flag(name: .long, help: "Print a JSON summary.")
    var json = false

    @Flag(name: .long, help: "Start from an empty index (after a format or analyzer change).")
    var rebuild = false

    @Flag(
        name: .long,
        help: "Also index files reached through links that lead outside the folders given (skipped otherwise).")
    var followSymlinks = false

    @Flag(
        name: .long,
        help:
            "Remove the articles of folders indexed before and missing now (kept otherwise, with a warning: an unmounted disk)."
    )
    var prune = false

    func validate() throws {
        do {
            _ = try JSONLFields(mappings: fields)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let writer = FolderSync(folder: location.folder)
        writer.followsLinksOutside = followSymlinks
        writer.jsonlFields = try JSONLFields(mappings: fields)
        // No bar (it redraws its line with \r and an erase escape) on a dumb terminal.
        let bar =
            Terminal.stderrIsTerminal && !json && !Terminal.isDumb(ProcessInfo.processInfo.environment)
            ? ProgressBar() : nil
        var progress: (@Sendable (IndexProgress) -> Void)? = nil
        if let bar { progress = { bar.update($0) } }
        let summary: IndexSummary
        do {
            summary = try writer.update(paths: paths, rebuild: rebuild, prune: prune, progress: progress)
        } catch let error as IndexError {
            bar?.finish()
            throw CleanError(error.message)
        }
        bar?.finish()
        for problem in summary.problems { Terminal.warn("warning: \(problem)") }
        let megabytes = Double(summary.textBytes) / 1_000_000
        let rate = summary.seconds > 0 ? megabytes / summary.seconds : 0
        if json {
            let object = JSON.object([
                ("added", .int(summary.added)), ("updated", .int(summary.updated)), ("removed", .int(summary.removed)),
                ("unchanged", .int(summary.unchanged)), ("documents", .int(summary.documents)),
                ("text_bytes", .int(summary.textBytes)), ("seconds", .double(summary.seconds)),
                ("mb_per_s", .double(rate)),
                ("total_documents", .int(summary.totalDocuments)), ("segments", .int(summary.segments)),
                ("problems", .array(summary.problems.map { .string($0.description) })),
                (
                    "skipped",
                    .array(
                        summary.skipped.map {
                            .object([("path", .string($0.path)), ("reason", .string($0.reason))])
                        })
                ),
            ])
            Terminal.print(json: object)
            return
        }
        printSkipped(summary)
        Terminal.print(
            "\(summary.added) added, \(summary.updated) updated, \(summary.removed) removed, \(summary.unchanged) unchanged files; "
                + "\(plural(summary.documents, "article")) (\(format(megabytes)) MB) analyzed in \(format(summary.seconds)) s (\(format(rate)) MB/s). "
                + "The index at \(location.folder) holds \(plural(summary.totalDocuments, "article"))."
                + (summary.problems.isEmpty ? "" : " \(summary.problems.count) problem(s) reported above.")
                + (summary.skipped.isEmpty ? "" : " \(plural(summary.skipped.count, "file")) skipped."))
    }

    /// The skipped files on standard error, by reason: those not already reported as a
    /// problem, at most `shownPerReason` of each reason (`--json` lists them all).
    func printSkipped(_ summary: IndexSummary) {
        let reported = Set(summary.problems.map(\.file))
        var reasons: [String] = []
        var byReason: [String: [String]] = [:]
        for file in summary.skipped {
            if byReason[file.reason] == nil { reasons.append(file.reason) }
            byReason[file.reason, default: []].append(file.path)
        }
        for reason in reasons {
            let paths = byReason[reason]!
            Terminal.warn("skipped \(plural(paths.count, "file")): \(reason)" as TerminalText)
            let unreported = paths.filter { !reported.contains($0) }
            for path in unreported.prefix(Self.shownPerReason) { Terminal.warn("  \(path)" as TerminalText) }
            if unreported.count > Self.shownPerReason {
                Terminal.warn("  … and \(unreported.count - Self.shownPerReason) more (--json lists them all)")
            }
        }
    }

    static let shownPerReason = 20
}

/// "1 article", "2 articles".
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

func format(_ value: Double) -> String {
    Decimals.fixed(value, value < 10 ? 2 : 1)
}

/// Draws `documents | MB | MB/s | time left` on standard error, at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let lock = Lock()
    private var last = Date.distantPast

    func update(_ progress: IndexProgress) {
        lock.withLock { draw(progress) }
    }

    private func draw(_ progress: IndexProgress) {
        guard Date().timeIntervalSince(last) > 0.1 else { return }
        last = Date()
        let mb = Double(progress.bytesRead) / 1_000_000
        let rate = progress.seconds > 0 ? mb / progress.seconds : 0
        let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytesRead) / Double(progress.totalBytes)) : 0
        let left = rate > 0 ? (Double(progress.totalBytes - progress.bytesRead) / 1_000_000) / rate : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        Terminal.write(
            "\r\(bar) \(progress.documents) articles | \(format(mb)) MB | \(format(rate)) MB/s | \(Int(left.rounded())) s left  ",
            to: 2)
    }

    func finish() {
        Terminal.write("\r\u{1B}[K", to: 2)
    }
}

extension IndexError {
    /// The description, each path and problem in it escaped.
    var message: TerminalText {
        guard case .nothingIndexed(let problems) = self else { return "\(self)" }
        return "nothing could be indexed:\n" + problems.map { "  \($0)" as TerminalText }.joined(separator: "\n")
    }
}

/// Thrown by a command that has printed its answer when nothing matched: the program
/// exits with status 1, printing nothing more.
struct NothingMatched: Error {}

/// An error whose message is shown as is, with exit status 2.
struct CleanError: Error, CustomStringConvertible {
    let message: TerminalText
    init(_ message: TerminalText) { self.message = message }
    var description: String { message.description }
}
