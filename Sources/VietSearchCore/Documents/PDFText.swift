import Foundation

/// The text of a PDF file, from Poppler's `pdftotext` (Debian: poppler-utils) when it is
/// on the `PATH`. The PDF is written to a temporary file and `pdftotext -enc UTF-8 -q FILE -`
/// is run on it directly (no shell), with a time limit; its standard output is the text.
enum PDFText {
    /// Why a PDF gives no text.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// `pdftotext` is not installed: the file is skipped and read on a later run.
        case toolMissing
        case failed(status: Int32, message: String)
        case timedOut(seconds: Int)

        var description: String {
            switch self {
            case .toolMissing:
                "PDF skipped: pdftotext is not installed (Debian: apt-get install poppler-utils)"
            case .failed(let status, let message) where status < 0: "pdftotext failed (\(message)); skipped"
            case .failed(let status, let message):
                "pdftotext failed (exit status \(status)\(message.isEmpty ? "" : ": " + message)); skipped"
            case .timedOut(let seconds): "pdftotext took over \(seconds) s; skipped"
            }
        }
    }

    /// How long one PDF may take.
    static let timeout = 120

    /// The `pdftotext` on the `PATH`, found once.
    static let tool: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/pdftotext" }.first { access($0, X_OK) == 0 }
    }()

    /// The text of the PDF `bytes`, read by `tool`.
    static func read(_ bytes: [UInt8], tool: String? = PDFText.tool) -> Result<String, Failure> {
        guard let tool else { return .failure(.toolMissing) }
        var template = Array((NSTemporaryDirectory() + "/vietsearch-pdf-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { return .failure(.failed(status: -1, message: "cannot write a temporary file")) }
        let path = String(cString: template)
        defer { unlink(path) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else {
            return .failure(.failed(status: -1, message: "cannot write a temporary file"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-enc", "UTF-8", "-q", path, "-"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(.failed(status: -1, message: "\(error.localizedDescription)"))
        }
        let expired = Box()
        let timer = DispatchWorkItem {
            guard process.isRunning else { return }
            expired.flag = true
            process.terminate()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeout), execute: timer)
        // Standard error on another thread, so that neither pipe fills while the other is read.
        let errorText = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorText.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let text = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        if expired.flag { return .failure(.timedOut(seconds: timeout)) }
        if process.terminationReason == .uncaughtSignal {
            return .failure(.failed(status: -1, message: "killed by signal \(process.terminationStatus)"))
        }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorText.data, as: UTF8.self).split(separator: "\n").first ?? ""
            return .failure(.failed(status: process.terminationStatus, message: String(message.prefix(200))))
        }
        // Pages are separated by form feeds.
        return .success(String(decoding: text, as: UTF8.self).replacingOccurrences(of: "\u{0C}", with: "\n"))
    }

    /// What the helper threads hand back.
    private final class Box: @unchecked Sendable {
        var data = Data()
        var flag = false
    }
}
