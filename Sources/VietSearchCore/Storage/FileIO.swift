#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small POSIX file helpers: whole-file reads and writes, fsync, rename, listing.
enum FileIO {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func makeDirectory(_ path: String) throws(IndexError) {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if !isDirectory(prefix) && mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw IndexError.io(path: prefix, reason: String(cString: strerror(errno)))
            }
            prefix += "/"
        }
    }

    /// The bytes of `range` of the file at `path` (fewer if the file is shorter).
    static func read(_ path: String, range: Range<Int>) throws(IndexError) -> [UInt8] {
        try read(path) { _ in range }
    }

    /// The whole file at `path`.
    static func read(_ path: String) throws(IndexError) -> [UInt8] {
        try read(path) { size in 0..<size }
    }

    /// The bytes of the range `wanted` chooses from the file's size, read with pread.
    private static func read(_ path: String, _ wanted: (Int) -> Range<Int>) throws(IndexError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        let range = wanted(Int(info.st_size))
        var result = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < result.count {
            let n = result.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, $0.count - done, off_t(range.lowerBound + done))
            }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
                break
            }
            done += n
        }
        return Array(result.prefix(done))
    }

    /// A test's injected failure: given an operation (`write`, `fsync`, `fsync folder`) and
    /// a path, the errno it fails with, or nil. Tests scope it to their own folders.
    nonisolated(unsafe) static var injectedFailure: ((_ operation: String, _ path: String) -> Int32?)?

    private static func injected(_ operation: String, _ path: String) -> Int32? {
        injectedFailure?(operation, path)
    }

    /// Writes `bytes` to a new file and fsyncs it; on failure the partial file is removed.
    static func write(_ bytes: [UInt8], to path: String) throws(IndexError) {
        do {
            try writeFile(bytes, to: path)
        } catch {
            unlink(path)
            throw error
        }
    }

    private static func writeFile(_ bytes: [UInt8], to path: String) throws(IndexError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var done = 0
        if let failure = injected("write", path) {
            throw IndexError.io(path: path, reason: String(cString: strerror(failure)))
        }
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IndexError.io(path: path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        guard injected("fsync", path) == nil, fsync(fd) == 0 else {
            throw IndexError.io(path: path, reason: String(cString: strerror(injected("fsync", path) ?? errno)))
        }
    }

    /// Replaces `path` atomically: write a temporary file, fsync, rename, fsync the folder.
    /// A crash at any moment leaves either the old file or the new one, whole.
    static func atomicWrite(_ bytes: [UInt8], to path: String, beforeRename: () throws -> Void = {}) throws {
        let temporary = path + ".tmp"
        try write(bytes, to: temporary)
        try beforeRename()
        guard rename(temporary, path) == 0 else {
            throw IndexError.io(path: path, reason: String(cString: strerror(errno)))
        }
        try syncDirectory(of: path)
    }

    /// Makes a rename in the folder of `path` durable. An I/O error fails (the rename may
    /// not survive a crash); a file system that cannot sync folders (EINVAL) is accepted.
    static func syncDirectory(of path: String) throws(IndexError) {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = folder.isEmpty ? "." : folder
        let fd = open(name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let failure = injected("fsync folder", name) ?? (fsync(fd) == 0 ? nil : errno)
        if let failure, failure != EINVAL {
            throw IndexError.io(path: name, reason: "syncing the folder failed: " + String(cString: strerror(failure)))
        }
    }

    static func remove(_ path: String) { unlink(path) }

    static func list(_ folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}

/// An exclusive writer lock on an index folder (flock on `LOCK`). The kernel releases it
/// when the process ends, so a crashed writer never leaves a stale lock behind.
final class WriterLock {
    private let fd: Int32

    init(folder: String) throws(IndexError) {
        let path = folder + "/LOCK"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw IndexError.locked(path: folder)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
