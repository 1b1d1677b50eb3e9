import Foundation

/// Where the built `vietsearch` program and the repository are, for tests that run the
/// program as a user would.
public enum CLIProgram {
    /// The program, next to the test runner among the built executables.
    public static let binary: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.isExecutableFile(atPath: url.path + "/vietsearch") {
            url.deleteLastPathComponent()
        }
        return url.path + "/vietsearch"
    }()

    /// The repository's root folder (the one holding Package.swift).
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.path + "/Package.swift") { url.deleteLastPathComponent() }
        return url.path
    }()
}
