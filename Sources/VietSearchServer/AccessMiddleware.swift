import Hummingbird
import Logging

/// Around every request: the rate limit, errors turned into answers (JSON under `/api/`
/// and `/health`, a page elsewhere) and one access-log line with structured metadata.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let limiter: RateLimiter
    let logger: Logger

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let path = request.uri.path
        var response: Response
        if !limiter.allow(context.client) {
            response = answer(
                APIError(
                    status: .tooManyRequests,
                    message: "too many requests on this connection; at most \(Int(limiter.rate)) a second"),
                path: path)
            response.headers[Responses.retryAfter] = "1"
        } else {
            do {
                response = try await next(request, context)
            } catch let error as APIError {
                response = answer(error, path: path)
            } catch let error as any HTTPResponseError {
                let message = error.status == .notFound ? "no such path: \(path)" : error.status.reasonPhrase
                response = answer(APIError(status: error.status, message: message), path: path)
            } catch {
                logger.error("request failed", metadata: ["path": "\(path)", "error": "\(error)"])
                response = answer(
                    APIError(status: .internalServerError, message: "the server could not answer: \(error)"),
                    path: path)
            }
        }
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(path)", "query": "\(request.uri.query ?? "")",
                "status": "\(response.status.code)", "micros": "\(micros)", "client": "\(context.client)",
            ])
        return response
    }

    private func answer(_ error: APIError, path: String) -> Response {
        path.hasPrefix("/api/") || path == "/health"
            ? Responses.json(error.json, status: error.status)
            : Responses.html(Pages.error(error), status: error.status)
    }
}
