import Hummingbird
import NIOCore

/// A request's context: Hummingbird's, plus the connection it came on (for the rate
/// limit and the access log).
struct ServerContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The connection as the log and the rate limit name it: `127.0.0.1:53412`.
    var client: String {
        guard let remoteAddress else { return "unknown" }
        return "\(remoteAddress.ipAddress ?? "?"):\(remoteAddress.port ?? 0)"
    }
}
