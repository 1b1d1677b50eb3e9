#if canImport(Glibc)
    import Glibc
#endif

/// 16 random bytes that name what a file belongs to: a segment (all of its files carry its
/// id), one deletions file, one manifest. The commit records the ids it expects, so a file
/// of another segment or generation put in a file's place is damage, as Lucene's segment id
/// makes it.
struct FileID: Hashable, Codable, Sendable, CustomStringConvertible {
    static let size = 16
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A new id from the system's random source.
    static func random() -> FileID {
        var generator = SystemRandomNumberGenerator()
        return FileID(bytes: (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The id of files no commit names by id (`COMMIT` itself).
    static let none = FileID(bytes: [UInt8](repeating: 0, count: size))

    var description: String { bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let digits = Array(text.utf8)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        guard digits.count == 2 * Self.size else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad id"))
        }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[i]), let low = value(digits[i + 1]) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad id"))
            }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The frame every index file shares (see docs/FORMAT.md):
///
///     File   --> Header, Body, Footer
///     Header --> "VNSE", Kind (4 ASCII bytes), FormatVersion (u32), ID (16 bytes)
///     Footer --> BodyLength (u64), CRC32 of Header+Body (u32), "ESNV"
///
/// Opening a file checks the header, the kind, the version, the id, the footer magic and
/// the length, so truncation and misplaced files are caught at once; `verifyChecksum`
/// reads every byte.
enum FileFormat {
    static let version: UInt32 = 9
    static let headerSize = 28
    static let footerSize = 16
    static let magic: [UInt8] = Array("VNSE".utf8)
    static let footerMagic: [UInt8] = Array("ESNV".utf8)

    /// The kinds of file in an index, by their 4-byte tag and file extension.
    enum Kind: String, CaseIterable {
        case terms = "TERM"
        case postings = "POST"
        case positions = "POSI"
        case norms = "NORM"
        case store = "STOR"
        case citations = "CITE"
        case pairs = "PAIR"
        case columns = "COLS"
        case deletes = "DELS"
        case manifest = "MANI"
        case commit = "CMIT"

        var fileExtension: String {
            switch self {
            case .terms: "terms"
            case .postings: "post"
            case .positions: "pos"
            case .norms: "norms"
            case .store: "store"
            case .citations: "cite"
            case .pairs: "pairs"
            case .columns: "cols"
            case .deletes: "del"
            case .manifest: "manifest"
            case .commit: "commit"
            }
        }

        /// The name of segment `segment`'s file of this kind (`s3.terms`).
        func fileName(segment: String) -> String { segment + "." + fileExtension }

        /// The files every segment has: the one list of them.
        static let segmentFiles: [Kind] = [
            .terms, .postings, .positions, .norms, .store, .citations, .pairs, .columns,
        ]

        init?(fileExtension: String) {
            guard let kind = Kind.allCases.first(where: { $0.fileExtension == fileExtension }) else { return nil }
            self = kind
        }
    }

    /// Frames `body` as a file of `kind` belonging to `id`.
    static func frame(_ body: [UInt8], kind: Kind, id: FileID) -> [UInt8] {
        var writer = ByteWriter(capacity: body.count + headerSize + footerSize)
        writer.append(magic)
        writer.append(Array(kind.rawValue.utf8))
        writer.u32(version)
        writer.append(id.bytes)
        writer.append(body)
        let crc = writer.bytes.withUnsafeBytes { CRC32.checksum($0) }
        writer.u64(UInt64(body.count))
        writer.u32(crc)
        writer.append(footerMagic)
        return writer.bytes
    }

    /// Checks the frame of a mapped file (and its id, when given) and returns the range of
    /// its body.
    static func body(of bytes: UnsafeRawBufferPointer, kind: Kind, file: String, id: FileID? = nil) throws -> Range<
        Int
    > {
        guard bytes.count >= headerSize + footerSize else {
            throw CorruptIndexError(
                file: file, reason: "truncated: \(bytes.count) bytes is shorter than a header and footer")
        }
        guard Array(bytes[0..<4]) == magic else {
            throw CorruptIndexError(file: file, offset: 0, reason: "not a VietSearch index file (bad magic)")
        }
        guard Array(bytes[4..<8]) == Array(kind.rawValue.utf8) else {
            throw CorruptIndexError(file: file, offset: 4, reason: "wrong file kind, expected \(kind.rawValue)")
        }
        let version = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        if version > self.version { throw IndexError.formatTooNew(file: file, version: Int(version)) }
        if version < self.version { throw IndexError.formatTooOld(file: file, version: Int(version)) }
        if let id, Array(bytes[12..<headerSize]) != id.bytes {
            throw CorruptIndexError(
                file: file, offset: 12,
                reason:
                    "belongs to another segment or generation (id \(FileID(bytes: Array(bytes[12..<headerSize]))), the commit expects \(id))"
            )
        }
        let footer = bytes.count - footerSize
        guard Array(bytes[(footer + 12)..<(footer + 16)]) == footerMagic else {
            throw CorruptIndexError(file: file, offset: footer, reason: "truncated or damaged: the footer is missing")
        }
        let length = bytes.loadUnaligned(fromByteOffset: footer, as: UInt64.self).littleEndian
        guard length == UInt64(footer - headerSize) else {
            throw CorruptIndexError(
                file: file, offset: footer,
                reason: "truncated: length \(footer - headerSize) where the footer says \(length)")
        }
        return headerSize..<footer
    }

    /// Recomputes the CRC32 of the header and body and compares it with the footer's.
    static func verifyChecksum(of bytes: UnsafeRawBufferPointer, file: String) throws {
        let footer = bytes.count - footerSize
        let stored = bytes.loadUnaligned(fromByteOffset: footer + 8, as: UInt32.self).littleEndian
        let actual = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<footer]))
        guard stored == actual else {
            throw CorruptIndexError(
                file: file, reason: "checksum mismatch (stored \(hex(stored)), computed \(hex(actual)))")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
