/// A request that cannot be answered as asked (a bad parameter, a text that is not a
/// directive): the caller's to fix. The CLI shows the message as a usage error; the server
/// answers 400 with it.
public struct RequestError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
