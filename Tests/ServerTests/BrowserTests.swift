import Foundation
import Testing

/// The search page in a real browser: headless Chromium (Debian's `chromium`), when it is
/// installed (`.ci/run` installs it).
@Suite(.serialized, .enabled(if: Browser.chromium != nil, "needs chromium (apt-get install chromium)"))
struct BrowserTests {
    @Test func typingAQueryAndPressingEnterShowsTheResults() async throws {
        let fixture = try Fixture()
        let server = try await RunningServer(fixture)
        let output = try await Browser.run(
            "/usr/bin/env",
            [
                "python3", CLI.repository + "/scripts/browser-test.py", "http://127.0.0.1:\(server.port)/",
                "sinh hoat chi bo",
            ])
        await server.stop()
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text.hasPrefix("5 hits for 'sinh hoat chi bo' at /?q=sinh+hoat+chi+bo"))
    }

    @Test func theResultsPageRendersInChromium() async throws {
        let fixture = try Fixture()
        let server = try await RunningServer(fixture)
        let chromium = try #require(Browser.chromium)
        let profile = NSTemporaryDirectory() + "vietsearch-dom-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let output = try await Browser.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile, "--dump-dom",
                "http://127.0.0.1:\(server.port)/?q=b%C3%B3ng+%C4%91%C3%A1",
            ])
        await server.stop()
        #expect(output.status == 0)
        // The hostile title is text in the page, not markup.
        #expect(output.text.contains("&lt;script&gt;alert('tiêu đề')&lt;/script&gt; Bóng đá &amp; \"Hà Nội\""))
        #expect(output.text.components(separatedBy: "<article class=\"hit\">").count == 2)
    }
}

enum Browser {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs a program on a thread of its own (the server under test needs the cooperative
    /// ones); its status and its standard output and error together.
    static func run(_ program: String, _ arguments: [String]) async throws -> (status: Int32, text: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(program, arguments) })
            }
        }
    }

    private static func runBlocking(_ program: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
