import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an index's files live, by plain name (`s3.terms`, `COMMIT`): a folder
/// (`FileSystemDirectory`) or memory (`MemoryDirectory`, for tests). As Tantivy's
/// `Directory`, it is write once, read many: a file is written whole and never changed,
/// except the commit point `COMMIT`, which is replaced atomically. The writer and the
/// readers reach the index only through it; `DirectoryConformanceTests` holds every
/// implementation to the same behaviour.
protocol Directory: AnyObject, Sendable {
    /// What messages call the directory: the folder's path. A file's path in messages is
    /// `path(of:)`.
    var location: String { get }
    /// The names of its files, sorted.
    func list() -> [String]
    func exists(_ name: String) -> Bool
    /// The size of file `name` in bytes, 0 when there is none.
    func size(of name: String) -> Int
    /// The whole file.
    func read(_ name: String) throws -> [UInt8]
    /// The bytes of `range` of the file (fewer when the file is shorter).
    func read(_ name: String, range: Range<Int>) throws -> [UInt8]
    /// The file's bytes, read-only, for as long as the result lives (a file deleted
    /// meanwhile stays readable through it, as a mapped file does).
    func map(_ name: String) throws -> ReadOnlyFile
    /// Writes a new file, durably (fsync) before it returns; on failure no part of it stays.
    func write(_ bytes: [UInt8], to name: String) throws
    /// Replaces (or creates) `name` atomically: a temporary file `name.tmp` written and
    /// synced, `beforeRename` (a test hook for interrupted commits), then renamed over
    /// `name` and the rename made durable. A crash at any moment leaves the old file or
    /// the new one, whole.
    func atomicWrite(_ bytes: [UInt8], to name: String, beforeRename: () throws -> Void) throws
    /// Renames a file (a damaged commit moved aside).
    func rename(_ name: String, to newName: String) throws
    /// Deletes a file; nothing when there is none.
    func delete(_ name: String)
    /// The writer lock, held until the result is released; throws `IndexError.locked` while
    /// another writer (of this process or another) holds it.
    func lock() throws -> AnyObject
}

extension Directory {
    /// How messages name file `name`.
    func path(of name: String) -> String { location + "/" + name }

    /// Whether file `name` starts as an index file does (the frame's magic): what the
    /// writer checks before it deletes a file, so that a user's file that merely has an
    /// index file's name is never removed.
    func carriesHeader(_ name: String) -> Bool {
        (try? read(name, range: 0..<FileFormat.magic.count)) == FileFormat.magic
    }
}

/// The bytes of one index file, read-only: a memory map of a file on disk
/// (`FileSystemDirectory`), or a buffer of its own (`MemoryDirectory`). Readers index
/// `bytes` directly either way, so a search costs the same on both.
final class ReadOnlyFile: @unchecked Sendable {
    /// How messages name the file.
    let path: String
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps the file at `path`: it is then read lazily, page by page, as queries touch it.
    init(mapping path: String) throws(IndexError) {
        self.path = path
        mapped = true
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw IndexError.io(path: path, reason: String(cString: strerror(errno)))
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// A buffer holding a copy of `contents`.
    init(copying contents: [UInt8], path: String) {
        self.path = path
        mapped = false
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, contents.count), alignment: 16)
        contents.withUnsafeBytes { buffer.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<contents.count])
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}

/// An index in a folder of the file system: files read with pread or mapped, written with
/// write and fsync, replaced by rename, the writer lock a `flock` on `LOCK`.
final class FileSystemDirectory: Directory {
    let folder: String
    var location: String { folder }

    init(folder: String) { self.folder = folder }

    /// Creates the folder (and its parents) when it does not exist.
    func create() throws {
        try FileIO.makeDirectory(folder)
    }

    /// Removes the folder if it is empty.
    func removeIfEmpty() { rmdir(folder) }

    var folderExists: Bool { FileIO.exists(folder) }

