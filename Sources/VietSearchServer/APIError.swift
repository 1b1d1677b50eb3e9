import HTTPTypes
import Hummingbird
import VietSearchCore

/// An answer other than 200, as JSON `{"error": {"status": 400, "message": "..."}}` from
/// `/api/` and as a page elsewhere.
struct APIError: Error, CustomStringConvertible {
    let status: HTTPResponse.Status
    let message: String

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    var description: String { "\(status.code): \(message)" }

    var json: JSON {
        .object([("error", .object([("status", .int(status.code)), ("message", .string(message))]))])
    }
}
