import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// When the commands that highlight (search, cite) use bold.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// The `--color auto|always|never` option of the commands that highlight.
struct ColorOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Bold highlights: auto (when standard output is a terminal, NO_COLOR is unset or empty and TERM is not dumb), always or never.",
            valueName: "when"))
    var color: ColorChoice = .auto

    /// Whether this run's standard output gets bold.
    var bold: Bool {
        Terminal.usesColor(
            color, environment: ProcessInfo.processInfo.environment, isTerminal: Terminal.stdoutIsTerminal)
    }
}

extension Terminal {
    /// `always` and `never` as said; `auto` on a terminal only, and not when `NO_COLOR` holds
    /// anything (no-color.org) or `TERM` is `dumb`. An explicit `--color always` wins over both.
    static func usesColor(_ choice: ColorChoice, environment: [String: String], isTerminal: Bool) -> Bool {
        switch choice {
        case .always: true
        case .never: false
        case .auto: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && !isDumb(environment)
        }
    }

    /// Whether `TERM` names a terminal without cursor movement or attributes.
    static func isDumb(_ environment: [String: String]) -> Bool { environment["TERM"] == "dumb" }
}
