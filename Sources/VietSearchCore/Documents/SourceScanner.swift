#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the article files under the paths the user gave.
public enum SourceScanner {
    /// Lists the readable files among `paths`: each path is a file or a folder, searched
    /// recursively. Names starting with "." are skipped inside folders, and so are files
    /// with other extensions and folder documentation (`README.md`, `SOURCE.md`, see
    /// `isFolderDocumentation`); a file given directly with another extension, a missing
    /// path or an unreadable folder is a problem. A file reached twice (for example
    /// through a folder and by name) is listed once. Files come sorted by path.
    public static func scan(_ paths: [String]) -> (files: [SourceFile], problems: [InputProblem]) {
        var walk = Walk()
        for path in paths { walk.visit(argument: path) }
        walk.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (walk.files, walk.problems)
    }

    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private struct Status {
        var id: FileID
        var isDirectory: Bool
        var isRegular: Bool
        var size: Int
        var modified: Double
    }

    private struct Walk {
        var files: [SourceFile] = []
        var problems: [InputProblem] = []
        var seenFiles: Set<FileID> = []
        var seenFolders: Set<FileID> = []

        mutating func visit(argument path: String) {
            guard !path.isEmpty, let status = SourceScanner.status(path) else {
                problems.append(InputProblem(file: path, message: "no such file or folder"))
                return
            }
            if status.isDirectory {
                walkFolder(path, relative: "", status: status)
            } else if !status.isRegular {
                problems.append(InputProblem(file: path, message: "not a regular file"))
            } else if let kind = SourceKind(fileName: path) {
                let name = path.split(separator: "/").last.map(String.init) ?? path
                add(path: path, relativePath: name, kind: kind, status: status)
            } else {
                problems.append(
                    InputProblem(
                        file: path, message: "unsupported file type (expected \(SourceKind.extensionList))"))
            }
        }

        mutating func walkFolder(_ folder: String, relative: String, status: Status) {
            guard seenFolders.insert(status.id).inserted else { return }  // symlink loop or repeat
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                problems.append(InputProblem(file: folder, message: "cannot read folder"))
                return
            }
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = prefix + name
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                guard let entry = SourceScanner.status(path) else { continue }  // dangling symlink
                if entry.isDirectory {
                    walkFolder(path, relative: relativePath, status: entry)
                } else if entry.isRegular, let kind = SourceKind(fileName: name),
                    !SourceScanner.isFolderDocumentation(name)
                {
                    add(path: path, relativePath: relativePath, kind: kind, status: entry)
                }
            }
        }

        mutating func add(path: String, relativePath: String, kind: SourceKind, status: Status) {
            guard seenFiles.insert(status.id).inserted else { return }
            files.append(
                SourceFile(
                    path: path, relativePath: relativePath, size: status.size, modified: status.modified,
                    kind: kind))
        }
    }

    /// Files that document a folder rather than hold an article (`README.md`, `SOURCE.md`,
    /// `LICENSE.txt`, …: the conventional upper-case names only, so an article saved as
    /// `notice.txt` is still read) are skipped when walking a folder; naming one explicitly
    /// indexes it.
    static func isFolderDocumentation(_ name: String) -> Bool {
        let stem = name.split(separator: ".").first.map(String.init) ?? ""
        return ["README", "SOURCE", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE", "COPYING"].contains(
            stem)
    }

    /// `stat` (following symbolic links), or nil when the path does not lead to anything.
    private static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Status(
            id: FileID(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino)),
            isDirectory: type == S_IFDIR, isRegular: type == S_IFREG, size: Int(info.st_size),
            modified: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }
}
