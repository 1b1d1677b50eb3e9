import CLITestSupport
import Foundation
import VietAnalysis

@testable import VietSearchCore

/// A scratch folder with article files and an index, removed when the test ends.
final class Scratch {
    let root: String
    var indexFolder: String { root + "/index" }
    var articles: String { root + "/articles" }

    /// With `removedAtExit`, the folder is also removed when the process exits: a scratch
    /// held by a `static let` is never released, so `deinit` alone would leave it behind.
    init(removedAtExit: Bool = false) {
        root = NSTemporaryDirectory() + "vietsearch-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: root + "/articles", withIntermediateDirectories: true)
        if removedAtExit { RemovedAtExit.add(root) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` to `articles/name`.
    func write(_ name: String, _ text: String) {
        let path = articles + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Writes the sample articles of the repository's `Corpus/` (its `.txt` files).
    func writeSampleCorpus() throws {
        let corpus = repositoryRoot() + "/Corpus"
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus) where name.hasSuffix(".txt") {
            write(name, try String(contentsOfFile: corpus + "/" + name, encoding: .utf8))
        }
    }

    /// Writes articles as one JSONL file.
    func writeJSONL(_ name: String, _ articles: [(id: String, title: String, text: String)]) {
        let lines = articles.map { article in
            JSON.object([
                ("id", .string(article.id)), ("title", .string(article.title)), ("text", .string(article.text)),
            ])
            .serialized()
        }
        write(name, lines.joined(separator: "\n") + "\n")
    }

    @discardableResult
    func index(_ configure: (FolderSync) -> Void = { _ in }) throws -> IndexSummary {
        let writer = FolderSync(folder: indexFolder)
        configure(writer)
        return try writer.update(paths: [articles])
    }

    func searcher() throws -> Searcher {
        Searcher(reader: try IndexReader(folder: indexFolder), analyzer: try Analyzer())
    }

    /// Ids of the hits of `query`, best first.
    func ids(_ query: String, exact: Bool = false, limit: Int = 100) throws -> [String] {
        try searcher().search(query, options: SearchOptions(limit: limit, exactOnly: exact, snippets: false)).hits.map(
            \.article.id)
    }

    /// The segment files of a kind in the index folder.
    func files(withExtension ext: String) -> [String] {
        FileIO.list(indexFolder).filter { $0.hasSuffix("." + ext) }.map { indexFolder + "/" + $0 }
    }
}

/// The repository's root folder, from this file's path.
func repositoryRoot(_ file: String = #filePath) -> String {
    var url = URL(fileURLWithPath: file)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
    }
    fatalError("no Package.swift above \(file)")
}

extension Commit {
    /// The commit of the index in `folder`.
    static func read(folder: String) throws -> Commit? {
        try read(from: FileSystemDirectory(folder: folder))
    }
}

/// An index of `articles` in memory, written through `IndexWriter.add` and cut into
/// `segments` segments of about equal size, in order.
func memoryIndex(_ articles: [Article], segments: Int = 1) throws -> MemoryDirectory {
    let directory = MemoryDirectory()
    let writer = try IndexWriter(directory: directory)
    let size = (articles.count + segments - 1) / segments
    for (i, article) in articles.enumerated() {
        try writer.add(article)
        if (i + 1) % size == 0 { try writer.flush() }
    }
    try writer.commit()
    return directory
}

/// The articles of the repository's `Corpus/`, as `vietsearch index` reads them (id: the
/// file name; title: the first line).
func sampleArticles() throws -> [Article] {
    let corpus = repositoryRoot() + "/Corpus"
    return try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted().map {
        name in
        let text = try String(contentsOfFile: corpus + "/" + name, encoding: .utf8)
        let title = String(text.prefix { $0 != "\n" })
        return Article(id: name, title: title, body: String(text.dropFirst(title.count)))
    }
}
