/// The frame every index file shares (see docs/FORMAT.md):
///
///     File   --> Header, Body, Footer
///     Header --> "VNSE", Kind (4 ASCII bytes), FormatVersion (u32)
///     Footer --> BodyLength (u64), CRC32 of Header+Body (u32), "ESNV"
///
/// Opening a file checks the header, the kind, the version, the footer magic and the
/// length, so truncation is caught at once; `verifyChecksum` reads every byte.
enum FileFormat {
    static let version: UInt32 = 6
    static let headerSize = 12
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
            case .deletes: "del"
            case .manifest: "manifest"
            case .commit: "commit"
            }
        }

        /// The files every segment has.
        static let segmentFiles: [Kind] = [.terms, .postings, .positions, .norms, .store, .citations, .pairs]

        init?(fileExtension: String) {
            guard let kind = Kind.allCases.first(where: { $0.fileExtension == fileExtension }) else { return nil }
            self = kind
        }
    }

    /// Frames `body` as a file of `kind`.
    static func frame(_ body: [UInt8], kind: Kind) -> [UInt8] {
        var writer = ByteWriter(capacity: body.count + headerSize + footerSize)
        writer.append(magic)
        writer.append(Array(kind.rawValue.utf8))
        writer.u32(version)
        writer.append(body)
        let crc = writer.bytes.withUnsafeBytes { CRC32.checksum($0) }
        writer.u64(UInt64(body.count))
        writer.u32(crc)
        writer.append(footerMagic)
        return writer.bytes
    }

    /// Checks the frame of a mapped file and returns the range of its body.
    static func body(of bytes: UnsafeRawBufferPointer, kind: Kind, file: String) throws -> Range<Int> {
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
