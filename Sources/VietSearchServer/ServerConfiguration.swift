/// What `vietsearch serve` listens on and how much one request may ask.
public struct ServerConfiguration: Sendable {
    /// The index folder.
    public var folder: String
    /// Loopback unless told otherwise: the archive is not published by accident.
    public var host = "127.0.0.1"
    /// 0 picks a free port (`SearchServer.run` reports it).
    public var port = 7700
    /// Longest query (`q`, `d`) accepted, in characters.
    public var maxQueryLength = 512
    /// Largest `limit`.
    public var maxLimit = 100
    /// Largest `offset` (deep pages cost as much as all the pages before them).
    public var maxOffset = 10_000
    /// Requests per second one connection may send on average (twice that at once); 0: no limit.
    public var requestsPerSecond: Double = 200

    public init(folder: String) { self.folder = folder }
}
