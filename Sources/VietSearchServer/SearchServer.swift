import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import VietSearchCore
import VietSearchService

/// `vietsearch serve`: the JSON API (`docs/openapi.json`) and the search pages over the
/// live index, on Hummingbird. No path reaches the file system: every answer is built from
/// the index or from text compiled into the program.
public struct SearchServer: Sendable {
    public let configuration: ServerConfiguration
    let archive: Archive
    let logger: Logger
    private let running = Running()

    /// The service group of `run`, for `stop`.
    private final class Running: Sendable {
        let group = Mutex<ServiceGroup?>(nil)
    }

    /// Opens the index; throws `IndexError` or `CorruptIndexError` when it cannot.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        archive = Archive(
            index: try LiveIndex(folder: configuration.folder, logger: logger), analyzers: AnalyzerPool(),
            configuration: configuration)
    }

    /// Serves until SIGINT, SIGTERM or `stop()`, then finishes the requests under way and
    /// returns. `onRunning` is told the port listened on.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "vietsearch"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        running.group.withLock { $0 = group }
        try await group.run()
    }

    /// Stops a running server as SIGTERM does: no new connection, requests under way finish.
    public func stop() async {
        await running.group.withLock { $0 }?.triggerGracefulShutdown()
    }

    func router() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        let archive = self.archive
        router.add(
            middleware: AccessMiddleware(
                limiter: RateLimiter(rate: configuration.requestsPerSecond), logger: logger))

        router.get("/health") { request, _ in
            _ = try QueryParameters(request.uri.query, known: [])
            let reader = archive.index.current()
            return Responses.json(
                .object([
                    ("status", "ok"), ("documents", .int(reader.documentCount)),
                    ("generation", .int(reader.generation)),
                ]))
        }
        router.get("/api/search") { request, _ in
            Responses.json(try archive.search(QueryParameters(request.uri.query, known: Archive.searchParameters)).json)
        }
        router.get("/api/cite") { request, _ in
            Responses.json(try archive.cite(QueryParameters(request.uri.query, known: Archive.citeParameters)).json)
        }
        router.get("/api/directives") { request, _ in
            Responses.json(
                try archive.directives(QueryParameters(request.uri.query, known: Archive.directivesParameters)).json)
        }
        router.get("/api/articles/**") { request, _ in
            _ = try QueryParameters(request.uri.query, known: [])
            return Responses.json(try archive.article(id: Self.id(request.uri.path, after: "/api/articles/")).json)
        }
        router.get("/api/stats") { request, _ in
            _ = try QueryParameters(request.uri.query, known: [])
            return Responses.json(try IndexInspector.statistics(folder: archive.index.folder).json)
        }
        router.get("/api/openapi.json") { request, _ in
            _ = try QueryParameters(request.uri.query, known: [])
            return Responses.body(OpenAPIDocument.text + "\n", type: "application/json; charset=utf-8", status: .ok)
        }

        router.get("/") { request, _ in
            let parameters = try QueryParameters(request.uri.query, known: Archive.searchParameters)
            guard parameters.text("q") != nil else {
                return Responses.html(Pages.home(documents: archive.index.current().documentCount))
            }
            return Responses.html(Pages.results(try archive.search(parameters)))
        }
        router.get("/articles/**") { request, _ in
            _ = try QueryParameters(request.uri.query, known: [])
            return Responses.html(
                Pages.article(try archive.article(id: Self.id(request.uri.path, after: "/articles/"))))
        }
        router.get("/cite") { request, _ in
            Responses.html(
                Pages.citing(try archive.cite(QueryParameters(request.uri.query, known: Archive.citeParameters))))
        }
        router.get("/directives") { request, _ in
            Responses.html(
                Pages.directives(
                    try archive.directives(QueryParameters(request.uri.query, known: Archive.directivesParameters))))
        }
        return router
    }

    /// The article id in a path after `prefix`, percent-decoded (an id may hold `/`).
    static func id(_ path: String, after prefix: String) throws -> String {
        guard path.hasPrefix(prefix) else { throw APIError.badRequest("give an article id") }
        let raw = path.dropFirst(prefix.count)
        // In a path, `+` is itself.
        return try QueryParameters.decode(Substring(raw.replacing("+", with: "%2B")))
    }
}
