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
    ///
    /// Symbolic links inside a folder are followed when they lead inside one of the folders
    /// given; a link leading elsewhere is skipped and reported, unless `followingLinksOutside`
    /// (then it is indexed, and reported). A name that is not UTF-8, or a path longer than
    /// `PATH_MAX`, is skipped and reported.
    ///
    /// What a folder holds and is not read is listed in `skipped` with why: hidden names,
    /// other extensions, folder documentation, and the folder of a page saved by a browser
    /// (`X_files/` next to `X.html` or `X.htm`: the page's images, scripts and styles, not
    /// articles), which is not entered.
    public static func scan(_ paths: [String], followingLinksOutside: Bool = false) -> (
        files: [SourceFile], problems: [InputProblem], skipped: [SkippedFile]
    ) {
        var walk = Walk()
        walk.followOutside = followingLinksOutside
        walk.roots = paths.compactMap { path in realPath(path).map { $0 == "/" ? $0 : $0 + "/" } }
        for path in paths { walk.visit(argument: path) }
        walk.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (walk.files, walk.problems, walk.skipped)
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
        var skipped: [SkippedFile] = []
        /// The folders and files given, resolved, each ending in "/".
        var roots: [String] = []
        var followOutside = false
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
            guard let names = SourceScanner.names(in: folder) else {
                problems.append(InputProblem(file: folder, message: "cannot read folder"))
                return
            }
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            let savedPages = Set(
                names.compactMap { raw -> String? in
                    let name = String(decoding: raw, as: UTF8.self)
                    let lower = name.lowercased()
                    guard lower.hasSuffix(".html") || lower.hasSuffix(".htm") else { return nil }
                    return String(name[..<name.lastIndex(of: ".")!]) + "_files"
                })
            for raw in names {
                if raw.first == UInt8(ascii: ".") {
                    skipped.append(
                        SkippedFile(path: prefix + String(decoding: raw, as: UTF8.self), reason: SkippedFile.hidden))
                    continue
                }
                guard let name = String(validating: raw, as: UTF8.self) else {
                    problems.append(
                        InputProblem(
                            file: prefix + String(decoding: raw, as: UTF8.self),
                            message: "the file name is not UTF-8; skipped (rename it to index it)"))
                    continue
                }
                let path = prefix + name
                guard path.utf8.count < Int(PATH_MAX) else {
                    problems.append(
                        InputProblem(
                            file: String(path.prefix(200)) + "…",
                            message: "the path is longer than \(PATH_MAX) bytes; skipped"))
                    continue
                }
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                guard let entry = SourceScanner.status(path) else { continue }  // dangling symlink
                if SourceScanner.isLink(path), let target = SourceScanner.realPath(path),
                    !roots.contains(where: { (target + (entry.isDirectory ? "/" : "")).hasPrefix($0) })
                {
                    guard followOutside else {
                        problems.append(
                            InputProblem(
                                file: path,
                                message:
                                    "a link to \(target), outside the folders given; skipped (--follow-symlinks indexes it)"
                            ))
                        continue
                    }
                    problems.append(
                        InputProblem(file: path, message: "followed a link to \(target), outside the folders given"))
                }
                if entry.isDirectory {
                    if savedPages.contains(name) {
                        skipped.append(SkippedFile(path: path + "/", reason: SkippedFile.savedPageFiles))
                    } else {
                        walkFolder(path, relative: relativePath, status: entry)
                    }
                } else if !entry.isRegular {
                    skipped.append(SkippedFile(path: path, reason: SkippedFile.notRegular))
                } else if let kind = SourceKind(fileName: name) {
                    if SourceScanner.isFolderDocumentation(name) {
                        skipped.append(SkippedFile(path: path, reason: SkippedFile.folderDocumentation))
                    } else {
                        add(path: path, relativePath: relativePath, kind: kind, status: entry)
                    }
                } else {
                    skipped.append(SkippedFile(path: path, reason: SkippedFile.unsupported))
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

    /// The entries of a folder as raw name bytes, sorted bytewise (nil when unreadable).
    private static func names(in folder: String) -> [[UInt8]]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Whether `path` itself is a symbolic link.
    private static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The absolute path with every link resolved, or nil.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
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
