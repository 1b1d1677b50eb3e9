import ArgumentParser
import Dispatch
import Logging
import Synchronization
import VietSearchCore
import VietSearchServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: a JSON API and a search page.",
        discussion: """
            GET /api/search?q=..., /api/cite?d=..., /api/directives, /api/articles/ID and \
            /api/stats answer the JSON that search, cite, directives, show and stats print \
            with --json (docs/openapi.json, also at /api/openapi.json); GET / is a search page \
            in Vietnamese. The server picks up each commit of a concurrent 'vietsearch index' \
            without a restart. It listens on 127.0.0.1 unless --host says otherwise, limits \
            the length of q and d, limit and offset, and the request rate of each connection (--rate), logs one line per \
            request to standard error, and stops cleanly on SIGINT or SIGTERM.

            Examples:
              vietsearch serve --index archive
              vietsearch serve --host 0.0.0.0 --port 8080

            Exit status: 0 after a clean stop, 2 on errors (no index, the port taken).
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "Address to listen on (0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: a free one, logged).")
    var port = 7700

    @Option(name: .long, help: "Requests per second one connection may send (twice that at once); 0: no limit.")
    var rate = 200

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535.") }
        if rate < 0 { throw ValidationError("--rate must be 0 or more.") }
        if host.isEmpty { throw ValidationError("--host needs an address.") }
    }

    func run() throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var configuration = ServerConfiguration(folder: location.folder)
        configuration.host = host
        configuration.port = port
        configuration.requestsPerSecond = Double(rate)
        let logger = Logger(label: "vietsearch.serve")
        let server: SearchServer
        do {
            server = try SearchServer(configuration: configuration, logger: logger)
        } catch let error as IndexError {
            throw CleanError(error.message)
        } catch {
            throw CleanError("\(error)")
        }
        // The command runs synchronously; the server runs on Swift concurrency until a
        // signal stops it.
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { port in
                    logger.info(
                        "listening", metadata: ["url": "http://\(host):\(port)/", "index": "\(location.folder)"])
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) { throw CleanError("could not serve: \(message)") }
        logger.info("stopped")
    }
}
