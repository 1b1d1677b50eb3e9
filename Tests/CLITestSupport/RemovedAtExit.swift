import Foundation
import Synchronization

/// Temporary folders removed when the test process exits: a fixture held by a
/// `static let` is never released, so its `deinit` alone would leave its folder behind.
public enum RemovedAtExit {
    /// Locked: static fixtures of suites that run in parallel may be made at the same time.
    private static let folders = Mutex<[String]>([])

    /// Removes `folder` (and all it holds) when the process exits (`atexit`).
    public static func add(_ folder: String) {
        let isFirst = folders.withLock {
            $0.append(folder)
            return $0.count == 1
        }
        if isFirst {
            atexit {
                for folder in RemovedAtExit.folders.withLock({ $0 }) {
                    try? FileManager.default.removeItem(atPath: folder)
                }
            }
        }
    }
}
