import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The text of a Word document (`.docx`): a ZIP archive (read with ZIPFoundation) whose
/// `word/document.xml` holds the body and `docProps/core.xml` the properties (both read
/// with Foundation's `XMLParser`). Each paragraph (`w:p`) becomes a line; tabs and line
/// breaks inside one become a space and a line break. The title is the document's
/// `dc:title` when it has one that Word did not fill in by itself (`usableTitle`).
struct DocxText {
    /// `dc:title`, trimmed, when not empty.
    var title: String?
    /// The paragraphs, without empty ones.
    var paragraphs: [String]

    /// Why a file gives no document.
    enum Failure: Error, Equatable, CustomStringConvertible {
        case notZIP
        case noDocument
        case tooLarge
        case badXML(String)

        var description: String {
            switch self {
            case .notZIP: "not a .docx file (not a ZIP archive); skipped"
            case .noDocument: "not a .docx file (no word/document.xml); skipped"
            case .tooLarge: "word/document.xml is over \(DocxText.maxXMLBytes / 1_000_000) MB; skipped"
            case .badXML(let reason): "word/document.xml is not valid XML (\(reason)); skipped"
            }
        }
    }

    /// The most XML of one part that is decompressed (a guard against ZIP bombs).
    static let maxXMLBytes = 200_000_000

    static func read(_ bytes: [UInt8]) -> Result<DocxText, Failure> {
        guard let archive = try? Archive(data: Data(bytes), accessMode: .read) else { return .failure(.notZIP) }
        guard let entry = archive["word/document.xml"] else { return .failure(.noDocument) }
        let xml: Data
        switch extract(entry, from: archive) {
        case .success(let data): xml = data
        case .failure(let failure): return .failure(failure)
        }
        let body = WordXML(paragraphTag: "p")
        let parser = XMLParser(data: xml)
        parser.delegate = body
        // swift-corelibs' parser may return true and still have met an error.
        if !parser.parse() || parser.parserError != nil {
            return .failure(.badXML(parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"))
        }
        var title: String? = nil
        if let core = archive["docProps/core.xml"], case .success(let data) = extract(core, from: archive) {
            let properties = WordXML(paragraphTag: "title")
            let parser = XMLParser(data: data)
            parser.delegate = properties
            if parser.parse() {
                title = properties.paragraphs.first.flatMap(HTMLText.singleLine).flatMap(Self.usableTitle)
            }
        }
        return .success(DocxText(title: title, paragraphs: body.paragraphs))
    }

    /// A `dc:title` that names the document, or nil for what Word leaves there by itself
    /// ("Microsoft Word - Document1", "Slide 1", "Title").
    static func usableTitle(_ title: String) -> String? {
        let lower = title.lowercased()
        if lower.hasPrefix("microsoft word - ") || ["title", "tiêu đề", "document", "slide 1"].contains(lower) {
            return nil
        }
        return title
    }

    private static func extract(_ entry: Entry, from archive: Archive) -> Result<Data, Failure> {
        struct TooLarge: Error {}
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                data.append(chunk)
                if data.count > maxXMLBytes { throw TooLarge() }
            }
        } catch is TooLarge {
            return .failure(.tooLarge)
        } catch {
            return .failure(.badXML("\(error)"))
        }
        return .success(data)
    }

    /// The article: the title as `ArticleReader` finds it in a text file unless the
    /// document has a `dc:title`; nil when there is no text.
    func article(file: SourceFile) -> Article? {
        let text = paragraphs.joined(separator: "\n")
        guard let title else { return ArticleReader.plainText(text, file: file) }
        guard !text.isBlank else { return nil }
        return Article(
            id: file.relativePath, title: title, date: DateExtractor.date(in: text), source: file.relativePath,
            body: String(text.trimmingWhitespace()))
    }
}

/// Collects the text of the elements named `paragraphTag` (by local name) of a WordprocessingML
/// part: `w:t` text, `w:tab` as a space, `w:br` and `w:cr` as a line break.
private final class WordXML: NSObject, XMLParserDelegate {
    let paragraphTag: String
    var paragraphs: [String] = []
    private var current = ""
    private var depth = 0
    private var inText = false

    init(paragraphTag: String) { self.paragraphTag = paragraphTag }

    private static func local(_ name: String) -> Substring {
        name.split(separator: ":").last ?? name[...]
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = Self.local(elementName)
        if name == paragraphTag {
            depth += 1
        } else if depth > 0 {
            switch name {
            case "t": inText = true
            case "tab": current += " "
            case "br", "cr": current += "\n"
            default: break
            }
        }
        // dc:title holds its text directly.
        if name == paragraphTag && paragraphTag == "title" { inText = true }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        let name = Self.local(elementName)
        if name == "t" { inText = paragraphTag == "title" && depth > 0 }
        guard name == paragraphTag, depth > 0 else { return }
        depth -= 1
        inText = false
        if depth == 0 {
            let text = current.trimmingWhitespace()
            if !text.isEmpty { paragraphs.append(String(text)) }
            current = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && depth > 0 { current += string }
    }
}
