import Logging
import Synchronization
import VietSearchCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The index a server answers from, kept open, and reopened when a writer commits: each
/// request asks for `current()`, which looks at the `COMMIT` file (one `stat`) and opens
/// the new commit when the file was replaced. A request keeps the reader it was given, so
/// requests under way finish on the commit they started with (its files stay mapped after
/// the writer removes them).
final class LiveIndex: Sendable {
    let folder: String
    private let logger: Logger
    private let state: Mutex<State>

    private struct State {
        var reader: IndexReader
        /// `COMMIT`'s inode and change time when `reader` was opened.
        var stamp: FileStamp?
    }

    /// Which `COMMIT` file is there: an atomic rename gives it a new inode.
    struct FileStamp: Equatable {
        var inode: UInt64
        var seconds: Int
        var nanoseconds: Int

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            inode = UInt64(info.st_ino)
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
        }
    }

    /// Opens the index at `folder`; throws what `IndexReader` throws (no index, damage).
    init(folder: String, logger: Logger) throws {
        self.folder = folder
        self.logger = logger
        let stamp = FileStamp(path: folder + "/COMMIT")
        state = Mutex(State(reader: try IndexReader(folder: folder), stamp: stamp))
    }

    /// The reader of the newest commit that could be opened.
    func current() -> IndexReader {
        let (reader, stamp) = state.withLock { ($0.reader, $0.stamp) }
        guard let now = FileStamp(path: folder + "/COMMIT"), now != stamp else { return reader }
        let opened: IndexReader
        do {
            opened = try IndexReader(folder: folder)
        } catch {
            // A commit being replaced, or damage: answer from the commit we have.
            logger.warning("index reopen failed; serving the previous commit", metadata: ["error": "\(error)"])
            return reader
        }
        return state.withLock { state in
            if opened.generation > state.reader.generation {
                logger.info(
                    "index reopened",
                    metadata: [
                        "generation": "\(opened.generation)", "previous": "\(state.reader.generation)",
                        "documents": "\(opened.documentCount)",
                    ])
                state.reader = opened
            }
            state.stamp = now
            return state.reader
        }
    }
}
