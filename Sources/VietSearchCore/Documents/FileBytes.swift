#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file into one byte array (no intermediate `Data` copy).
enum FileBytes {
    struct Failure: Error {
        /// The system's message (`strerror`).
        var reason: String
    }

    static func load(_ path: String) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(lastError()) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(lastError()) }
        let size = Int(info.st_size)
        guard size > 0 else { return .success([]) }
        var failure: Failure?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = read(descriptor, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = lastError() }
                if n <= 0 { break }
                count += n
            }
        }
        return failure.map { .failure($0) } ?? .success(bytes)
    }

    private static func lastError() -> Failure { Failure(reason: String(cString: strerror(errno))) }
}
