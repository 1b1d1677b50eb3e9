import Synchronization
import VietAnalysis

/// Analyzers for concurrent requests: an analyzer serves one request at a time, and is
/// kept for the next (making one sets up ICU).
final class AnalyzerPool: Sendable {
    private let idle = Mutex<[Box]>([])

    /// An analyzer lent to one request.
    final class Box: @unchecked Sendable {
        let analyzer: Analyzer
        init(_ analyzer: Analyzer) { self.analyzer = analyzer }
    }

    /// Runs `body` with an analyzer no other request uses meanwhile.
    func with<T>(_ body: (Analyzer) throws -> T) throws -> T {
        let box = try idle.withLock { $0.popLast() } ?? Box(Analyzer())
        defer { idle.withLock { $0.append(box) } }
        return try body(box.analyzer)
    }
}
