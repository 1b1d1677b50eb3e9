import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `--index DIR` option every command takes.
struct IndexLocation: ParsableArguments {
    @Option(
        name: .customLong("index"),
        help: "Index folder (default: $VIETSEARCH_INDEX, else .vietsearch in the current folder).")
    var path: String?

    func validate() throws {
        if let path, path.allSatisfy(\.isWhitespace) {
            throw ValidationError("--index needs a folder name.")
        }
    }

    var folder: String {
        if let path { return path }
        if let env = ProcessInfo.processInfo.environment["VIETSEARCH_INDEX"], !env.isEmpty { return env }
        return ".vietsearch"
    }
}
