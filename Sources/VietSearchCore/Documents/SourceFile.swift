/// A file that `SourceScanner` found and that `ArticleReader` can read.
public struct SourceFile: Sendable, Equatable {
    /// The path as found (the user's path, or a folder path they gave joined with the
    /// names below it); usable to open the file.
    public var path: String
    /// The path relative to the folder the user gave, or the file name when they gave
    /// the file itself. Used as the article id and source of text, Markdown and HTML files.
    public var relativePath: String
    /// Size in bytes.
    public var size: Int
    /// Modification time, in seconds since 1970.
    public var modified: Double
    /// How the file is read, from its extension.
    public var kind: SourceKind

    /// The folder the user gave (for a file they gave by name, the folder holding it):
    /// `path` without `relativePath`.
    public var folder: String {
        guard path.hasSuffix(relativePath) else { return "." }
        let folder = path.dropLast(relativePath.count)
        let trimmed = folder.hasSuffix("/") && folder.count > 1 ? folder.dropLast() : folder
        return trimmed.isEmpty ? "." : String(trimmed)
    }

    public init(path: String, relativePath: String, size: Int, modified: Double, kind: SourceKind) {
        self.path = path
        self.relativePath = relativePath
        self.size = size
        self.modified = modified
        self.kind = kind
    }
}

/// The formats VietSearch reads, named by file extension (case-insensitive).
public enum SourceKind: Sendable, Equatable, CaseIterable {
    /// `.txt`: one article per file.
    case text
    /// `.md`, `.markdown`: one article per file.
    case markdown
    /// `.html`, `.htm`: one article per page.
    case html
    /// `.jsonl`: one article per line.
    case jsonl
    /// `.docx` (Word): one article per document.
    case docx
    /// `.pdf`: one article per file, its text from Poppler's `pdftotext`.
    case pdf

    /// The kind for a file name or path, or nil when its extension is not one of ours.
    public init?(fileName: String) {
        let name = fileName.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "jsonl": self = .jsonl
        case "docx": self = .docx
        case "pdf": self = .pdf
        default: return nil
        }
    }

    /// The extensions, as listed in messages.
    static let extensionList = ".txt, .md, .html, .htm, .jsonl, .docx or .pdf"
}

/// A file (or folder) that `index` found and did not read as articles, and why.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

extension SkippedFile {
    // Why `SourceScanner` skips a name in a folder.
    static let hidden = "hidden (name starts with \".\")"
    static let unsupported = "unsupported file type"
    static let folderDocumentation = "README-style file (documents the folder)"
    static let savedPageFiles = "the files of a saved web page (images, scripts), next to its .html"
    static let notRegular = "not a regular file"
}
