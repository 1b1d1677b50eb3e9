import CLITestSupport
import Foundation
import Logging
import Testing
import VietSearchCore

@testable import VietSearchServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An archive of the repository's sample articles plus a JSONL file with hostile text,
/// indexed in a temporary folder that is removed when the fixture goes.
final class Fixture: @unchecked Sendable {
    let root: String
    var index: String { root + "/index" }
    var articles: String { root + "/articles" }

    static let hostileTitle = "<script>alert('tiêu đề')</script> Bóng đá & \"Hà Nội\""

    /// With `removedAtExit`, the folder is also removed when the process exits: a fixture
    /// held by a `static let` is never released, so `deinit` alone would leave it behind.
    init(removedAtExit: Bool = false) throws {
        root = NSTemporaryDirectory() + "vietsearch-server-test-" + UUID().uuidString
        if removedAtExit { RemovedAtExit.add(root) }
        try FileManager.default.createDirectory(atPath: articles, withIntermediateDirectories: true)
        let corpus = CLI.repository + "/Corpus"
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(atPath: corpus + "/" + name, toPath: articles + "/" + name)
        }
        let hostile = JSON.object([
            ("id", "hostile-1"), ("title", .string(Self.hostileTitle)), ("date", "2024-05-01"),
            ("text", "Trận bóng đá <img src=x onerror=alert(1)> ở Hà Nội kết thúc muộn. Khán giả bóng đá về nhà."),
        ])
        try write("hostile.jsonl", hostile.serialized() + "\n")
        try reindex()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: articles + "/" + name))
    }

    /// Indexes `articles/` into `index/` (a new commit when something changed).
    func reindex() throws { _ = try FolderSync(folder: index).update(paths: [articles]) }
}

/// A server on a free loopback port over a fixture, stopped by `stop()`.
final class RunningServer: @unchecked Sendable {
    let server: SearchServer
    let port: Int
    private let task: Task<Void, any Error>

    init(_ fixture: Fixture, configure: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        var configuration = ServerConfiguration(folder: fixture.index)
        configuration.port = 0
        configuration.requestsPerSecond = 0
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = try SearchServer(configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CocoaError(.featureUnsupported) }
        self.server = server
        self.port = port
    }

    func stop() async {
        await server.stop()
        _ = try? await task.value
    }

    struct Answer {
        var status: Int
        var contentType: String
        var body: String
        var headers: [AnyHashable: Any]
        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        }
    }

    /// GETs `path` (already escaped) from the server.
    func get(_ path: String) async throws -> Answer {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        return Answer(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "",
            body: String(decoding: data, as: UTF8.self), headers: http.allHeaderFields)
    }
}

/// Runs the built `vietsearch` program.
enum CLI {
    static let binary = CLIProgram.binary
    static let repository = CLIProgram.repository

    /// The program's standard output for `arguments`.
    static func output(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `text` escaped for a query string.
func escaped(_ text: String) -> String { QueryParameters.encode(text) }