    func list() -> [String] { FileIO.list(folder) }
    func exists(_ name: String) -> Bool { FileIO.exists(path(of: name)) }
    func size(of name: String) -> Int { FileIO.size(path(of: name)) }
    func read(_ name: String) throws -> [UInt8] { try FileIO.read(path(of: name)) }
    func read(_ name: String, range: Range<Int>) throws -> [UInt8] { try FileIO.read(path(of: name), range: range) }
    func map(_ name: String) throws -> ReadOnlyFile { try ReadOnlyFile(mapping: path(of: name)) }
    func write(_ bytes: [UInt8], to name: String) throws { try FileIO.write(bytes, to: path(of: name)) }

    func atomicWrite(_ bytes: [UInt8], to name: String, beforeRename: () throws -> Void) throws {
        try FileIO.atomicWrite(bytes, to: path(of: name), beforeRename: beforeRename)
    }

    func rename(_ name: String, to newName: String) throws {
        guard Glibc.rename(path(of: name), path(of: newName)) == 0 else {
            throw IndexError.io(path: path(of: name), reason: String(cString: strerror(errno)))
        }
    }

    func delete(_ name: String) { FileIO.remove(path(of: name)) }
    func lock() throws -> AnyObject { try WriterLock(folder: folder) }
}

/// An index held in memory, for tests: files are immutable buffers, shared with the
/// readers that map them (so a reader keeps a file a writer has deleted since). Safe to
/// use from several threads.
final class MemoryDirectory: Directory {
    let location: String
    private let state = Mutex(State())

    private struct State {
        var files: [String: ReadOnlyFile] = [:]
        var locked = false
    }

    init(location: String = "memory") { self.location = location }

    private func file(_ name: String) throws -> ReadOnlyFile {
        guard let file = state.withLock({ $0.files[name] }) else {
            throw IndexError.io(path: path(of: name), reason: String(cString: strerror(ENOENT)))
        }
        return file
    }

    func list() -> [String] { state.withLock { $0.files.keys.sorted() } }
    func exists(_ name: String) -> Bool { state.withLock { $0.files[name] != nil } }
    func size(of name: String) -> Int { state.withLock { $0.files[name]?.bytes.count ?? 0 } }
    func read(_ name: String) throws -> [UInt8] { Array(try file(name).bytes) }

    func read(_ name: String, range: Range<Int>) throws -> [UInt8] {
        let bytes = try file(name).bytes
        let clamped = range.clamped(to: 0..<bytes.count)
        return Array(bytes[clamped])
    }

    func map(_ name: String) throws -> ReadOnlyFile { try file(name) }

    func write(_ bytes: [UInt8], to name: String) throws {
        let file = ReadOnlyFile(copying: bytes, path: path(of: name))
        state.withLock { $0.files[name] = file }
    }

    func atomicWrite(_ bytes: [UInt8], to name: String, beforeRename: () throws -> Void) throws {
        try write(bytes, to: name + ".tmp")
        try beforeRename()
        try rename(name + ".tmp", to: name)
    }

    func rename(_ name: String, to newName: String) throws {
        let old = try file(name)
        // The file keeps its bytes; only messages name it anew.
        let renamed = ReadOnlyFile(copying: Array(old.bytes), path: path(of: newName))
        state.withLock {
            $0.files[name] = nil
            $0.files[newName] = renamed
        }
    }

    func delete(_ name: String) { state.withLock { $0.files[name] = nil } }

    func lock() throws -> AnyObject {
        let taken = state.withLock { state in
            defer { state.locked = true }
            return state.locked
        }
        if taken { throw IndexError.locked(path: location) }
        return Held(self)
    }

    /// The lock of a memory directory: released when the holder lets it go.
    private final class Held {
        let directory: MemoryDirectory
        init(_ directory: MemoryDirectory) { self.directory = directory }
        deinit { directory.state.withLock { $0.locked = false } }
    }
}
