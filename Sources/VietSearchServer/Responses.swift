import HTTPTypes
import Hummingbird
import VietSearchCore

/// How the server's answers are written: JSON and HTML with the headers every answer
/// carries (no sniffing, no referrer, and for pages a policy that allows nothing but the
/// page's own inline style and forms).
enum Responses {
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        // A line feed ends it, as `vietsearch ... --json` prints it.
        body(value.serialized() + "\n", type: "application/json; charset=utf-8", status: status)
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = body(page, type: "text/html; charset=utf-8", status: status)
        response.headers[contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        return response
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[contentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "no-referrer"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let retryAfter = HTTPField.Name("Retry-After")!
}
